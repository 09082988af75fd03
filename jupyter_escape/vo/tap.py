"""TAP: synchronous queries, asynchronous UWS jobs, VOSI tables/capabilities and the service's examples.

Every function is async (httpx through core/http.py limits) and raises EscapeError naming the service.
"""

from __future__ import annotations

import asyncio
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any, TypedDict
from urllib.parse import quote, urljoin

import httpx

from ..core.errors import EscapeError, RemoteError, ServiceTimeout
from ..core.http import Limits, client_for, fetch, remote_message
from .transport import fitspath
from .transport.http import check_url, error_from_body, get, service_name, votable_request
from .uws import JobInfo as JobInfo  # re-exported: callers follow jobs through tap
from .uws import parse_job
from .votable import VOTableResult, local, read_votable

# RESPONSEFORMAT values (MIME types, the portable spelling); BINARY2 keeps per-cell null flags. There is no
# standard way to ask for BINARY: plain VOTable is the service's default serialisation (BINARY for DaCHS).
FORMATS = {
    "votable": None,
    "binary2": "application/x-votable+xml;serialization=BINARY2",
    "binary": "application/x-votable+xml",
    "tabledata": "application/x-votable+xml;serialization=TABLEDATA",
}
# Transports of sync_query beyond the VOTable serialisations: "auto" = FITS rows + VOTable metadata when the
# service offers FITS and the columns allow it exactly, else BINARY2; "fits" = the same without the fallback.
SYNC_FORMATS = (*FORMATS, "auto", "fits")
CAPS_TTL = 600.0  # seconds a service's capabilities are trusted for the FITS plan
CAPS_MAX_BYTES = 4 * 1024 * 1024  # a capabilities document is a few KiB; never more than the configured limit
_fits_plans: dict[str, tuple[float, fitspath.Plan | None]] = {}


def tap_service(url: str) -> str:
    return service_name("TAP", url)


def _base(url: str) -> str:
    return check_url(url, "service_url").rstrip("/")


def query_params(
    adql: str, maxrec: int | None = None, fmt: str | None = "binary2", lang: str = "ADQL"
) -> dict[str, Any]:
    if adql and not isinstance(adql, str):  # JSON of another type (the DAL routes take any params)
        raise EscapeError(f"query: expected ADQL text, got {adql!r}", status=400)
    if not adql or not adql.strip():
        raise EscapeError("query: empty", status=400)
    params = {"REQUEST": "doQuery", "LANG": lang, "QUERY": adql}
    if maxrec is not None:
        if int(maxrec) < 0:
            raise EscapeError("maxrec: must be 0 or more", status=400)
        params["MAXREC"] = str(int(maxrec))
    if fmt not in FORMATS:
        raise EscapeError(f"format: {fmt!r} is not one of {', '.join(FORMATS)}", status=400)
    response_format = FORMATS[fmt]
    if response_format:
        params["RESPONSEFORMAT"] = response_format
    return params


async def fits_plan(base: str, limits: Limits) -> fitspath.Plan | None:
    """Whether the service writes FITS binary tables, from its capabilities (kept CAPS_TTL seconds; a failure
    counts as 'no FITS')."""
    cached = _fits_plans.get(base)
    if cached and time.monotonic() - cached[0] < CAPS_TTL:
        return cached[1]
    try:
        caps_limits = Limits(timeout=min(limits.timeout, 10), max_bytes=min(limits.max_bytes, CAPS_MAX_BYTES))
        plan = fitspath.plan_from_capabilities(await capabilities(base, limits=caps_limits))
    except EscapeError:
        plan = None
    _fits_plans[base] = (time.monotonic(), plan)
    return plan


