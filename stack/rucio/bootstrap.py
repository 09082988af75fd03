"""Schema and seed of the local Rucio data lake. Runs in the server's venv with RUCIO_CONFIG set by up.sh.

``schema``: creates tables, the base VO and the root account on first run.
``seed``: accounts, scopes, RSEs (protocols, distances, limits), a small LOFAR/HST-like demo namespace with real
FITS bytes and astronomy metadata, the LoTSS-like radio catalogues and images of the demo fields (container
``lotss_fields``: the same SIMULATED sky as the local VO's optical catalogue and the local HiPS,
stack/lib/sample_sky.py), and a 100,000-file dataset (registered only) for the paging benchmark. Every part is
skipped when it is already there, so a warm `up` costs a few requests.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import sys
import time
import zlib
from pathlib import Path
from urllib.parse import urlparse

STATE = Path(os.environ["ESCAPE_RUCIO_STATE"])
RSE_ROOT = STATE / "rse"
WEBDAV = os.environ["ESCAPE_RUCIO_WEBDAV_URL"]
ACCOUNT = os.environ.get("ESCAPE_RUCIO_ACCOUNT", "jdoe")
USERNAME = os.environ.get("ESCAPE_RUCIO_USERNAME", "jdoe")
SCOPE = os.environ.get("ESCAPE_RUCIO_SCOPE", "escape_demo")
BENCH_SCOPE = os.environ.get("ESCAPE_RUCIO_BENCH_SCOPE", "escape_bench")
TEST_ACCOUNT = os.environ.get("ESCAPE_RUCIO_TEST_ACCOUNT", "escape_test")
BENCH_ACCOUNT = os.environ.get("ESCAPE_RUCIO_BENCH_ACCOUNT", "escape_bench")
BIG = os.environ.get("ESCAPE_RUCIO_BIG_DATASET", "escape_bench:listing_100k").split(":", 1)[1]
BIG_FILES = 100_000
TB = 10**12


def schema() -> None:
    from rucio.db.sqla.session import get_engine
    from rucio.db.sqla.util import build_database, create_base_vo, create_root_account
    from sqlalchemy import inspect

    if inspect(get_engine()).has_table("accounts"):
        print("schema present")
        return
    build_database()
    create_base_vo()
    create_root_account()
    print("created the Rucio schema, base VO and root account")


def _client():
    from rucio.client import Client

    return Client()


def _exists(call) -> bool:
    from rucio.common.exception import DataIdentifierNotFound, RSENotFound

    try:
        call()
        return True
    except (DataIdentifierNotFound, RSENotFound):
        return False


# RSE name -> (folder, has a file door). All are also served over https by the WebDAV door at /<folder>.
# Rucio's generic permission policy lets ordinary accounts register replicas (upload) only on RSEs whose name
# ends in USERDISK or SCRATCHDISK: those two are the upload targets.
RSES = {
    "ESCAPE_POSIX": ("posix", True),
    "ESCAPE_WEBDAV": ("webdav", False),
    "ESCAPE_MOUNTED": ("mounted", True),
    "ESCAPE_USERDISK": ("userdisk", False),
    "ESCAPE_SCRATCHDISK": ("scratchdisk", True),
}
# The user's quota per RSE: ESCAPE_SCRATCHDISK is deliberately tiny so "quota exceeded" can be shown and tested.
USER_LIMITS = {
    "ESCAPE_POSIX": 50 * 10**9,
    "ESCAPE_WEBDAV": 50 * 10**9,
    "ESCAPE_MOUNTED": 50 * 10**9,
    "ESCAPE_USERDISK": 50 * 10**9,
    "ESCAPE_SCRATCHDISK": 1024 * 1024,
}


def seed_accounts_and_rses(c) -> None:
    from rucio.common.exception import AccountNotFound, Duplicate

    try:
        c.get_account(ACCOUNT)
    except AccountNotFound:
        c.add_account(ACCOUNT, "USER", f"{ACCOUNT}@localhost")
        print(f"added account {ACCOUNT}")
    password = Path(os.environ["ESCAPE_RUCIO_PASSWORD_FILE"]).read_text().strip()
    identities = {i["identity"] for i in c.list_identities(ACCOUNT)}
    if USERNAME not in identities:
        c.add_identity(ACCOUNT, USERNAME, "USERPASS", f"{ACCOUNT}@localhost", default=True, password=password)
        print(f"added userpass identity {USERNAME}")
    scopes = set(c.list_scopes())
    for scope, owner in ((SCOPE, "root"), (BENCH_SCOPE, "root"), (f"user.{ACCOUNT}", ACCOUNT)):
        if scope not in scopes:
            c.add_scope(owner, scope)
            print(f"added scope {scope}")
    existing = {r["rse"] for r in c.list_rses()}
    host, port = urlparse(WEBDAV).hostname, urlparse(WEBDAV).port
    for rse, (folder, file_door) in RSES.items():
        if rse in existing:
            continue
        c.add_rse(rse, deterministic=True)
        if file_door:
            c.add_protocol(
                rse,
                {
                    "scheme": "file",
                    "hostname": "",
                    "port": 0,
                    "prefix": f"{RSE_ROOT / folder}/",
                    "impl": "rucio.rse.protocols.posix.Default",
                    "domains": {
                        "lan": {"read": 1, "write": 1, "delete": 1},
                        "wan": {
                            "read": 2,
                            "write": 2,
                            "delete": 2,
                            "third_party_copy_read": 2,
                            "third_party_copy_write": 2,
                        },
                    },
                },
            )
        c.add_protocol(
            rse,
            {
                "scheme": "https",
                "hostname": host,
                "port": port,
                "prefix": f"/{folder}/",
                "impl": "rucio.rse.protocols.webdav.Default",
                "domains": {
                    "lan": {
                        "read": 2 if file_door else 1,
                        "write": 2 if file_door else 1,
                        "delete": 2 if file_door else 1,
                    },
                    "wan": {
                        "read": 1,
                        "write": 1,
                        "delete": 1,
                        "third_party_copy_read": 1,
                        "third_party_copy_write": 1,
                    },
                },
            },
        )
        c.add_rse_attribute(rse, "site", "ESCAPE-LOCAL")
        c.add_rse_attribute(rse, "mounted", "true" if rse == "ESCAPE_MOUNTED" else "false")
        print(f"added RSE {rse}")
    for src in RSES:
        for dst in RSES:
            if src != dst and not c.get_distance(src, dst):
                c.add_distance(src, dst, {"distance": 1})
    for rse in RSES:
        c.set_local_account_limit("root", rse, 100 * TB)
        c.set_local_account_limit(ACCOUNT, rse, USER_LIMITS[rse])
    del Duplicate


# ----------------------------------------------------------------------------------------------- demo namespace
def _fits_image(seed: int, header: dict, peak_ra: float, peak_dec: float, sky: str | None = None) -> bytes:
    """A 64 x 64 image at 1.5" pixels. ``sky`` ("optical" or "radio"): the simulated sky of the M51 field
    (stack/lib/sample_sky.py) through this WCS, else a single source (the 3C196 observation)."""
    import numpy as np
    from astropy.io import fits

    rng = np.random.default_rng(seed)
    size = 64
    y, x = np.mgrid[0:size, 0:size]
    image = rng.normal(0, 0.01, (size, size)) + np.exp(-((x - 32) ** 2 + (y - 30) ** 2) / 18.0)
    hdu = fits.PrimaryHDU(image.astype("float32"))
    h = hdu.header
    h["CTYPE1"], h["CTYPE2"] = "RA---SIN", "DEC--SIN"
    h["CRVAL1"], h["CRVAL2"] = peak_ra, peak_dec
    h["CRPIX1"], h["CRPIX2"] = 32.5, 30.5
    h["CDELT1"], h["CDELT2"] = -1.5 / 3600, 1.5 / 3600
    h["CUNIT1"], h["CUNIT2"] = "deg", "deg"
    h["EQUINOX"] = 2000.0
    for k, v in header.items():
        h[k] = v
    if sky:
        from astropy.wcs import WCS

        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))
        import warnings

        import sample_sky

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # astropy's note that it derived MJD-OBS from DATE-OBS
            ra, dec = WCS(h).all_pix2world(x, y, 0)
        model = sample_sky.render(ra, dec, sample_sky.truth("M51"), sky)
        if sky == "radio":  # the header says JY/BEAM
            image = model / 1000.0 + rng.normal(0, sample_sky.RADIO_RMS_MJY / 1000.0, (size, size))
        else:
            image = model + rng.normal(0, 4.0, (size, size))
        hdu.data = image.astype("float32")
    buf = io.BytesIO()
    hdu.writeto(buf, output_verify="silentfix")
    return buf.getvalue()


def _fits_catalogue(seed: int, ra0: float, dec0: float, flux_unit: str, telescope: str) -> bytes:
    import numpy as np
    from astropy.io import fits
    from astropy.table import Table

    rng = np.random.default_rng(seed)
    n = 200
    t = Table()
    t["source_id"] = np.arange(1, n + 1, dtype="int64")
    t["ra"] = (ra0 + rng.normal(0, 0.05, n)) * 1.0
    t["dec"] = (dec0 + rng.normal(0, 0.05, n)) * 1.0
    t["flux"] = np.round(rng.lognormal(0, 1, n), 4)
    t["ra"].unit, t["dec"].unit, t["flux"].unit = "deg", "deg", flux_unit
    hdu = fits.table_to_hdu(t)
    hdu.header["TELESCOP"] = telescope
    buf = io.BytesIO()
    fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(buf)
    return buf.getvalue()


M51 = (202.4696, 47.1952)
C196 = (123.4001, 48.2173)
LOFAR_OBS = [  # (obs id, target, (ra, dec), date, frequency MHz)
    ("L123456", "M51", M51, "2014-05-02T21:10:00", 144.0),
    ("L234567", "M51", M51, "2015-04-18T20:40:00", 150.0),
    ("L345678", "3C196", C196, "2016-01-12T01:05:00", 54.0),
]
HST_FILTERS = [("F435W", "B"), ("F555W", "V"), ("F814W", "I")]


def demo_files() -> dict[str, list[tuple[str, bytes, dict]]]:
    """dataset name -> [(file name, bytes, metadata)], deterministic."""
    out: dict[str, list[tuple[str, bytes, dict]]] = {}
    seed = 1000
    for obs, target, (ra, dec), date, mhz in LOFAR_OBS:
        files = []
        for sb, df in enumerate((-2.0, 0.0, 2.0)):
            freq = mhz + df
            seed += 1
            name = f"{obs}_SB{sb:03d}_{target.lower()}_{freq:.0f}MHz.fits"
            meta = {
                "telescope": "LOFAR",
                "instrument": "HBA" if mhz > 100 else "LBA",
                "target": target,
                "ra": ra,
                "dec": dec,
                "band": "radio",
                "frequency_mhz": freq,
                "obs_date": date[:10],
                "obs_id": obs,
                "product": "image",
            }
            data = _fits_image(
                seed,
                {
                    "TELESCOP": "LOFAR",
                    "INSTRUME": meta["instrument"],
                    "OBJECT": target,
                    "DATE-OBS": date,
                    "RESTFRQ": freq * 1e6,
                    "BUNIT": "JY/BEAM",
                    "OBSID": obs,
                },
                ra,
                dec,
                "radio" if target == "M51" else None,
            )
            files.append((name, data, meta))
        out[f"lofar_{obs}_{target.lower()}"] = files
    files = []
    for flt, band in HST_FILTERS:
        seed += 1
        name = f"hst_acs_m51_{flt.lower()}_drz.fits"
        meta = {
            "telescope": "HST",
            "instrument": "ACS/WFC",
            "target": "M51",
            "ra": M51[0],
            "dec": M51[1],
            "band": "optical",
            "filter": flt,
            "photometric_band": band,
            "obs_date": "2005-01-20",
            "obs_id": "j97c51",
            "product": "image",
        }
        data = _fits_image(
            seed,
            {
                "TELESCOP": "HST",
                "INSTRUME": "ACS",
                "FILTER": flt,
                "OBJECT": "M51",
                "DATE-OBS": "2005-01-20T12:00:00",
                "BUNIT": "ELECTRONS/S",
            },
            *M51,
            "optical",
        )
        files.append((name, data, meta))
    out["hst_acs_m51"] = files
    out["catalogues_m51"] = [
        (
            "lofar_m51_sources.fits",
            _fits_catalogue(7, *M51, "Jy", "LOFAR"),
            {
                "telescope": "LOFAR",
                "target": "M51",
                "ra": M51[0],
                "dec": M51[1],
                "band": "radio",
                "obs_date": "2014-05-02",
                "product": "catalogue",
            },
        ),
        (
            "hst_m51_sources.fits",
            _fits_catalogue(8, *M51, "mag", "HST"),
            {
                "telescope": "HST",
                "target": "M51",
                "ra": M51[0],
                "dec": M51[1],
                "band": "optical",
                "obs_date": "2005-01-20",
                "product": "catalogue",
            },
        ),
    ]
    return out


LOTSS_CONTAINER = "lotss_fields"


def _slug(field: str) -> str:
    return field.lower().replace(" ", "_").replace("-", "_")


def lotss_files() -> dict[str, list[tuple[str, bytes, dict]]]:
    """dataset name -> files: per demo field, a LoTSS-like radio catalogue (FITS table) and a 144 MHz image, from
    the shared simulated sky (deterministic)."""
    import numpy as np
    from astropy.io import fits
    from astropy.table import Table

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "lib"))
    import sample_sky

    out = {}
    for field, (ra0, dec0, _radius, _) in sample_sky.FIELDS.items():
        truth = sample_sky.truth(field)
        cat = sample_sky.radio_catalogue(truth)
        t = Table()
        t["source_name"] = [sample_sky.iau_name("ILT", ra, dec) for ra, dec in zip(cat["ra"], cat["dec"], strict=True)]
        for col, unit, ucd, desc in (
            ("ra", "deg", "pos.eq.ra;meta.main", "right ascension (ICRS)"),
            ("dec", "deg", "pos.eq.dec;meta.main", "declination (ICRS)"),
            ("e_ra", "arcsec", "stat.error;pos.eq.ra", "1-sigma error of ra"),
            ("e_dec", "arcsec", "stat.error;pos.eq.dec", "1-sigma error of dec"),
            ("total_flux", "mJy", "phot.flux.density;em.radio.100-200MHz", "integrated flux density"),
            ("e_total_flux", "mJy", "stat.error;phot.flux.density", "1-sigma error of total_flux"),
            ("peak_flux", "mJy/beam", "phot.flux.density;em.radio.100-200MHz;stat.max", "peak brightness"),
            ("maj", "arcsec", "phys.angSize", "major axis (FWHM, beam 6 arcsec)"),
        ):
            t[col] = np.round(np.asarray(cat[col], dtype="float64"), 7 if col in ("ra", "dec") else 4)
            t[col].unit, t[col].description = unit, desc
            t[col].meta["ucd"] = ucd
        t["s_code"] = cat["s_code"]
        t["s_code"].description = "S: single component; M: extended, several components"
        hdu = fits.table_to_hdu(t)
        for i, col in enumerate(t.colnames, start=1):
            if "ucd" in t[col].meta:
                hdu.header[f"TUCD{i}"] = t[col].meta["ucd"]
        hdu.header["TELESCOP"] = "LOFAR"
        hdu.header["OBJECT"] = field
        hdu.header["ORIGIN"] = "jupyter-escape SIMULATED data (stack/lib/sample_sky.py); not real measurements"
        buf = io.BytesIO()
        fits.HDUList([fits.PrimaryHDU(), hdu]).writeto(buf)
        slug = _slug(field)
        meta = {
            "telescope": "LOFAR",
            "instrument": "HBA",
            "target": field,
            "ra": ra0,
            "dec": dec0,
            "band": "radio",
            "frequency_mhz": 144.0,
            "obs_date": "2019-06-01",
            "survey": "LoTSS-like (simulated)",
        }
        files = [
            (f"lotss_{slug}_radio_catalogue.fits", buf.getvalue(), {**meta, "product": "catalogue"}),
            (f"lotss_{slug}_144mhz_image.fits", _lotss_image(sample_sky, truth, field), {**meta, "product": "image"}),
        ]
        out[f"lotss_{slug}"] = files
    return out


def _lotss_image(sample_sky, truth: dict, field: str, npix: int = 320, scale: float = 3.0) -> bytes:
    """A 144 MHz image (mJy/beam) of the field's centre: 16 arcmin at 3 arcsec pixels, 2 x 2 sub-sampled."""
    import numpy as np
    from astropy.io import fits
    from astropy.wcs import WCS

    w = WCS(naxis=2)
    w.wcs.ctype = ["RA---SIN", "DEC--SIN"]
    w.wcs.crval = [truth["ra0"], truth["dec0"]]
    w.wcs.crpix = [(npix + 1) / 2, (npix + 1) / 2]
    w.wcs.cdelt = [-scale / 3600, scale / 3600]
    w.wcs.cunit = ["deg", "deg"]
    w.wcs.radesys = "ICRS"
    yy, xx = np.mgrid[0 : 2 * npix, 0 : 2 * npix]
    ra, dec = w.all_pix2world((xx + 0.5) / 2 - 0.5, (yy + 0.5) / 2 - 0.5, 0)
    sky = sample_sky.render(ra, dec, truth, "radio").reshape(npix, 2, npix, 2).mean(axis=(1, 3))
    sky += np.random.default_rng(sample_sky.FIELDS[field][3] + 7).normal(0, sample_sky.RADIO_RMS_MJY, sky.shape)
    h = w.to_header()
    h.update(
        {
            "TELESCOP": "LOFAR",
            "INSTRUME": "HBA",
            "OBJECT": field,
            "BUNIT": "mJy/beam",
            "RESTFRQ": 144e6,
            "BMAJ": 6 / 3600,
            "BMIN": 6 / 3600,
            "BPA": 0.0,
            "ORIGIN": "jupyter-escape SIMULATED data (stack/lib/sample_sky.py); not real measurements",
        }
    )
    buf = io.BytesIO()
    fits.PrimaryHDU(sky.astype("float32"), h).writeto(buf)
    return buf.getvalue()


