"""Deterministic sample files for tests and the docs' examples: small sky images and HEALPix probability sky maps.

Everything is generated from a seed, so two runs write byte-identical data. (The local HiPS and the stack's
catalogues come from the shared simulated sky in stack/lib/sample_sky.py instead.)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def sample_image(
    path: str | Path,
    ra: float,
    dec: float,
    *,
    size_deg: float = 2.0,
    npix: int = 300,
    n_sources: int = 60,
    seed: int = 0,
) -> Path:
    """Write a TAN-projected FITS image centred on (ra, dec): smooth background, noise and Gaussian stars."""
    from astropy.io import fits
    from astropy.wcs import WCS

    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:npix, 0:npix].astype(np.float64)
    # A diffuse glow plus noise, so the tiles are never flat and a rendered view has visible structure.
    centre = (npix - 1) / 2
    data = 60.0 + 40.0 * np.exp(-((xx - centre) ** 2 + (yy - centre) ** 2) / (2 * (npix / 3) ** 2))
    data += rng.normal(0.0, 4.0, size=data.shape)
    for x0, y0, flux, sigma in zip(
        rng.uniform(5, npix - 5, n_sources),
        rng.uniform(5, npix - 5, n_sources),
        rng.uniform(200, 1400, n_sources),
        rng.uniform(1.2, 2.6, n_sources),
        strict=True,
    ):
        data += flux * np.exp(-((xx - x0) ** 2 + (yy - y0) ** 2) / (2 * sigma**2))

    wcs = WCS(naxis=2)
    wcs.wcs.ctype = ["RA---TAN", "DEC--TAN"]
    wcs.wcs.crval = [ra, dec]
    wcs.wcs.crpix = [(npix + 1) / 2, (npix + 1) / 2]
    scale = size_deg / npix
    wcs.wcs.cdelt = [-scale, scale]
    wcs.wcs.radesys = "ICRS"
    header = wcs.to_header()
    header["BUNIT"] = "adu"
    header["OBJECT"] = Path(path).stem
    header["ORIGIN"] = "jupyter-escape sample"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fits.PrimaryHDU(data.astype(np.float32), header=header).writeto(path, overwrite=True)
    return path


def gaussian_probabilities(ra: float, dec: float, sigma_deg: float, order: int) -> tuple[np.ndarray, np.ndarray]:
    """Nested HEALPix cells (at ``order``) around (ra, dec) with a 2-D Gaussian probability, summing to 1.

    Built from concentric cone MOCs (mocpy), so no HEALPix library is needed: each annulus gets the Gaussian
    density at its mean radius, times the area of its cells.
    """
    import astropy.units as u
    from mocpy import MOC

    radii = np.linspace(sigma_deg / 8, 4 * sigma_deg, 32)
    ipix_all: list[np.ndarray] = []
    prob_all: list[np.ndarray] = []
    seen = np.array([], dtype=np.uint64)
    inner = 0.0
    for radius in radii:
        cells = (
            MOC.from_cone(lon=ra * u.deg, lat=dec * u.deg, radius=radius * u.deg, max_depth=order)
            .flatten()
            .astype(np.uint64)
        )
        ring = np.setdiff1d(cells, seen, assume_unique=False)
        seen = np.union1d(seen, ring)
        mid = (inner + radius) / 2
        inner = radius
        ipix_all.append(ring)
        prob_all.append(np.full(ring.size, np.exp(-(mid**2) / (2 * sigma_deg**2))))
    ipix = np.concatenate(ipix_all)
    prob = np.concatenate(prob_all)
    return ipix, prob / prob.sum()


def sample_skymap(
    path: str | Path,
    *,
    ra: float = 11.0,
    dec: float = 41.0,
    sigma_deg: float = 2.0,
    order: int = 6,
    multi_order: bool = False,
) -> Path:
    """Write a GW-like localisation: a flat NESTED HEALPix map (PROB column, as `ligo-skymap-flatten`
    writes) or, with ``multi_order``, a multi-order map (UNIQ + PROBDENSITY, as BAYESTAR writes)."""
    from astropy.io import fits

    ipix, prob = gaussian_probabilities(ra, dec, sigma_deg, order)
    nside = 2**order
    npix = 12 * nside * nside
    if multi_order:
        uniq = 4 * 4**order + ipix.astype(np.int64)
        cell_sr = 4 * np.pi / npix
        cols = [
            fits.Column("UNIQ", "K", array=uniq),
            fits.Column("PROBDENSITY", "D", unit="sr-1", array=prob / cell_sr),
        ]
        hdu = fits.BinTableHDU.from_columns(cols)
        hdu.header.update(
            {
                "PIXTYPE": "HEALPIX",
                "ORDERING": "NUNIQ",
                "COORDSYS": "C",
                "MOCORDER": order,
                "INDXSCHM": "EXPLICIT",
                "OBJECT": "sample-event",
            }
        )
    else:
        full = np.zeros(npix, dtype=np.float64)
        full[ipix.astype(np.int64)] = prob
        hdu = fits.BinTableHDU.from_columns([fits.Column("PROB", "D", unit="pix-1", array=full)])
        hdu.header.update(
            {
                "PIXTYPE": "HEALPIX",
                "ORDERING": "NESTED",
                "COORDSYS": "C",
                "NSIDE": nside,
                "INDXSCHM": "IMPLICIT",
                "FIRSTPIX": 0,
                "LASTPIX": npix - 1,
                "OBJECT": "sample-event",
            }
        )
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(path, overwrite=True)
    return path
