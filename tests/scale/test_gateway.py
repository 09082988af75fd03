"""The same cross-match on a cluster from the real Dask Gateway of the local stack (stack/dask-gateway)."""

from __future__ import annotations

import json

import pytest

from jupyter_escape.core.errors import EscapeError
from jupyter_escape.scale.cluster import connect
from jupyter_escape.scale.crossmatch import crossmatch
from tests._stack import stack_value


def test_gateway_cluster_runs_the_same_call(scale_basket, gateway_cluster, local_cluster):
    s = scale_basket
    local = crossmatch(s["basket"], s["hats_a"].id, s["hats_b"].id, 1.0, engine="dask", cluster=local_cluster)
    remote = crossmatch(
        s["basket"],
        s["hats_a"].id,
        s["hats_b"].id,
        1.0,
        engine="dask",
        cluster=gateway_cluster,
        table_name="ab_gateway",
    )
    assert remote.n_matches == local.n_matches
    desc = gateway_cluster.describe()
    assert desc["kind"] == "gateway" and desc["workers"] == 2
    assert "/clusters/" in desc["dashboard_link"]
    text = json.dumps(remote.provenance)
    assert gateway_cluster.name in text and '"gateway"' in text


def test_gateway_refuses_a_wrong_password():
    with pytest.raises(EscapeError, match="Dask Gateway"):
        connect(gateway=stack_value("ESCAPE_DASK_GATEWAY_URL"), password="not-the-password", user="mallory")
