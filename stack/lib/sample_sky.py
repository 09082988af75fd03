"""One simulated sky for the whole local stack: the data lake's radio data, the VO's optical data and the local HiPS
all come from the same objects, so a cross-match between them finds real counterparts.

Three real, well-known fields (positions are the real ones; every object in them is SIMULATED):
  M51           the Whirlpool galaxy in the HETDEX spring field (LoTSS-DR2 footprint)
  Lockman Hole  a LoTSS deep field
  ELAIS-N1      a LoTSS deep field

For each field ``truth(name)`` draws, from a fixed seed, the objects on the sky (stars, galaxies down to r = 24.5,
quasars) and the 144 MHz radio sources with their host objects. From that truth:
  ``optical_catalogue``  what an SDSS/Pan-STARRS-depth survey measures: r < 22, positions good to ~0.1"
  ``radio_catalogue``    what a LoTSS-like survey measures: 6" beam, S > 5 sigma, positions good to ~0.3-2"
  ``optical_sky`` / ``radio_sky``  surface brightness at any positions (FITS images and HiPS tiles)
The radio hosts follow the magnitude distribution of LoTSS identifications (median r ~ 21), so about two thirds of
the radio sources have a counterpart in the optical catalogue, and the separations follow the two position errors.

Pure numpy (no astropy) and only ``Generator.random()`` draws (transformed here), so Debian's numpy 1.24 (DaCHS),
the Rucio venv and the project venv all produce the same objects from the same seed.
"""

from __future__ import annotations

import math

import numpy as np

# name -> (ra deg, dec deg, radius deg of the simulated area, seed)
FIELDS = {
    "M51": (202.4696, 47.1952, 0.5, 51),
    "Lockman Hole": (161.75, 58.08, 0.5, 1045),
    "ELAIS-N1": (242.75, 55.0, 0.5, 4201),
}
OPTICAL_LIMIT_R = 22.0
FAINTEST_R = 24.5  # the rendered sky goes deeper than the catalogue, as a real image does
GALAXIES_PER_DEG2_R22 = 3200.0
STARS_PER_DEG2_R22 = 700.0
RADIO_RMS_MJY = 0.07  # LoTSS-DR2 median noise ~0.08 mJy/beam at 6"
RADIO_BEAM_ARCSEC = 6.0
RADIO_SOURCES_PER_DEG2 = 850.0  # above 5 sigma, as in LoTSS-DR2
RADIO_MAX_MJY = 1000.0
OPTICAL_SEEING_ARCSEC = 1.6


# ----------------------------------------------------------------------------------- version-stable random draws
def _uniform(rng, n, lo=0.0, hi=1.0):
    return lo + (hi - lo) * rng.random(n)


def _normal(rng, n):
    # Box-Muller from uniform draws: Generator.normal's algorithm is not promised stable across numpy versions.
    u1 = 1.0 - rng.random(n)
    u2 = rng.random(n)
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)


def _power_law_mags(rng, n, lo, hi, slope):
    """Magnitudes with dN/dm ~ 10**(slope*m) between lo and hi (inverse transform)."""
    a, b = 10 ** (slope * lo), 10 ** (slope * hi)
    return np.log10(a + (b - a) * rng.random(n)) / slope


def _count_between(per_deg2_at_limit, slope, lo, hi, limit, area):
    frac = (10 ** (slope * hi) - 10 ** (slope * lo)) / (10 ** (slope * limit) - 10 ** (slope * lo))
    return round(per_deg2_at_limit * area * frac)


def _disc(rng, n, ra0, dec0, radius):
    """Uniform positions in a spherical cap (exact, no tangent-plane approximation)."""
    cos_r = math.cos(math.radians(radius))
    z = cos_r + (1 - cos_r) * rng.random(n)  # cos of the distance from the centre
    theta = np.arccos(np.clip(z, -1, 1))
    phi = 2 * np.pi * rng.random(n)
    return offset_positions(ra0, dec0, np.degrees(theta) * np.cos(phi), np.degrees(theta) * np.sin(phi))


