"""Rucio calls through rucio-clients (``rucio.client.Client``): its REST methods, its login flows and its token
files, with the limits every outbound request of the server must have.

What is added around the library, and why:

- bounds and the outbound policy: the Client's requests session is rucio_transport.py's; listings are read lazily
  and closed at the page (``RucioSession.page``), so a 100,000-file dataset's first page does not wait for the whole
  listing;
- tokens: Rucio's own token files (``auth_token_for_account_<account>``, 0600 in a 0700 folder), kept under the
  extension's state folder per credential, so a changed password or certificate never reuses an old token (an
  instance read from the CLI's rucio.cfg uses the CLI's own token file instead, instances.from_rucio_cfg); OIDC
  tokens come from the configured token file, variable or the hub's credential broker (a server cannot run the
  CLI's interactive browser login);
- errors: rucio exceptions and requests' connection errors become EscapeErrors with the service named and Rucio's
  own words (a refused or cut connection is 502 "cannot reach", a timeout 504);
- the library's DEBUG log prints request headers, a login's password among them: its logger here is silent (its
  failures become the caller's errors).

All calls block: handlers run them off the event loop (``run_blocking``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any, TypeVar

import requests
from rucio.client import Client
from rucio.common import exception as rucio_exception
from urllib3.exceptions import ReadTimeoutError

from ..core.errors import EscapeError
from ..core.http import USER_AGENT
from .auth import (
    FIRST_USE_RETRY,
    AuthError,
    credential_problems,
    hub_token,
    read_oidc_token,
    refused_hint,
    userpass_password,
)
from .instances import Instance
from .rucio_transport import LISTING_TYPE, AnswerTooLarge, bounded_lines, bounded_session

DEFAULT_TIMEOUT = 30.0

# Rucio exception classes and the HTTP status we answer with; the message stays Rucio's own.
STATUS_BY_EXCEPTION = {
    "DataIdentifierNotFound": 404,
    "ScopeNotFound": 404,
    "RSENotFound": 404,
    "RuleNotFound": 404,
    "AccountNotFound": 404,
    "ReplicaNotFound": 404,
    "AccessDenied": 403,
    "CannotAuthenticate": 401,
    "InsufficientAccountLimit": 409,
    "InsufficientTargetRSEs": 409,
    "DuplicateRule": 409,
    "Duplicate": 409,
    "DataIdentifierAlreadyExists": 409,
    "FileAlreadyExists": 409,
    "UnsupportedOperation": 409,
    "InvalidObject": 400,
    "InvalidValueForKey": 400,
    "InvalidRSEExpression": 400,
    "KeyNotFound": 400,
    "InvalidMetadata": 400,
    "InvalidType": 400,
    "InputValidationError": 400,
}

# rucio-clients logs every request header at DEBUG (X-Rucio-Password on a userpass login), and each refused
# connection at ERROR; its failures reach the caller as EscapeErrors (and so the user and the access log) instead.
LOG = logging.getLogger("jupyter_escape.datalake.rucio")
LOG.setLevel(logging.CRITICAL)

T = TypeVar("T")


class LakeClient(Client):
    """``rucio.client.Client`` for one configured instance and one credential.

    ``token_dir`` is where Rucio's own token handling keeps this credential's token file; ``bearer`` gives the
    current OIDC token (file, variable or hub broker) for ``auth_type = oidc``.
    """

    # A refused or reset connection is answered at once ("cannot reach", with the error's own words), not after
    # the library's retries of the same request.
    REQUEST_RETRIES = -1

    def __init__(
        self, inst: Instance, token_dir: Path, *, bearer: Callable[[], str] | None = None, timeout: float
    ) -> None:
        self._inst = inst
        self._token_dir = token_dir
        self._bearer = bearer
        self._session: requests.Session | None = None
        auth_type = inst.auth_type
        creds: dict[str, Any] = {}
        if auth_type == "userpass":
            creds = {"username": inst.get("username"), "password": userpass_password(inst)}
        elif auth_type == "x509":
            creds = {
                "client_cert": os.path.expanduser(inst.get("certificate")),
                "client_key": os.path.expanduser(inst.get("key")),
            }
        elif auth_type == "x509_proxy":
            creds = {"client_proxy": os.path.expanduser(inst.get("proxy") or os.environ["X509_USER_PROXY"])}
        ca = inst.get("ca_cert")
        argv0 = sys.argv[0] if sys.argv else None  # BaseClient rewrites the process's sys.argv[0]: keep ours
        try:
            super().__init__(
                rucio_host=inst.base_url,
                auth_host=inst.auth_url,
                account=inst.account,
                ca_cert=os.path.expanduser(ca) if ca else True,  # requests' verify: a CA file, or the system's
                auth_type=auth_type,
                creds=creds,
                timeout=timeout,  # requests takes seconds as a float
                user_agent=USER_AGENT,
                vo=inst.vo,
                logger=LOG,
            )
        finally:
            if argv0 is not None:
                sys.argv[0] = argv0
        self.request_retries = self.REQUEST_RETRIES  # a rucio.cfg's request_retries is for the CLI

    # rucio-clients replaces its session after a 401: every session it uses is the bounded one.
    @property
    def session(self) -> requests.Session:
        assert self._session is not None
        return self._session

    @session.setter
    def session(self, _value: requests.Session) -> None:
        if self._session is not None:
            self._session.close()
        self._session = bounded_session()

    def _get_auth_tokens(self) -> tuple[str | None, str, str, str]:
        shared = self._inst.get("rucio_token_file")
        if shared:  # an instance read from the CLI's rucio.cfg: the CLI's own token file
            folder = os.path.dirname(shared)
            return shared, f"{folder}/{self.TOKEN_EXP_PREFIX}{os.path.basename(shared)}", shared, folder
        suffix = f"for_account_{self.account}" if self.account else "for_default_account"
        path = str(self._token_dir)
        return None, f"{path}/{self.TOKEN_EXP_PREFIX}{suffix}", f"{path}/{self.TOKEN_PREFIX}{suffix}", path

    # The two methods below override BaseClient's private ones (name-mangled) for the two things a server cannot
    # do like the CLI: take an OIDC token from where it is configured, and say why a login failed without a prompt.
    def _BaseClient__read_token(self) -> bool:
        if self._bearer is not None:
            self.set_bearer(self._bearer())
            return True
        return bool(super()._BaseClient__read_token())

    def _BaseClient__get_token(self) -> None:
        if self._bearer is not None:
            # A revoked or rotated token, or a Rucio worker still setting up its OIDC client for its first bearer
            # token (it refuses concurrent requests meanwhile, see auth.check_credentials): give it a moment, then
            # take the token again from its source.
            time.sleep(FIRST_USE_RETRY)
            self.set_bearer(self._bearer())
            return
        inst = self._inst
        try:
            super()._BaseClient__get_token()
        except requests.exceptions.Timeout:
            raise AuthError(
                inst.service,
                "failed",
                f"{inst.auth_type}: no answer from {inst.auth_url} within {self.timeout:g} s",
                status=504,
            ) from None
        except (requests.exceptions.RequestException, rucio_exception.ServerConnectionException, OSError) as exc:
            raise AuthError(
                inst.service, "failed", f"{inst.auth_type}: cannot reach {inst.auth_url}: {exc}", status=502
            ) from None
        except rucio_exception.RucioException as exc:
            raise AuthError(
                inst.service, "failed", f"{inst.auth_type} refused by {inst.auth_url} (HTTP 401): {rucio_words(exc)}"
            ) from None

    def set_bearer(self, token: str) -> None:
        self.auth_token = token
        self.headers["X-Rucio-Auth-Token"] = token

    def _load_json_data(self, response: requests.Response) -> Iterator[Any]:
        """Bounded, and JSON as Rucio wrote it (rucio-clients turns date strings into datetime objects; the
        panels show Rucio's own strings)."""
        try:
            content_type = response.headers.get("content-type", "")
            if content_type.startswith(LISTING_TYPE):
                for line in bounded_lines(response):
                    if line.strip():
                        value = json.loads(line)
                        # Some listings answer one JSON array instead of one object per line.
                        yield from value if isinstance(value, list) else [value]
            elif content_type.startswith("application/json"):
                body = response.content
                if body.strip():
                    yield json.loads(body)
            elif response.text:
                yield response.text
        finally:
            response.close()


def rucio_words(exc: BaseException) -> str:
    """``ExceptionClass: ExceptionMessage`` as the server sent them."""
    cls = type(exc).__name__
    message = str(exc.args[0]) if exc.args else str(exc)
    if cls == "RucioException" or message.startswith(f"{cls}:"):
        return message  # an exception class the library does not know keeps the server's "Class: message"
    return f"{cls}: {message}" if message else cls


def _exception_class(exc: BaseException) -> str:
    return rucio_words(exc).split(":", 1)[0]


def _credential_key(inst: Instance) -> str:
    """Tokens belong to a credential: a changed password or certificate must not reuse an old token. The key holds
    a digest of the credential, never the credential itself."""
    if inst.auth_type == "userpass":
        material = f"{inst.get('username')}|{userpass_password(inst)}"
    elif inst.auth_type == "oidc":
        material = f"{inst.get('oidc_token_broker')}|{inst.get('oidc_token_file')}|{inst.get('oidc_token_env')}"
    else:
        path = (
            inst.get("certificate")
            if inst.auth_type == "x509"
            else (inst.get("proxy") or os.environ.get("X509_USER_PROXY", ""))
        )
        try:
            material = f"{path}|{os.stat(os.path.expanduser(path)).st_mtime}"
        except (OSError, TypeError):
            material = str(path)
    identity = f"{inst.name}|{inst.auth_url}|{inst.account}|{inst.auth_type}|{material}"
    return hashlib.sha256(identity.encode()).hexdigest()[:24]


def bearer_source(inst: Instance) -> Callable[[], str] | None:
    """Where an OIDC instance's token comes from, read again at each call (an external refresher is followed)."""
    if inst.auth_type != "oidc":
        return None
    if inst.get("oidc_token_broker"):
        return lambda: hub_token(inst).access_token
    return lambda: read_oidc_token(inst)


class RucioSession:
    """One instance's rucio-clients Client, shared by the handler threads, with errors mapped and pages bounded.

    ``call(what, fn, *args)`` runs ``fn(client, *args)``; ``page(what, fn, ...)`` reads items of a listing.
    """

    def __init__(self, inst: Instance, token_root: Path | None, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.inst = inst
        self.timeout = timeout
        self._token_root = token_root
        self._lock = threading.Lock()
        self._clients: dict[str, LakeClient] = {}

    def close(self) -> None:
        with self._lock:
            for client in self._clients.values():
                client.session.close()
            self._clients.clear()

    def token_dir(self) -> Path:
        root = self._token_root or _private_token_root()
        return root / _credential_key(self.inst)

    def client(self) -> LakeClient:
        """The Client for the instance's current credential (it logs in, or reads Rucio's token file, once)."""
        problem = credential_problems(self.inst)
        if problem:
            raise AuthError(self.inst.service, *problem)
        key = _credential_key(self.inst)
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                directory = self.token_dir()
                if not self.inst.get("rucio_token_file"):
                    directory.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                client = LakeClient(self.inst, directory, bearer=bearer_source(self.inst), timeout=self.timeout)
                self._clients[key] = client
        if client._bearer is not None:
            client.set_bearer(client._bearer())  # the token file may have been refreshed since the last call
        return client

    def call(self, what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        try:
            return fn(self.client(), *args, **kwargs)
        except Exception as exc:
            raise self.error(exc, what) from None

    def page(
        self,
        what: str,
        fn: Callable[..., Iterable[Any]],
        *args: Any,
        offset: int = 0,
        limit: int | None = None,
        **kwargs: Any,
    ) -> Generator[Any, None, None]:
        """Items of a listing, skipping ``offset`` and stopping after ``limit``: the rest is never read (the
        answer is closed when the iterator is)."""
        items = iter(self.call(what, fn, *args, **kwargs))
        seen = 0
        try:
            while limit is None or seen < offset + limit:
                try:
                    item = next(items)
                except StopIteration:
                    return
                except Exception as exc:
                    raise self.error(exc, what, reading=True) from None
                if seen >= offset:
                    yield item
                seen += 1
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                with suppress(Exception):
                    close()

    def list(self, what: str, fn: Callable[..., Iterable[Any]], *args: Any, **kwargs: Any) -> list[Any]:
        """A whole (small) listing."""
        return list(self.page(what, fn, *args, **kwargs))

    def error(self, exc: BaseException, what: str, *, reading: bool = False) -> EscapeError:
        inst = self.inst
        if isinstance(exc, AuthError):
            return exc
        if isinstance(exc, AnswerTooLarge):
            return EscapeError(f"{what}: {exc.message}", service=inst.service, status=502)
        if isinstance(exc, EscapeError):
            return exc
        cause = exc.args[0] if exc.args else None
        if isinstance(exc, requests.exceptions.Timeout) or isinstance(cause, ReadTimeoutError):
            if reading:
                return EscapeError(
                    f"{what}: the answer stopped for {self.timeout:g} s", service=inst.service, status=504
                )
            return EscapeError(f"{what}: no answer within {self.timeout:g} s", service=inst.service, status=504)
        if isinstance(exc, (requests.exceptions.RequestException, rucio_exception.ServerConnectionException)):
            # The connection was refused, or cut while the body was read (a reset, a server going away): the
            # service did not answer; a job following it keeps its state.
            cut = ": the answer was cut" if reading else ""
            return EscapeError(f"{what}: cannot reach {inst.base_url}{cut}: {exc}", service=inst.service, status=502)
        if isinstance(exc, rucio_exception.RucioException):
            words = rucio_words(exc)
            cls = _exception_class(exc)
            if cls == "CannotAuthenticate":
                return AuthError(inst.service, "failed", f"{what}: {words}{refused_hint(inst)}")
            return EscapeError(f"{what}: {words}", service=inst.service, status=STATUS_BY_EXCEPTION.get(cls, 502))
        if isinstance(exc, (ValueError, OSError)):
            return EscapeError(f"{what}: {exc.__class__.__name__}: {exc}", service=inst.service, status=502)
        raise exc


_private_root: list[Path] = []


def _private_token_root() -> Path:
    """Token files of a caller with no state folder (the Services probe): a private folder of this process."""
    if not _private_root:
        import tempfile

        _private_root.append(Path(tempfile.mkdtemp(prefix="escape-rucio-tokens-")))
    return _private_root[0]


class Sessions:
    """One session per instance, shared by the server's handler threads."""

    def __init__(self, token_root: Path | None) -> None:
        self.token_root = token_root
        self._sessions: dict[str, RucioSession] = {}
        self._lock = threading.Lock()

    def get(self, inst: Instance) -> RucioSession:
        key = json.dumps(inst.settings, sort_keys=True, default=str)
        with self._lock:
            session = self._sessions.get(key)
            if session is None:
                session = self._sessions[key] = RucioSession(inst, self.token_root)
            return session

    def close(self) -> None:
        for session in self._sessions.values():
            session.close()
