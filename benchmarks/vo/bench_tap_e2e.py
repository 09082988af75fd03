"""Whole path: local DaCHS (1,000,000-row table esc_bench.big) -> a browser-ready Arrow IPC payload, vs pyvo
``run_sync`` + ``to_table()``. Each client runs in its own subprocess, interleaved, in one run.

    .venv/bin/python benchmarks/vo/bench_tap_e2e.py [--repeat 3] [--rows 1000000] [--clients ours-auto,pyvo]
    .venv/bin/python benchmarks/vo/bench_tap_e2e.py --rows 100000 --in-process 6   # a running server

Clients:
  ours-auto  tap.sync_query(fmt="auto"): FITS rows + a MAXREC=0 VOTable for the metadata, both requests at once
  ours-seq   the same, metadata query first, then the FITS query
  ours-b2    tap.sync_query(fmt="binary2"): the VOTable decoded while it streams in
  ours-b     the same with DaCHS's default serialisation (BINARY)
  pyvo       pyvo run_sync(...).to_table() (DaCHS's default serialisation, BINARY)
  ours-async an asynchronous job (create_job fmt="auto": FITS rows + MAXREC=0 VOTable), waited for, its result
  ours-async-b2  the same job as BINARY2
  pyvo-async pyvo run_async(...).to_table()
  curl-fits  curl saving the FITS answer to /dev/null: the service's own time, the floor for the FITS path
  curl-vot   the same for the VOTable (BINARY) that pyvo gets: the floor for pyvo
  curl-b2    the same for BINARY2: the floor for ours-b2
  curl-async-fits  an asynchronous FITS job with curl: created, run, waited for (WAIT long polling), its result
             saved to /dev/null, deleted: the service's own time for a job, the floor for ours-async
  curl-async-vot   the same for a VOTable (BINARY) job: the floor for pyvo-async
Wall time includes the service producing the answer; CPU is the client process only. "work MiB" is the peak RSS
minus the same client's peak on a 10-row query (libraries, allocator arenas), compared with the Arrow table's
size: "decode" up to the Arrow table, "+IPC" including the payload streamed in record batches as the server sends
it. Goals (issue 11): ours >= 3x faster than pyvo in every round, sync and async; memory <= 1.5x the table. Ratios are also given per round
(each round runs every client back to back), whose median resists load bursts better than a ratio of medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))
from tests._stack import stack_value

# ours: the result, then the browser payload as the server sends it (record batch pieces, each dropped once sent)
OURS = """
import asyncio, resource
from jupyter_escape.core.http import Limits
from jupyter_escape.vo import tap
from jupyter_escape.vo.transport import fitspath
from jupyter_escape.vo.votable import ipc_stream_pieces
fitspath.CONCURRENT = {concurrent!r}
limits = Limits(timeout=600, max_bytes=2**31)
async def job():
    info = await tap.create_job({url!r}, {query!r}, maxrec={rows}, fmt={fmt!r}, limits=limits)
    done = await tap.wait_for_job(info.url, timeout=600, poll=2, limits=limits)
    try:
        return await tap.job_result(info.url, info=done, fits=info.fits, limits=limits)
    finally:
        await tap.delete_job(info.url, limits=limits)
if {asynchronous!r}:
    result = asyncio.run(job())
else:
    result = asyncio.run(tap.sync_query({url!r}, {query!r}, maxrec={rows}, fmt={fmt!r}, limits=limits))
decoded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
size, pieces = ipc_stream_pieces(result.table)
sent = sum(len(p) for p in pieces)
print(result.table.num_rows, sent, result.table.nbytes, result.transport, decoded)
"""
CURL = """
import subprocess
subprocess.run(["curl", "-sS", "-f", "-o", "/dev/null", "-d", "REQUEST=doQuery", "-d", "LANG=ADQL",
                "--data-urlencode", "QUERY=" + {query!r}, "-d", "MAXREC={rows}", "-d", "RESPONSEFORMAT={fmt}",
                {url!r} + "/sync"], check=True)
print(0, 0, 0, "curl", 0)
"""
# an asynchronous job driven with curl alone (no client library, no decoding): the service's own time for a job
CURL_ASYNC = """
import re, subprocess
def curl(*args):
    return subprocess.run(["curl", "-sS", "-f", *args], check=True, capture_output=True, text=True).stdout
job = curl("-o", "/dev/null", "-w", "%{{redirect_url}}", "-d", "REQUEST=doQuery", "-d", "LANG=ADQL",
           "--data-urlencode", "QUERY=" + {query!r}, "-d", "MAXREC={rows}", "-d", "RESPONSEFORMAT={fmt}",
           {url!r} + "/async")
curl("-o", "/dev/null", "-d", "PHASE=RUN", job + "/phase")
phase = "QUEUED"
while phase in ("PENDING", "QUEUED", "EXECUTING"):
    phase = re.search(r"<uws:phase>\\s*(\\w+)", curl(job + "?WAIT=30")).group(1)
