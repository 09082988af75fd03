"""'Show me the code' for a plot: the notebook call that opens the same view, and the one that returns the
aggregated numbers behind it. Every value goes through core/snippets.py so browser text stays a value."""

from __future__ import annotations

from typing import Any

from ..core.snippets import py_call

ARGS = ("x", "y", "color", "logx", "logy", "bins", "nx", "ny", "xrange", "yrange")


def plot_code(source: object, spec: dict[str, Any], view: str = "main") -> str:
    kwargs = {k: spec[k] for k in ARGS if spec.get(k) not in (None, False, "")}
    kind = spec.get("kind", "scatter")
    lines = [
        "from jupyter_escape import plot",
        "",
        "# Open this view in JupyterLab (linked to the grid and the sky through the shared selection)",
        py_call(f"plot.{kind}", source, view=view, **kwargs),
        "",
        "# The numbers behind it, aggregated by DuckDB in this kernel (histogram/density bins, or the points)",
        "data = " + py_call("plot.data", source, kind=kind, **kwargs),
        "",
        "# The rows selected in the linked views, as an astropy Table",
        "selected = " + py_call("plot.selection", view=view),
    ]
    return "\n".join(lines) + "\n"
