"""The one outbound HTTP layer: every request the extension makes itself goes through a client made here.

Domain modules use these helpers instead of building clients themselves, so that every request has a timeout,
a size bound on what it reads (and counts in the server-wide byte budget, core/load.py), the outbound policy on
every connection and redirect (core/netpolicy.py), the bearer token of the VO services configured to take one
(core/service_auth.py), one User-Agent and one TLS context; and remote errors come back with the service named.

- async code: :func:`make_client` / :func:`client_for`, and :func:`fetch` for one bounded request;
- blocking code (worker threads, kernels): :func:`make_sync_client`, and :func:`fetch_blocking`;
- a streamed body read by the caller (downloads to a file): ``client.stream(...)`` on one of these clients, with the
  caller bounding what it keeps; an error body through :func:`aread_bounded` / :func:`read_bounded`.

Requests made by a field library with its own session (rucio-clients, pyvo, panoptes-client) are the exceptions,
named in docs/architecture.md ("Outbound HTTP").
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from .. import __version__
from .errors import EscapeError, RemoteError, ServiceTimeout
from .load import BUDGET
from .netpolicy import guard_async_transport, guard_sync_transport

if TYPE_CHECKING:
    from .load import _Hold as Hold
    from .service_auth import ServiceCredentials


USER_AGENT = f"jupyter-escape/{__version__}"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# An error answer is read only to show the remote service's words: this much is plenty, and an endless or huge
# error body (a misbehaving proxy, a hostile server) can then never fill the server's memory.
ERROR_BODY_BYTES = 64 * 1024


class ResponseTooLarge(EscapeError):
    def __init__(self, service: str, limit: int) -> None:
        super().__init__(f"response larger than the configured limit of {limit} bytes", service=service, status=502)


@dataclass
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES


_TRANSPORT_KEYS = ("verify", "cert", "http1", "http2", "limits", "retries", "trust_env")


def _transport_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The client arguments that belong to the transport: httpx ignores them on a client given a transport.

    The default certificate check (verify=True, no client certificate) shares one TLS context: httpx builds a new
    one per transport by loading the whole CA bundle, 25-100 ms on this machine, which every VO request paid
    again in a running server (benchmarks/vo/bench_votable.py --in-process)."""
    out = {k: kwargs.pop(k) for k in _TRANSPORT_KEYS if k in kwargs}
    if out.get("verify", True) is True and out.get("cert") is None:
        out["verify"] = default_tls_context(out.get("trust_env", True))
    return out


_tls_contexts: dict[bool, ssl.SSLContext] = {}
_tls_lock = threading.Lock()


def default_tls_context(trust_env: bool = True) -> ssl.SSLContext:
    """The TLS context of verify=True, built once per process (SSL_CERT_FILE / SSL_CERT_DIR are read then)."""
    with _tls_lock:
        context = _tls_contexts.get(trust_env)
        if context is None:
            context = _tls_contexts[trust_env] = httpx.create_ssl_context(trust_env=trust_env)
        return context


def _service_credentials() -> ServiceCredentials:
    """Bearer tokens for the services configured to take them (core/service_auth.py; imported here, not at the top,
    because it uses the credential broker client, which uses this module)."""
    from .service_auth import SERVICE_CREDENTIALS

    return SERVICE_CREDENTIALS


def make_client(timeout: float = DEFAULT_TIMEOUT, **kwargs: Any) -> httpx.AsyncClient:
    """Every async client: the outbound policy (core/netpolicy.py) checks each connection, redirects included."""
    kwargs.setdefault("follow_redirects", True)
    kwargs.setdefault("auth", _service_credentials())
    headers = {"User-Agent": USER_AGENT, **kwargs.pop("headers", {})}
    transport = guard_async_transport(httpx.AsyncHTTPTransport(**_transport_kwargs(kwargs)))
    return httpx.AsyncClient(timeout=httpx.Timeout(timeout), headers=headers, transport=transport, **kwargs)


def make_sync_client(
    timeout: float | httpx.Timeout = DEFAULT_TIMEOUT, *, outbound_policy: bool = True, **kwargs: Any
) -> httpx.Client:
    """Blocking twin of :func:`make_client`, for the code that runs in worker threads.

    ``outbound_policy=False`` is for the one endpoint the hub itself names, not a user or a remote answer: the
    hub's credential broker (core/credentials.py), on the hub's internal address. Nothing else passes it."""
    kwargs.setdefault("auth", _service_credentials())
    headers = {"User-Agent": USER_AGENT, **kwargs.pop("headers", {})}
    if not isinstance(timeout, httpx.Timeout):
        timeout = httpx.Timeout(timeout)
    transport = httpx.HTTPTransport(**_transport_kwargs(kwargs))
    if outbound_policy:
        transport = guard_sync_transport(transport)
    return httpx.Client(timeout=timeout, headers=headers, transport=transport, **kwargs)


