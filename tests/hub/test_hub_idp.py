"""The local identity provider (oidc-provider playing ESCAPE IAM), as the hub and Rucio use it. Real server."""

from __future__ import annotations

import httpx
import pytest
from _hub import ACCESS_TTL, HUB, IDP, code_flow, hub_client_secret, submit_login_form

from jupyter_escape.hub.tokens import jwt_claims

pytestmark = pytest.mark.stack


def test_discovery_names_the_issuer_and_its_keys(hub_stack):
    meta = httpx.get(f"{IDP}/.well-known/openid-configuration", timeout=10).json()
    assert meta["issuer"] == IDP
    assert "refresh_token" in meta["grant_types_supported"]
    assert {"storage.read:/", "wlcg.groups", "offline_access"} <= set(meta["scopes_supported"])
    keys = httpx.get(meta["jwks_uri"], timeout=10).json()["keys"]
    assert keys and all("d" not in k for k in keys), "the JWKS must hold public keys only"


def test_wrong_password_is_refused_on_the_sign_in_page(hub_stack):
    with httpx.Client(follow_redirects=True, timeout=30) as client:
        page = client.get(f"{HUB}/hub/oauth_login")
        refused = submit_login_form(client, page, "test-alice", "not-her-password")
    assert refused.status_code == 401
    assert "Wrong username or password" in refused.text
    assert refused.url.host == httpx.URL(IDP).host  # still on the IdP: no session was made


def test_access_token_is_a_short_lived_jwt_for_the_data_lake(hub_stack):
    tokens = code_flow("test-alice")
    claims = jwt_claims(tokens["access_token"])
    assert (
        claims["aud"] == ["rucio", "escape-vo"] and claims["iss"] == IDP
    )  # the data lake and the VO services beside it
    assert claims["exp"] - claims["iat"] == ACCESS_TTL
    assert claims["preferred_username"] == "test-alice"
    assert "/escape/lofar" in claims["wlcg.groups"]
    assert {"openid", "profile", "storage.read:/"} <= set(claims["scope"].split())
    assert tokens.get("refresh_token"), "offline_access must give a refresh token"


def test_refresh_gives_a_new_token_and_revocation_ends_it(hub_stack):
    tokens = code_flow("test-bob")
    auth = ("jupyterhub", hub_client_secret())
    refreshed = httpx.post(
        f"{IDP}/token",
        auth=auth,
        timeout=30,
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
    )
    assert refreshed.status_code == 200
    assert refreshed.json()["access_token"] != tokens["access_token"]
    revoked = httpx.post(
        f"{IDP}/token/revocation",
        auth=auth,
        timeout=30,
        data={"token": tokens["refresh_token"], "token_type_hint": "refresh_token"},
    )
    assert revoked.status_code == 200
    again = httpx.post(
        f"{IDP}/token",
        auth=auth,
        timeout=30,
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
    )
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_rucio_refuses_a_token_for_another_audience(hub_stack):
    """The ID token is signed by the same IdP, but its audience is the hub, not the data lake: Rucio must refuse it,
    while it accepts the access token of the same login."""
    from _stack import stack_value

    tokens = code_flow("test-alice")
    rucio = stack_value("ESCAPE_RUCIO_URL")
    assert jwt_claims(tokens["id_token"])["aud"] == "jupyterhub"
    wrong = httpx.get(f"{rucio}/accounts/whoami", headers={"X-Rucio-Auth-Token": tokens["id_token"]}, timeout=30)
    assert wrong.status_code == 401 and wrong.headers["ExceptionClass"] == "CannotAuthenticate"
    right = httpx.get(
        f"{rucio}/accounts/whoami",
        headers={"X-Rucio-Auth-Token": tokens["access_token"]},
        timeout=30,
        follow_redirects=True,
    )
    assert right.status_code == 200 and right.json()["account"] == "test-alice"


def _fresh_rucio_workers(rucio: str) -> None:
    """Restart Rucio's gunicorn workers (HUP, as a reload or a worker recycle does): each new worker sets up its
    OpenID Connect client on the first bearer token it sees, which is where concurrent first uses are refused."""
    import os
    import signal
    import time
    from pathlib import Path

    from _stack import stack_value

    master = int((Path(stack_value("ESCAPE_RUCIO_STATE")) / "run" / "server.pid").read_text())
    os.kill(master, signal.SIGHUP)
    time.sleep(3)  # the old workers finish and the new ones boot
    deadline = time.time() + 90
    while True:
        try:
            if httpx.get(f"{rucio}/ping", timeout=10).status_code == 200:
                return
        except httpx.HTTPError:
            pass  # a worker still booting
        assert time.time() < deadline, "Rucio did not come back after its workers were restarted"
        time.sleep(0.5)


async def test_concurrent_first_uses_of_a_new_token_all_sign_in(hub_stack, tmp_path):
    """Rucio 41 refuses (401 CannotAuthenticate) all but one of the concurrent first requests carrying a bearer token
    when a worker has not verified a token before: after every restart or recycle of its workers. The Services view
    and the Data lake panel check at the same moment when a page opens, so the credentials check must tell this lost
    race from a refused token. The direct calls show the race on this Rucio; the checks that it is absorbed."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from _stack import stack_value

    from jupyter_escape.datalake.auth import check_credentials

    rucio = stack_value("ESCAPE_RUCIO_URL")
    scope = "openid profile offline_access wlcg.groups storage.read:/"
    _fresh_rucio_workers(rucio)
    direct = code_flow("test-alice", scope)["access_token"]

    def whoami(_):
        return httpx.get(
            f"{rucio}/accounts/whoami", headers={"X-Rucio-Auth-Token": direct}, timeout=30, follow_redirects=True
        ).status_code

    with ThreadPoolExecutor(6) as pool:
        refused = list(pool.map(whoami, range(6))).count(401)
    print(f"direct concurrent first uses refused by fresh Rucio workers: {refused} of 6")

    _fresh_rucio_workers(rucio)
    token_file = tmp_path / "token"
    token_file.write_text(code_flow("test-alice", scope)["access_token"])
    inst = {
        "name": "local",
        "rucio_base_url": rucio,
        "auth_type": "oidc",
        "account": "test-alice",
        "oidc_token_file": str(token_file),
    }
    results = await asyncio.gather(*(check_credentials(inst, timeout=20) for _ in range(6)))
    assert [state for state, _, _ in results] == ["ok"] * 6, results

    # The panels' own requests (RucioSession) retry such a refusal too.
    from rucio.client import Client

    from jupyter_escape.datalake.instances import Instance
    from jupyter_escape.datalake.rucio_client import RucioSession

    _fresh_rucio_workers(rucio)
    token_file.write_text(code_flow("test-alice", scope)["access_token"])
    session = RucioSession(Instance(inst), tmp_path / "rucio-tokens")
    try:
        with ThreadPoolExecutor(6) as pool:
            accounts = list(pool.map(lambda _: session.call("whoami", Client.whoami)["account"], range(6)))
    finally:
        session.close()
    assert accounts == ["test-alice"] * 6
