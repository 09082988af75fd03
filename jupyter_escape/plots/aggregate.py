"""Server-side aggregation for plots: bins, points and brushed boxes, in numpy over the plotted values.

Axes are column names or DuckDB expressions over the table's columns (``phot_g_mean_mag - phot_rp_mean_mag``,
``log10(flux)``). An expression runs in an in-memory DuckDB connection with external access disabled and its
configuration locked, over nothing but the registered table, so it can read that table and nothing else. Each
axis is evaluated once per table and kept (values.py): binning again, or brushing, reads the kept arrays.
"""

from __future__ import annotations

import base64
import time
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from ..core.errors import BadInput, EscapeError
from .binning import Axis, count, edges, extent
from .sources import ROW
from .spec import PlotSpec, data_range, expression
from .values import Plotted, numpy_of, plotted

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

SERVICE = "plots"
MAX_SELECTED_POINTS = 50_000


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def column_expr(table: pa.Table, expr: str) -> str:
    """A bare column name is quoted (names like ``g-r`` or ``Dec`` stay columns); anything else is SQL."""
    return _quote(expr) if expr in table.column_names else f"({expr})"


def connect(table: pa.Table, selection: list[Any] | None = None) -> DuckDBPyConnection:
    import duckdb

    con = duckdb.connect(":memory:", config={"enable_external_access": False, "threads": 2})
    con.register("src", table)
    con.register("sel", pa.table({ROW: pa.array(selection or [], pa.int64())}))
    con.execute("SET lock_configuration = true")
    return con


def _run(con: DuckDBPyConnection, sql: str, params: list[Any] | None = None, what: str = "expression") -> list[Any]:
    import duckdb

    try:
        return con.execute(sql, params or []).fetchall()
    except duckdb.Error as exc:
        raise EscapeError(f"the {what} failed in DuckDB: {exc}", service=SERVICE, status=400) from None


def _arrow(con: DuckDBPyConnection, sql: str) -> pa.Table:
    relation = con.sql(sql)
    # duckdb >= 1.4 calls it to_arrow_table; older ones arrow()
    return (getattr(relation, "to_arrow_table", None) or relation.arrow)()


def encode(values: np.ndarray) -> dict[str, Any]:
    """A numeric column as base64 of its little-endian bytes (a Float64Array or Int32Array in the browser)."""
    if values.dtype.kind in "iu":
        values, dtype = values.astype("<i4"), "i4"
    else:
        values, dtype = values.astype("<f8"), "f8"
    return {"dtype": dtype, "b64": base64.b64encode(values.tobytes()).decode("ascii")}


