"""Where one request's time went, as an HTTP ``Server-Timing`` header.

The browser lists these phases beside the request (its network panel, and ``PerformanceResourceTiming.serverTiming``
in the page): benchmarks/plots/density.bench.spec.ts prints them, so a slow first plot says whether the time went
to waiting for a worker, reading the table or binning it, or was spent outside the server.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class Phases:
    """Named spans of wall time, recorded from any thread (a handler and the worker it waits for)."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self._spans: list[tuple[str, float]] = []
        self._lock = threading.Lock()

    def add(self, name: str, seconds: float) -> None:
        with self._lock:
            self._spans.append((name, seconds))

    def since_start(self, name: str) -> None:
        """A span from this object's creation to now (e.g. how long the work waited for a worker)."""
        self.add(name, time.perf_counter() - self.started)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - start)

    def header(self) -> str:
        """``name;dur=<ms>`` entries, in the order they were recorded (names are tokens: other characters go)."""
        with self._lock:
            spans = list(self._spans)
        return ", ".join(f"{re.sub(r'[^A-Za-z0-9_-]', '', name)};dur={seconds * 1000:.1f}" for name, seconds in spans)
