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
from typing import Any, TypeVar, cast

import numpy as np
import pyarrow as pa

from ..core.errors import BadInput
from ..core.hugepages import ordinary_pages
from .spec import check_source

ROW = "__row"
T = TypeVar("T")
# reads some columns of a source: (its name, the columns) -> (those columns, the whole schema), or None if it cannot
ColumnReader = Callable[[str, list[str]], "tuple[pa.Table, pa.Schema] | None"]


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
    workspace table again for every brush would dominate the time a plot takes).

    ``column_readers`` read only some columns of a source (a Parquet file): a first plot of a wide catalogue reads
    the two columns it plots, not all of them (get_columns)."""

    def __init__(
        self,
        resolvers: dict[str, Callable[[str], pa.Table]],
        max_entries: int = 6,
        column_readers: dict[str, ColumnReader] | None = None,
    ) -> None:
        self.resolvers = resolvers
        self.column_readers = column_readers or {}
        self.max_entries = max_entries
        self._entries: OrderedDict[str, object] = OrderedDict()
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}

    def get(self, source: dict[str, Any], refresh: bool = False) -> pa.Table:
        kind, value = check_source(source)
        resolver = self.resolvers.get(kind)
        if resolver is None:
            raise BadInput("source.kind", f"{kind} sources are not available on this server")
        return self._once(json.dumps([kind, value]), refresh, lambda: with_row_ids(resolver(value)))

    def get_columns(
        self, source: dict[str, Any], names: list[str], refresh: bool = False
    ) -> tuple[pa.Table, pa.Schema]:
        """A table holding at least the columns ``names`` (and the row ids), and the whole source's schema. The whole
        table when it is read already, or when only part of it cannot be read (not a file, a name that is not a
        column but an expression, a refresh)."""
        kind, value = check_source(source)
        with self._lock:
            whole = self._entries.get(json.dumps([kind, value]))
        reader = self.column_readers.get(kind)
        if isinstance(whole, pa.Table) or reader is None or refresh:
            table = whole if isinstance(whole, pa.Table) and not refresh else self.get(source, refresh)
            return table, table.schema
        wanted = sorted(set(names))

        def load() -> tuple[pa.Table, pa.Schema] | None:
            read = reader(value, wanted)
            if read is None or ROW in read[1].names:  # a file with its own row ids: read whole, as get() does
                return None
            return with_row_ids(read[0]), read[1]

        part = self._once(json.dumps([kind, value, wanted]), False, load)
        if not isinstance(part, tuple):
            table = self.get(source)
            return table, table.schema
        return part

    def _once(self, key: str, refresh: bool, load: Callable[[], T]) -> T:
        """``load()``'s value, kept under ``key``. One load per key at a time: a plot asks for the columns and the
        bins at once, and both wait for the same read instead of reading a large file twice."""
        with self._lock:
            loading = self._loading.setdefault(key, threading.Lock())
        with loading:
            with self._lock:
                if not refresh and key in self._entries:
                    self._entries.move_to_end(key)
                    return cast(T, self._entries[key])
            value = load()
            with self._lock:
                self._entries[key] = value
                self._entries.move_to_end(key)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        return value