def seed_lotss(c) -> None:
    if _exists(lambda: c.get_did(SCOPE, LOTSS_CONTAINER)) and _has_content(c, LOTSS_CONTAINER):
        return
    t0 = time.monotonic()
    files_by_ds = lotss_files()
    _register(c, files_by_ds, lambda ds: "ESCAPE_POSIX")
    if not _exists(lambda: c.get_did(SCOPE, LOTSS_CONTAINER)):
        c.add_container(SCOPE, LOTSS_CONTAINER, meta={"telescope": "LOFAR", "band": "radio"})
    c.attach_dids(SCOPE, LOTSS_CONTAINER, [{"scope": SCOPE, "name": d} for d in files_by_ds])
    print(f"seeded {SCOPE}:{LOTSS_CONTAINER}: {len(files_by_ds)} datasets ({time.monotonic() - t0:.1f} s)")


def _local_path(rse: str, pfn: str) -> Path:
    folder = RSES[rse][0]
    path = urlparse(pfn).path
    if pfn.startswith("file:"):
        return Path(path)
    return RSE_ROOT / folder / path.split(f"/{folder}/", 1)[1]


def _checksums(data: bytes) -> dict:
    return {
        "bytes": len(data),
        "adler32": f"{zlib.adler32(data) & 0xFFFFFFFF:08x}",
        "md5": hashlib.md5(data).hexdigest(),
    }


