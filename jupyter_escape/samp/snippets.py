""" "Show me the code" for the SAMP actions: the notebook API call doing the same (jupyter_escape.samp)."""

from __future__ import annotations

from typing import Any

from ..core.snippets import py, py_call

_IMPORT = "from jupyter_escape import samp"


def send_code(source: dict[str, Any], mtype: str, to: str, query_code: str | None = None) -> str:
    """``query_code``: for a VO result, the pyvo code that re-runs its query (vo/results.pyvo_code), which ends
    by assigning ``table``."""
    func = {"image.load.fits": "samp.send_image", "spectrum.load.ssa-generic": "samp.send_spectrum"}.get(
        mtype, "samp.send_table"
    )
    target = "" if to == "all" else f", to={py(to)}"
    kind = source.get("kind")
    if kind == "vo-result" and query_code:
        return f"{query_code}\n\n{_IMPORT}\n\nreplies = {func}(table{target})\nreplies"
    if kind == "basket":
        what = py_call("basket.get", str(source.get("item") or ""))
        return f"{_IMPORT}, basket\n\nreplies = {func}({what}{target})\nreplies"
    return f"{_IMPORT}\n\nreplies = {func}({py(str(source.get('path') or ''))}{target})\nreplies"


def select_code(table_id: str, rows: list[Any]) -> str:
    shown = rows if len(rows) <= 50 else rows[:50]
    more = "  # first 50 of the selected rows" if len(rows) > 50 else ""
    return f"{_IMPORT}\n\n{py_call('samp.select_rows', str(table_id), list(shown))}{more}"


def point_code(ra: float, dec: float) -> str:
    return f"{_IMPORT}\n\n{py_call('samp.point_at', float(ra), float(dec))}"
