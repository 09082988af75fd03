"""Local mode: spectra, images, basket tables and positions between the server and real desktop clients.

TOPCAT takes no spectra (it only sends them) and uses a position only while a cone-search window is open, so
the client at the other end is JSAMP's Snooper (Debian's topcat package): a real SAMP client on the stack's hub
that subscribes to these messages, answers them ("logged, not acted on") and prints each one it gets, so the
test reads back exactly what arrived. Positions from the desktop come from JSAMP's MessageSender.
"""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import time
import urllib.request

import numpy as np
import pytest
from astropy.io import fits
from astropy.table import Table

from .conftest import JSAMP, jsamp_send

pytestmark = pytest.mark.stack

MONITOR = "monitor (JSAMP snooper)"


@pytest.fixture
def snooper(samp_env, tmp_path):
    """The Snooper registered with the hub, its log in a file; stopped (by its own pid) afterwards."""
    log = tmp_path / "snooper.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                "java",
                "-Xmx48m",
                "-Djava.awt.headless=true",
                "-jar",
                JSAMP,
                "snooper",
                "-clientname",
                MONITOR,
                "-mtype",
                "spectrum.load.ssa-generic",
                "-mtype",
                "coord.pointAt.sky",
                "-mtype",
                "image.load.fits",
                "-mtype",
                "table.load.votable",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "SAMP_HUB": f"std-lockurl:file://{samp_env}"},
        )
    try:
        yield proc, log
    finally:
        proc.terminate()
        proc.wait(timeout=20)


async def _monitor_id(fetch_json, wait: float = 60.0) -> str:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        status = await fetch_json("samp", "status")
        found = [c for c in status["clients"] if c["name"] == MONITOR]
        if found:
            return found[0]["id"]
        await asyncio.sleep(0.5)
    raise AssertionError("the Snooper did not register with the hub")


async def _logged(log, text: str, wait: float = 20.0) -> str:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        content = log.read_text()
        if text in content:
            return content
        await asyncio.sleep(0.3)
    raise AssertionError(f"{text!r} never reached the Snooper: {log.read_text()[-2000:]}")


def _read_url(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:
        return response.read()


async def test_a_spectrum_and_a_position_reach_a_desktop_client(snooper, jp_root_dir, fetch_json):
    _, log = snooper
    monitor = await _monitor_id(fetch_json)
    spectrum = jp_root_dir / "spec.fits"
    hdu = fits.PrimaryHDU(np.linspace(1, 2, 40, dtype="float32"))
    hdu.header.update(CRVAL1=4000.0, CDELT1=10.0, CRPIX1=1.0, CTYPE1="WAVE")
    hdu.writeto(spectrum)

    sent = await fetch_json(
        "samp",
        "send",
        method="POST",
        body={"source": {"kind": "file", "path": "spec.fits"}, "as": "spectrum", "to": monitor},
    )
    assert sent["mtype"] == "spectrum.load.ssa-generic"
    assert sent["replies"][0]["status"] == "warning" and "Message logged" in sent["replies"][0]["error"]
    assert "samp.send_spectrum('spec.fits'" in sent["code"]
    text = await _logged(log, "spectrum.load.ssa-generic")
    assert f'"url": "{sent["url"]}"' in text and '"Access.Format": "application/fits"' in text
    assert f'"Access.Reference": "{sent["url"]}"' in text

    def read(url):  # the URL the desktop reads (a signed link on the server; off the loop that serves it)
        with urllib.request.urlopen(url) as response:
            return response.read()

    assert await asyncio.to_thread(read, sent["url"]) == spectrum.read_bytes()

    pointed = await fetch_json("samp", "point", method="POST", body={"ra": 10.5, "dec": -4.25, "to": monitor})
    assert pointed["replies"][0]["name"] == MONITOR
    assert pointed["code"].endswith("samp.point_at(10.5, -4.25)")
    text = await _logged(log, "coord.pointAt.sky")
    assert '"ra": "10.5"' in text and '"dec": "-4.25"' in text


async def test_a_position_from_the_desktop_reaches_the_event_log(samp_env, fetch_json):
    status = await fetch_json("samp", "status")
    before = (await fetch_json("samp", "events"))["last"]
    reply = await asyncio.to_thread(jsamp_send, "coord.pointAt.sky", {"ra": "150.1", "dec": "2.2"}, status["self_id"])
    assert reply["samp.status"] == "samp.ok"
    deadline = time.monotonic() + 60
    points = []
    while not points and time.monotonic() < deadline:
        answer = await fetch_json("samp", "events", params={"since": before, "timeout": 2})
        points = [e for e in answer["events"] if e["type"] == "point"]
    assert points and (points[0]["ra"], points[0]["dec"]) == ("150.1", "2.2")
    assert points[0]["sender"]["name"] == "desktop-sender (JSAMP)"


async def test_an_image_and_a_basket_table_reach_a_desktop_client(snooper, jp_root_dir, fetch_json):
    _, log = snooper
    monitor = await _monitor_id(fetch_json)
    image = jp_root_dir / "m31.fits"
    fits.PrimaryHDU(np.arange(64, dtype="float32").reshape(8, 8)).writeto(image)
    sent = await fetch_json(
        "samp", "send", method="POST", body={"source": {"kind": "file", "path": "m31.fits"}, "to": monitor}
    )
    assert sent["mtype"] == "image.load.fits" and sent["replies"][0]["name"] == MONITOR
    text = await _logged(log, "image.load.fits")
    assert f'"url": "{sent["url"]}"' in text and f'"image-id": "{sent["table_id"]}"' in text

    # A basket table (put there the way a desktop tool's table arrives) goes out as a VOTable
    out = io.BytesIO()
    Table({"id": np.arange(6), "ra": np.linspace(1, 2, 6)}).write(out, format="votable")
    item = await fetch_json(
        "samp",
        "receive",
        method="POST",
        body=out.getvalue(),
        params={
            "mtype": "table.load.votable",
            "url": "http://127.0.0.1:1/t.vot",
            "sender_id": "c1",
            "sender_name": "x",
        },
        headers={"Content-Type": "application/octet-stream"},
    )
    sent = await fetch_json(
        "samp", "send", method="POST", body={"source": {"kind": "basket", "item": item["item_id"]}, "to": monitor}
    )
    assert sent["mtype"] == "table.load.votable" and sent["rows"] == 6
    assert "basket.get(" in sent["code"]
    await _logged(log, sent["table_id"])
    data = await asyncio.to_thread(_read_url, sent["url"])  # the signed link the desktop was sent
    assert len(Table.read(io.BytesIO(data), format="votable")) == 6
