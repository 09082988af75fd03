"""Shared fixtures. Tests marked `stack` talk to the real local services started by `stack/escape-stack up`."""

from __future__ import annotations

import json

import pytest

pytest_plugins = ("pytest_jupyter.jupyter_server",)

from _stack import ROOT, STACK, stack_value  # noqa: E402,F401  (re-exported for older imports)


@pytest.fixture
def escape_config() -> dict:
    """EscapeConfig pointing at the local stack. Tests override entries to simulate other setups."""
    dachs = stack_value("ESCAPE_DACHS_URL", "http://127.0.0.1:8090")
    return {
        "registry_url": stack_value("ESCAPE_REGTAP_URL", f"{dachs}/__system__/tap/run"),
        "rucio_instances": [],
        "software_repository": {},
        "check_timeout": 3.0,
    }


@pytest.fixture
def jp_server_config(escape_config, tmp_path):
    return {
        "ServerApp": {"jpserver_extensions": {"jupyter_escape": True}},
        "EscapeConfig": {**escape_config, "state_dir": str(tmp_path / "escape-state")},
    }


@pytest.fixture
def fetch_json(jp_fetch):
    async def _fetch(*parts, method="GET", body=None, params=None, **kwargs):
        if body is not None and not isinstance(body, (str, bytes)):
            body = json.dumps(body)
        response = await jp_fetch("escape", "api", *parts, method=method, body=body, params=params or {}, **kwargs)
        return json.loads(response.body) if response.body else None

    return _fetch
