"""HATS on disk through the hats-import pipeline, and the engine choice. Real LocalCluster (conftest)."""

from __future__ import annotations

import json

import pytest

from jupyter_escape.core.errors import BadInput
from jupyter_escape.scale import engine as engines
from jupyter_escape.scale.basket_ops import add_hats, read_whole
from jupyter_escape.scale.hats import catalog_info, is_hats

from .conftest import N


def test_basket_table_written_as_hats_with_provenance(scale_basket):
    basket, item, info = scale_basket["basket"], scale_basket["hats_a"], scale_basket["info_a"]
    path = basket.ctx.root_dir / info["path"]
    assert is_hats(path) and item.kind == "hats_catalog"
    assert info["rows"] == N and info["partitions"] >= 1 and info["margin"]
    sidecar = (
        json.loads(path.with_name(path.name + ".prov.json").read_text())
        if path.with_name(path.name + ".prov.json").exists()
        else basket.paths(item.id)[1]
    )
    text = json.dumps(sidecar)
    assert "escape:hats_import" in text and f"escape:item/{scale_basket['left'].id}" in text
    assert "local (2 workers" in text  # the cluster that built it
    assert info["method"].startswith("lsdb") and scale_basket["info_b"]["method"] == "hats-import pipeline"
    table = read_whole(path)
    assert sorted(table["id"].to_pylist()) == list(range(N))


def test_hats_item_reads_as_a_table_and_existing_folders_open_as_items(scale_basket):
    basket, info = scale_basket["basket"], scale_basket["info_b"]
    item = scale_basket["hats_b"]
    table, _record = basket.table(item.id)
    assert table.num_rows == N and {"id", "ra", "dec", "mag"} <= set(table.column_names)
    again = add_hats(basket, info["path"], title="cat_b again")
    assert again.kind == "hats_catalog" and again.payload["rows"] == N


def test_not_a_hats_folder_is_refused_by_name(scale_basket, tmp_path):
    with pytest.raises(BadInput, match="is not a HATS catalogue"):
        catalog_info(tmp_path)
    with pytest.raises(BadInput, match="exists already"):
        from jupyter_escape.scale.hats import write_hats

        write_hats(scale_basket["a"], scale_basket["basket"].ctx.root_dir / scale_basket["info_a"]["path"], None)


def test_engine_choice_from_sizes_and_memory():
    gib = 1024**3
    small = engines.choose(100_000, 100_000, available_bytes=8 * gib)
    assert small.engine == "memory" and "fits in memory" in small.reason and small.deprecation is None
    big = engines.choose(50_000_000, 50_000_000, available_bytes=8 * gib)
    assert big.engine == "dask" and "too large for memory" in big.reason
    forced = engines.choose(50_000_000, 50_000_000, available_bytes=8 * gib, requested="memory")
    assert forced.engine == "memory" and "requested" in forced.reason
    # the in-memory engine's former name still works, with a warning and a note saying which name to use
    with pytest.warns(DeprecationWarning, match="engine='scipy' is deprecated: the in-memory engine is called"):
        former = engines.choose(50_000_000, 50_000_000, available_bytes=8 * gib, requested="scipy")
    assert former.engine == "memory" and former.requested == "memory" and "'memory'" in former.deprecation
    on_disk = engines.choose(5_000_000, 5_000_000, on_disk_hats=True, available_bytes=8 * gib)
    assert on_disk.engine == "dask" and "HATS" in on_disk.reason
    with pytest.raises(BadInput, match="engine"):
        engines.choose(1, 1, requested="spark")