def offset_positions(ra0, dec0, east_deg, north_deg):
    """Positions at (east, north) offsets in degrees from (ra0, dec0), through the gnomonic projection."""
    ra0r, dec0r = math.radians(ra0), math.radians(dec0)
    x, y = np.radians(east_deg), np.radians(north_deg)
    rho = np.hypot(x, y)
    c = np.arctan(rho)
    with np.errstate(invalid="ignore", divide="ignore"):
        dec = np.arcsin(np.cos(c) * math.sin(dec0r) + np.where(rho > 0, y * np.sin(c) * math.cos(dec0r) / rho, 0))
        ra = ra0r + np.arctan2(x * np.sin(c), rho * math.cos(dec0r) * np.cos(c) - y * math.sin(dec0r) * np.sin(c))
    return np.degrees(ra) % 360.0, np.degrees(dec)


def tangent_offsets(ra0, dec0, ra, dec):
    """(east, north) gnomonic offsets in degrees of positions from (ra0, dec0)."""
    ra0r, dec0r = math.radians(ra0), math.radians(dec0)
    rar, decr = np.radians(ra), np.radians(dec)
    cos_c = math.sin(dec0r) * np.sin(decr) + math.cos(dec0r) * np.cos(decr) * np.cos(rar - ra0r)
    x = np.cos(decr) * np.sin(rar - ra0r) / cos_c
    y = (math.cos(dec0r) * np.sin(decr) - math.sin(dec0r) * np.cos(decr) * np.cos(rar - ra0r)) / cos_c
    return np.degrees(x), np.degrees(y)


