"""The desktop side of ui-tests/tests/samp.spec.ts: a SAMP client (pyvo) on the stack's hub, as a user's own
script on the desktop would be, that asks TOPCAT what it holds and sends messages to the browser's Web Profile
client. Prints one JSON value.

    samp_desktop.py rows TABLE_ID                  rows TOPCAT holds under TABLE_ID (table.get.stil)
    samp_desktop.py topcat-url TABLE_ID            a URL TOPCAT serves that table at (VOTable)
    samp_desktop.py send CLIENT_ID MTYPE PARAMS    call CLIENT_ID with MTYPE and the JSON PARAMS; its reply
    samp_desktop.py wait-for NAME                  wait (up to 60 s) until a client called NAME is registered
    samp_desktop.py fits-spectrum PATH             write a small 1-D FITS spectrum to PATH
    samp_desktop.py fits-image PATH                write a small FITS image to PATH
"""

from __future__ import annotations

import json
import sys
import time
import urllib.request
import warnings

SENDER = "desktop script (pyvo)"


def _client():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pyvo.samp import SAMPIntegratedClient

        client = SAMPIntegratedClient(name=SENDER, addr="127.0.0.1")
        client.connect()
    return client


def _topcat(client) -> str:
    return next(i for i in client.get_registered_clients() if client.get_metadata(i).get("samp.name") == "topcat")


def _stil_url(client, table_id: str, fmt: str) -> str:
    # TOPCAT answers table.load before it lists the table: ask again for a while.
    for _ in range(60):
        reply = client.call_and_wait(
            _topcat(client),
            {"samp.mtype": "table.get.stil", "samp.params": {"table-id": table_id, "format": fmt}},
            "10",
        )
        if reply["samp.status"] == "samp.ok":
            return reply["samp.result"]["url"]
        time.sleep(0.3)
    raise SystemExit(f"TOPCAT never listed {table_id}: {reply}")


def main(argv: list[str]):
    command = argv[0]
    if command in ("fits-spectrum", "fits-image"):
        import numpy as np
        from astropy.io import fits

        if command == "fits-spectrum":
            hdu = fits.PrimaryHDU(np.linspace(1.0, 2.0, 50, dtype="float32"))
            hdu.header.update(CRVAL1=4000.0, CDELT1=10.0, CRPIX1=1.0, CTYPE1="WAVE", CUNIT1="Angstrom")
        else:
            hdu = fits.PrimaryHDU(np.arange(64, dtype="float32").reshape(8, 8))
        hdu.writeto(argv[1], overwrite=True)
        return {"path": argv[1]}
    client = _client()
    try:
        if command == "rows":
            with urllib.request.urlopen(_stil_url(client, argv[1], "csv"), timeout=10) as response:
                return len(response.read().decode().splitlines()) - 1
        if command == "topcat-url":
            return _stil_url(client, argv[1], "votable")
        if command == "wait-for":
            for _ in range(120):
                if any(client.get_metadata(i).get("samp.name") == argv[1] for i in client.get_registered_clients()):
                    return True
                time.sleep(0.5)
            raise SystemExit(f"{argv[1]} did not register with the hub")
        if command == "send":
            message = {"samp.mtype": argv[2], "samp.params": json.loads(argv[3])}
            return client.call_and_wait(argv[1], message, "60")
    finally:
        client.disconnect()
    raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
