"""jupyter_escape.plot in a kernel: the view calls publish the command the frontend renders, bad axes fail in
the notebook, and plot.data aggregates a workspace query with DuckDB in the kernel itself."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from jupyter_escape import plot
from jupyter_escape.core.errors import BadInput


@pytest.fixture
def published(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda data, raw=False: shown.append(data))
    return shown


def test_view_calls_publish_the_plot_command(published):
    source = {"kind": "workspace", "table": "gaia"}
    plot.scatter(source, x="bp_rp", y="g", color="parallax", logy=True, view="cmd")
    plot.histogram(source, x="g", bins=30)
    first, second = (p[plot.MIME_TYPE] for p in published)
    assert first["view"] == "cmd" and first["source"] == source
    assert first["spec"] == {"kind": "scatter", "x": "bp_rp", "y": "g", "color": "parallax", "logy": True}
    assert second["spec"] == {"kind": "histogram", "x": "g", "bins": 30} and second["view"] == "main"
    assert published[0]["text/plain"] == "Plot view 'cmd': scatter of bp_rp"


def test_bad_calls_fail_in_the_notebook(published):
    with pytest.raises(BadInput, match=r"source\.kind"):
        plot.scatter({"kind": "nope"}, x="a", y="b")
    with pytest.raises(BadInput, match="y"):
        plot.density({"kind": "workspace", "table": "t"}, x="a", y="")
    assert published == []


def test_a_view_call_imports_no_numpy_or_pyarrow():
    """Checking and publishing a plot is plain Python: a kernel that has not loaded numpy or pyarrow does not pay
    their import (~0.1-0.2 s) before the panel can even ask for the bins."""
    code = (
        "import sys\n"
        "from jupyter_escape import plot\n"
        "plot.density({'kind': 'file', 'path': 'big.parquet'}, 'x', 'y')\n"
        "print(sorted(m for m in ('numpy', 'pyarrow', 'duckdb', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "application/vnd.escape.plot+json" in out and out.strip().endswith("[]")


def test_data_bins_a_workspace_query_in_the_kernel(tmp_path, monkeypatch):
    monkeypatch.setenv("ESCAPE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("ESCAPE_ROOT_DIR", str(tmp_path))
    out = plot.data({"kind": "sql", "sql": "SELECT range % 10 AS v FROM range(1000)"}, kind="histogram", x="v", bins=10)
    assert out["counts"] == [100] * 10 and out["n"] == 1000
    out = plot.data(
        {"kind": "sql", "sql": "SELECT range AS a, range * 2 AS b FROM range(50)"}, kind="scatter", x="a", y="b"
    )
    assert np.array_equal(out["y"], np.arange(50) * 2.0) and out["row"].dtype == np.dtype("<i4")