# ----------------------------------------------------------------------------------------------------- the truth
def truth(field: str) -> dict:
    """The simulated objects of one field (deterministic). Arrays of equal length for the optical objects
    (``ra, dec, r, kind, size, ...``) and, under ``radio``, the radio sources with the index of their host."""
    ra0, dec0, radius, seed = FIELDS[field]
    rng = np.random.default_rng(seed)
    area = 2 * math.pi * (1 - math.cos(math.radians(radius))) * (180 / math.pi) ** 2
    n_gal = _count_between(GALAXIES_PER_DEG2_R22, 0.36, 14.0, FAINTEST_R, OPTICAL_LIMIT_R, area)
    n_star = _count_between(STARS_PER_DEG2_R22, 0.12, 10.0, FAINTEST_R, OPTICAL_LIMIT_R, area)
    n = n_gal + n_star
    ra, dec = _disc(rng, n, ra0, dec0, radius)
    r = np.concatenate(
        [_power_law_mags(rng, n_gal, 14.0, FAINTEST_R, 0.36), _power_law_mags(rng, n_star, 10.0, FAINTEST_R, 0.12)]
    )
    kind = np.array(["galaxy"] * n_gal + ["star"] * n_star, dtype=object)
    # galaxies: half-light radius shrinking with magnitude, random axis ratio and angle; stars are points
    size = np.where(kind == "galaxy", 2.2 * 10 ** (-0.13 * (r - 18)) * (0.6 + 0.8 * rng.random(n)), 0.0)
    axis = np.where(kind == "galaxy", 0.3 + 0.7 * rng.random(n), 1.0)
    angle = np.pi * rng.random(n)
    z = np.where(kind == "galaxy", np.clip(0.04 * 1.35 ** (r - 16) * (0.7 + 0.6 * rng.random(n)), 0.01, 3), 0.0)
    g_r = np.where(kind == "galaxy", 0.45 + 0.5 * rng.random(n), 0.25 + 1.1 * rng.random(n))
    # quasars: point-like, blue, at higher redshift (a few per cent of the faint point sources)
    qso = (kind == "star") & (r > 18) & (rng.random(n) < 0.06)
    kind[qso] = "qso"
    z[qso] = 0.5 + 2.0 * rng.random(int(qso.sum()))
    g_r[qso] = 0.1 + 0.2 * rng.random(int(qso.sum()))

    # Radio sources: counts dN/dS ~ S^-1.7 above 5 sigma; hosts with LoTSS-like magnitudes (median r ~ 21.2)
    n_radio = round(RADIO_SOURCES_PER_DEG2 * area)
    s_min = 5 * RADIO_RMS_MJY
    # truncated at 1 Jy: a field of 0.8 deg2 rarely holds a brighter source (the untruncated law gave tens of Jy)
    tail = 1 - (RADIO_MAX_MJY / s_min) ** -0.7
    flux = s_min * (1 - tail * rng.random(n_radio)) ** (-1 / 0.7)
    host_r = 21.2 + 1.5 * _normal(rng, n_radio)
    candidates = np.flatnonzero(kind != "star")
    order = candidates[np.argsort(r[candidates], kind="stable")]
    taken = np.zeros(n, dtype=bool)
    host = np.full(n_radio, -1)
    for i in np.argsort(flux, kind="stable")[::-1]:  # brightest radio sources pick first
        if host_r[i] > FAINTEST_R:
            continue  # host too faint for any optical image: a radio source without counterpart
        pos = int(np.searchsorted(r[order], host_r[i]))
        for j in range(pos, min(pos + 40, order.size)):
            if not taken[order[j]]:
                host[i] = order[j]
                taken[order[j]] = True
                break
    lonely = host < 0
    rra, rdec = ra[np.maximum(host, 0)].copy(), dec[np.maximum(host, 0)].copy()
    rra[lonely], rdec[lonely] = _disc(rng, int(lonely.sum()), ra0, dec0, radius)
    # 15% extended (jets, lobes, star-forming discs): bigger, and their centroid is off the host
    extended = rng.random(n_radio) < 0.15
    rsize = np.where(extended, 8 + 40 * rng.random(n_radio) ** 2, 0.0)  # arcsec, deconvolved major axis
    shift = np.where(extended, np.abs(_normal(rng, n_radio)) * 0.08 * rsize, 0.0) / 3600
    shift_angle = 2 * np.pi * rng.random(n_radio)
    rra, rdec = _shift(rra, rdec, shift * np.sin(shift_angle), shift * np.cos(shift_angle))
    return {
        "field": field,
        "ra0": ra0,
        "dec0": dec0,
        "radius": radius,
        "rng": rng,
        "ra": ra,
        "dec": dec,
        "r": r,
        "kind": kind,
        "size": size,
        "axis": axis,
        "angle": angle,
        "z": z,
        "g_r": g_r,
        "radio": {
            "ra": rra,
            "dec": rdec,
            "flux": flux,
            "host": host,
            "size": rsize,
            "extended": extended,
            "angle": np.pi * rng.random(n_radio),
        },
    }


def _shift(ra, dec, east_deg, north_deg):
    return (ra + east_deg / np.cos(np.radians(dec))) % 360.0, dec + north_deg


# ------------------------------------------------------------------------------------------ what surveys measure
def optical_catalogue(t: dict) -> dict:
    """The optical survey's catalogue: objects measured brighter than r = 22, with measured positions (errors
    0.05-0.25" per axis), ugri magnitudes, photometric redshifts, and the 144 MHz flux of the radio source the
    simulation put in the object (its "truth": NaN when none), for checking a cross-match."""
    rng = t["rng"]
    n = t["r"].size
    mag_err = 0.01 + 0.04 * 10 ** (0.4 * (t["r"] - OPTICAL_LIMIT_R))
    r_meas = t["r"] + mag_err * _normal(rng, n)
    pos_err = 0.05 + 0.2 * 10 ** (0.4 * (t["r"] - OPTICAL_LIMIT_R))  # arcsec per axis
    ra, dec = _shift(t["ra"], t["dec"], pos_err * _normal(rng, n) / 3600, pos_err * _normal(rng, n) / 3600)
    galaxy = t["kind"] == "galaxy"
    z_err = np.where(t["kind"] == "star", 0.0, np.where(galaxy, 0.03, 0.1) * (1 + t["z"]))
    z_phot = np.where(t["kind"] == "star", 0.0, np.maximum(0.0, t["z"] + z_err * _normal(rng, n)))
    radio_flux = np.full(n, np.nan)
    hosts = t["radio"]["host"]
    radio_flux[hosts[hosts >= 0]] = t["radio"]["flux"][hosts >= 0]
    keep = np.flatnonzero(r_meas < OPTICAL_LIMIT_R)
    keep = keep[np.argsort(t["ra"][keep], kind="stable")]
    return {
        "ra": ra[keep],
        "dec": dec[keep],
        "pos_err": pos_err[keep],
        "obj_class": t["kind"][keep],
        "mag_u": r_meas[keep] + 1.3 * t["g_r"][keep] + 0.6,
        "mag_g": r_meas[keep] + t["g_r"][keep],
        "mag_r": r_meas[keep],
        "mag_i": r_meas[keep] - 0.35 * t["g_r"][keep],
        "mag_err": mag_err[keep],
        "redshift": z_phot[keep],
        "z_err": z_err[keep],
        "flux_144mhz": radio_flux[keep],
    }


