"""Beyond one machine: HATS catalogues on disk and cross-matches with LSDB on a Dask cluster (local, remote or
from a Dask Gateway), from a notebook with the same calls the ESCAPE panel makes.

    from jupyter_escape import scale
    c = scale.cluster()                                 # local cluster sized to this machine (or address=/gateway=)
    item, info = scale.to_hats("gaia_sample", "gaia")   # basket item / workspace table / parquet -> HATS item
    r = scale.crossmatch(item.id, "escape-data/hats/twomass", 1.0, filter={"cone": {...}}, table_name="gx")
    job = scale.crossmatch(a, b, 1.0, out="xmatch/big", wait=False); job.progress(); job.cancel()
    job = scale.submit(my_function, arg, cluster=c); job.result()
    job = scale.run_on_cluster(["gaia_sample"], module="tools/colours.py", function="brighter", table_name="bright")

Engines and when each runs: docs/scale.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .cluster import Cluster, connect
from .engine import choose as choose_engine  # noqa: F401
from .hats import catalog_info, is_hats, open_catalog, write_hats  # noqa: F401

if TYPE_CHECKING:
    from ..basket.api import Basket
    from ..basket.xmatch import MatchResult
    from .crossmatch import ClusterMatch
    from .run import FunctionRun
    from .xmatch_dask import DaskJob


def cluster(address: str | None = None, **kwargs: Any) -> Cluster:
    """Start or attach to a Dask cluster (see jupyter_escape.scale.cluster.connect)."""
    return connect(address, **kwargs)


def _basket() -> Basket:
    from ..basket import basket

    current: Basket = basket()
    return current


def to_hats(ref: Any, name: str, *, cluster: Cluster | None = None, **kwargs: Any) -> tuple[Any, dict[str, Any]]:
    """Write a basket item, workspace table, parquet path or table object as HATS in the workspace and add it to
    the basket. Returns (item, info with rows, partitions, build time and provenance)."""
    from .basket_ops import materialise_hats

    cluster = cluster or connect()
    written: tuple[Any, dict[str, Any]] = materialise_hats(
        _basket(), ref, name, cluster.client, cluster_name=cluster.name, **kwargs
    )
    return written


def add_hats(path: Any, **kwargs: Any) -> Any:
    """An existing HATS folder under the server root as a basket item."""
    from .basket_ops import add_hats as _add

    return _add(_basket(), path, **kwargs)


def crossmatch(left: Any, right: Any, radius_arcsec: float = 1.0, **kwargs: Any) -> MatchResult | ClusterMatch:
    """Cross-match two basket inputs with the engine that suits them (see jupyter_escape.scale.crossmatch)."""
    from .crossmatch import crossmatch as _crossmatch

    found: MatchResult | ClusterMatch = _crossmatch(_basket(), left, right, radius_arcsec, **kwargs)
    return found


def submit(fn: Callable[..., Any], *args: Any, cluster: Cluster | None = None, **kwargs: Any) -> DaskJob:
    """Run ``fn(*args, **kwargs)`` on a cluster; a DaskJob (progress, cancel, result)."""
    from .xmatch_dask import DaskJob

    cluster = cluster or connect()
    future = cluster.client.submit(fn, *args, pure=False, **kwargs)
    desc = cluster.describe()
    return DaskJob(
        cluster.client,
        [future],
        lambda results: results[0],
        cluster_name=desc["name"],
        dashboard_link=desc["dashboard_link"],
    )


def run_on_cluster(
    inputs: list[Any],
    *,
    module: str | None = None,
    code: str | None = None,
    function: str | None = None,
    table_name: str = "cluster_result",
    partitions: int | None = None,
    cluster: Cluster | None = None,
    wait: bool = True,
) -> dict[str, Any] | FunctionRun:
    """Run a function from a workspace ``.py`` ``module`` (path under the server root) or from ``code`` (a cell's
    source) over basket tables on a cluster, as the panel does: the first input split into partitions, the others
    whole; the result saved as workspace table ``table_name`` with provenance. ``wait=False``: the FunctionRun
    (``progress()``, ``cancel()``, ``result()``)."""
    from pathlib import Path

    from ..core.errors import BadInput
    from ..core.paths import confine
    from . import run

    basket = _basket()
    if bool(module) == bool(code):
        raise BadInput("module", "give either module (a .py file in the workspace) or code")
    origin = "pasted cell"
    if module:
        source, origin = confine(basket.ctx.root_dir, module).read_text(encoding="utf-8"), module
    else:
        source = code or ""
    root = basket.ctx.root_dir  # a relative Path is read from the server root, as the panel reads it
    refs = [confine(root, str(r)) if isinstance(r, Path) and not r.is_absolute() else r for r in inputs]
    args = run.prepare(
        basket, refs, source=source, origin=origin, function=function, table_name=table_name, parts=partitions
    )
    job = run.FunctionRun(basket, cluster or connect(), **args)
    return job.result() if wait else job
