"""Shared fixtures. Tests marked `stack` talk to the real local services started by `stack/escape-stack up`."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest

pytest_plugins = ("pytest_jupyter.jupyter_server",)

ROOT = pathlib.Path(__file__).resolve().parent.parent


def _stack_env() -> dict[str, str]:
    """The local stack's URLs and ports, as stack/stack.env exports them (env vars already set win)."""
    env_file = ROOT / "stack" / "stack.env"
    if not env_file.exists():
        return {}
    out = subprocess.run(
        ["bash", "-c", f"set -a; source '{env_file}'; env -0"], capture_output=True, check=True
    ).stdout
    pairs = (item.split("=", 1) for item in out.decode().split("\0") if "=" in item)
    return {k: v for k, v in pairs if k.startswith("ESCAPE_")}


STACK = _stack_env()


def stack_value(name: str, default: str | None = None) -> str:
    value = os.environ.get(name) or STACK.get(name) or default
    if value is None:
        raise RuntimeError(f"{name} is not set by stack/stack.env")
    return value


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
