"""Writes the local HiPS "escape-sample": the simulated optical sky (stack/lib/sample_sky.py) of the demo fields,
rendered straight onto HEALPix tiles (no intermediate images, so no seams between images).

    python make_hips.py OUT_DIR

Every pixel of the deepest order is evaluated at its own HEALPix cell centre (order 8 tiles of 512 x 512 pixels:
1.6" pixels); its noise comes from a hash of the cell number, so neighbouring tiles agree on shared sources and
noise. Lower orders are 2 x 2 averages of their children, down to order 0, plus the order 3 Allsky, a MOC of the
covered area and the HiPS properties. Pixels outside the fields are transparent.

Tile pixel layout (HiPS 1.0, checked against tiles written by CDS Hipsgen): in a PNG tile of width 2**w, the pixel
at (row, column) holds the cell ``tile * 4**w + interleave(row, column)``, the row's bits at the even positions.
"""

from __future__ import annotations

import math
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))
import sample_sky

HIPS_ID = "escape-sample"
MAX_ORDER = 8
TILE_BITS = 9  # 512 x 512 pixels per tile
WIDTH = 1 << TILE_BITS
COVER_MARGIN_DEG = 0.0  # the rendered disc is the simulated area: beyond it there are no objects
# asinh stretch of the r-band counts: sky at 100 counts, noise 4; faint galaxies visible, bright stars not flat
SKY, SOFTENING, WHITE = 100.0, 12.0, 60000.0


def _interleave_table() -> np.ndarray:
    rows, cols = np.mgrid[0:WIDTH, 0:WIDTH].astype(np.int64)
    z = np.zeros_like(rows)
    for b in range(TILE_BITS):
        z |= ((rows >> b) & 1) << (2 * b) | ((cols >> b) & 1) << (2 * b + 1)
    return z


SUB_CELLS = _interleave_table()


def covered_cells(depth: int) -> np.ndarray:
    """Cells at ``depth`` that touch a field's disc (sorted, unique)."""
    import astropy.units as u
    from cdshealpix.nested import cone_search

    cells = []
    for ra, dec, radius, _ in sample_sky.FIELDS.values():
        ipix, _, _ = cone_search(ra * u.deg, dec * u.deg, (radius + COVER_MARGIN_DEG) * u.deg, depth, flat=True)
        cells.append(np.asarray(ipix, dtype=np.int64))
    return np.unique(np.concatenate(cells))


def render_tile(tile: int, truths: list[dict]) -> np.ndarray:
    """Counts per pixel of one deepest-order tile; NaN outside every field's disc."""
    import astropy.units as u
    from cdshealpix.nested import healpix_to_lonlat

    out = np.full((WIDTH, WIDTH), np.nan)
    clon, clat = healpix_to_lonlat(np.array([tile], dtype=np.uint64), MAX_ORDER)
    centre = (clon.to_value(u.deg)[0], clat.to_value(u.deg)[0])
    near = [t for t in truths if _distance_deg(centre, (t["ra0"], t["dec0"])) < t["radius"] + 0.3]
    if not near:
        return out
    cells = (np.int64(tile) << (2 * TILE_BITS)) + SUB_CELLS
    lon, lat = healpix_to_lonlat(cells.astype(np.uint64).ravel(), MAX_ORDER + TILE_BITS)
    ra = lon.to_value(u.deg).reshape(WIDTH, WIDTH)
    dec = lat.to_value(u.deg).reshape(WIDTH, WIDTH)
    for t in near:
        east, north = sample_sky.tangent_offsets(t["ra0"], t["dec0"], ra, dec)
        inside = np.hypot(east, north) <= t["radius"] + COVER_MARGIN_DEG
        if inside.any():
            out[inside] = sample_sky.render(ra[inside], dec[inside], t, "optical", noise_key=cells[inside])
    return out


def _distance_deg(a, b) -> float:
    ra1, dec1, ra2, dec2 = map(math.radians, (*a, *b))
    cos_d = math.sin(dec1) * math.sin(dec2) + math.cos(dec1) * math.cos(dec2) * math.cos(ra1 - ra2)
    return math.degrees(math.acos(max(-1.0, min(1.0, cos_d))))


def _downsample(children: list[np.ndarray | None]) -> np.ndarray:
    """The parent tile from its four children (index c: rows block c & 1, columns block c >> 1)."""
    parent = np.full((WIDTH, WIDTH), np.nan)
    half = WIDTH // 2
    for c, child in enumerate(children):
        if child is None:
            continue
        blocks = child.reshape(half, 2, half, 2)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN blocks stay NaN
            mean = np.nanmean(blocks, axis=(1, 3))
        r0, c0 = (c & 1) * half, (c >> 1) * half
        parent[r0 : r0 + half, c0 : c0 + half] = mean
    return parent


