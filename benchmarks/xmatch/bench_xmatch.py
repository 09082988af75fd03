"""Cross-match benchmark: jupyter-escape vs STILTS tmatch2 vs astropy search_around_sky, in one run.

Two 1,000,000-row catalogues in a 10x10 deg field; ~80% of the second are counterparts of the first with 0.3"
scatter, the rest unrelated. Generated deterministically (seed 2024) and cached in benchmarks/xmatch/.data.
Task: 1 arcsec best match for each row of the first catalogue (STILTS find=best1), written to a file.
Each tool runs in its own process (whole-process wall, CPU = user+sys, peak RSS from wait4); runs are interleaved
and the median of --repeat runs is reported. The pairs must agree: every tool's last output is read back and its
(id_1, id_2) pairs compared with STILTS's.

    .venv/bin/python benchmarks/xmatch/bench_xmatch.py [--rows 1000000] [--repeat 3] [--tools jupyter-escape,stilts]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"
PY = sys.executable

OURS = r"""
import json, sys, time
t0 = time.perf_counter()
from jupyter_escape.basket.xmatch import crossmatch
from jupyter_escape.basket.tableio import read_file, write_file
t1 = time.perf_counter()
a, b = read_file(sys.argv[1]), read_file(sys.argv[2])
r = crossmatch(a, b, 1.0, find="best")
write_file(r.table, sys.argv[3])
t2 = time.perf_counter()
print(json.dumps({"matches": r.n_matches, "import_s": t1 - t0, "work_s": t2 - t1}))
"""

ASTROPY = r"""
import json, sys, time
t0 = time.perf_counter()
import numpy as np, pyarrow as pa, pyarrow.parquet as pq
import astropy.units as u
from astropy.coordinates import SkyCoord, search_around_sky
t1 = time.perf_counter()
a, b = pq.read_table(sys.argv[1]), pq.read_table(sys.argv[2])
c1 = SkyCoord(a["ra"].to_numpy() * u.deg, a["dec"].to_numpy() * u.deg)
c2 = SkyCoord(b["ra"].to_numpy() * u.deg, b["dec"].to_numpy() * u.deg)
i, j, sep, _ = search_around_sky(c1, c2, 1 * u.arcsec)
order = np.lexsort((sep.arcsec, i))          # best per left row: the closest of each i
i, j, s = i[order], j[order], sep.arcsec[order]
first = np.r_[True, i[1:] != i[:-1]]
i, j, s = i[first], j[first], s[first]
out = pa.table({"id_1": a["id"].take(pa.array(i)), "id_2": b["id"].take(pa.array(j)), "separation": s})
pq.write_table(out, sys.argv[3])
t2 = time.perf_counter()
print(json.dumps({"matches": len(i), "import_s": t1 - t0, "work_s": t2 - t1}))
"""


def generate(rows: int) -> tuple[Path, Path, Path, Path]:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    DATA.mkdir(exist_ok=True)
    names = [DATA / f"{s}_{rows}.{e}" for s in ("a", "b") for e in ("parquet", "fits")]
    if all(p.exists() for p in names):
        return names[0], names[2], names[1], names[3]
    rng = np.random.default_rng(2024)
    ra0, dec0 = 180.0, 0.0
    # uniform on the sphere inside the 10x10 deg box
    ra1 = rng.uniform(ra0 - 5, ra0 + 5, rows)
    dec1 = np.degrees(np.arcsin(rng.uniform(np.sin(np.radians(dec0 - 5)), np.sin(np.radians(dec0 + 5)), rows)))
    n_true = int(rows * 0.8)
    pick = rng.permutation(rows)[:n_true]
    scatter = 0.3 / 3600.0
    ra2 = np.empty(rows)
    dec2 = np.empty(rows)
    dec2[:n_true] = dec1[pick] + rng.normal(0, scatter, n_true)
    ra2[:n_true] = ra1[pick] + rng.normal(0, scatter, n_true) / np.cos(np.radians(dec1[pick]))
    ra2[n_true:] = rng.uniform(ra0 - 5, ra0 + 5, rows - n_true)
    dec2[n_true:] = np.degrees(
        np.arcsin(rng.uniform(np.sin(np.radians(dec0 - 5)), np.sin(np.radians(dec0 + 5)), rows - n_true))
    )
    shuffle = rng.permutation(rows)
    ra2, dec2 = ra2[shuffle], dec2[shuffle]
    mag1 = rng.normal(19, 1.5, rows).astype(np.float32)
    mag2 = rng.normal(19, 1.5, rows).astype(np.float32)
    from astropy.table import Table

    for (ra, dec, mag, ident), pq_path, fits_path in (
        ((ra1, dec1, mag1, np.arange(rows, dtype=np.int64)), names[0], names[1]),
        ((ra2, dec2, mag2, np.arange(rows, dtype=np.int64) + 10**9), names[2], names[3]),
    ):
        meta = {
            "ra": {"unit": "deg", "ucd": "pos.eq.ra;meta.main"},
            "dec": {"unit": "deg", "ucd": "pos.eq.dec;meta.main"},
        }
        fields = [
            pa.field("id", pa.int64()),
            pa.field("ra", pa.float64(), metadata=meta["ra"]),
            pa.field("dec", pa.float64(), metadata=meta["dec"]),
            pa.field("mag", pa.float32()),
        ]
        pq.write_table(
            pa.Table.from_arrays(
                [pa.array(ident), pa.array(ra), pa.array(dec), pa.array(mag)], schema=pa.schema(fields)
            ),
            pq_path,
        )
        Table({"id": ident, "ra": ra, "dec": dec, "mag": mag}).write(fits_path, overwrite=True)
    return names[0], names[2], names[1], names[3]


def run(cmd: list[str]) -> dict:
    """Wall, CPU (user+sys) and peak RSS of one process, plus what it printed."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {err[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024, "out": out}


