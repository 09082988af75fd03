"""The offline name resolver: common object names (Messier, NGC/IC objects with a common name or brighter than
magnitude 12, 116 bright stars, the demo survey fields) resolved from a catalogue packaged with the extension
(data/object_names.csv, written by data/make_object_names.py from OpenNGC and PyEphem's star list).

The sky view asks Sesame (CDS) first; when Sesame cannot be reached (no internet, as on the offline demo) it asks
this one, and says so. Names are matched without case, spaces, hyphens or leading zeros: "m51", "M 51",
"Messier 51", "NGC 5194", "ngc5194" and "Whirlpool Galaxy" are the same object.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path
from typing import Any

CATALOGUE = Path(__file__).resolve().parent / "data" / "object_names.csv"
_CATALOGUE_NUMBER = re.compile(r"^(m|ngc|ic)0*(\d+)(.*)$")


def normalise(name: str) -> str:
    key = re.sub(r"[\s_\-]+", "", name.strip().lower())
    key = re.sub(r"^messier", "m", key)
    match = _CATALOGUE_NUMBER.match(key)
    return f"{match.group(1)}{match.group(2)}{match.group(3)}" if match else key


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, Any]]:
    index: dict[str, dict[str, Any]] = {}
    with CATALOGUE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            entry = {
                "name": row["name"],
                "ra": float(row["ra"]),
                "dec": float(row["dec"]),
                "type": row["type"],
                "source": row["source"],
            }
            for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
                index.setdefault(normalise(alias), entry)
    return index


def resolve(name: str) -> dict[str, Any] | None:
    """{"name", "ra", "dec" (ICRS degrees), "type", "source"} for a known name, else None."""
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        return None
    found = _index().get(normalise(name))
    return dict(found) if found else None


def size() -> int:
    """How many distinct objects the packaged catalogue holds."""
    return len({id(v) for v in _index().values()})
