"""Simple DAL protocols (cone search, SIA 1, SIA 2, SSA) and searching many services at once.

result = await cone_search(url, 150.1, 2.2, 0.1)                 # VOTableResult (Arrow table inside)
async for outcome in search_each(requests, timeout=20): ...       # each service as soon as it answers
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import BadInput, EscapeError, RemoteError
from ..core.http import Limits
from .registry import NumberLike, adql_number
from .tap import sync_query
from .transport.http import check_url, service_name, votable_request
from .votable import VOTableResult

KINDS = ("scs", "sia", "sia2", "ssa", "tap")


def _number(value: NumberLike, name: str, lo: float | None = None, hi: float | None = None) -> float:
    return float(adql_number(value, name, lo, hi))


def _values(value: object, name: str, count: int | None = None) -> list[Any]:
    """The numbers of one geometry or interval (a JSON list, or any iterable but a string from Python), ``count``
    of them when given. Anything else is refused naming the parameter (it used to fail unpacking: HTTP 500)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise BadInput(name, f"expected a list of numbers, got {value!r}")
    values = list(value)
    if count is not None and len(values) != count:
        raise BadInput(name, f"expected {count} values, got {len(values)}")
    return values


def _maxrec(value: object) -> int | None:
    """MAXREC as JSON gives it (a number or a numeric string; None: the service's default), as an integer."""
    if value is None:
        return None
    try:
        if not isinstance(value, (int, float, str)):
            raise TypeError(type(value).__name__)
        return int(value)
    except (TypeError, ValueError, OverflowError):
        raise BadInput("maxrec", f"{value!r} is not an integer") from None


def _check_scs_error(result: VOTableResult, service: str) -> VOTableResult:
    # SCS 1.0 reports errors as <INFO name="Error"> (or a PARAM) in a VOTable without rows
    for info in result.infos:
        if (info.get("name") or "").lower() == "error":
            raise RemoteError(service, info.get("value") or info.get("content") or "error")
    return result


async def cone_search(
    url: str,
    ra: NumberLike,
    dec: NumberLike,
    radius: NumberLike,
    *,
    verb: int | None = None,
    maxrec: int | None = None,
    limits: Limits | None = None,
) -> VOTableResult:
    params: dict[str, float | int] = {
        "RA": _number(ra, "ra", 0, 360),
        "DEC": _number(dec, "dec", -90, 90),
        "SR": _number(radius, "radius", 0, 180),
    }
    if verb is not None:
        params["VERB"] = int(verb)
    if maxrec is not None:
        params["MAXREC"] = int(maxrec)
    service = service_name("SCS", url)
    result = await votable_request(service, "GET", check_url(url), params=params, limits=limits or Limits())
    return _check_scs_error(result, service)


async def sia1_search(
    url: str,
    ra: NumberLike,
    dec: NumberLike,
    size: NumberLike,
    *,
    fmt: str | None = None,
    intersect: str | None = None,
    maxrec: int | None = None,
    limits: Limits | None = None,
) -> VOTableResult:
    params: dict[str, str | float | int] = {
        "POS": f"{_number(ra, 'ra', 0, 360)!r},{_number(dec, 'dec', -90, 90)!r}",
        "SIZE": _number(size, "size", 0, 180),
    }
    if fmt:
        params["FORMAT"] = fmt
    if intersect:
        if intersect.upper() not in ("COVERS", "ENCLOSED", "CENTER", "OVERLAPS"):
            raise BadInput("intersect", "must be COVERS, ENCLOSED, CENTER or OVERLAPS")
        params["INTERSECT"] = intersect.upper()
    if maxrec is not None:
        params["MAXREC"] = int(maxrec)
    return await votable_request(
        service_name("SIA", url), "GET", check_url(url), params=params, limits=limits or Limits()
    )