def radio_catalogue(t: dict) -> dict:
    """The radio survey's catalogue (LoTSS-like columns): measured positions with errors that grow as the
    signal-to-noise falls (Condon 1997: ~ beam / (2 SNR), plus 0.35" calibration), integrated and peak fluxes."""
    rad = t["radio"]
    rng = t["rng"]
    n = rad["flux"].size
    beam = RADIO_BEAM_ARCSEC
    major = np.hypot(beam, rad["size"])
    peak = rad["flux"] * beam**2 / (major * beam)
    snr = peak / RADIO_RMS_MJY
    e_pos = np.hypot(major / (2 * snr), 0.35)
    ra, dec = _shift(rad["ra"], rad["dec"], e_pos * _normal(rng, n) / 3600, e_pos * _normal(rng, n) / 3600)
    e_flux = np.hypot(RADIO_RMS_MJY * major / beam, 0.1 * rad["flux"])
    total = rad["flux"] + e_flux * _normal(rng, n)
    order = np.argsort(ra, kind="stable")
    return {
        "ra": ra[order],
        "dec": dec[order],
        "e_ra": e_pos[order],
        "e_dec": e_pos[order],
        "total_flux": total[order],
        "e_total_flux": e_flux[order],
        "peak_flux": (peak + RADIO_RMS_MJY * _normal(rng, n))[order],
        "maj": major[order],
        "s_code": np.where(rad["extended"], "M", "S")[order].astype(str),
    }


def iau_name(prefix: str, ra: float, dec: float) -> str:
    """An IAU-style designation, e.g. 'ILTJ133012.34+471234.5'."""
    h = ra / 15
    hh, mm = int(h), int((h * 60) % 60)
    ss = (h * 3600) % 60
    sign = "+" if dec >= 0 else "-"
    d = abs(dec)
    dd, dm = int(d), int((d * 60) % 60)
    ds = (d * 3600) % 60
    return f"{prefix}J{hh:02d}{mm:02d}{ss:05.2f}{sign}{dd:02d}{dm:02d}{ds:04.1f}"


