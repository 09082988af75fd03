"""Cross-match through LSDB on a Dask cluster: HATS catalogues (or in-memory tables, partitioned on the fly),
optional cone/box/MOC filter, best or all neighbours within the radius.

The work is submitted as one task per output partition, so the caller can follow progress (partitions done /
total), cancel, and either gather the (small) result or have each worker write its partitions to a Parquet
folder (out of core: no process ever holds the whole result). Columns are named as the in-memory engine names
them (suffixes only on clashing names; ``separation_arcsec``).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import BadInput, EscapeError
from . import filters as sky_filters
from .hats import is_hats, open_catalog

if TYPE_CHECKING:
    import pandas as pd

# LSDB catalogues, distributed's Client and its futures are typed Any here: as in scale.filters, the catalogue
# methods used are untyped or return Any, and distributed's Client methods are unannotated.

SERVICE = "crossmatch"
SEP_COLUMN = "separation_arcsec"
# The margin of a table partitioned on the fly: never thinner than this. LSDB finds margin pixels at the order
# whose pixels are about the margin wide, so a 1" margin costs ~9.5 s of CPU even for 2,000 rows, 30" well under
# a second (measured); the wider strip adds only a few percent of rows to degree-sized partitions.
MIN_TABLE_MARGIN_ARCSEC = 30.0
ALL_NEIGHBOURS = 32  # find="all" keeps up to this many right rows per left row (LSDB queries k neighbours)


def as_catalog(source: Any, *, margin_arcsec: float, search_filter: Any = None) -> Any:
    """An LSDB catalogue from a HATS path, an LSDB catalogue, or a table (partitioned in memory, with a margin)."""
    import lsdb

    if isinstance(source, lsdb.Catalog):
        return sky_filters.apply(source, search_filter)
    if isinstance(source, (str, os.PathLike)) and is_hats(source):
        return sky_filters.apply(open_catalog(source), search_filter)
    from ..basket.coords import read_coords
    from ..basket.tableio import to_arrow

    table = decimals_as_floats(to_arrow(source))
    df = table.to_pandas(types_mapper=None)
    c = read_coords(table, "input")
    cat = lsdb.from_dataframe(
        df, ra_column=c.lon, dec_column=c.lat, margin_threshold=max(margin_arcsec, MIN_TABLE_MARGIN_ARCSEC)
    )
    return sky_filters.apply(cat, search_filter)


def decimals_as_floats(table: Any) -> Any:
    """DECIMAL columns (DuckDB types literals such as ``0.01`` so) as float64: pandas would hold them as Python
    Decimal objects, which LSDB's trigonometry refuses. A pyarrow Table in and out (pyarrow ships no types)."""
    import pyarrow as pa

    for i, f in enumerate(table.schema):
        if pa.types.is_decimal(f.type):
            table = table.set_column(i, f.name, table.column(i).cast(pa.float64()))
    return table


def lsdb_match(left: Any, right: Any, radius_arcsec: float, *, find: str = "best", search_filter: Any = None) -> Any:
    """The lazy LSDB cross-match catalogue (nothing computed yet)."""
    if find not in ("best", "all"):
        raise BadInput("find", "the dask engine supports find='best' and 'all' (use engine='memory' for 'mutual')")
    left_cat = as_catalog(left, margin_arcsec=radius_arcsec, search_filter=search_filter)
    right_cat = as_catalog(right, margin_arcsec=radius_arcsec, search_filter=search_filter)
    margin = getattr(right_cat, "margin", None)
    if margin is None:
        raise BadInput(
            "right",
            "the right catalogue has no margin: matches across partition edges would be lost "
            "(write it with jupyter_escape.scale.write_hats, which adds one)",
        )
    if margin.hc_structure.catalog_info.margin_threshold < radius_arcsec:
        raise BadInput(
            "radius_arcsec",
            f"{radius_arcsec:g} arcsec is wider than the right catalogue's margin "
            f"({margin.hc_structure.catalog_info.margin_threshold:g} arcsec)",
        )
    k = 1 if find == "best" else ALL_NEIGHBOURS
    return left_cat.crossmatch(
        right_cat,
        n_neighbors=k,
        radius_arcsec=radius_arcsec,
        suffixes=("_1", "_2"),
        suffix_method="overlapping_columns",
        log_changes=False,
    )


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame(df)  # LSDB partitions are NestedFrames; callers get plain pandas
    df = df.rename(columns={c: SEP_COLUMN for c in df.columns if c.startswith("_dist_arcsec")})
    drop = [c for c in df.columns if c.startswith("_healpix_29")]
    tidy: pd.DataFrame = df.drop(columns=drop).reset_index(drop=True)
    return tidy


