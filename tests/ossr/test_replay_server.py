"""The Zenodo API replay itself (a replay of Zenodo's REST shapes, not Zenodo): what eossr and our probe rely on."""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request

import pytest


def get(url, **kw):
    with urllib.request.urlopen(url, timeout=5, **kw) as resp:
        return resp.status, resp.headers, resp.read()


def test_banner_says_replay(zenodo):
    _, _, body = get(zenodo.root + "/")
    assert "not Zenodo" in json.loads(body)["about"]


def test_double_slash_as_eossr_sends(zenodo):
    _, _, body = get(zenodo.api + "//records?communities=escape2020&type=software&type=dataset&size=2&page=1")
    data = json.loads(body)
    assert data["hits"]["total"] == 9 and len(data["hits"]["hits"]) == 2
    assert "next" in data["links"] and "aggregations" in data


def test_concept_id_redirects_to_latest(zenodo):
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as err:
        opener.open(zenodo.api + "/records/7000", timeout=5)
    assert err.value.code == 302
    assert err.value.headers["Location"].endswith("/records/7003")


def test_file_content_matches_listed_checksum(zenodo):
    _, _, body = get(zenodo.api + "/records/7031")
    entry = json.loads(body)["files"][0]
    _, _, content = get(entry["links"]["self"])
    assert entry["checksum"] == "md5:" + hashlib.md5(content).hexdigest()
    assert entry["size"] == len(content)


def test_bad_requests_answer_zenodo_errors(zenodo):
    for query, words in (("size=500", "Page size"), ("sort=random", "Invalid sort")):
        with pytest.raises(urllib.error.HTTPError) as err:
            get(f"{zenodo.api}/records?{query}")
        assert err.value.code == 400 and words in json.load(err.value)["message"]


def test_deposit_api_needs_token(zenodo):
    with pytest.raises(urllib.error.HTTPError) as err:
        get(zenodo.api + "/deposit/depositions")
    assert err.value.code == 401


async def test_status_probe_sees_replay_and_token(fetch_json):
    body = await fetch_json("status", params={"service": "software"})
    software = body["services"][0]
    assert software["reachable"] is True, software["error"]
    assert "9 records in community escape2020" in software["detail"]
    assert software["auth"] == "ok"


def test_legacy_files_post_and_new_version(zenodo):
    """eossr uploads with the older multipart files API; new versions keep the concept id."""
    import httpx

    auth = {"Authorization": "Bearer test-replay-token"}
    with httpx.Client(base_url=zenodo.api, headers=auth, timeout=5) as c:
        dep = c.post("/deposit/depositions", json={}).json()
        up = c.post(
            f"/deposit/depositions/{dep['id']}/files",
            data={"name": "a.txt"},
            files={"file": ("a.txt", b"hello OSSR\n")},
        )
        assert up.status_code == 201 and up.json()["checksum"] == hashlib.md5(b"hello OSSR\n").hexdigest()
        meta = {
            "title": "t",
            "upload_type": "software",
            "description": "d",
            "creators": [{"name": "Doe, J"}],
            "version": "1.0.0",
        }
        assert c.put(f"/deposit/depositions/{dep['id']}", json={"metadata": meta}).status_code == 200
        published = c.post(f"/deposit/depositions/{dep['id']}/actions/publish")
        assert published.status_code == 202 and published.json()["submitted"] is True
        nv = c.post(f"/deposit/depositions/{dep['id']}/actions/newversion").json()
        draft = c.get(nv["links"]["latest_draft"]).json()
        assert draft["conceptrecid"] == dep["conceptrecid"] and draft["files"][0]["filename"] == "a.txt"
        invalid = c.post(f"/deposit/depositions/{draft['id']}/actions/publish")
        assert invalid.status_code == 202  # metadata and files were carried over from the published version
        versions = c.get(f"/records/{dep['id']}/versions").json()
        assert versions["hits"]["total"] == 2


def test_publish_validation_errors(zenodo):
    import httpx

    with httpx.Client(base_url=zenodo.api, headers={"Authorization": "Bearer test-replay-token"}, timeout=5) as c:
        dep = c.post("/deposit/depositions", json={}).json()
        answer = c.post(f"/deposit/depositions/{dep['id']}/actions/publish")
        assert answer.status_code == 400
        fields = {e["field"] for e in answer.json()["errors"]}
        assert {"metadata.title", "metadata.creators", "files"} <= fields


@pytest.mark.stack
def test_stack_replay_answers():
    """The replay started by `stack/escape-stack up zenodo` on ESCAPE_ZENODO_PORT."""
    import os

    port = os.environ.get("ESCAPE_ZENODO_PORT", "8092")  # stack/stack.env's default
    _, _, body = get(f"http://127.0.0.1:{port}/api/records?communities=escape2020&size=1")
    # 9 seeded records; the demo and the UI tests may have published more into this long-running replay.
    assert json.loads(body)["hits"]["total"] >= 9
