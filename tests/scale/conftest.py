"""One real LocalCluster and one real Dask Gateway cluster (stack/dask-gateway) per test session, and small
HATS catalogues built once with the hats-import pipeline."""

from __future__ import annotations

import os

import numpy as np
import pyarrow as pa
import pytest

from tests._stack import stack_value

N = 3000


def pair_of_tables(n: int = N, seed: int = 7):
    """Two catalogues in a 2x2 deg field across RA=0; 80% of the second are 0.3" counterparts of the first."""
    rng = np.random.default_rng(seed)
    ra1, dec1 = rng.uniform(-1, 1, n) % 360.0, rng.uniform(-1, 1, n)
    pick = rng.permutation(n)[: int(n * 0.8)]
    ra2 = np.concatenate([ra1[pick] + rng.normal(0, 0.3 / 3600, len(pick)), rng.uniform(-1, 1, n - len(pick))])
    dec2 = np.concatenate([dec1[pick] + rng.normal(0, 0.3 / 3600, len(pick)), rng.uniform(-1, 1, n - len(pick))])
    a = pa.table({"id": np.arange(n), "ra": ra1, "dec": dec1})
    b = pa.table({"id": np.arange(n) + 10**6, "ra": ra2 % 360.0, "dec": dec2, "mag": rng.normal(19, 1, n)})
    return a, b


@pytest.fixture(scope="session")
def local_cluster():
    from jupyter_escape.scale.cluster import connect

    return connect(n_workers=2, memory_limit=1024**3)


@pytest.fixture(scope="session")
def gateway_cluster():
    from jupyter_escape.scale.cluster import connect

    os.environ.setdefault("ESCAPE_DASK_GATEWAY_PASSWORD_FILE", stack_value("ESCAPE_DASK_GATEWAY_PASSWORD_FILE"))
    cluster = connect(gateway=stack_value("ESCAPE_DASK_GATEWAY_URL"), n_workers=2, user="escape-tests")
    yield cluster
    cluster.close()


@pytest.fixture(scope="session")
def scale_basket(tmp_path_factory, local_cluster):
    """A basket with two inputs written as HATS once per session: the left a basket table (LSDB partitions it in
    memory), the right a parquet file in the workspace (the hats-import pipeline reads it on the workers)."""
    from jupyter_escape.basket.api import Basket
    from jupyter_escape.basket.context import BasketContext
    from jupyter_escape.scale.basket_ops import materialise_hats

    root = tmp_path_factory.mktemp("scale-root")
    basket = Basket(BasketContext.for_server(root / ".state", root))
    a, b = pair_of_tables()
    left = basket.add_table(a, title="left")
    import pyarrow.parquet as pq

    pq.write_table(b, root / "right.parquet")
    right = basket.add("workspace_file", {"path": "right.parquet"}, title="right")
    hats_a, info_a = materialise_hats(
        basket, left.id, "cat_a", local_cluster.client, margin_arcsec=5, cluster_name=local_cluster.name
    )
    hats_b, info_b = materialise_hats(
        basket, right.id, "cat_b", local_cluster.client, margin_arcsec=5, cluster_name=local_cluster.name
    )
    return {
        "basket": basket,
        "a": a,
        "b": b,
        "left": left,
        "right": right,
        "hats_a": hats_a,
        "hats_b": hats_b,
        "info_a": info_a,
        "info_b": info_b,
    }
