"""core/offloop.py, the one way off the event loop: the result or the exception of the work, the caller's context
variables, a 504 naming the pillar after blocking_timeout, and queued work dropped when its caller is cancelled."""

from __future__ import annotations

import asyncio
import contextvars
import threading

import pytest

from jupyter_escape.core import offloop
from jupyter_escape.core.errors import EscapeError
from jupyter_escape.core.load import POOLS
from jupyter_escape.core.offloop import off_loop

REQUEST_ID = contextvars.ContextVar("REQUEST_ID", default="none")


@pytest.fixture
def timeout():
    before = offloop.blocking_timeout()
    yield offloop.configure
    offloop.configure(before)


async def test_result_arguments_and_thread():
    def work(a, b, *, c):
        return a + b + c, threading.current_thread().name

    total, thread = await off_loop("core", work, 1, 2, c=3)
    assert total == 6
    assert thread.startswith("escape-core"), thread  # the pillar's own pool, not the loop's thread


async def test_exceptions_reach_the_caller_unchanged():
    def fail():
        raise KeyError("the work's own error")

    with pytest.raises(KeyError, match="the work's own error"):
        await off_loop("core", fail)


async def test_context_variables_are_seen_by_the_work():
    REQUEST_ID.set("request-42")
    assert await off_loop("core", REQUEST_ID.get) == "request-42"


async def test_504_naming_the_pillar_after_the_timeout(timeout):
    release = threading.Event()
    timeout(0.2)
    try:
        with pytest.raises(EscapeError) as caught:
            await off_loop("offloop-test-timeout", release.wait, 30)
    finally:
        release.set()  # the worker finishes on its own; its result is dropped
    assert caught.value.status == 504 and caught.value.service == "offloop-test-timeout"
    assert "EscapeConfig.blocking_timeout" in caught.value.message


async def test_cancelled_caller_drops_work_still_queued():
    pillar = "offloop-test-cancel"
    release, ran = threading.Event(), []
    busy = [asyncio.ensure_future(off_loop(pillar, release.wait, 30)) for _ in range(POOLS.workers)]
    queued = asyncio.ensure_future(off_loop(pillar, ran.append, "queued work ran"))
    await asyncio.sleep(0.1)  # let the busy ones reach the workers; the last one waits in the queue
    queued.cancel()
    with pytest.raises(asyncio.CancelledError):
        await queued  # returns once the cancellation reached the pool's queue
    release.set()
    assert all(await asyncio.gather(*busy))
    await off_loop(pillar, lambda: None)  # the pool has run everything still in its queue by now
    assert ran == []
