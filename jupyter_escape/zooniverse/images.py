"""FITS images (cutouts made with SODA, staged files) as PNG subjects: a chosen stretch, the metadata volunteers
and later analyses need (position from the WCS, object, instrument, date), attached to the subject."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import BadInput, EscapeError

STRETCHES = ("linear", "sqrt", "log", "asinh")
INTERVALS = ("zscale", "minmax", "99.5%")
MAX_SIDE = 1024  # Zooniverse recommends subject images well under 1 MB: large cutouts are binned down


def _stretch(name: str) -> Any:
    from astropy import visualization as vis

    return {"linear": vis.LinearStretch, "sqrt": vis.SqrtStretch, "log": vis.LogStretch, "asinh": vis.AsinhStretch}[
        name
    ]()


def _interval(name: str) -> Any:
    from astropy import visualization as vis

    return {"zscale": vis.ZScaleInterval, "minmax": vis.MinMaxInterval, "99.5%": lambda: vis.PercentileInterval(99.5)}[
        name
    ]()


def check_rendering(stretch: str, interval: str) -> None:
    if stretch not in STRETCHES:
        raise BadInput("stretch", f"must be one of {', '.join(STRETCHES)}, got {stretch!r}")
    if interval not in INTERVALS:
        raise BadInput("interval", f"must be one of {', '.join(INTERVALS)}, got {interval!r}")


def _image_hdu(hdul: Any, name: str) -> Any:
    for hdu in hdul:
        if hdu.data is not None and getattr(hdu, "is_image", False) and hdu.data.ndim >= 2:
            return hdu
    raise EscapeError(f"{name}: no image in this FITS file (a table or spectrum cannot become a subject)", status=400)


def fits_to_png(path: str | Path, *, stretch: str = "asinh", interval: str = "zscale") -> tuple[bytes, dict[str, Any]]:
    """(PNG bytes, subject metadata) of the first image of a FITS file."""
    from astropy.io import fits
    from astropy.wcs import WCS
    from PIL import Image

    check_rendering(stretch, interval)
    path = Path(path)
    try:
        with fits.open(path, memmap=False) as hdul:
            hdu = _image_hdu(hdul, path.name)
            data = np.asarray(hdu.data, dtype=np.float64)
            header = hdu.header.copy()
    except OSError as exc:
        raise EscapeError(f"{path.name}: not a readable FITS file ({exc})", status=400) from None
    while data.ndim > 2:  # cubes: the first plane
        data = data[0]
    step = max(1, int(np.ceil(max(data.shape) / MAX_SIDE)))
    data = data[::step, ::step]
    finite = np.isfinite(data)
    if not finite.any():
        raise EscapeError(f"{path.name}: the image has no finite pixel", status=400)
    data = np.where(finite, data, np.nanmin(data[finite]))
    # Interval then stretch, as astropy.visualization.ImageNormalize does (which needs matplotlib; this does not).
    vmin, vmax = _interval(interval).get_limits(data)
    scaled = np.clip((data - vmin) / ((vmax - vmin) or 1.0), 0.0, 1.0)
    scaled = _stretch(stretch)(scaled, clip=True)
    pixels = (scaled * 255).astype(np.uint8)[::-1]  # FITS rows go up, PNG rows down
    buf = io.BytesIO()
    Image.fromarray(pixels, mode="L").save(buf, format="PNG", optimize=True)
    meta: dict[str, str | float] = {"Filename": path.name, "stretch": stretch, "interval": interval}
    try:
        wcs = WCS(header).celestial
        if wcs.has_celestial:
            ny, nx = data.shape
            centre = wcs.pixel_to_world_values((nx * step - 1) / 2, (ny * step - 1) / 2)
            meta["ra"], meta["dec"] = round(float(centre[0]) % 360, 7), round(float(centre[1]), 7)
    except Exception:
        meta["#position"] = "none (no usable celestial WCS)"
    for key, name in (
        ("OBJECT", "#object"),
        ("TELESCOP", "#telescope"),
        ("INSTRUME", "#instrument"),
        ("DATE-OBS", "#date_obs"),
        ("BUNIT", "#bunit"),
    ):
        if header.get(key) not in (None, ""):
            meta[name] = str(header[key])
    return buf.getvalue(), meta
