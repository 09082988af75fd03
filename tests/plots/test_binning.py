"""Binning a chunk of rows at a time (plots/binning.py) gives the counts of binning all rows at once, across chunk
boundaries, with a given interval (rows outside not counted), log axes and selected rows."""

from __future__ import annotations

import base64

import numpy as np
import pyarrow as pa
import pytest

from jupyter_escape.plots.aggregate import aggregate
from jupyter_escape.plots.binning import CHUNK, Axis, count
from jupyter_escape.plots.sources import with_row_ids
from jupyter_escape.plots.spec import PlotSpec


def whole(values: np.ndarray, lo: float, hi: float, n: int) -> np.ndarray:
    """Every row's bin in one step: floor((v - lo) / (hi - lo) * n), the last bin closed."""
    return np.clip(np.floor((values - lo) / (hi - lo) * n), 0, n - 1).astype(np.int64)


@pytest.mark.parametrize("size", [1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17])
@pytest.mark.parametrize("interval", [None, (-0.5, 1.5)])
def test_chunks_count_as_whole_arrays(size, interval):
    rng = np.random.default_rng(size)
    x, y = rng.normal(0, 1, size), rng.normal(0, 2, size)
    (xlo, xhi), (ylo, yhi) = (interval, interval) if interval else ((x.min(), x.max() + 1), (y.min(), y.max() + 1))
    inside = (x >= xlo) & (x <= xhi) & (y >= ylo) & (y <= yhi)
    chosen = rng.random(size) < 0.1
    cells = whole(y, ylo, yhi, 20) * 30 + whole(x, xlo, xhi, 30)
    counts, picked = count(
        [Axis(y, ylo, yhi, 20, interval is not None), Axis(x, xlo, xhi, 30, interval is not None)], chosen
    )
    assert np.array_equal(counts, np.bincount(cells[inside], minlength=600))
    assert np.array_equal(picked, np.bincount(cells[inside & chosen], minlength=600))
    assert counts.sum() == inside.sum() and counts.shape == (600,)


def test_density_and_histogram_of_a_table_spanning_chunks():
    rng = np.random.default_rng(5)
    n = 2 * CHUNK + 1000
    x, y = 10 ** rng.uniform(-1, 3, n), rng.normal(0, 1, n)
    x[::97] = np.nan  # not plotted
    table = with_row_ids(pa.table({"x": x, "y": y}))
    finite = np.isfinite(x)
    out = aggregate(table, PlotSpec.from_json({"kind": "density", "x": "x", "y": "y", "logx": True, "yrange": [-1, 1]}))
    lx, fy = np.log10(x[finite]), y[finite]
    cells = whole(fy, -1, 1, 200) * 200 + whole(lx, lx.min(), lx.max(), 200)
    expected = np.bincount(cells[(fy >= -1) & (fy <= 1)], minlength=200 * 200)
    counts = np.frombuffer(base64.b64decode(out["counts"]["b64"]), "<i4")
    assert np.array_equal(counts, expected) and out["n"] == finite.sum() and out["max"] == expected.max()
    assert np.allclose(np.log10(out["xedges"]), np.linspace(lx.min(), lx.max(), 201))

    selection = [0, 1, 2, 97, CHUNK + 3]  # rows 0 and 97 are NaN: not plotted, not counted
    out = aggregate(table, PlotSpec.from_json({"kind": "histogram", "x": "x", "bins": 7, "selection": selection}))
    fx, rows = x[finite], np.flatnonzero(finite)
    index = whole(fx, fx.min(), fx.max(), 7)
    assert out["counts"] == np.bincount(index, minlength=7).tolist() and sum(out["counts"]) == finite.sum()
    assert out["selected"] == np.bincount(index[np.isin(rows, selection)], minlength=7).tolist()
    assert sum(out["selected"]) == 3
