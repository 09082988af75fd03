"""The same LSDB cross-match on a Dask Gateway cluster (stack/dask-gateway) of one worker and of several workers:
time of each and the speed-up, in one run. Uses the HATS catalogues bench_lsdb.py left in .data (--rows must
match a run made with --keep-hats), so run that first.

    .venv/bin/python benchmarks/xmatch/bench_gateway.py [--rows 2000000] [--workers 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent.parent))
    sys.path.insert(0, str(HERE.parent.parent / "tests"))
    from _stack import stack_value

    from jupyter_escape.scale.cluster import connect
    from jupyter_escape.scale.xmatch_dask import lsdb_match, submit

    hats = HERE / ".data" / f"hats_{args.rows}"
    if not (hats / "b" / "collection.properties").exists():
        print(f"no HATS catalogues in {hats}: run bench_lsdb.py --rows {args.rows} --keep-hats first")
        return 2
    os.environ.setdefault("ESCAPE_DASK_GATEWAY_PASSWORD_FILE", stack_value("ESCAPE_DASK_GATEWAY_PASSWORD_FILE"))
    url = stack_value("ESCAPE_DASK_GATEWAY_URL")
    print(f"load before: {os.getloadavg()} on {os.cpu_count()} cores (shared)")
    times = {}
    for n in (1, args.workers):
        cluster = connect(gateway=url, n_workers=n, user="escape-bench")
        try:
            # warm the workers' imports first: the speed-up is about the match, not Python start-up
            cluster.client.run(lambda: __import__("lsdb") and None)
            t = time.perf_counter()
            rows = len(submit(lsdb_match(hats / "a", hats / "b", 1.0), cluster.client).result())
            times[n] = time.perf_counter() - t
            print(
                f"gateway cluster {cluster.name[:8]}: {n} worker(s), {rows:,} matches in {times[n]:.1f} s", flush=True
            )
        finally:
            cluster.close()
    print(
        f"speed-up {args.workers} workers over 1: {times[1] / times[args.workers]:.2f}x (load after {os.getloadavg()})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