def safe_link(value: object) -> str | None:
    """A remote URL the browser may show as a link: http(s) only, else None.

    Registry and Zenodo records are third-party data; a ``javascript:`` or ``data:`` URL in an ``<a href>`` would run
    in JupyterLab's origin when clicked (React does not block it), so such values never reach the frontend.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    return text if scheme in ("http", "https") and text[len(scheme) :].startswith("://") else None


def remote_message(response: httpx.Response, limit: int = 2000) -> str:
    """The remote service's own words about an error, trimmed to something displayable."""
    text = response.text.strip() if response.content else ""
    if not text:
        text = response.reason_phrase or "no message"
    return f"HTTP {response.status_code}: {text[:limit]}"


async def aread_bounded(response: httpx.Response, limit: int = ERROR_BODY_BYTES) -> bytes:
    """Read at most ``limit`` bytes of a streamed response (error bodies), then let .text/.json() use them."""
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body.extend(chunk)
        if len(body) >= limit:
            break
    response._content = bytes(body[:limit])
    return response._content


def read_bounded(response: httpx.Response, limit: int = ERROR_BODY_BYTES) -> bytes:
    """Blocking twin of :func:`aread_bounded`, for the httpx.Client code paths."""
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) >= limit:
            break
    response._content = bytes(body[:limit])
    return response._content


class _BoundedBody:
    """The body of one answer as it arrives, for fetch and fetch_blocking alike: counted against the byte budget,
    refused past ``limits.max_bytes``, and freed on every way out."""

    def __init__(self, service: str, limits: Limits, held: Hold) -> None:
        self.service, self.limits, self.held = service, limits, held
        self.body = bytearray()

    def add(self, chunk: bytes) -> None:
        self.body.extend(chunk)
        self.held.add(len(chunk))
        if len(self.body) > self.limits.max_bytes:
            raise ResponseTooLarge(self.service, self.limits.max_bytes)

    def finish(self, response: httpx.Response, raise_for_status: bool) -> httpx.Response:
        response._content = bytes(self.body)  # let .text/.json() work on what we read
        self.body.clear()
        if raise_for_status and response.status_code >= 400:
            raise RemoteError(self.service, remote_message(response), status=502)
        return response

    def discard(self) -> None:
        # Free the buffer now: an error's traceback keeps this object alive until the garbage collector finds the
        # cycle, and a compressed answer inflates to tens of MiB.
        self.body.clear()


@contextmanager
def _service_errors(service: str, url: str, limits: Limits) -> Iterator[None]:
    """httpx's failures of one request as EscapeError naming the service (a timeout names the limit)."""
    try:
        yield
    except httpx.TimeoutException as exc:
        raise ServiceTimeout(service, limits.timeout) from exc
    except httpx.HTTPError as exc:
        raise RemoteError(service, f"cannot reach {url}: {exc.__class__.__name__}: {exc}") from exc


async def fetch(
    service: str,
    method: str,
    url: str,
    *,
    client: httpx.AsyncClient | None = None,
    limits: Limits | None = None,
    raise_for_status: bool = True,
    **kwargs: Any,
) -> httpx.Response:
    """Do one request, reading at most ``limits.max_bytes`` of body; map failures to EscapeError."""
    limits = limits or Limits()
    own = client is None
    client = client or make_client(limits.timeout)
    try:
        with _service_errors(service, url, limits):
            async with (
                client.stream(method, url, timeout=limits.timeout, **kwargs) as response,
                BUDGET.hold(service) as held,
            ):
                body = _BoundedBody(service, limits, held)
                try:
                    async for chunk in response.aiter_bytes():
                        body.add(chunk)
                except BaseException:
                    body.discard()
                    chunk = b""  # nor the last (possibly inflated) chunk, which the traceback's frame holds
                    raise
                return body.finish(response, raise_for_status)
    finally:
        if own:
            await client.aclose()


def fetch_blocking(
    service: str,
    method: str,
    url: str,
    *,
    client: httpx.Client | None = None,
    limits: Limits | None = None,
    raise_for_status: bool = True,
    **kwargs: Any,
) -> httpx.Response:
    """Blocking twin of :func:`fetch`: one request, at most ``limits.max_bytes`` of body, failures as EscapeError."""
    limits = limits or Limits()
    own = client is None
    client = client or make_sync_client(limits.timeout)
    try:
        with (
            _service_errors(service, url, limits),
            client.stream(method, url, timeout=limits.timeout, **kwargs) as response,
            BUDGET.hold(service) as held,
        ):
            body = _BoundedBody(service, limits, held)
            try:
                for chunk in response.iter_bytes():
                    body.add(chunk)
            except BaseException:
                body.discard()
                chunk = b""  # as in fetch
                raise
            return body.finish(response, raise_for_status)
    finally:
        if own:
            client.close()


@asynccontextmanager
async def client_for(limits: Limits | None = None, **kwargs: Any) -> AsyncIterator[httpx.AsyncClient]:
    limits = limits or Limits()
    client = make_client(limits.timeout, **kwargs)
    try:
        yield client
    finally:
        await client.aclose()
