"""Writes the sample data the local DaCHS serves, deterministically (fixed seeds, no downloads).

    python3 make_data.py INPUTS_DIR

creates under INPUTS_DIR:
  esc_demo/data/sources.csv   the optical catalogue: ~3000 sources in each demo field (M51, Lockman Hole,
                              ELAIS-N1: the same simulated sky as the data lake's radio catalogues and the local
                              HiPS, stack/lib/sample_sky.py) and 500 in each of Bootes and the HST deep fields
  esc_img/data/*.fits         small images (64..256 px) with a TAN WCS, rendered from the same simulated objects
  esc_spec/data/*.fits        1D spectra as FITS binary tables (metadata in the primary header)

Everything is SIMULATED (fixed seeds, no downloads): the field positions are real, the objects are not.
Run with the system Python (Debian's python3-astropy and python3-numpy come with DaCHS).
"""

import csv
import math
import os
import sys

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "lib"))
import sample_sky

# The demo fields come from the shared sky model; the others (Bootes and Hubble deep fields, name, ra, dec, radius
# deg) keep a simpler generator: they serve the cone search, SIA, SSA and DataLink tests, not the science story.
FIELDS = [(name, ra, dec, radius) for name, (ra, dec, radius, _) in sample_sky.FIELDS.items()] + [
    ("Bootes", 218.0, 34.5, 1.0),
    ("HDF-N", 189.2058, 62.2161, 0.25),
    ("HUDF", 53.1625, -27.7914, 0.25),
    ("COSMOS", 150.1192, 2.2058, 0.7),
]
SOURCES_PER_FIELD = 500
SEED = 20240601


def _model_rows(fi, field):
    cat = sample_sky.optical_catalogue(sample_sky.truth(field))
    rows = []
    for i in range(cat["ra"].size):
        ra, dec = float(cat["ra"][i]), float(cat["dec"][i])
        flux = float(cat["flux_144mhz"][i])
        rows.append(
            {
                "source_id": fi * 100000 + i + 1,
                "name": f"ESC J{ra:08.4f}{dec:+08.4f}",
                "ra": round(ra, 7),
                "dec": round(dec, 7),
                "pos_err": round(float(cat["pos_err"][i]), 3),
                "field": field,
                "obj_class": str(cat["obj_class"][i]),
                "mag_u": round(float(cat["mag_u"][i]), 3),
                "mag_g": round(float(cat["mag_g"][i]), 3),
                "mag_r": round(float(cat["mag_r"][i]), 3),
                "mag_i": round(float(cat["mag_i"][i]), 3),
                "mag_err": round(float(cat["mag_err"][i]), 4),
                "redshift": round(float(cat["redshift"][i]), 4),
                "z_err": round(float(cat["z_err"][i]), 4),
                "flux_144mhz": "" if math.isnan(flux) else round(flux, 4),
            }
        )
    return rows


def _sources(rng):
    rows = []
    for fi, (field, ra0, dec0, radius) in enumerate(FIELDS):
        if field in sample_sky.FIELDS:
            rows += _model_rows(fi, field)
            continue
        n = SOURCES_PER_FIELD
        # uniform in a disc on the tangent plane, good enough for fields of a degree
        r = radius * np.sqrt(rng.random(n))
        phi = 2 * np.pi * rng.random(n)
        dec = dec0 + r * np.sin(phi)
        ra = (ra0 + r * np.cos(phi) / np.cos(np.radians(dec0))) % 360
        kind = rng.choice(["galaxy", "qso", "star"], size=n, p=[0.8, 0.05, 0.15])
        z = np.where(kind == "star", 0.0, np.where(kind == "qso", rng.gamma(4.0, 0.5, n), rng.gamma(2.0, 0.35, n)))
        mag_r = 17 + 8 * rng.beta(3, 2, n)
        colours = rng.normal([1.2, 0.6, 0.3], [0.3, 0.15, 0.1], size=(n, 3))
        lofar = field in ("Lockman Hole", "ELAIS-N1", "Bootes")
        flux = np.where(rng.random(n) < (0.4 if lofar else 0.0), 10 ** rng.normal(-0.3, 0.6, n), np.nan)
        for i in range(n):
            name = f"ESC J{ra[i]:08.4f}{dec[i]:+08.4f}"
            rows.append(
                {
                    "source_id": fi * 100000 + i + 1,
                    "name": name,
                    "ra": round(float(ra[i]), 7),
                    "dec": round(float(dec[i]), 7),
                    "pos_err": 0.1,
                    "field": field,
                    "obj_class": kind[i],
                    "mag_u": round(float(mag_r[i] + colours[i, 0] + colours[i, 1]), 3),
                    "mag_g": round(float(mag_r[i] + colours[i, 1]), 3),
                    "mag_r": round(float(mag_r[i]), 3),
                    "mag_i": round(float(mag_r[i] - colours[i, 2]), 3),
                    "mag_err": round(float(0.01 + 0.002 * np.exp(mag_r[i] - 20)), 4),
                    "redshift": round(float(z[i]), 4),
                    "z_err": round(float(0.0 if kind[i] == "star" else 0.02 * (1 + z[i])), 4),
                    "flux_144mhz": "" if np.isnan(flux[i]) else round(float(flux[i]), 4),
                }
            )
    return rows


