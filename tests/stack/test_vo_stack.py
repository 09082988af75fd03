"""The local VO stack (stack/escape-stack up) works with a standard client: pyvo against the real DaCHS.

These prove the services other parts of the project rely on: TAP (sync, async/UWS), cone search, SIA1,
SIA2 over ObsCore, SSA, DataLink with SODA cutouts, the one-million-row benchmark table, TAP examples and
the local RegTAP registry (service type, keyword, data model, spatial and waveband constraints, tables).
"""

from __future__ import annotations

import html
import io
import re

import httpx
import numpy as np
import pytest
import pyvo
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.io import fits
from astropy.time import Time
from astropy.wcs import WCS

pytestmark = pytest.mark.stack

LOCKMAN = (161.75, 58.08)
HUDF = (53.1625, -27.7914)
FIELDS = {"M51", "Lockman Hole", "ELAIS-N1", "Bootes", "HDF-N", "HUDF", "COSMOS"}
# stack/dachs/gen/make_data.py: ~3000 optical sources (r < 22) per demo field from stack/lib/sample_sky.py, 500 in
# each of the four other fields
TOTAL_SOURCES = 11225


@pytest.fixture(scope="module")
def tap(vo_urls):
    return pyvo.dal.TAPService(vo_urls["ESCAPE_TAP_URL"])


def _fits(url: str) -> fits.HDUList:
    data = pyvo.utils.http.create_session().get(url, timeout=30)
    data.raise_for_status()
    return fits.open(io.BytesIO(data.content))


def test_tap_sync_cone_on_catalogue_with_units_and_ucds(tap):
    result = tap.run_sync(
        "SELECT source_id, name, ra, dec, field, mag_r, redshift, flux_144mhz FROM esc_demo.main "
        f"WHERE 1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {LOCKMAN[0]}, {LOCKMAN[1]}, 0.2))"
    )
    table = result.to_table()
    assert 300 < len(table) < 700  # ~4000 per square degree down to r = 22, over 0.126 deg2
    assert set(table["field"]) == {"Lockman Hole"}
    centre = SkyCoord(*LOCKMAN, unit="deg")
    sep = SkyCoord(table["ra"], table["dec"], unit="deg").separation(centre)
    assert sep.max() <= 0.2 * u.deg
    assert table["ra"].unit == u.deg and table["mag_r"].unit == u.mag
    ucds = {f.name: f.ucd for f in result.fielddescs}
    assert ucds["ra"] == "pos.eq.ra;meta.main" and ucds["redshift"] == "src.redshift"
    # NULL radio fluxes stay masked, detected ones are positive
    flux = table["flux_144mhz"]
    assert np.ma.count_masked(flux) > 0 and (flux.compressed() > 0).all()


def test_tap_catalogue_holds_all_fields_and_is_deterministic(tap):
    table = tap.run_sync(
        "SELECT field, COUNT(*) AS n, MIN(source_id) AS first_id FROM esc_demo.main GROUP BY field"
    ).to_table()
    assert set(table["field"]) == FIELDS
    assert table["n"].sum() == TOTAL_SOURCES
    first = tap.run_sync("SELECT name FROM esc_demo.main WHERE source_id = 1").to_table()
    assert first["name"][0] == "ESC J201.7364+47.1696"  # fixed seeds: stack/lib/sample_sky.py (M51 comes first)


def test_tap_async_job_runs_to_completion(tap):
    job = tap.submit_job("SELECT obj_class, COUNT(*) AS n FROM esc_demo.main GROUP BY obj_class")
    try:
        job.run()
        job.wait(phases={"COMPLETED", "ERROR", "ABORTED"}, timeout=60)
        assert job.phase == "COMPLETED"
        table = job.fetch_result().to_table()
        assert set(table["obj_class"]) == {"galaxy", "qso", "star"}
        assert table["n"].sum() == TOTAL_SOURCES
    finally:
        job.delete()


def test_cone_search(vo_urls):
    scs = pyvo.dal.SCSService(vo_urls["ESCAPE_SCS_URL"])
    result = scs.search(pos=SkyCoord(*HUDF, unit="deg"), radius=0.1)
    assert len(result) > 5
    table = result.to_table()
    sep = SkyCoord(table["ra"], table["dec"], unit="deg").separation(SkyCoord(*HUDF, unit="deg"))
    assert sep.max() <= 0.1 * u.deg
    assert set(table["field"]) == {"HUDF"}


