"""OSSR tests run against a REPLAY of the Zenodo REST API (stack/zenodo/zenodo_replay.py), not against Zenodo.

Zenodo cannot run on this machine (InvenioRDM needs OpenSearch, Redis, Celery), so the replay server answers in
Zenodo's record/search/deposit shapes with hand-written OSSR-like records. The fixtures below start it in-process
on a free port, so these tests need nothing else running. A second replay plays the Zenodo *sandbox*.
"""

from __future__ import annotations

import json
import pathlib
import socket
import sys
import textwrap
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "stack" / "zenodo"))

from zenodo_replay import start_replay  # noqa: E402 (found through the sys.path entry above)

TOKEN = "test-replay-token"
SERVICE = "OSSR (Zenodo API replay)"


class Replay:
    def __init__(self, server, api):
        self.server, self.api = server, api
        self.root = api[: -len("/api")]

    @property
    def state(self):
        return self.server.replay_state

    def fault(self, mode, count=1, path="/api", **extra) -> dict:
        """Arm a fault through the replay's admin route (as a test harness outside the process would)."""
        req = urllib.request.Request(
            f"{self.root}/_replay/faults",
            method="POST",
            data=json.dumps({"mode": mode, "count": count, "path": path, **extra}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=5) as resp:
            return json.load(resp)

    def deposits(self) -> list[dict]:
        with urllib.request.urlopen(f"{self.root}/_replay/deposits", timeout=5) as resp:
            return json.load(resp)["deposits"]


def _start():
    server, api = start_replay(port=0, tokens=[TOKEN])
    return Replay(server, api)


@pytest.fixture(scope="session")
def _replay_servers():
    main, sandbox = _start(), _start()
    yield main, sandbox
    for r in (main, sandbox):
        r.server.shutdown()
        r.server.server_close()


@pytest.fixture
def zenodo(_replay_servers) -> Replay:
    """The replay playing production Zenodo, reset (records as written, no deposits, no faults)."""
    main, _ = _replay_servers
    main.state.reset()
    return main


@pytest.fixture
def zenodo_sandbox(_replay_servers) -> Replay:
    _, sandbox = _replay_servers
    sandbox.state.reset()
    return sandbox


@pytest.fixture
def token_file(tmp_path) -> pathlib.Path:
    path = tmp_path / "zenodo-token"
    path.write_text(TOKEN + "\n")
    return path


@pytest.fixture
def repo_settings(zenodo, zenodo_sandbox, token_file) -> dict:
    return {
        "name": "ossr",
        "display_name": SERVICE,
        "base_url": zenodo.api,
        "community": "escape2020",
        "sandbox_url": zenodo_sandbox.api,
        "token_file": str(token_file),
    }


@pytest.fixture
def escape_config(escape_config, repo_settings):
    escape_config["software_repository"] = repo_settings
    escape_config["request_timeout"] = 10.0
    return escape_config


@pytest.fixture
def client_for(repo_settings):
    """An async ZenodoClient on the replay: ``async with client_for() as zc``."""
    from jupyter_escape.ossr.client import RepoSettings, ZenodoClient

    def make(sandbox=False, **overrides):
        settings = RepoSettings.from_config({**repo_settings, **overrides}, sandbox=sandbox, timeout=10.0)
        return ZenodoClient(settings)

    return make


def dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def error_of(coro) -> tuple[int, dict]:
    """(status, JSON body) of a route call that must fail."""
    from tornado.httpclient import HTTPClientError

    with pytest.raises(HTTPClientError) as err:
        await coro
    return err.value.code, json.loads(err.value.response.body)


@pytest.fixture
def project(jp_root_dir):
    folder = jp_root_dir / "work" / "skyfit"
    (folder / "skyfit").mkdir(parents=True)
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / "skyfit" / "__init__.py").write_text("def fit():\n    return 42\n")
    (folder / "README.md").write_text("# skyfit\n\nFits sky models to catalogues.\n")
    (folder / "LICENSE").write_text("MIT License\n\nPermission is hereby granted, free of charge, to any person...\n")
    (folder / "pyproject.toml").write_text(
        textwrap.dedent("""\
        [project]
        name = "skyfit"
        version = "0.3.1"
        description = "Fit sky models to source catalogues"
        keywords = ["LOFAR", "catalogue"]
        dependencies = ["numpy>=1.24", "astropy"]
        requires-python = ">=3.10"
        authors = [{name = "Ada Lovelace", email = "ada@example.org"}, {name = "Hopper, Grace"}]
        [project.urls]
        Repository = "https://github.com/escape-demo/skyfit"
        """)
    )
    return folder
