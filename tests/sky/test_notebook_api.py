"""The notebook API publishes one display-data message per call with the sky MIME type; tables of every
common kind become the same columns; mistakes get messages naming the column or the type."""

from __future__ import annotations

import math
import os

import numpy as np
import pytest

from jupyter_escape import sky
from jupyter_escape.sky import api


@pytest.fixture
def published(monkeypatch):
    sent: list[dict] = []

    def fake_display(obj, raw=False):
        assert raw and api.MIME_TYPE in obj and "text/plain" in obj
        sent.append(obj)

    import IPython.display

    # No frontend runs in pytest: capture what the kernel would publish to it, and check that message.
    monkeypatch.setattr(IPython.display, "display", fake_display)
    return sent


def payload(sent):
    return sent[-1][api.MIME_TYPE]


def test_goto_and_receipt(published):
    assert sky.goto((10.68, 41.27), fov=3) is None  # nothing echoed as Out[] besides the receipt
    p = payload(published)
    assert p["command"] == "goTo" and p["args"] == {"target": "10.68 41.27", "fov": 3.0}
    assert p["view"] == "main" and p["version"] == 1 and len(p["id"]) == 32
    assert published[-1]["text/plain"] == "Sky view 'main': go to 10.68 41.27"


def test_tables_of_every_kind_give_the_same_columns(published):
    import pandas as pd
    import pyarrow as pa
    from astropy.table import Table

    cols = {"RA_ICRS": [1.0, 2.0], "DE_ICRS": [3.0, float("nan")], "name": ["a", "b"]}
    for table in (
        cols,
        pd.DataFrame(cols),
        pa.table(cols),
        Table(cols),
        [{"RA_ICRS": 1.0, "DE_ICRS": 3.0, "name": "a"}, {"RA_ICRS": 2.0, "DE_ICRS": math.nan, "name": "b"}],
    ):
        sky.show_table(table, name="t")
        args = payload(published)["args"]
        assert args["columns"] == {"ra": "RA_ICRS", "dec": "DE_ICRS"}
        assert args["data"] == {"RA_ICRS": [1.0, 2.0], "DE_ICRS": [3.0, None], "name": ["a", "b"]}


def test_numpy_values_are_plain_json(published):
    sky.show_table({"ra": np.array([1.5]), "dec": np.array([2.5], dtype=np.float32), "n": np.array([7])}, id="n")
    args = payload(published)["args"]
    assert args["data"] == {"ra": [1.5], "dec": [2.5], "n": [7]} and args["columns"]["id"] == "n"
    assert type(args["data"]["n"][0]) is int


def test_clear_errors():
    with pytest.raises(ValueError, match="no ra column found among x, y: pass ra="):
        sky.show_table({"x": [1], "y": [2]})
    with pytest.raises(ValueError, match="dec column 'nope' not in the table"):
        sky.show_table({"ra": [1], "dec": [2]}, dec="nope")
    with pytest.raises(TypeError, match="cannot read a table from int"):
        sky.show_table(5)
    with pytest.raises(ValueError, match="different lengths"):
        sky.show_table({"ra": [1, 2], "dec": [2]})


def test_paths_are_sent_absolute_and_mocs_inline(published, tmp_path, monkeypatch):
    import astropy.units as u
    from mocpy import MOC

    monkeypatch.chdir(tmp_path)
    sky.show_fits("img.fits")
    assert payload(published)["args"] == {"name": "img.fits", "path": os.path.join(str(tmp_path), "img.fits")}
    sky.show_moc("map.fits", credible_level=0.5)
    assert payload(published)["args"]["credible_level"] == 0.5
    moc = MOC.from_cone(lon=10 * u.deg, lat=20 * u.deg, radius=1 * u.deg, max_depth=6)
    sky.show_moc(moc, name="cone")
    args = payload(published)["args"]
    assert args["name"] == "cone" and MOC.from_json(args["moc"]) == moc


def test_named_views_and_selection(published):
    second = sky.view("second")
    second.select([1, np.int64(2)], layer="demo")
    p = payload(published)
    assert p["view"] == "second" and p["args"] == {"ids": [1, 2], "layer": "demo"}