def write_catalogue(outdir, rows):
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "sources.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


# (field, band, instrument, size px, pixel scale arcsec, date, filter id, wavelength m, bandwidth m)
IMAGES = [
    ("Lockman Hole", "r", "INT WFC", 256, 1.6, "2019-04-02T01:12:00", "SDSS r", 6.2e-7, 1.4e-7),
    ("Lockman Hole", "144MHz", "LOFAR HBA", 256, 1.5, "2018-03-12T22:00:00", "LOFAR HBA 144MHz", 2.08, 0.5),
    ("ELAIS-N1", "r", "WFC", 256, 1.6, "2017-06-20T23:40:00", "SDSS r", 6.2e-7, 1.4e-7),
    ("ELAIS-N1", "144MHz", "LOFAR HBA", 192, 1.5, "2018-05-02T21:30:00", "LOFAR HBA 144MHz", 2.08, 0.5),
    ("HDF-N", "F606W", "HST ACS/WFC", 128, 1.5, "2003-10-01T05:00:00", "F606W", 5.9e-7, 2.3e-7),
    ("HUDF", "F775W", "HST ACS/WFC", 128, 1.5, "2004-01-15T12:00:00", "F775W", 7.7e-7, 1.5e-7),
    ("COSMOS", "i", "Subaru Suprime-Cam", 96, 8.0, "2007-02-20T10:00:00", "SDSS i", 7.6e-7, 1.5e-7),
    ("Bootes", "r", "NOAO Mosaic", 64, 10.0, "2004-04-11T07:00:00", "SDSS r", 6.2e-7, 1.4e-7),
    ("M51", "r", "Pan-STARRS-like GPC1", 256, 3.0, "2012-05-20T09:30:00", "SDSS r", 6.2e-7, 1.4e-7),
    ("M51", "144MHz", "LOFAR HBA", 256, 3.0, "2015-04-18T20:40:00", "LOFAR HBA 144MHz", 2.08, 0.5),
]
TRUTHS = {}


def _model_image(field, band, w, npix, scale, rng):
    """The shared simulated sky through this image's WCS, averaged over sub-pixels so stars are not missed."""
    t = TRUTHS.setdefault(field, sample_sky.truth(field))
    sub = max(1, math.ceil(scale / (0.8 if band == "r" else 2.0)))
    yy, xx = np.mgrid[0 : npix * sub, 0 : npix * sub]
    ra, dec = w.all_pix2world((xx + 0.5) / sub - 0.5, (yy + 0.5) / sub - 0.5, 0)
    sky = sample_sky.render(ra, dec, t, "optical" if band == "r" else "radio")
    img = sky.reshape(npix, sub, npix, sub).mean(axis=(1, 3))
    noise = 4.0 if band == "r" else sample_sky.RADIO_RMS_MJY
    return (img + rng.normal(0.0, noise, img.shape)).astype(np.float32)


def _legacy_image(field, band, w, npix, rows, rng):
    img = rng.normal(100.0, 3.0, (npix, npix)).astype(np.float32)
    yy, xx = np.mgrid[0:npix, 0:npix]
    fsrc = [r for r in rows if r["field"] == field]
    px, py = w.all_world2pix([r["ra"] for r in fsrc], [r["dec"] for r in fsrc], 0)
    sigma = 1.5
    for r, x, y in zip(fsrc, px, py, strict=True):
        if -5 < x < npix + 5 and -5 < y < npix + 5:
            if band == "144MHz":
                amp = 0.0 if r["flux_144mhz"] == "" else 200.0 * r["flux_144mhz"]
            else:
                amp = 2000.0 * 10 ** (-0.4 * (r["mag_r"] - 18))
            if amp:
                img += (amp * np.exp(-((xx - x) ** 2 + (yy - y) ** 2) / (2 * sigma**2))).astype(np.float32)
    return img


