"""One object for everything the basket does, used by the server routes and by notebooks alike."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from ..core.errors import BadInput, EscapeError
from ..core.names import check_id
from ..core.paths import confine
from . import materialise as mat
from . import provenance as prov
from .context import BasketContext
from .model import Item
from .store import BasketStore
from .tableio import arrow_to_inline, checksum_table, to_arrow, write_file
from .workspace import QueryResult, WorkspaceDB, slug

if TYPE_CHECKING:
    import pandas as pd
    from astropy.table import Table


class Basket:
    def __init__(self, ctx: BasketContext) -> None:
        self.ctx = ctx
        self.store = BasketStore(ctx.state_dir)
        self.db = WorkspaceDB(ctx.workspace_db_path)

    # -- items ------------------------------------------------------------------------------------------------
    def items(self, **filters: str | None) -> list[Item]:  # BasketStore.items' group and kind
        return self.store.items(**filters)

    def get(self, item_id: str) -> Entry:
        return Entry(self, self.store.get(item_id))

    def add(self, kind: str, payload: dict[str, Any], **fields: Any) -> Item:
        """Add an item: the one way in for the panels, notebooks' metadata and the notebook API alike.

        ``fields`` are BasketStore.add's keywords, as a request or a notebook sends them (checked there)."""
        if not isinstance(payload, dict):
            raise BadInput("payload", "expected a JSON object")
        if kind == "vo_rows" and isinstance(payload.get("rows"), list) and len(payload["rows"]) > mat.INLINE_MAX_ROWS:
            from .tableio import inline_to_arrow

            table = inline_to_arrow(payload.get("columns"), payload["rows"])
            rest = {k: v for k, v in payload.items() if k not in ("columns", "rows")}
            return self.add_table(table, origin=rest.get("origin"), **fields)
        if kind in ("workspace_file", "hats_catalog"):
            if not isinstance(payload.get("path"), str):
                raise BadInput("payload.path", "expected a path relative to the server root")
            confine(self.ctx.root_dir, payload["path"])  # refuse paths outside the root right away
        return self.store.add(kind, payload, **fields)

    def add_table(
        self, table: Any, *, title: str | None = None, origin: dict[str, Any] | None = None, **fields: Any
    ) -> Item:
        """Rows selected or computed by the user: inline when small, otherwise a parquet file in the state folder.

        ``table`` is any table ``tableio.to_arrow`` reads (astropy, pandas, Arrow: untyped, hence Any);
        ``fields`` are BasketStore.add's keywords."""
        table = to_arrow(table)
        payload: dict[str, Any] = {"origin": origin or {}, "n_rows": table.num_rows}
        if table.num_rows <= mat.INLINE_MAX_ROWS:
            payload["columns"], payload["rows"] = arrow_to_inline(table)
            return self.store.add("vo_rows", payload, title=title or f"{table.num_rows} rows", **fields)
        from .model import new_id
        from .store import stored_files

        item_id = fields.pop("item_id", None) or new_id()
        check_id(item_id, "id")  # before the file is written, not only when the row is
        path = stored_files(self.ctx.state_dir / "basket-data", item_id)[0]
        write_file(table, path)
        payload["parquet"] = path.name
        try:
            return self.store.add(
                "vo_rows", payload, title=title or f"{table.num_rows} rows", item_id=item_id, **fields
            )
        except Exception:
            path.unlink(missing_ok=True)
            raise

    def update(self, item_id: str, **changes: Any) -> Item:  # JSON changes, checked by BasketStore.update
        return self.store.update(item_id, **changes)

    def remove(self, item_id: str) -> None:
        self.store.remove(item_id)

    # -- data -------------------------------------------------------------------------------------------------
    def table(self, item_id: str, *, refresh: bool = False) -> tuple[pa.Table, dict[str, Any]]:
        item = self.store.get(item_id)
        ctx = self.ctx if not refresh else BasketContext(**{**self.ctx.__dict__, "options": {"refresh": True}})
        before = dict(item.extra)
        table, record = mat.table_of(item, ctx)
        if item.extra != before:
            self.store.update(item.id, extra=item.extra)
        return table, record

    def paths(self, item_id: str) -> tuple[list[Path], dict[str, Any]]:
        return mat.paths_of(self.store.get(item_id), self.ctx)

    def materialise(self, item_id: str, table_name: str | None = None, *, refresh: bool = False) -> dict[str, Any]:
        """Put an item's table into the workspace DB (with column metadata and provenance)."""
        item = self.store.get(item_id)
        name = table_name or item.extra.get("table") or slug(item.title)
        table, record = self.table(item_id, refresh=refresh)
        info = self.db.write_table(
            name, table, item_id=item.id, title=item.title, provenance=record, origin=item.source
        )
        sidecar = prov.write_sidecar(self.provenance_dir() / name, record)
        self.store.update(item.id, extra={"table": name, "checksum": info["checksum"]})
        return {**info, "provenance_file": str(sidecar)}

    def provenance_dir(self) -> Path:
        path = self.ctx.workspace_dir / "provenance"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def provenance(self, item_id: str) -> dict[str, Any]:
        item = self.store.get(item_id)
        if item.extra.get("table"):
            stored = self.db.provenance(item.extra["table"])
            if stored:
                return stored
        if item.kind in ("vo_rows", "vo_query"):
            return self.table(item_id)[1]
        return mat.paths_of(item, self.ctx)[1]

    # -- workspace DB -----------------------------------------------------------------------------------------
    def sql(self, query: str, **kwargs: Any) -> QueryResult:  # WorkspaceDB.query's keywords
        return self.db.query(query, **kwargs)

    def save_derived(
        self,
        table: pa.Table,
        name: str,
        record: dict[str, Any],
        *,
        title: str | None = None,
        path: str | os.PathLike[str] | None = None,
    ) -> dict[str, Any]:
        """A derived table (cross-match, SQL result) into the DB, optionally to a file, each with provenance."""
        info = self.db.write_table(name, table, title=title or name, provenance=record, origin="derived")
        out = {**info, "provenance_file": str(prov.write_sidecar(self.provenance_dir() / name, record))}
        if path is not None:
            target = write_file(table, path)
            prov.write_sidecar(target, record)
            out["path"] = str(target)
        return out

    def input_table(self, ref: object) -> tuple[pa.Table, str, dict[str, Any]]:
        """A table named by the caller: a basket item id, a workspace DB table, a path, or a table object.
        Returns (table, entity id, provenance of the input)."""
        if isinstance(ref, str):
            try:
                item = self.store.get(ref)
            except EscapeError:
                item = None
            if item is not None:
                table, record = self.table(item.id)
                return table, f"escape:item/{item.id}", record
            names = {t["table"] for t in self.db.tables()}
            if ref in names:
                return self.db.read_table(ref), f"escape:table/{ref}", self.db.provenance(ref) or {}
            raise BadInput(
                "table",
                f"{ref!r} is neither a basket item id nor a workspace table "
                f"(tables: {', '.join(sorted(names)) or 'none'})",
            )
        if isinstance(ref, Path):
            table = to_arrow(ref)
            return table, f"escape:file/{checksum_table(table).split(':')[1][:16]}", prov.read_sidecar(ref) or {}
        table = to_arrow(ref)
        return table, f"escape:table/{checksum_table(table).split(':')[1][:16]}", {}


class Entry:
    """A basket item in a notebook: its fields plus ways to get at its data."""

    def __init__(self, basket: Basket, item: Item) -> None:
        self._basket = basket
        self.item = item

    def __getattr__(self, name: str) -> Any:  # the Item's fields, whatever their type
        return getattr(self.__dict__["item"], name)

    def __repr__(self) -> str:
        return f"<basket item {self.item.id} {self.item.kind} {self.item.title!r} from {self.item.source}>"

    def to_arrow(self, refresh: bool = False) -> pa.Table:
        return self._basket.table(self.item.id, refresh=refresh)[0]

    def to_table(self, refresh: bool = False) -> Table:
        from .tableio import to_astropy

        return to_astropy(self.to_arrow(refresh))

    def to_pandas(self, refresh: bool = False) -> pd.DataFrame:
        frame: pd.DataFrame = self.to_arrow(refresh).to_pandas()
        return frame

    def paths(self) -> list[Path]:
        return self._basket.paths(self.item.id)[0]

    def provenance(self) -> dict[str, Any]:
        return self._basket.provenance(self.item.id)

    def materialise(self, table_name: str | None = None, refresh: bool = False) -> dict[str, Any]:
        return self._basket.materialise(self.item.id, table_name, refresh=refresh)
