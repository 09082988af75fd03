"""The credential broker's core (jupyter_escape.hub.tokens) against the real identity provider: refresh before
expiry, one refresh when many requests arrive at once, a new login superseding old tokens, and the failures a hub
meets (IdP down, refresh token revoked), each with a message that names the IdP."""

from __future__ import annotations

import asyncio
import socket
import time

import httpx
import pytest
from _hub import IDP, code_flow, hub_client_secret

from jupyter_escape.hub.tokens import (
    CredentialError,
    IdentityProvider,
    TokenBroker,
    UserTokens,
    fingerprint,
    jwt_claims,
)

pytestmark = pytest.mark.stack


class CountingIdP(IdentityProvider):
    """The real IdP client, counting the refreshes it makes (a spy on real calls, not a mock)."""

    calls = 0

    async def refresh(self, refresh_token: str) -> dict:
        type(self).calls += 1
        return await super().refresh(refresh_token)


def auth_state(tokens: dict) -> dict:
    """What oauthenticator keeps in the hub's auth state after a login."""
    return {
        "access_token": tokens["access_token"],
        "refresh_token": tokens["refresh_token"],
        "token_response": tokens,
        "oauth_user": jwt_claims(tokens["id_token"]),
    }


def broker_for(state: dict, idp: IdentityProvider | None = None, store=None) -> TokenBroker:
    async def auth_state_of(_name):
        return state

    return TokenBroker(idp or CountingIdP(f"{IDP}/token", "jupyterhub", hub_client_secret()), auth_state_of, store)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_fresh_token_is_handed_out_without_refresh(hub_stack):
    state = auth_state(code_flow("test-alice"))
    CountingIdP.calls = 0
    token = await broker_for(state).token("test-alice")
    assert token.access_token == state["access_token"]
    assert CountingIdP.calls == 0
    public = token.public("test-alice")
    assert "refresh_token" not in public and public["subject"] == jwt_claims(state["access_token"])["sub"]


async def test_many_requests_at_expiry_make_one_refresh(hub_stack, tmp_path):
    state = auth_state(code_flow("test-alice"))
    broker = broker_for(state, store=tmp_path / "tokens.json")
    # The token the hub holds is about to expire: every concurrent caller must wait for one refresh.
    broker._tokens["test-alice"] = UserTokens(
        state["access_token"], state["refresh_token"], time.time() + 5, fingerprint(state["refresh_token"])
    )
    CountingIdP.calls = 0
    results = await asyncio.gather(*(broker.token("test-alice") for _ in range(40)))
    assert CountingIdP.calls == 1
    assert len({r.access_token for r in results}) == 1
    assert results[0].access_token != state["access_token"] and results[0].remaining() > 60
    # The refreshed token is kept (0600) so a broker restart does not refresh again.
    assert oct((tmp_path / "tokens.json").stat().st_mode & 0o777) == "0o600"
    restarted = broker_for(state, store=tmp_path / "tokens.json")
    assert (await restarted.token("test-alice")).access_token == results[0].access_token
    assert CountingIdP.calls == 1


async def test_a_new_login_supersedes_refreshed_tokens(hub_stack):
    state = auth_state(code_flow("test-alice"))
    broker = broker_for(state)
    broker._tokens["test-alice"] = UserTokens("stale", "stale-refresh", time.time() + 3600, fingerprint("older-login"))
    assert (await broker.token("test-alice")).access_token == state["access_token"]


async def test_idp_down_is_named_and_a_still_valid_token_keeps_working(hub_stack):
    state = auth_state(code_flow("test-alice"))
    down = IdentityProvider(f"http://127.0.0.1:{closed_port()}/token", "jupyterhub", "x", "identity provider X")
    broker = broker_for(state, idp=down)
    broker._tokens["test-alice"] = UserTokens(
        state["access_token"], state["refresh_token"], time.time() + 30, fingerprint(state["refresh_token"])
    )
    assert (await broker.token("test-alice")).access_token == state["access_token"]  # 30 s left: served, retried later
    broker._tokens["test-alice"].expires_at = time.time() - 1
    with pytest.raises(CredentialError) as err:
        await broker.token("test-alice")
    assert err.value.kind == "idp_unreachable" and err.value.status == 502
    assert "identity provider X" in err.value.message and "did not answer" in err.value.message


async def test_revoked_refresh_token_asks_for_a_new_login(hub_stack):
    tokens = code_flow("test-bob")
    async with httpx.AsyncClient(timeout=30) as client:
        revoked = await client.post(
            f"{IDP}/token/revocation",
            auth=("jupyterhub", hub_client_secret()),
            data={"token": tokens["refresh_token"], "token_type_hint": "refresh_token"},
        )
    revoked.raise_for_status()
    state = auth_state(tokens)
    broker = broker_for(state)
    broker._tokens["test-bob"] = UserTokens(
        state["access_token"], state["refresh_token"], time.time() - 1, fingerprint(state["refresh_token"])
    )
    with pytest.raises(CredentialError) as err:
        await broker.token("test-bob")
    assert err.value.kind == "login_required" and err.value.status == 401
    assert "invalid_grant" in err.value.message and "revoked or has expired" in err.value.message
    assert "test-bob" not in broker._tokens


async def test_no_auth_state_means_log_in_again(hub_stack):
    with pytest.raises(CredentialError) as err:
        await broker_for({}).token("test-carol")
    assert err.value.kind == "login_required" and "log in again" in err.value.message
