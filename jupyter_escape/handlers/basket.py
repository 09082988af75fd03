"""Routes of the research basket (thin: parse, call jupyter_escape.basket, answer). See docs/api/basket.md."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tornado.http1connection import HTTP1Connection

from ..basket.api import Basket
from ..basket.context import BasketContext
from ..core.errors import BadInput, EscapeError
from ..core.jsontext import PIECE
from ..core.paths import confine, relative_to_root
from .base import EscapeHandler, authenticated_and_authorized

if TYPE_CHECKING:
    import pyarrow as pa

    from ..extension import EscapeState

ARROW_MIME = "application/vnd.apache.arrow.stream"
MAX_WAIT = 30.0


def setup(state: EscapeState, log: logging.Logger) -> None:
    ctx = BasketContext.for_server(state.state_dir, state.root_dir, state.config)
    state.extras["basket"] = Basket(ctx)
    log.info("jupyter-escape basket: %s, workspace DB %s", ctx.state_dir / "basket.sqlite", ctx.workspace_db_path)


class BasketBase(EscapeHandler):
    @property
    def basket(self) -> Basket:
        return cast(Basket, self.escape.extras["basket"])

    async def send_table(self, table: pa.Table, fmt: str, extra: dict[str, Any] | None = None) -> None:
        """The table as Arrow IPC or JSON rows; both encodings grow with the table, so they are made off the loop."""
        if fmt == "arrow":
            from ..basket.tableio import ipc_bytes

            for key, value in (extra or {}).items():
                self.set_header(f"X-Escape-{key.replace('_', '-').title()}", str(value))
            self.finish(await self.run_blocking(ipc_bytes, table), set_content_type=ARROW_MIME)
            return
        extra = extra or {}
        body = await self.run_blocking(_rows_json, table, bool(extra.get("truncated")), extra.get("limit", 0))
        await self.send_large_json({**body, **extra})


def _rows_json(table: pa.Table, truncated: bool, limit: int) -> dict[str, Any]:
    """QueryResult.to_json of ``table``, its rows made a slice at a time: pyarrow holds the GIL while it turns a
    slice into Python values, and a million rows in one go would stall the loop (core/jsontext.py says why)."""
    from ..basket.workspace import QueryResult

    body = QueryResult(table.slice(0, 0), truncated, limit, 0).to_json()
    rows: list[Any] = []
    for start in range(0, table.num_rows, PIECE):
        rows += QueryResult(table.slice(start, PIECE), truncated, limit, 0).to_json()["rows"]
    return {**body, "rows": rows, "n_rows": table.num_rows}


class BasketHandler(BasketBase):
    @authenticated_and_authorized
    async def get(self) -> None:
        snapshot = await self.run_blocking(self.basket.store.snapshot)
        self.set_header("ETag", snapshot["etag"])
        if self.request.headers.get("If-None-Match") == snapshot["etag"]:
            self.set_status(304)
            self.finish()
            return
        self.send_json(snapshot)


class ChangesHandler(BasketBase):
    """Long poll: answers as soon as the version differs from ``since`` or after ``timeout`` seconds."""

    @authenticated_and_authorized
    async def get(self) -> None:
        since = self.int_arg("since", -1, -1, 2**62)
        timeout = self.int_arg("timeout", 25, 0, int(MAX_WAIT))
        deadline = time.monotonic() + timeout
        while True:
            version = await self.run_blocking(self.basket.store.version)
            if version != since or time.monotonic() >= deadline or self._client_gone():
                break
            await asyncio.sleep(0.25)
        self.send_json({"version": version, "changed": version != since})

    def _client_gone(self) -> bool:
        connection = self.request.connection  # tornado's HTTP/1 server: a stream that says when the client left
        return isinstance(connection, HTTP1Connection) and connection.stream.closed()


class ItemsHandler(BasketBase):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        fields = {k: body.get(k) for k in ("title", "group", "source", "notes") if body.get(k) is not None}
        item = await self.run_blocking(self.basket.add, body.get("kind"), body.get("payload"), **fields)
        self.send_json(item.to_json(), status=201)


class ItemHandler(BasketBase):
    @authenticated_and_authorized
    async def get(self, item_id: str) -> None:
        item = await self.run_blocking(self.basket.store.get, item_id)
        self.send_json(item.to_json())

    @authenticated_and_authorized
    async def patch(self, item_id: str) -> None:
        body = self.json_body()
        item = await self.run_blocking(self.basket.update, item_id, **body)
        self.send_json(item.to_json())

    @authenticated_and_authorized
    async def delete(self, item_id: str) -> None:
        await self.run_blocking(self.basket.remove, item_id)
        self.set_status(204)
        self.finish()


class ItemDataHandler(BasketBase):
    """The item's table (first ``limit`` rows) as JSON or Arrow IPC: for the grid and the sky view."""

    @authenticated_and_authorized
    async def get(self, item_id: str) -> None:
        limit = self.int_arg("limit", 1000, 0, 1_000_000)
        fmt = self.get_argument("format", "json")
        if fmt not in ("json", "arrow"):
            raise BadInput("format", "expected json or arrow")
        refresh = self.get_argument("refresh", "false") == "true"
        table, _ = await self.run_blocking(self.basket.table, item_id, refresh=refresh)
        truncated = table.num_rows > limit
        await self.send_table(
            table.slice(0, limit), fmt, {"truncated": truncated, "limit": limit, "total_rows": table.num_rows}
        )


