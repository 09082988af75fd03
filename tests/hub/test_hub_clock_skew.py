"""An identity provider whose clock is off: the stack's own IdP (oidc-provider) run a second time, from a copy of its
state, with its clock moved (ESCAPE_IDP_CLOCK_SKEW), as a mis-synchronised IdP host would be. The broker must name
the skew and what to do, instead of handing out tokens that every service refuses with a bare "invalid token"."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from _hub import IDP_SECRETS, code_flow, hub_client_secret
from _stack import STACK

from jupyter_escape.hub.tokens import CredentialError, IdentityProvider, TokenBroker, jwt_claims

pytestmark = pytest.mark.stack
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def skewed_idp(skew: int, tmp_path: Path):
    """The IdP's server on another port, with the same users, clients and keys (a copy of its state folder)."""
    state = tmp_path / f"idp-{skew}"
    shutil.copytree(IDP_SECRETS.parent, state, ignore=shutil.ignore_patterns("*.log", "*.pid"))
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        **STACK,
        "ESCAPE_IDP_PORT": str(port),
        "ESCAPE_IDP_URL": url,
        "IDP_STATE": str(state),
        "ESCAPE_IDP_CLOCK_SKEW": str(skew),
    }
    proc = subprocess.Popen(
        ["node", str(ROOT / "stack" / "idp" / "server.mjs")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/.well-known/openid-configuration", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "the skewed IdP did not start"
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(20)


def _broker(idp: str, tokens: dict) -> TokenBroker:
    async def auth_state_of(_name):
        return {
            "access_token": tokens["access_token"],
            "refresh_token": tokens["refresh_token"],
            "token_response": tokens,
        }

    return TokenBroker(
        IdentityProvider(f"{idp}/token", "jupyterhub", hub_client_secret(), name=f"identity provider {idp}"),
        auth_state_of,
    )


@pytest.mark.parametrize("skew, words", [(-300, "behind"), (300, "ahead of")])
async def test_a_skewed_idp_clock_is_named(hub_stack, tmp_path, skew, words):
    with skewed_idp(skew, tmp_path) as idp:
        tokens = code_flow("test-alice", idp=idp)
        issued = jwt_claims(tokens["access_token"])["iat"]
        assert abs(issued - time.time() - skew) < 30, "the IdP's clock was not moved"
        with pytest.raises(CredentialError) as err:
            await _broker(idp, tokens).token("test-alice")
    assert err.value.kind == "clock_skew" and err.value.status == 502
    message = err.value.message
    assert re.search(rf"identity provider {re.escape(idp)}'s clock is \d+ s {words} this machine's", message)
    assert "synchronise the clocks (NTP)" in message
    measured = int(re.search(r"clock is (\d+) s", message).group(1))
    assert abs(measured - abs(skew)) < 30


async def test_a_small_skew_is_tolerated(hub_stack, tmp_path):
    with skewed_idp(20, tmp_path) as idp:
        tokens = code_flow("test-alice", idp=idp)
        handed = await _broker(idp, tokens).token("test-alice")
    assert handed.access_token == tokens["access_token"]