# ---------------------------------------------------------------- synchronous
async def sync_query(
    url: str,
    adql: str,
    *,
    maxrec: int | None = None,
    fmt: str | None = "auto",
    limits: Limits | None = None,
    client: httpx.AsyncClient | None = None,
) -> VOTableResult:
    """Run ``adql`` on the TAP service at ``url`` (its base URL, without /sync); the result as Arrow.

    ``fmt`` "auto" (default) moves the rows as FITS when that gives exactly the VOTable result (see transport/fitspath.py:
    about 2x less service time on DaCHS), else as BINARY2; ``result.transport`` says which was used."""
    base = _base(url)
    service = tap_service(base)
    limits = limits or Limits()
    if fmt in ("auto", "fits"):
        params = query_params(adql, maxrec, "votable")
        if maxrec == 0:  # metadata only: one small VOTable is all there is
            note = None
        elif fmt == "auto" and maxrec is not None and maxrec <= fitspath.MIN_ROWS:
            note = f"MAXREC {maxrec} is small: one VOTable request is faster"  # without asking the capabilities
        else:
            plan = await fits_plan(base, limits)
            if plan is None and fmt == "fits":
                plan = fitspath.Plan("application/fits", None, None)
            note = "the service lists no FITS output format" if plan is None else None
            if plan is not None:
                try:
                    return await fitspath.with_client(
                        limits,
                        client,
                        lambda c: fitspath.fits_query(
                            service,
                            f"{base}/sync",
                            params,
                            maxrec,
                            plan,
                            limits,
                            c,
                            min_rows=0 if fmt == "fits" else None,
                        ),
                    )
                except fitspath.Fallback as exc:
                    if fmt == "fits":
                        raise EscapeError(f"FITS transport: {exc}", service=service, status=502) from None
                    note = str(exc)
        result = await votable_request(
            service, "POST", f"{base}/sync", data=query_params(adql, maxrec, "binary2"), limits=limits, client=client
        )
        result.transport_note = note
        return _at_most(result, maxrec)
    return _at_most(
        await votable_request(
            service, "POST", f"{base}/sync", data=query_params(adql, maxrec, fmt), limits=limits, client=client
        ),
        maxrec,
    )


def _at_most(result: VOTableResult, maxrec: int | None) -> VOTableResult:
    """MAXREC rows at most: DaCHS 2.7 sends MAXREC+1 rows (and OVERFLOW) when a TOP above MAXREC is cut."""
    if maxrec is not None and result.table.num_rows > maxrec:
        primary = result.table
        result.table = primary.slice(0, maxrec)
        result.tables = [result.table if t is primary else t for t in result.tables]
        result.overflow = True
    return result


# ---------------------------------------------------------------- asynchronous (UWS)
async def create_job(
    url: str,
    adql: str,
    *,
    maxrec: int | None = None,
    fmt: str | None = "auto",
    run: bool = True,
    run_id: str | None = None,
    limits: Limits | None = None,
) -> JobInfo:
    """Create a UWS job and (by default) start it. PHASE=RUN goes in a second request: DaCHS ignores it in the
    creation POST.

    ``fmt`` "auto" (default) lets the job write its rows as FITS when sync_query would (the result is then read
    with the meaning of a MAXREC=0 VOTable, as in sync_query), else BINARY2; "fits" insists."""
    base = _base(url)
    service = tap_service(base)
    limits = limits or Limits(timeout=30)
    fits, note = None, None
    if fmt in ("auto", "fits"):
        params = query_params(adql, maxrec, "binary2")
        fits, note = await fitspath.job_plan(
            await fits_plan(base, limits),
            base,
            service,
            query_params(adql, maxrec, "votable"),
            maxrec,
            limits,
            force=fmt == "fits",
        )
        if fits is None and fmt == "fits":
            raise EscapeError(f"FITS transport: {note}", service=service, status=502)
        if fits is not None:
            params.update(MAXREC=str(fits["ask"]), RESPONSEFORMAT=fits["mime"])
    else:
        params = query_params(adql, maxrec, fmt)
    if run_id:
        params["RUNID"] = run_id
    async with client_for(limits, follow_redirects=False) as client:
        response = await fetch(
            service, "POST", f"{base}/async", data=params, client=client, limits=limits, raise_for_status=False
        )
        if response.status_code >= 400:
            raise error_from_body(service, response)
        location = response.headers.get("location")
        if response.status_code not in (200, 201, 303, 302) or (not location and response.status_code != 200):
            raise RemoteError(service, f"job creation answered HTTP {response.status_code} without a job URL")
        job_url = urljoin(f"{base}/async", location) if location else None
        if job_url is None:  # a 200 with the job document itself
            info = parse_job(response.content, "", service)
            job_url = f"{base}/async/{info.job_id}"
        if run:
            await _post_phase(client, service, job_url, "RUN", limits)
    info = await job_status(job_url, limits=limits)
    info.fits, info.transport_note = fits, note
    return info


