"""MOCs for the sky view: from MOC files, and from HEALPix probability sky maps at a credible level (mocpy)."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import BadInput, EscapeError
from .fitscheck import SERVICE, NotShowable, inspect_path

if TYPE_CHECKING:
    from mocpy import MOC

SQDEG_SKY = 4 * math.pi * (180 / math.pi) ** 2
# Cells beyond this order add detail no screen shows; it also bounds the JSON size.
MAX_ORDER = 12


def moc_json(moc: MOC) -> dict[str, Any]:
    """The Aladin Lite / IVOA JSON form: {"order": [ipix, ...]}."""
    data = moc.serialize(format="json")
    return {str(k): [int(v) for v in vals] for k, vals in data.items()}


def moc_summary(moc: MOC, **extra: Any) -> dict[str, Any]:
    fraction = float(moc.sky_fraction)
    return {
        "moc": moc_json(moc),
        "max_order": int(moc.max_order),
        "sky_fraction": fraction,
        "area_sq_deg": fraction * SQDEG_SKY,
        **extra,
    }


def load_moc(path: Path, name: str | None = None) -> dict[str, Any]:
    """A MOC file (FITS or JSON) as MOC JSON plus its area."""
    from mocpy import MOC

    name = name or path.name
    kind = inspect_path(path, name)
    if kind.kind == "healpix-map":
        raise NotShowable(
            f"{name} is a HEALPix probability map, not a MOC: ask for a MOC at a credible level (credible_level=0.9)"
        )
    if kind.kind != "moc":
        raise NotShowable(f"{name} is not a MOC ({kind.message})")
    try:
        if kind.details.get("format") == "json":
            moc = MOC.from_json(json.loads(path.read_text()))
        else:
            moc = MOC.load(str(path), format="fits")
    except Exception as exc:
        raise NotShowable(f"{name}: cannot read the MOC: {exc}") from exc
    return moc_summary(moc, source=name)


def read_skymap(path: Path, name: str) -> tuple[np.ndarray, np.ndarray, int]:
    """(uniq, probability per cell, order of the finest cell) from a flat NESTED or a multi-order HEALPix map."""
    from astropy.io import fits

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with fits.open(path, memmap=False) as hdul:
            hdu = next((h for h in hdul if isinstance(h, fits.BinTableHDU)), None)
            if hdu is None:
                raise NotShowable(f"{name}: no binary table holding HEALPix cells")
            header = hdu.header
            names = [c.name.upper() for c in hdu.columns]
            data = hdu.data
            if "UNIQ" in names:
                return _multi_order(data, names, name)
            return _flat(data, names, header, name)


def _multi_order(data: Any, names: list[str], name: str) -> tuple[np.ndarray, np.ndarray, int]:
    uniq = np.asarray(data["UNIQ"], dtype=np.uint64)
    if "PROBDENSITY" in names:
        density = np.asarray(data["PROBDENSITY"], dtype=np.float64)
        order = (np.floor(np.log2(uniq.astype(np.float64) / 4) / 2)).astype(np.int64)
        area_sr = 4 * np.pi / (12 * 4.0**order)
        prob = density * area_sr
    elif "PROB" in names:
        prob = np.asarray(data["PROB"], dtype=np.float64)
        order = (np.floor(np.log2(uniq.astype(np.float64) / 4) / 2)).astype(np.int64)
    else:
        raise NotShowable(f"{name}: multi-order map without a PROBDENSITY or PROB column (columns: {names})")
    return uniq, prob, int(order.max())


def _flat(data: Any, names: list[str], header: Any, name: str) -> tuple[np.ndarray, np.ndarray, int]:
    ordering = str(header.get("ORDERING", "")).upper()
    if ordering == "RING":
        raise NotShowable(
            f"{name}: RING-ordered HEALPix maps are not supported; write it NESTED "
            "(healpy.reorder(m, r2n=True) or ligo-skymap-flatten) and try again"
        )
    if ordering not in ("NESTED", "NEST"):
        raise NotShowable(f"{name}: unknown HEALPix ORDERING {ordering!r} (expected NESTED or NUNIQ)")
    column = "PROB" if "PROB" in names else names[0]
    values = np.asarray(data[column], dtype=np.float64).ravel()
    npix = values.size
    order = round(math.log(npix / 12, 4)) if npix >= 12 else -1
    if order < 0 or 12 * 4**order != npix:
        raise NotShowable(f"{name}: {npix} cells is not a full-sky HEALPix map (12 x 4^order cells)")
    uniq = (4 * 4**order + np.arange(npix, dtype=np.int64)).astype(np.uint64)
    return uniq, values, order


def moc_from_skymap(
    path: Path, credible_level: float, name: str | None = None, max_order: int | None = None
) -> dict[str, Any]:
    """The smallest region holding ``credible_level`` of the probability, as MOC JSON plus its area."""
    from mocpy import MOC

    name = name or path.name
    if not 0 < credible_level <= 1:
        raise BadInput("credible_level", f"{credible_level} is not in (0, 1]")
    kind = inspect_path(path, name)
    if kind.kind != "healpix-map":
        raise NotShowable(f"{name} is not a HEALPix probability sky map ({kind.message})")
    uniq, prob, finest = read_skymap(path, name)
    finite = np.isfinite(prob) & (prob > 0)
    if not finite.any():
        raise NotShowable(f"{name}: the map has no positive probability")
    uniq, prob = uniq[finite], prob[finite]
    total = float(prob.sum())
    prob = prob / total  # maps are normalised in principle; rounding or cropping can leave them a little off
    depth = min(max_order or finest, MAX_ORDER)
    if depth < finest:
        # Degrade: the MOC may not be finer than max_depth, so merge the finest cells up to `depth` first.
        order = (np.floor(np.log2(uniq.astype(np.float64) / 4) / 2)).astype(np.int64)
        shift = 2 * np.maximum(order - depth, 0)
        ipix = (uniq - (4 * 4 ** order.astype(np.uint64)).astype(np.uint64)) >> shift.astype(np.uint64)
        new_order = np.minimum(order, depth)
        uniq = (4 * 4 ** new_order.astype(np.uint64) + ipix).astype(np.uint64)
        uniq, inverse = np.unique(uniq, return_inverse=True)
        prob = np.bincount(inverse, weights=prob)
    try:
        moc = MOC.from_valued_healpix_cells(
            uniq.astype(np.uint64),
            prob.astype(np.float64),
            max_depth=depth,
            cumul_from=0.0,
            cumul_to=credible_level,
            strict=False,
        )
    except Exception as exc:
        raise EscapeError(f"{name}: mocpy could not build the MOC: {exc}", service=SERVICE, status=422) from exc
    return moc_summary(moc, source=name, credible_level=credible_level, probability_total=total)
