"""Large short-lived arrays on ordinary pages.

numpy asks Linux for transparent huge pages (``madvise(MADV_HUGEPAGE)``) on every array of 4 MiB or more, and
Arrow's default allocator (mimalloc) on each 1 GiB arena it reserves. Where the kernel compacts memory on such a
request (``/sys/kernel/mm/transparent_hugepage/defrag`` set to ``madvise``, the default of many distributions) and
free memory is fragmented (page cache filling the RAM of a machine that has run for hours), the first touch of each
2 MiB page can wait for compaction. A 5M x 5M cross-match, which makes and drops dozens of such arrays, spent 3-8 s
of system time there (varying run to run with the state of memory) against 3 s of arithmetic; reading its two
Parquet files took 0.6-3.5 s, not 0.4 s. Work like that runs inside :func:`ordinary_pages`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pyarrow as pa

_lock = threading.Lock()
_holders = 0  # calls inside ordinary_pages() now, on any thread
_numpy_before = True  # numpy's setting when the first of them came in
_pool_before: Any = None  # Arrow's default pool then


def _numpy_switch() -> Callable[[bool], bool] | None:
    """numpy's switch (private, present since numpy 1.20; ``np.core`` before 2.0), or None if it is gone."""
    core = getattr(np, "_core", None) or getattr(np, "core", None)
    switch: Callable[[bool], bool] | None = getattr(getattr(core, "multiarray", None), "_set_madvise_hugepage", None)
    return switch


def _plain_pool() -> Any:
    """An Arrow pool that does not ask for huge pages: jemalloc where pyarrow was built with it, else malloc's."""
    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:
        return pa.system_memory_pool()


@contextmanager
def ordinary_pages() -> Iterator[None]:
    """numpy and Arrow allocate without asking for huge pages inside this block. The switches are process-wide, so
    other threads meanwhile do the same (only speed depends on it); nested and concurrent blocks restore the
    settings when the last one ends. Arrow buffers remember their pool, so they are freed right afterwards too."""
    global _holders, _numpy_before, _pool_before
    numpy_switch = _numpy_switch()
    with _lock:
        if _holders == 0:
            _numpy_before = numpy_switch(False) if numpy_switch else True
            _pool_before = pa.default_memory_pool()
            pa.set_memory_pool(_plain_pool())
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0:
                if numpy_switch:
                    numpy_switch(_numpy_before)
                pa.set_memory_pool(_pool_before)