def fits_rows(path: Path) -> int:
    from astropy.io import fits

    with fits.open(path) as hdul:
        return int(hdul[1].header["NAXIS2"])


def pairs(path: Path) -> set[tuple[int, int]]:
    """The (id_1, id_2) pairs of a tool's output (Parquet or FITS)."""
    if path.suffix == ".fits":
        from astropy.table import Table

        t = Table.read(path)
        ids = t["id_1"], t["id_2"]
    else:
        import pyarrow.parquet as pq

        tp = pq.read_table(path)
        ids = tp["id_1"].to_numpy(), tp["id_2"].to_numpy()
    return set(zip(ids[0].tolist(), ids[1].tolist(), strict=True))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tools", default="jupyter-escape,astropy,stilts", help="comma-separated; STILTS always runs")
    args = parser.parse_args()
    stilts = shutil.which("stilts")
    if not stilts:
        print("STILTS is not installed: run stack/install-system.sh (stack/xmatch-bench/apt-packages.txt)")
        return 2
    a_pq, b_pq, a_fits, b_fits = generate(args.rows)
    tmp = Path(tempfile.mkdtemp(prefix="xmatch-bench-"))
    tools = {
        "jupyter-escape": lambda: [PY, "-c", OURS, str(a_pq), str(b_pq), str(tmp / "ours.parquet")],
        "astropy": lambda: [PY, "-c", ASTROPY, str(a_pq), str(b_pq), str(tmp / "astropy.parquet")],
        "stilts": lambda: [
            stilts,
            "tmatch2",
            f"in1={a_fits}",
            f"in2={b_fits}",
            "matcher=sky",
            "values1=ra dec",
            "values2=ra dec",
            "params=1",
            "find=best1",
            "join=1and2",
            f"out={tmp / 'stilts.fits'}",
            "ofmt=fits",
        ],
    }
    tools = {name: cmd for name, cmd in tools.items() if name == "stilts" or name in args.tools.split(",")}
    outputs = {"jupyter-escape": "ours.parquet", "astropy": "astropy.parquet", "stilts": "stilts.fits"}
    results: dict = {name: [] for name in tools}
    counts: dict = {}
    for round_ in range(args.repeat):
        for name, cmd in tools.items():  # interleaved, so machine load hits every tool alike
            r = run(cmd())
            if name == "stilts":
                r["matches"] = fits_rows(tmp / "stilts.fits")
            else:
                info = json.loads(r["out"].strip().splitlines()[-1])
                r.update(matches=info["matches"], work_s=info["work_s"])
            results[name].append(r)
            counts.setdefault(name, r["matches"])
            r["load"] = os.getloadavg()[0]
            print(
                f"  round {round_ + 1} {name:15s} wall {r['wall']:6.2f} s  cpu {r['cpu']:6.2f} s  "
                f"rss {r['rss_mib']:7.0f} MiB  matches {r['matches']}  load {r['load']:.1f}",
                flush=True,
            )
    assert len(set(counts.values())) == 1, f"match counts differ: {counts}"
    reference = pairs(tmp / outputs["stilts"])
    for name in tools:
        different = len(pairs(tmp / outputs[name]) ^ reference)
        assert not different, f"{name}: {different} pairs differ from STILTS's"
    print(
        f"\n{args.rows:,} x {args.rows:,} rows, 1 arcsec best match; all tools found the same {counts['stilts']:,} "
        f"pairs; median of {args.repeat} whole-process runs; load average (1 min) over the runs "
        f"{min(r['load'] for rs in results.values() for r in rs):.1f}-"
        f"{max(r['load'] for rs in results.values() for r in rs):.1f} on {os.cpu_count()} cores"
    )
    med = {n: {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu", "rss_mib")} for n, rs in results.items()}
    for name, m in med.items():
        extra = ""
        if name != "stilts":
            extra = f"  (in-process read+match+write {statistics.median(r['work_s'] for r in results[name]):.2f} s)"
        print(f"{name:15s} wall {m['wall']:6.2f} s  cpu {m['cpu']:6.2f} s  peak {m['rss_mib']:6.0f} MiB{extra}")
    ours = med["jupyter-escape"]
    for peer in (p for p in ("stilts", "astropy") if p in med):
        p = med[peer]
        print(
            f"{peer} / jupyter-escape: wall {p['wall'] / ours['wall']:.2f}x  cpu {p['cpu'] / ours['cpu']:.2f}x  "
            f"memory {p['rss_mib'] / ours['rss_mib']:.2f}x"
        )
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
