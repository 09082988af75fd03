"""The basket's cross-match with the engine chosen for the inputs: the in-memory engine when they fit, LSDB on a
Dask cluster (local, remote or from the gateway) when they do not or are HATS on disk. The result comes back into
the basket (workspace table, or a Parquet folder when it is too large to gather) with provenance naming the
engine, why it was chosen, the cluster and the inputs.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import pyarrow as pa

from ..basket import provenance as prov
from ..basket.model import now_iso
from ..basket.xmatch import MatchResult, crossmatch_in_basket
from ..core.errors import BadInput, EscapeError
from ..core.paths import confine
from . import engine as engines
from . import filters as sky_filters
from .hats import catalog_info, is_hats

if TYPE_CHECKING:
    from ..basket.api import Basket
    from .cluster import Cluster
    from .xmatch_dask import DaskJob

SERVICE = "crossmatch"


@dataclass
class Input:
    entity: str
    provenance: dict[str, Any]
    rows: int
    hats_path: Path | None = None
    table: pa.Table | None = None
    location: str | None = None


def resolve(basket: Basket, ref: Any) -> Input:
    """A cross-match input in the basket's terms: a hats_catalog item or HATS folder stays on disk; anything
    else (item, workspace table, file, table object) is read as a table. An Input is taken as it is."""
    if isinstance(ref, Input):
        return ref
    hats_path, item = None, None
    if isinstance(ref, str):
        try:
            item = basket.store.get(ref)
        except EscapeError:
            item = None
        if item is not None and item.kind == "hats_catalog":
            paths, record = basket.paths(item.id)
            info = catalog_info(paths[0])
            return Input(f"escape:item/{item.id}", record, info["rows"], paths[0], location=item.payload["path"])
    if item is None and isinstance(ref, (str, os.PathLike)):
        root = Path(basket.ctx.root_dir)
        candidate = Path(ref) if os.path.isabs(ref) else root / ref
        if is_hats(candidate):
            hats_path = confine(root, os.path.relpath(candidate.resolve(), root.resolve()))
    if hats_path is not None:
        info = catalog_info(hats_path)
        return Input(
            f"escape:hats/{hats_path.name}",
            prov.read_sidecar(hats_path) or {},
            info["rows"],
            hats_path,
            location=os.path.relpath(hats_path, basket.ctx.root_dir),
        )
    table, entity, record = basket.input_table(Path(ref) if isinstance(ref, os.PathLike) else ref)
    return Input(entity, record, table.num_rows, table=table)


class ClusterMatch:
    """A cross-match running on a Dask cluster: ``progress()``, ``cancel()``, ``result()`` (a MatchResult, saved
    into the basket as asked)."""

    def __init__(
        self,
        basket: Basket,
        job: DaskJob,
        left: Input,
        right: Input,
        params: dict[str, Any],
        cluster: Cluster,
        *,
        table_name: str | None,
        out_dir: Path | None,
        started: str,
    ) -> None:
        self.basket, self.job, self.left, self.right = basket, job, left, right
        self.params, self.cluster, self.table_name, self.out_dir = params, cluster, table_name, out_dir
        self.started = started

    def progress(self) -> dict[str, Any]:
        return self.job.progress()

    def cancel(self) -> None:
        self.job.cancel()

    def result(self, timeout: float | None = None) -> MatchResult:
        t0 = time.perf_counter()
        got = self.job.result(timeout)
        elapsed = round(time.perf_counter() - self.job.started, 3)
        if isinstance(got, dict):  # written out of core
            table, n = pa.table({}), got["rows"]
        else:
            from ..basket.tableio import to_arrow

            table = to_arrow(got)
            n = table.num_rows
        desc = self.cluster.describe()
        attrs = {f"escape:{k}": v for k, v in self.params.items() if k != "engine_choice"}
        attrs.update(
            {
                "escape:engine_reason": self.params["engine_choice"]["reason"],
                "escape:cluster": desc["name"],
                "escape:cluster_kind": desc["kind"],
                "escape:cluster_workers": desc["workers"],
                "escape:dashboard": desc["dashboard_link"],
            }
        )
        out_id = f"escape:table/{self.table_name}" if self.table_name else f"escape:xmatch/{int(time.time())}"
        step = prov.record(
            entity=out_id,
            entity_attrs={"prov:label": self.table_name or "cross-match", "escape:rows": n},
            activity_type="escape:crossmatch",
            activity_attrs=attrs,
            used=[
                (inp.entity, {"prov:label": f"{side} input", "escape:rows": inp.rows, "prov:location": inp.location})
                for side, inp in (("left", self.left), ("right", self.right))
            ],
            started=self.started,
        )
        record = prov.merge(self.left.provenance, self.right.provenance, step)
        result = MatchResult(
            table,
            self.left.rows,
            self.right.rows,
            n,
            self.params,
            {"match_s": elapsed, "gather_s": round(time.perf_counter() - t0, 3)},
            [self.params["engine_choice"]["reason"]],
            record,
        )
        if self.out_dir is not None:
            prov.write_sidecar(self.out_dir, record)
            result.saved = {
                "path": os.path.relpath(self.out_dir, self.basket.ctx.root_dir),
                "rows": n,
                "files": got["files"],
            }
        elif self.table_name:
            result.saved = self.basket.save_derived(
                table, self.table_name, record, title=f"cross-match {self.table_name}"
            )
        return result


@overload
def crossmatch(
    basket: Basket, left: Any, right: Any, radius_arcsec: float = ..., *, wait: Literal[True] = ..., **kwargs: Any
) -> MatchResult: ...


@overload
def crossmatch(
    basket: Basket, left: Any, right: Any, radius_arcsec: float = ..., *, wait: Literal[False], **kwargs: Any
) -> MatchResult | ClusterMatch: ...  # the in-memory engine answers at once


def crossmatch(
    basket: Basket,
    left: Any,
    right: Any,
    radius_arcsec: float = 1.0,
    *,
    find: str = "best",
    engine: str = "auto",
    cluster: Cluster | None = None,
    filter: dict[str, Any] | None = None,
    table_name: str | None = None,
    out: str | None = None,
    wait: bool = True,
    **kwargs: Any,
) -> MatchResult | ClusterMatch:
    """Cross-match two basket inputs with the engine that suits them. ``engine``: "auto" (default), "memory"
    ("scipy", its former name, still accepted) or "dask" (LSDB on ``cluster``, default
    :func:`jupyter_escape.scale.cluster.connect`).
    ``filter``: cone/box/MOC (dask engine). ``out``: a Parquet folder under the workspace for results too large to
    gather. ``wait=False`` returns a :class:`ClusterMatch` to follow (dask engine only)."""
    started = now_iso()
    filter = sky_filters.check(filter)
    lin, rin = resolve(basket, left), resolve(basket, right)
    nbytes = sum(i.table.nbytes for i in (lin, rin) if i.table is not None)
    on_disk = lin.hats_path is not None or rin.hats_path is not None
    requested = engine
    if filter is not None and engine == "auto":
        requested = "dask"
    choice = engines.choose(lin.rows, rin.rows, table_bytes=nbytes, on_disk_hats=on_disk, requested=requested)
    if filter is not None and engine == "auto":
        choice.reason = "a sky filter was given: LSDB applies it (partitions outside it are never read)"
    if choice.engine == "memory":
        if filter is not None:
            raise BadInput("filter", "sky filters run on the dask engine: leave engine='auto' or set engine='dask'")
        lt = lin.table if lin.table is not None else basket_table(lin)
        rt = rin.table if rin.table is not None else basket_table(rin)
        result = crossmatch_in_basket(
            basket, lt, rt, radius_arcsec, find=find, table_name=table_name, engine="memory", **kwargs
        )
        result.params["engine_choice"] = choice.to_json()
        result.notes.insert(0, choice.reason)
        if choice.deprecation:
            result.notes.append(choice.deprecation)
        return result
    from .cluster import connect
    from .xmatch_dask import lsdb_match, submit

    if kwargs:
        raise BadInput(
            next(iter(kwargs)),
            "not supported by the dask engine (columns are taken from the HATS catalogues' own ra/dec)",
        )
    cluster = cluster or connect()
    catalog = lsdb_match(
        lin.hats_path or lin.table, rin.hats_path or rin.table, radius_arcsec, find=find, search_filter=filter
    )
    out_dir = None
    if out is not None:
        out_dir = confine(
            basket.ctx.root_dir, os.path.relpath(Path(basket.ctx.workspace_dir) / out, basket.ctx.root_dir)
        )
        if out_dir.exists():
            raise BadInput("out", f"{out} exists already in the workspace")
    desc = cluster.describe()
    job = submit(
        catalog, cluster.client, out_dir=out_dir, cluster_name=desc["name"], dashboard_link=desc["dashboard_link"]
    )
    params = {
        "radius_arcsec": float(radius_arcsec),
        "find": find,
        "engine": "dask",
        "filter": sky_filters.describe(filter),
        "engine_choice": choice.to_json(),
    }
    match = ClusterMatch(
        basket, job, lin, rin, params, cluster, table_name=table_name, out_dir=out_dir, started=started
    )
    return match.result() if wait else match


def basket_table(inp: Input) -> pa.Table:
    """A HATS input read whole (the in-memory engine chose it, so it is small)."""
    from .basket_ops import read_whole

    assert inp.hats_path is not None, "an Input without a table is a HATS catalogue on disk"
    return read_whole(inp.hats_path)
