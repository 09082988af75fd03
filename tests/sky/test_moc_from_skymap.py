"""MOC creation from HEALPix probability sky maps (flat NESTED and multi-order), checked against a greedy
credible region computed here independently with numpy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from astropy.io import fits

from jupyter_escape.sky import samples
from jupyter_escape.sky.fitscheck import NotShowable, inspect_path
from jupyter_escape.sky.moc import SQDEG_SKY, load_moc, moc_from_skymap


def greedy_area(prob: np.ndarray, level: float, order: int) -> float:
    """Area of the highest-probability cells holding `level` (the last cell, crossing the level, included)."""
    ordered = np.sort(prob[prob > 0])[::-1]
    ncells = int(np.searchsorted(np.cumsum(ordered), level) + 1)
    return ncells * SQDEG_SKY / (12 * 4**order)


@pytest.mark.parametrize("multi_order", [False, True])
@pytest.mark.parametrize("level", [0.5, 0.9])
def test_credible_region_area_matches_greedy_region(tmp_path, multi_order, level):
    path = samples.sample_skymap(tmp_path / "map.fits", ra=11, dec=41, sigma_deg=2, order=6, multi_order=multi_order)
    _, prob = samples.gaussian_probabilities(11, 41, 2, 6)
    result = moc_from_skymap(path, level)
    expected = greedy_area(prob, level, 6)
    # Equal-probability cells at the boundary may all be kept (strict=False): allow one annulus of slack.
    assert expected <= result["area_sq_deg"] <= expected * 1.25
    assert result["credible_level"] == level
    assert result["moc"] and all(int(k) <= 6 for k in result["moc"])
    # A 2-D Gaussian's credible radius is sigma*sqrt(-2 ln(1-level)): the MOC is the right size on the sky.
    analytic = math.pi * (2 * math.sqrt(-2 * math.log(1 - level))) ** 2
    assert 0.8 * analytic < result["area_sq_deg"] < 1.6 * analytic


def test_region_contains_the_peak_and_grows_with_level(tmp_path):
    import astropy.units as u
    from mocpy import MOC

    path = samples.sample_skymap(tmp_path / "map.fits", ra=200, dec=-30, sigma_deg=3)
    r50, r90 = moc_from_skymap(path, 0.5), moc_from_skymap(path, 0.9)
    moc50, moc90 = MOC.from_json(r50["moc"]), MOC.from_json(r90["moc"])
    assert moc50.contains_lonlat(200 * u.deg, -30 * u.deg)[0]
    assert not moc90.contains_lonlat(20 * u.deg, 30 * u.deg)[0]
    assert r50["area_sq_deg"] < r90["area_sq_deg"]
    assert moc50.difference(moc90).sky_fraction == 0  # the 50 % region lies inside the 90 % one


def test_max_order_degrades_the_moc(tmp_path):
    path = samples.sample_skymap(tmp_path / "map.fits", order=7)
    coarse = moc_from_skymap(path, 0.9, max_order=4)
    assert max(int(k) for k in coarse["moc"]) <= 4


def test_inspect_tells_map_image_and_broken_fits(tmp_path):
    flat = samples.sample_skymap(tmp_path / "flat.fits")
    image = samples.sample_image(tmp_path / "img.fits", 10, 10, npix=32, n_sources=2)
    assert inspect_path(flat).kind == "healpix-map"
    assert "not as an image or a HiPS" in inspect_path(flat).message
    assert inspect_path(image).kind == "image"
    broken = tmp_path / "broken.fits"
    broken.write_bytes(image.read_bytes()[:5000])
    with pytest.raises(NotShowable, match="broken FITS"):
        inspect_path(broken)
    text = tmp_path / "notes.fits"
    text.write_text("hello")
    with pytest.raises(NotShowable, match="not a FITS file"):
        inspect_path(text)


def test_ring_map_gets_a_clear_refusal(tmp_path):
    path = samples.sample_skymap(tmp_path / "flat.fits")
    with fits.open(path, mode="update") as hdul:
        hdul[1].header["ORDERING"] = "RING"
    with pytest.raises(NotShowable, match="RING-ordered"):
        moc_from_skymap(path, 0.9)


def test_moc_file_round_trip_and_map_is_not_a_moc(tmp_path):
    from mocpy import MOC

    region = moc_from_skymap(samples.sample_skymap(tmp_path / "m.fits"), 0.9)
    MOC.from_json(region["moc"]).save(str(tmp_path / "region.fits"), format="fits")
    loaded = load_moc(tmp_path / "region.fits")
    assert loaded["moc"] == region["moc"]
    with pytest.raises(NotShowable, match="credible level"):
        load_moc(tmp_path / "m.fits")


def test_bad_level(tmp_path):
    with pytest.raises(Exception, match="credible_level"):
        moc_from_skymap(samples.sample_skymap(tmp_path / "m.fits"), 1.5)
