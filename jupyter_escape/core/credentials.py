"""Credentials from the hub's single sign-on: the access token of the user this server (or kernel) belongs to.

On JupyterHub the user logged in once, at the hub. The hub's credential broker (``jupyter_escape.hub.broker``)
hands this user's server a fresh access token when asked with the server's own ``JUPYTERHUB_API_TOKEN``; kernels
inherit that variable, so notebook code gets the same token, rotated just the same. Nothing is copied by hand and no
refresh token ever reaches the user's server or browser.

The current token is also written, 0600, to the WLCG bearer-token file (``BEARER_TOKEN_FILE``), so the rucio CLI
and gfal in the user's terminal read the very same credential as the extension.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from .errors import EscapeError
from .http import make_sync_client, read_bounded

BROKER_ENV = "ESCAPE_CREDENTIAL_BROKER_URL"
SERVICE = "credential broker"
# A token with less than this left is fetched again; the broker hands out tokens with at least 60 s left.
CLIENT_MARGIN = 45.0
BROKER_TIMEOUT = 15.0
BROKER_BODY_BYTES = 256 * 1024


class BrokerError(EscapeError):
    """No token from the broker; ``kind`` is login_required | idp_unreachable | idp_refused | forbidden | unreachable."""

    def __init__(self, kind: str, message: str, *, status: int = 502, recover_url: str | None = None) -> None:
        super().__init__(message, service=SERVICE, status=status)
        self.kind = kind
        self.recover_url = recover_url


@dataclass
class BrokerToken:
    access_token: str = field(repr=False)
    expires_at: float
    username: str
    issuer: str | None
    subject: str | None
    scope: str
    groups: list[Any]
    method: str = "oidc"

    def remaining(self) -> float:
        return self.expires_at - time.time()

    def identity(self) -> dict[str, Any]:
        """Who the token says the user is, for the Services view: no token in it."""
        return {
            "username": self.username,
            "method": self.method,
            "issuer": self.issuer,
            "subject": self.subject,
            "scope": self.scope,
            "groups": list(self.groups),
            "expires_at": self.expires_at,
            "source": "hub single sign-on",
        }


class BrokerClient:
    """This user's token from the broker at ``url``, cached until it is close to expiry.

    Thread-safe, one fetch at a time: when a token expires under many concurrent requests, one of them asks the
    broker and the others wait for its answer.
    """

    def __init__(self, url: str, api_token: str | None = None, *, verify: bool | str = True) -> None:
        self.url = url.rstrip("/") + "/token"
        self._api_token = api_token
        self._verify = verify
        self._lock = threading.Lock()
        self._token: BrokerToken | None = None
        self.fetches = 0

    def _hub_token(self) -> str:
        token = self._api_token or os.environ.get("JUPYTERHUB_API_TOKEN")
        if not token:
            raise BrokerError(
                "forbidden",
                "no JupyterHub API token (JUPYTERHUB_API_TOKEN): this server was not "
                "started by a hub, so the hub's sign-on cannot be used",
                status=401,
            )
        return token

    def token(self, *, timeout: float = BROKER_TIMEOUT) -> BrokerToken:
        with self._lock:
            if self._token is None or self._token.remaining() < CLIENT_MARGIN:
                self._token = self._fetch(timeout)
                write_bearer_token_file(self._token.access_token)
            return self._token

    def forget(self) -> None:
        with self._lock:
            self._token = None

    def _fetch(self, timeout: float) -> BrokerToken:
        self.fetches += 1
        headers = {"Authorization": f"token {self._hub_token()}"}
        try:
            with (
                # The hub's own internal API, named by the hub: the one client outside the outbound policy
                make_sync_client(timeout, outbound_policy=False, verify=self._verify, auth=None) as client,
                client.stream("GET", self.url, headers=headers) as response,
            ):
                body = read_bounded(response, BROKER_BODY_BYTES)
        except httpx.TimeoutException as exc:
            raise BrokerError("unreachable", f"no answer from {self.url} within {timeout:g} s") from exc
        except (httpx.HTTPError, OSError) as exc:
            raise BrokerError("unreachable", f"cannot reach {self.url}: {exc.__class__.__name__}: {exc}") from exc
        try:
            data = json.loads(body)
        except ValueError:
            data = {}
        if response.status_code != 200 or not data.get("access_token"):
            message = data.get("message") or f"HTTP {response.status_code}: {body[:300].decode(errors='replace')}"
            raise BrokerError(
                data.get("error") or "failed",
                message,
                status=401 if response.status_code in (401, 403) else 502,
                recover_url=data.get("recover_url"),
            )
        return BrokerToken(
            data["access_token"],
            float(data["expires_at"]),
            data.get("username", ""),
            data.get("issuer"),
            data.get("subject"),
            data.get("scope", ""),
            data.get("groups") or [],
            data.get("method", "oidc"),
        )


_clients: dict[str, BrokerClient] = {}
_clients_lock = threading.Lock()


def broker_client(url: str | None = None) -> BrokerClient:
    """The process-wide client of the broker at ``url`` (default: ESCAPE_CREDENTIAL_BROKER_URL)."""
    url = url or os.environ.get(BROKER_ENV)
    if not url:
        raise BrokerError("forbidden", f"no credential broker configured ({BROKER_ENV} is not set)", status=401)
    with _clients_lock:
        client = _clients.get(url)
        if client is None:
            client = _clients[url] = BrokerClient(url)
        return client


def bearer_token_path() -> str | None:
    """Where WLCG bearer token discovery looks first for a file: BEARER_TOKEN_FILE, else $XDG_RUNTIME_DIR/bt_u<uid>.
    None when neither is set (the /tmp fallback is shared between users, so we never write there)."""
    if os.environ.get("BEARER_TOKEN_FILE"):
        return os.path.expanduser(os.environ["BEARER_TOKEN_FILE"])
    if os.environ.get("XDG_RUNTIME_DIR"):
        return os.path.join(os.environ["XDG_RUNTIME_DIR"], f"bt_u{os.getuid()}")
    return None


def write_bearer_token_file(token: str) -> str | None:
    """Atomically replace the bearer-token file with ``token`` (0600, never through a symlink)."""
    path = bearer_token_path()
    if not path:
        return None
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, mode=0o700, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".bt-")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(token + "\n")
        os.replace(tmp, path)  # replaces a symlink itself, never its target
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path
