"""Network helpers shared by the VO modules: bounded requests whose VOTable bodies are decoded while they arrive."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable
from typing import Any, cast
from urllib.parse import urlparse

import httpx

from ...core.errors import EscapeError, RemoteError, ServiceTimeout
from ...core.http import Limits, ResponseTooLarge, aread_bounded, client_for, fetch, remote_message
from ...core.load import BUDGET
from ...core.offloop import off_loop
from ..votable import VOTableDecoder, VOTableResult, read_votable

DECODE_BATCH = 1 << 20  # bytes handed to the decoder thread at once


class OrderedFeed:
    """Hands byte batches to a push decoder in the "vo" worker pool, in order and one at a time, while the next
    batch arrives. Awaiting each batch's decode before reading on (as before) left the socket idle during the
    decode and the thread hand-off (1M rows: ~60 hand-offs, on a loaded machine each waiting for a core), and a
    full socket buffer stalls the service's writing too."""

    def __init__(self, feed: Callable[[bytes], object]) -> None:
        self.feed: Callable[[bytes], object] | None = feed
        self.in_flight: asyncio.Future[object] | None = None

    async def put(self, data: bytes) -> None:
        await self.drain()
        if self.feed is not None and data:
            self.in_flight = asyncio.ensure_future(off_loop("vo", self.feed, data))

    async def drain(self) -> None:
        """Wait for the batch in flight; its decoder's exception is raised here."""
        in_flight, self.in_flight = self.in_flight, None
        if in_flight is not None:
            await in_flight

    async def drop(self) -> None:
        """After a failure: the batch in flight is not waited for (queued work never starts) and the decoder is
        let go, so a kept traceback does not keep it (and the bytes it holds) alive."""
        in_flight, self.in_flight, self.feed = self.in_flight, None, None
        if in_flight is not None:
            in_flight.cancel()
            await asyncio.gather(in_flight, return_exceptions=True)


def service_name(kind: str, url: str) -> str:
    """How errors name a service: 'TAP 127.0.0.1:8090/tap'."""
    parsed = urlparse(url)
    return f"{kind} {parsed.netloc}{parsed.path}".rstrip("/")


def check_url(url: str | None, field: str = "url") -> str:
    if not url or urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc:
        raise EscapeError(f"{field}: {url!r} is not an http(s) URL", status=400)
    return url


def transfer_headers(url: str) -> dict[str, Any]:
    """Headers for downloading a result. From a service on this machine or a private network, ask for no
    compression: DaCHS gzips on the fly and that cost more than it saved (1M rows: FITS +1.3 s, BINARY2 +4 s on
    loopback, docs/vo.md); over the internet compression may pay for itself, so leave it on there."""
    host = (urlparse(url).hostname or "").strip("[]")
    if host == "localhost" or host.endswith(".localhost"):
        return {"Accept-Encoding": "identity"}
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return {}
    return {"Accept-Encoding": "identity"} if address.is_loopback or address.is_private else {}


def error_from_body(service: str, response: httpx.Response) -> EscapeError:
    """A failed VO request: the VOTable QUERY_STATUS=ERROR message when the body is one, else the HTTP text."""
    body = response.content or b""
    error = None
    if b"QUERY_STATUS" in body[:200_000]:
        try:
            read_votable(body, service=service)
        except RemoteError as exc:
            error = exc
        except EscapeError:
            pass
    error = error or RemoteError(service, remote_message(response))
    if response.status_code == 404:  # "no such job/table" stays a 404 for the browser and the job list
        error.status = 404
    return error


async def get(
    service: str,
    url: str,
    *,
    limits: Limits,
    params: Any = None,
    client: httpx.AsyncClient | None = None,
    **kwargs: Any,
) -> httpx.Response:
    response = await fetch(
        service, "GET", url, params=params, limits=limits, client=client, raise_for_status=False, **kwargs
    )
    if response.status_code >= 400:
        raise error_from_body(service, response)
    return response


async def votable_request(
    service: str,
    method: str,
    url: str,
    *,
    limits: Limits,
    data: Any = None,
    params: Any = None,
    client: httpx.AsyncClient | None = None,
) -> VOTableResult:
    """Do a request whose answer is a VOTable; decode it in a worker thread batch by batch as it streams in."""
    # Optional only so that the finally below can drop it; run() reads it through the closure cell, never a local.
    decoder: VOTableDecoder | None = VOTableDecoder(service)
    received = 0
    batch = bytearray()

    async def run(c: httpx.AsyncClient) -> VOTableResult:
        nonlocal received
        feed = OrderedFeed(cast(VOTableDecoder, decoder).feed)
        try:
            # The decoded table grows with the bytes received: they count against the global budget until the
            # answer is complete (then the result cache owns the table).
            async with (
                c.stream(
                    method, url, data=data, params=params, timeout=limits.timeout, headers=transfer_headers(url)
                ) as response,
                BUDGET.hold(service) as held,
            ):
                if response.status_code >= 400:
                    await aread_bounded(response)
                    raise error_from_body(service, response)
                async for chunk in response.aiter_bytes():
                    received += len(chunk)
                    held.add(len(chunk))
                    if received > limits.max_bytes:
                        raise ResponseTooLarge(service, limits.max_bytes)
                    batch.extend(chunk)
                    if len(batch) >= DECODE_BATCH:
                        data_now = bytes(batch)
                        batch.clear()
                        await feed.put(data_now)
            await feed.put(bytes(batch))
            await feed.drain()
        finally:
            await feed.drop()
        return await off_loop("vo", cast(VOTableDecoder, decoder).close)

    try:
        if client is not None:
            return await run(client)
        async with client_for(limits) as own:
            return await run(own)
    except httpx.TimeoutException as exc:
        raise ServiceTimeout(service, limits.timeout) from exc
    except httpx.HTTPError as exc:
        raise RemoteError(service, f"cannot reach {url}: {exc.__class__.__name__}: {exc}") from exc
    finally:
        # A failed answer's traceback keeps these frames alive as long as the error is referenced: drop the
        # decoder (it may hold the whole refused body) and the batch now, so their memory goes back at once.
        decoder = None
        batch.clear()
