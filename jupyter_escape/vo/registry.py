"""VO registry search: constraints compiled to RegTAP ADQL (every user value quoted), results as JSON records.

q = RegistryQuery(keywords=["lofar"], servicetype="tap", waveband=["radio"])
page = await search(q, registry_url)      # {"resources": [...], "has_more": bool, "adql": "..."}
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, SupportsFloat, TypedDict

import bleach

from ..core.errors import BadInput
from ..core.http import Limits, safe_link
from ..core.offloop import off_loop
from .tap import sync_query
from .votable import VOTableResult

# service types -> RegTAP standard ids (lower case; compared case-insensitively); aux variants on request
STANDARD_IDS = {
    "tap": ["ivo://ivoa.net/std/tap"],
    "scs": ["ivo://ivoa.net/std/conesearch"],
    "sia": ["ivo://ivoa.net/std/sia"],
    "sia2": ["ivo://ivoa.net/std/sia#query-2.0"],
    "ssa": ["ivo://ivoa.net/std/ssa"],
    "slap": ["ivo://ivoa.net/std/slap"],
    "datalink": ["ivo://ivoa.net/std/datalink#links-1.%"],
    "soda": ["ivo://ivoa.net/std/soda#sync-1.%"],
}
AUX_IDS = {
    "tap": ["ivo://ivoa.net/std/tap#aux"],
    "scs": ["ivo://ivoa.net/std/conesearch#aux"],
    "sia": ["ivo://ivoa.net/std/sia#aux"],
    "sia2": ["ivo://ivoa.net/std/sia#query-aux-2.0"],
    "ssa": ["ivo://ivoa.net/std/ssa#aux"],
}
ALIASES = {
    "conesearch": "scs",
    "cone": "scs",
    "image": "sia",
    "sia1": "sia",
    "spectrum": "ssa",
    "table": "tap",
    "line": "slap",
}
WAVEBANDS = {
    "radio",
    "millimeter",
    "infrared",
    "optical",
    "uv",
    "euv",
    "x-ray",
    "gamma-ray",
    "em.radio",
    "photon",
    "neutrino",
    "gravitational-waves",
    "particle",
    "neutron",
    "proton",
}
# The data models whose condition pyvo.registry.Datamodel writes (it also knows the IVOA EPN-TAP utype besides the
# VO-Paris one).
DATAMODELS = ("obscore", "epntap", "regtap")
SORTS = {"title": "res_title", "ivoid": "ivoid", "short_name": "short_name", "updated": "updated DESC"}
SEP = ":::escape:::"
_MOC_ASCII = re.compile(r"^[\s0-9/,\-]+$")


def adql_string(value: str, field_name: str) -> str:
    """An ADQL string literal: single quotes doubled; control characters refused."""
    if not isinstance(value, str):
        raise BadInput(field_name, "must be a string")
    if any(ord(c) < 32 and c not in "\t" for c in value):
        raise BadInput(field_name, "contains control characters")
    return "'" + value.replace("'", "''") + "'"


# A number as callers give it: a float, or a numeric string from JSON; None (a missing value) and anything else
# that is no number are refused by adql_number, naming the field.
NumberLike = SupportsFloat | str | None


def adql_number(value: NumberLike, field_name: str, lo: float | None = None, hi: float | None = None) -> str:
    """An ADQL number literal, range-checked."""
    try:
        if value is None:
            raise ValueError(field_name)  # refused below like any other non-number
        number = float(value)
    except (TypeError, ValueError):
        raise BadInput(field_name, f"{value!r} is not a number") from None
    if not math.isfinite(number) or (lo is not None and number < lo) or (hi is not None and number > hi):
        raise BadInput(field_name, f"{value!r} is out of range [{lo}, {hi}]")
    return repr(number)


@dataclass
class RegistryQuery:
    keywords: list[str] = field(default_factory=list)
    servicetype: str | None = None
    waveband: list[str] = field(default_factory=list)
    datamodel: str | None = None
    cone: tuple[float, float, float] | None = None  # ra, dec, radius in degrees
    moc: str | None = None  # ASCII MOC, e.g. "5/1-10 6/100"
    temporal: tuple[float, float] | None = None  # MJD start, end
    include_auxiliary: bool = False
    sort: str = "title"
    limit: int = 50
    offset: int = 0

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> RegistryQuery:
        def words(value: object) -> list[Any]:  # the JSON list's items: adql_string refuses non-strings
            if value is None:
                return []
            return [v for v in (value if isinstance(value, list) else str(value).split()) if str(v).strip()]

        cone = body.get("cone")
        if cone is not None:
            if isinstance(cone, dict):
                cone = (cone.get("ra"), cone.get("dec"), cone.get("radius"))
            if not isinstance(cone, (list, tuple)) or len(cone) != 3:
                raise BadInput("cone", "expected {ra, dec, radius} in degrees")
        temporal = body.get("temporal")
        if temporal is not None:
            if isinstance(temporal, dict):
                temporal = (temporal.get("start"), temporal.get("end"))
            if not isinstance(temporal, (list, tuple)) or len(temporal) != 2:
                raise BadInput("temporal", "expected {start, end} as MJD")
        return cls(
            keywords=words(body.get("keywords")),
            servicetype=body.get("servicetype") or None,
            waveband=words(body.get("waveband")),
            datamodel=body.get("datamodel") or None,
            cone=tuple(cone) if cone else None,
            moc=body.get("moc") or None,
            temporal=tuple(temporal) if temporal else None,
            include_auxiliary=bool(body.get("include_auxiliary")),
            sort=body.get("sort") or "title",
            limit=int(body.get("limit") or 50),
            offset=int(body.get("offset") or 0),
        )


def standard_ids(servicetype: str, include_auxiliary: bool = False) -> list[str]:
    key = ALIASES.get(servicetype.lower(), servicetype.lower())
    if key.startswith("ivo://"):
        return [key]
    if key not in STANDARD_IDS:
        raise BadInput(
            "servicetype",
            f"{servicetype!r} is not one of {', '.join(sorted(STANDARD_IDS))} (or a standard id ivo://...)",
        )
    return STANDARD_IDS[key] + (AUX_IDS.get(key, []) if include_auxiliary else [])


def conditions(q: RegistryQuery) -> list[str]:
    out = []
    for i, word in enumerate(q.keywords):
        lit = adql_string(str(word).strip(), f"keywords[{i}]")
        like = adql_string("%" + str(word).strip() + "%", f"keywords[{i}]")
        out.append(
            f"ivoid IN (SELECT ivoid FROM rr.resource WHERE 1=ivo_hasword(res_title, {lit}) "
            f"UNION SELECT ivoid FROM rr.resource WHERE 1=ivo_hasword(res_description, {lit}) "
            f"UNION SELECT ivoid FROM rr.res_subject WHERE 1=ivo_nocasematch(res_subject, {like}))"
        )
    if q.servicetype:
        ids = standard_ids(q.servicetype, q.include_auxiliary)
        match = " OR ".join(f"1=ivo_nocasematch(standard_id, {adql_string(s, 'servicetype')})" for s in ids)
        out.append(f"ivoid IN (SELECT ivoid FROM rr.capability WHERE {match})")
    if q.waveband:
        bands = []
        for band in q.waveband:
            band = str(band).lower()
            if band not in WAVEBANDS:
                raise BadInput("waveband", f"{band!r} is not one of {', '.join(sorted(WAVEBANDS))}")
            bands.append(f"1=ivo_hashlist_has(waveband, {adql_string(band, 'waveband')})")
        out.append("(" + " OR ".join(bands) + ")")
    if q.datamodel:
        key = q.datamodel.lower()
        if key not in DATAMODELS:
            raise BadInput("datamodel", f"{q.datamodel!r} is not one of {', '.join(sorted(DATAMODELS))}")
        out.append(_datamodel_condition(key))
    if q.cone:
        ra = adql_number(q.cone[0], "cone.ra", 0, 360)
        dec = adql_number(q.cone[1], "cone.dec", -90, 90)
        radius = adql_number(q.cone[2], "cone.radius", 0, 180)
        out.append(
            f"ivoid IN (SELECT ivoid FROM rr.stc_spatial WHERE 1=INTERSECTS(CIRCLE({ra}, {dec}, {radius}), coverage))"
        )
    if q.moc:
        if not _MOC_ASCII.match(q.moc):
            raise BadInput("moc", "expected an ASCII MOC such as '5/1-10 6/100'")
        out.append(
            f"ivoid IN (SELECT ivoid FROM rr.stc_spatial WHERE "
            f"1=INTERSECTS(MOC({adql_string(q.moc.strip(), 'moc')}), coverage))"
        )
    if q.temporal:
        start = adql_number(q.temporal[0], "temporal.start", -1e7, 1e7)
        end = adql_number(q.temporal[1], "temporal.end", -1e7, 1e7)
        out.append(
            f"ivoid IN (SELECT ivoid FROM rr.stc_temporal WHERE "
            f"1=ivo_interval_overlaps(time_start, time_end, {start}, {end}))"
        )
    return out


def _datamodel_condition(name: str) -> str:
    """pyvo's RegTAP condition for a data model. Its text depends on no feature of the registry, so no service is
    handed to it (pyvo asks the service only for constraints that do depend on one)."""
    from pyvo.registry import rtcons  # pyvo brings astropy.table: imported when first needed, off the loop

    condition: str = rtcons.Datamodel(name).get_search_condition(None)  # pyvo is untyped
    return condition


def compile_adql(q: RegistryQuery) -> str:
    if not 1 <= q.limit <= 1000:
        raise BadInput("limit", "must be between 1 and 1000")
    if q.offset < 0:
        raise BadInput("offset", "must be 0 or more")
    if q.sort not in SORTS:
        raise BadInput("sort", f"{q.sort!r} is not one of {', '.join(SORTS)}")
    where = conditions(q)
    aggregates = ", ".join(
        f"ivo_string_agg(COALESCE({c}, ''), '{SEP}') AS {c}s"
        for c in ("standard_id", "access_url", "intf_type", "intf_role")
    )
    sql = (
        f"SELECT TOP {q.limit + 1} ivoid, res_type, short_name, res_title, res_description, waveband, "
        f"content_level, content_type, reference_url, creator_seq, source_value, updated, {aggregates} "
        "FROM rr.resource NATURAL LEFT OUTER JOIN rr.capability NATURAL LEFT OUTER JOIN rr.interface"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += (
        " GROUP BY ivoid, res_type, short_name, res_title, res_description, waveband, content_level, "
        "content_type, reference_url, creator_seq, source_value, updated"
    )
    sql += f" ORDER BY {SORTS[q.sort]}"
    if q.offset:
        sql += f" OFFSET {int(q.offset)}"
    return sql


ALLOWED_TAGS = {"a", "b", "i", "em", "strong", "p", "br", "ul", "ol", "li", "code", "pre", "sub", "sup"}


def sanitise(text: str | None) -> str:
    """Registry descriptions are third-party text: keep a few harmless tags, drop the rest, link bare URLs."""
    cleaned = bleach.clean(
        text or "",
        tags=ALLOWED_TAGS,
        attributes={"a": ["href", "title"]},
        protocols={"http", "https", "mailto"},
        strip=True,
    )
    return bleach.linkify(cleaned)


class Interface(TypedDict):
    access_url: str
    type: str | None  # e.g. vs:ParamHTTP
    role: str | None  # "std" for the standard's own interface


class Capability(TypedDict):
    standard_id: str | None
    service: str | None  # a key of STANDARD_IDS / AUX_IDS, "vosi" or "web"; None for other standards
    auxiliary: bool
    interfaces: list[Interface]


class Coverage(TypedDict):
    temporal: list[list[float]]  # [start, end] MJD
    spectral: list[list[float]]  # [start, end] photon energies in J, as RegTAP stores them
    spatial: bool  # the registry holds a spatial coverage (rr.stc_spatial)


class Resource(TypedDict):
    """One registry record as search returns it (and the panel shows it)."""

    ivoid: str
    title: str | None
    short_name: str | None
    type: str | None
    publisher: str | None
    description: str
    description_html: str  # sanitised
    waveband: list[str]
    content_level: list[str]
    content_type: list[str]
    reference_url: str | None
    creators: list[str]
    source: str | None
    updated: str | None
    capabilities: list[Capability]
    coverage: Coverage


def _split(value: object) -> list[str]:
    return [] if value in (None, "") else str(value).split(SEP)


def _hashlist(value: str | None) -> list[str]:
    return [v for v in (value or "").split("#") if v]


def _capabilities(row: dict[str, Any]) -> list[Capability]:
    ids, urls, types, roles = (_split(row.get(k)) for k in ("standard_ids", "access_urls", "intf_types", "intf_roles"))
    caps: dict[str, Capability] = {}
    for i, url in enumerate(urls):
        sid = ids[i] if i < len(ids) else ""
        entry = caps.setdefault(
            sid,
            {"standard_id": sid or None, "service": _service_kind(sid), "auxiliary": "aux" in sid, "interfaces": []},
        )
        if url and not any(f["access_url"] == url for f in entry["interfaces"]):
            entry["interfaces"].append(
                {
                    "access_url": url,
                    "type": types[i] if i < len(types) else None,
                    "role": roles[i] if i < len(roles) else None,
                }
            )
    return [c for c in caps.values() if c["standard_id"] or c["interfaces"]]


def _service_kind(standard_id: str) -> str | None:
    sid = (standard_id or "").lower()
    for kind, ids in list(STANDARD_IDS.items()) + list(AUX_IDS.items()):
        for s in ids:
            if sid == s or (s.endswith("%") and sid.startswith(s[:-1])):
                return kind
    if sid.startswith("ivo://ivoa.net/std/vosi"):
        return "vosi"
    return "web" if not sid else None


async def search(q: RegistryQuery, registry_url: str, *, limits: Limits | None = None) -> dict[str, Any]:
    """One page of registry records matching ``q``, plus the ADQL that found them."""
    adql = await off_loop("vo", compile_adql, q)  # a data model constraint imports pyvo on first use
    result = await sync_query(registry_url, adql, maxrec=q.limit + 1, limits=limits)
    rows = result.table.to_pylist()
    has_more = len(rows) > q.limit
    rows = rows[: q.limit]
    extra = await _page_details(registry_url, [r["ivoid"] for r in rows], limits)
    resources: list[Resource] = []
    for row in rows:
        details = extra.get(row["ivoid"], {})
        resources.append(
            {
                "ivoid": row["ivoid"],
                "title": row.get("res_title"),
                "short_name": row.get("short_name"),
                "type": row.get("res_type"),
                "publisher": details.get("publisher"),
                "description": row.get("res_description") or "",
                "description_html": sanitise(row.get("res_description")),
                "waveband": _hashlist(row.get("waveband")),
                "content_level": _hashlist(row.get("content_level")),
                "content_type": _hashlist(row.get("content_type")),
                "reference_url": safe_link(row.get("reference_url")),
                "creators": [c.strip() for c in (row.get("creator_seq") or "").split(";") if c.strip()],
                "source": row.get("source_value"),
                "updated": str(row["updated"]) if row.get("updated") else None,
                "capabilities": _capabilities(row),
                "coverage": {
                    "temporal": details.get("temporal", []),
                    "spectral": details.get("spectral", []),
                    "spatial": details.get("spatial", False),
                },
            }
        )
    return {"resources": resources, "has_more": has_more, "offset": q.offset, "limit": q.limit, "adql": adql}


async def _page_details(registry_url: str, ivoids: list[str], limits: Limits | None) -> dict[str, Any]:
    """Publisher and coverage for one page of results, in three small queries (never one per resource)."""
    if not ivoids:
        return {}
    in_list = ", ".join(adql_string(i, "ivoid") for i in ivoids)
    out: dict[str, dict[str, Any]] = {i: {} for i in ivoids}
    import asyncio

    pub, temporal, spectral = await asyncio.gather(
        sync_query(
            registry_url,
            f"SELECT ivoid, role_name FROM rr.res_role WHERE base_role='publisher' AND ivoid IN ({in_list})",
            limits=limits,
        ),
        sync_query(
            registry_url,
            f"SELECT ivoid, time_start, time_end FROM rr.stc_temporal WHERE ivoid IN ({in_list})",
            limits=limits,
        ),
        sync_query(
            registry_url,
            f"SELECT ivoid, spectral_start, spectral_end FROM rr.stc_spectral WHERE ivoid IN ({in_list})",
            limits=limits,
        ),
        return_exceptions=True,
    )
    if isinstance(pub, VOTableResult):
        for row in pub.table.to_pylist():
            out[row["ivoid"]].setdefault("publisher", row["role_name"])
    if isinstance(temporal, VOTableResult):
        for row in temporal.table.to_pylist():
            out[row["ivoid"]].setdefault("temporal", []).append([row["time_start"], row["time_end"]])
    if isinstance(spectral, VOTableResult):
        for row in spectral.table.to_pylist():
            out[row["ivoid"]].setdefault("spectral", []).append([row["spectral_start"], row["spectral_end"]])
    try:
        spatial = await sync_query(
            registry_url, f"SELECT ivoid FROM rr.stc_spatial WHERE ivoid IN ({in_list})", limits=limits
        )
        for row in spatial.table.to_pylist():
            out[row["ivoid"]]["spatial"] = True
    except Exception:
        pass
    return out
