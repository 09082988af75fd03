"""Browsing the local Rucio data lake through the server routes (real Rucio 41, PostgreSQL metadata)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from _stack import RUCIO_TEST_ACCOUNT, RUCIO_TEST_SCOPE
from tornado.httpclient import HTTPClientError

from jupyter_escape.datalake import browse
from jupyter_escape.datalake.auth import AuthError, check_credentials
from jupyter_escape.datalake.instances import Instance

pytestmark = pytest.mark.stack


async def _error(fetch_json, *parts, **kwargs) -> tuple[int, dict]:
    with pytest.raises(HTTPClientError) as err:
        await fetch_json(*parts, **kwargs)
    return err.value.code, json.loads(err.value.response.body)


async def test_instances_never_show_secrets(fetch_json):
    body = await fetch_json("datalake", "instances")
    inst = body["instances"][0]
    assert inst["name"] == "local" and inst["auth_type"] == "userpass"
    assert "password_file" not in inst and "password" not in json.dumps(body).lower().replace("password_", "")


async def test_auth_route_reports_ok(fetch_json):
    body = await fetch_json("datalake", "auth")
    assert body["state"] == "ok", body
    assert RUCIO_TEST_ACCOUNT in body["message"]


async def test_wrong_password_is_refused_with_rucio_words(rucio_instance, tmp_path):
    wrong = tmp_path / "pw"
    wrong.write_text("not-the-password")
    state, message, _ = await check_credentials({**rucio_instance, "password_file": str(wrong)}, timeout=10)
    assert state == "failed"
    assert "CannotAuthenticate" in message and "userpass refused" in message


async def test_missing_password_file_is_named(rucio_instance, tmp_path):
    state, message, _ = await check_credentials({**rucio_instance, "password_file": str(tmp_path / "absent")})
    assert (state, message) == ("missing", f"userpass: no password in file {tmp_path / 'absent'} (missing or empty)")


def test_token_cache_file_is_private(lake, session):
    browse.whoami(session)
    token_file = Path(session.client().token_file)  # rucio-clients' token file, one folder per credential
    assert token_file.is_relative_to(Path(lake.state_dir) / "datalake" / "rucio-tokens")
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    assert RUCIO_TEST_ACCOUNT in token_file.read_text()  # tokens are account-bound; the password is never stored
    assert Path(lake.instances[0]["password_file"]).read_text().strip() not in token_file.read_text()


def test_expired_token_is_renewed_transparently(lake, session):
    browse.whoami(session)
    client = session.client()
    client.auth_token = f"{RUCIO_TEST_ACCOUNT}-invalid-token"  # what a revoked token looks like to us
    Path(client.token_file).write_text(client.auth_token)
    assert browse.whoami(session)["account"] == RUCIO_TEST_ACCOUNT


def test_bad_userpass_in_a_session_raises_auth_error(rucio_instance, tmp_path):
    from jupyter_escape.datalake.service import Datalake

    wrong = tmp_path / "pw"
    wrong.write_text("nope")
    dl = Datalake(
        [{**rucio_instance, "password_file": str(wrong)}], state_dir=tmp_path, root_dir=str(tmp_path), workspace_dir="w"
    )
    with pytest.raises(AuthError) as err:
        browse.list_scopes(dl.session(None))
    assert err.value.status == 401 and "CannotAuthenticate" in err.value.message


async def test_scopes_and_rses_and_usage(fetch_json):
    scopes = await fetch_json("datalake", "scopes")
    assert {"escape_demo", "escape_bench", RUCIO_TEST_SCOPE} <= set(scopes["scopes"])
    # The panels open on the configured scope, not on the benchmark scope that sorts first.
    assert scopes["default_scope"] == "escape_demo"
    rses = {r["rse"] for r in (await fetch_json("datalake", "rses"))["rses"]}
    assert {"ESCAPE_POSIX", "ESCAPE_WEBDAV", "ESCAPE_MOUNTED", "ESCAPE_USERDISK", "ESCAPE_SCRATCHDISK"} <= rses
    usage = await fetch_json("datalake", "usage")
    scratch = next(r for r in usage["rses"] if r["rse"] == "ESCAPE_SCRATCHDISK")
    assert usage["account"] == RUCIO_TEST_ACCOUNT and scratch["bytes_limit"] == 1024 * 1024


async def test_search_by_wildcard_type_and_metadata(fetch_json):
    body = await fetch_json(
        "datalake", "search", params={"scope": "escape_demo", "pattern": "lofar*", "type": "dataset"}
    )
    assert [i["name"] for i in body["items"]] == ["lofar_L123456_m51", "lofar_L234567_m51", "lofar_L345678_3c196"]
    filters = json.dumps(
        [{"key": "telescope", "op": "=", "value": "LOFAR"}, {"key": "frequency_mhz", "op": ">", "value": 147}]
    )
    body = await fetch_json("datalake", "search", params={"scope": "escape_demo", "type": "file", "filters": filters})
    names = sorted(i["name"] for i in body["items"])
    assert names == ["L234567_SB000_m51_148MHz.fits", "L234567_SB001_m51_150MHz.fits", "L234567_SB002_m51_152MHz.fits"]
    body = await fetch_json(
        "datalake",
        "search",
        params={
            "scope": "escape_demo",
            "type": "all",
            "limit": "2",
            "filters": json.dumps([{"key": "band", "value": "optical"}]),
        },
    )
    assert len(body["items"]) == 2 and body["has_more"] is True


async def test_metadata_search_fills_real_types_and_honours_the_type(fetch_json):
    """Rucio's JSON metadata plugin answers neither types nor sizes and ignores `type`: the route completes rows
    in bulk and keeps only the requested kind."""
    lofar = json.dumps([{"key": "telescope", "op": "=", "value": "LOFAR"}])
    kinds = {}
    for kind in ("all", "collection", "dataset", "container", "file"):
        body = await fetch_json(
            "datalake", "search", params={"scope": "escape_demo", "type": kind, "limit": "1000", "filters": lofar}
        )
        assert body["items"] and all(i["type"] in ("FILE", "DATASET", "CONTAINER") for i in body["items"]), body
        kinds[kind] = {i["name"]: i["type"] for i in body["items"]}
    assert kinds["all"]["lofar_L123456_m51"] == "DATASET"
    assert kinds["all"]["L123456_SB000_m51_142MHz.fits"] == "FILE"
    assert set(kinds["collection"].values()) <= {"DATASET", "CONTAINER"} and "lofar_L234567_m51" in kinds["collection"]
    assert set(kinds["dataset"].values()) == {"DATASET"}
    assert set(kinds["container"].values()) == {"CONTAINER"}
    assert set(kinds["file"].values()) == {"FILE"}
    assert kinds["all"] == {**kinds["dataset"], **kinds["container"], **kinds["file"]}
    body = await fetch_json("datalake", "search", params={"scope": "escape_demo", "type": "file", "filters": lofar})
    assert all(i["bytes"] == 20160 for i in body["items"] if i["name"].endswith("MHz.fits"))
    # pages of the filtered kind: the second page starts where the first stopped
    p1 = await fetch_json(
        "datalake", "search", params={"scope": "escape_demo", "type": "file", "limit": "2", "filters": lofar}
    )
    p2 = await fetch_json(
        "datalake",
        "search",
        params={"scope": "escape_demo", "type": "file", "limit": "2", "offset": "2", "filters": lofar},
    )
    assert p1["has_more"] and [i["name"] for i in p1["items"] + p2["items"]] == list(kinds["file"])[:4]


async def test_container_dataset_file_navigation(fetch_json):
    top = await fetch_json("datalake", "contents", params={"did": "escape_demo:lofar_hst_m51"})
    assert top["type"] == "CONTAINER"
    assert {i["name"] for i in top["items"]} == {
        "lofar_L123456_m51",
        "lofar_L234567_m51",
        "lofar_L345678_3c196",
        "hst_acs_m51",
        "catalogues_m51",
    }
    ds = await fetch_json("datalake", "contents", params={"did": "escape_demo:hst_acs_m51"})
    assert ds["type"] == "DATASET" and len(ds["items"]) == 3 and all(i["adler32"] for i in ds["items"])
    f = await fetch_json("datalake", "did", params={"did": ds["items"][0]["did"]})
    assert f["type"] == "FILE" and f["metadata"]["telescope"] == "HST" and f["md5"] and f["adler32"]
    # Its seeded replica (other tests may have added one on the mounted RSE: the order is Rucio's).
    posix = next(r for r in f["replicas"] if r["rse"] == "ESCAPE_POSIX")
    assert posix["pfns"]


async def test_dataset_details_show_replicas_and_rule_locks(fetch_json):
    d = await fetch_json("datalake", "did", params={"did": "escape_demo:lofar_L123456_m51"})
    assert d["metadata"]["telescope"] == "LOFAR" and d["metadata"]["obs_date"] == "2014-05-02"
    webdav = next(r for r in d["replicas"] if r["rse"] == "ESCAPE_WEBDAV")
    assert webdav["available_files"] == 3
    seed_rule = next(r for r in d["rules"] if r["rse_expression"] == "ESCAPE_WEBDAV")
    assert seed_rule["state"] == "OK" and seed_rule["locks"] == {"ok": 3, "replicating": 0, "stuck": 0}


async def test_paging_the_100k_dataset(fetch_json):
    first = await fetch_json("datalake", "contents", params={"did": "escape_bench:listing_100k", "limit": "50"})
    assert first["total"] == 100_000 and len(first["items"]) == 50 and first["has_more"]
    second = await fetch_json(
        "datalake", "contents", params={"did": "escape_bench:listing_100k", "offset": "50", "limit": "50"}
    )
    assert not {i["name"] for i in first["items"]} & {i["name"] for i in second["items"]}


async def test_unknown_did_is_404_with_rucio_message(fetch_json):
    code, body = await _error(fetch_json, "datalake", "did", params={"did": "escape_demo:no_such_thing"})
    assert code == 404 and "DataIdentifierNotFound" in body["error"] and body["service"] == "Local data lake"


async def test_bad_did_is_400_naming_the_problem(fetch_json):
    code, body = await _error(fetch_json, "datalake", "did", params={"did": "escape_demo:with space.fits"})
    assert code == 400 and "' '" in body["error"]
    code, body = await _error(fetch_json, "datalake", "search", params={"scope": "escape_demo", "filters": "{"})
    assert code == 400 and body["error"].startswith("filters: not JSON")


def test_unknown_instance_is_named(lake):
    with pytest.raises(Exception, match="no Rucio instance named 'elsewhere' \\(configured: local\\)"):
        lake.session("elsewhere")
    assert isinstance(lake.instance(None), Instance)