class MaterialiseHandler(BasketBase):
    @authenticated_and_authorized
    async def post(self, item_id: str) -> None:
        body = self.json_body()
        info = await self.run_blocking(
            self.basket.materialise, item_id, body.get("table"), refresh=bool(body.get("refresh"))
        )
        info["provenance_file"] = relative_to_root(self.basket.ctx.root_dir, info["provenance_file"])
        self.send_json(info)


class ProvenanceHandler(BasketBase):
    @authenticated_and_authorized
    async def get(self, item_id: str) -> None:
        self.send_json(await self.run_blocking(self.basket.provenance, item_id))


class GroupsHandler(BasketBase):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        self.send_json(await self.run_blocking(self.basket.store.add_group, body.get("name")), status=201)


class GroupHandler(BasketBase):
    @authenticated_and_authorized
    async def patch(self, name: str) -> None:
        body = self.json_body()
        await self.run_blocking(self.basket.store.rename_group, name, body.get("name"))
        self.send_json({"name": body.get("name")})

    @authenticated_and_authorized
    async def delete(self, name: str) -> None:
        remove_items = self.get_argument("remove_items", "false") == "true"
        await self.run_blocking(self.basket.store.remove_group, name, remove_items=remove_items)
        self.set_status(204)
        self.finish()


class ExportHandler(BasketBase):
    """The block an open notebook should hold in ``metadata.escape.basket`` (the frontend sets it on the
    notebook model, so an open notebook is not rewritten behind the editor's back). ?items=id1,id2 to choose."""

    @authenticated_and_authorized
    async def get(self) -> None:
        from ..basket.notebook import export_block

        ids = self.get_argument("items", None)
        self.send_json(await self.run_blocking(export_block, self.basket.store, ids.split(",") if ids else None))


class NotebookHandler(BasketBase):
    """GET ?path= reads the basket block of a notebook; POST {path, action: save|load, mode, items} writes the
    basket into it or loads it from it."""

    @authenticated_and_authorized
    async def get(self) -> None:
        from ..basket.notebook import read_from_notebook

        path = confine(self.server_root, self.get_argument("path", None))
        self.send_json(await self.run_blocking(read_from_notebook, path))

    @authenticated_and_authorized
    async def post(self) -> None:
        from ..basket.notebook import load_from_notebook, save_to_notebook

        body = self.json_body()
        path = confine(self.server_root, body.get("path"))
        action = body.get("action", "save")
        if action == "save":
            result = await self.run_blocking(save_to_notebook, self.basket.store, path, body.get("items"))
            result["path"] = relative_to_root(self.server_root, path)
        elif action == "load":
            result = await self.run_blocking(load_from_notebook, self.basket, path, body.get("mode", "merge"))
        else:
            raise BadInput("action", "expected save or load")
        self.send_json(result)


class SQLHandler(BasketBase):
    """SQL console on the workspace DB. Read-only unless {"write": true}; never reads files outside the DB."""

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        limit = body.get("limit", 1000)
        fmt = body.get("format", "json")
        if fmt not in ("json", "arrow"):
            raise BadInput("format", "expected json or arrow")
        result = await self.run_blocking(
            self.basket.sql, body.get("sql"), limit=limit, read_only=not body.get("write", False), external_access=False
        )
        await self.send_table(
            result.table,
            fmt,
            {"truncated": result.truncated, "limit": result.limit, "elapsed": round(result.elapsed, 4)},
        )


