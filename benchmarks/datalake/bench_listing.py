"""Listing a 100,000-file dataset: the first page (100 files, with the total) as the data lake panel gets it
through the jupyter-escape route, vs listing the dataset's files with the Rucio client (`list_files`, which is
all a client can do: Rucio's content listings have no paging). Same run, interleaved, median of N.

    .venv/bin/python benchmarks/datalake/bench_listing.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, instance, stack_env

BIG = "escape_bench:listing_100k"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict, work: Path) -> tuple[subprocess.Popen, str, str]:
    """A real Jupyter server with the extension and the local data lake configured."""
    port, token = free_port(), "bench-token"
    config = {
        "ServerApp": {"jpserver_extensions": {"jupyter_escape": True}, "token": token, "open_browser": False},
        "EscapeConfig": {"rucio_instances": [instance(env)], "state_dir": str(work / "state")},
    }
    (work / "jupyter_server_config.json").write_text(json.dumps(config))
    proc = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "jupyter"),
            "server",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--ServerApp.root_dir={work}",
            f"--config={work / 'jupyter_server_config.json'}",
        ],
        env={**os.environ, "JUPYTER_RUNTIME_DIR": str(work / "runtime")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if httpx.get(f"{base}/escape/api/handshake", params={"token": token}, timeout=1).status_code < 500:
                return proc, base, token
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("jupyter server did not start")


def first_page(client: httpx.Client, base: str, token: str, offset: int = 0, refresh: bool = True) -> float:
    """One page through the route; refresh=1 bypasses the extension's short listing cache (the cold path)."""
    t0 = time.perf_counter()
    r = client.get(
        f"{base}/escape/api/datalake/contents",
        params={"did": BIG, "limit": 100, "offset": offset, "refresh": "1" if refresh else "", "token": token},
    )
    body = r.json()
    assert r.status_code == 200 and len(body["items"]) == 100 and body["total"] == 100_000, body
    return time.perf_counter() - t0


def rucio_list_all(env: dict) -> float:
    code = (
        "import time; from rucio.client import Client; c = Client(); c.whoami(); t0 = time.perf_counter(); "
        "n = sum(1 for _ in c.list_files('escape_bench', 'listing_100k')); "
        "print(time.perf_counter() - t0, n)"
    )
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "RUCIO_CONFIG": env["ESCAPE_RUCIO_BENCH_CLIENT_CFG"]},
        check=True,
    ).stdout
    seconds, n = out.split()
    assert int(n) == 100_000, n
    return float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = stack_env()
    work = Path(tempfile.mkdtemp(prefix="escape-bench-list-"))
    proc, base, token = start_server(env, work)
    try:
        with httpx.Client(timeout=120) as client:
            first_page(client, base, token)  # log in once, as a panel that is already open would have
            ours, nxt, theirs = [], [], []
            for _ in range(args.runs):
                ours.append(first_page(client, base, token))
                nxt.append(first_page(client, base, token, offset=100, refresh=False))
                theirs.append(rucio_list_all(env))
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"{BIG}: 100,000 files, median of {args.runs} runs")
    print(
        f"  jupyter-escape route, first page of 100 + total : {a * 1000:8.1f} ms  "
        f"runs: {', '.join(f'{x * 1000:.0f}' for x in ours)}"
    )
    print(f"  jupyter-escape route, next page (read-ahead)    : {statistics.median(nxt) * 1000:8.1f} ms")
    print(
        f"  rucio client list_files (all 100,000)           : {b * 1000:8.1f} ms  "
        f"runs: {', '.join(f'{x * 1000:.0f}' for x in theirs)}"
    )
    print(f"ratio (rucio list all / jupyter-escape first page): {b / a:.1f}x")


if __name__ == "__main__":
    main()