if phase != "COMPLETED":
    raise SystemExit("job " + phase)
curl("-o", "/dev/null", job + "/results/result")
curl("-o", "/dev/null", "-X", "DELETE", job)
print(0, 0, 0, "curl", 0)
"""
PYVO = """
import pyvo
service = pyvo.dal.TAPService({url!r})
result = service.run_async({query!r}, maxrec={rows}) if {asynchronous!r} else service.run_sync({query!r}, maxrec={rows})
table = result.to_table()
print(len(table), 0, 0, "pyvo", 0)
"""
# a running server: one process answers the same query again and again (every call after the first must cost
# what the first costs minus imports: no per-request set-up)
SERVER = """
import asyncio, json, time
from jupyter_escape.core.http import Limits
from jupyter_escape.vo import tap
from jupyter_escape.vo.votable import ipc_stream_pieces
async def main():
    times = []
    for _ in range({n}):
        start = time.perf_counter()
        result = await tap.sync_query({url!r}, {query!r}, maxrec={rows}, limits=Limits(timeout=600, max_bytes=2**31))
        sum(len(p) for p in ipc_stream_pieces(result.table)[1])
        times.append(time.perf_counter() - start)
    return times
print(json.dumps(asyncio.run(main())))
"""
PYVO_SERVER = """
import json, time, pyvo
service = pyvo.dal.TAPService({url!r})
times = []
for _ in range({n}):
    start = time.perf_counter()
    service.run_sync({query!r}, maxrec={rows}).to_table()
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def clients(url: str, query: str, rows: int) -> dict:
    def ours(fmt, concurrent=True, asynchronous=False):
        return OURS.format(url=url, query=query, rows=rows, fmt=fmt, concurrent=concurrent, asynchronous=asynchronous)

    return {
        "ours-auto": ours("auto"),
        "ours-seq": ours("auto", False),
        "ours-b2": ours("binary2"),
        "ours-b": ours("votable"),
        "pyvo": PYVO.format(url=url, query=query, rows=rows, asynchronous=False),
        "ours-async": ours("auto", asynchronous=True),
        "ours-async-b2": ours("binary2", asynchronous=True),
        "pyvo-async": PYVO.format(url=url, query=query, rows=rows, asynchronous=True),
        "curl-fits": CURL.format(url=url, query=query, rows=rows, fmt="fits"),
        "curl-vot": CURL.format(url=url, query=query, rows=rows, fmt="votable"),
        "curl-b2": CURL.format(url=url, query=query, rows=rows, fmt="votable/b2"),
        "curl-async-fits": CURL_ASYNC.format(url=url, query=query, rows=rows, fmt="fits"),
        "curl-async-vot": CURL_ASYNC.format(url=url, query=query, rows=rows, fmt="votable"),
    }


def run(code: str) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(err[-3000:])
    rows, size, nbytes, transport, decoded = out.split()
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "rows": int(rows),
        "bytes": int(size),
        "nbytes": int(nbytes),
        "transport": transport,
        "decoded": float(decoded),
    }