def to_grey_alpha(counts: np.ndarray) -> np.ndarray:
    """8-bit grey (asinh stretch) and alpha (0 where nothing was rendered)."""
    valid = np.isfinite(counts)
    x = np.where(valid, counts - SKY, 0.0)
    scale = np.arcsinh(WHITE / SOFTENING)
    grey = np.clip(np.arcsinh(np.maximum(x + 3 * 4.0, 0) / SOFTENING) / scale, 0, 1)
    v = (grey * 255).astype(np.uint8)
    return np.dstack([v, np.where(valid, 255, 0).astype(np.uint8)])


def tile_path(out: Path, order: int, tile: int) -> Path:
    return out / f"Norder{order}" / f"Dir{(tile // 10000) * 10000}" / f"Npix{tile}.png"


def write_png(path: Path, counts: np.ndarray) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    # Grey + alpha PNG (browsers decode it as RGBA); light compression: the build time matters more than 20% size.
    Image.fromarray(to_grey_alpha(counts), "LA").save(path, optimize=False, compress_level=2)


def build(out: Path) -> dict:
    truths = [sample_sky.truth(name) for name in sample_sky.FIELDS]
    deepest = {int(c) for c in covered_cells(MAX_ORDER)}
    wanted = {order: {c >> (2 * (MAX_ORDER - order)) for c in deepest} for order in range(MAX_ORDER + 1)}
    order3: dict[int, np.ndarray] = {}
    counts = {"tiles": 0}

    def make(order: int, tile: int) -> np.ndarray | None:
        if tile not in wanted[order]:
            return None
        if order == MAX_ORDER:
            data = render_tile(tile, truths)
        else:
            data = _downsample([make(order + 1, 4 * tile + c) for c in range(4)])
        write_png(tile_path(out, order, tile), data)
        counts["tiles"] += 1
        if order == 3:
            order3[tile] = data
        return data

    for base in range(12):
        make(0, base)
    write_allsky(out, order3)
    write_moc(out, np.array(sorted(deepest), dtype=np.uint64))
    write_properties(out, counts["tiles"])
    return counts


def write_allsky(out: Path, order3: dict[int, np.ndarray]) -> None:
    """Norder3/Allsky.png: all 768 order 3 tiles at 64 x 64, 27 per row (transparent where not covered)."""
    from PIL import Image

    small, per_row = 64, 27
    rows = math.ceil(768 / per_row)
    sheet = np.zeros((rows * small, per_row * small, 2), dtype=np.uint8)
    f = WIDTH // small
    for tile, data in order3.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN blocks stay NaN
            reduced = np.nanmean(data.reshape(small, f, small, f), axis=(1, 3))
        r0, c0 = (tile // per_row) * small, (tile % per_row) * small
        sheet[r0 : r0 + small, c0 : c0 + small] = to_grey_alpha(reduced)
    Image.fromarray(sheet, "LA").save(out / "Norder3" / "Allsky.png")


def write_moc(out: Path, cells: np.ndarray) -> None:
    from mocpy import MOC

    moc = MOC.from_healpix_cells(cells, np.full(cells.size, MAX_ORDER, dtype=np.uint8), MAX_ORDER)
    moc.save(str(out / "Moc.fits"), format="fits", overwrite=True)


def write_properties(out: Path, n_tiles: int) -> None:
    ra, dec, _, _ = sample_sky.FIELDS["M51"]
    pixel_deg = 58.6323 / 2 ** (MAX_ORDER + TILE_BITS)
    props = {
        "creator_did": f"ivo://escape.local/P/{HIPS_ID}",
        "obs_title": "ESCAPE sample fields (simulated r band)",
        "obs_description": "SIMULATED optical (r band) sky of the jupyter-escape demo fields M51, Lockman Hole and "
        "ELAIS-N1, rendered from the same simulated objects as the local data lake's radio "
        "catalogues and the local VO's optical catalogue (stack/lib/sample_sky.py). "
        "Field positions are real; every object in them is simulated. Not real data.",
        "obs_regime": "Optical",
        "dataproduct_type": "image",
        "hips_version": "1.4",
        "hips_builder": "jupyter-escape stack/hips/make_hips.py",
        "hips_frame": "equatorial",
        "hips_order": str(MAX_ORDER),
        "hips_order_min": "0",
        "hips_tile_width": str(WIDTH),
        "hips_tile_format": "png",
        "hips_pixel_scale": f"{pixel_deg:.6g}",
        "hips_initial_ra": f"{ra}",
        "hips_initial_dec": f"{dec}",
        "hips_initial_fov": "1.2",
        "hips_nb_tiles": str(n_tiles),
        "moc_sky_fraction": f"{len(covered_cells(MAX_ORDER)) / (12 * 4**MAX_ORDER):.6g}",
    }
    width = max(len(k) for k in props)
    (out / "properties").write_text("".join(f"{k:<{width}} = {v}\n" for k, v in props.items()))


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        sys.exit("usage: make_hips.py OUT_DIR")
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    counts = build(out)
    print(
        f"wrote HiPS {HIPS_ID}: {counts['tiles']} tiles up to order {MAX_ORDER} in {out} "
        f"({time.monotonic() - t0:.0f} s)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
