"""Faults of the Panoptes API replay (not Zooniverse), switched on per test: expired credentials, an export still
being generated, a project without exports, wrong or exposed credentials. Each gives a clear message."""

from __future__ import annotations

import json
import os

import pytest

from .conftest import OWNED


async def error_of(coro) -> tuple[int, dict]:
    from tornado.httpclient import HTTPClientError

    with pytest.raises(HTTPClientError) as err:
        await coro
    return err.value.code, json.loads(err.value.response.body)


async def test_expired_credentials(fetch_json, panoptes):
    panoptes.fault("expired", path="/api/projects")
    status, body = await error_of(fetch_json("zooniverse", "projects"))
    assert status == 401 and "credentials expired or refused" in body["error"] and body["service"]
    assert "The access token expired" in body["error"]  # Panoptes' own words, kept
    assert (await fetch_json("zooniverse", "projects"))["projects"]  # the next request signs in afresh


async def test_export_still_generating(fetch_json, panoptes):
    assert (await fetch_json("zooniverse", "projects", OWNED, "export", method="POST", body={}))["state"] == "requested"
    panoptes.fault("generating", count=3, path=f"/api/projects/{OWNED}/classifications_export")
    assert (await fetch_json("zooniverse", "projects", OWNED, "export"))["state"] == "requested"
    status, body = await error_of(
        fetch_json("zooniverse", "projects", OWNED, "export", "basket", method="POST", body={})
    )
    assert status == 409 and "still being generated" in body["error"]


async def test_no_exports_fault(fetch_json, panoptes):
    panoptes.fault("no_exports", path=f"/api/projects/{OWNED}/classifications_export")
    assert (await fetch_json("zooniverse", "projects", OWNED, "export"))["state"] == "none"


def test_wrong_password(zoo_config, tmp_path):
    from jupyter_escape.core.errors import EscapeError
    from jupyter_escape.zooniverse.client import ZooniverseSettings, session

    bad = tmp_path / "bad"
    bad.write_text("nope")
    bad.chmod(0o600)
    settings = ZooniverseSettings.from_config({**zoo_config, "password_file": str(bad)}, timeout=5)
    with pytest.raises(EscapeError, match="sign-in refused: Invalid login or password"), session(settings):
        pass


def test_password_file_readable_by_others_is_refused(zoo_config, password_file):
    from jupyter_escape.core.errors import EscapeError
    from jupyter_escape.zooniverse.client import ZooniverseSettings

    os.chmod(password_file, 0o644)
    with pytest.raises(EscapeError, match="readable by others"):
        ZooniverseSettings.from_config(zoo_config)


async def test_bad_ids_are_refused_before_any_request(fetch_json):
    status, body = await error_of(fetch_json("zooniverse", "projects", "abc", "workflows"))
    assert status == 400 and "project_id" in body["error"]


def test_signed_urls_pass_the_outbound_policy(settings):
    """With block_private_targets on and no allowlist entry, the replay's signed export URL (127.0.0.1) is refused."""
    from jupyter_escape.core import netpolicy
    from jupyter_escape.core.errors import EscapeError
    from jupyter_escape.zooniverse import exports
    from jupyter_escape.zooniverse.client import session

    before = netpolicy.current()
    netpolicy.configure(netpolicy.OutboundPolicy(block_private=True))
    try:
        with session(settings), pytest.raises(EscapeError, match="outbound policy"):
            exports.download(settings, OWNED)
    finally:
        netpolicy.configure(before)