# ----------------------------------------------------------------------------------------------- rendering
def render(ra, dec, t: dict, band: str, *, noise_key=None, sources_margin_deg=0.02) -> np.ndarray:
    """Surface brightness of the simulated sky at positions (ra, dec) (any shape, degrees).

    ``band`` "optical": r band in counts per pixel of a 1.6" image (sky 100, stars and galaxies down to
    r = 24.5, the field's big galaxies such as M51 itself); "radio": mJy/beam at 144 MHz with a 6" beam.
    ``noise_key``: integers per position (e.g. HEALPix cells) from which the noise is derived, so the same
    position always gets the same noise whichever tile or image asks (seamless HiPS); None = no noise.
    """
    ra = np.asarray(ra, dtype=float)
    dec = np.asarray(dec, dtype=float)
    out = np.zeros(ra.shape, dtype=np.float64)
    if ra.size == 0:
        return out
    # Work in the field's own tangent plane (arcsec): every caller (image, tile) gets the same value at the same
    # position, whatever else it asks for, so neighbouring HiPS tiles and images agree to the last bit.
    cx, cy = t["ra0"], t["dec0"]
    px, py = tangent_offsets(cx, cy, ra, dec)
    px, py = px * 3600, py * 3600
    if band == "optical":
        out += 100.0
        sx, sy = tangent_offsets(cx, cy, t["ra"], t["dec"])
        amp_flux = 10 ** (-0.4 * (t["r"] - 20.0)) * 4000.0  # total counts of an r = 20 object
        sig_psf = OPTICAL_SEEING_ARCSEC / 2.355
        sizes = np.hypot(t["size"] / 1.18, sig_psf)  # half-light radius -> Gaussian sigma, seen through seeing
        axis, angle = t["axis"], t["angle"]
        _add_gaussians(out, px, py, sx * 3600, sy * 3600, amp_flux, sizes, axis, angle, pixel_arcsec=1.6)
        # the wide wings of the point spread function make bright objects look like stars, not single pixels
        bright = t["r"] < 19.0
        _add_gaussians(
            out,
            px,
            py,
            sx[bright] * 3600,
            sy[bright] * 3600,
            0.06 * amp_flux[bright],
            np.hypot(sizes[bright], 3.5),
            axis[bright],
            angle[bright],
            pixel_arcsec=1.6,
        )
        for big in BIG_GALAXIES.get(t["field"], ()):
            _add_big_galaxy(out, px, py, cx, cy, big)
        if noise_key is not None:
            out += 4.0 * _hash_normal(noise_key)
    elif band == "radio":
        rad = t["radio"]
        sx, sy = tangent_offsets(cx, cy, rad["ra"], rad["dec"])
        sig_beam = RADIO_BEAM_ARCSEC / 2.355
        sig = np.hypot(rad["size"] / 2.355, sig_beam)
        axis = np.where(rad["extended"], 0.35, 1.0)
        _add_gaussians(
            out,
            px,
            py,
            sx * 3600,
            sy * 3600,
            rad["flux"],
            sig,
            axis,
            rad["angle"],
            pixel_arcsec=None,
            beam_sigma=sig_beam,
        )
        for big in BIG_GALAXIES.get(t["field"], ()):
            _add_big_galaxy(out, px, py, cx, cy, big, "radio")
        if noise_key is not None:
            out += RADIO_RMS_MJY * _hash_normal(noise_key)
    else:
        raise ValueError(f"band must be 'optical' or 'radio', not {band!r}")
    return out


def _add_gaussians(out, px, py, sx, sy, flux, sigma, axis, angle, *, pixel_arcsec, beam_sigma=None):
    """Add elliptical Gaussians of total ``flux`` to the positions (px, py) (arcsec; ``out`` has their shape).
    Optical: counts per pixel of ``pixel_arcsec``; radio (``beam_sigma``): flux per beam."""
    flat_x, flat_y = px.ravel(), py.ravel()
    lo_x, hi_x, lo_y, hi_y = flat_x.min(), flat_x.max(), flat_y.min(), flat_y.max()
    reach = 5 * sigma
    near = (sx + reach > lo_x) & (sx - reach < hi_x) & (sy + reach > lo_y) & (sy - reach < hi_y)
    if not near.any():
        return
    # bin the requested positions on a coarse grid so each source only looks at nearby positions
    cell = max(4.0, float(np.max(reach[near])))
    gx = np.floor((flat_x - lo_x) / cell).astype(np.int64)
    gy = np.floor((flat_y - lo_y) / cell).astype(np.int64)
    nx = int(gx.max()) + 1
    key = gy * nx + gx
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    flat_out = out.reshape(-1)
    for i in np.flatnonzero(near):
        s = sigma[i]
        r5 = 5 * s
        x0 = int(np.floor((sx[i] - r5 - lo_x) / cell))
        x1 = int(np.floor((sx[i] + r5 - lo_x) / cell))
        y0 = int(np.floor((sy[i] - r5 - lo_y) / cell))
        y1 = int(np.floor((sy[i] + r5 - lo_y) / cell))
        idx = []
        for cy in range(max(y0, 0), y1 + 1):
            a = np.searchsorted(sorted_key, cy * nx + max(x0, 0))
            b = np.searchsorted(sorted_key, cy * nx + min(x1, nx - 1), side="right")
            if b > a:
                idx.append(order[a:b])
        if not idx:
            continue
        sel = np.concatenate(idx)
        dx, dy = flat_x[sel] - sx[i], flat_y[sel] - sy[i]
        c, sn = math.cos(angle[i]), math.sin(angle[i])
        u = dx * c + dy * sn
        v = (-dx * sn + dy * c) / axis[i]
        g = np.exp(-(u * u + v * v) / (2 * s * s))
        if beam_sigma is None:
            norm = flux[i] * pixel_arcsec**2 / (2 * np.pi * s * s * axis[i])
        else:
            norm = flux[i] * beam_sigma**2 / (s * s * axis[i])  # per beam: a point source peaks at its flux
        flat_out[sel] += norm * g


