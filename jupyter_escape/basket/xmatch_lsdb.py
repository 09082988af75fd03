"""The cross-match on LSDB (HATS partitioning + dask), for catalogues larger than one machine's memory.

Optional: needs ``pip install jupyter-escape[scale]``. Same inputs and outputs as the scipy engine.
"""

from __future__ import annotations

import numpy as np

from ..core.errors import EscapeError


def match_indices_lsdb(lon1, lat1, lon2, lat2, radius_arcsec: float, find: str):
    try:
        import lsdb
        import pandas as pd
    except ImportError as exc:
        raise EscapeError(f"engine='dask' needs LSDB: pip install 'jupyter-escape[scale]' ({exc})",
                          service="crossmatch", status=400)
    if find == "mutual":
        raise EscapeError("engine='dask' supports find='best' and 'all'", service="crossmatch", status=400)
    ok1, ok2 = np.isfinite(lon1) & np.isfinite(lat1), np.isfinite(lon2) & np.isfinite(lat2)
    df1 = pd.DataFrame({"_i": np.flatnonzero(ok1), "ra": np.asarray(lon1)[ok1] % 360.0, "dec": np.asarray(lat1)[ok1]})
    df2 = pd.DataFrame({"_j": np.flatnonzero(ok2), "ra": np.asarray(lon2)[ok2] % 360.0, "dec": np.asarray(lat2)[ok2]})
    if df1.empty or df2.empty:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0)
    # A margin as wide as the radius lets matches cross partition boundaries.
    cat1 = lsdb.from_dataframe(df1, ra_column="ra", dec_column="dec")
    cat2 = lsdb.from_dataframe(df2, ra_column="ra", dec_column="dec", margin_threshold=max(radius_arcsec, 1.0))
    n = 1 if find == "best" else 1000
    matched = cat1.crossmatch(cat2, n_neighbors=n, radius_arcsec=radius_arcsec, suffixes=("_l", "_r"),
                              suffix_method="all_columns", log_changes=False).compute()
    dist_col = next(c for c in matched.columns if c.startswith("_dist_arcsec"))
    matched = matched.sort_values(["_i_l", dist_col])
    return (matched["_i_l"].to_numpy(np.int64), matched["_j_r"].to_numpy(np.int64),
            matched[dist_col].to_numpy(np.float64))