def sia2_params(
    *,
    circle: Sequence[Any] | None = None,
    range_: Sequence[Any] | None = None,
    polygon: Sequence[Any] | None = None,
    band: Sequence[Any] | None = None,
    time: Sequence[Any] | None = None,
    collection: str | list[str] | None = None,
    facility: str | list[str] | None = None,
    instrument: str | list[str] | None = None,
    dptype: str | list[str] | None = None,
    calib: str | list[str] | None = None,
    maxrec: int | str | None = None,
) -> list[tuple[str, str]]:
    """SIA 2 query parameters; list values repeat a parameter (the service ORs them).

    The geometries and intervals are one sequence of numbers or a list of them, as JSON gives them (items Any: they
    are unpacked and checked by _number here)."""
    params: list[tuple[str, str]] = []

    def many(value: Sequence[Any]) -> Sequence[Any]:
        """[[a, b, c], [d, e, f]] -> both; [a, b, c] -> one."""
        return value if isinstance(value, (list, tuple)) and value and isinstance(value[0], (list, tuple)) else [value]

    if circle is not None:
        for c in many(circle):
            ra, dec, r = _values(c, "circle", 3)
            params.append(
                (
                    "POS",
                    (
                        f"CIRCLE {_number(ra, 'circle.ra', 0, 360)!r} "
                        f"{_number(dec, 'circle.dec', -90, 90)!r} {_number(r, 'circle.radius', 0, 180)!r}"
                    ),
                )
            )
    if range_ is not None:
        for r in many(range_):
            vals = [_number(v, "range", -360, 360) for v in _values(r, "range")]
            params.append(("POS", "RANGE " + " ".join(repr(v) for v in vals)))
    if polygon is not None:
        for p in many(polygon):
            vals = [_number(v, "polygon", -360, 360) for v in _values(p, "polygon")]
            if len(vals) < 6 or len(vals) % 2:
                raise BadInput("polygon", "needs at least three ra, dec pairs")
            params.append(("POS", "POLYGON " + " ".join(repr(v) for v in vals)))
    for name, value in (("BAND", band), ("TIME", time)):
        if value is not None:
            for interval in many(value):
                lo, hi = _values(interval, name.lower(), 2)
                params.append((name, f"{_interval(lo)} {_interval(hi, upper=True)}"))
    for name, value in (
        ("COLLECTION", collection),
        ("FACILITY", facility),
        ("INSTRUMENT", instrument),
        ("DPTYPE", dptype),
        ("CALIB", calib),
    ):
        if value is not None:
            for v in value if isinstance(value, list) else [value]:
                params.append((name, str(v)))
    if maxrec is not None:
        params.append(("MAXREC", str(int(maxrec))))
    return params


def _interval(value: NumberLike, upper: bool = False) -> str:
    """One end of a DALI interval; an open end (None) is -Inf below and +Inf above."""
    if value is None:
        return "+Inf" if upper else "-Inf"
    if value in ("-Inf", "+Inf", "Inf"):
        return "-Inf" if value == "-Inf" else "+Inf"
    return repr(_number(value, "interval"))


async def sia2_search(url: str, *, limits: Limits | None = None, **constraints: Any) -> VOTableResult:
    """SIA 2 ``/query`` (DaCHS's site-wide siap2.xml): ObsCore rows. Constraints as in ``sia2_params``."""
    params = sia2_params(**constraints)
    if not params:
        raise BadInput("constraints", "give at least one of circle, range, polygon, band, time, collection, ...")
    return await votable_request(
        service_name("SIA2", url), "GET", check_url(url), params=params, limits=limits or Limits()
    )


async def ssa_search(
    url: str,
    ra: NumberLike,
    dec: NumberLike,
    size: NumberLike,
    *,
    band: Sequence[Any] | None = None,
    time: Sequence[Any] | None = None,
    fmt: str | None = None,
    maxrec: int | None = None,
    limits: Limits | None = None,
) -> VOTableResult:
    params = ssa_params(ra, dec, size, band=band, time=time, fmt=fmt, maxrec=maxrec)
    return await votable_request(
        service_name("SSA", url), "GET", check_url(url), params=params, limits=limits or Limits()
    )


def ssa_params(
    ra: NumberLike,
    dec: NumberLike,
    size: NumberLike,
    *,
    band: Sequence[Any] | None = None,
    time: Sequence[Any] | None = None,
    fmt: str | None = None,
    maxrec: int | None = None,
) -> dict[str, str | float | int]:
    """SSA queryData parameters. An open BAND end is left empty ("/2e-07"), as SSA's range lists write it."""
    params: dict[str, str | float | int] = {
        "REQUEST": "queryData",
        "POS": f"{_number(ra, 'ra', 0, 360)!r},{_number(dec, 'dec', -90, 90)!r}",
        "SIZE": _number(size, "size", 0, 180),
    }
    if band is not None:
        lo, hi = _values(band, "band", 2)
        params["BAND"] = f"{_interval(lo)}/{_interval(hi, upper=True)}".replace("-Inf", "").replace("+Inf", "")
    if time is not None:
        start, end = _values(time, "time", 2)
        params["TIME"] = f"{start}/{end}"
    if fmt:
        params["FORMAT"] = fmt
    if maxrec is not None:
        params["MAXREC"] = int(maxrec)
    return params