class _Evaluator:
    """Expressions over the table as float arrays (NaN where null or not a number), in one locked DuckDB
    connection opened on the first expression that is not a plain numeric column."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table
        self._con: DuckDBPyConnection | None = None

    def __call__(self, expr: str) -> np.ndarray:
        if self._con is None:
            self._con = connect(self.table)
        _run(self._con, f"SELECT {column_expr(self.table, expr)} FROM src LIMIT 0")  # a bad expression: 400
        column = _arrow(self._con, f"SELECT TRY_CAST({column_expr(self.table, expr)} AS DOUBLE) AS v FROM src")["v"]
        if column.null_count:
            import pyarrow.compute as pc

            column = pc.fill_null(column, float("nan"))
        return numpy_of(column.cast(pa.float64()), np.float64)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()


def _plotted(table: pa.Table, spec: PlotSpec) -> Plotted:
    evaluate = _Evaluator(table)
    try:
        return plotted(table, evaluate, spec.x, spec.y, spec.color, spec.logx, spec.logy)
    finally:
        evaluate.close()


def _axis(values: np.ndarray, log: bool, given: list[float] | None, n: int) -> Axis | None:
    """An axis to bin (None when there is nothing to bin). A log axis is binned in log10 of the values."""
    binned = np.log10(values) if log else values
    interval = extent(binned, log, given)
    if interval is None:
        return None
    return Axis(binned, *interval, n, limited=bool(given))


def _selected_mask(rows: np.ndarray, selection: list[Any]) -> np.ndarray:
    """True for the plotted rows whose id is in the selection."""
    if not selection:
        return np.zeros(rows.size, bool)
    return np.isin(rows, np.asarray(selection, dtype=np.int64))


def aggregate(table: pa.Table, spec: PlotSpec) -> dict[str, Any]:
    start = time.monotonic()
    values = _plotted(table, spec)
    n = int(values.x.size)
    if spec.kind == "histogram":
        out = _histogram(values, spec)
    elif spec.kind == "scatter" and n <= spec.limit:
        out = _points(values)
    else:
        out = _density(values, spec)
        out["binned_from"] = spec.kind
    if spec.kind != "histogram" and spec.selection:
        out["selected_points"] = _selected_points(values, spec.selection)
    out.update(n=n, n_rows=table.num_rows, n_selected=len(spec.selection), elapsed=round(time.monotonic() - start, 4))
    return out


def _histogram(values: Plotted, spec: PlotSpec) -> dict[str, Any]:
    axis = _axis(values.x, spec.logx, spec.xrange, spec.bins)
    if axis is None:
        return {"kind": "histogram", "edges": [], "counts": [], "selected": []}
    chosen = _selected_mask(values.row, spec.selection) if spec.selection else None
    counts, selected = count([axis], chosen)
    return {
        "kind": "histogram",
        "edges": edges(axis.lo, axis.hi, spec.bins, spec.logx),
        "counts": counts.tolist(),
        "selected": [0] * spec.bins if selected is None else selected.tolist(),
    }


def _density(values: Plotted, spec: PlotSpec) -> dict[str, Any]:
    assert values.y is not None  # a density has two axes (PlotSpec.from_json asks for y)
    ax = _axis(values.x, spec.logx, spec.xrange, spec.nx)
    ay = _axis(values.y, spec.logy, spec.yrange, spec.ny)
    grid = np.zeros(spec.ny * spec.nx, np.int64)
    if ax is not None and ay is not None:
        grid, _ = count([ay, ax])
    bx = (ax.lo, ax.hi) if ax else (0.0, 1.0)
    by = (ay.lo, ay.hi) if ay else (0.0, 1.0)
    return {
        "kind": "density",
        "xedges": edges(*bx, spec.nx, spec.logx),
        "yedges": edges(*by, spec.ny, spec.logy),
        "counts": encode(grid),
        "nx": spec.nx,
        "ny": spec.ny,
        "max": int(grid.max()) if grid.size else 0,
    }


def _points(values: Plotted) -> dict[str, Any]:
    assert values.y is not None  # a scatter plot has two axes
    out = {"kind": "scatter", "x": encode(values.x), "y": encode(values.y), "row": encode(values.row)}
    if values.color is not None:
        out["color"] = encode(values.color)
    return out


def _selected_points(values: Plotted, selection: list[Any]) -> dict[str, Any]:
    assert values.y is not None  # only scatter and density plots show selected points
    chosen = np.flatnonzero(_selected_mask(values.row, selection))[:MAX_SELECTED_POINTS]
    return {"x": encode(values.x[chosen]), "y": encode(values.y[chosen]), "row": encode(values.row[chosen])}


def select_box(
    table: pa.Table, x: str, y: str | None, xrange: object, yrange: object, limit: int = 1_000_000
) -> dict[str, Any]:
    """Row ids whose plotted values fall in the brushed box (ranges in data units; y absent for a histogram)."""
    spec = PlotSpec(kind="scatter", x=expression(x, "x"), y=expression(y, "y", True))
    xr, yr = data_range(xrange, "xrange"), data_range(yrange, "yrange")
    if xr is None and yr is None:
        raise BadInput("xrange", "a box needs xrange, yrange or both")
    values = _plotted(table, spec)
    inside = np.ones(values.row.size, bool)
    if xr:
        inside &= (values.x >= xr[0]) & (values.x <= xr[1])
    if yr and values.y is not None:
        inside &= (values.y >= yr[0]) & (values.y <= yr[1])
    rows = np.sort(values.row[inside])
    return {"rows": encode(rows[:limit]), "count": int(min(rows.size, limit)), "truncated": bool(rows.size > limit)}


def warm() -> None:
    """A first plot's path once, on a table of two rows: Parquet decoding, the row ids, numpy's binning and the
    answer's encoding. A server runs this in a plot worker at start, so the first plot's worker is already running
    and these code paths are loaded."""
    import io

    import pyarrow.parquet as pq

    from .sources import with_row_ids

    buffer = io.BytesIO()
    pq.write_table(pa.table({"x": [0.0, 1.0], "y": [1.0, 0.0]}), buffer)
    table = with_row_ids(pq.ParquetFile(pa.BufferReader(buffer.getvalue())).read())
    aggregate(table, PlotSpec(kind="density", x="x", y="y"))
    describe(table)


def describe(table: pa.Table) -> dict[str, Any]:
    from ..basket.tableio import column_meta

    columns = [c for c in column_meta(table) if c["name"] != ROW]
    for c in columns:
        t = table.schema.field(c["name"]).type
        c["numeric"] = pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t)
    return {"columns": columns, "n_rows": table.num_rows}
