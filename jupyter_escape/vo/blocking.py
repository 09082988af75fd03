"""The VO clients from blocking code: notebook kernels (whose own event loop is already running) and worker threads.

One event loop in a daemon thread runs every such call; the caller's thread waits for the result. The coroutines
are the same ones the server awaits, so a notebook, the basket and the server share one client per protocol.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

_loop: asyncio.AbstractEventLoop | None = None
_loop_lock = threading.Lock()


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to completion on the VO clients' loop and return its result (its exception is raised here)."""
    global _loop
    with _loop_lock:
        if _loop is None:
            _loop = asyncio.new_event_loop()
            threading.Thread(target=_loop.run_forever, name="escape-vo", daemon=True).start()
    return asyncio.run_coroutine_threadsafe(coro, _loop).result()
