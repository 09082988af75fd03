"""Drive the JupyterLab sky view from a notebook.

    from jupyter_escape import sky
    sky.goto("10.68 41.27", fov=3)
    sky.show_table(df, ra="ra", dec="dec", name="my sources")
    sky.show_moc("skymap.fits", credible_level=0.9)
    sky.show_fits("images/field-a.fits")

Each call publishes display data with the MIME type ``application/vnd.escape.sky+json``; the jupyter-escape
frontend renders it as a one-line receipt and hands the command to the sky view named ``view`` (opening it if
needed). Commands sent before the view exists are queued by the frontend, in order. Without the frontend (plain
Jupyter, nbconvert) the text/plain receipt is shown instead and nothing fails.
"""

from __future__ import annotations

import math
import os
import time
import uuid
from typing import Any

MIME_TYPE = "application/vnd.escape.sky+json"
PROTOCOL_VERSION = 1
DEFAULT_VIEW = "main"
# A catalogue is sent inline as JSON through the kernel channel; past this it is better loaded from a file.
MAX_ROWS = 500_000
# Tables past spool.INLINE_ROWS go by reference; each row becomes one source object in the browser.
MAX_SPOOLED_ROWS = 1_000_000
# Position column names tried, in order, when none is given (ObsCore, VizieR, Gaia, SIMBAD spellings).
RA_NAMES = ("ra", "ra_icrs", "raj2000", "ra_j2000", "s_ra", "_raj2000", "_ra", "radeg", "ra_deg")
DEC_NAMES = (
    "dec",
    "de",
    "dec_icrs",
    "de_icrs",
    "dej2000",
    "decj2000",
    "dec_j2000",
    "s_dec",
    "_dej2000",
    "_dec",
    "decdeg",
    "dec_deg",
)


def _publish(command: str, args: dict[str, Any], view: str, summary: str) -> None:
    payload = {
        "version": PROTOCOL_VERSION,
        "id": uuid.uuid4().hex,
        "issued": int(time.time() * 1000),
        "view": view,
        "command": command,
        "args": args,
    }
    try:
        from IPython.display import display
    except ImportError:  # not in IPython: there is no frontend to send to
        raise RuntimeError("jupyter_escape.sky drives the JupyterLab sky view: call it from a notebook") from None
    # IPython.display.display is not annotated
    display({MIME_TYPE: payload, "text/plain": f"Sky view '{view}': {summary}"}, raw=True)  # type: ignore[no-untyped-call]


def _path(path: str | os.PathLike[str]) -> str:
    """Absolute, so the server can place it under its root whatever the kernel's working folder is."""
    return os.path.abspath(os.fspath(path))


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if getattr(value, "ndim", 0) > 0 and hasattr(value, "tolist"):  # an array cell (VOTable arraysize="*")
        return str(value.tolist())
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return _clean(value.item())
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _all_masked(value: Any) -> bool:
    """A masked astropy cell: a masked scalar, or an array cell (VOTable arraysize) with every element masked."""
    if isinstance(value, list):
        return bool(value) and all(v is None for v in value)
    return getattr(value, "mask", False) is True


def table_columns(table: Any) -> dict[str, list[Any]]:
    """Columns of a pandas DataFrame, astropy Table, pyarrow Table, dict of columns or list of row dicts."""
    if isinstance(table, dict):
        cols = {str(k): list(v) for k, v in table.items()}
    elif isinstance(table, list):
        keys: list[str] = []
        for row in table:
            keys += [k for k in row if k not in keys]
        cols = {k: [row.get(k) for row in table] for k in keys}
    elif hasattr(table, "to_pydict"):  # pyarrow
        cols = {str(k): v for k, v in table.to_pydict().items()}
    elif hasattr(table, "colnames"):  # astropy
        cols = {str(n): [None if _all_masked(v) else v for v in table[n].tolist()] for n in table.colnames}
    elif hasattr(table, "to_dict"):  # pandas
        cols = {str(k): list(v) for k, v in table.to_dict(orient="list").items()}
    else:
        raise TypeError(
            f"cannot read a table from {type(table).__name__}: give a DataFrame, an astropy or "
            "pyarrow Table, a dict of columns or a list of row dicts"
        )
    lengths = {len(v) for v in cols.values()}
    if len(lengths) > 1:
        raise ValueError(f"columns have different lengths: {sorted(lengths)}")
    return {k: [_clean(v) for v in vals] for k, vals in cols.items()}


def _column_names(table: Any) -> list[str]:
    if isinstance(table, list):
        return list(dict.fromkeys(k for row in table for k in row))
    for attr in ("colnames", "column_names"):
        if hasattr(table, attr):
            return [str(c) for c in getattr(table, attr)]
    if hasattr(table, "columns"):
        return [str(c) for c in table.columns]
    return [str(k) for k in table]


def _row_count(table: Any) -> int | None:
    if isinstance(table, dict):
        return len(next(iter(table.values()), []))
    for attr in ("num_rows", "shape"):
        value = getattr(table, attr, None)
        if isinstance(value, int):
            return value
        if isinstance(value, tuple) and value:
            return int(value[0])
    try:
        return len(table)
    except TypeError:
        return None


def _guess(columns: dict[str, Any], wanted: str | None, candidates: tuple[str, ...], what: str) -> str:
    if wanted:
        if wanted not in columns:
            raise ValueError(f"{what} column {wanted!r} not in the table (columns: {', '.join(columns)})")
        return wanted
    lower = {c.lower(): c for c in columns}
    for name in candidates:
        if name in lower:
            return lower[name]
    raise ValueError(f"no {what} column found among {', '.join(columns)}: pass {what}='<column>'")