def _has_content(c, name: str) -> bool:
    # DID "length" stays empty while a collection is open, so look at the listing itself.
    return any(True for _ in c.list_content(SCOPE, name))


def _register(c, files_by_ds: dict, rse_of) -> None:
    """Write each dataset's bytes onto its RSE, register the replicas with metadata and a rule keeping them."""
    for ds, files in files_by_ds.items():
        rse = rse_of(ds)
        scheme = "file" if RSES[rse][1] else "https"
        pfns = c.lfns2pfns(rse, [f"{SCOPE}:{n}" for n, _, _ in files], scheme=scheme)
        replicas = []
        for name, data, _meta in files:
            target = _local_path(rse, pfns[f"{SCOPE}:{name}"])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            target.chmod(0o644)
            replicas.append({"scope": SCOPE, "name": name, **_checksums(data)})
        if not _exists(lambda ds=ds: c.get_did(SCOPE, ds)):
            first = files[0][2]
            c.add_dataset(
                SCOPE,
                ds,
                meta={k: first[k] for k in ("telescope", "target", "ra", "dec", "band", "obs_date") if k in first},
            )
        if not _has_content(c, ds):
            c.attach_dids(SCOPE, ds, replicas, rse=rse)
            for name, _, meta in files:
                c.set_metadata_bulk(SCOPE, name, meta)
        if not list(c.list_did_rules(SCOPE, ds)):
            c.add_replication_rule([{"scope": SCOPE, "name": ds}], 1, rse, comment="seed: where the bytes live")


