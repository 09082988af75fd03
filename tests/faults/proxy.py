"""A small controllable TCP proxy for fault injection: a thread on 127.0.0.1 forwarding to one real stack server.

The stack is shared (other sessions run their tests against it), so its servers are never stopped here. A test points
its instance configuration at the proxy instead and then "stops the service" by stopping the proxy: open
connections are reset mid-transfer (RST, as when a server process dies) and new ones are refused (nothing listens).
``throttle`` slows the client-to-server direction so that "mid-transfer" happens at a predictable point with small
files. TLS passes through untouched (the proxy sees bytes only), so https doors keep their certificates.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time


def _reset(sock: socket.socket) -> None:
    """Close with an RST, not a FIN: the peer sees the connection cut, not a clean end."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    # Wakes the pump thread blocked in recv on it (a bare close would wait for that recv to return).
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RD)  # no FIN: the peer must see a reset, not a clean end of the body
    sock.close()


class FaultProxy:
    def __init__(self, target_port: int, target_host: str = "127.0.0.1"):
        self.target = (target_host, target_port)
        with socket.socket() as probe:  # a free port, kept across stop/start so the configuration stays valid
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.rate: float | None = None  # client-to-server bytes per second, None = unthrottled
        self.sent = 0  # client-to-server bytes forwarded, for tests that wait for "mid-transfer"
        self._lock = threading.Lock()
        self._conns: set[socket.socket] = set()
        self._listener: socket.socket | None = None
        self._running = False
        self.start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        """The service is back: listen again on the same port."""
        if self._running:
            return
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.1)
        self._listener, self._running = listener, True
        self._acceptor = threading.Thread(
            target=self._accept, args=(listener,), daemon=True, name=f"fault-proxy-{self.port}"
        )
        self._acceptor.start()

    def stop(self) -> None:
        """The service stops: reset every open connection, refuse new ones."""
        self._running = False
        with self._lock:  # connections first: nothing may pass while the listener winds down
            conns, self._conns = list(self._conns), set()
        for conn in conns:
            _reset(conn)
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            # the accept() in flight keeps the port bound until it times out: wait, so start() can bind again
            self._acceptor.join(5)

    def throttle(self, bytes_per_second: float | None) -> None:
        self.rate = bytes_per_second

    def _accept(self, listener: socket.socket) -> None:
        while self._running:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                _reset(client)
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self._lock:
                self._conns.update((client, upstream))
            ends = [2]  # both directions must end before the pair is closed
            threading.Thread(target=self._pump, args=(client, upstream, True, ends), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False, ends), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, upstream: bool, ends: list) -> None:
        try:
            while True:
                data = src.recv(16384 if upstream and self.rate else 65536)
                if not data:
                    break
                if upstream:
                    if self.rate:
                        time.sleep(len(data) / self.rate)
                    if not self._running:
                        break  # stopped while this chunk was held back: it never reaches the server
                    self.sent += len(data)
                dst.sendall(data)
        except OSError:
            pass
        if self._running:  # a clean end of this direction; when stopped, stop() resets both sockets instead
            with contextlib.suppress(OSError):
                dst.shutdown(socket.SHUT_WR)
        with self._lock:
            ends[0] -= 1
            last = ends[0] == 0
            if last:
                self._conns.difference_update((src, dst))
        if last:
            src.close()
            dst.close()
