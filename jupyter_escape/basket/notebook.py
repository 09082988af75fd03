"""The basket inside a notebook: ``metadata.escape.basket`` of an .ipynb, so a notebook carries the data it used.

Items whose rows live in a parquet file of this user's state folder are embedded as inline rows when small,
otherwise kept as a reference with their origin (the query that made them) so another user can re-run it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..core.errors import BadInput, EscapeError
from ..core.names import check_id
from .model import PORTABLE_EXTRA, Item, now_iso
from .store import BasketStore

if TYPE_CHECKING:
    from .api import Basket


FORMAT_VERSION = 1
EMBED_MAX_ROWS = 5000


def _read_notebook(path: Path) -> dict[str, Any]:
    if path.suffix != ".ipynb":
        raise BadInput("path", f"{path.name} is not a notebook (.ipynb)")
    if not path.exists():
        raise EscapeError(f"notebook {path.name} does not exist", service="basket", status=404)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise BadInput("path", f"{path.name} is not valid notebook JSON: {exc}") from exc
    if not isinstance(nb, dict) or "cells" not in nb:
        raise BadInput("path", f"{path.name} has no cells: not a notebook")
    return nb


def _portable(item: Item, store: BasketStore) -> dict[str, Any]:
    data = item.to_json()
    payload = dict(data["payload"])
    stored = payload.get("parquet")
    if item.kind == "vo_rows" and stored and "rows" not in payload:
        parquet = store.data_dir / Path(stored).name
        if parquet.exists():
            import pyarrow.parquet as pq

            from .tableio import arrow_to_inline

            meta = pq.read_metadata(parquet)
            if meta.num_rows <= EMBED_MAX_ROWS:
                payload["columns"], payload["rows"] = arrow_to_inline(pq.read_table(parquet))
                payload.pop("parquet")
    data["payload"] = payload
    data["extra"] = {k: v for k, v in data.get("extra", {}).items() if k in PORTABLE_EXTRA}
    return data


def export_block(store: BasketStore, item_ids: list[str] | None = None) -> dict[str, Any]:
    """The ``metadata.escape.basket`` block for the basket (or the chosen items)."""
    items = store.items() if item_ids is None else [store.get(i) for i in item_ids]
    used_groups = {i.group for i in items if i.group}
    return {
        "format": FORMAT_VERSION,
        "saved": now_iso(),
        "groups": [g["name"] for g in store.groups() if item_ids is None or g["name"] in used_groups],
        "items": [_portable(i, store) for i in items],
    }


def save_to_notebook(
    store: BasketStore, notebook_path: str | os.PathLike[str], item_ids: list[str] | None = None
) -> dict[str, Any]:
    """Write the basket (or the chosen items) into the notebook's metadata; returns what was written."""
    path = Path(notebook_path)
    nb = _read_notebook(path)
    block = export_block(store, item_ids)
    nb.setdefault("metadata", {}).setdefault("escape", {})["basket"] = block
    tmp = path.with_name(f".{path.name}.escape-tmp")
    tmp.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)  # atomic: a crash never leaves a half-written notebook
    return {"path": str(path), "items": len(block["items"]), "groups": len(block["groups"])}


def read_from_notebook(notebook_path: str | os.PathLike[str]) -> dict[str, Any]:
    nb = _read_notebook(Path(notebook_path))
    block = nb.get("metadata", {}).get("escape", {}).get("basket")
    if block is None:
        return {"format": FORMAT_VERSION, "groups": [], "items": []}
    if not isinstance(block, dict) or not isinstance(block.get("items"), list):
        raise BadInput("metadata.escape.basket", "malformed: expected {items: [...]}")
    return block


def load_from_notebook(
    basket: Basket | BasketStore, notebook_path: str | os.PathLike[str], mode: str = "merge"
) -> dict[str, Any]:
    """Put the notebook's items into the basket. ``merge`` keeps existing items (same id: skipped),
    ``replace`` empties the basket first. Malformed items are reported, the others still load.

    A notebook is someone else's data: each item goes through ``basket.add``, the very checks an item added from a
    panel passes (kind, payload shapes, URL policy, workspace paths confined to the root), plus the shape of the
    fields only a notebook sets (id, created, the portable part of ``extra``). ``basket`` is a ``Basket`` (the
    server and kernels) or a bare ``BasketStore`` (which has no server root, so no workspace paths to check)."""
    if mode not in ("merge", "replace"):
        raise BadInput("mode", "expected 'merge' or 'replace'")
    store = cast(BasketStore, getattr(basket, "store", basket))
    block = read_from_notebook(notebook_path)
    groups = block.get("groups", [])
    if not isinstance(groups, list):
        raise BadInput("metadata.escape.basket.groups", "expected a list of names")
    if mode == "replace":
        store.clear()
    existing = {i.id for i in store.items()}
    added, skipped, problems = 0, 0, []
    for name in groups:
        if isinstance(name, str) and name.strip() and len(name) <= 200:
            store.add_group(name)
    for raw in block["items"]:
        label = repr(raw.get("id") if isinstance(raw, dict) else raw)[:80]
        try:
            if not isinstance(raw, dict):
                raise BadInput("item", "expected a JSON object")
            item = Item.from_json(raw)
            check_id(item.id, "id")  # before it is compared, stored or named in a file
        except (TypeError, EscapeError) as exc:
            problems.append(f"item {label}: {exc}")
            continue
        if item.id in existing:
            skipped += 1
            continue
        extra = item.extra  # its shape is checked by add
        if isinstance(extra, dict):
            extra = {k: v for k, v in extra.items() if k in PORTABLE_EXTRA}
        try:
            basket.add(
                item.kind,
                item.payload,
                title=item.title,
                source=item.source,
                group=item.group,
                notes=item.notes,
                item_id=item.id,
                created=item.created,
                extra=extra,
            )
            added += 1
        except EscapeError as exc:
            problems.append(f"item {label}: {exc}")
    return {"added": added, "skipped": skipped, "problems": problems}
