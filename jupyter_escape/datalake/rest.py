"""A small blocking REST client for one Rucio instance, with the limits every request must have.

Why not rucio-clients' ``Client`` for browsing: it reads a rucio.cfg, keeps tokens in /tmp, and reads whole
listings into memory; a data lake panel needs the first page of a 100,000-file dataset fast, bounded requests and
Rucio's own error words. Listing endpoints stream newline-delimited JSON, so a page is read and the stream closed.
All calls block: handlers run them through ``run_blocking``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import httpx

from ..core.errors import EscapeError
from ..core.http import make_sync_client, read_bounded
from ..core.load import BUDGET
from .auth import FIRST_USE_RETRY, AuthError, TokenCache, _rucio_exception, refused_hint
from .instances import Instance

DEFAULT_TIMEOUT = 30.0
MAX_JSON_BYTES = 32 * 1024 * 1024
# A listing is read until its page is complete: past this many bytes the server is not answering a listing.
MAX_LISTING_BYTES = 1024 * 1024 * 1024

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


def q(value: str) -> str:
    """Quote one path segment (DID names may contain '/')."""
    return quote(value, safe="")


class RucioSession:
    """Authenticated requests to one instance. Thread-safe enough for the handler thread pool (httpx.Client is)."""

    def __init__(self, inst: Instance, tokens: TokenCache, timeout: float = DEFAULT_TIMEOUT):
        self.inst = inst
        self.tokens = tokens
        self.timeout = timeout
        self._client = make_sync_client(timeout, verify=inst.verify, follow_redirects=True)

    def close(self) -> None:
        self._client.close()

    def _headers(self) -> dict:
        headers = {"X-Rucio-Auth-Token": self.tokens.token(self.inst)}
        if self.inst.vo:
            headers["X-Rucio-VO"] = self.inst.vo
        return headers

    def error(self, response: httpx.Response, what: str) -> EscapeError:
        message = _rucio_exception(response)
        cls = message.split(":", 1)[0]
        status = STATUS_BY_EXCEPTION.get(cls, 502)
        if response.status_code == 401:
            return AuthError(self.inst.service, "failed", f"{what}: {message}{refused_hint(self.inst)}")
        return EscapeError(f"{what}: {message}", service=self.inst.service, status=status)

    @contextmanager
    def _send(self, method: str, path: str, what: str, *, stream: bool = False, **kwargs):
        url = self.inst.base_url + path
        for attempt in (1, 2):
            try:
                request = self._client.build_request(method, url, headers=self._headers(), **kwargs)
                response = self._client.send(request, stream=stream)
            except httpx.TimeoutException:
                raise EscapeError(
                    f"{what}: no answer within {self.timeout:g} s", service=self.inst.service, status=504
                ) from None
            except httpx.HTTPError as exc:
                raise EscapeError(
                    f"{what}: cannot reach {self.inst.base_url}: {exc}", service=self.inst.service, status=502
                ) from exc
            if response.status_code == 401 and attempt == 1:
                # An expired or revoked token: log in once more, then report.
                response.close()
                self.tokens.forget(self.inst)
                if self.inst.auth_type == "oidc":
                    # Or a Rucio worker still setting up its OIDC client for its first bearer token, which refuses
                    # concurrent requests meanwhile (see auth.check_credentials): give it a moment.
                    time.sleep(FIRST_USE_RETRY)
                continue
            try:
                if response.status_code >= 400:
                    if stream:
                        read_bounded(response)
                    raise self.error(response, what)
                try:
                    yield response
                except httpx.TimeoutException:
                    raise EscapeError(
                        f"{what}: the answer stopped for {self.timeout:g} s", service=self.inst.service, status=504
                    ) from None
                except httpx.HTTPError as exc:
                    # The connection was cut while the body was read (a reset, a server going away): the service
                    # did not answer, as when it refuses the connection; a job following it keeps its state.
                    raise EscapeError(
                        f"{what}: cannot reach {self.inst.base_url}: the answer was cut: {exc}",
                        service=self.inst.service,
                        status=502,
                    ) from None
            finally:
                response.close()
            return

    def json(self, method: str, path: str, what: str, **kwargs):
        with self._send(method, path, what, stream=True, **kwargs) as response, BUDGET.hold(self.inst.service) as held:
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                held.add(len(chunk))
                if len(body) > MAX_JSON_BYTES:
                    raise EscapeError(
                        f"{what}: answer larger than {MAX_JSON_BYTES} bytes", service=self.inst.service, status=502
                    )
            if not body.strip():
                return None
            text = body.decode()
            try:
                return json.loads(text)
            except ValueError:
                pass
            try:  # listing endpoints answer newline-delimited JSON
                return [json.loads(line) for line in text.splitlines() if line.strip()]
            except ValueError:  # write endpoints answer plain text such as "Created"
                return text.strip()

    def ndjson(
        self, method: str, path: str, what: str, *, offset: int = 0, limit: int | None = None, **kwargs
    ) -> Iterator[dict]:
        """Stream a listing, skipping ``offset`` items and stopping after ``limit``: the rest is never read."""
        with self._send(method, path, what, stream=True, **kwargs) as response:
            seen = 0
            for line in self._bounded_lines(response, what):
                if not line.strip():
                    continue
                value = json.loads(line)
                # Some listings answer one JSON array instead of one object per line.
                for item in value if isinstance(value, list) else [value]:
                    if seen >= offset:
                        yield item
                    seen += 1
                    if limit is not None and seen >= offset + limit:
                        return

    def _bounded_lines(self, response: httpx.Response, what: str) -> Iterator[bytes]:
        """The answer's lines, refusing an endless answer or an endless line (httpx's iter_lines buffers a line
        without bound, and a listing is read until its page is complete)."""
        pending, total = bytearray(), 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            pending += chunk
            if total > MAX_LISTING_BYTES or len(pending) > MAX_JSON_BYTES:
                limit = MAX_LISTING_BYTES if total > MAX_LISTING_BYTES else MAX_JSON_BYTES
                raise EscapeError(
                    f"{what}: answer larger than the limit of {limit} bytes", service=self.inst.service, status=502
                )
            if b"\n" in chunk:
                *lines, rest = pending.split(b"\n")
                pending = bytearray(rest)
                yield from (bytes(line) for line in lines)
        if pending:
            yield bytes(pending)

    def list(self, method: str, path: str, what: str, **kwargs) -> list:
        """A whole (small) listing, whether Rucio answers NDJSON, one object or a JSON array."""
        return list(self.ndjson(method, path, what, **kwargs))

    def send_raw(self, method: str, path: str, what: str, **kwargs) -> httpx.Response:
        with self._send(method, path, what, **kwargs) as response:
            return response


class Sessions:
    """One session per instance, shared by the server's handler threads."""

    def __init__(self, tokens: TokenCache):
        self.tokens = tokens
        self._sessions: dict[str, RucioSession] = {}

    def get(self, inst: Instance) -> RucioSession:
        key = json.dumps(inst.settings, sort_keys=True, default=str)
        session = self._sessions.get(key)
        if session is None:
            session = self._sessions[key] = RucioSession(inst, self.tokens)
        return session

    def close(self) -> None:
        for session in self._sessions.values():
            session.close()
