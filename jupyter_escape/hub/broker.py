"""The credential broker: a JupyterHub service handing each user's server a fresh access token.

Run by the hub as a managed service (see stack/hub/jupyterhub_config.py and docs/hub.md)::

    c.JupyterHub.services = [{"name": "escape-credentials", "url": "http://127.0.0.1:8097",
                              "command": [sys.executable, "-m", "jupyter_escape.hub.broker"], ...}]

Callers authenticate with a JupyterHub API token (a user's server passes its ``JUPYTERHUB_API_TOKEN``) that holds
``access:services!service=escape-credentials``; they receive their own user's token, never anyone else's, and never a
refresh token. The broker itself needs ``admin:auth_state`` and ``read:users`` to read auth state.

Environment: the hub's JUPYTERHUB_API_TOKEN / JUPYTERHUB_API_URL / JUPYTERHUB_SERVICE_URL /
JUPYTERHUB_SERVICE_PREFIX, plus ESCAPE_BROKER_TOKEN_URL (the IdP's token endpoint), ESCAPE_BROKER_CLIENT_ID,
ESCAPE_BROKER_CLIENT_SECRET_FILE (the hub's OAuth client), ESCAPE_BROKER_STORE (0600 file of refreshed tokens),
ESCAPE_BROKER_IDP_NAME and ESCAPE_HUB_PUBLIC_URL (for the "log in again" link).
"""

from __future__ import annotations

import json
import logging
import os
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlparse

from jupyterhub.services.auth import HubAuth  # type: ignore[import-untyped]
from tornado import httpclient, ioloop, web

from .tokens import CredentialError, IdentityProvider, TokenBroker

log = logging.getLogger("escape-credentials")


class TokenHandler(web.RequestHandler):
    """GET: the calling user's access token, refreshed if it is about to expire."""

    def initialize(self, broker: TokenBroker, hub_auth: HubAuth, login_url: str) -> None:
        self.broker, self.hub_auth, self.login_url = broker, hub_auth, login_url

    def set_default_headers(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")

    def fail(self, status: int, kind: str, message: str) -> None:
        self.set_status(status)
        self.finish(
            json.dumps(
                {
                    "error": kind,
                    "message": message,
                    "service": "credential broker",
                    "recover_url": self.login_url if kind == "login_required" else None,
                }
            )
        )

    async def get(self) -> None:
        header = self.request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() not in ("token", "bearer") or not token:
            return self.fail(403, "forbidden", "a JupyterHub API token is required (Authorization: token ...)")
        model = await self.hub_auth.user_for_token(token, sync=False)
        if not model or model.get("kind", "user") != "user":
            return self.fail(403, "forbidden", "the token does not belong to a hub user")
        if not self.hub_auth.check_scopes(self.hub_auth.access_scopes, model):
            return self.fail(403, "forbidden", "the token lacks access:services!service=escape-credentials")
        name = model["name"]
        try:
            tokens = await self.broker.token(name)
        except CredentialError as exc:
            log.warning("no token for %s: %s", name, exc.message)
            return self.fail(exc.status, exc.kind, exc.message)
        self.finish(json.dumps(tokens.public(name)))


class HealthHandler(web.RequestHandler):
    def get(self) -> None:
        self.finish({"service": "escape-credentials", "ok": True})


def _auth_state_reader(hub_auth: HubAuth) -> Callable[[str], Awaitable[dict[str, Any] | None]]:
    client = httpclient.AsyncHTTPClient()

    async def auth_state_of(username: str) -> dict[str, Any] | None:
        url = f"{hub_auth.api_url}/users/{username}"
        response = await client.fetch(
            url, headers={"Authorization": f"token {hub_auth.api_token}"}, request_timeout=10, raise_error=False
        )
        if response.code == 404:
            return None
        if response.code != 200:
            raise CredentialError(
                "hub_error", f"the hub answered HTTP {response.code} for {username}'s auth state", status=502
            )
        return cast("dict[str, Any] | None", json.loads(response.body).get("auth_state"))

    return auth_state_of


def make_app() -> web.Application:
    hub_auth = HubAuth()
    secret = Path(os.environ["ESCAPE_BROKER_CLIENT_SECRET_FILE"]).read_text().strip()
    idp = IdentityProvider(
        os.environ["ESCAPE_BROKER_TOKEN_URL"],
        os.environ.get("ESCAPE_BROKER_CLIENT_ID", "jupyterhub"),
        secret,
        os.environ.get("ESCAPE_BROKER_IDP_NAME", "identity provider"),
    )
    store = os.environ.get("ESCAPE_BROKER_STORE")
    broker = TokenBroker(idp, _auth_state_reader(hub_auth), Path(store) if store else None)
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/escape-credentials/")
    hub = os.environ.get("ESCAPE_HUB_PUBLIC_URL", "").rstrip("/")
    login_url = f"{hub}/hub/logout" if hub else "/hub/logout"
    return web.Application(
        [
            (rf"{prefix}token", TokenHandler, {"broker": broker, "hub_auth": hub_auth, "login_url": login_url}),
            (rf"{prefix}health", HealthHandler),
        ]
    )


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="[escape-credentials %(asctime)s] %(message)s")
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:8097"))
    make_app().listen(url.port or 80, url.hostname or "127.0.0.1")
    log.info("credential broker on %s", url.geturl())
    loop = ioloop.IOLoop.current()
    # The hub stops its services with SIGINT, then SIGTERM: leave at once (refreshed tokens are already on disk).
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: loop.add_callback_from_signal(loop.stop))
    loop.start()


if __name__ == "__main__":
    main()