async def _post_phase(client: httpx.AsyncClient, service: str, job_url: str, phase: str, limits: Limits) -> None:
    response = await fetch(
        service, "POST", f"{job_url}/phase", data={"PHASE": phase}, client=client, limits=limits, raise_for_status=False
    )
    if response.status_code >= 400:
        raise RemoteError(service, f"PHASE={phase}: {remote_message(response)}")


async def job_status(job_url: str, *, wait: float | None = None, limits: Limits | None = None) -> JobInfo:
    """The job's description; with ``wait``, let the service hold the answer until the phase changes."""
    check_url(job_url, "job_url")
    service = tap_service(job_url.rsplit("/async", 1)[0])
    limits = limits or Limits(timeout=30)
    params = None
    if wait:
        params = {"WAIT": str(int(wait))}
        limits = Limits(timeout=limits.timeout + wait, max_bytes=limits.max_bytes)
    response = await get(service, job_url, params=params, limits=limits)
    return parse_job(response.content, job_url, service)


# Seconds between the two WAIT long polls kept in flight: DaCHS re-checks a waiting job once a second, counted from
# each request's arrival, so one long poll learns of a change up to 1 s late (0.5 s on average); two half a second
# apart halve that. A service that answers WAIT on the change itself answers both at once (the second is dropped).
WAIT_STAGGER = 0.5


async def _long_poll(
    job_url: str, phase: str, wait: float, deadline: float, limits: Limits | None
) -> tuple[JobInfo, bool]:
    """The job once its phase is no longer ``phase`` (or ``deadline``, a time.monotonic(), has passed), and whether
    the service ignored WAIT (answered within half of ``wait`` s, phase unchanged). Two WAIT requests stay in flight, the second sent
    WAIT_STAGGER s after the first, each replaced as it comes back unchanged; the first new phase wins and the
    other request is dropped."""
    started = time.monotonic()

    def send() -> asyncio.Future[JobInfo]:
        return asyncio.ensure_future(job_status(job_url, wait=wait, limits=limits))

    polls = [send()]
    try:
        done, _ = await asyncio.wait(polls, timeout=WAIT_STAGGER)
        if not done:
            polls.append(send())
        while True:
            done, _ = await asyncio.wait(polls, return_when=asyncio.FIRST_COMPLETED)
            answers = [p.result() for p in polls if p in done]  # in the order sent
            changed = [a for a in answers if a.phase != phase]
            if changed:
                return changed[-1], False
            ignored = time.monotonic() - started < 0.5 * wait
            if ignored or time.monotonic() >= deadline:
                return answers[-1], ignored
            polls = [p for p in polls if p not in done] + [send() for _ in done]
    finally:
        for poll in polls:
            poll.cancel()
        await asyncio.gather(*polls, return_exceptions=True)


