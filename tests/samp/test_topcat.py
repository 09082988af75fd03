"""SAMP between the server and a real TOPCAT (stack/samp: JSAMP hub + TOPCAT under Xvfb).

Server -> TOPCAT: table.load.votable (a VO result from the local DaCHS, a workspace file), table.select.rowList.
TOPCAT side -> server: table.select.rowList and table.load.votable / image.load.fits, sent by JSAMP's
MessageSender with data TOPCAT itself serves (table.get.stil), landing in the event log and the basket.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json

import httpx
import numpy as np
import pytest
from _stack import stack_value
from astropy.io import fits
from astropy.table import Table

from .conftest import jsamp_send, screenshot, topcat_table_url

pytestmark = pytest.mark.stack

QUERY = "SELECT TOP 23 source_id, ra, dec FROM esc_demo.main ORDER BY source_id"


async def _desktop(mtype: str, params: dict, target: str) -> dict:
    """A message from the desktop side (JSAMP's MessageSender runs a few seconds: off the server's loop)."""
    return await asyncio.to_thread(jsamp_send, mtype, params, target)


async def _events(fetch_json, kind: str, wait: float = 60.0) -> list[dict]:
    deadline = asyncio.get_running_loop().time() + wait
    since = 0
    found: list[dict] = []
    while not found and asyncio.get_running_loop().time() < deadline:
        answer = await fetch_json("samp", "events", params={"since": since, "timeout": 2})
        since = answer["last"]
        found = [e for e in answer["events"] if e["type"] == kind]
    return found


async def _retry_ok(fetch_json, path: str, body: dict, wait: float = 15.0) -> dict:
    """TOPCAT answers table.load before the table is usable: a selection right after may be refused once."""
    deadline = asyncio.get_running_loop().time() + wait
    while True:
        answer = await fetch_json("samp", path, method="POST", body=body)
        if answer["replies"][0]["status"] == "ok" or asyncio.get_running_loop().time() > deadline:
            return answer
        await asyncio.sleep(0.3)


async def test_vo_result_reaches_topcat_and_selections_go_both_ways(samp_env, jp_fetch, fetch_json, desktop_probe):
    status = await fetch_json("samp", "status")
    assert status["mode"] == "local" and status["hub"] is True, status
    topcat = next(c for c in status["clients"] if c["name"].lower() == "topcat")
    assert topcat["icon_url"].startswith("http") and "table.load.votable" in topcat["accepts"]

    response = await jp_fetch(
        "escape",
        "api",
        "vo",
        "tap",
        "sync",
        method="POST",
        body=json.dumps({"url": stack_value("ESCAPE_TAP_URL"), "query": QUERY}),
    )
    result_id = response.headers["X-Escape-Result-Id"]

    sent = await fetch_json(
        "samp",
        "send",
        method="POST",
        body={"source": {"kind": "vo-result", "id": result_id}, "to": topcat["id"], "name": "escape-vo-result"},
    )
    assert sent["mtype"] == "table.load.votable" and sent["rows"] == 23
    assert sent["replies"] == [{"id": topcat["id"], "name": "topcat", "status": "ok", "result": {}}]
    assert "samp.send_table(table" in sent["code"] and "pyvo.dal.TAPService" in sent["code"]

    # What TOPCAT holds, in its own words: the 23 rows, same ids, same order.
    url = await asyncio.to_thread(topcat_table_url, desktop_probe, sent["table_id"])
    async with httpx.AsyncClient(timeout=30) as http:
        rows = list(csv.DictReader(io.StringIO((await http.get(url)).text)))
        answer = await http.post(
            f"{stack_value('ESCAPE_TAP_URL')}/sync", data={"REQUEST": "doQuery", "LANG": "ADQL", "QUERY": QUERY}
        )
    assert len(rows) == 23
    expected = Table.read(io.BytesIO(answer.content), format="votable")
    assert [int(r["source_id"]) for r in rows] == [int(v) for v in expected["source_id"]]

    # Our selection -> TOPCAT (it refuses a table-id it does not know, so ok means it applied it).
    answer = await _retry_ok(
        fetch_json, "select", {"table_id": sent["table_id"], "rows": [0, 2, 4], "to": topcat["id"]}
    )
    assert answer["replies"][0]["status"] == "ok", answer

    # A selection made on the desktop side of the same table -> the event the grid and the sky listen to.
    reply = await _desktop(
        "table.select.rowList",
        {"table-id": sent["table_id"], "url": sent["url"], "row-list": ["1", "3", "22"]},
        status["self_id"],
    )
    assert reply["samp.status"] == "samp.ok"
    selections = await _events(fetch_json, "select")
    assert selections[-1]["rows"] == [1, 3, 22]
    assert selections[-1]["source"] == {"kind": "vo-result", "id": result_id}
    assert selections[-1]["sender"]["name"] == "desktop-sender (JSAMP)"
    await asyncio.sleep(2)  # TOPCAT paints its table list a moment after answering
    await asyncio.to_thread(screenshot, "topcat-with-vo-result")


async def test_tables_and_images_from_the_desktop_land_in_the_basket(samp_env, jp_root_dir, fetch_json, desktop_probe):
    data = jp_root_dir / "seven.vot"
    Table({"id": np.arange(7), "ra": np.linspace(10, 11, 7), "dec": np.linspace(20, 21, 7)}).write(
        data, format="votable"
    )
    status = await fetch_json("samp", "status")
    topcat = next(c for c in status["clients"] if c["name"].lower() == "topcat")
    sent = await fetch_json(
        "samp", "send", method="POST", body={"source": {"kind": "file", "path": "seven.vot"}, "to": topcat["id"]}
    )
    assert sent["replies"][0]["status"] == "ok", sent["replies"]
    assert "samp.send_table('seven.vot'" in sent["code"]

    # TOPCAT serves the table it holds; a desktop client tells JupyterLab to load it.
    url = await asyncio.to_thread(topcat_table_url, desktop_probe, sent["table_id"], "votable", 15.0, "seven.vot")
    reply = await _desktop("table.load.votable", {"url": url, "name": "picked in TOPCAT"}, status["self_id"])
    assert reply["samp.status"] == "samp.ok", reply
    tables = await _events(fetch_json, "table")
    item = await fetch_json("basket", "items", tables[-1]["item_id"])
    assert item["source"] == "SAMP: desktop-sender (JSAMP)"
    assert item["payload"]["origin"]["application"] == "desktop-sender (JSAMP)"
    assert item["payload"]["n_rows"] == 7 and item["title"] == "picked in TOPCAT (from desktop-sender (JSAMP))"

    image = jp_root_dir / "img.fits"
    fits.PrimaryHDU(np.arange(64, dtype="float32").reshape(8, 8)).writeto(image)
    reply = await _desktop("image.load.fits", {"url": image.as_uri(), "name": "sky cut-out"}, status["self_id"])
    assert reply["samp.status"] == "samp.ok", reply
    images = await _events(fetch_json, "image")
    item = await fetch_json("basket", "items", images[-1]["item_id"])
    assert item["kind"] == "workspace_file" and item["source"] == "SAMP: desktop-sender (JSAMP)"
    assert (jp_root_dir / item["payload"]["path"]).read_bytes() == image.read_bytes()
    await asyncio.to_thread(screenshot, "topcat-with-workspace-table")


async def test_refusals_are_clear(samp_env, jp_root_dir, fetch_json):
    image = jp_root_dir / "img.fits"
    fits.PrimaryHDU(np.zeros((4, 4), dtype="float32")).writeto(image)
    status = await fetch_json("samp", "status")
    topcat = next(c for c in status["clients"] if c["name"].lower() == "topcat")
    with pytest.raises(Exception) as err:  # TOPCAT does not take images
        await fetch_json(
            "samp", "send", method="POST", body={"source": {"kind": "file", "path": "img.fits"}, "to": topcat["id"]}
        )
    assert err.value.code == 409 and b"topcat does not accept image.load.fits" in err.value.response.body
    reply = await _desktop("table.load.votable", {"url": "file:///nonexistent/t.vot"}, status["self_id"])
    assert (
        reply["samp.status"] == "samp.error"
        and "cannot read /nonexistent/t.vot" in reply["samp.error"]["samp.errortxt"]
    )
