"""An instance read from the rucio CLI's own rucio.cfg shares the CLI's login: the `rucio` command (real CLI of
rucio-clients, run as a subprocess) and the extension use one token file, each reusing the token the other got.
Real local Rucio 41."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from _stack import RUCIO_TEST_ACCOUNT

from jupyter_escape.config import EscapeConfig
from jupyter_escape.datalake import browse
from jupyter_escape.datalake.auth import check_credentials, credential_problems
from jupyter_escape.datalake.instances import Instance, cli_config_path
from jupyter_escape.datalake.service import Datalake

pytestmark = pytest.mark.stack


@pytest.fixture
def cli_cfg(tmp_path, rucio_instance) -> Path:
    """A rucio.cfg as a CLI user writes it (userpass, the password in the file), its token file in tmp_path."""
    cfg = tmp_path / "etc" / "rucio.cfg"
    cfg.parent.mkdir()
    password = Path(rucio_instance["password_file"]).read_text().strip()
    cfg.write_text(
        "[client]\n"
        f"rucio_host = {rucio_instance['rucio_base_url']}\n"
        f"auth_host = {rucio_instance['rucio_base_url']}\n"
        "auth_type = userpass\n"
        f"username = {rucio_instance['username']}\n"
        f"password = {password}\n"
        f"account = {rucio_instance['account']}\n"
        f"auth_token_file_path = {tmp_path / 'tokens' / 'rucio_token'}\n"
    )
    cfg.chmod(0o600)
    return cfg


def _cli(cfg: Path, *args: str) -> subprocess.CompletedProcess:
    rucio = Path(sys.executable).parent / "rucio"
    environment = {**os.environ, "RUCIO_CONFIG": str(cfg)}
    return subprocess.run(
        [str(rucio), *args], capture_output=True, text=True, env=environment, timeout=120, check=False
    )


def test_extension_reuses_the_token_the_cli_got(cli_cfg, tmp_path):
    result = _cli(cli_cfg, "whoami")
    assert result.returncode == 0 and RUCIO_TEST_ACCOUNT in result.stdout, result.stderr
    token_file = tmp_path / "tokens" / "rucio_token"
    cli_token = token_file.read_text()
    assert cli_token

    lake = Datalake(
        [{"name": "cli", "rucio_cfg": str(cli_cfg)}],
        state_dir=tmp_path / "state",
        root_dir=str(tmp_path),
        workspace_dir="ws",
    )
    try:
        session = lake.session("cli")
        assert browse.whoami(session)["account"] == RUCIO_TEST_ACCOUNT
        assert session.client().auth_token == cli_token  # no second login: the CLI's token was used
        assert token_file.read_text() == cli_token
        assert not (tmp_path / "state" / "datalake" / "rucio-tokens").exists()
    finally:
        lake.close()


def test_cli_reuses_the_token_the_extension_got(cli_cfg, tmp_path):
    lake = Datalake(
        [{"name": "cli", "rucio_cfg": str(cli_cfg)}],
        state_dir=tmp_path / "state",
        root_dir=str(tmp_path),
        workspace_dir="ws",
    )
    try:
        assert "escape_demo" in browse.list_scopes(lake.session("cli"))
    finally:
        lake.close()
    token_file = tmp_path / "tokens" / "rucio_token"
    ours = token_file.read_text()
    assert ours and stat.S_IMODE(token_file.stat().st_mode) == 0o600
    result = _cli(cli_cfg, "whoami")
    assert result.returncode == 0 and RUCIO_TEST_ACCOUNT in result.stdout, result.stderr
    assert token_file.read_text() == ours  # the CLI did not log in again


async def test_rucio_cfg_instance_in_the_configuration(cli_cfg, rucio_instance, monkeypatch):
    monkeypatch.setenv("RUCIO_CONFIG", str(cli_cfg))
    assert cli_config_path("default") == str(cli_cfg)
    config = EscapeConfig(rucio_instances=[{"name": "cli", "rucio_cfg": "default", "display_name": "My Rucio"}])
    inst = config.rucio_instances[0]
    assert inst["rucio_base_url"] == rucio_instance["rucio_base_url"] and inst["account"] == RUCIO_TEST_ACCOUNT
    assert config.validate() == []
    assert "password" not in inst  # the password stays in the rucio.cfg
    assert Instance(inst).public() == {
        "name": "cli",
        "display_name": "My Rucio",
        "rucio_base_url": rucio_instance["rucio_base_url"],
        "auth_url": rucio_instance["rucio_base_url"],
        "auth_type": "userpass",
        "username": RUCIO_TEST_ACCOUNT,
        "account": RUCIO_TEST_ACCOUNT,
    }
    state, message, identity = await check_credentials(inst, timeout=20)
    assert (state, identity["account"]) == ("ok", RUCIO_TEST_ACCOUNT), message


def test_a_missing_or_incomplete_rucio_cfg_is_named(tmp_path):
    absent = tmp_path / "nowhere.cfg"
    assert credential_problems(Instance({"name": "cli", "rucio_cfg": str(absent)})) == (
        "missing",
        f"rucio.cfg: {absent} is missing or has no [client] rucio_host",
    )
    no_password = tmp_path / "rucio.cfg"
    no_password.write_text(
        "[client]\nrucio_host = http://127.0.0.1:1\nauth_type = userpass\nusername = u\naccount = a\n"
    )
    assert credential_problems(Instance({"name": "cli", "rucio_cfg": str(no_password)})) == (
        "missing",
        f"userpass: no 'password' in [client] of {no_password}",
    )
