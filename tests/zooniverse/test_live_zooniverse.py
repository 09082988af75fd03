"""Opt-in test against the real Zooniverse (not the replay): ESCAPE_LIVE_ZOONIVERSE=1 plus network. It reads a
public project anonymously, so it needs no account; skipped otherwise, with the reason."""

from __future__ import annotations

import os
import socket

import pytest


def _online() -> bool:
    try:
        socket.create_connection(("www.zooniverse.org", 443), timeout=3).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.skipif(
        os.environ.get("ESCAPE_LIVE_ZOONIVERSE") != "1",
        reason="live Zooniverse test is opt-in: set ESCAPE_LIVE_ZOONIVERSE=1",
    ),
]


def test_public_project_through_the_same_client():
    if not _online():
        pytest.skip("offline: www.zooniverse.org is not reachable from this machine")
    from panoptes_client import Project

    from jupyter_escape.zooniverse.client import ZooniverseSettings, session

    settings = ZooniverseSettings.from_config({"endpoint": "https://www.zooniverse.org"}, timeout=20)
    with session(settings):
        project = Project.find(slug="zooniverse/galaxy-zoo")
        assert project.raw["display_name"]