def seed_demo(c) -> None:
    container = "lofar_hst_m51"
    if _exists(lambda: c.get_did(SCOPE, container)) and _has_content(c, container):
        return
    t0 = time.monotonic()
    files_by_ds = demo_files()
    placement = {"hst_acs_m51": "ESCAPE_POSIX", "catalogues_m51": "ESCAPE_POSIX"}
    _register(c, files_by_ds, lambda ds: placement.get(ds, "ESCAPE_WEBDAV"))
    # Containers hold either datasets or containers, never both.
    lofar = [{"scope": SCOPE, "name": d} for d in files_by_ds if d.startswith("lofar_")]
    if not _exists(lambda: c.get_did(SCOPE, "lofar_observations")):
        c.add_container(SCOPE, "lofar_observations", meta={"telescope": "LOFAR", "band": "radio"})
    if not _has_content(c, "lofar_observations"):
        c.attach_dids(SCOPE, "lofar_observations", lofar)
    if not _exists(lambda: c.get_did(SCOPE, container)):
        c.add_container(SCOPE, container, meta={"target": "M51", "ra": M51[0], "dec": M51[1]})
    c.attach_dids(SCOPE, container, [{"scope": SCOPE, "name": d} for d in files_by_ds])
    n = sum(len(f) for f in files_by_ds.values())
    print(
        f"seeded {SCOPE}: containers {container} and lofar_observations, {len(files_by_ds)} datasets, "
        f"{n} FITS files ({time.monotonic() - t0:.1f} s)"
    )


