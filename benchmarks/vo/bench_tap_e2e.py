"""Whole path: local DaCHS (1,000,000-row table esc_bench.big) -> a browser-ready Arrow IPC payload, vs pyvo
``run_sync`` + ``to_table()``. Each client runs in its own subprocess, alternating, in one run.

    .venv/bin/python benchmarks/vo/bench_tap_e2e.py [--repeat 3] [--rows 1000000]

Ours streams the response into the decoder while it downloads (BINARY2), then encodes Arrow IPC. Wall time includes
DaCHS producing the VOTable (server-bound); CPU is the client process only. Goal: >= 2x faster than pyvo.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))
from tests.conftest import stack_value

OURS = """
import asyncio
from jupyter_escape.core.http import Limits
from jupyter_escape.vo import tap
from jupyter_escape.vo.votable import to_ipc_stream
result = asyncio.run(tap.sync_query({url!r}, {query!r}, maxrec={rows}, fmt={fmt!r},
                                    limits=Limits(timeout=600, max_bytes=2**31)))
payload = to_ipc_stream(result.table)
print(result.table.num_rows, len(payload))
"""
PYVO = """
import pyvo
result = pyvo.dal.TAPService({url!r}).run_sync({query!r}, maxrec={rows})
table = result.to_table()
print(len(table), 0)
"""


def run(code: str) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(err[-3000:])
    rows, size = map(int, out.split())
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "rows": rows,
            "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    url = stack_value("ESCAPE_TAP_URL", "http://127.0.0.1:8090/tap")
    query = "SELECT * FROM esc_bench.big"
    clients = {
        "ours-b2": OURS.format(url=url, query=query, rows=args.rows, fmt="binary2"),
        "ours-b": OURS.format(url=url, query=query, rows=args.rows, fmt="binary"),
        "pyvo": PYVO.format(url=url, query=query, rows=args.rows),
    }
    runs: dict[str, list] = {name: [] for name in clients}
    for _ in range(args.repeat):  # interleaved, so server load drifts affect all clients alike
        for name, code in clients.items():
            for attempt in (1, 2):  # a dropped connection (server restarted by someone else) gets one retry
                try:
                    runs[name].append(run(code))
                    break
                except RuntimeError as exc:
                    print(f"{name}: run failed (attempt {attempt}): {str(exc).strip().splitlines()[-1]}",
                          flush=True)
    print(f"{query} (MAXREC {args.rows:,}) from {url}, median of {args.repeat}")
    print(f"{'client':8} {'rows':>9} {'wall s':>7} {'cpu s':>7} {'peak MiB':>9} {'IPC MB':>7}")
    med = {}
    for name, rs in runs.items():
        med[name] = {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu", "rss")}
        print(f"{name:8} {rs[0]['rows']:9,} {med[name]['wall']:7.2f} {med[name]['cpu']:7.2f} "
              f"{med[name]['rss']:9.0f} {rs[0]['bytes'] / 1e6:7.1f}")
    for name in ("ours-b2", "ours-b"):
        print(f"pyvo/{name}: wall {med['pyvo']['wall'] / med[name]['wall']:.2f}x, client cpu "
              f"{med['pyvo']['cpu'] / med[name]['cpu']:.2f}x, peak memory "
              f"{med['pyvo']['rss'] / med[name]['rss']:.2f}x")


if __name__ == "__main__":
    main()
