"""Server-side aggregation for plots, in an in-memory DuckDB that sees only the plotted table.

Axes are DuckDB expressions over the table's columns (``phot_g_mean_mag - phot_rp_mean_mag``, ``log10(flux)``);
they run in a connection with external access disabled and its configuration locked, over nothing but the
registered table, so an expression can read that table and nothing else.
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


def _values(spec: PlotSpec, table: pa.Table) -> str:
    """SELECT of the plotted values (as DOUBLE), finite and positive on log axes."""
    cols = [f"TRY_CAST({column_expr(table, spec.x)} AS DOUBLE) AS x"]
    where = ["isfinite(x)"] + (["x > 0"] if spec.logx else [])
    if spec.y:
        cols.append(f"TRY_CAST({column_expr(table, spec.y)} AS DOUBLE) AS y")
        where += ["isfinite(y)"] + (["y > 0"] if spec.logy else [])
    if spec.color:
        cols.append(f"TRY_CAST({column_expr(table, spec.color)} AS DOUBLE) AS c")
    return f"SELECT * FROM (SELECT {', '.join(cols)}, {ROW} FROM src) WHERE {' AND '.join(where)}"


def _axis(name: str, log: bool) -> str:
    return f"log10({name})" if log else name


def _stats(con: DuckDBPyConnection, values: str, spec: PlotSpec) -> dict[str, Any]:
    """Row count and the axes' extents in one pass over the data (each is a full scan of a million rows)."""
    cols = ["count(*)", f"min({_axis('x', spec.logx)})", f"max({_axis('x', spec.logx)})"]
    if spec.y:
        cols += [f"min({_axis('y', spec.logy)})", f"max({_axis('y', spec.logy)})"]
    row = _run(con, f"SELECT {', '.join(cols)} FROM ({values})")[0]
    return {
        "n": row[0],
        "x": _bounds(row[1:3], spec.logx, spec.xrange),
        "y": _bounds(row[3:5], spec.logy, spec.yrange) if spec.y else None,
    }


def _bounds(found: tuple[Any, ...], log: bool, given: list[float] | None) -> tuple[float, float] | None:
    if given:
        lo, hi = given
        return (np.log10(lo), np.log10(hi)) if log and lo > 0 else (lo, hi)
    lo, hi = found
    if lo is None:
        return None
    return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)


def _edges(lo: float, hi: float, n: int, log: bool) -> list[Any]:
    edges = np.linspace(lo, hi, n + 1)
    values: list[Any] = (10**edges if log else edges).tolist()
    return values


def aggregate(table: pa.Table, spec: PlotSpec) -> dict[str, Any]:
    start = time.monotonic()
    con = connect(table, spec.selection)
    try:
        values = _values(spec, table)
        stats = _stats(con, values, spec)
        n = stats["n"]
        if spec.kind == "histogram":
            out = _histogram(con, values, spec, stats["x"])
        elif spec.kind == "scatter" and n <= spec.limit:
            out = _points(con, values, spec)
        else:
            out = _density(con, values, spec, stats["x"], stats["y"])
            out["binned_from"] = spec.kind
        if spec.kind != "histogram" and spec.selection:
            out["selected_points"] = _selected_points(con, values)
    finally:
        con.close()
    out.update(n=n, n_rows=table.num_rows, n_selected=len(spec.selection), elapsed=round(time.monotonic() - start, 4))
    return out


def _bin(axis: str, lo: float, hi: float, n: int) -> str:
    return f"least(greatest(floor(({axis} - {lo!r}) / {hi - lo!r} * {n}), 0), {n - 1})::INTEGER"


def _histogram(
    con: DuckDBPyConnection, values: str, spec: PlotSpec, bounds: tuple[float, float] | None
) -> dict[str, Any]:
    if bounds is None:
        return {"kind": "histogram", "edges": [], "counts": [], "selected": []}
    lo, hi = bounds
    b = _bin(_axis("x", spec.logx), lo, hi, spec.bins)
    rows = _run(
        con,
        f"SELECT {b} AS b, count(*), count(*) FILTER (WHERE {ROW} IN (SELECT {ROW} FROM sel)) "
        f"FROM ({values}) WHERE {_axis('x', spec.logx)} BETWEEN {lo!r} AND {hi!r} GROUP BY b",
    )
    counts, selected = np.zeros(spec.bins, np.int64), np.zeros(spec.bins, np.int64)
    for index, count, sel in rows:
        counts[index], selected[index] = count, sel
    return {
        "kind": "histogram",
        "edges": _edges(lo, hi, spec.bins, spec.logx),
        "counts": counts.tolist(),
        "selected": selected.tolist(),
    }


