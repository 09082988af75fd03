"""Plots over any table of the environment (VO result, basket item, workspace table or query, catalogue file),
aggregated where the data is: histograms and 2-D densities are binned by DuckDB on the server, scatter plots send
at most ``SCATTER_LIMIT`` points. No tornado or Jupyter imports here (handlers/plots.py is the thin route layer).

    from jupyter_escape.plots import PlotSpec, aggregate, select_box
"""

from .aggregate import SCATTER_LIMIT, PlotSpec, aggregate, describe, select_box
from .sources import ROW, SourceCache, with_row_ids

__all__ = ["ROW", "SCATTER_LIMIT", "PlotSpec", "SourceCache", "aggregate", "describe", "select_box", "with_row_ids"]
