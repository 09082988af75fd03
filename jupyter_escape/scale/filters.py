"""Sky filters for LSDB catalogues, as plain JSON the panel and notebooks share:
``{"cone": {"ra": 180, "dec": 0, "radius_arcsec": 3600}}``, ``{"box": {"ra": [170, 190], "dec": [-5, 5]}}``,
``{"moc": "<MOC ASCII, e.g. '5/1-10'>"}`` or ``{"moc": mocpy.MOC}``. LSDB prunes partitions outside the region
before reading them, then filters rows exactly."""

from __future__ import annotations

from typing import Any

from ..core.errors import BadInput


def _number(value: object, name: str) -> float:
    try:
        return float(value)  # type: ignore[arg-type]  # anything float() takes; the rest is refused below
    except (TypeError, ValueError):
        raise BadInput(name, f"{value!r} is not a number") from None


def check(spec: dict[str, Any] | None) -> dict[str, Any] | None:
    if spec is None:
        return None
    if not isinstance(spec, dict) or len(spec) != 1:
        raise BadInput("filter", "expected one of {'cone': ...}, {'box': ...}, {'moc': ...}")
    ((kind, value),) = spec.items()
    if kind == "cone":
        ra, dec, r = (_number((value or {}).get(k), f"filter.cone.{k}") for k in ("ra", "dec", "radius_arcsec"))
        if not -90 <= dec <= 90 or r <= 0:
            raise BadInput("filter.cone", "dec must be within [-90, 90] and radius_arcsec > 0")
        return {"cone": {"ra": ra % 360.0, "dec": dec, "radius_arcsec": r}}
    if kind == "box":
        try:
            ras = [_number(v, "filter.box.ra") for v in value["ra"]]
            decs = [_number(v, "filter.box.dec") for v in value["dec"]]
        except (TypeError, KeyError):
            raise BadInput("filter.box", "expected {'ra': [min, max], 'dec': [min, max]}") from None
        if len(ras) != 2 or len(decs) != 2 or not -90 <= decs[0] < decs[1] <= 90:
            raise BadInput("filter.box", "expected two RA and two increasing Dec limits within [-90, 90]")
        return {"box": {"ra": ras, "dec": decs}}
    if kind == "moc":
        return {"moc": value if not isinstance(value, str) else value.strip()}
    raise BadInput("filter", f"{kind!r} is not cone, box or moc")


def apply(catalog: Any, spec: dict[str, Any] | None) -> Any:
    """``catalog`` (an LSDB Catalog) restricted to the filter's region."""
    spec = check(spec)
    if spec is None:
        return catalog
    ((kind, v),) = spec.items()
    if kind == "cone":
        return catalog.cone_search(v["ra"], v["dec"], v["radius_arcsec"])
    if kind == "box":
        return catalog.box_search(ra=tuple(v["ra"]), dec=tuple(v["dec"]))
    from mocpy import MOC

    if isinstance(v, str):
        try:
            v = MOC.from_str(v)
        except Exception as exc:
            raise BadInput("filter.moc", f"not a MOC in ASCII form: {exc}") from exc
    return catalog.moc_search(v)


def describe(spec: dict[str, Any] | None) -> str | None:
    """Provenance text of a filter (MOC objects as their ASCII form)."""
    spec = check(spec)
    if spec is None:
        return None
    ((kind, v),) = spec.items()
    return f"{kind} {v if isinstance(v, (dict, str)) else v.to_string(format='ascii')}"
