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
