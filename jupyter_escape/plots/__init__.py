"""Plots over any table of the environment (VO result, basket item, workspace table or query, catalogue file),
aggregated where the data is: histograms and 2-D densities are binned in numpy on the server over the plotted
values (expressions evaluated by DuckDB), scatter plots send at most ``SCATTER_LIMIT`` points. No tornado or
Jupyter imports here (handlers/plots.py is the thin route layer).

    from jupyter_escape.plots.aggregate import aggregate, select_box
    from jupyter_escape.plots.spec import PlotSpec

This package imports nothing itself: ``jupyter_escape.plot`` in a kernel checks a plot with ``spec`` (plain
Python) without importing numpy and pyarrow.
"""
