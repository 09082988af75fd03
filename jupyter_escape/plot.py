"""Linked plots from a notebook: the same views as the JupyterLab panel, and the selection back as a Table.

    from jupyter_escape import plot
    plot.scatter({"kind": "workspace", "table": "gaia"}, x="bp_rp", y="phot_g_mean_mag", color="parallax")
    plot.histogram({"kind": "workspace", "table": "gaia"}, x="phot_g_mean_mag", logy=True)
    plot.density({"kind": "sql", "sql": "SELECT * FROM gaia WHERE parallax > 1"}, x="ra", y="dec")
    data = plot.data({"kind": "workspace", "table": "gaia"}, kind="histogram", x="phot_g_mean_mag")
    t = plot.selection()          # rows brushed in the plot / picked in the grid or on the sky (astropy Table)

A view call publishes display data ``application/vnd.escape.plot+json``; the frontend opens (or updates) the plot
panel named ``view``. Sources are dicts as in ``jupyter_escape.plots.sources``; ``plot.data`` resolves workspace
tables, queries, basket items and files in this kernel (a VO result lives in the server's memory: put it in the
basket first).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa
    from astropy.table import Table

MIME_TYPE = "application/vnd.escape.plot+json"
PROTOCOL_VERSION = 1


def _publish(kind: str, source: dict[str, Any], view: str, spec: dict[str, Any]) -> None:
    from .plots.spec import PlotSpec, check_source

    check_source(source)
    PlotSpec.from_json({"kind": kind, **spec})  # a bad expression name or range fails here, in the notebook
    payload = {
        "version": PROTOCOL_VERSION,
        "id": uuid.uuid4().hex,
        "issued": int(time.time() * 1000),
        "view": view,
        "source": source,
        "spec": {"kind": kind, **spec},
    }
    from IPython.display import display

    # IPython.display.display is not annotated
    display({MIME_TYPE: payload, "text/plain": f"Plot view '{view}': {kind} of {spec.get('x')}"}, raw=True)  # type: ignore[no-untyped-call]


def _spec(**kwargs: Any) -> dict[str, Any]:
    return {k: v for k, v in kwargs.items() if v not in (None, False)}


def scatter(
    source: dict[str, Any],
    x: str,
    y: str,
    color: str | None = None,
    logx: bool = False,
    logy: bool = False,
    view: str = "main",
    **extra: Any,
) -> None:
    _publish("scatter", source, view, _spec(x=x, y=y, color=color, logx=logx, logy=logy, **extra))


def histogram(
    source: dict[str, Any],
    x: str,
    logx: bool = False,
    logy: bool = False,
    bins: int | None = None,
    view: str = "main",
    **extra: Any,
) -> None:
    _publish("histogram", source, view, _spec(x=x, logx=logx, logy=logy, bins=bins, **extra))


def density(
    source: dict[str, Any], x: str, y: str, logx: bool = False, logy: bool = False, view: str = "main", **extra: Any
) -> None:
    _publish("density", source, view, _spec(x=x, y=y, logx=logx, logy=logy, **extra))


def _resolver() -> dict[str, Callable[[str], pa.Table]]:
    from .basket import basket
    from .basket.tableio import read_file

    b = basket()
    return {
        "basket": lambda item: b.table(item)[0],
        "workspace": b.db.read_table,
        "sql": lambda sql: b.db.query(sql, limit=None).table,
        "file": lambda path: read_file(path),
    }


def data(source: dict[str, Any], kind: str, **spec: Any) -> dict[str, Any]:
    """The aggregated numbers behind a view (bin edges and counts, or points), computed here with DuckDB."""
    import base64

    import numpy as np

    from .plots.aggregate import aggregate
    from .plots.sources import SourceCache
    from .plots.spec import PlotSpec

    out = aggregate(SourceCache(_resolver()).get(source), PlotSpec.from_json({"kind": kind, **spec}))
    for key, value in list(out.items()):  # decode the browser's base64 arrays into numpy arrays
        if isinstance(value, dict) and "b64" in value:
            out[key] = np.frombuffer(base64.b64decode(value["b64"]), dtype="<" + value["dtype"])
    return out


def selection(view: str = "main") -> Table:
    """The rows selected in the linked views (plot brush, grid or sky) as an astropy Table; its ``meta``
    holds the source and where the selection was made. Column ``__row`` is each row's position in the source."""
    from .basket.context import BasketContext
    from .basket.tableio import to_astropy
    from .plots.selections import load

    record, rows = load(BasketContext.for_kernel().state_dir, view)
    table = to_astropy(rows)
    table.meta.update({"escape_selection": record})
    return table
