"""Generate the benchmark VOTables once: 1,000,000 rows x 10 columns (long, 3 doubles, 3 floats, 2 shorts,
char[12]) in TABLEDATA, BINARY and BINARY2, cached under benchmarks/.cache/.

The columns mirror the local DaCHS table esc_bench.big. The values are written to FITS with astropy (fast), then
STILTS converts FITS to each VOTable serialisation, so the files are what a Java VO tool writes. Without STILTS,
astropy writes the VOTables (slow, but only once).
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

import numpy as np

CACHE = pathlib.Path(__file__).resolve().parent.parent / ".cache"
FORMATS = {"tabledata": "votable-tabledata", "binary": "votable-binary-inline", "binary2": "votable-binary2-inline"}


def columns(n: int) -> dict:
    i = np.arange(1, n + 1, dtype=np.int64)

    def frac(k: float) -> np.ndarray:
        return (i * k) % 1.0

    mag = (16.0 + 8.0 * frac(0.4142135623730950)).astype(np.float32)
    mag[::97] = np.nan  # some nulls
    return {
        "row_id": i,
        "ra": 145.0 + 10.0 * frac(0.6180339887498949),
        "dec": -3.0 + 10.0 * frac(0.7548776662466927),
        "epoch": 55000.0 + ((i * 7919) % 3653) + frac(0.5698402909980532),
        "mag": mag,
        "mag_err": (0.01 + 0.2 * frac(0.3247179572447460)).astype(np.float32),
        "flux": (1000.0 * 10 ** (-0.4 * 8.0 * frac(0.4142135623730950))).astype(np.float32),
        "n_obs": (1 + (i * 37) % 200).astype(np.int16),
        "flag": ((i * 13) % 8).astype(np.int16),
        "label": np.char.add("ESC", np.char.zfill(np.char.mod("%x", i), 9)).astype("S12"),
    }


def paths(n: int) -> dict[str, pathlib.Path]:
    return {fmt: CACHE / f"bench_{n}_{fmt}.vot" for fmt in FORMATS}


def make(n: int = 1_000_000, force: bool = False) -> dict[str, pathlib.Path]:
    CACHE.mkdir(parents=True, exist_ok=True)
    out = paths(n)
    if not force and all(p.exists() for p in out.values()):
        return out
    from astropy.table import Table

    table = Table(columns(n))
    table["ra"].unit = table["dec"].unit = "deg"
    table["mag"].unit = table["mag_err"].unit = "mag"
    fits = CACHE / f"bench_{n}.fits"
    table.write(fits, overwrite=True)
    stilts = shutil.which("stilts")
    for fmt, ofmt in FORMATS.items():
        if stilts:
            subprocess.run([stilts, "tcopy", f"in={fits}", f"out={out[fmt]}", f"ofmt={ofmt}"], check=True)
        else:
            from astropy.io.votable import from_table

            vot = from_table(table)
            vot.get_first_table().format = fmt
            vot.to_xml(str(out[fmt]))
    return out


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    for fmt, path in make(n, force="--force" in sys.argv).items():
        print(fmt, path, f"{path.stat().st_size / 1e6:.1f} MB")
