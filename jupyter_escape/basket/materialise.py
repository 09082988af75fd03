"""Turning basket items into data: a table (Arrow) or local files, with a provenance record.

A registry maps an item kind to two optional functions, ``table(item, ctx) -> (pa.Table, prov)`` and
``paths(item, ctx) -> (list[Path], prov)``. The kinds whose data other pillars own are looked up lazily: on first
use the basket imports ``PLUGINS[kind]`` (e.g. ``jupyter_escape.datalake.basket``), which registers its
functions with :func:`register`; if that module does not exist yet the user gets a clear message and nothing
else in the basket is affected.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pyarrow as pa

from ..core.errors import EscapeError, RemoteError, ServiceTimeout
from ..core.http import Limits, ResponseTooLarge
from ..core.names import check_url, file_stem, safe_file_name
from ..core.paths import confine
from . import provenance as prov
from .context import BasketContext
from .model import Item, now_iso
from .store import stored_files
from .tableio import checksum_file, checksum_table, file_format, inline_to_arrow, read_file, write_file

SERVICE = "basket"
PLUGINS = {
    "datalake_did": "jupyter_escape.datalake.basket",
    "ossr_record": "jupyter_escape.ossr.basket",
    "datalink_product": "jupyter_escape.vo.basket",
    "hats_catalog": "jupyter_escape.scale.basket_ops",
}
INLINE_MAX_ROWS = 2000  # vo_rows larger than this are written to parquet in the state folder


@dataclass
class Materialiser:
    table: Callable[..., Any] | None = None
    paths: Callable[..., Any] | None = None


_registry: dict[str, Materialiser] = {}
_plugins_tried: set[str] = set()


def register(kind: str, *, table: Callable[..., Any] | None = None, paths: Callable[..., Any] | None = None) -> None:
    """Register (or replace) how items of ``kind`` become a table and/or local files."""
    current = _registry.setdefault(kind, Materialiser())
    if table is not None:
        current.table = table
    if paths is not None:
        current.paths = paths


def _lookup(kind: str) -> Materialiser:
    module = PLUGINS.get(kind)
    if module and module not in _plugins_tried:
        _plugins_tried.add(module)
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name not in (module, module.rsplit(".", 1)[0]):
                raise
    return _registry.get(kind, Materialiser())


def _entity_id(item: Item) -> str:
    return f"escape:item/{item.id}"


def table_of(item: Item, ctx: BasketContext) -> tuple[pa.Table, dict[str, Any]]:
    m = _lookup(item.kind)
    if m.table is not None:
        return cast("tuple[pa.Table, dict[str, Any]]", m.table(item, ctx))
    if m.paths is not None:
        paths, record = m.paths(item, ctx)
        tabular = [p for p in paths if file_format(p)]
        if len(tabular) == 1:
            return read_file(tabular[0]), record
        raise EscapeError(
            f"item {item.id} ({item.kind}) has {len(paths)} files, {len(tabular)} of them tables: "
            "open one with basket.get(id).paths()",
            service=SERVICE,
            status=400,
        )
    raise EscapeError(_missing(item.kind, "a table"), service=SERVICE, status=400)


def paths_of(item: Item, ctx: BasketContext) -> tuple[list[Path], dict[str, Any]]:
    m = _lookup(item.kind)
    if m.paths is not None:
        return cast("tuple[list[Path], dict[str, Any]]", m.paths(item, ctx))
    raise EscapeError(_missing(item.kind, "local files"), service=SERVICE, status=400)


def _missing(kind: str, what: str) -> str:
    if kind == "vo_service":
        return "a vo_service item is a service, not data: add a query on it (basket.add(kind='vo_query', ...))"
    module = PLUGINS.get(kind)
    if module:
        return (
            f"{kind} items cannot be turned into {what} here: {module} is not installed or does not "
            "register a basket materialiser"
        )
    return f"{kind} items cannot be turned into {what}"


# -- built-in materialisers --------------------------------------------------------------------------------------
def _workspace_file(item: Item, ctx: BasketContext) -> tuple[list[Path], dict[str, Any]]:
    path = confine(ctx.root_dir, item.payload["path"])
    if not path.exists():
        raise EscapeError(
            f"item {item.id}: {item.payload['path']} no longer exists (moved or deleted?)", service=SERVICE, status=404
        )
    checksum = checksum_file(path) if path.is_file() else None
    record = prov.record(
        entity=_entity_id(item),
        entity_attrs={
            "prov:label": item.title,
            "prov:location": item.payload["path"],
            "escape:checksum": checksum,
            "escape:kind": item.kind,
        },
        activity_type="escape:select_file",
    )
    return [path], record


def stored_rows_path(item: Item, ctx: BasketContext) -> Path:
    return stored_files(ctx.state_dir / "basket-data", item.id)[0]


def _vo_rows(item: Item, ctx: BasketContext) -> tuple[pa.Table, dict[str, Any]]:
    p = item.payload
    if p.get("parquet"):
        path = ctx.state_dir / "basket-data" / Path(p["parquet"]).name
        if not path.exists():
            raise EscapeError(
                f"item {item.id}: its stored rows ({path.name}) are gone from {path.parent}",
                service=SERVICE,
                status=404,
            )
        table = read_file(path)
    else:
        table = inline_to_arrow(p["columns"], p["rows"])
    origin = p.get("origin") or {}
    used = []
    if origin.get("service_url"):
        used.append(
            (
                f"escape:query/{item.id}",
                {
                    "prov:label": "source query",
                    "escape:service": origin.get("service_url"),
                    "escape:query": origin.get("query"),
                },
            )
        )
    record = prov.record(
        entity=_entity_id(item),
        entity_attrs={
            "prov:label": item.title,
            "escape:checksum": checksum_table(table),
            "escape:rows": table.num_rows,
            "escape:kind": item.kind,
        },
        activity_type="escape:select_rows",
        used=used,
        activity_attrs={"escape:selection": origin.get("selection")},
    )
    return table, record


def _vo_rows_paths(item: Item, ctx: BasketContext) -> tuple[list[Path], dict[str, Any]]:
    table, record = _vo_rows(item, ctx)
    path = stored_rows_path(item, ctx)
    if not path.exists():
        write_file(table, path)
    return [path], record


def outbound_limits(config: object) -> Limits:
    """The configured bounds of outbound requests (EscapeConfig.request_timeout, max_response_bytes)."""
    default = Limits()
    return Limits(
        timeout=float(getattr(config, "request_timeout", default.timeout)),
        max_bytes=int(getattr(config, "max_response_bytes", default.max_bytes)),
    )


def run_tap_query(
    service_url: str, query: str, *, maxrec: int | None = None, limits: Limits | None = None
) -> tuple[pa.Table, bool]:
    """Run ADQL through the VO pillar's TAP client (vo.tap.sync_query: bounded in size and time by ``limits``);
    (Arrow table, overflow flag). Errors name the service by its URL, as the basket stores it."""
    from ..vo import blocking, tap
    from ..vo.votable import QueryError

    try:
        result = blocking.run(tap.sync_query(service_url, query, maxrec=maxrec, limits=limits or Limits()))
    except QueryError as exc:
        raise EscapeError(f"query failed: {exc.message}", service=service_url, status=400) from exc
    except (ResponseTooLarge, ServiceTimeout) as exc:
        raise EscapeError(exc.message, service=service_url, status=exc.status) from exc
    except RemoteError as exc:
        raise EscapeError(f"service unreachable or failing: {exc.message}", service=service_url, status=502) from exc
    return result.table, result.overflow


def _vo_query(item: Item, ctx: BasketContext) -> tuple[pa.Table, dict[str, Any]]:
    """The stored result when there is one (inline or parquet); otherwise re-run the query."""
    p = item.payload
    result = p.get("result") or {}
    cached = stored_files(ctx.state_dir / "basket-data", item.id)[1]
    if ctx.options.get("refresh") is not True:
        if result.get("columns") is not None and result.get("rows") is not None:
            table = inline_to_arrow(result["columns"], result["rows"])
            return table, _query_record(item, table, p.get("ran_at"), None, result.get("overflow", False))
        if cached.exists():
            table = read_file(cached)
            return table, _query_record(item, table, item.extra.get("ran_at"), None, item.extra.get("overflow"))
    started = now_iso()
    table, overflow = run_tap_query(
        p["service_url"], p["query"], maxrec=p.get("maxrec"), limits=outbound_limits(ctx.config)
    )
    write_file(table, cached)
    item.extra.update({"ran_at": started, "overflow": overflow, "result_rows": table.num_rows})
    return table, _query_record(item, table, started, now_iso(), overflow)


def _query_record(
    item: Item, table: pa.Table, started: str | None, ended: str | None, overflow: object
) -> dict[str, Any]:
    p = item.payload
    service = f"escape:service/{hashlib.sha1(p['service_url'].encode()).hexdigest()[:12]}"
    return prov.record(
        entity=_entity_id(item),
        entity_attrs={
            "prov:label": item.title,
            "escape:checksum": checksum_table(table),
            "escape:rows": table.num_rows,
            "escape:truncated": bool(overflow),
            "escape:kind": item.kind,
        },
        activity_type="voprov:tapQuery" if ended else "escape:stored_query_result",
        activity_attrs={
            "escape:service": p["service_url"],
            "escape:query": p["query"],
            "escape:lang": p.get("lang", "ADQL"),
            "escape:maxrec": p.get("maxrec"),
        },
        used=[
            (
                service,
                {
                    "prov:label": "TAP service",
                    "prov:location": p["service_url"],
                    "prov:type": "voprov:ServiceDescription",
                },
            )
        ],
        started=started,
        ended=ended,
    )


def _download(item: Item, ctx: BasketContext) -> tuple[list[Path], dict[str, Any]]:
    """A DataLink product: fetched once into the workspace by the VO pillar's DataLink client (bounded by the
    configured limits, through the outbound policy, never a partial file), then reused."""
    from ..vo import blocking, datalink

    p = item.payload
    url = check_url(p["access_url"], "payload.access_url")  # items stored before the rule held, too
    # Both parts derived: the URL's last segment may be '..', empty or a hidden name, the id came from outside.
    name = safe_file_name(os.path.basename(url.split("?", 1)[0]), "product")
    target = ctx.workspace_dir / "basket" / file_stem(item.id) / name
    started = now_iso()
    if not target.exists():
        blocking.run(datalink.fetch_to(url, target.parent, file_name=name, limits=outbound_limits(ctx.config)))
    record = prov.record(
        entity=_entity_id(item),
        entity_attrs={
            "prov:label": item.title,
            "prov:location": str(target),
            "escape:checksum": checksum_file(target),
            "escape:kind": item.kind,
        },
        activity_type="escape:download",
        activity_attrs={"escape:access_url": url, "escape:semantics": p.get("semantics")},
        used=[(f"escape:product/{item.id}", {"prov:location": url, "escape:publisher_did": p.get("id")})],
        started=started,
    )
    prov.write_sidecar(target, record)
    return [target], record


register("workspace_file", paths=_workspace_file)
register("vo_rows", table=_vo_rows, paths=_vo_rows_paths)
register("vo_query", table=_vo_query)
register("datalink_product", paths=_download)
