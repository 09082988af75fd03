"""VOTable reading: jupyter-escape's decoder vs astropy vs STILTS, on the same 1,000,000 x 10 files, in one run.

Each reader runs in its own subprocess; wall time, CPU time (user+sys) and peak RSS come from os.wait4. The same
reader on a 1,000-row file of the same format gives the baseline RSS (libraries, code pages, allocator arenas), so
"work MiB" is the memory that grew with the table.

    .venv/bin/python benchmarks/vo/bench_votable.py [--rows 1000000,5000000] [--repeat R] [--formats binary2,tabledata]
        [--in-process 100000]

Goals (issue 11): every serialisation >= 10x faster than astropy's parse and >= 2x faster than STILTS reading the
same bytes, as whole processes at 1M and 5M rows and at 100k rows inside a running process (--in-process); the
peak memory of decode + the browser payload (streamed in record batches, as the server sends it) at most 1.5x the
Arrow table. Each ratio line says whether its goal is met. Wall ratios move with the load of the shared machine
(the load average is printed); CPU ratios much less.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from make_files import make

PY = sys.executable
# ours: decode, then make the browser payload as the server sends it (record batch pieces, each dropped once
# "sent"); prints rows, table bytes and the peak RSS (MiB) reached by the decode alone
READERS = {
    "ours": "import resource\nfrom jupyter_escape.vo.votable import ipc_stream_pieces, read_votable\n"
    "{pre}t = read_votable({path!r}).table\n"
    "decoded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
    "size, pieces = ipc_stream_pieces(t)\nsent = sum(len(p) for p in pieces)\n"
    "print(t.num_rows, t.nbytes, decoded)",
    "astropy": "from astropy.io.votable import parse_single_table\n"
    "{pre}t = parse_single_table({path!r}).to_table()\nprint(len(t), 0)",
}


def run(argv: list[str]) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:3]} failed: {err[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024, "out": out}


def python_reader(tool: str, path: str) -> list[str]:
    return [PY, "-c", READERS[tool].format(path=path, pre="")]


def stilts_reader(path: str) -> list[str]:
    # count rows: STILTS reads (and decodes) the whole table
    return [shutil.which("stilts"), "tpipe", f"in={path}", "ifmt=votable", "omode=count"]


WARM = {  # one long-running process reads the same file again and again, as a running server does
    "ours": "from jupyter_escape.vo.votable import ipc_stream_pieces, read_votable\n"
    "def once():\n    t = read_votable({path!r}).table\n    return sum(len(p) for p in ipc_stream_pieces(t)[1])\n",
    "astropy": "from astropy.io.votable import parse_single_table\n"
    "def once():\n    return len(parse_single_table({path!r}).to_table())\n",
}
WARM_LOOP = (
    "import json, time\ntimes = []\nfor _ in range({n}):\n    s = time.perf_counter()\n    once()\n"
    "    times.append(time.perf_counter() - s)\nprint(json.dumps(times))"
)


def in_process(rows: int, args) -> None:
    """100k rows inside a running process: the first call apart, then the median of the next ones. STILTS has no
    such mode here, so its figure is the whole process minus the same process on a 1,000-row file (JVM start)."""
    files, small = make(rows), make(1000)
    print(f"{rows:,} rows x 10 columns inside one running process (ours: decode + streamed payload)")
    for fmt in args.formats.split(","):
        warm = {}
        for tool, n in (("ours", 1 + 2 * args.repeat), ("astropy", 1 + args.repeat)):
            code = WARM[tool].format(path=str(files[fmt])) + WARM_LOOP.format(n=n)
            times = json.loads(run([PY, "-c", code])["out"])
            warm[tool] = statistics.median(times[1:])
            print(
                f"{fmt:10} {tool:8} first call {times[0]:.3f} s, then median {warm[tool]:.3f} s "
                f"({', '.join(f'{t:.3f}' for t in times[1:])})",
                flush=True,
            )
        line = (
            f"{fmt:10} ratios: astropy/ours {warm['astropy'] / warm['ours']:.1f}x "
            f"{goal(warm['astropy'] / warm['ours'], 10)}"
        )
        if shutil.which("stilts"):
            net = [
                run(stilts_reader(str(files[fmt])))["wall"] - run(stilts_reader(str(small[fmt])))["wall"]
                for _ in range(args.repeat)
            ]
            stilts = statistics.median(net)
            line += (
                f"; stilts (whole process minus JVM start: {stilts:.3f} s)/ours {stilts / warm['ours']:.2f}x "
                f"{goal(stilts / warm['ours'], 2)}"
            )
        print(line, flush=True)
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="1000000", help="comma-separated row counts, e.g. 1000000,5000000")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours and STILTS (astropy runs once)")
    parser.add_argument("--formats", default="tabledata,binary,binary2")
    parser.add_argument(
        "--in-process",
        type=int,
        default=0,
        metavar="ROWS",
        help="also time ROWS rows (e.g. 100000) read repeatedly inside one running process",
    )
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    if args.in_process:
        in_process(args.in_process, args)
    for rows in (int(r) for r in args.rows.split(",") if r):
        bench(rows, args)


def goal(ratio: float, wanted: float) -> str:
    return f"(goal >= {wanted:g}x: {'met' if ratio >= wanted else 'SHORT'})"


def bench(rows: int, args) -> None:
    files = make(rows)
    have_stilts = shutil.which("stilts") is not None
    small = make(1000)
    print(f"{rows:,} rows x 10 columns; STILTS {'present' if have_stilts else 'MISSING (apt-get install stilts)'}")
    print(f"{'format':10} {'tool':8} {'MB':>6} {'wall s':>7} {'cpu s':>7} {'peak MiB':>9} {'work MiB':>9}")
    for fmt in args.formats.split(","):
        path = str(files[fmt])
        size = os.path.getsize(path) / 1e6
        results = {}
        base = {tool: run(python_reader(tool, str(small[fmt])))["rss_mib"] for tool in READERS}
        if have_stilts:
            base["stilts"] = run(stilts_reader(str(small[fmt])))["rss_mib"]
        for tool in ("ours", "astropy", "stilts"):
            if tool == "stilts" and not have_stilts:
                continue
            repeat = 1 if tool == "astropy" else args.repeat
            argv = stilts_reader(path) if tool == "stilts" else python_reader(tool, path)
            runs = [run(argv) for _ in range(repeat)]
            best = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "rss_mib")}
            best["work"] = best["rss_mib"] - base[tool]
            if tool == "ours":
                _rows, nbytes, _decoded = runs[0]["out"].split()
                best["table_mib"] = int(nbytes) / 2**20
                best["decode_work"] = statistics.median(float(r["out"].split()[2]) for r in runs) - base[tool]
            results[tool] = best
            print(
                f"{fmt:10} {tool:8} {size:6.0f} {best['wall']:7.2f} {best['cpu']:7.2f} {best['rss_mib']:9.0f} "
                f"{best['work']:9.0f}",
                flush=True,
            )
        ours = results["ours"]
        vs_astropy = results["astropy"]["wall"] / ours["wall"]
        line = (
            f"{fmt:10} ratios: astropy/ours wall {vs_astropy:.1f}x {goal(vs_astropy, 10)} cpu "
            f"{results['astropy']['cpu'] / ours['cpu']:.1f}x"
        )
        if "stilts" in results:
            vs_stilts = results["stilts"]["wall"] / ours["wall"]
            line += (
                f"; stilts/ours wall {vs_stilts:.2f}x {goal(vs_stilts, 2)} cpu "
                f"{results['stilts']['cpu'] / ours['cpu']:.2f}x"
            )
        whole = ours["work"] / ours["table_mib"]
        line += (
            f"; ours work memory: decode {ours['decode_work'] / ours['table_mib']:.2f}x, decode + streamed "
            f"payload {ours['work']:.0f} MiB = {whole:.2f}x the {ours['table_mib']:.0f} MiB Arrow table "
            f"{goal_at_most(whole, 1.5)}"
        )
        print(line, flush=True)
    print(f"load average after {rows:,} rows: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)


def goal_at_most(ratio: float, wanted: float) -> str:
    return f"(goal <= {wanted:g}x: {'met' if ratio <= wanted else 'SHORT'})"


if __name__ == "__main__":
    main()
