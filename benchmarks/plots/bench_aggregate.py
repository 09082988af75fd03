"""Server-side plot aggregation on 1,000,000 rows, against peers in the same run. Prints; asserts nothing.

jupyter-escape bins a density or histogram in numpy over the table the server already holds (axis values kept
after the first request: the figures are of a plot drawn again) and sends the
grid (200 x 200 counts, ~220 KB of JSON). The peers are what a notebook user or a browser plotting library does
without it:
  - numpy.histogram2d over the same Arrow columns (the binning alone, in the kernel);
  - shipping the points: JSON of 1,000,000 (x, y) pairs, what a browser scatter/density library is sent.
Brushing: the row ids inside a box (plots/select), against a numpy mask over the same columns.

Run: .venv/bin/python benchmarks/plots/bench_aggregate.py [rows]
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np
import pyarrow as pa

from jupyter_escape.plots.aggregate import aggregate, select_box
from jupyter_escape.plots.sources import with_row_ids
from jupyter_escape.plots.spec import PlotSpec


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(n: int) -> None:
    rng = np.random.default_rng(1)
    table = with_row_ids(
        pa.table(
            {
                "ra": rng.uniform(240, 246, n),
                "dec": rng.uniform(52, 58, n),
                "g": rng.normal(20, 2, n),
                "r": rng.normal(19.5, 2, n),
            }
        )
    )
    density = PlotSpec.from_json({"kind": "density", "x": "ra", "y": "dec", "nx": 200, "ny": 200})
    colour = PlotSpec.from_json({"kind": "density", "x": "g - r", "y": "r", "nx": 200, "ny": 200})
    hist = PlotSpec.from_json({"kind": "histogram", "x": "g", "bins": 100})
    aggregate(table, density)  # warm: DuckDB's first connection
    ours = best(lambda: json.dumps(aggregate(table, density)))
    ours_expr = best(lambda: json.dumps(aggregate(table, colour)))
    ours_hist = best(lambda: json.dumps(aggregate(table, hist)))
    ra, dec = table["ra"].to_numpy(), table["dec"].to_numpy()
    numpy_2d = best(lambda: np.histogram2d(dec, ra, bins=200))
    shipped = best(lambda: json.dumps({"x": ra.tolist(), "y": dec.tolist()}), repeat=1)
    size = len(json.dumps(aggregate(table, density)))
    points = len(json.dumps({"x": ra[:100_000].tolist(), "y": dec[:100_000].tolist()})) * n / 100_000
    print(f"rows: {n:,}")
    print(f"density 200x200 (incl. JSON answer):        {ours * 1000:8.1f} ms   answer {size / 1024:8.0f} KB")
    print(f"density of an expression (g - r vs r):        {ours_expr * 1000:8.1f} ms")
    print(f"histogram 100 bins:                           {ours_hist * 1000:8.1f} ms")
    print(
        f"peer numpy.histogram2d (binning only):        {numpy_2d * 1000:8.1f} ms   ratio ours/peer {ours / numpy_2d:.2f}"
    )
    print(
        f"peer: JSON of all points for the browser:     {shipped * 1000:8.1f} ms   answer {points / 1024:8.0f} KB"
        f"   ratio ours/peer {ours / shipped:.2f}, bytes {size / points:.3f}"
    )
    box = ([241, 242], [53, 54])
    sel = best(lambda: select_box(table, "ra", "dec", *box))
    mask = best(lambda: np.flatnonzero((ra >= 241) & (ra <= 242) & (dec >= 53) & (dec <= 54)))
    count = select_box(table, "ra", "dec", *box)["count"]
    print(
        f"brush -> row ids ({count:,} rows):             {sel * 1000:8.1f} ms   peer numpy mask {mask * 1000:.1f} ms"
        f"   ratio {sel / mask:.2f}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
