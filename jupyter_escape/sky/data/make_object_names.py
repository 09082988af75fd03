"""Writes object_names.csv, the offline name resolver's catalogue (jupyter_escape/sky/names.py). Run by hand:

    pip install pyongc==1.2.2 ephem==4.2.1     # in a scratch venv: neither is a dependency of the project
    python jupyter_escape/sky/data/make_object_names.py

Sources (both on PyPI; their data, not their code, ends up in the CSV):
  * OpenNGC (github.com/mattiaverga/OpenNGC, CC-BY-SA-4.0, through pyongc): all Messier objects, and the NGC/IC
    objects that have a common name or are brighter than magnitude 12 (B or V);
  * PyEphem's star list (MIT; XEphem's navigational and bright stars, J2000 astrometric positions): 116 named stars;
  * the jupyter-escape demo fields (real field centres, as in stack/lib/sample_sky.py and stack/dachs/gen).
The CSV therefore carries OpenNGC's CC-BY-SA-4.0 terms (see THIRD-PARTY-NOTICES.md).
"""

from __future__ import annotations

import csv
import pathlib
from typing import Any

HERE = pathlib.Path(__file__).parent
FIELDS = [  # the demo fields: name, aliases, ra, dec
    ("Lockman Hole", "", 161.75, 58.08),
    ("ELAIS-N1", "ELAIS N1", 242.75, 55.0),
    ("Bootes field", "Bootes Deep Field|NDWFS Bootes", 218.0, 34.5),
    ("HDF-N", "Hubble Deep Field|HDF|HDFN", 189.2058, 62.2161),
    ("HUDF", "Hubble Ultra Deep Field", 53.1625, -27.7914),
    ("COSMOS", "COSMOS field", 150.1192, 2.2058),
]


def _deg(sexagesimal: str, hours: bool) -> float:
    sign = -1.0 if sexagesimal.strip().startswith("-") else 1.0
    a, b, c = (abs(float(x)) for x in sexagesimal.replace("+", "").split(":"))
    value = sign * (a + b / 60 + c / 3600)
    return value * 15 if hours else value


def ongc_rows() -> list[tuple[Any, ...]]:
    from pyongc import ongc

    rows = []
    for dso in ongc.listObjects():
        ids = dso.identifiers  # (messier, ngc, ic, common names, other)
        messier = ids[0]
        common = ids[3] or []
        mags = [m for m in (dso.magnitudes[0], dso.magnitudes[1]) if m is not None]
        bright = bool(mags) and min(mags) < 12.0
        if (
            not (messier or common or bright)
            or dso.ra is None
            or dso.type in ("Duplicated record", "Nonexistent object")
        ):
            continue
        try:
            ra, dec = _deg(dso.ra, True), _deg(dso.dec, False)
        except (TypeError, ValueError):
            continue
        name = f"M {int(messier[1:])}" if messier else dso.name
        aliases = [dso.name] + ([f"M{int(messier[1:])}"] if messier else []) + list(common)
        for other in (ids[1] or []) + (ids[2] or []):
            aliases.append(other)
        rows.append(
            (name, "|".join(a for a in aliases if a and a != name), round(ra, 6), round(dec, 6), dso.type, "OpenNGC")
        )
    return rows


def star_rows() -> list[tuple[Any, ...]]:
    import ephem
    import ephem.stars

    rows = []
    for name in sorted(ephem.stars.stars):
        star = ephem.stars.star(name)
        star.compute("2000/1/1", epoch="2000")
        rows.append(
            (
                name,
                "",
                round(float(star.a_ra) * 57.29577951308232, 6),
                round(float(star.a_dec) * 57.29577951308232, 6),
                "Star",
                "PyEphem/XEphem",
            )
        )
    return rows


def main() -> None:
    rows = ongc_rows() + star_rows()
    rows += [(n, a, ra, dec, "Survey field", "jupyter-escape demo fields") for n, a, ra, dec in FIELDS]
    seen, unique = set(), []
    for row in rows:  # OpenNGC lists a few objects twice (e.g. M 101 / M 102): keep the first
        if row[0] not in seen:
            seen.add(row[0])
            unique.append(row)
    rows = sorted(unique, key=lambda r: (r[5], r[0]))
    with open(HERE / "object_names.csv", "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["name", "aliases", "ra", "dec", "type", "source"])
        out.writerows(rows)
    print(f"wrote {len(rows)} objects to {HERE / 'object_names.csv'}")


if __name__ == "__main__":
    main()
