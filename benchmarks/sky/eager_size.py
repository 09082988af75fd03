"""Size of the JavaScript JupyterLab loads eagerly for jupyter-escape, against the 200 KB budget.

Upper bound: every static .js file except the Aladin Lite chunk counts as eager (other pillars split off
chunks too, which this script cannot tell apart). The Galata benchmark (sky.bench.spec.ts)
measures the same thing from the network log of a real page load; this script needs no browser.
Prints; never fails (speed and size are reported, not asserted).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

BUDGET = 200 * 1024
STATIC = Path(__file__).resolve().parents[2] / "jupyter_escape" / "labextension" / "static"
LAZY_MARKERS = ("aladin-lite",)


def main() -> int:
    if not STATIC.is_dir():
        print(f"no build in {STATIC}: run `jlpm build` (or build:prod for the shipped sizes)")
        return 0
    eager, lazy = [], []
    for path in sorted(STATIC.glob("*.js")):
        (lazy if any(m in path.name for m in LAZY_MARKERS) else eager).append(path)
    total = sum(p.stat().st_size for p in eager)
    total_gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in eager)
    for p in eager:
        print(f"  eager {p.stat().st_size / 1024:9.1f} KB  {p.name}")
    for p in lazy:
        print(f"  lazy  {p.stat().st_size / 1024:9.1f} KB  {p.name}")
    verdict = "within" if total <= BUDGET else "OVER"
    print(f"eager JS upper bound: {total / 1024:.1f} KB ({total_gz / 1024:.1f} KB gzip), budget {BUDGET / 1024:.0f} KB: "
          f"{verdict} budget ({total / BUDGET:.2f} of it)")
    print(f"lazily loaded (sky view only): {sum(p.stat().st_size for p in lazy) / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
