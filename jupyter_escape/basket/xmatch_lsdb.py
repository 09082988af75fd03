"""The cross-match on LSDB (HATS partitioning) on a Dask cluster, for in-memory inputs given to
``crossmatch(..., engine="dask")``: same inputs and outputs as the in-memory engine. The tables are partitioned in
memory here; catalogues larger than memory go through HATS on disk (jupyter_escape.scale).
"""

from __future__ import annotations

from typing import Any

import numpy as np


def match_indices_lsdb(
    lon1: np.ndarray,
    lat1: np.ndarray,
    lon2: np.ndarray,
    lat2: np.ndarray,
    radius_arcsec: float,
    find: str,
    cluster: Any = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    import lsdb
    import pandas as pd

    from ..core.errors import BadInput
    from ..scale.cluster import connect
    from ..scale.xmatch_dask import ALL_NEIGHBOURS, SEP_COLUMN, submit

    if find == "mutual":
        raise BadInput("find", "engine='dask' supports find='best' and 'all'")
    ok1, ok2 = np.isfinite(lon1) & np.isfinite(lat1), np.isfinite(lon2) & np.isfinite(lat2)
    df1 = pd.DataFrame({"_i": np.flatnonzero(ok1), "ra": np.asarray(lon1)[ok1] % 360.0, "dec": np.asarray(lat1)[ok1]})
    df2 = pd.DataFrame({"_j": np.flatnonzero(ok2), "ra": np.asarray(lon2)[ok2] % 360.0, "dec": np.asarray(lat2)[ok2]})
    if df1.empty or df2.empty:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)
    # A margin as wide as the radius lets matches cross partition boundaries.
    cat1 = lsdb.from_dataframe(df1, ra_column="ra", dec_column="dec")
    cat2 = lsdb.from_dataframe(df2, ra_column="ra", dec_column="dec", margin_threshold=max(radius_arcsec, 1.0))
    k = 1 if find == "best" else ALL_NEIGHBOURS
    matched = cat1.crossmatch(
        cat2,
        n_neighbors=k,
        radius_arcsec=radius_arcsec,
        suffixes=("_1", "_2"),
        suffix_method="overlapping_columns",
        log_changes=False,
    )
    cluster = cluster or connect()
    matched = submit(matched, cluster.client, cluster_name=cluster.name).result()
    matched = matched.sort_values(["_i", SEP_COLUMN])
    return (
        matched["_i"].to_numpy(np.int64),
        matched["_j"].to_numpy(np.int64),
        matched[SEP_COLUMN].to_numpy(np.float64),
    )