BIG_SQL = """
WITH f AS (
  SELECT format('listing_100k_%s.fits', lpad(i::text, 6, '0')) AS name FROM generate_series(0, :n - 1) AS i
), d AS (
  INSERT INTO dids (scope, name, account, did_type, availability, bytes, adler32, is_new, created_at, updated_at)
  SELECT :scope, name, 'root', 'F', 'A', 2880, substr(md5(name), 1, 8), false, now(), now() FROM f
  ON CONFLICT DO NOTHING RETURNING name
), r AS (
  INSERT INTO replicas (rse_id, scope, name, bytes, adler32, state, lock_cnt, created_at, updated_at)
  SELECT :rse_id, :scope, name, 2880, substr(md5(name), 1, 8), 'A', 0, now(), now() FROM f
  ON CONFLICT DO NOTHING RETURNING name
)
INSERT INTO contents (scope, name, child_scope, child_name, did_type, child_type, bytes, adler32, rule_evaluation,
                      created_at, updated_at)
SELECT :scope, :dataset, :scope, name, 'D', 'F', 2880, substr(md5(name), 1, 8), false, now(), now() FROM f
ON CONFLICT DO NOTHING
"""


def seed_big(c) -> None:
    """100,000 files registered in one dataset (replica rows on ESCAPE_POSIX, no bytes: listing only).

    The REST API takes at most 1,000 DIDs per attach and Rucio's per-file checks made the whole registration take
    many minutes on a loaded machine, so this writes the rows in one SQL statement (a few seconds). The files are
    stand-ins for the paging benchmark and hold no bytes.
    """
    from rucio.db.sqla.session import get_engine
    from sqlalchemy import text

    try:
        length = c.get_did(BENCH_SCOPE, BIG).get("length") or 0
    except Exception:
        c.add_dataset(BENCH_SCOPE, BIG, meta={"product": "benchmark"})
        length = 0
    if length >= BIG_FILES:
        return
    t0 = time.monotonic()
    rse_id = c.get_rse("ESCAPE_POSIX")["id"]
    with get_engine().begin() as conn:
        conn.execute(text(BIG_SQL), {"n": BIG_FILES, "scope": BENCH_SCOPE, "dataset": BIG, "rse_id": rse_id})
        conn.execute(
            text("UPDATE contents SET rule_evaluation = false WHERE scope = :s AND name = :d"),
            {"s": BENCH_SCOPE, "d": BIG},
        )
        conn.execute(
            text("UPDATE dids SET length = :n, bytes = :b, is_open = false WHERE scope = :s AND name = :d"),
            {"n": BIG_FILES, "b": BIG_FILES * 2880, "s": BENCH_SCOPE, "d": BIG},
        )
    print(f"registered {BIG_FILES} files in {BENCH_SCOPE}:{BIG} ({time.monotonic() - t0:.1f} s)")