def write_images(outdir, rows, rng):
    os.makedirs(outdir, exist_ok=True)
    centres = {name: (ra, dec) for name, ra, dec, _ in FIELDS}
    for k, (field, band, inst, npix, scale, date, filt, wl, bw) in enumerate(IMAGES):
        ra0, dec0 = centres[field]
        w = WCS(naxis=2)
        w.wcs.ctype = ["RA---TAN", "DEC--TAN"]
        w.wcs.crval = [ra0, dec0]
        w.wcs.crpix = [(npix + 1) / 2, (npix + 1) / 2]
        w.wcs.cdelt = [-scale / 3600, scale / 3600]
        w.wcs.cunit = ["deg", "deg"]
        w.wcs.radesys = "ICRS"
        if field in sample_sky.FIELDS:
            img = _model_image(field, band, w, npix, scale, rng)
            bunit = "mJy/beam" if band == "144MHz" else "adu"
        else:
            img = _legacy_image(field, band, w, npix, rows, rng)
            bunit = "Jy/beam" if band == "144MHz" else "adu"
        hdr = w.to_header()
        hdr["OBJECT"] = field
        hdr["DATE-OBS"] = date
        hdr["FILTER"] = filt
        hdr["INSTRUME"] = inst
        hdr["BUNIT"] = bunit
        hdr["WAVELEN"] = (wl, "[m] central wavelength")
        hdr["BANDWID"] = (bw, "[m] bandwidth")
        hdr["ORIGIN"] = "jupyter-escape synthetic data"
        hdr["COMMENT"] = "SIMULATED image for the jupyter-escape local VO stack; not real data."
        stem = field.lower().replace(" ", "_").replace("-", "")
        name = f"{stem}_{band.lower()}_{k}.fits"
        fits.PrimaryHDU(img, hdr).writeto(os.path.join(outdir, name), overwrite=True)


def write_spectra(outdir, rows, rng):
    os.makedirs(outdir, exist_ok=True)
    wl = np.linspace(3800e-10, 9200e-10, 1200)  # metres
    # the brightest galaxies/QSOs with redshifts, a few per field
    picks = []
    for field, *_ in FIELDS:
        cand = sorted((r for r in rows if r["field"] == field and r["obj_class"] != "star"), key=lambda r: r["mag_r"])
        picks += cand[:2]
    lines = {
        "Halpha": 6563e-10,
        "Hbeta": 4861e-10,
        "OIII": 5007e-10,
        "OII": 3727e-10,
        "MgII": 2798e-10,
        "Lya": 1216e-10,
        "CIV": 1549e-10,
    }
    for k, r in enumerate(picks):
        z = r["redshift"]
        # W m-2 nm-1: an AB magnitude of 18 at 600 nm is about 1.9e-15 W m-2 nm-1
        cont = 1.9e-15 * 10 ** (-0.4 * (r["mag_r"] - 18)) * (wl / 6000e-10) ** -1.0
        flux = cont.copy()
        for rest in lines.values():
            obs = rest * (1 + z)
            flux += 3 * cont * np.exp(-((wl - obs) ** 2) / (2 * (4e-10 * (1 + z)) ** 2))
        err = 0.05 * cont
        flux = flux + rng.normal(0, 1, wl.size) * err
        cols = fits.ColDefs(
            [
                fits.Column(name="WAVELENGTH", format="D", unit="m", array=wl),
                fits.Column(name="FLUX", format="E", unit="W m-2 nm-1", array=flux.astype(np.float32)),
                fits.Column(name="ERROR", format="E", unit="W m-2 nm-1", array=err.astype(np.float32)),
            ]
        )
        ph = fits.Header()
        ph["OBJECT"] = r["name"]
        ph["RA"] = (r["ra"], "[deg] ICRS")
        ph["DEC"] = (r["dec"], "[deg] ICRS")
        ph["REDSHIFT"] = r["redshift"]
        ph["OBJCLASS"] = r["obj_class"]
        ph["FIELD"] = r["field"]
        ph["DATE-OBS"] = f"2016-{1 + k % 12:02d}-{1 + k:02d}T03:00:00"
        ph["EXPTIME"] = 3600.0
        ph["WMIN"] = (float(wl[0]), "[m]")
        ph["WMAX"] = (float(wl[-1]), "[m]")
        ph["NPIX"] = wl.size
        ph["SPECRES"] = (4.5e-10, "[m] FWHM")
        ph["SNR"] = 20.0
        ph["ORIGIN"] = "jupyter-escape synthetic data"
        name = f"spec_{k:02d}_{r['source_id']}.fits"
        fits.HDUList([fits.PrimaryHDU(header=ph), fits.BinTableHDU.from_columns(cols)]).writeto(
            os.path.join(outdir, name), overwrite=True
        )


def _fresh(folder):
    """Remove the FITS files an earlier version wrote: file names carry source ids, and a stale spectrum would
    be imported beside the new ones."""
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if name.endswith(".fits"):
                os.remove(os.path.join(folder, name))


def main(inputs):
    for sub in ("esc_img", "esc_spec"):
        _fresh(os.path.join(inputs, sub, "data"))
    rng = np.random.default_rng(SEED)
    rows = _sources(rng)
    write_catalogue(os.path.join(inputs, "esc_demo", "data"), rows)
    write_images(os.path.join(inputs, "esc_img", "data"), rows, np.random.default_rng(SEED + 1))
    write_spectra(os.path.join(inputs, "esc_spec", "data"), rows, np.random.default_rng(SEED + 2))
    print(f"wrote {len(rows)} sources, {len(IMAGES)} images and spectra under {inputs}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_data.py INPUTS_DIR")
    main(sys.argv[1])