def _density(
    con: DuckDBPyConnection, values: str, spec: PlotSpec, bx: tuple[float, float] | None, by: tuple[float, float] | None
) -> dict[str, Any]:
    grid = np.zeros((spec.ny, spec.nx), np.int64)
    if bx is not None and by is not None:
        ix = _bin(_axis("x", spec.logx), *bx, spec.nx)
        iy = _bin(_axis("y", spec.logy), *by, spec.ny)
        inside = (
            f"{_axis('x', spec.logx)} BETWEEN {bx[0]!r} AND {bx[1]!r} AND "
            f"{_axis('y', spec.logy)} BETWEEN {by[0]!r} AND {by[1]!r}"
        )
        for i, j, c in _run(con, f"SELECT {ix} AS i, {iy} AS j, count(*) FROM ({values}) WHERE {inside} GROUP BY i, j"):
            grid[j, i] = c
    bx, by = bx or (0.0, 1.0), by or (0.0, 1.0)
    return {
        "kind": "density",
        "xedges": _edges(*bx, spec.nx, spec.logx),
        "yedges": _edges(*by, spec.ny, spec.logy),
        "counts": encode(grid.ravel()),
        "nx": spec.nx,
        "ny": spec.ny,
        "max": int(grid.max()),
    }


def _points(con: DuckDBPyConnection, values: str, spec: PlotSpec) -> dict[str, Any]:
    result = _arrow(con, f"SELECT * FROM ({values})")
    out = {
        "kind": "scatter",
        "x": encode(result["x"].to_numpy()),
        "y": encode(result["y"].to_numpy()),
        "row": encode(result[ROW].to_numpy()),
    }
    if spec.color:
        out["color"] = encode(result["c"].to_numpy(zero_copy_only=False).astype("f8"))
    return out


def _selected_points(con: DuckDBPyConnection, values: str) -> dict[str, Any]:
    result = _arrow(
        con, f"SELECT x, y, {ROW} FROM ({values}) WHERE {ROW} IN (SELECT {ROW} FROM sel) LIMIT {MAX_SELECTED_POINTS}"
    )
    return {
        "x": encode(result["x"].to_numpy()),
        "y": encode(result["y"].to_numpy()),
        "row": encode(result[ROW].to_numpy()),
    }


def select_box(
    table: pa.Table, x: str, y: str | None, xrange: object, yrange: object, limit: int = 1_000_000
) -> dict[str, Any]:
    """Row ids whose plotted values fall in the brushed box (ranges in data units; y absent for a histogram)."""
    spec = PlotSpec(kind="scatter", x=_expr(x, "x"), y=_expr(y, "y", True))
    xr, yr = _range(xrange, "xrange"), _range(yrange, "yrange")
    if xr is None and yr is None:
        raise BadInput("xrange", "a box needs xrange, yrange or both")
    where = []
    if xr:
        where.append(f"x BETWEEN {xr[0]!r} AND {xr[1]!r}")
    if yr and spec.y:
        where.append(f"y BETWEEN {yr[0]!r} AND {yr[1]!r}")
    con = connect(table)
    try:
        _run(con, f"SELECT 1 FROM ({_values(spec, table)}) LIMIT 0")
        rows = _arrow(
            con,
            f"SELECT {ROW} FROM ({_values(spec, table)}) WHERE {' AND '.join(where)} ORDER BY {ROW} LIMIT {limit + 1}",
        )[ROW].to_numpy()
    finally:
        con.close()
    return {"rows": encode(rows[:limit]), "count": int(min(len(rows), limit)), "truncated": len(rows) > limit}


def describe(table: pa.Table) -> dict[str, Any]:
    from ..basket.tableio import column_meta

    columns = [c for c in column_meta(table) if c["name"] != ROW]
    for c in columns:
        t = table.schema.field(c["name"]).type
        c["numeric"] = pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t)
    return {"columns": columns, "n_rows": table.num_rows}
