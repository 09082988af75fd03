"""Bearer tokens for the VO services that take them: the same single sign-on as the data lake.

A ``vo_services`` entry with ``"auth": "bearer"`` gets ``Authorization: Bearer <token>`` on every request to its
origin (scheme, host and port: TAP queries, and the async job and result URLs the service hands out, which need not
sit under its base path, as DaCHS's do not): on JupyterHub the token comes from the hub's credential
broker, fresh and rotated like the data lake's; elsewhere from WLCG bearer-token discovery (``BEARER_TOKEN``,
``BEARER_TOKEN_FILE``, ``$XDG_RUNTIME_DIR/bt_u<uid>``), the file ``oidc-agent`` and ``htgettoken`` keep.

The token goes only to the origins of configured services: requests elsewhere carry none, and httpx drops the
header on a redirect to another origin. Applied by the one client factory (core/http.py), so no code path forgets it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncGenerator, Generator, Iterable
from typing import Any
from urllib.parse import urlsplit

import httpx

from .credentials import BROKER_ENV, BrokerError, broker_client
from .errors import EscapeError
from .offloop import off_loop

AUTH_KINDS = ("bearer",)


class TokenUnavailable(EscapeError):
    def __init__(self, service: str, message: str) -> None:
        super().__init__(message, service=service, status=401)


def wlcg_bearer_token() -> str | None:
    """WLCG Bearer Token Discovery (v1.0): the environment variable, then the file it names, then the default
    per-user file. None when there is none."""
    token = os.environ.get("BEARER_TOKEN", "").strip()
    if token:
        return token
    path = os.environ.get("BEARER_TOKEN_FILE") or (
        os.path.join(os.environ["XDG_RUNTIME_DIR"], f"bt_u{os.getuid()}")
        if os.environ.get("XDG_RUNTIME_DIR")
        else f"/tmp/bt_u{os.getuid()}"
    )
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read().strip() or None
    except OSError:
        return None


class BearerSource:
    """Where one service's token comes from: the hub's broker when this server runs on a hub, else discovery."""

    def __init__(self, service: str) -> None:
        self.service = service

    def token(self) -> str:
        """Blocking (the broker may be asked): call from a worker thread."""
        if os.environ.get(BROKER_ENV):
            try:
                return broker_client(os.environ[BROKER_ENV]).token().access_token
            except BrokerError as exc:
                raise TokenUnavailable(self.service, f"no token from the hub's sign-on: {exc.message}") from exc
        token = wlcg_bearer_token()
        if not token:
            raise TokenUnavailable(
                self.service,
                "this service needs a bearer token and none was found (set "
                "BEARER_TOKEN_FILE, or sign in through the hub)",
            )
        return token

    def forget(self) -> None:
        if os.environ.get(BROKER_ENV):
            broker_client(os.environ[BROKER_ENV]).forget()


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


class ServiceCredentials(httpx.Auth):
    """An httpx auth that adds the bearer token of the configured service a request's URL falls under."""

    def __init__(self) -> None:
        self._sources: dict[tuple[str, str], BearerSource] = {}
        self._lock = threading.Lock()

    def configure(self, services: Iterable[dict[str, Any]]) -> None:
        sources = {}
        for svc in services:
            if svc.get("auth") in AUTH_KINDS and svc.get("url"):
                sources[_origin(svc["url"])] = BearerSource(svc.get("name") or svc["url"])
        with self._lock:
            self._sources = sources

    def source_for(self, url: httpx.URL | str) -> BearerSource | None:
        with self._lock:
            return self._sources.get(_origin(str(url)))

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        source = self.source_for(request.url)
        if source is None:
            yield request
            return
        request.headers["Authorization"] = f"Bearer {source.token()}"
        response = yield request
        if response.status_code == 401:
            # Revoked or rotated under us: one fresh token, then the service's own answer stands.
            source.forget()
            request.headers["Authorization"] = f"Bearer {source.token()}"
            yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        source = self.source_for(request.url)
        if source is None:
            yield request
            return
        # The broker is asked over blocking HTTP: never on the server's event loop (the VO pillar's workers: these
        # tokens are for VO services).
        request.headers["Authorization"] = f"Bearer {await off_loop('vo', source.token)}"
        response = yield request
        if response.status_code == 401:
            source.forget()
            request.headers["Authorization"] = f"Bearer {await off_loop('vo', source.token)}"
            yield request


# The one instance the client factory uses; the server extension configures it from ``vo_services``.
SERVICE_CREDENTIALS = ServiceCredentials()
