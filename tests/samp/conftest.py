"""A real SAMP desktop for the tests: the stack's JSAMP hub and TOPCAT under Xvfb (stack/samp), started here if
it is not running yet. Desktop-side messages come from TOPCAT itself or from JSAMP's MessageSender (the SAMP
library TOPCAT is built on, shipped in the same Debian package), never from a mock."""

from __future__ import annotations

import json
import os
import subprocess
import time
import warnings
from pathlib import Path

import pytest
from _stack import ROOT

SAMP_STATE = Path(os.environ.get("ESCAPE_STACK_STATE", ROOT / "stack" / ".state")) / "samp"
LOCKFILE = SAMP_STATE / "lock"
JSAMP = "/usr/share/java/jsamp.jar"
DISPLAY = ":" + os.environ.get("ESCAPE_SAMP_DISPLAY", "57")


@pytest.fixture(scope="session")
def samp_desktop():
    """Hub + TOPCAT up (stack/samp/up.sh is idempotent); fails, never skips, when they cannot start."""
    run = subprocess.run(
        ["bash", str(ROOT / "stack" / "samp" / "up.sh")], capture_output=True, text=True, timeout=240, check=False
    )
    if run.returncode != 0:
        pytest.fail(f"stack/samp/up.sh failed: {run.stdout[-500:]} {run.stderr[-1500:]}")
    return LOCKFILE


@pytest.fixture
def samp_env(samp_desktop, monkeypatch):
    monkeypatch.setenv("SAMP_HUB", f"std-lockurl:file://{samp_desktop}")
    monkeypatch.delenv("ESCAPE_SAMP_MODE", raising=False)
    return samp_desktop


@pytest.fixture
def desktop_probe(samp_env):
    """A second SAMP client (pyvo) that asks TOPCAT what it holds, as a user's own script could."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pyvo.samp import SAMPIntegratedClient

        client = SAMPIntegratedClient(name="escape-test-probe", addr="127.0.0.1")
        client.connect()
    yield client
    client.disconnect()


def topcat_id(client) -> str:
    for cid in client.get_registered_clients():
        if (client.get_metadata(cid).get("samp.name") or "").lower() == "topcat":
            return cid
    raise AssertionError("TOPCAT is not registered with the hub")


def topcat_table_url(client, table_id: str, fmt: str = "csv", wait: float = 15.0, name: str | None = None) -> str:
    """Ask TOPCAT (table.get.stil) for a URL of the table it loaded under ``table_id``; TOPCAT answers samp.ok to
    table.load before the table is listed, so poll. While it does not hold that id TOPCAT answers with another of
    its tables: with ``name`` (fmt "votable"), poll until the table served carries that name."""
    deadline = time.monotonic() + wait
    while True:
        reply = client.call_and_wait(
            topcat_id(client),
            {"samp.mtype": "table.get.stil", "samp.params": {"table-id": table_id, "format": fmt}},
            "10",
        )
        if reply.get("samp.status") == "samp.ok" and (
            name is None or _served_name(reply["samp.result"]["url"]) == name
        ):
            return reply["samp.result"]["url"]
        if time.monotonic() > deadline:
            raise AssertionError(f"TOPCAT never listed table {table_id}: {reply}")
        time.sleep(0.3)


def _served_name(url: str) -> str | None:
    """The name of the first TABLE of a VOTable TOPCAT serves."""
    import io
    import urllib.request

    from astropy.io.votable import parse

    with urllib.request.urlopen(url, timeout=30) as response:
        data = response.read()
    return parse(io.BytesIO(data)).get_first_table().name


def jsamp_send(mtype: str, params: dict, target: str, sender: str = "desktop-sender (JSAMP)") -> dict:
    """Send one message from a Java SAMP client (JSAMP's MessageSender) and return its parsed reply."""
    args = [
        "java",
        "-Xmx64m",
        "-Djava.awt.headless=true",
        "-jar",
        JSAMP,
        "messagesender",
        "-mtype",
        mtype,
        "-targetid",
        target,
        "-sendername",
        sender,
        "-mode",
        "sync",
    ]
    for name, value in params.items():
        args += ["-param", name, json.dumps(value) if isinstance(value, list) else str(value)]
    run = subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
        env={**os.environ, "SAMP_HUB": f"std-lockurl:file://{LOCKFILE}"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    text = run.stdout[run.stdout.index("{") :]
    return json.loads(text)


def screenshot(name: str) -> Path:
    """The virtual display as a PNG (ImageMagick's import), kept for a person to look at."""
    folder = Path(os.environ.get("ESCAPE_SAMP_SHOTS", ROOT / "ui-tests" / "test-results" / "samp"))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    subprocess.run(["import", "-display", DISPLAY, "-window", "root", str(target)], check=True, timeout=60)
    return target