class TablesHandler(BasketBase):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json({"tables": await self.run_blocking(self.basket.db.tables)})


class TableHandler(BasketBase):
    @authenticated_and_authorized
    async def get(self, name: str) -> None:
        from ..basket.workspace import check_name

        check_name(name)
        columns = await self.run_blocking(self.basket.db.columns, name)
        provenance = await self.run_blocking(self.basket.db.provenance, name)
        self.send_json({"table": name, "columns": columns, "provenance": provenance})

    @authenticated_and_authorized
    async def delete(self, name: str) -> None:
        await self.run_blocking(self.basket.db.drop, name)
        self.set_status(204)
        self.finish()


def table_ref(server_root: str, value: object, field: str) -> Path | str:
    """A cross-match input as given: a basket item id or workspace table name, or {"path": ...} below the root."""
    if isinstance(value, dict) and "path" in value:
        return confine(server_root, value["path"])
    if isinstance(value, str) and value:
        return value
    raise BadInput(field, 'give a basket item id, a workspace table name or {"path": ...}')


class XMatchHandler(BasketBase):
    """POST {left, right, radius_arcsec, find, join, table?, path?, left_ra?, ...}: inputs are basket item ids
    or workspace tables (or {"path": ...} below the root); the result goes to the workspace DB and/or a file."""

    OPTIONS = (
        "find",
        "join",
        "left_ra",
        "left_dec",
        "right_ra",
        "right_dec",
        "left_unit",
        "right_unit",
        "left_frame",
        "right_frame",
    )

    def _ref(self, value: object, field: str) -> Path | str:
        return table_ref(self.server_root, value, field)

    def _hats_input(self, *refs: object) -> bool:
        for ref in refs:
            if isinstance(ref, str):
                try:
                    if self.basket.store.get(ref).kind == "hats_catalog":
                        return True
                except EscapeError:
                    pass
        return False

    @authenticated_and_authorized
    async def post(self) -> None:
        from ..basket.xmatch import crossmatch_in_basket

        body = self.json_body()
        left, right = self._ref(body.get("left"), "left"), self._ref(body.get("right"), "right")
        path = confine(self.server_root, body["path"]) if body.get("path") else None
        table_name = body.get("table") or (None if path else "xmatch_result")
        kwargs = {k: body[k] for k in self.OPTIONS if body.get(k) is not None}
        engine = body.get("engine") or "auto"
        # _hats_input reads the basket's database: off the loop, and only when the engine is left to us
        if engine == "auto" and not await self.run_blocking(self._hats_input, left, right) and not body.get("filter"):
            kwargs["engine"] = "auto"  # tables: the in-memory engine unless they do not fit (reported in notes)
            result = await self.run_blocking(
                crossmatch_in_basket,
                self.basket,
                left,
                right,
                body.get("radius_arcsec", 1.0),
                table_name=table_name,
                path=path,
                **kwargs,
            )
        else:  # HATS inputs, a sky filter or an explicit engine: jupyter_escape.scale chooses and runs
            from ..scale.crossmatch import crossmatch as scaled

            if path is not None:
                raise BadInput("path", "the scaled cross-match saves to a workspace table (give table)")
            result = await self.run_blocking(
                scaled,
                self.basket,
                left,
                right,
                body.get("radius_arcsec", 1.0),
                engine=engine,
                filter=body.get("filter"),
                table_name=table_name,
                **kwargs,
            )
        summary = result.summary()
        if summary["saved"]:
            for key in ("path", "provenance_file"):
                if summary["saved"].get(key):
                    summary["saved"][key] = relative_to_root(self.server_root, summary["saved"][key])
        self.send_json(summary)


ID = r"([^/]+)"
ROUTES = [
    ("basket", BasketHandler),
    ("basket/changes", ChangesHandler),
    ("basket/items", ItemsHandler),
    (f"basket/items/{ID}", ItemHandler),
    (f"basket/items/{ID}/data", ItemDataHandler),
    (f"basket/items/{ID}/materialise", MaterialiseHandler),
    (f"basket/items/{ID}/provenance", ProvenanceHandler),
    ("basket/groups", GroupsHandler),
    ("basket/groups/(.+)", GroupHandler),
    ("basket/export", ExportHandler),
    ("basket/notebook", NotebookHandler),
    ("basket/sql", SQLHandler),
    ("basket/tables", TablesHandler),
    (f"basket/tables/{ID}", TableHandler),
    ("basket/xmatch", XMatchHandler),
]