async def wait_for_job(
    job_url: str,
    *,
    timeout: float = 600,
    poll: float = 10,
    limits: Limits | None = None,
    on_phase: Callable[[JobInfo], object] | None = None,
) -> JobInfo:
    """Poll until the job is final (or HELD/SUSPENDED, which need the user), with WAIT long polling (two requests
    in flight, see _long_poll); when the service ignores WAIT (answers at once, phase unchanged) back off: 0.5 s,
    1 s, 2 s ... up to ``poll`` s."""
    deadline = time.monotonic() + timeout
    info = await job_status(job_url, limits=limits)
    delay = 0.5
    while not info.final and info.phase not in ("HELD", "SUSPENDED"):
        left = deadline - time.monotonic()
        if left <= 0:
            raise ServiceTimeout(tap_service(job_url.rsplit("/async", 1)[0]), timeout)
        new, ignored = await _long_poll(job_url, info.phase, max(1, min(poll, left)), deadline, limits)
        if ignored:
            await asyncio.sleep(min(delay, max(left, 0)))
            delay = min(delay * 2, poll)
        if on_phase is not None and new.phase != info.phase:
            on_phase(new)
        info = new
    return info


async def abort_job(job_url: str, *, limits: Limits | None = None) -> JobInfo:
    limits = limits or Limits(timeout=30)
    service = tap_service(job_url.rsplit("/async", 1)[0])
    async with client_for(limits, follow_redirects=False) as client:
        await _post_phase(client, service, check_url(job_url, "job_url"), "ABORT", limits)
    return await job_status(job_url, limits=limits)


async def delete_job(job_url: str, *, limits: Limits | None = None) -> None:
    """DELETE the job without following the redirect the service answers with (following it hung pyvo)."""
    limits = limits or Limits(timeout=30)
    service = tap_service(job_url.rsplit("/async", 1)[0])
    async with client_for(limits, follow_redirects=False) as client:
        response = await fetch(
            service, "DELETE", check_url(job_url, "job_url"), client=client, limits=limits, raise_for_status=False
        )
        if response.status_code in (405, 501):  # services without DELETE take the POST form
            response = await fetch(
                service,
                "POST",
                job_url,
                data={"ACTION": "DELETE"},
                client=client,
                limits=limits,
                raise_for_status=False,
            )
        if response.status_code >= 400 and response.status_code != 404:
            raise RemoteError(service, remote_message(response))


async def job_result(
    job_url: str,
    *,
    limits: Limits | None = None,
    info: JobInfo | None = None,
    fits: dict[str, Any] | None = None,
    query: str | None = None,
) -> VOTableResult:
    """The rows of a finished job. ``fits``: what create_job chose (JobInfo.fits, kept in the job list) when the
    job writes FITS; its rows then get the meaning of a MAXREC=0 VOTable of ``query`` (or the job's QUERY)."""
    fits = fits or (info.fits if info is not None else None)
    info = info or await job_status(job_url, limits=limits)
    service = tap_service(job_url.rsplit("/async", 1)[0])
    if info.phase == "ERROR":
        raise RemoteError(service, info.error or await job_error(job_url, limits=limits))
    if info.phase != "COMPLETED":
        raise EscapeError(f"the job is {info.phase}, not COMPLETED: no result yet", service=service, status=409)
    href = next((r["href"] for r in info.results if r.get("id") == "result" and r.get("href")), None)
    href = href or (info.results[0]["href"] if info.results and info.results[0].get("href") else None)
    href = urljoin(job_url + "/", href) if href else f"{job_url}/results/result"
    limits = limits or Limits()
    if fits:
        adql = query or next((v for k, v in info.parameters.items() if k.lower() == "query"), None)
        if not adql:
            raise EscapeError(
                "the job's FITS result needs its query for the column metadata, and the service does not list it",
                service=service,
                status=502,
            )
        return await fitspath.job_result(
            service, job_url.rsplit("/async", 1)[0], query_params(adql, None, "votable"), href, fits, limits
        )
    return await votable_request(service, "GET", href, limits=limits)


