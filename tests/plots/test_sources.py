"""A plot's source read in part: a first plot of a Parquet file reads only the columns it plots (and the file's
whole schema, for the controls); anything that needs more (an expression, a table already read whole, a file with
its own row ids) gets the whole table."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from jupyter_escape.basket.tableio import read_columns, read_file
from jupyter_escape.plots.aggregate import aggregate
from jupyter_escape.plots.sources import ROW, SourceCache
from jupyter_escape.plots.spec import PlotSpec


def cache_for_files() -> SourceCache:
    return SourceCache({"file": read_file}, column_readers={"file": read_columns})


def test_a_first_plot_reads_only_its_columns(tmp_path):
    rng = np.random.default_rng(2)
    unit = pa.field("c", pa.float64(), metadata={b"unit": b"mag"})
    data = {name: rng.normal(0, 1, 5000) for name in "abcd"}
    schema = pa.schema([pa.field("a", pa.float64()), pa.field("b", pa.float64()), unit, pa.field("d", pa.float64())])
    pq.write_table(pa.table(data, schema=schema), tmp_path / "cat.parquet")
    source = {"kind": "file", "path": str(tmp_path / "cat.parquet")}
    cache = cache_for_files()

    table, whole = cache.get_columns(source, ["b", "a"])
    assert table.column_names == ["a", "b", ROW] and whole.names == ["a", "b", "c", "d"]
    assert whole.field("c").metadata == {b"unit": b"mag"}
    assert np.array_equal(table[ROW].to_numpy(), np.arange(5000)) and cache.get_columns(source, ["a", "b"])[0] is table
    # the same bins as from the whole table
    spec = PlotSpec.from_json({"kind": "density", "x": "a", "y": "b", "nx": 7, "ny": 5})
    assert aggregate(table, spec)["counts"] == aggregate(cache.get(source), spec)["counts"]

    # an expression needs DuckDB over the table: the whole of it; once read whole, the whole table serves all
    expression, _ = cache_for_files().get_columns(source, ["a + b"])
    assert expression.column_names == ["a", "b", "c", "d", ROW]
    assert cache.get_columns(source, ["c"])[0] is cache.get(source)


def test_a_file_with_its_own_row_ids_is_read_whole(tmp_path):
    pq.write_table(pa.table({"x": [1.0, 2.0], ROW: [7, 9]}), tmp_path / "picked.parquet")
    table, _ = cache_for_files().get_columns({"kind": "file", "path": str(tmp_path / "picked.parquet")}, ["x"])
    assert table[ROW].to_pylist() == [7, 9]


def test_what_is_not_a_parquet_file_is_read_whole(tmp_path):
    (tmp_path / "cat.csv").write_text("x,y\n1,2\n3,4\n")
    table, schema = cache_for_files().get_columns({"kind": "file", "path": str(tmp_path / "cat.csv")}, ["x"])
    assert table.column_names == ["x", "y", ROW] and schema.names == ["x", "y", ROW]
