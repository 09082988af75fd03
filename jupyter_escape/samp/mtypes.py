"""The SAMP message types jupyter-escape sends and receives, and how their parameters are built and checked."""

from __future__ import annotations

import math
from typing import Any

from ..core.errors import BadInput

TABLE = "table.load.votable"
TABLE_FITS = "table.load.fits"
IMAGE = "image.load.fits"
SPECTRUM = "spectrum.load.ssa-generic"
SELECT = "table.select.rowList"
POINT = "coord.pointAt.sky"
SENT = (TABLE, TABLE_FITS, IMAGE, SPECTRUM, SELECT, POINT)
RECEIVED = (TABLE, TABLE_FITS, IMAGE, SELECT, POINT)
LOADED = (TABLE, TABLE_FITS, IMAGE)  # the received messages that bring data (into the basket)
# Metadata every jupyter-escape SAMP client declares (server, notebook, browser tab): broadcasts skip them.
OURS_KEY = "x-escape.jupyter-escape"
MAX_ROW_LIST = 100_000  # a selection longer than this is refused rather than sent as a multi-megabyte message


def load_params(mtype: str, url: str, table_id: str, name: str, meta: dict[str, Any] | None = None) -> dict[str, Any]:
    if mtype in (TABLE, TABLE_FITS):
        return {"url": url, "table-id": table_id, "name": name}
    if mtype == IMAGE:
        return {"url": url, "image-id": table_id, "name": name}
    if mtype == SPECTRUM:
        # SSA-style metadata: where the spectrum is and its format, so a viewer need not guess
        return {"url": url, "spectrum-id": table_id, "name": name, "meta": {"Access.Reference": url, **(meta or {})}}
    raise BadInput("mtype", f"{mtype!r} does not load data (expected {TABLE}, {IMAGE} or {SPECTRUM})")


def select_params(table_id: str, url: str, rows: object) -> dict[str, Any]:
    """table.select.rowList: zero-based row indices of the table as it was sent, as SAMP strings."""
    if not isinstance(rows, (list, tuple)) or not all(isinstance(r, int) and r >= 0 for r in rows):
        raise BadInput("rows", "expected a list of row indices (integers from 0)")
    if len(rows) > MAX_ROW_LIST:
        raise BadInput("rows", f"{len(rows)} rows is more than {MAX_ROW_LIST} for one selection message")
    return {"table-id": table_id, "url": url, "row-list": [str(r) for r in rows]}


def point_params(ra: Any, dec: Any) -> dict[str, Any]:
    try:
        ra_f, dec_f = float(ra), float(dec)
    except (TypeError, ValueError):
        raise BadInput("ra/dec", "expected numbers in degrees") from None
    if not (math.isfinite(ra_f) and 0 <= ra_f < 360):
        raise BadInput("ra", "expected degrees in [0, 360)")
    if not (math.isfinite(dec_f) and -90 <= dec_f <= 90):
        raise BadInput("dec", "expected degrees in [-90, 90]")
    return {"ra": repr(ra_f), "dec": repr(dec_f)}


def parse_rows(params: dict[str, Any]) -> list[int]:
    """Row indices of an incoming table.select.rowList (strings per the standard; numbers tolerated)."""
    out = []
    for value in params.get("row-list") or []:
        try:
            out.append(int(value))
        except (TypeError, ValueError):
            continue
    return out[:MAX_ROW_LIST]