def test_sia1_finds_and_delivers_images_with_valid_wcs(vo_urls):
    sia = pyvo.dal.SIAService(vo_urls["ESCAPE_SIA1_URL"])
    result = sia.search(pos=LOCKMAN, size=0.1)
    assert len(result) == 2
    titles = sorted(r.title for r in result)
    assert all(t.startswith("Lockman Hole") for t in titles)
    with _fits(result[0].getdataurl()) as hdul:
        wcs = WCS(hdul[0].header)
        ny, nx = hdul[0].data.shape
        assert 64 <= nx <= 256
        x, y = wcs.all_world2pix([LOCKMAN[0]], [LOCKMAN[1]], 0)
        assert 0 <= x[0] < nx and 0 <= y[0] < ny


def test_sia2_over_obscore(vo_urls):
    sia2 = pyvo.dal.SIA2Service(vo_urls["ESCAPE_SIA2_URL"], check_baseurl=False)
    result = sia2.search(pos=(HUDF[0], HUDF[1], 0.01))
    assert len(result) == 1
    record = result[0]
    assert record.dataproduct_type == "image"
    assert record.obs_collection == "ESCAPE demo images"
    assert record.instrument_name == "HST ACS/WFC"
    assert 6.9e-7 < record.em_min.to_value(u.m) < 7.7e-7 < record.em_max.to_value(u.m) < 8.5e-7  # F775W
    radio = sia2.search(pos=(LOCKMAN[0], LOCKMAN[1], 0.05), band=(1.0, 3.0))
    assert [r.instrument_name for r in radio] == ["LOFAR HBA"]


def test_datalink_and_soda_cutout(vo_urls):
    sia2 = pyvo.dal.SIA2Service(vo_urls["ESCAPE_SIA2_URL"], check_baseurl=False)
    record = sia2.search(pos=(HUDF[0], HUDF[1], 0.01))[0]
    links = record.getdatalink()
    semantics = {link.semantics for link in links}
    assert {"#this", "#proc"} <= semantics
    full = _fits(next(link.access_url for link in links if link.semantics == "#this"))
    soda = links.get_first_proc()
    cutout = fits.open(io.BytesIO(soda.processed(circle=(HUDF[0], HUDF[1], 0.01)).read()))
    full_shape, cut_shape = full[0].data.shape, cutout[0].data.shape
    assert cut_shape[0] < full_shape[0] and cut_shape[1] < full_shape[1]
    x, y = WCS(cutout[0].header).all_world2pix([HUDF[0]], [HUDF[1]], 0)
    assert 0 <= x[0] < cut_shape[1] and 0 <= y[0] < cut_shape[0]


def test_ssa_spectra(vo_urls):
    ssa = pyvo.dal.SSAService(vo_urls["ESCAPE_SSA_URL"])
    result = ssa.search(pos=LOCKMAN, diameter=2.0)
    assert len(result) == 2
    record = result[0]
    assert "Lockman Hole" in record.title
    with _fits(record.getdataurl()) as hdul:
        spectrum = hdul[1].data
        assert len(spectrum) == 1200
        assert hdul[1].columns["WAVELENGTH"].unit == "m"
        assert np.isfinite(spectrum["FLUX"]).all()
        assert abs(hdul[0].header["REDSHIFT"] - float(record["ssa_redshift"])) < 1e-3


def test_benchmark_table_has_a_million_rows_of_all_types(tap):
    count = tap.run_sync("SELECT COUNT(*) AS n FROM esc_bench.big").to_table()
    assert count["n"][0] == 1_000_000
    sample = tap.run_sync("SELECT TOP 3 * FROM esc_bench.big ORDER BY row_id")
    types = {f.name: f.datatype for f in sample.fielddescs}
    assert types == {
        "row_id": "long",
        "ra": "double",
        "dec": "double",
        "epoch": "double",
        "mag": "float",
        "mag_err": "float",
        "flux": "float",
        "n_obs": "short",
        "flag": "short",
        "label": "char",
    }
    assert list(sample.to_table()["label"]) == ["ESC000000001", "ESC000000002", "ESC000000003"]


def test_tap_examples_are_served_and_all_run(vo_urls, tap):
    """The DALI examples page (shown by the frontend and TOPCAT) lists queries that all work."""
    page = httpx.get(vo_urls["ESCAPE_TAP_URL"] + "/examples", timeout=30)
    assert page.status_code == 200
    names = re.findall(r'property="name"[^>]*>([^<]+)<', page.text)
    queries = [html.unescape(q) for q in re.findall(r'property="query"[^>]*>(.*?)</pre>', page.text, re.DOTALL)]
    assert len(names) == len(queries) >= 7
    for name, query in zip(names, queries, strict=True):
        assert len(tap.run_sync(query)) > 0, name