def seed_hub_accounts(c) -> None:
    """One Rucio account per user of the identity provider (stack/idp/users.json), as ESCAPE's data lake maps IAM
    users: an OIDC identity "SUB=<sub>, ISS=<issuer>", a user.<name> scope and quotas. Admins get the admin
    attribute."""
    from rucio.common.exception import AccountNotFound, Duplicate

    issuer = os.environ["ESCAPE_IDP_URL"]
    sys.path.insert(0, str(Path(__file__).parent.parent / "idp"))
    from users import load  # stack/idp/users.py: the named users and the school

    users = load()
    scopes = set(c.list_scopes())
    for user in users:
        if user.get("rucio_account") is False:
            continue  # signs in at the hub, has no data-lake account (on purpose)
        name = user["username"]
        try:
            c.get_account(name)
        except AccountNotFound:
            c.add_account(name, "USER", user["email"])
            print(f"added account {name}")
        identity = f"SUB={user['sub']}, ISS={issuer}"
        if identity not in {i["identity"] for i in c.list_identities(name)}:
            with contextlib.suppress(Duplicate):
                c.add_identity(name, identity, "OIDC", user["email"], default=True)
            print(f"added OIDC identity of {name}")
        dn_file = Path(os.environ["ESCAPE_RUCIO_PKI"]) / "users" / name / "dn"
        if dn_file.exists():  # a grid certificate too (stack/rucio/pki.py): X.509 and proxy logins
            dn = dn_file.read_text().strip()
            if dn not in {i["identity"] for i in c.list_identities(name)}:
                c.add_identity(name, dn, "X509", user["email"], default=True)
                print(f"added X.509 identity of {name}: {dn}")
        if f"user.{name}" not in scopes:
            c.add_scope(name, f"user.{name}")
        if "/escape/admins" in user["groups"]:
            attrs = {a["key"] for page in c.list_account_attributes(name) for a in page}
            if "admin" not in attrs:
                c.add_account_attribute(name, "admin", "True")
        for rse in RSES:
            c.set_local_account_limit(name, rse, USER_LIMITS[rse])


