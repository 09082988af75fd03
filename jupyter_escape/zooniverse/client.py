"""The one way jupyter-escape talks to Panoptes (the API behind Zooniverse, or the local replay of it): through
``panoptes-client``, signed in with credentials read on the server, every request bounded in time.

panoptes-client keeps "the current client" per thread (``with Panoptes(...)``), and its calls block: callers run
them in a worker thread (the handlers' pillar pool, or the notebook API directly). Credentials are read from a
0600 file or an environment variable when a session starts and are never returned, logged or put in a URL.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import requests

from ..config import PUBLIC_ZOONIVERSE, read_secret
from ..core.errors import EscapeError, RemoteError

SERVICE = "Zooniverse"


@dataclass
class ZooniverseSettings:
    """Where Panoptes is and who signs in; built from EscapeConfig.zooniverse."""

    endpoint: str
    display_name: str = SERVICE
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    max_bytes: int = 512 * 1024 * 1024

    @classmethod
    def from_config(
        cls, cfg: dict[str, Any] | None, *, timeout: float = 60.0, max_bytes: int = 512 * 1024 * 1024
    ) -> ZooniverseSettings:
        cfg = cfg or PUBLIC_ZOONIVERSE
        endpoint = str(cfg.get("endpoint") or "").rstrip("/")
        if not endpoint.startswith(("http://", "https://")):
            raise EscapeError(
                "no Panoptes endpoint is configured (EscapeConfig.zooniverse.endpoint)", status=400, service=SERVICE
            )
        for key in ("password_file", "client_secret_file"):
            _check_private(cfg.get(key), key)
        return cls(
            endpoint=endpoint,
            display_name=cfg.get("display_name") or SERVICE,
            username=cfg.get("username"),
            client_id=cfg.get("client_id"),
            password=cfg.get("password") or read_secret(cfg.get("password_file"), cfg.get("password_env")),
            client_secret=cfg.get("client_secret")
            or read_secret(cfg.get("client_secret_file"), cfg.get("client_secret_env")),
            timeout=timeout,
            max_bytes=max_bytes,
        )

    @property
    def signed_in(self) -> bool:
        return bool((self.username and self.password) or (self.client_id and self.client_secret))

    def public(self) -> dict[str, Any]:
        """What a browser may see: no password, no secret, not even their file names."""
        return {
            "endpoint": self.endpoint,
            "display_name": self.display_name,
            "username": self.username,
            "signed_in": self.signed_in,
            "replay": "127.0.0.1" in self.endpoint or "localhost" in self.endpoint,
        }


def _check_private(path: str | None, key: str) -> None:
    """A credential file others can read is refused, as ssh refuses such a key."""
    if not path or not os.path.exists(os.path.expanduser(path)):
        return
    mode = os.stat(os.path.expanduser(path)).st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise EscapeError(
            f"zooniverse.{key}: the file is readable by others (mode {stat.S_IMODE(mode):o}); chmod 600 it",
            service=SERVICE,
            status=400,
        )


def translate(exc: Exception, service: str = SERVICE) -> EscapeError:
    """panoptes-client's exceptions (or requests') as an error the user can act on; Panoptes' own words kept."""
    from panoptes_client.panoptes import PanoptesAPIException

    if isinstance(exc, EscapeError):
        return exc
    text = str(exc).strip() or exc.__class__.__name__
    if isinstance(exc, KeyError) and "access_token" in text:
        return RemoteError(
            service,
            "sign-in refused: the OAuth token endpoint gave no access token (wrong client id or secret?)",
            status=401,
        )
    if isinstance(exc, PanoptesAPIException):
        low = text.lower()
        if "expired" in low or "token is invalid" in low or "must be logged in" in low:
            return RemoteError(
                service,
                f"credentials expired or refused ({text}); sign in again: check "
                "EscapeConfig.zooniverse and the password or secret file",
                status=401,
            )
        if "invalid login" in low or "login failed" in low:
            return RemoteError(service, f"sign-in refused: {text}", status=401)
        if "could not find" in low or ("no " in low and "export" in low):
            return RemoteError(service, text, status=404)
        return RemoteError(service, text)
    if isinstance(exc, requests.Timeout):
        return RemoteError(service, f"no answer in time ({text})", status=504)
    if isinstance(exc, requests.RequestException):
        return RemoteError(service, f"connection failed: {text}")
    raise exc


@contextlib.contextmanager
def panoptes_errors(service: str = SERVICE) -> Iterator[None]:
    from panoptes_client.panoptes import PanoptesAPIException

    try:
        yield
    except (PanoptesAPIException, requests.RequestException, KeyError) as exc:
        raise translate(exc, service) from None


class _BoundedSession(requests.Session):
    """A requests session whose every request has a timeout unless the caller gives one."""

    def __init__(self, timeout: float) -> None:
        super().__init__()
        self.default_timeout = timeout

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.default_timeout)
        return super().request(method, url, *args, **kwargs)


@contextlib.contextmanager
def session(settings: ZooniverseSettings) -> Iterator[Any]:
    """A signed-in panoptes-client for this thread: ``with session(s) as client: Project.where(...)``."""
    from panoptes_client import Panoptes

    with panoptes_errors(settings.display_name):
        # Built without credentials (no request yet), then given a session whose every request is bounded in
        # time (the client's own has no timeout) and the server's credentials, then signed in.
        client = Panoptes(endpoint=settings.endpoint, username="", password="", client_id=settings.client_id)
        client.session = _BoundedSession(settings.timeout)
        client.refresh_token = None
        client.client_secret = None
        if settings.username and settings.password:
            client.username, client.password = settings.username, settings.password
            client.login()
        elif settings.client_id and settings.client_secret:
            client.client_secret = settings.client_secret
            client.get_bearer_token()
        with client:
            yield client


def check_outbound(url: str) -> str:
    """URLs Panoptes hands back (an export's signed download URL, an image's signed upload URL) must be http(s).
    They are opened through core/http.py, whose connections pass the server's outbound policy
    (EscapeConfig.block_private_targets) after DNS resolution and connect to the address that was checked.
    panoptes-client's own requests go to the operator-configured endpoint only."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError(SERVICE, f"Panoptes answered a URL that is not http(s): {url[:80]!r}")
    return url