def run_retry(name: str, code: str) -> dict | None:
    for attempt in (1, 2):  # a dropped connection (server restarted by someone else) gets one retry
        try:
            return run(code)
        except RuntimeError as exc:
            print(f"{name}: run failed (attempt {attempt}): {str(exc).strip().splitlines()[-1]}", flush=True)
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--clients", default="ours-auto,ours-b2,pyvo,ours-async,ours-async-b2,pyvo-async")
    parser.add_argument(
        "--in-process",
        type=int,
        default=0,
        metavar="N",
        help="instead: N requests one after another inside one running process, ours vs pyvo",
    )
    args = parser.parse_args()
    if args.in_process:
        return in_process(args)
    url = stack_value("ESCAPE_TAP_URL", "http://127.0.0.1:8090/tap")
    query = "SELECT * FROM esc_bench.big" if args.rows >= 1_000_000 else f"SELECT TOP {args.rows} * FROM esc_bench.big"
    names = args.clients.split(",")
    code = {n: c for n, c in clients(url, query, args.rows).items() if n in names}
    small = {n: c for n, c in clients(url, "SELECT TOP 10 * FROM esc_bench.big", 10).items() if n in names}
    base = {n: run(c)["rss"] for n, c in small.items()}
    runs: dict[str, list] = {n: [] for n in code}
    for i in range(args.repeat):  # interleaved, so server load drifts affect all clients alike
        for name, c in code.items():
            r = run_retry(name, c)
            if r:
                runs[name].append(r)
                print(
                    f"  run {i + 1} {name:9} {r['wall']:6.2f} s wall {r['cpu']:6.2f} s cpu ({r['transport']})",
                    flush=True,
                )
    print(f"{query} (MAXREC {args.rows:,}) from {url}, median of {args.repeat}, load average {os.getloadavg()[0]:.1f}")
    print(
        f"{'client':9} {'via':8} {'rows':>9} {'wall s':>7} {'cpu s':>7} {'peak MiB':>9} {'table MiB':>9} "
        f"{'decode/table':>12} {'+IPC/table':>10}"
    )
    med = {}
    for name, rs in runs.items():
        if not rs:
            continue
        med[name] = {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu", "rss", "decoded")}
        if name.startswith("curl"):
            print(f"{name:9} {'':8} {'':9} {med[name]['wall']:7.2f}")
            continue
        table = rs[0]["nbytes"] / 2**20
        decode = f"{(med[name]['decoded'] - base[name]) / table:12.2f}" if table else f"{'':12}"
        whole = f"{(med[name]['rss'] - base[name]) / table:10.2f}" if table else f"{'':10}"
        print(
            f"{name:9} {rs[0]['transport']:8} {rs[0]['rows']:9,} {med[name]['wall']:7.2f} {med[name]['cpu']:7.2f} "
            f"{med[name]['rss']:9.0f} {table:9.1f} {decode} {whole}"
        )
    for name in med:
        peer = "pyvo-async" if "async" in name else "pyvo"
        if name.startswith(("pyvo", "curl")) or peer not in med:
            continue
        paired = [p["wall"] / o["wall"] for p, o in zip(runs[peer], runs[name], strict=False)]
        print(
            f"{peer}/{name}: wall {med[peer]['wall'] / med[name]['wall']:.2f}x (per round: "
            f"{', '.join(f'{x:.2f}' for x in paired)}; median {statistics.median(paired):.2f}x; goal >= 3x in "
            f"every round: {'met' if min(paired) >= 3 else 'SHORT'}), client cpu "
            f"{med[peer]['cpu'] / med[name]['cpu']:.2f}x, peak memory {med[peer]['rss'] / med[name]['rss']:.2f}x"
        )
    floors(runs, med)


# what the service alone takes for the bytes each client asks for (curl, no decoding)
FLOORS = {
    "ours-auto": "curl-fits",
    "ours-seq": "curl-fits",
    "ours-b2": "curl-b2",
    "ours-b": "curl-vot",
    "pyvo": "curl-vot",
    "ours-async": "curl-async-fits",
    "pyvo-async": "curl-async-vot",
}


def floors(runs: dict[str, list[dict[str, Any]]], med: dict[str, dict[str, float]]) -> None:
    """Each client against the service's own time for its answer, and the best ratio any client could reach
    against pyvo with that transport (pyvo / the floor): a goal above it cannot be met by client work."""
    for name, floor in FLOORS.items():
        if name not in med or floor not in med:
            continue
        paired = [c["wall"] - f["wall"] for c, f in zip(runs[name], runs[floor], strict=False)]
        line = (
            f"{name} over its floor {floor} ({med[floor]['wall']:.2f} s): "
            f"{', '.join(f'{x:+.2f}' for x in paired)} s per round"
        )
        peer = "pyvo-async" if "async" in name else "pyvo"
        if not name.startswith("pyvo") and peer in med:
            best = [p["wall"] / f["wall"] for p, f in zip(runs[peer], runs[floor], strict=False)]
            line += f"; best possible {peer}/{name} = {peer}/{floor}: {', '.join(f'{x:.2f}x' for x in best)}"
        print(line)


def in_process(args) -> None:
    url = stack_value("ESCAPE_TAP_URL", "http://127.0.0.1:8090/tap")
    query = f"SELECT TOP {args.rows} * FROM esc_bench.big"
    fields = {"url": url, "query": query, "rows": args.rows, "n": args.in_process}
    ours = json.loads(
        subprocess.run(
            [sys.executable, "-c", SERVER.format(**fields)], check=True, capture_output=True, text=True
        ).stdout
    )
    pyvo = json.loads(
        subprocess.run(
            [sys.executable, "-c", PYVO_SERVER.format(**fields)], check=True, capture_output=True, text=True
        ).stdout
    )
    print(
        f"{query} (MAXREC {args.rows:,}), {args.in_process} requests in one running process each, load average "
        f"{os.getloadavg()[0]:.1f}"
    )
    for name, times in (("ours", ours), ("pyvo", pyvo)):
        print(
            f"{name:5} first {times[0]:.3f} s, then {', '.join(f'{t:.3f}' for t in times[1:])} "
            f"(median {statistics.median(times[1:]):.3f} s)"
        )
    print(
        f"pyvo/ours after the first request: {statistics.median(pyvo[1:]) / statistics.median(ours[1:]):.2f}x; "
        f"ours first minus later: {ours[0] - statistics.median(ours[1:]):.3f} s (imports and first-use set-up)"
    )


if __name__ == "__main__":
    main()
