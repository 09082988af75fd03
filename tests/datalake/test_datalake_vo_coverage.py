"""Which VO data covers a data-lake DID: its MOC from metadata or staged FITS footprints, then the registry by that
MOC (real Rucio, real DaCHS RegTAP with rr.stc_spatial)."""

from __future__ import annotations

import asyncio
import json

import numpy as np
import pytest
from tornado.httpclient import HTTPClientError

from jupyter_escape.core.errors import BadInput
from jupyter_escape.datalake import vo_coverage as vc
from jupyter_escape.vo import registry

M51_DATASET = "escape_demo:lofar_L123456_m51"
M51_CATALOGUES = "escape_demo:catalogues_m51"


# ------------------------------------------------------------------ no service needed


def test_metadata_cone_reads_radius_then_field_of_view_then_says_it_assumed():
    assert vc.metadata_cone({"ra": "10", "dec": -5, "radius_deg": 0.2})[2:] == (0.2, "metadata radius")
    assert vc.metadata_cone({"ra": 10, "dec": -5, "fov_deg": 3})[2] == 1.5
    ra, dec, radius, how = vc.metadata_cone({"ra": 10, "dec": -5}, default_radius=0.3)
    assert (ra, dec, radius) == (10, -5, 0.3) and "assumed" in how
    assert vc.metadata_cone({"telescope": "LOFAR"}) is None


@pytest.mark.parametrize(
    ("meta", "field"),
    [
        ({"ra": "abc", "dec": 1}, "ra"),
        ({"ra": 400, "dec": 1}, "ra/dec"),
        ({"ra": 1, "dec": 1, "radius_deg": "wide"}, "radius_deg"),
    ],
)
def test_bad_sky_metadata_is_named(meta, field):
    with pytest.raises(BadInput) as err:
        vc.metadata_cone(meta)
    assert err.value.message.startswith(field), err.value.message


def test_image_footprint_moc_follows_its_wcs(tmp_path):
    from astropy.io import fits
    from astropy.wcs import WCS

    w = WCS(naxis=2)
    w.wcs.ctype = ["RA---TAN", "DEC--TAN"]
    w.wcs.crval, w.wcs.crpix, w.wcs.cdelt = [150.0, 2.0], [100.5, 100.5], [-0.002, 0.002]  # 0.4 x 0.4 deg
    path = tmp_path / "img.fits"
    fits.PrimaryHDU(np.zeros((200, 200), "float32"), w.to_header()).writeto(path)
    cov = vc.from_files([str(path)])
    area = cov.to_json()["area_deg2"]
    assert 0.16 <= area < 0.16 * 1.6, area  # the MOC contains the image and not much more
    ra, dec, radius = cov.bounding_cone()
    assert abs(ra - 150) < 0.05 and abs(dec - 2) < 0.05 and 0.28 < radius < 0.4


def test_catalogue_positions_make_a_joined_moc(tmp_path):
    from astropy.table import Table

    rng = np.random.default_rng(1)
    t = Table({"RA": 200 + rng.uniform(-0.3, 0.3, 2000), "DEC": 40 + rng.uniform(-0.2, 0.2, 2000)})
    path = tmp_path / "cat.fits"
    t.write(path)
    cov = vc.from_files([str(path), str(tmp_path / "notes.txt")])
    area = cov.to_json()["area_deg2"]
    box = 0.6 * np.cos(np.radians(40)) * 0.4
    assert box * 0.8 < area < box * 2.5, (area, box)
    assert cov.basis == ["cat.fits: footprint of the FITS file (WCS or positions)"]


def test_moc_text_gets_coarser_until_it_fits():
    cov = vc.Coverage(vc.cone_moc(10, 10, 5.0))
    short = cov.ascii(max_chars=200)
    assert len(short) <= 200 and len(cov.ascii()) > len(short)


# ------------------------------------------------------------------ against the stack


async def _ids(url: str, **q) -> set[str]:
    page = await registry.search(registry.RegistryQuery(limit=200, **q), url)
    return {r["ivoid"] for r in page["resources"]}


@pytest.mark.stack
async def test_dataset_metadata_coverage_finds_what_the_registry_covers_there(fetch_json, escape_config):
    body = await fetch_json("datalake", "coverage", params={"did": M51_DATASET, "limit": "200"})
    cov = body["coverage"]
    assert "metadata ra=202.47" in cov["basis"][0] and "radius 0.5 deg (assumed:" in cov["basis"][0]
    assert "INTERSECTS(MOC('" in body["adql"] and cov["moc"] in body["adql"]
    found = {r["ivoid"] for r in body["resources"]}
    # the registry's own answer for cones inside and around the MOC brackets the MOC's answer
    url = escape_config["registry_url"]
    inner = await _ids(url, cone=(202.4696, 47.1952, 0.45))
    outer = await _ids(url, cone=(cov["cone"]["ra"], cov["cone"]["dec"], cov["cone"]["radius"]))
    assert inner, "the stack's optical catalogue covers M51 (stack/dachs, sample data)"
    assert inner <= found <= outer, (inner, found, outer)
    assert "datalake.coverage('escape_demo:lofar_L123456_m51', instance='local')" in body["python"]
    assert "vo.search_registry(moc=coverage['moc'])" in body["python"]
    compile(body["python"], "snippet", "exec")


@pytest.mark.stack
async def test_service_type_narrows_the_search(fetch_json):
    body = await fetch_json("datalake", "coverage", params={"did": M51_DATASET, "servicetype": "scs"})
    assert "ivo://ivoa.net/std/conesearch" in body["adql"]
    for r in body["resources"]:
        assert "scs" in {c["service"] for c in r["capabilities"]}, r
    assert "servicetype='scs'" in body["python"]


@pytest.mark.stack
async def test_staged_catalogue_footprint_is_used_first(fetch_json):
    created = await fetch_json("datalake", "stage", method="POST", body={"did": M51_CATALOGUES})
    for _ in range(300):
        job = await fetch_json("datalake", "stage", created["id"])
        if job["state"] not in ("queued", "running"):
            break
        await asyncio.sleep(0.1)
    assert job["state"] == "done", job
    body = await fetch_json("datalake", "coverage", params={"did": M51_CATALOGUES, "prefer": "files"})
    basis = body["coverage"]["basis"]
    assert sorted(b.split(":")[0] for b in basis) == ["hst_m51_sources.fits", "lofar_m51_sources.fits"], basis
    # the catalogues scatter 0.05 deg around M51: a footprint much smaller than the assumed 0.5 deg cone
    assert body["coverage"]["area_deg2"] < 0.5
    meta = await fetch_json("datalake", "coverage", params={"did": M51_CATALOGUES, "prefer": "metadata"})
    assert meta["coverage"]["basis"] == [
        (
            f"{M51_CATALOGUES}: metadata ra=202.47, dec=47.1952, radius 0.5 deg "
            "(assumed: the metadata give no radius or field of view)"
        )
    ]


@pytest.mark.stack
async def test_no_staged_footprint_is_a_clear_422(fetch_json):
    with pytest.raises(HTTPClientError) as err:
        await fetch_json("datalake", "coverage", params={"did": M51_DATASET, "prefer": "files"})
    assert err.value.code == 422
    reply = json.loads(err.value.response.body)
    assert reply["service"] == "data lake coverage" and reply["error"].startswith(f"{M51_DATASET}: no staged FITS")
