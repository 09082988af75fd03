"""ordinary_pages(): numpy and Arrow allocate without huge pages inside, and get their settings back after."""

from __future__ import annotations

import threading

import numpy as np
import pyarrow as pa
import pytest

from jupyter_escape.basket.xmatch import crossmatch
from jupyter_escape.core.hugepages import _numpy_switch, ordinary_pages


def numpy_asks_for_huge_pages() -> bool:
    switch = _numpy_switch()
    assert switch is not None, "numpy no longer has _set_madvise_hugepage: core.hugepages needs another way"
    before = switch(True)
    switch(before)
    return before


def test_switches_inside_and_restores_after() -> None:
    pool, numpy_before = pa.default_memory_pool(), numpy_asks_for_huge_pages()
    with ordinary_pages():
        assert not numpy_asks_for_huge_pages()
        inside = pa.default_memory_pool()
        assert inside.backend_name in ("jemalloc", "system")
        with ordinary_pages():  # nested: still switched when the inner block ends
            pass
        assert not numpy_asks_for_huge_pages()
        assert pa.default_memory_pool().backend_name == inside.backend_name
        kept = pa.array(np.arange(1_000_000, dtype=np.int64))  # an Arrow buffer from the plain pool
    assert numpy_asks_for_huge_pages() == numpy_before
    assert pa.default_memory_pool().backend_name == pool.backend_name
    assert kept[999_999].as_py() == 999_999  # still readable, then freed by the pool that made it
    del kept


def test_an_error_inside_restores_the_settings() -> None:
    pool, numpy_before = pa.default_memory_pool().backend_name, numpy_asks_for_huge_pages()
    with pytest.raises(ValueError, match="inside"), ordinary_pages():
        raise ValueError("inside")
    assert numpy_asks_for_huge_pages() == numpy_before
    assert pa.default_memory_pool().backend_name == pool


def test_overlapping_blocks_on_two_threads_restore_when_the_last_ends() -> None:
    numpy_before = numpy_asks_for_huge_pages()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with ordinary_pages():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    def second() -> None:
        first_in.wait(10)
        with ordinary_pages():
            second_in.set()
            first_out.wait(10)
            seen["after the first ended"] = numpy_asks_for_huge_pages()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert seen == {"after the first ended": False}
    assert numpy_asks_for_huge_pages() == numpy_before


def test_a_crossmatch_leaves_numpy_and_arrow_as_it_found_them() -> None:
    pool, numpy_before = pa.default_memory_pool().backend_name, numpy_asks_for_huge_pages()
    left = pa.table({"ra": [10.0, 20.0], "dec": [0.0, 1.0]})
    right = pa.table({"ra": [10.0001, 30.0], "dec": [0.0, 1.0]})
    result = crossmatch(left, right, 1.0)
    assert result.n_matches == 1
    assert numpy_asks_for_huge_pages() == numpy_before
    assert pa.default_memory_pool().backend_name == pool
