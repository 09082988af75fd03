"""Turning a plot's source description into an Arrow table with a stable row-id column (``__row``).

A source is one of
    {"kind": "vo-result", "id": ...}   a kept VO result (its rows as the grid shows them)
    {"kind": "basket", "item": ...}    a basket item's table
    {"kind": "workspace", "table": ...} a workspace DuckDB table
    {"kind": "sql", "sql": ...}        a read-only query on the workspace DuckDB
    {"kind": "file", "path": ...}      a catalogue file below the server root (e.g. fetched from the data lake)

Row ids are the row's position in that table: the grid, the sky layer and the plots all count the same way,
so a selection is a list of row ids whatever view it came from.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa

from ..core.errors import BadInput
from ..core.hugepages import ordinary_pages
from .spec import check_source

ROW = "__row"


@ordinary_pages()  # 8 bytes a row, written once: no huge-page compaction stall on a first plot (core.hugepages)
def with_row_ids(table: pa.Table) -> pa.Table:
    if ROW in table.column_names:
        return table
    # over numpy's buffer: pa.array() would import pandas on its first call (0.25 s of CPU in a fresh server,
    # most of a first plot's server time on a loaded machine)
    ids = pa.Array.from_buffers(
        pa.int64(), table.num_rows, [None, pa.py_buffer(np.arange(table.num_rows, dtype=np.int64))]
    )
    return table.append_column(ROW, ids)


class SourceCache:
    """Resolved tables, most recently used first (a few entries: a VO result is already in memory, and reading a
    workspace table again for every brush would dominate the time a plot takes)."""

    def __init__(self, resolvers: dict[str, Callable[[str], pa.Table]], max_entries: int = 6) -> None:
        self.resolvers = resolvers
        self.max_entries = max_entries
        self._entries: OrderedDict[str, pa.Table] = OrderedDict()
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}

    def get(self, source: dict[str, Any], refresh: bool = False) -> pa.Table:
        kind, value = check_source(source)
        key = json.dumps([kind, value])
        resolver = self.resolvers.get(kind)
        if resolver is None:
            raise BadInput("source.kind", f"{kind} sources are not available on this server")
        with self._lock:
            loading = self._loading.setdefault(key, threading.Lock())
        # One read per table at a time: a plot asks for the columns and the bins at once, and both wait for the
        # same read instead of reading a large file twice.
        with loading:
            with self._lock:
                if not refresh and key in self._entries:
                    self._entries.move_to_end(key)
                    return self._entries[key]
            table = with_row_ids(resolver(value))
            with self._lock:
                self._entries[key] = table
                self._entries.move_to_end(key)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        return table