def _ivoids(resources):
    return {r.ivoid for r in resources}


def test_registry_by_servicetype(local_registry):
    auth = "ivo://escape.local"
    assert _ivoids(local_registry.search(servicetype="tap")) == {f"{auth}/tap"}
    assert _ivoids(local_registry.search(servicetype="scs")) == {f"{auth}/esc_demo/q/scs"}
    assert _ivoids(local_registry.search(servicetype="sia")) == {f"{auth}/esc_img/q/sia"}
    assert _ivoids(local_registry.search(servicetype="sia2")) == {f"{auth}/__system__/siap2/sitewide"}
    ssa = local_registry.search(servicetype="ssa")
    assert _ivoids(ssa) == {f"{auth}/esc_spec/q/ssa"}
    service = ssa[0].get_service("ssa")
    assert len(service.search(pos=LOCKMAN, diameter=2.0)) == 2


def test_registry_by_keyword_and_datamodel(local_registry):
    lofar = _ivoids(local_registry.search(keywords=["LOFAR"]))
    assert {"ivo://escape.local/esc_demo/q/scs", "ivo://escape.local/esc_img/q/sia"} <= lofar
    assert "ivo://escape.local/esc_bench/q/big" not in lofar
    assert _ivoids(local_registry.search(datamodel="obscore")) == {"ivo://escape.local/tap"}
    assert _ivoids(local_registry.search(datamodel="regtap")) == {"ivo://escape.local/tap"}


def test_registry_spatial_and_waveband(local_registry):
    lockman = _ivoids(local_registry.search(spatial=LOCKMAN))
    assert {"ivo://escape.local/esc_demo/q/scs", "ivo://escape.local/esc_img/q/sia"} <= lockman
    assert len(local_registry.search(spatial=(10.0, -80.0))) == 0
    radio = _ivoids(local_registry.search(waveband="Radio"))
    assert "ivo://escape.local/esc_img/q/sia" in radio
    assert "ivo://escape.local/esc_spec/q/ssa" not in radio
    assert "ivo://escape.local/esc_spec/q/ssa" in _ivoids(local_registry.search(waveband="optical"))


def test_registry_get_tables(local_registry):
    resource = local_registry.search(ivoid="ivo://escape.local/esc_bench/q/big")[0]
    tables = resource.get_tables()
    assert list(tables) == ["esc_bench.big"]
    columns = {c.name: c for c in tables["esc_bench.big"].columns}
    assert len(columns) == 10 and columns["ra"].unit == "deg" and columns["ra"].ucd == "pos.eq.ra;meta.main"


def test_cors_allows_loopback_browser_clients_only(vo_urls):
    url = vo_urls["ESCAPE_TAP_URL"] + "/sync"
    params = {"LANG": "ADQL", "QUERY": "SELECT TOP 1 ra FROM esc_demo.main"}
    for origin in ("http://127.0.0.1:8888", "http://localhost:41234"):
        response = httpx.get(url, params=params, headers={"Origin": origin}, timeout=30)
        assert response.headers.get("access-control-allow-origin") == origin
    foreign = httpx.get(url, params=params, headers={"Origin": "https://example.org"}, timeout=30)
    assert "access-control-allow-origin" not in foreign.headers


def test_registry_temporal_and_spectral_coverage(local_registry):
    """RegTAP 1.2 stc_temporal/stc_spectral, filled from DaCHS's computed coverage."""
    in_2016 = _ivoids(local_registry.search(temporal=Time("2016-06-01").mjd))
    assert "ivo://escape.local/esc_spec/q/ssa" in in_2016
    assert "ivo://escape.local/esc_demo/q/scs" not in in_2016  # a catalogue without time coverage
    assert "ivo://escape.local/esc_spec/q/ssa" not in _ivoids(local_registry.search(temporal=Time("2010-01-01").mjd))
    at_2m = _ivoids(local_registry.search(spectral=2.0 * u.m))  # LOFAR 144 MHz
    assert "ivo://escape.local/esc_img/q/sia" in at_2m
    assert "ivo://escape.local/esc_spec/q/ssa" not in at_2m
