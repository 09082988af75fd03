"""Routes of the linked plots (thin: parse, call jupyter_escape.plots, answer). See docs/plots.md.

Blocking work (reading a table, DuckDB aggregation) runs in the basket pillar's pool: plots read the same
workspace data as the basket, and a slow aggregation should stall those routes, not the VO or data lake ones.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, cast

from ..basket.tableio import read_columns, read_file
from ..core.errors import BadInput
from ..core.load import POOLS
from ..core.paths import confine
from ..core.timing import Phases
from ..plots import selections
from ..plots.aggregate import aggregate, describe, select_box, warm
from ..plots.code import plot_code
from ..plots.sources import SourceCache
from ..plots.spec import PlotSpec
from .base import EscapeHandler, authenticated_and_authorized

if TYPE_CHECKING:
    import pyarrow as pa

    from ..basket.api import Basket
    from ..extension import EscapeState


def setup(state: EscapeState, log: logging.Logger) -> None:
    def basket() -> Basket:
        return cast("Basket", state.extras["basket"])

    resolvers = {
        "vo-result": lambda rid: state.extras["vo"].results.get(rid).result.table,
        "basket": lambda item: basket().table(item)[0],
        "workspace": lambda name: basket().db.read_table(name),
        "sql": lambda sql: basket().db.query(sql, limit=None, external_access=False).table,
        "file": lambda path: read_file(confine(state.root_dir, path)),
    }
    # a file's plotted columns only, until something needs the whole table (a first plot of a wide catalogue)
    column_readers = {"file": lambda path, names: read_columns(confine(state.root_dir, path), names)}
    state.extras["plots"] = SourceCache(resolvers, column_readers=column_readers)
    # In the background, in the pool the plot routes use: the first plot finds a worker started and its code
    # paths loaded (its wait for a worker: 37 ms in a run before this, 0-11 ms in runs after).
    POOLS.get(PlotsHandler.pillar).submit(_warm, log)


def _warm(log: logging.Logger) -> None:
    try:
        warm()
    except Exception as exc:  # only speed depends on it
        log.warning("jupyter-escape: warming the plots failed: %s", exc)


class PlotsHandler(EscapeHandler):
    pillar = "basket"

    def source_table(self, body: dict[str, Any], refresh: bool = False) -> Awaitable[pa.Table]:
        cache: SourceCache = self.escape.extras["plots"]
        return self.run_blocking(cache.get, body.get("source"), bool(body.get("refresh")) or refresh)


class DescribeHandler(PlotsHandler):
    @authenticated_and_authorized
    async def post(self) -> None:
        table = await self.source_table(self.json_body())
        self.send_json(describe(table))


class AggregateHandler(PlotsHandler):
    """The bins (or points) of a plot, with the table's columns when asked (``columns``: a plot's first answer
    is one request, not a describe then an aggregate). Server-Timing says where the time went."""

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        spec = PlotSpec.from_json(body)
        phases = Phases()
        cache: SourceCache = self.escape.extras["plots"]
        out = await self.run_blocking(_aggregate, cache, body, spec, phases)
        phases.add("total", self.request.request_time())
        self.set_header("Server-Timing", phases.header())
        self.send_json(out)


def _aggregate(cache: SourceCache, body: dict[str, Any], spec: PlotSpec, phases: Phases) -> dict[str, Any]:
    """Table, bins and columns in one trip to a worker (each trip waits for a thread, and on a loaded machine that
    wait was tens of milliseconds)."""
    phases.since_start("wait")
    with phases.phase("table"):
        axes = [axis for axis in (spec.x, spec.y, spec.color) if axis]
        table, schema = cache.get_columns(body["source"], axes, bool(body.get("refresh")))
    with phases.phase("bins"):
        out = aggregate(table, spec)
    if body.get("columns"):
        out["columns"] = describe(schema.empty_table())["columns"]  # every column, read or not
    return out


class SelectHandler(PlotsHandler):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        cache: SourceCache = self.escape.extras["plots"]
        axes = [axis for axis in (body.get("x"), body.get("y")) if isinstance(axis, str) and axis]
        table, _ = await self.run_blocking(cache.get_columns, body["source"], axes)
        selected = await self.run_blocking(
            select_box, table, body.get("x"), body.get("y"), body.get("xrange"), body.get("yrange")
        )
        await self.send_large_json(selected)  # one row id per selected row


class SelectionHandler(PlotsHandler):
    """The linked views' selection, kept for the kernel (``jupyter_escape.plot.selection()``)."""

    @authenticated_and_authorized
    async def put(self, view: str) -> None:
        body = self.json_body()
        table = await self.source_table(body)
        record = await self.run_blocking(
            selections.save,
            self.escape.state_dir,
            view,
            body["source"],
            table,
            body.get("rows") or [],
            body.get("origin") or "view",
        )
        self.send_json(record)


class SubsetHandler(PlotsHandler):
    """Selected rows into the basket, with where they came from (source, plot, brushed range)."""

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        rows = body.get("rows") or []
        if not rows:
            raise BadInput("rows", "no rows are selected")
        table = await self.source_table(body)
        subset = await self.run_blocking(_take_rows, table, rows)
        origin = {
            "kind": "selected rows",
            "source": body["source"],
            "rows": len(rows),
            "selection": body.get("provenance") or {},
        }
        basket = self.escape.extras["basket"]
        item = await self.run_blocking(
            basket.add_table,
            subset,
            title=body.get("title") or f"{len(rows)} selected rows",
            origin=origin,
            source="plots",
        )
        self.send_json(item.to_json(), status=201)


def _take_rows(table: pa.Table, rows: list[int]) -> pa.Table:
    """The selected rows (a copy that grows with the selection: made off the loop)."""
    import pyarrow as pa

    if max(rows) >= table.num_rows:
        raise BadInput("rows", f"row ids must be between 0 and {table.num_rows - 1}")
    return table.take(pa.array(rows)).drop_columns(["__row"])


class CodeHandler(PlotsHandler):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        PlotSpec.from_json(body.get("spec") or {})
        self.send_json(
            {"language": "python", "code": plot_code(body.get("source"), body["spec"], body.get("view") or "main")}
        )


ROUTES = [
    ("plots/describe", DescribeHandler),
    ("plots/aggregate", AggregateHandler),
    ("plots/select", SelectHandler),
    ("plots/selections/([^/]+)", SelectionHandler),
    ("plots/subset", SubsetHandler),
    ("plots/code", CodeHandler),
]
