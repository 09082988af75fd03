"""X.509 certificate and RFC 3820 proxy logins against the real https Rucio door of the local stack (gunicorn TLS,
local grid CA, stack/rucio/pki.py), and the standard rucio CLI on the same credentials. No mock: a real TLS handshake
verifies every certificate, and Rucio maps the DN to the account."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
from _stack import RUCIO_TEST_ACCOUNT, rucio_test_credentials
from _stack import stack_value as env

from jupyter_escape.datalake import browse
from jupyter_escape.datalake.auth import check_credentials
from jupyter_escape.datalake.service import Datalake

pytestmark = pytest.mark.stack
PKI = Path(env("ESCAPE_RUCIO_PKI"))
ALICE = PKI / "users" / "alice"
HTTPS = env("ESCAPE_RUCIO_HTTPS_URL")


def https_instance(**auth) -> dict:
    return {
        "name": "grid",
        "display_name": "Local data lake over https",
        "rucio_base_url": HTTPS,
        "ca_cert": str(PKI / "ca.pem"),
        "account": "alice",
        **auth,
    }


async def test_certificate_login_maps_the_dn_to_the_account():
    inst = https_instance(auth_type="x509", certificate=str(ALICE / "usercert.pem"), key=str(ALICE / "userkey.pem"))
    state, message, identity = await check_credentials(inst, timeout=20)
    assert state == "ok", message
    assert "account alice" in message
    assert identity["method"] == "x509" and identity["expires_at"] > 0


async def test_proxy_login_and_browsing_over_https(tmp_path):
    inst = https_instance(auth_type="x509_proxy", proxy=str(ALICE / "x509up"))
    state, message, _ = await check_credentials(inst, timeout=20)
    assert state == "ok", message
    lake = Datalake([inst], state_dir=tmp_path / "state", root_dir=str(tmp_path), workspace_dir="ws")
    try:
        assert "user.alice" in browse.list_scopes(lake.session(None))
    finally:
        lake.close()


async def test_expired_proxy_is_named():
    inst = https_instance(auth_type="x509_proxy", proxy=str(ALICE / "x509up-expired"))
    state, message, _ = await check_credentials(inst, timeout=20)
    assert state == "expired" and "x509 proxy expired at" in message and "voms-proxy-init" in message


def test_expired_proxy_is_refused_by_the_server_too():
    """The client-side check above is a courtesy: the server itself refuses the proxy in the TLS handshake."""
    proxy = str(ALICE / "x509up-expired")
    context = ssl.create_default_context(cafile=str(PKI / "ca.pem"))
    context.load_cert_chain(proxy, proxy)
    with pytest.raises(httpx.HTTPError):
        httpx.get(
            f"{HTTPS}/auth/x509_proxy", verify=context, headers={"X-Rucio-Account": "alice"}, timeout=20
        ).raise_for_status()


@pytest.fixture
def foreign_certificate(tmp_path) -> tuple[str, str]:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/C=EU/O=Elsewhere/CN=Mallory",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


async def test_certificate_from_another_ca_is_refused(foreign_certificate):
    cert, key = foreign_certificate
    inst = https_instance(auth_type="x509", certificate=cert, key=key)
    state, message, identity = await check_credentials(inst, timeout=20)
    assert state == "failed" and message.startswith("x509") and identity is None


def _cli(tmp_path: Path, cfg: str, *args: str, **extra_env) -> subprocess.CompletedProcess:
    config = tmp_path / "rucio.cfg"
    config.write_text(cfg)
    environment = {**os.environ, "RUCIO_CONFIG": str(config), **extra_env}
    rucio = Path(sys.executable).parent / "rucio"
    return subprocess.run(
        [str(rucio), *args], capture_output=True, text=True, env=environment, cwd=tmp_path, timeout=120, check=False
    )


def test_rucio_cli_with_the_same_proxy(tmp_path):
    cfg = (
        f"[client]\nrucio_host = {HTTPS}\nauth_host = {HTTPS}\nauth_type = x509_proxy\naccount = alice\n"
        f"client_x509_proxy = {ALICE / 'x509up'}\nca_cert = {PKI / 'ca.pem'}\n"
    )
    result = _cli(tmp_path, cfg, "whoami", X509_USER_PROXY=str(ALICE / "x509up"))
    assert result.returncode == 0, result.stderr
    assert "alice" in result.stdout


def _test_account_cfg() -> str:
    """The stack's CLI config (stack/rucio/up.sh) logging in as the test account, not as the demo's."""
    password = Path(rucio_test_credentials()["password_file"]).read_text().strip()
    lines = []
    for line in Path(env("ESCAPE_RUCIO_CLIENT_CFG")).read_text().splitlines():
        key = line.split("=", 1)[0].strip()
        if key in ("username", "account"):
            line = f"{key} = {RUCIO_TEST_ACCOUNT}"
        elif key == "password":
            line = f"password = {password}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_rucio_cli_upload_as_an_ordinary_user(tmp_path):
    """`rucio upload` by a user account (not root, no admin attribute): the stack's policy package lets whoever may
    register a replica on a user disk mark it available, as the CLI does after writing the bytes."""
    data = tmp_path / f"cli-{uuid.uuid4().hex[:8]}.fits"
    data.write_bytes(os.urandom(50_000))
    account = RUCIO_TEST_ACCOUNT
    result = _cli(
        tmp_path,
        _test_account_cfg(),
        "upload",
        "--rse",
        "ESCAPE_USERDISK",
        "--scope",
        f"user.{account}",
        str(data),
        X509_USER_PROXY=env("ESCAPE_RUCIO_X509_PROXY"),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    listed = _cli(
        tmp_path,
        _test_account_cfg(),
        "replica",
        "list",
        "file",
        f"user.{account}:{data.name}",
    )
    assert "ESCAPE_USERDISK" in listed.stdout, listed.stdout + listed.stderr
