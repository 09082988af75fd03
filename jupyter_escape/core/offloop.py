"""The one way off the event loop: ``await off_loop(pillar, fn, *args, **kwargs)``.

Everything that blocks (a blocking client such as rucio-clients or pyvo, astropy or Arrow work on a table, a file
read, write or hash, a large ``json.dumps``) runs through this function, from handlers and from async domain code
alike. It gives every caller the same three guarantees:

- **bounded, per pillar**: the work runs in the pillar's own bounded worker pool (core/load.py), so a slow service
  queues work for its own pillar only and never starves the others (tests/security/test_isolation.py);
- **bounded in time**: the caller waits at most ``EscapeConfig.blocking_timeout`` and then gets a 504
  :class:`EscapeError` naming the pillar (the worker finishes on its own; its result is dropped);
- **context and cancellation kept**: the caller's context variables are visible in the worker, and when the
  awaiting task is cancelled (a closed request, a cancelled job) work still queued never starts. Work already
  running cannot be interrupted from outside a thread: long work polls its own cancel flag.

Never wait for ``off_loop(p, ...)`` from work already running in pillar ``p``'s pool (an ``asyncio.run`` inside a
worker, say): with every worker waiting for work queued behind it, the pool stalls until the timeout.

Not for this: parallelism *inside* blocking code (the data lake's parallel verified downloads, SAMP's receivers)
keeps its own small executor, because it never runs on the loop to begin with.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from .errors import EscapeError
from .load import POOLS

P = ParamSpec("P")
T = TypeVar("T")

DEFAULT_TIMEOUT = 300.0
_timeout = DEFAULT_TIMEOUT


def configure(timeout: float) -> None:
    """Set how long a caller waits for its worker (the server extension does, from EscapeConfig.blocking_timeout)."""
    global _timeout
    _timeout = float(timeout)


def blocking_timeout() -> float:
    return _timeout


async def off_loop(pillar: str, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``fn(*args, **kwargs)`` in ``pillar``'s bounded worker pool and return its result.

    ``pillar`` names whose workers do the work: "vo", "datalake", "ossr", "basket", "sky", "core" (or a name of
    its own, such as "dns", for plumbing shared by all pillars). Raises a 504 EscapeError after
    ``blocking_timeout`` seconds; exceptions of ``fn`` reach the caller unchanged.
    """
    loop = asyncio.get_running_loop()
    context = contextvars.copy_context()
    call = functools.partial(context.run, fn, *args, **kwargs)
    future = loop.run_in_executor(POOLS.get(pillar), call)
    try:
        return await asyncio.wait_for(future, _timeout)
    except asyncio.TimeoutError:
        raise EscapeError(
            f"no answer within {_timeout:g} s (EscapeConfig.blocking_timeout)", service=pillar, status=504
        ) from None