def seed_own_account(c, account: str, password_file: str) -> None:
    """An account of its own for the tests or the benchmarks: userpass, its own user.<account> scope and the user's
    quotas, so their uploads and rules stay out of the demo account's views (Transfers lists only the logged-in
    account's rules)."""
    from rucio.common.exception import AccountNotFound

    try:
        c.get_account(account)
    except AccountNotFound:
        c.add_account(account, "USER", f"{account}@localhost")
        print(f"added account {account}")
    password = Path(password_file).read_text().strip()
    if account not in {i["identity"] for i in c.list_identities(account)}:
        c.add_identity(account, account, "USERPASS", f"{account}@localhost", default=True, password=password)
        print(f"added userpass identity {account}")
    if f"user.{account}" not in set(c.list_scopes()):
        c.add_scope(account, f"user.{account}")
        print(f"added scope user.{account}")
    for rse in RSES:
        c.set_local_account_limit(account, rse, USER_LIMITS[rse])


def seed() -> None:
    c = _client()
    seed_accounts_and_rses(c)
    seed_own_account(c, TEST_ACCOUNT, os.environ["ESCAPE_RUCIO_TEST_PASSWORD_FILE"])
    seed_own_account(c, BENCH_ACCOUNT, os.environ["ESCAPE_RUCIO_BENCH_PASSWORD_FILE"])
    seed_hub_accounts(c)
    seed_demo(c)
    seed_lotss(c)
    seed_big(c)
    print("seed complete")


if __name__ == "__main__":
    {"schema": schema, "seed": seed}[sys.argv[1]]()
