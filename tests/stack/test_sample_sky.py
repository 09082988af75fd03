"""The simulated sky the stack's sample data come from (stack/lib/sample_sky.py) and the HiPS tiling of it
(stack/hips/make_hips.py): deterministic, realistic densities, radio and optical catalogues that differ but share
counterparts, and a rendering that does not depend on which tile asks (no seams). No running service needed."""

from __future__ import annotations

import importlib.util
import math
import pathlib
import sys

import numpy as np
import pytest
from astropy.coordinates import SkyCoord

STACK = pathlib.Path(__file__).resolve().parents[2] / "stack"
sys.path.insert(0, str(STACK / "lib"))
import sample_sky  # noqa: E402 (found through the sys.path entry above)

sys.path.pop(0)


def _make_hips():
    spec = importlib.util.spec_from_file_location("make_hips", STACK / "hips" / "make_hips.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def m51():
    truth = sample_sky.truth("M51")
    return truth, sample_sky.optical_catalogue(truth), sample_sky.radio_catalogue(truth)


def test_same_seed_same_objects():
    a, b = sample_sky.truth("Lockman Hole"), sample_sky.truth("Lockman Hole")
    assert np.array_equal(a["ra"], b["ra"]) and np.array_equal(a["radio"]["flux"], b["radio"]["flux"])
    ca, cb = (
        sample_sky.radio_catalogue(sample_sky.truth("ELAIS-N1")),
        sample_sky.radio_catalogue(sample_sky.truth("ELAIS-N1")),
    )
    assert np.array_equal(ca["ra"], cb["ra"]) and np.array_equal(ca["total_flux"], cb["total_flux"])


def test_catalogues_have_survey_like_densities_and_stay_in_the_field(m51):
    truth, optical, radio = m51
    area = 2 * math.pi * (1 - math.cos(math.radians(truth["radius"]))) * (180 / math.pi) ** 2
    # r < 22 (SDSS/Pan-STARRS depth): a few thousand per square degree; LoTSS-DR2: ~800 radio sources per deg2
    assert 3000 < optical["ra"].size / area < 5500
    assert 600 < radio["ra"].size / area < 1100
    centre = SkyCoord(truth["ra0"], truth["dec0"], unit="deg")
    for cat in (optical, radio):
        sep = SkyCoord(cat["ra"], cat["dec"], unit="deg").separation(centre).deg
        assert sep.max() < truth["radius"] + 0.01
    assert (optical["mag_r"] < sample_sky.OPTICAL_LIMIT_R).all()
    assert (radio["e_ra"] >= 0.35).all() and np.median(radio["e_ra"]) < 1.5  # calibration floor, S/N-driven tail
    assert np.median(optical["pos_err"]) < 0.25


def test_radio_and_optical_cross_match_finds_a_realistic_share_of_counterparts(m51):
    _, optical, radio = m51
    r = SkyCoord(radio["ra"], radio["dec"], unit="deg")
    o = SkyCoord(optical["ra"], optical["dec"], unit="deg")
    _, sep, _ = r.match_to_catalog_sky(o)
    sep = sep.arcsec
    within = sep < 3.0
    # Partial overlap: hosts fainter than r = 22 have no optical entry; positions differ, never coincide.
    assert 0.55 < within.mean() < 0.8
    assert 0.2 < np.median(sep[within]) < 1.2
    assert (sep > 0).all()
    # The simulation's truth agrees: flux_144mhz marks the hosts in the optical catalogue.
    hosts = np.isfinite(optical["flux_144mhz"]).sum()
    assert abs(hosts / radio["ra"].size - within.mean()) < 0.1


def test_rendering_does_not_depend_on_which_tile_asks():
    truth = sample_sky.truth("M51")
    rng = np.random.default_rng(3)
    ra = truth["ra0"] + rng.uniform(-0.05, 0.05, 400)
    dec = truth["dec0"] + rng.uniform(-0.05, 0.05, 400)
    keys = np.arange(400, dtype=np.uint64) + 12345
    whole = sample_sky.render(ra, dec, truth, "optical", noise_key=keys)
    halves = np.concatenate(
        [
            sample_sky.render(ra[:150], dec[:150], truth, "optical", noise_key=keys[:150]),
            sample_sky.render(ra[150:], dec[150:], truth, "optical", noise_key=keys[150:]),
        ]
    )
    assert np.allclose(whole, halves, rtol=1e-9, atol=1e-9)
    assert whole.std() > 1  # not a flat grey


def test_hips_tile_layout_nests_children_in_their_parent():
    """A parent pixel averages exactly the four child pixels of its own HEALPix cell (same layout as Hipsgen's)."""
    hips = _make_hips()
    parent_tile = 4 * 1234
    children = [
        ((np.int64(4 * parent_tile + c) << (2 * hips.TILE_BITS)) + hips.SUB_CELLS).astype(float) for c in range(4)
    ]
    parent = hips._downsample(children)
    expected = (np.int64(parent_tile) << (2 * hips.TILE_BITS)) + hips.SUB_CELLS
    # the mean of the four children's cell numbers is 4 * parent cell + 1.5
    assert np.array_equal(parent, 4 * expected + 1.5)
