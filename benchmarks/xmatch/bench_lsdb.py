"""Out-of-core cross-match: LSDB over HATS on a local Dask cluster with capped worker memory.

Two catalogues of --rows rows each (default 20M) in a 40x40 deg field, ~80% counterparts at 0.3" scatter, written
as parquet in 1M-row files (never whole in memory), built into HATS with the hats-import pipeline (time printed
apart), then a 1 arcsec best match written to a Parquet folder by the workers. Peak RSS of the whole process tree
(this process + scheduler + workers) and of each worker is sampled every 0.2 s. The match is checked against the
in-memory KD-tree on a 0.5 deg cone (same pairs).

    .venv/bin/python benchmarks/xmatch/bench_lsdb.py [--rows 20000000] [--workers 2] [--worker-memory 1.5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
CHUNK = 1_000_000


def generate(rows: int) -> tuple[list[Path], list[Path]]:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = DATA / f"big_{rows}"
    a_dir, b_dir = out / "a", out / "b"
    done = out / ".complete"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        a_dir.mkdir(parents=True), b_dir.mkdir(parents=True)
        rng = np.random.default_rng(2025)
        half = 20.0
        for k, start in enumerate(range(0, rows, CHUNK)):
            n = min(CHUNK, rows - start)
            ra1 = rng.uniform(180 - half, 180 + half, n)
            dec1 = np.degrees(np.arcsin(rng.uniform(np.sin(np.radians(-half)), np.sin(np.radians(half)), n)))
            n_true = int(n * 0.8)
            s = 0.3 / 3600
            ra2 = np.concatenate(
                [
                    ra1[:n_true] + rng.normal(0, s, n_true) / np.cos(np.radians(dec1[:n_true])),
                    rng.uniform(180 - half, 180 + half, n - n_true),
                ]
            )
            dec2 = np.concatenate(
                [
                    dec1[:n_true] + rng.normal(0, s, n_true),
                    np.degrees(np.arcsin(rng.uniform(np.sin(np.radians(-half)), np.sin(np.radians(half)), n - n_true))),
                ]
            )
            ids = np.arange(start, start + n, dtype=np.int64)
            pq.write_table(
                pa.table({"id": ids, "ra": ra1, "dec": dec1, "mag": rng.normal(19, 1.5, n).astype(np.float32)}),
                a_dir / f"part{k:03d}.parquet",
            )
            pq.write_table(
                pa.table({"id": ids + 10**9, "ra": ra2, "dec": dec2, "mag": rng.normal(19, 1.5, n).astype(np.float32)}),
                b_dir / f"part{k:03d}.parquet",
            )
        done.touch()
    return sorted(a_dir.glob("*.parquet")), sorted(b_dir.glob("*.parquet"))


class TreeSampler(threading.Thread):
    """Peak RSS of this process and all its descendants (total), and per process."""

    def __init__(self):
        super().__init__(daemon=True)
        import psutil

        self.me = psutil.Process()
        self.peak_total = 0
        self.peak_by_pid: dict[int, int] = {}
        self.stop = threading.Event()

    def run(self):
        import psutil

        while not self.stop.is_set():
            total = 0
            for p in [self.me, *self.me.children(recursive=True)]:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                self.peak_by_pid[p.pid] = max(self.peak_by_pid.get(p.pid, 0), rss)
            self.peak_total = max(self.peak_total, total)
            time.sleep(0.2)

    def reset(self):
        self.peak_total, self.peak_by_pid = 0, {}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-memory", type=float, default=1.5, help="GiB per worker")
    parser.add_argument("--keep-hats", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent.parent))
    from jupyter_escape.scale.cluster import connect
    from jupyter_escape.scale.hats import write_hats
    from jupyter_escape.scale.xmatch_dask import lsdb_match, submit

    print(f"load before: {os.getloadavg()}  (2-core machine shared with other work)", flush=True)
    t = time.perf_counter()
    a_files, b_files = generate(args.rows)
    print(f"data: {args.rows:,} x {args.rows:,} rows in {len(a_files)} files each ({time.perf_counter() - t:.1f} s)")
    sampler = TreeSampler()
    sampler.start()
    cluster = connect(n_workers=args.workers, memory_limit=int(args.worker_memory * 1024**3))
    workers = cluster.client.run(os.getpid)
    print(f"cluster: {cluster.name}, dashboard {cluster.dashboard_link}", flush=True)
    hats_root = DATA / f"hats_{args.rows}"
    build = {}
    for side, files in (("a", a_files), ("b", b_files)):
        dest = hats_root / side
        if not (dest / "collection.properties").exists():
            t = time.perf_counter()
            info = write_hats(files, dest, cluster.client, margin_arcsec=2.0, overwrite=True)
            build[side] = time.perf_counter() - t
            print(
                f"HATS build {side}: {build[side]:.1f} s, {info['partitions']} partitions, {info['method']}", flush=True
            )
    print(f"HATS build peak RSS (all processes): {sampler.peak_total / 1024**3:.2f} GiB", flush=True)
    sampler.reset()
    out = DATA / f"xmatch_{args.rows}"
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    job = submit(
        lsdb_match(hats_root / "a", hats_root / "b", 1.0), cluster.client, out_dir=out, cluster_name=cluster.name
    )
    while not job.done():
        time.sleep(5)
        p = job.progress()
        print(f"  {p['done']}/{p['total']} partitions, {p['elapsed_s']:.0f} s", flush=True)
    got = job.result()
    wall = time.perf_counter() - t
    peaks = {pid: sampler.peak_by_pid.get(pid, 0) for pid in workers.values()}
    print(
        f"\nLSDB cross-match {args.rows:,} x {args.rows:,} at 1 arcsec (best): {got['rows']:,} matches, "
        f"{wall:.1f} s wall; peak RSS all processes {sampler.peak_total / 1024**3:.2f} GiB; per worker "
        + ", ".join(f"{v / 1024**3:.2f} GiB" for v in peaks.values())
        + f" (limit {args.worker_memory:g} GiB each); load after {os.getloadavg()}"
    )
    sampler.stop.set()
    check(hats_root, out, a_files, b_files)
    if not args.keep_hats:
        shutil.rmtree(out, ignore_errors=True)
    return 0


def check(hats_root: Path, out: Path, a_files, b_files) -> None:
    """Same pairs as the in-memory KD-tree inside a 0.5 deg cone around (180, 0) (right rows taken 1' wider)."""
    import numpy as np
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    from jupyter_escape.basket.xmatch import crossmatch

    def cone(files, radius):
        t = ds.dataset([str(f) for f in files]).to_table(
            filter=(pc.field("dec") > -radius - 0.1)
            & (pc.field("dec") < radius + 0.1)
            & (pc.field("ra") > 180 - radius - 0.1)
            & (pc.field("ra") < 180 + radius + 0.1)
        )
        ra, dec = np.radians(t["ra"].to_numpy()), np.radians(t["dec"].to_numpy())
        d = np.degrees(np.arccos(np.clip(np.cos(dec) * np.cos(ra - np.pi), -1, 1)))
        return t.filter(d <= radius)

    a, b = cone(a_files, 0.5), cone(b_files, 0.5 + 1 / 60)
    ref = crossmatch(a, b, 1.0, engine="scipy").table
    ours = ds.dataset(str(out)).to_table(filter=pc.is_in(pc.field("id_1"), a["id"]))
    same = sorted(zip(ref["id_1"].to_pylist(), ref["id_2"].to_pylist(), strict=True)) == sorted(
        zip(ours["id_1"].to_pylist(), ours["id_2"].to_pylist(), strict=True)
    )
    print(
        f"check on a 0.5 deg cone: in-memory {ref.num_rows:,} pairs, LSDB {ours.num_rows:,} pairs, same pairs: {same}"
    )


if __name__ == "__main__":
    sys.exit(main())
