"""Remote mode receiving (handlers/samp.py ReceiveHandler): the browser got a table or image from a desktop tool
over the Web Profile, fetched it from the desktop and streams it to samp/receive. These tests call the route as
the browser does (ui-tests/tests/samp.spec.ts runs the whole path with TOPCAT); no SAMP hub is needed here."""

from __future__ import annotations

import io

import numpy as np
import pytest
from astropy.io import fits
from astropy.table import Table
from tornado.httpclient import HTTPClientError

from jupyter_escape.handlers import samp as samp_handlers


def _votable(rows: int) -> bytes:
    out = io.BytesIO()
    Table({"id": np.arange(rows), "ra": np.linspace(10, 11, rows)}).write(out, format="votable")
    return out.getvalue()


def _inbox_leftovers(root) -> list:
    return [p.name for p in root.rglob(".samp-*")]


async def _upload(fetch_json, data: bytes, **params):
    query = {
        "mtype": "table.load.votable",
        "url": "http://127.0.0.1:2525/t.vot",
        "sender_id": "cli#3",
        "sender_name": "topcat",
        **params,
    }
    return await fetch_json(
        "samp", "receive", method="POST", body=data, params=query, headers={"Content-Type": "application/octet-stream"}
    )


async def test_a_table_lands_in_the_basket_naming_the_sender(fetch_json, jp_root_dir):
    answer = await _upload(fetch_json, _votable(9), name="picked in TOPCAT")
    assert answer["rows"] == 9 and answer["title"] == "picked in TOPCAT (from topcat)"
    item = await fetch_json("basket", "items", answer["item_id"])
    assert item["source"] == "SAMP: topcat" and item["payload"]["n_rows"] == 9
    origin = item["payload"]["origin"]
    assert origin["application"] == "topcat" and origin["samp_client"] == "cli#3"
    assert origin["mtype"] == "table.load.votable" and origin["url"] == "http://127.0.0.1:2525/t.vot"
    events = await fetch_json("samp", "events")
    assert events["events"][-1]["type"] == "table" and events["events"][-1]["via"] == "browser"
    assert _inbox_leftovers(jp_root_dir) == []


async def test_an_image_becomes_a_workspace_file(fetch_json, jp_root_dir):
    data = io.BytesIO()
    fits.PrimaryHDU(np.arange(16, dtype="float32").reshape(4, 4)).writeto(data)
    answer = await _upload(fetch_json, data.getvalue(), mtype="image.load.fits", name="cut-out")
    assert (jp_root_dir / answer["path"]).read_bytes() == data.getvalue()
    item = await fetch_json("basket", "items", answer["item_id"])
    assert item["kind"] == "workspace_file" and item["source"] == "SAMP: topcat"


@pytest.mark.parametrize(
    ("data", "params", "status", "words"),
    [
        (b"<html>not found</html>", {"mtype": "image.load.fits"}, 422, "not a FITS file"),
        (b"<VOTABLE><broken", {}, 400, "cannot read the table"),
        (b"", {}, 400, "no data was uploaded"),
        (b"x", {"mtype": "spectrum.load.ssa-generic"}, 400, "mtype"),
    ],
)
async def test_bad_uploads_are_refused_and_leave_nothing(fetch_json, jp_root_dir, data, params, status, words):
    with pytest.raises(HTTPClientError) as err:
        await _upload(fetch_json, data, **params)
    assert err.value.code == status and words in err.value.response.body.decode()
    assert _inbox_leftovers(jp_root_dir) == []


async def test_too_large_is_refused_before_it_is_stored(fetch_json, jp_root_dir, monkeypatch):
    monkeypatch.setattr(samp_handlers, "MAX_RECEIVE_BYTES", 1000)
    with pytest.raises(HTTPClientError) as err:
        await _upload(fetch_json, _votable(200))
    assert err.value.code == 413 and b"SAMP receive limit" in err.value.response.body
    assert _inbox_leftovers(jp_root_dir) == []
