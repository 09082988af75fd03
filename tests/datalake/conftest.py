"""Data lake fixtures: the local Rucio stack (stack/rucio, sourced through stack/stack.env) as a configured
instance. Tests marked ``stack`` need `stack/escape-stack up`."""

from __future__ import annotations

import os

import httpx
import pytest
from _stack import rucio_test_credentials

from jupyter_escape.datalake.service import Datalake


def _stack_env() -> dict[str, str]:
    import pathlib
    import subprocess

    env_file = pathlib.Path(__file__).resolve().parents[2] / "stack" / "stack.env"
    out = subprocess.run(["bash", "-c", f"set -a; source '{env_file}'; env -0"], capture_output=True, check=True).stdout
    pairs = (item.split("=", 1) for item in out.decode().split("\0") if "=" in item)
    return {k: v for k, v in pairs if k.startswith("ESCAPE_")}


STACK = _stack_env()


def env(name: str) -> str:
    value = os.environ.get(name) or STACK.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set by stack/stack.env (is stack/rucio/rucio.env sourced?)")
    return value


def rucio_up() -> bool:
    try:
        return httpx.get(env("ESCAPE_RUCIO_URL") + "/ping", timeout=2).status_code == 200
    except Exception:
        return False


@pytest.fixture(scope="session")
def rucio_instance() -> dict:
    if not rucio_up():
        pytest.fail("the local Rucio server does not answer: run stack/escape-stack up (component rucio)")
    return {
        "name": "local",
        "display_name": "Local data lake",
        "rucio_base_url": env("ESCAPE_RUCIO_URL"),
        "auth_type": "userpass",
        **rucio_test_credentials(),  # not the demo's account: test uploads and rules stay out of its views
        "ca_cert": env("ESCAPE_RUCIO_CA_CERT"),
        "destination_rse": env("ESCAPE_RUCIO_MOUNTED_RSE"),
        "rse_mount_path": env("ESCAPE_RUCIO_MOUNT_PATH"),
        "path_begins_at": 1,
        "default_scope": "escape_demo",
    }


@pytest.fixture
def lake(rucio_instance, tmp_path) -> Datalake:
    root = tmp_path / "root"
    root.mkdir()
    dl = Datalake([rucio_instance], state_dir=tmp_path / "state", root_dir=str(root), workspace_dir="escape-data")
    yield dl
    dl.close()


@pytest.fixture
def session(lake):
    return lake.session(None)


@pytest.fixture
def escape_config(escape_config, rucio_instance) -> dict:
    """The server tests' configuration with the local data lake as the only Rucio instance."""
    return {**escape_config, "rucio_instances": [rucio_instance], "workspace_dir": "escape-data"}