# Real bright galaxies of the fields, drawn as smooth discs (with arms for M51) so the field is recognisable, in
# the optical and at 144 MHz (M51 is one of the brightest spiral galaxies in LOFAR images; the radio fluxes are of
# that order, not measurements). Pictures only: they are in no catalogue.
# (ra, dec, r-band magnitude, half-light radius arcsec, axis ratio, position angle deg, arms, 144 MHz flux mJy)
BIG_GALAXIES = {
    "M51": (
        (202.4696, 47.1952, 8.4, 110.0, 0.85, 163.0, True, 5000.0),
        (202.4982, 47.2661, 9.6, 45.0, 0.8, 79.0, False, 100.0),
    ),
}


def _add_big_galaxy(out, px, py, cx, cy, big, band="optical"):
    ra, dec, mag, r_half, q, pa, arms, radio_mjy = big
    gx, gy = tangent_offsets(cx, cy, np.array([ra]), np.array([dec]))
    dx, dy = px - gx[0] * 3600, py - gy[0] * 3600
    t = math.radians(pa)
    u = dx * math.sin(t) + dy * math.cos(t)  # along the major axis (position angle east of north)
    v = (dx * math.cos(t) - dy * math.sin(t)) / q
    rad = np.hypot(u, v)
    scale = r_half / 1.68  # exponential disc
    if band == "radio":  # mJy per 6" beam
        beam_sigma = RADIO_BEAM_ARCSEC / 2.355
        norm = radio_mjy * beam_sigma**2 / (scale**2 * q)
    else:  # counts per 1.6" pixel
        flux = 10 ** (-0.4 * (mag - 20.0)) * 4000.0
        norm = flux * 1.6**2 / (2 * np.pi * scale**2 * q)
    disc = np.exp(-rad / scale)
    if arms:
        phi = np.arctan2(v, u)
        wind = 2.0 * (phi - 2.6 * np.log(np.maximum(rad, 1.0) / scale))  # two logarithmic arms
        disc = disc * (0.55 + 0.45 * np.cos(wind) ** 4)
        disc += 3.0 * np.exp(-((rad / (0.12 * scale)) ** 2))  # the bright nucleus
    out += norm * disc


def _hash_normal(key) -> np.ndarray:
    """A standard normal value per integer key, the same for the same key (a counter-based generator)."""
    k = np.asarray(key, dtype=np.uint64)
    with np.errstate(over="ignore"):

        def mix(x):
            x = (x ^ (x >> np.uint64(33))) * np.uint64(0xFF51AFD7ED558CCD)
            x = (x ^ (x >> np.uint64(33))) * np.uint64(0xC4CEB9FE1A85EC53)
            return x ^ (x >> np.uint64(33))

        a = mix(k * np.uint64(2) + np.uint64(0x9E3779B97F4A7C15))
        b = mix(k * np.uint64(2) + np.uint64(1) + np.uint64(0x9E3779B97F4A7C15))
    u1 = ((a >> np.uint64(11)).astype(np.float64) + 1.0) / 2.0**53
    u2 = (b >> np.uint64(11)).astype(np.float64) / 2.0**53
    return np.sqrt(-2 * np.log(u1)) * np.cos(2 * np.pi * u2)
