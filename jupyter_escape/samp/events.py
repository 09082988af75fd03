"""What arrived over SAMP (and what happened to the hub), numbered, so the panel can long-poll for news."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any

MAX_EVENTS = 500


class EventLog:
    """A bounded, thread-safe list of events, each with a growing sequence number.

    SAMP callbacks (on the SAMP client's own thread) append; the server's route and notebooks read what came
    after the number they saw last.
    """

    def __init__(self, limit: int = MAX_EVENTS) -> None:
        self._events: deque[dict[str, Any]] = deque(maxlen=limit)
        self._seq = 0
        self._changed = threading.Condition()

    def add(self, kind: str, **fields: Any) -> dict[str, Any]:
        with self._changed:
            self._seq += 1
            event = {"seq": self._seq, "time": time.time(), "type": kind, **fields}
            self._events.append(event)
            self._changed.notify_all()
        return event

    @property
    def last(self) -> int:
        with self._changed:
            return self._seq

    def since(self, seq: int) -> list[dict[str, Any]]:
        with self._changed:
            return [e for e in self._events if e["seq"] > seq]

    def wait(self, seq: int, timeout: float) -> list[dict[str, Any]]:
        """Events after ``seq``, waiting up to ``timeout`` seconds for one (blocking: call it off the loop)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._seq <= seq:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return [e for e in self._events if e["seq"] > seq]
