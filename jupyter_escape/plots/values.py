"""The plotted values of a table as numpy arrays, evaluated once per (table, expression) and kept for a while.

An axis that is a numeric column is read straight from the Arrow table; anything else is a DuckDB expression
evaluated in the locked connection of ``aggregate.connect``. Binning and brushing then run in numpy over these
arrays: a brush on a million rows is a mask of a few milliseconds instead of a DuckDB query (and a first plot of
plain columns never imports DuckDB, which costs ~0.4 s in a fresh server).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .sources import ROW

MAX_KEPT = 12  # arrays of 8 bytes a row: 12 x 1M rows is ~100 MB at most


@dataclass
class Plotted:
    """Rows that can be plotted (finite, and positive on a log axis): their row ids and axis values."""

    row: np.ndarray
    x: np.ndarray
    y: np.ndarray | None
    color: np.ndarray | None


def _numeric(table: pa.Table, name: str) -> bool:
    t = table.schema.field(name).type
    return bool(pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t))


class ValueCache:
    """Evaluated expressions, most recently used last, keyed by the table object (tables are immutable)."""

    def __init__(self, max_kept: int = MAX_KEPT) -> None:
        self.max_kept = max_kept
        self._kept: OrderedDict[tuple[int, str], tuple[weakref.ref[pa.Table], np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, table: pa.Table, expr: str, evaluate: Callable[[str], np.ndarray]) -> np.ndarray:
        key = (id(table), expr)
        with self._lock:
            hit = self._kept.get(key)
            if hit is not None and hit[0]() is table:
                self._kept.move_to_end(key)
                return hit[1]
        if expr in table.column_names and _numeric(table, expr):
            values = _floats(table[expr])
        else:
            values = evaluate(expr)
        values.flags.writeable = False  # shared between requests
        with self._lock:
            self._kept[key] = (weakref.ref(table), values)
            self._kept.move_to_end(key)
            while len(self._kept) > self.max_kept:
                self._kept.popitem(last=False)
        return values


VALUES = ValueCache()


def _floats(column: pa.ChunkedArray) -> np.ndarray:
    """A numeric column as float64, nulls as NaN (as DuckDB's TRY_CAST(... AS DOUBLE) gives them)."""
    as_float = column.cast(pa.float64(), safe=False)
    if as_float.null_count:
        import pyarrow.compute as pc

        as_float = pc.fill_null(as_float, float("nan"))
    return numpy_of(as_float, np.float64)


def numpy_of(column: pa.ChunkedArray | pa.Array, dtype: type[np.generic]) -> np.ndarray:
    """A numeric column without nulls as a numpy array over Arrow's buffer. Not ``to_numpy()``: pyarrow imports
    pandas on its first call (0.25 s of CPU in a fresh server; seconds of a first plot on a loaded machine)."""
    if isinstance(column, pa.ChunkedArray):
        # one chunk (a Parquet file of one row group): its own buffer; combine_chunks() would copy it
        array = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
    else:
        array = column
    if len(array) == 0:
        return np.empty(0, dtype)
    width = np.dtype(dtype).itemsize
    return np.frombuffer(array.buffers()[1], dtype=dtype, count=len(array), offset=array.offset * width)


def row_ids(table: pa.Table) -> np.ndarray:
    return numpy_of(table[ROW].cast(pa.int64()), np.int64)


def plotted(
    table: pa.Table,
    evaluate: Callable[[str], np.ndarray],
    x: str,
    y: str | None = None,
    color: str | None = None,
    logx: bool = False,
    logy: bool = False,
) -> Plotted:
    """The plottable rows' values; ``evaluate`` turns an expression into one float per row (NaN where null)."""
    xs = VALUES.get(table, x, evaluate)
    keep = np.isfinite(xs)
    if logx:
        keep &= xs > 0
    ys = None
    if y:
        ys = VALUES.get(table, y, evaluate)
        keep &= np.isfinite(ys)
        if logy:
            keep &= ys > 0
    cs = VALUES.get(table, color, evaluate) if color else None
    rows = row_ids(table)
    if keep.all():
        return Plotted(rows, xs, ys, cs)
    return Plotted(rows[keep], xs[keep], ys[keep] if ys is not None else None, cs[keep] if cs is not None else None)