# ---------------------------------------------------------------- many services at once
@dataclass
class ServiceRequest:
    kind: str  # scs | sia | sia2 | ssa | tap
    url: str
    params: dict[str, Any] = field(default_factory=dict)
    label: str | None = None

    @classmethod
    def from_json(cls, body: dict[str, Any], common: dict[str, Any] | None = None) -> ServiceRequest:
        kind = (body.get("kind") or "").lower()
        if kind not in KINDS:
            raise BadInput("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
        return cls(
            kind=kind,
            url=check_url(body.get("url"), "url"),
            params={**(common or {}), **(body.get("params") or {})},
            label=body.get("label"),
        )


@dataclass
class ServiceOutcome:
    request: ServiceRequest
    result: VOTableResult | None = None
    error: EscapeError | None = None
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.request.kind,
            "url": self.request.url,
            "label": self.request.label,
            "ok": self.error is None,
            "seconds": round(self.seconds, 3),
        }
        if self.result is not None:
            out.update(self.result.info_json())
        if self.error is not None:
            out["error"] = self.error.to_json()
        return out


async def run_request(req: ServiceRequest, limits: Limits) -> VOTableResult:
    p = dict(req.params)
    if "maxrec" in p:  # checked here, where JSON comes in: the functions below take an int
        p["maxrec"] = _maxrec(p["maxrec"])
    if req.kind == "scs":
        return await cone_search(
            req.url, p.get("ra"), p.get("dec"), p.get("radius"), maxrec=p.get("maxrec"), limits=limits
        )
    if req.kind == "sia":
        return await sia1_search(
            req.url,
            p.get("ra"),
            p.get("dec"),
            p.get("size", p.get("radius")),
            fmt=p.get("format"),
            maxrec=p.get("maxrec"),
            limits=limits,
        )
    if req.kind == "sia2":
        if "ra" in p and "circle" not in p:
            p["circle"] = [p.pop("ra"), p.pop("dec"), p.pop("radius", p.pop("size", None))]
        if "range" in p:
            p["range_"] = p.pop("range")
        allowed = {
            "circle",
            "range_",
            "polygon",
            "band",
            "time",
            "collection",
            "facility",
            "instrument",
            "dptype",
            "calib",
            "maxrec",
        }
        return await sia2_search(req.url, limits=limits, **{k: v for k, v in p.items() if k in allowed})
    if req.kind == "ssa":
        return await ssa_search(
            req.url,
            p.get("ra"),
            p.get("dec"),
            p.get("size", p.get("radius")),
            band=p.get("band"),
            time=p.get("time"),
            fmt=p.get("format"),
            maxrec=p.get("maxrec"),
            limits=limits,
        )
    adql = p.get("query") or p.get("adql") or ""  # an empty query is refused by name in tap.query_params
    return await sync_query(req.url, adql, maxrec=p.get("maxrec"), limits=limits)


async def _one(req: ServiceRequest, timeout: float, limits: Limits) -> ServiceOutcome:
    started = time.monotonic()
    try:
        result = await asyncio.wait_for(run_request(req, Limits(timeout=timeout, max_bytes=limits.max_bytes)), timeout)
        return ServiceOutcome(req, result=result, seconds=time.monotonic() - started)
    except asyncio.TimeoutError:
        err = EscapeError(
            f"no answer within {timeout:g} s", service=service_name(req.kind.upper(), req.url), status=504
        )
        return ServiceOutcome(req, error=err, seconds=time.monotonic() - started)
    except EscapeError as exc:
        return ServiceOutcome(req, error=exc, seconds=time.monotonic() - started)


async def search_each(
    requests: list[ServiceRequest], *, timeout: float = 30, limits: Limits | None = None
) -> AsyncIterator[ServiceOutcome]:
    """Query all services in parallel; yield each outcome (result or error) as soon as it is known."""
    limits = limits or Limits()
    tasks = [asyncio.ensure_future(_one(r, timeout, limits)) for r in requests]
    try:
        for next_done in asyncio.as_completed(tasks):
            yield await next_done
    finally:
        for t in tasks:
            t.cancel()


async def search_all(
    requests: list[ServiceRequest], *, timeout: float = 30, limits: Limits | None = None
) -> list[ServiceOutcome]:
    """All outcomes, in the order of ``requests``; one slow or failing service never hides the others."""
    limits = limits or Limits()
    return list(await asyncio.gather(*(_one(r, timeout, limits) for r in requests)))