def _write_partition(df: pd.DataFrame, out_dir: str, partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    """Runs on a worker: one output partition to ``part-NNNNN.parquet`` (renamed into place when complete)."""
    import pandas as pd

    number = partition_info["number"] if partition_info else 0
    df = _tidy(df)
    target = Path(out_dir) / f"part-{number:05d}.parquet"
    tmp = target.with_suffix(".parquet.part")
    if len(df):
        df.to_parquet(tmp, index=False)
        os.replace(tmp, target)
    summary: pd.DataFrame = pd.DataFrame({"rows": [len(df)]})
    return summary


class DaskJob:
    """Partition tasks running on a cluster: progress, cancel, and the result once done."""

    def __init__(
        self,
        client: Any,
        futures: list[Any],
        finish: Callable[[list[Any]], Any],
        *,
        cluster_name: str = "",
        dashboard_link: str | None = None,
    ) -> None:
        self.client, self.futures, self._finish = client, futures, finish
        self.cluster_name, self.dashboard_link = cluster_name, dashboard_link
        self.started = time.perf_counter()
        self.cancelled = False
        self.failure: BaseException | None = None  # the first worker exception, as raised

    def progress(self) -> dict[str, Any]:
        status = [f.status for f in self.futures]
        return {
            "done": status.count("finished"),
            "total": len(status),
            "errors": status.count("error"),
            "cancelled": self.cancelled,
            "elapsed_s": round(time.perf_counter() - self.started, 2),
            "dashboard_link": self.dashboard_link,
            "cluster": self.cluster_name,
        }

    def done(self) -> bool:
        return all(f.done() for f in self.futures)

    def cancel(self) -> None:
        self.cancelled = True
        self.client.cancel(self.futures, force=True)

    def result(self, timeout: float | None = None) -> Any:
        """The finished result (a pandas frame, or the written folder's summary); raises if cancelled or failed."""
        from distributed import wait
        from distributed.client import FuturesCancelledError

        try:
            with self.client.as_current():  # wait() looks up the current client
                wait(self.futures, timeout=timeout)  # type: ignore[no-untyped-call]  # distributed's wait is unannotated
        except FuturesCancelledError:
            self.cancelled = True
        if self.cancelled or any(f.status == "cancelled" for f in self.futures):
            raise EscapeError("cancelled", service=SERVICE, status=409)
        failed = [f for f in self.futures if f.status == "error"]
        if failed:
            exc = self.failure = failed[0].exception()
            raise EscapeError(
                f"a partition failed on the cluster {self.cluster_name}: {type(exc).__name__}: {exc}",
                service=SERVICE,
                status=500,
            )
        return self._finish(self.client.gather(self.futures))


def submit(
    catalog: Any,
    client: Any,
    *,
    out_dir: str | os.PathLike[str] | None = None,
    cluster_name: str = "",
    dashboard_link: str | None = None,
) -> DaskJob:
    """Start computing ``catalog`` on ``client``: gathered as a pandas frame, or written to ``out_dir``."""
    import pandas as pd
    from distributed import futures_of

    ddf = catalog.to_dask_dataframe()
    if out_dir is not None:
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        ddf = ddf.map_partitions(_write_partition, str(out_dir), meta=pd.DataFrame({"rows": pd.Series(dtype="int64")}))

        def finish(parts: list[Any]) -> Any:
            return {
                "path": str(out_dir),
                "rows": int(sum(int(p["rows"].sum()) for p in parts)),
                "files": len(list(out_dir.glob("part-*.parquet"))),
            }
    else:
        ddf = ddf.map_partitions(_tidy)

        def finish(parts: list[Any]) -> Any:
            frames = [p for p in parts if len(p)]
            return pd.concat(frames, ignore_index=True) if frames else ddf._meta

    persisted = client.persist(ddf)
    futures = futures_of(persisted)  # type: ignore[no-untyped-call]  # distributed's futures_of is unannotated
    return DaskJob(client, futures, finish, cluster_name=cluster_name, dashboard_link=dashboard_link)
