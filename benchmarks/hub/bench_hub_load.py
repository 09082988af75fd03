"""A school on the hub: N students (default 20) sign in through the IdP in Chromium, each with JupyterLab and the
ESCAPE panels open; while they sit idle, some stage data and some query TAP through their own servers. Loopback
only, bounded in users and time.

Prints, from one run: time for the room to get in, the hub's API latency under that load, per-user server memory,
idle CPU of each server with the panels open, requests per minute each user's panels make when idle (by route), and
the peer figure: the memory of the same JupyterLab without jupyter-escape (ratio), and those figures scaled to 500
users on paper.

    .venv/bin/python benchmarks/hub/bench_hub_load.py [--users 20] [--idle 120]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "hub"))
from _hub import HUB, HubUser, operator  # noqa: E402 (found through the sys.path entries above)
from _stack import stack_value  # noqa: E402 (found through the sys.path entries above)

MiB = 1024 * 1024


def stop_servers(users: list[str]) -> None:
    with operator() as hub:
        for name in users:
            hub.delete(f"/users/{name}/server")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and any(
            hub.get(f"/users/{n}").json().get("servers") for n in users if hub.get(f"/users/{n}").status_code == 200
        ):
            time.sleep(1)


def user_servers(users: list[str]) -> dict[str, psutil.Process]:
    found = {}
    for proc in psutil.process_iter(["username", "cmdline"]):
        cmd = " ".join(proc.info["cmdline"] or [])
        if proc.info["username"] in users and "jupyterhub-singleuser" in cmd:
            found[proc.info["username"]] = proc
    return found


def sample_hub_latency(stop: threading.Event, out: list[float]) -> None:
    with operator() as hub:
        while not stop.is_set():
            t0 = time.perf_counter()
            hub.get("/")
            out.append((time.perf_counter() - t0) * 1000)
            stop.wait(1.0)


def some_work(users: list[str], results: list[str]) -> None:
    """Half stage a dataset, half run a TAP query, through their own servers (HTTP sessions of their own)."""
    tap = stack_value("ESCAPE_TAP_URL")
    for i, name in enumerate(users):
        user = HubUser(name)
        user.sign_in()
        user.wait_for_server()
        if i % 2 == 0:
            r = user.api("POST", "datalake/stage", json={"did": "escape_demo:hst_acs_m51"})
        else:
            r = user.api("POST", "vo/tap/sync", json={"url": tap, "query": "SELECT TOP 500 * FROM esc_demo.main"})
        results.append(f"{name}: {r.status_code}")
        user.close()


def peer_memory() -> tuple[float, float]:
    """RSS of a plain JupyterLab with and without jupyter-escape, each after serving /lab (same start-up)."""
    rss = []
    for enabled in (True, False):
        port = 8990 + enabled
        cmd = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            "--IdentityProvider.token=bench",
            "--allow-root",
            f'--ServerApp.jpserver_extensions={{"jupyter_escape": {enabled!s}}}',
        ]
        proc = subprocess.Popen(cmd, cwd="/tmp", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(120):
                try:
                    httpx.get(f"http://127.0.0.1:{port}/lab?token=bench", timeout=5).raise_for_status()
                    break
                except httpx.HTTPError:
                    time.sleep(0.5)
            if enabled:
                httpx.get(f"http://127.0.0.1:{port}/escape/api/status?token=bench", timeout=30)
            time.sleep(2)
            rss.append(psutil.Process(proc.pid).memory_info().rss / MiB)
        finally:
            proc.terminate()
            proc.wait(30)
    return rss[0], rss[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--idle", type=int, default=120, help="seconds the panels sit idle while measured")
    args = ap.parse_args()
    if httpx.get(f"{HUB}/hub/health", timeout=5).status_code != 200:
        raise SystemExit(f"the hub does not answer at {HUB}: stack/escape-stack up")
    names = [f"student{i:02d}" for i in range(1, args.users + 1)]
    stop_servers(names)

    env = {**os.environ, "ESCAPE_HUB_URL": HUB, "ESCAPE_IDP_STATE": stack_value("ESCAPE_IDP_STATE")}
    browser = subprocess.Popen(
        ["node", str(Path(__file__).with_name("panels.cjs")), "--users", str(args.users), "--idle", str(args.idle)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    latencies: list[float] = []
    stop = threading.Event()
    sampler = threading.Thread(target=sample_hub_latency, args=(stop, latencies), daemon=True)
    sampler.start()
    phases, work, cpu0, servers = {}, [], {}, {}
    for line in browser.stdout:  # type: ignore[union-attr]
        event = json.loads(line)
        phases[event["phase"]] = event
        if event["phase"] == "error":
            raise SystemExit(event["message"])
        if event["phase"] == "idle-start":
            servers = user_servers(names)
            cpu0 = {n: sum(p.cpu_times()[:2]) for n, p in servers.items()}
            t_idle = time.monotonic()
            workers = names[: max(2, args.users // 4)]
            threading.Thread(target=some_work, args=(workers, work), daemon=True).start()
    browser.wait()
    idle_seconds = phases["idle"]["seconds"]
    cpu = {
        n: (sum(p.cpu_times()[:2]) - cpu0[n]) / (time.monotonic() - t_idle) * 100
        for n, p in servers.items()
        if n in cpu0 and n not in names[: max(2, args.users // 4)]
    }
    rss = {n: p.memory_info().rss / MiB for n, p in servers.items()}
    stop.set()
    per_min = [u["requests"] / idle_seconds * 60 for u in phases["idle"]["per_user"]]
    kinds: dict[str, int] = {}
    for u in phases["idle"]["per_user"]:
        for k, v in u["kinds"].items():
            kinds[k] = kinds.get(k, 0) + v
    with_ext, without_ext = peer_memory()

    lat = sorted(latencies)
    print(
        f"users: {args.users}, all signed in with JupyterLab + ESCAPE panels open in {phases['open']['seconds']:.0f} s"
    )
    print(f"work during the idle window: {', '.join(work) or 'none finished'}")
    print(
        f"hub API latency under load: median {statistics.median(lat):.0f} ms, p95 {lat[int(len(lat) * 0.95)]:.0f} ms, "
        f"max {lat[-1]:.0f} ms ({len(lat)} samples)"
    )
    print(f"per-user server memory: median {statistics.median(rss.values()):.0f} MiB, max {max(rss.values()):.0f} MiB")
    print(
        f"idle CPU per server, panels open: median {statistics.median(cpu.values()):.2f} % of a core, "
        f"max {max(cpu.values()):.2f} %"
    )
    print(
        f"requests per minute per user's panels when idle: median {statistics.median(per_min):.1f}, "
        f"max {max(per_min):.1f}"
    )
    for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])[:8]:
        print(f"    {v / idle_seconds * 60 / args.users:6.2f}/min/user  {k}")
    print(
        f"peer: JupyterLab with jupyter-escape {with_ext:.0f} MiB, without {without_ext:.0f} MiB "
        f"(ratio {with_ext / without_ext:.2f})"
    )
    print(
        f"500 users on paper: {500 * statistics.median(rss.values()) / 1024:.0f} GiB for idle servers (kernels "
        f"extra), {500 * statistics.median(cpu.values()) / 100:.1f} cores idle, "
        f"{500 * statistics.median(per_min):.0f} requests/min through the proxy"
    )


if __name__ == "__main__":
    main()
