"""Outbound policy: which network addresses the server may connect to on a user's behalf.

On a shared hub a user can name any URL (a VO service, a DataLink, a redirect from either). With
``EscapeConfig.block_private_targets`` on, connections to loopback, private, link-local and other non-global
addresses are refused unless an ``outbound_allowlist`` entry (``CIDR`` or ``CIDR:port``) allows them.

The check runs where the connection is made, *after* DNS resolution, and the socket is then opened to the very
address that was checked, so a name that resolves to a public address for the check and a private one for the
connection (DNS rebinding) cannot slip through. Every redirect opens its connection through the same path, so
redirects are checked too. httpx clients get this through :func:`guard_async_transport` /
:func:`guard_sync_transport` (core/http.py builds every client with them).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpcore

from .errors import EscapeError

if TYPE_CHECKING:
    import httpx


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class OutboundRefused(EscapeError):
    def __init__(self, host: str, address: str) -> None:
        super().__init__(
            f"outbound policy: {host} resolves to {address}, a private, loopback or link-local "
            "address this server may not reach (EscapeConfig.block_private_targets)",
            status=403,
        )
        self.host = host
        self.address = address


@dataclass(frozen=True)
class AllowEntry:
    network: Network
    port: int | None = None

    def allows(self, address: ipaddress.IPv4Address | ipaddress.IPv6Address, port: int) -> bool:
        return address in self.network and (self.port is None or self.port == port)


def parse_allow(entry: str) -> AllowEntry:
    """``127.0.0.1:8090``, ``10.0.0.0/8``, ``[::1]:8091``, ``::1`` -> AllowEntry; ValueError when malformed."""
    text = entry.strip()
    port: int | None = None
    if text.startswith("["):  # [v6]:port or [v6/len]:port
        inner, _, rest = text[1:].partition("]")
        text = inner
        if rest:
            if not rest.startswith(":"):
                raise ValueError(f"{entry!r}: expected [address]:port")
            port = int(rest[1:])
    elif text.count(":") == 1:  # v4:port (a bare v6 address has several colons)
        text, port_text = text.split(":")
        port = int(port_text)
    if port is not None and not 0 < port < 65536:
        raise ValueError(f"{entry!r}: port out of range")
    return AllowEntry(ipaddress.ip_network(text, strict=False), port)


@dataclass(frozen=True)
class OutboundPolicy:
    block_private: bool = False
    allow: tuple[AllowEntry, ...] = field(default_factory=tuple)

    @classmethod
    def from_settings(cls, block_private: bool, allowlist: Iterable[str] | None) -> OutboundPolicy:
        return cls(bool(block_private), tuple(parse_allow(e) for e in allowlist or ()))

    def permits(self, address: str, port: int) -> bool:
        ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
        if not self.block_private or ip.is_global:
            return True
        return any(entry.allows(ip, port) for entry in self.allow)

    def resolve(self, host: str, port: int) -> list[str]:
        """Every address ``host`` resolves to, all permitted, in resolver order; OutboundRefused otherwise."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))  # str: typeshed allows an int (AF_CAN)
        for address in addresses:
            if not self.permits(address, port):
                raise OutboundRefused(host, address)
        return addresses


_current = OutboundPolicy()


def configure(policy: OutboundPolicy) -> None:
    """Set the process-wide policy (the server extension does, from EscapeConfig, at start-up)."""
    global _current
    _current = policy


def current() -> OutboundPolicy:
    return _current


class _GuardedAsyncBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        policy = current()
        if not policy.block_private:
            return await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        from .offloop import off_loop

        # Name resolution is shared plumbing of every pillar: its own small pool, so a pillar's slow work never
        # delays another pillar's connections.
        addresses = await off_loop("dns", policy.resolve, host, port)
        return await self._inner.connect_tcp(addresses[0], port, timeout, local_address, socket_options)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        return await self._inner.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _GuardedSyncBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        policy = current()
        if policy.block_private:
            host = policy.resolve(host, port)[0]  # connect to the address that was checked
        return self._inner.connect_tcp(host, port, timeout, local_address, socket_options)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        return self._inner.connect_unix_socket(path, timeout, socket_options)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


# TLS keeps verifying the certificate against the URL's host name: httpcore passes the request's host as
# server_hostname to start_tls, independently of the address the TCP connection was opened to.
def guard_async_transport(transport: httpx.AsyncHTTPTransport) -> httpx.AsyncHTTPTransport:
    """Put the policy check in front of an httpx.AsyncHTTPTransport's connections (and so its redirects)."""
    pool = transport._pool  # httpx keeps its httpcore pool here; there is no public hook for the backend
    pool._network_backend = _GuardedAsyncBackend(pool._network_backend)
    return transport


def guard_sync_transport(transport: httpx.HTTPTransport) -> httpx.HTTPTransport:
    pool = transport._pool
    pool._network_backend = _GuardedSyncBackend(pool._network_backend)
    return transport
