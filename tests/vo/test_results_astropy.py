"""Arrow results as astropy Tables (vo.as_table): array cells stay one object per row."""

from __future__ import annotations

import pyarrow as pa

from jupyter_escape.vo.results import to_astropy


def test_equal_length_array_cells_stay_one_cell_per_row():
    # SIA answers carry fixed-length arrays (naxis, CRPIX...); two rows of two elements each.
    table = pa.table({"naxis": pa.array([[320, 320], None], pa.list_(pa.int64())), "title": ["a", "b"]})
    out = to_astropy(table)
    assert len(out) == 2 and list(out["naxis"][0]) == [320, 320]
    assert list(out["naxis"].mask) == [False, True]


def test_fixed_size_lists_too():
    table = pa.table({"crpix": pa.array([[1.5, 2.5], [3.0, 4.0], [5.0, 6.0]], pa.list_(pa.float64(), 2))})
    out = to_astropy(table)
    assert len(out) == 3 and list(out["crpix"][2]) == [5.0, 6.0]