async def job_error(job_url: str, *, limits: Limits | None = None) -> str:
    service = tap_service(job_url.rsplit("/async", 1)[0])
    response = await fetch(
        service, "GET", f"{job_url}/error", limits=limits or Limits(timeout=30), raise_for_status=False
    )
    if b"QUERY_STATUS" in response.content[:100_000]:
        try:
            read_votable(response.content, service=service)
        except RemoteError as exc:
            return exc.message
        except EscapeError:
            pass
    return response.text.strip()[:4000] or f"HTTP {response.status_code}"


# ---------------------------------------------------------------- VOSI
def _tables_from(root: ET.Element, with_columns: bool) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for schema in (el for el in root.iter() if local(el.tag) == "schema"):
        schema_name = _child_text(schema, "name")
        for table in (c for c in schema if local(c.tag) == "table"):
            entry: dict[str, Any] = {
                "name": _child_text(table, "name"),
                "schema": schema_name,
                "title": _child_text(table, "title"),
                "description": _child_text(table, "description"),
                "type": table.get("type") or "table",
                "nrows": _child_text(table, "nrows") or None,
            }
            if with_columns:
                entry["columns"] = [_column(c) for c in table if local(c.tag) == "column"]
            out.append(entry)
    if local(root.tag) == "table":  # the per-table endpoint answers one <table>
        out.append(
            {
                "name": _child_text(root, "name"),
                "schema": None,
                "title": _child_text(root, "title"),
                "description": _child_text(root, "description"),
                "type": root.get("type") or "table",
                "nrows": _child_text(root, "nrows") or None,
                "columns": [_column(c) for c in root if local(c.tag) == "column"],
            }
        )
    return out


def _child_text(el: ET.Element, name: str) -> str:
    for c in el:
        if local(c.tag) == name:
            return "".join(c.itertext()).strip()
    return ""


def _column(el: ET.Element) -> dict[str, Any]:
    datatype = next((c for c in el if local(c.tag) == "dataType"), None)
    return {
        "name": _child_text(el, "name"),
        "description": _child_text(el, "description"),
        "unit": _child_text(el, "unit") or None,
        "ucd": _child_text(el, "ucd") or None,
        "utype": _child_text(el, "utype") or None,
        "datatype": (datatype.text or "").strip() if datatype is not None else None,
        "arraysize": datatype.get("arraysize") if datatype is not None else None,
        "xtype": datatype.get("extendedType") or datatype.get("xtype") if datatype is not None else None,
        "flags": [(c.text or "").strip() for c in el if local(c.tag) == "flag"],
    }


def _xml(service: str, content: bytes) -> ET.Element:
    try:
        return ET.fromstring(content)
    except ET.ParseError as exc:
        raise RemoteError(service, f"answer is not valid XML: {exc}") from None


async def tables(url: str, *, limits: Limits | None = None) -> list[dict[str, Any]]:
    """The service's tables without their columns (VOSI detail=min: cheap even for thousands of tables)."""
    base = _base(url)
    service = tap_service(base)
    response = await get(service, f"{base}/tables", params={"detail": "min"}, limits=limits or Limits())
    return _tables_from(_xml(service, response.content), with_columns=False)


async def table_detail(url: str, table_name: str, *, limits: Limits | None = None) -> dict[str, Any]:
    """One table with its columns, from the per-table VOSI endpoint (falls back to the full tableset)."""
    if not table_name:
        raise EscapeError("table: missing", status=400)
    base = _base(url)
    service = tap_service(base)
    limits = limits or Limits()
    try:
        response = await get(service, f"{base}/tables/{quote(table_name, safe='.')}", limits=limits)
        found = _tables_from(_xml(service, response.content), with_columns=True)
    except RemoteError:
        found = []
    match = [t for t in found if t["name"].lower() == table_name.lower()]
    if not match:
        response = await get(service, f"{base}/tables", limits=limits)
        match = [
            t
            for t in _tables_from(_xml(service, response.content), with_columns=True)
            if t["name"].lower() == table_name.lower()
        ]
    if not match:
        raise EscapeError(f"table {table_name!r} is not in the service's table set", service=service, status=404)
    return match[0]


