"""Isolation of load: one bounded worker pool per pillar, and a global budget for remote bytes in flight.

Why per pillar: blocking clients (rucio, pyvo, astropy parsing) run in worker threads. With one shared pool,
40 requests to a slow Rucio held every worker and the basket's routes waited minutes behind them. Now each
pillar has its own pool, so a slow service can only queue work for its own pillar.

Why a byte budget: each response is bounded by ``max_response_bytes``, but several large answers at once
(compressed bombs) still added up to gigabytes. Readers account what they hold in :data:`BUDGET`; past the
global limit new bytes are refused with 503 and the server's memory stays bounded. When a burst is over the
freed memory is handed back to the system (``malloc_trim``), so the process does not stay at its peak.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from concurrent.futures import ThreadPoolExecutor

from .errors import EscapeError

PILLARS = ("core", "vo", "datalake", "ossr", "basket", "sky")
DEFAULT_WORKERS = 4
DEFAULT_BUDGET = 768 * 1024 * 1024
# Give memory back to the system only after a burst that was worth it: trimming is cheap but not free.
TRIM_AFTER = 32 * 1024 * 1024


class ServerBusy(EscapeError):
    def __init__(self, service: str | None, limit: int) -> None:
        super().__init__(
            f"the server already holds {limit} bytes of remote answers in flight "
            "(EscapeConfig.inflight_bytes_budget); try again when other requests have finished",
            service=service,
            status=503,
        )


class Pools:
    """A bounded ThreadPoolExecutor per pillar, created on first use."""

    def __init__(self, workers: int = DEFAULT_WORKERS) -> None:
        self.workers = workers
        self._pools: dict[str, ThreadPoolExecutor] = {}
        self._lock = threading.Lock()

    def configure(self, workers: int) -> None:
        with self._lock:
            self.workers = max(1, int(workers))

    def get(self, pillar: str) -> ThreadPoolExecutor:
        with self._lock:
            pool = self._pools.get(pillar)
            if pool is None:
                pool = ThreadPoolExecutor(self.workers, thread_name_prefix=f"escape-{pillar}")
                self._pools[pillar] = pool
            return pool


class _Hold:
    """What one reader holds; a context manager usable with ``with`` and ``async with`` (next to a stream)."""

    def __init__(self, budget: ByteBudget, service: str | None) -> None:
        self.budget, self.service, self.bytes = budget, service, 0

    def add(self, n: int) -> None:
        self.budget._take(n, self.service)
        self.bytes += n

    def __enter__(self) -> _Hold:
        return self

    def __exit__(self, *exc: object) -> None:
        self.budget._release(self.bytes)
        self.bytes = 0

    async def __aenter__(self) -> _Hold:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.__exit__(*exc)


class ByteBudget:
    """Bytes held by in-flight remote responses, across every pillar and thread."""

    def __init__(self, limit: int = DEFAULT_BUDGET) -> None:
        self.limit = limit
        self.held = 0
        self.peak = 0
        self._since_trim = 0
        self._lock = threading.Lock()

    def configure(self, limit: int) -> None:
        self.limit = int(limit)

    def _take(self, n: int, service: str | None) -> None:
        with self._lock:
            if self.held + n > self.limit:
                raise ServerBusy(service, self.limit)
            self.held += n
            self._since_trim += n
            self.peak = max(self.peak, self.held)

    def hold(self, service: str | None = None) -> _Hold:
        """``with BUDGET.hold(service) as h: h.add(len(chunk))``; everything added is released on exit."""
        return _Hold(self, service)

    def _release(self, n: int) -> None:
        with self._lock:
            self.held -= n
            trim = self.held == 0 and self._since_trim >= TRIM_AFTER
            if trim:
                self._since_trim = 0
        if trim:
            release_memory()


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


_LIBC = _libc()


def release_memory() -> None:
    """Return freed heap pages to the system (glibc keeps them otherwise, and RSS stays at the burst's peak)."""
    trim = getattr(_LIBC, "malloc_trim", None)
    if trim is not None:
        trim(0)


POOLS = Pools()
BUDGET = ByteBudget()
