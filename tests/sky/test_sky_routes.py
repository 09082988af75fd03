"""Sky routes through a real jupyter server: file serving only inside the root (no ../, no symlink out), only
for authenticated users; local HiPS tiles; MOC from a sky map; file checks with clear messages."""

from __future__ import annotations

import json
import os

import pytest
from tornado.httpclient import HTTPClientError


async def error_of(call) -> tuple[int, dict]:
    with pytest.raises(HTTPClientError) as err:
        await call
    body = err.value.response.body
    return err.value.code, json.loads(body) if body else {}


async def test_fits_image_is_served_from_the_root(jp_fetch, sky_root):
    response = await jp_fetch("escape", "api", "sky", "file", params={"path": "images/field-a.fits"})
    assert response.headers["Content-Type"] == "application/fits"
    assert response.body == (sky_root / "images" / "field-a.fits").read_bytes()


async def test_absolute_path_inside_root_is_accepted(jp_fetch, sky_root):
    response = await jp_fetch(
        "escape", "api", "sky", "file", params={"path": str(sky_root / "images" / "field-a.fits")}
    )
    assert response.body[:9] == b"SIMPLE  ="


@pytest.mark.parametrize("route", ["file", "inspect", "moc"])
async def test_paths_outside_the_root_are_refused(jp_fetch, sky_root, outside_file, route):
    for path in ("../" * 8 + str(outside_file).lstrip("/"), str(outside_file)):
        code, body = await error_of(jp_fetch("escape", "api", "sky", route, params={"path": path}))
        assert code == 403, (path, body)
        assert "outside the server root" in body["error"]


async def test_symlink_leading_out_is_refused(jp_fetch, sky_root, outside_file):
    os.symlink(outside_file, sky_root / "images" / "link.fits")
    code, body = await error_of(jp_fetch("escape", "api", "sky", "file", params={"path": "images/link.fits"}))
    assert code == 403 and "outside the server root" in body["error"]


async def test_symlink_inside_root_is_fine(jp_fetch, sky_root):
    os.symlink(sky_root / "images" / "field-a.fits", sky_root / "alias.fits")
    response = await jp_fetch("escape", "api", "sky", "file", params={"path": "alias.fits"})
    assert response.body[:9] == b"SIMPLE  ="


@pytest.mark.parametrize(
    "parts,params",
    [
        (("sky", "file"), {"path": "images/field-a.fits"}),
        (("sky", "hips", "tiny", "properties"), {}),
        (("sky", "moc"), {"path": "maps/flat.fits"}),
        (("sky", "aladin-lite.js"), {}),
    ],
)
async def test_unauthenticated_gets_nothing(jp_fetch, sky_root, parts, params):
    code, _ = await error_of(jp_fetch("escape", "api", *parts, params=params, headers={"Authorization": ""}))
    assert code == 403


async def test_missing_file_and_folder(jp_fetch, sky_root):
    code, body = await error_of(jp_fetch("escape", "api", "sky", "file", params={"path": "nope.fits"}))
    assert code == 404 and "no such file" in body["error"]
    code, body = await error_of(jp_fetch("escape", "api", "sky", "file", params={"path": "images"}))
    assert code == 400 and "not a regular file" in body["error"]


async def test_local_hips_list_and_tiles(fetch_json, jp_fetch, sky_root):
    listing = await fetch_json("sky", "hips")
    assert [s["id"] for s in listing["surveys"]] == ["tiny"]
    assert listing["surveys"][0]["title"] == "Tiny test HiPS"
    tile = await jp_fetch("escape", "api", "sky", "hips", "tiny", "Norder3", "Dir0", "Npix0.png")
    assert tile.headers["Content-Type"] == "image/png" and tile.body.startswith(b"\x89PNG")
    code, body = await error_of(jp_fetch("escape", "api", "sky", "hips", "tiny", "..%2F..%2Fetc%2Fpasswd"))
    assert code in (403, 404)
    code, body = await error_of(jp_fetch("escape", "api", "sky", "hips", "nothere", "properties"))
    assert code == 404 and "no local HiPS named" in body["error"]


async def test_moc_from_sky_map_route(fetch_json, sky_root):
    flat = await fetch_json("sky", "moc", params={"path": "maps/flat.fits", "credible_level": "0.9"})
    multi = await fetch_json("sky", "moc", params={"path": "maps/multi.fits", "credible_level": "0.9"})
    assert flat["kind"] == "healpix-map" and flat["credible_level"] == 0.9
    assert flat["moc"] == multi["moc"]  # the same localisation written both ways gives the same region
    assert 40 < flat["area_sq_deg"] < 100


async def test_inspect_explains_what_cannot_be_shown(fetch_json, jp_fetch, sky_root):
    assert (await fetch_json("sky", "inspect", params={"path": "maps/flat.fits"}))["kind"] == "healpix-map"
    assert (await fetch_json("sky", "inspect", params={"path": "images/field-a.fits"}))["kind"] == "image"
    (sky_root / "broken.fits").write_bytes((sky_root / "images" / "field-a.fits").read_bytes()[:4000])
    code, body = await error_of(jp_fetch("escape", "api", "sky", "inspect", params={"path": "broken.fits"}))
    assert code == 422 and "broken FITS" in body["error"] and body["service"] == "sky"
    code, body = await error_of(jp_fetch("escape", "api", "sky", "moc", params={"path": "images/field-a.fits"}))
    assert code == 422 and "neither a MOC nor a HEALPix sky map" in body["error"]
    code, body = await error_of(
        jp_fetch("escape", "api", "sky", "moc", params={"path": "maps/flat.fits", "credible_level": "abc"})
    )
    assert code == 400 and "credible_level" in body["error"]