async def capabilities(url: str, *, limits: Limits | None = None) -> dict[str, Any]:
    """Standard ids with access URLs, query languages, output formats, MAXREC limits, upload methods."""
    base = _base(url)
    service = tap_service(base)
    response = await get(service, f"{base}/capabilities", limits=limits or Limits())
    root = _xml(service, response.content)
    out: dict[str, Any] = {
        "capabilities": [],
        "languages": [],
        "output_formats": [],
        "upload_methods": [],
        "limits": {},
    }
    for cap in (el for el in root.iter() if local(el.tag) == "capability"):
        out["capabilities"].append(
            {
                "standard_id": cap.get("standardID"),
                "access_urls": ["".join(a.itertext()).strip() for a in cap.iter() if local(a.tag) == "accessURL"],
            }
        )
        for el in cap:
            name = local(el.tag)
            if name == "language":
                versions = [v.get("ivo-id") or (v.text or "").strip() for v in el if local(v.tag) == "version"]
                out["languages"].append({"name": _child_text(el, "name"), "versions": versions})
            elif name == "outputFormat":
                out["output_formats"].append(
                    {
                        "mime": _child_text(el, "mime"),
                        "aliases": [(a.text or "").strip() for a in el if local(a.tag) == "alias"],
                    }
                )
            elif name == "uploadMethod":
                out["upload_methods"].append(el.get("ivo-id"))
            elif name in ("outputLimit", "retentionPeriod", "executionDuration", "uploadLimit"):
                out["limits"][name] = {
                    local(c.tag): {"value": (c.text or "").strip(), "unit": c.get("unit")} for c in el
                }
    return out


class Example(TypedDict):
    """One of a TAP service's example queries (DALI examples)."""

    id: str | None
    name: str
    query: str
    description: str


class _ExampleParser(HTMLParser):
    """TAP examples (DALI): elements with typeof="example", their property="name" and property="query"."""

    def __init__(self) -> None:
        super().__init__()
        self.examples: list[Example] = []
        self.stack: list[tuple[str, str | None]] = []  # (tag, property being collected)
        self.depth_example: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "example" in (values.get("typeof") or "").split():
            self.examples.append(
                {"id": values.get("id") or values.get("resource"), "name": "", "query": "", "description": ""}
            )
            self.depth_example = len(self.stack)
        prop = values.get("property") if self.depth_example is not None else None
        if tag not in ("br", "img", "hr", "meta", "link", "input"):
            self.stack.append((tag, prop))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, _ = self.stack.pop()
            if self.depth_example is not None and len(self.stack) == self.depth_example:
                self.depth_example = None
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.depth_example is None or not self.examples:
            return
        example = self.examples[-1]
        for _, prop in reversed(self.stack):
            if prop == "name":
                example["name"] += data
                return
            if prop == "query":
                example["query"] += data
                return
        example["description"] += data


async def examples(url: str, *, limits: Limits | None = None) -> list[Example]:
    base = _base(url)
    service = tap_service(base)
    response = await get(service, f"{base}/examples", limits=limits or Limits())
    parser = _ExampleParser()
    parser.feed(response.text)
    return [
        {
            "id": e["id"],
            "name": " ".join(e["name"].split()),
            "query": e["query"].strip(),
            "description": " ".join(e["description"].split())[:2000],
        }
        for e in parser.examples
        if e["query"].strip()
    ]


__all__ = [
    "abort_job",
    "capabilities",
    "create_job",
    "delete_job",
    "examples",
    "job_error",
    "job_result",
    "job_status",
    "query_params",
    "sync_query",
    "table_detail",
    "tables",
    "wait_for_job",
]
