"""Download throughput: a 20-file ~1 GB dataset staged by jupyter-escape vs `rucio download` (same run, same
storage door over https, same machine). Prints MB/s, wall and CPU per tool and the ratio (median of N runs,
interleaved).

    .venv/bin/python benchmarks/datalake/bench_download.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATASET, FILE_BYTES, FILES, ROOT, SCOPE, ensure_dataset, make_lake, stack_env


def ours(lake, work: Path) -> tuple[float, float]:
    shutil.rmtree(work / "ws", ignore_errors=True)
    for job in lake.stager.jobs():
        lake.stager.remove(job["id"])
    cpu0, t0 = time.process_time(), time.perf_counter()
    job = lake.stager.wait(lake.stager.stage(None, f"{SCOPE}:{DATASET}")["id"], 900)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    if job["state"] != "done" or job["files_done"] != FILES:
        raise SystemExit(f"jupyter-escape download failed: {job['error']}")
    return wall, cpu


def rucio_cli(env: dict, work: Path) -> tuple[float, float]:
    target = work / "cli"
    shutil.rmtree(target, ignore_errors=True)
    child_env = {
        **os.environ,
        "RUCIO_CONFIG": env["ESCAPE_RUCIO_BENCH_CLIENT_CFG"],
        "X509_USER_PROXY": env["ESCAPE_RUCIO_X509_PROXY"],  # the webdav plugin insists on one
        "REQUESTS_CA_BUNDLE": env["ESCAPE_RUCIO_CA_CERT"],
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "rucio"), "download", "--dir", str(target), f"{SCOPE}:{DATASET}"],
        env=child_env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    got = list(target.rglob("*.fits"))
    if proc.returncode != 0 or len(got) != FILES:
        raise SystemExit(f"rucio download failed ({len(got)} files):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = stack_env()
    lake, work = make_lake(env)
    ensure_dataset(lake)
    total_mb = FILES * FILE_BYTES / 1e6
    results = {"jupyter-escape": [], "rucio download": []}
    for _ in range(args.runs):  # interleaved so load changes hit both
        results["jupyter-escape"].append(ours(lake, work))
        results["rucio download"].append(rucio_cli(env, work))
    print(f"dataset {SCOPE}:{DATASET}: {FILES} files, {total_mb:.0f} MB, median of {args.runs} runs")
    med = {}
    for tool, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        med[tool] = (wall, cpu)
        print(
            f"  {tool:15s} wall {wall:6.2f} s  ({total_mb / wall:7.1f} MB/s)  CPU {cpu:6.2f} s  "
            f"runs: {', '.join(f'{r[0]:.2f}' for r in runs)}"
        )
    ratio = med["rucio download"][0] / med["jupyter-escape"][0]
    cpu_ratio = med["rucio download"][1] / med["jupyter-escape"][1] if med["jupyter-escape"][1] else float("nan")
    print(f"ratio (rucio download / jupyter-escape): wall {ratio:.2f}x, CPU {cpu_ratio:.2f}x")
    lake.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