class SkyView:
    """One sky view of the JupyterLab frontend, by name. Methods return nothing: the output receipt says
    what was sent, and the view itself reports what it could not show."""

    def __init__(self, name: str = DEFAULT_VIEW) -> None:
        self.name = name

    def open(self, target: str | None = None, fov: float | None = None, survey: str | None = None) -> None:
        args = {k: v for k, v in {"target": target, "fov": fov, "survey": survey}.items() if v is not None}
        _publish("open", args, self.name, "open")

    def goto(self, target: str | tuple[float, float], fov: float | None = None) -> None:
        """``target``: an object name (Sesame when online, else the catalogue packaged with the extension:
        Messier, bright NGC/IC, bright stars), "ra dec" or (ra, dec) in degrees."""
        if isinstance(target, (tuple, list)):
            target = f"{float(target[0])} {float(target[1])}"
        args: dict[str, Any] = {"target": str(target)}
        if fov is not None:
            args["fov"] = float(fov)
        _publish("goTo", args, self.name, f"go to {target}")

    def show_table(
        self,
        table: Any,
        *,
        name: str = "table",
        ra: str | None = None,
        dec: str | None = None,
        id: str | None = None,
        color: str | None = None,
        size: float | None = None,
        color_by: str | None = None,
        size_by: str | None = None,
    ) -> None:
        """``color_by`` / ``size_by``: a numeric column giving each source's colour / size (the layer list can
        change them later). Up to ``spool.INLINE_ROWS`` rows travel inline in the output; larger tables (pandas, astropy,
        pyarrow, dict of columns) are written once as Arrow IPC for the server to serve, and the output
        carries only their token (see jupyter_escape.sky.spool)."""
        from . import spool

        style = {k: v for k, v in {"color": color, "size": size, "colorBy": color_by, "sizeBy": size_by}.items() if v}
        for what, column in (("color_by", color_by), ("size_by", size_by)):
            if column is not None and column not in _column_names(table):
                raise ValueError(
                    f"{what} column {column!r} not in the table (columns: {', '.join(_column_names(table))})"
                )
        nrows = _row_count(table)
        if nrows is not None and nrows > spool.INLINE_ROWS and not isinstance(table, list):
            arrow = spool.arrow_table(table)
            if arrow.num_rows > MAX_SPOOLED_ROWS:
                raise ValueError(
                    f"{arrow.num_rows} rows is more than the {MAX_SPOOLED_ROWS} the sky view draws "
                    "as single sources: filter the table first, or plot its density with "
                    "jupyter_escape.plot.density"
                )
            names = dict.fromkeys(arrow.column_names)
            roles = {
                "ra": _guess(names, ra, RA_NAMES, "ra"),
                "dec": _guess(names, dec, DEC_NAMES, "dec"),
                **({"id": _guess(names, id, (), "id")} if id else {}),
            }
            args = {
                "name": name,
                "columns": roles,
                "ref": spool.write_table(arrow),
                "rows": arrow.num_rows,
                "style": style,
            }
            _publish("showTable", args, self.name, f"show table {name!r} ({arrow.num_rows} rows, by reference)")
            return
        columns = table_columns(table)
        nrows = len(next(iter(columns.values()), []))
        if nrows > MAX_ROWS:
            raise ValueError(f"{nrows} rows is more than the {MAX_ROWS} sent inline: filter the table first")
        ra_col = _guess(columns, ra, RA_NAMES, "ra")
        dec_col = _guess(columns, dec, DEC_NAMES, "dec")
        args = {
            "name": name,
            "columns": {"ra": ra_col, "dec": dec_col, **({"id": id} if id else {})},
            "data": columns,
            "style": style,
        }
        _publish("showTable", args, self.name, f"show table {name!r} ({nrows} rows)")

    def show_footprints(self, regions: list[str], *, name: str = "footprints", color: str | None = None) -> None:
        """ObsCore ``s_region`` strings (STC-S POLYGON/CIRCLE/BOX)."""
        args = {"name": name, "regions": [str(r) for r in regions], "style": {"color": color} if color else {}}
        _publish("showFootprints", args, self.name, f"show {len(regions)} footprints {name!r}")

    def show_moc(
        self, moc: Any, *, name: str | None = None, credible_level: float | None = None, color: str | None = None
    ) -> None:
        """A mocpy MOC, a MOC JSON dict, or a path to a MOC file or a HEALPix probability sky map."""
        style = {"color": color} if color else {}
        args: dict[str, Any]
        if hasattr(moc, "serialize"):
            data = {str(k): [int(x) for x in v] for k, v in moc.serialize(format="json").items()}
            args = {"name": name or "MOC", "moc": data, "style": style}
        elif isinstance(moc, dict):
            args = {"name": name or "MOC", "moc": moc, "style": style}
        else:
            args = {"name": name or os.path.basename(os.fspath(moc)), "path": _path(moc), "style": style}
            if credible_level is not None:
                args["credible_level"] = float(credible_level)
        _publish("showMOC", args, self.name, f"show MOC {args['name']!r}")

    def show_fits(self, path: str | os.PathLike[str], *, name: str | None = None) -> None:
        args = {"name": name or os.path.basename(os.fspath(path)), "path": _path(path)}
        _publish("showFITS", args, self.name, f"show FITS image {args['name']!r}")

    def select(self, ids: list[Any], *, layer: str | None = None) -> None:
        args = {"ids": [_clean(i) for i in ids], **({"layer": layer} if layer else {})}
        _publish("select", args, self.name, f"select {len(ids)} sources")


_default = SkyView()


def view(name: str = DEFAULT_VIEW) -> SkyView:
    return SkyView(name)


open_view = _default.open
goto = _default.goto
show_table = _default.show_table
show_footprints = _default.show_footprints
show_moc = _default.show_moc
show_fits = _default.show_fits
select = _default.select
