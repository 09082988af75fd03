"""HATS catalogues and cluster cross-matches in the research basket.

``hats_catalog`` items point at a HATS folder under the server root (written here, staged from the data lake,
or any existing one); the basket lists them, gives their folder, and reads them as a table only when small.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..basket import materialise as mat
from ..basket import provenance as prov
from ..basket.model import now_iso
from ..core.errors import BadInput, EscapeError
from ..core.paths import confine
from .hats import catalog_info, is_hats, write_hats

if TYPE_CHECKING:
    import pyarrow as pa

    from ..basket.api import Basket
    from ..basket.context import BasketContext
    from ..basket.model import Item

SERVICE = "basket"
READ_WHOLE_MAX_ROWS = 5_000_000  # a HATS item becomes one in-memory table only below this


def _hats_paths(item: Item, ctx: BasketContext) -> tuple[list[Path], dict[str, Any]]:
    path = confine(ctx.root_dir, item.payload["path"])
    if not is_hats(path):
        raise EscapeError(
            f"item {item.id}: {item.payload['path']} is not a HATS catalogue any more", service=SERVICE, status=404
        )
    info = catalog_info(path)
    stored = prov.read_sidecar(path)
    record = prov.record(
        entity=f"escape:item/{item.id}",
        entity_attrs={
            "prov:label": item.title,
            "prov:location": item.payload["path"],
            "escape:rows": info["rows"],
            "escape:partitions": info["partitions"],
            "escape:format": "HATS",
            "escape:kind": item.kind,
        },
        activity_type="escape:select_file",
    )
    return [path], prov.merge(stored, record) if stored else record


def _hats_table(item: Item, ctx: BasketContext) -> tuple[pa.Table, dict[str, Any]]:
    (path,), record = _hats_paths(item, ctx)
    return read_whole(path), record


def read_whole(path: Path) -> pa.Table:
    """A small HATS catalogue as one Arrow table (without the HEALPix bookkeeping columns)."""
    import pyarrow.dataset as ds

    info = catalog_info(path)
    if info["rows"] > READ_WHOLE_MAX_ROWS:
        raise EscapeError(
            f"{Path(path).name} holds {info['rows']:,} rows (HATS): too many for one in-memory table; "
            "cross-match it with engine='dask' or open it with lsdb.open_catalog",
            service=SERVICE,
            status=400,
        )
    table = ds.dataset(_main_catalog(Path(path)) / "dataset", format="parquet", partitioning="hive").to_table()
    keep = [c for c in table.column_names if not c.startswith("_healpix_29") and c not in ("Norder", "Dir", "Npix")]
    return table.select(keep)


def _main_catalog(path: Path) -> Path:
    props = path / "collection.properties"
    if props.is_file():
        for line in props.read_text().splitlines():
            if line.startswith("hats_primary_table_url"):
                return path / line.split("=", 1)[1].strip()
    return path


mat.register("hats_catalog", table=_hats_table, paths=_hats_paths)


def add_hats(
    basket: Basket, path: str | os.PathLike[str], *, title: str | None = None, group: str | None = None
) -> Item:
    """An existing HATS folder (under the server root) as a basket item."""
    root = Path(basket.ctx.root_dir)
    full = Path(path) if os.path.isabs(path) else root / path
    rel = os.path.relpath(full.resolve(), root.resolve())
    full = confine(root, rel)
    info = catalog_info(full)
    return basket.add(
        "hats_catalog",
        {"path": rel, "rows": info["rows"], "partitions": info["partitions"]},
        title=title or f"{info['name']} (HATS, {info['rows']:,} rows)",
        group=group,
    )


def materialise_hats(
    basket: Basket,
    ref: object,
    name: str,
    client: Any,
    *,
    ra_column: str | None = None,
    dec_column: str | None = None,
    margin_arcsec: float = 10.0,
    cluster_name: str = "",
    overwrite: bool = False,
    stage: Callable[[str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[Item, dict[str, Any]]:
    """Write a basket item / workspace table / path / table as HATS into ``<workspace>/hats/<name>`` on ``client``,
    with a provenance sidecar, and add it to the basket as a ``hats_catalog`` item. Returns (item, info)."""
    from ..basket.coords import read_coords
    from ..basket.workspace import check_name

    check_name(name)
    started = now_iso()
    source, entity, used_prov = _source(basket, ref)
    if ra_column is None or dec_column is None:
        import pyarrow.parquet as pq

        schema_table = pq.read_schema(source[0]).empty_table() if isinstance(source, list) else source
        c = read_coords(schema_table, "input", ra=ra_column, dec=dec_column)
        ra_column, dec_column = c.lon, c.lat
    dest = Path(basket.ctx.workspace_dir) / "hats" / name
    info = write_hats(
        source,
        dest,
        client,
        ra_column=ra_column,
        dec_column=dec_column,
        margin_arcsec=margin_arcsec,
        overwrite=overwrite,
        stage=stage,
        cancelled=cancelled,
    )
    if stage:
        stage("adding to the basket")
    rel = os.path.relpath(dest, basket.ctx.root_dir)
    step = prov.record(
        entity=f"escape:hats/{name}",
        entity_attrs={
            "prov:label": name,
            "prov:location": rel,
            "escape:rows": info["rows"],
            "escape:partitions": info["partitions"],
            "escape:format": "HATS",
        },
        activity_type="escape:hats_import",
        activity_attrs={
            "escape:ra_column": ra_column,
            "escape:dec_column": dec_column,
            "escape:margin_arcsec": margin_arcsec,
            "escape:cluster": cluster_name,
            "escape:build_s": info["build_s"],
            "escape:method": info["method"],
        },
        used=[(entity, {"prov:label": "input", "escape:input": _given(basket, ref)})],
        started=started,
    )
    record = prov.merge(used_prov, step)
    prov.write_sidecar(dest, record)
    item = basket.add(
        "hats_catalog",
        {"path": rel, "rows": info["rows"], "partitions": info["partitions"]},
        title=f"{name} (HATS, {info['rows']:,} rows)",
    )
    return item, {**info, "path": rel, "provenance": record}


def _given(basket: Basket, ref: object) -> str:
    """An input as the user named it: an item id, a table name, or a path relative to the root."""
    if isinstance(ref, os.PathLike):
        return os.path.relpath(ref, basket.ctx.root_dir)
    return ref if isinstance(ref, str) else type(ref).__name__


def _source(basket: Basket, ref: object) -> tuple[list[Path] | pa.Table, str, dict[str, Any]]:
    """(parquet paths or an Arrow table, entity id, provenance) of what to write as HATS."""
    from ..basket.tableio import file_format

    if isinstance(ref, str):
        try:
            item = basket.store.get(ref)
        except EscapeError:
            item = None
        if item is not None and item.kind in ("datalake_did", "workspace_file", "datalink_product"):
            paths, record = basket.paths(item.id)
            parquet = [p for p in paths if str(p).endswith(".parquet")]
            if parquet and len(parquet) == len(paths):
                return parquet, f"escape:item/{item.id}", record  # read by the workers, never loaded here
            if not any(file_format(p) for p in paths):
                raise BadInput("source", f"item {item.id} has no table files")
    table, entity, record = basket.input_table(ref)
    return table, entity, record
