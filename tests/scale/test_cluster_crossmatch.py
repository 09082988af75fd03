"""Cross-match and sky filters through LSDB on the real LocalCluster, checked pair by pair against the in-memory
KD-tree; a result written out of core; a user function cancelled on the cluster."""

from __future__ import annotations

import json
import time

import numpy as np
import pyarrow.parquet as pq
import pytest

from jupyter_escape.basket.xmatch import crossmatch as in_memory
from jupyter_escape.core.errors import BadInput, EscapeError
from jupyter_escape.scale import submit
from jupyter_escape.scale.crossmatch import crossmatch


def _pairs(table):
    return sorted(
        zip(
            table["id_1"].to_pylist() if "id_1" in table.column_names else table["id"].to_pylist(),
            table["id_2"].to_pylist(),
            strict=True,
        )
    )


def _sky_cut(table, mask_fn):
    ra, dec = table["ra_1"].to_numpy(), table["dec_1"].to_numpy()
    return table.filter(mask_fn(ra, dec))


def test_lsdb_on_cluster_finds_the_same_pairs_as_the_kd_tree(scale_basket, local_cluster):
    s = scale_basket
    reference = in_memory(s["a"], s["b"], 1.0, find="best", engine="memory").table
    result = crossmatch(
        s["basket"], s["hats_a"].id, s["hats_b"].id, 1.0, engine="dask", cluster=local_cluster, table_name="ab_dask"
    )
    assert result.params["engine"] == "dask" and result.n_matches == reference.num_rows > 2000
    assert _pairs(result.table) == _pairs(reference)
    sep = dict(zip(result.table["id_1"].to_pylist(), result.table["separation_arcsec"].to_pylist(), strict=True))
    ref_sep = dict(zip(reference["id_1"].to_pylist(), reference["separation_arcsec"].to_pylist(), strict=True))
    assert max(abs(sep[k] - ref_sep[k]) for k in ref_sep) < 1e-6
    text = json.dumps(result.provenance)
    assert "local (2 workers" in text and "escape:cluster_kind" in text
    assert f"escape:item/{s['hats_a'].id}" in text and f"escape:item/{s['hats_b'].id}" in text
    assert s["basket"].db.read_table("ab_dask").num_rows == result.n_matches


def test_decimal_coordinates_match_on_the_cluster(scale_basket, local_cluster):
    """DuckDB types literals such as 0.01 as DECIMAL: a workspace table made so cross-matches through LSDB too."""
    import pyarrow as pa

    s = scale_basket
    dec_type = pa.decimal128(12, 9)
    a = s["a"].set_column(1, "ra", s["a"]["ra"].cast(dec_type)).set_column(2, "dec", s["a"]["dec"].cast(dec_type))
    result = crossmatch(s["basket"], a, s["b"], 1.0, engine="dask", cluster=local_cluster)
    assert result.n_matches == in_memory(s["a"], s["b"], 1.0, engine="memory").n_matches > 2000


def test_auto_engine_keeps_small_inputs_in_memory_and_says_so(scale_basket):
    s = scale_basket
    result = crossmatch(s["basket"], s["left"].id, s["right"].id, 1.0)
    assert result.params["engine"] == "memory"
    assert result.params["engine_choice"]["requested"] == "auto" and "fits in memory" in result.notes[0]


@pytest.mark.parametrize(
    "spec, mask",
    [
        (
            {"cone": {"ra": 0.0, "dec": 0.0, "radius_arcsec": 1800}},
            lambda ra, dec: (
                np.degrees(np.arccos(np.clip(np.cos(np.radians(dec)) * np.cos(np.radians(ra)), -1, 1))) <= 0.5
            ),
        ),
        (
            {"box": {"ra": [359.5, 0.5], "dec": [-0.5, 0.25]}},
            lambda ra, dec: ((ra >= 359.5) | (ra <= 0.5)) & (dec >= -0.5) & (dec <= 0.25),
        ),
        ({"moc": "MOC"}, None),  # a MOC around the field's centre, in ASCII form (made in the test)
    ],
)
def test_sky_filters_through_lsdb(scale_basket, local_cluster, spec, mask):
    s = scale_basket
    import astropy.units as u
    from mocpy import MOC

    moc = MOC.from_cone(lon=0 * u.deg, lat=0 * u.deg, radius=0.4 * u.deg, max_depth=9)
    if "moc" in spec:
        spec = {"moc": moc.to_string(format="ascii")}
    reference = in_memory(s["a"], s["b"], 1.0, engine="memory").table
    result = crossmatch(s["basket"], s["hats_a"].id, s["hats_b"].id, 1.0, cluster=local_cluster, filter=spec)
    assert result.params["engine"] == "dask" and "sky filter" in result.params["engine_choice"]["reason"]
    if mask is None:  # MOC: the same cells tested with mocpy on the in-memory result

        def mask(ra, dec):
            return moc.contains_lonlat(ra * u.deg, dec * u.deg)

    expected = _sky_cut(reference, mask)
    assert 0 < result.n_matches < reference.num_rows
    assert _pairs(result.table) == _pairs(expected)


def test_result_written_out_of_core_to_parquet_with_provenance(scale_basket, local_cluster):
    s = scale_basket
    job = crossmatch(
        s["basket"],
        s["hats_a"].id,
        s["hats_b"].id,
        1.0,
        engine="dask",
        cluster=local_cluster,
        out="xmatch/ab_parts",
        wait=False,
    )
    result = job.result()
    progress = job.progress()
    assert progress["done"] == progress["total"] >= 1 and progress["dashboard_link"].startswith("http://127.0.0.1")
    folder = s["basket"].ctx.root_dir / result.saved["path"]
    table = pq.read_table(folder)
    assert table.num_rows == result.n_matches > 2000 and "separation_arcsec" in table.column_names
    assert folder.with_name(folder.name + ".prov.json").exists() or any(folder.parent.glob("*.prov.json"))
    with pytest.raises(BadInput, match="exists already"):
        crossmatch(
            s["basket"],
            s["hats_a"].id,
            s["hats_b"].id,
            1.0,
            engine="dask",
            cluster=local_cluster,
            out="xmatch/ab_parts",
        )


def test_radius_wider_than_the_margin_is_refused(scale_basket, local_cluster):
    s = scale_basket
    with pytest.raises(BadInput, match="wider than the right catalogue's margin"):
        crossmatch(s["basket"], s["hats_a"].id, s["hats_b"].id, 30.0, engine="dask", cluster=local_cluster)


def test_a_user_function_runs_on_the_cluster_and_cancels(local_cluster):
    assert submit(sum, [1, 2, 3], cluster=local_cluster).result(timeout=60) == 6
    job = submit(time.sleep, 60, cluster=local_cluster)
    time.sleep(0.5)
    job.cancel()
    with pytest.raises(EscapeError, match="cancelled"):
        job.result(timeout=30)
    assert job.progress()["cancelled"] is True
