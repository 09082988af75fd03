"""Zooniverse tests run against a REPLAY of the Panoptes API (stack/zooniverse/panoptes_replay.py): hand-written
data in the shapes of the API behind Zooniverse, served by a local HTTP server. This is not Zooniverse, which
cannot run here. The replay is started in-process on a free port; panoptes-client talks to it over HTTP."""

from __future__ import annotations

import json
import pathlib
import sys
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "stack" / "zooniverse"))

from panoptes_replay import start_replay  # noqa: E402 (found through the sys.path entry above)
from replay_seed import PASSWORD, USER  # noqa: E402 (found through the sys.path entry above)

OWNED, COLLABORATED, LOCKMAN_SET = "21084", "21085", "80001"


class Replay:
    def __init__(self, server, endpoint):
        self.server, self.endpoint = server, endpoint

    def fault(self, mode, count=1, path="/api"):
        req = urllib.request.Request(
            f"{self.endpoint}/_replay/faults",
            method="POST",
            data=json.dumps({"mode": mode, "count": count, "path": path}).encode(),
        )
        with urllib.request.urlopen(req, timeout=5) as resp:
            return json.load(resp)

    def state(self) -> dict:
        with urllib.request.urlopen(f"{self.endpoint}/_replay/state", timeout=5) as resp:
            return json.load(resp)


@pytest.fixture(scope="session")
def _replay_server():
    server, endpoint = start_replay(port=0)
    yield Replay(server, endpoint)
    server.shutdown()
    server.server_close()


@pytest.fixture
def panoptes(_replay_server) -> Replay:
    """The replay, reset: seed data only, no faults."""
    _replay_server.server.replay_state.reset()
    return _replay_server


@pytest.fixture
def password_file(tmp_path) -> pathlib.Path:
    path = tmp_path / "secrets" / "zooniverse-password"
    path.parent.mkdir(mode=0o700)
    path.write_text(PASSWORD + "\n")
    path.chmod(0o600)
    return path


@pytest.fixture
def zoo_config(panoptes, password_file) -> dict:
    return {
        "endpoint": panoptes.endpoint,
        "display_name": "Zooniverse (Panoptes API replay)",
        "username": USER["login"],
        "password_file": str(password_file),
    }


@pytest.fixture
def settings(zoo_config):
    from jupyter_escape.zooniverse.client import ZooniverseSettings

    return ZooniverseSettings.from_config(zoo_config, timeout=10.0)


@pytest.fixture
def escape_config(escape_config, zoo_config):
    escape_config["zooniverse"] = zoo_config
    escape_config["request_timeout"] = 10.0
    return escape_config
