"""The requests transport under rucio-clients' Client (rucio_client.py): every answer's size bounded, and the
server's outbound policy (core/netpolicy.py) checked before each request, as the httpx clients of core/http.py do.

requests reads a streamed body through the urllib3 response's ``stream``/``read``: a counting wrapper there bounds
every way the library reads an answer (``.content``, ``.text``, ``iter_lines``), error answers included.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import httpcore
import requests
from requests.adapters import HTTPAdapter

from ..core.errors import EscapeError
from ..core.netpolicy import current as outbound_policy

MAX_JSON_BYTES = 32 * 1024 * 1024
# A listing is read until its page is complete: past this many bytes the server is not answering a listing.
MAX_LISTING_BYTES = 1024 * 1024 * 1024
CHUNK = 64 * 1024
LISTING_TYPE = "application/x-json-stream"


class AnswerTooLarge(EscapeError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"answer larger than the limit of {limit} bytes", status=502)


class _CountedBody:
    """A urllib3 response that refuses to give more than ``limit`` bytes (requests reads ``.stream``/``.read``)."""

    def __init__(self, raw: Any, limit: int) -> None:
        self._raw = raw
        self._limit = limit
        self._seen = 0

    def _count(self, data: bytes) -> bytes:
        self._seen += len(data)
        if self._seen > self._limit:
            self._raw.close()
            raise AnswerTooLarge(self._limit)
        return data

    def stream(self, amt: int | None = CHUNK, decode_content: bool | None = None) -> Iterator[bytes]:
        for chunk in self._raw.stream(amt, decode_content=decode_content):
            yield self._count(chunk)

    def read(self, *args: Any, **kwargs: Any) -> bytes:
        return self._count(self._raw.read(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class _BoundedAdapter(HTTPAdapter):
    """requests' transport with the server's outbound policy checked and every answer's size bounded."""

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        policy = outbound_policy()
        if policy.block_private:
            parsed = urlparse(request.url or "")
            try:
                policy.resolve(parsed.hostname or "", parsed.port or (443 if parsed.scheme == "https" else 80))
            except httpcore.ConnectError as exc:  # the name does not resolve: as requests says it
                raise requests.exceptions.ConnectionError(str(exc), request=request) from None
        return super().send(request, *args, **kwargs)

    def build_response(self, req: requests.PreparedRequest, resp: Any) -> requests.Response:
        response = super().build_response(req, resp)
        listing = response.headers.get("content-type", "").startswith(LISTING_TYPE)
        response.raw = _CountedBody(response.raw, MAX_LISTING_BYTES if listing else MAX_JSON_BYTES)
        return response


def bounded_session() -> requests.Session:
    session = requests.Session()
    adapter = _BoundedAdapter()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def bounded_lines(response: requests.Response) -> Iterator[bytes]:
    """The answer's lines, refusing an endless line (requests' iter_lines buffers a line without bound)."""
    pending = bytearray()
    for chunk in response.iter_content(CHUNK):
        pending += chunk
        if len(pending) > MAX_JSON_BYTES:
            raise AnswerTooLarge(MAX_JSON_BYTES)
        if b"\n" in chunk:
            *lines, rest = pending.split(b"\n")
            pending = bytearray(rest)
            yield from (bytes(line) for line in lines)
    if pending:
        yield bytes(pending)
