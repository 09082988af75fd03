"""Files the extension writes that hold credentials, tokens or the user's private state are readable by the user
only (0600), in folders only the user can enter (0700): the Rucio token files (datalake/rucio-tokens/, written
by rucio-clients), the
configuration handed to kernels (server-config.json), the data lake job list, the VO job list and the basket DB.
The token cache is filled through the real route (a login against the fake Rucio of conftest.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from jupyter_escape.datalake.instances import Instance
from jupyter_escape.datalake.rucio_client import RucioSession

from .conftest import RUCIO_PASSWORD, RUCIO_TOKEN


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def escape_config(escape_config, fake_rucio, tmp_path):
    password = tmp_path / "rucio-password"
    password.write_text(RUCIO_PASSWORD)
    escape_config["rucio_instances"] = [
        {
            "name": "lake",
            "rucio_base_url": fake_rucio.url,
            "auth_type": "userpass",
            "username": "good",
            "account": "alice",
            "password_file": str(password),
        }
    ]
    return escape_config


async def test_token_cache_written_by_a_route_is_0600(fetch_json, jp_serverapp):
    old = os.umask(0o022)  # a usual umask: without an explicit mode files would come out 0644
    try:
        assert (await fetch_json("datalake", "scopes", params={"instance": "lake"}))["scopes"] == ["user.alice"]
    finally:
        os.umask(old)
    state = jp_serverapp.web_app.settings["escape"]
    state_dir = Path(state.state_dir)
    session = state.extras["datalake"].session("lake")
    tokens = Path(session.client().token_file)  # rucio-clients' token file for this credential
    assert tokens.is_relative_to(state_dir / "datalake" / "rucio-tokens")
    assert RUCIO_TOKEN in tokens.read_text()  # the cache really holds the token...
    assert _mode(tokens) == 0o600  # ...so only the user may read it
    assert _mode(tokens.parent) == 0o700
    assert _mode(state_dir) == 0o700
    assert RUCIO_PASSWORD not in tokens.read_text()  # the key is a digest, never the password


def test_token_cache_keeps_0600_over_a_stale_wider_temp_file(tmp_path, fake_rucio):
    """A temp file left by a crash with a wider mode must not make the next cache 0644."""
    password = tmp_path / "pw"
    password.write_text(RUCIO_PASSWORD)
    inst = Instance(
        {
            "name": "lake",
            "rucio_base_url": fake_rucio.url,
            "auth_type": "userpass",
            "username": "good",
            "account": "alice",
            "password_file": str(password),
        }
    )
    session = RucioSession(inst, tmp_path / "state" / "datalake" / "rucio-tokens")
    folder = session.token_dir()
    folder.mkdir(parents=True, mode=0o700)
    stale = folder / "tmpstale"
    stale.write_text("")
    stale.chmod(0o644)
    try:
        assert session.client().auth_token == RUCIO_TOKEN
        tokens = Path(session.client().token_file)
    finally:
        session.close()
    assert tokens.parent == folder and tokens.read_text() == RUCIO_TOKEN and _mode(tokens) == 0o600


async def test_state_files_are_private(fetch_json, jp_serverapp):
    await fetch_json("basket")  # the basket DB exists from start-up; touch it through a route anyway
    state = jp_serverapp.web_app.settings["escape"]
    state_dir = Path(state.state_dir)
    lake = state.extras["datalake"]
    lake.jobs.add({"id": "t1", "kind": "stage", "state": "done"})  # the data lake job list is written on add
    expected = [state_dir / "server-config.json", state_dir / "basket.sqlite", state_dir / "datalake" / "jobs.json"]
    for path in expected:
        assert path.exists(), path
        assert _mode(path) == 0o600, f"{path.name} is {oct(_mode(path))}"


def test_vo_job_list_is_private(tmp_path):
    from jupyter_escape.vo.jobs import JobStore

    store = JobStore(str(tmp_path))
    store._save()
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(_mode(p) == 0o600 for p in written), [(p.name, oct(_mode(p))) for p in written]
