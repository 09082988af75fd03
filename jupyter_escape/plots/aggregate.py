"""Server-side aggregation for plots: bins, points and brushed boxes, in numpy over the plotted values.

Axes are column names or DuckDB expressions over the table's columns (``phot_g_mean_mag - phot_rp_mean_mag``,
``log10(flux)``). An expression runs in an in-memory DuckDB connection with external access disabled and its
configuration locked, over nothing but the registered table, so it can read that table and nothing else. Each
axis is evaluated once per table and kept (values.py): binning again, or brushing, reads the kept arrays.
"""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
import pyarrow as pa

from ..core.errors import BadInput, EscapeError
from .sources import ROW
from .values import Plotted, numpy_of, plotted

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection

SERVICE = "plots"
SCATTER_LIMIT = 200_000
MAX_SELECTED_POINTS = 50_000
KINDS = ("scatter", "histogram", "density")


@dataclass
class PlotSpec:
    kind: str
    x: str
    y: str | None = None
    color: str | None = None
    logx: bool = False
    logy: bool = False
    bins: int = 60
    nx: int = 200
    ny: int = 200
    xrange: list[Any] | None = None
    yrange: list[Any] | None = None
    limit: int = SCATTER_LIMIT
    selection: list[Any] = field(default_factory=list)

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> PlotSpec:
        kind = body.get("kind")
        if kind not in KINDS:
            raise BadInput("kind", f"expected one of {', '.join(KINDS)}")
        spec = cls(
            kind=kind,
            x=_expr(body.get("x"), "x"),
            y=_expr(body.get("y"), "y", kind == "histogram"),
            color=_expr(body.get("color"), "color", True),
            logx=bool(body.get("logx")),
            logy=bool(body.get("logy")),
        )
        for name, low, high in (("bins", 1, 2000), ("nx", 2, 2000), ("ny", 2, 2000), ("limit", 1, 1_000_000)):
            if body.get(name) is not None:
                value = body[name]
                if not isinstance(value, int) or not low <= value <= high:
                    raise BadInput(name, f"expected an integer between {low} and {high}")
                setattr(spec, name, value)
        spec.xrange, spec.yrange = _range(body.get("xrange"), "xrange"), _range(body.get("yrange"), "yrange")
        spec.selection = _rows(body.get("selection"))
        return spec


@overload
def _expr(value: object, name: str, optional: Literal[False] = False) -> str: ...
@overload
def _expr(value: object, name: str, optional: bool) -> str | None: ...
def _expr(value: object, name: str, optional: bool = False) -> str | None:
    if value is None or value == "":
        if optional:
            return None
        raise BadInput(name, "an expression (a column name or a DuckDB expression over the columns) is needed")
    if not isinstance(value, str) or len(value) > 2000 or ";" in value:
        raise BadInput(name, "expected one DuckDB expression (no ';', at most 2000 characters)")
    return value


def _range(value: object, name: str) -> list[float] | None:
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, (int, float)) for v in value)
        or not value[0] < value[1]
    ):
        raise BadInput(name, "expected [low, high] with low < high")
    return [float(value[0]), float(value[1])]


def _rows(value: object) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, int) and v >= 0 for v in value):
        raise BadInput("selection", "expected a list of row ids (non-negative integers)")
    return value


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


def _axis(values: np.ndarray, log: bool) -> np.ndarray:
    return np.log10(values) if log else values


def _bounds(axis: np.ndarray, log: bool, given: list[float] | None) -> tuple[float, float] | None:
    if given:
        lo, hi = given
        return (float(np.log10(lo)), float(np.log10(hi))) if log and lo > 0 else (lo, hi)
    if not axis.size:
        return None
    lo, hi = float(axis.min()), float(axis.max())
    return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)


def _edges(lo: float, hi: float, n: int, log: bool) -> list[Any]:
    edges = np.linspace(lo, hi, n + 1)
    values: list[Any] = (10**edges if log else edges).tolist()
    return values


def _bin(axis: np.ndarray, lo: float, hi: float, n: int) -> np.ndarray:
    """Bin index of each value (values are inside [lo, hi]; the last bin is closed). In place on one copy: on a
    million rows each temporary array is 8 MB of fresh memory, and a first plot pays for every page of it."""
    index = axis - lo
    index /= hi - lo
    index *= n
    np.floor(index, out=index)
    np.clip(index, 0, n - 1, out=index)
    return index.astype(np.int64)


def _inside(axis: np.ndarray, bounds: tuple[float, float], given: list[float] | None) -> np.ndarray | None:
    """Which values lie within bounds, or None when the bounds are the values' own extent (all of them do)."""
    if not given:
        return None
    return (axis >= bounds[0]) & (axis <= bounds[1])


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
    axis = _axis(values.x, spec.logx)
    bounds = _bounds(axis, spec.logx, spec.xrange)
    if bounds is None:
        return {"kind": "histogram", "edges": [], "counts": [], "selected": []}
    lo, hi = bounds
    chosen = _selected_mask(values.row, spec.selection)
    inside = _inside(axis, bounds, spec.xrange)
    if inside is not None:
        axis, chosen = axis[inside], chosen[inside]
    index = _bin(axis, lo, hi, spec.bins)
    counts = np.bincount(index, minlength=spec.bins)
    selected = np.bincount(index[chosen], minlength=spec.bins)
    return {
        "kind": "histogram",
        "edges": _edges(lo, hi, spec.bins, spec.logx),
        "counts": counts.tolist(),
        "selected": selected.tolist(),
    }


def _density(values: Plotted, spec: PlotSpec) -> dict[str, Any]:
    assert values.y is not None  # a density has two axes (PlotSpec.from_json asks for y)
    ax, ay = _axis(values.x, spec.logx), _axis(values.y, spec.logy)
    bx, by = _bounds(ax, spec.logx, spec.xrange), _bounds(ay, spec.logy, spec.yrange)
    grid = np.zeros(spec.ny * spec.nx, np.int64)
    if bx is not None and by is not None:
        inx, iny = _inside(ax, bx, spec.xrange), _inside(ay, by, spec.yrange)
        both = inx if iny is None else iny if inx is None else inx & iny
        if both is not None:
            ax, ay = ax[both], ay[both]
        cell = _bin(ay, *by, spec.ny)
        cell *= spec.nx
        cell += _bin(ax, *bx, spec.nx)
        grid = np.bincount(cell, minlength=spec.nx * spec.ny)
    bx, by = bx or (0.0, 1.0), by or (0.0, 1.0)
    return {
        "kind": "density",
        "xedges": _edges(*bx, spec.nx, spec.logx),
        "yedges": _edges(*by, spec.ny, spec.logy),
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
    spec = PlotSpec(kind="scatter", x=_expr(x, "x"), y=_expr(y, "y", True))
    xr, yr = _range(xrange, "xrange"), _range(yrange, "yrange")
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


def describe(table: pa.Table) -> dict[str, Any]:
    from ..basket.tableio import column_meta

    columns = [c for c in column_meta(table) if c["name"] != ROW]
    for c in columns:
        t = table.schema.field(c["name"]).type
        c["numeric"] = pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t)
    return {"columns": columns, "n_rows": table.num_rows}
