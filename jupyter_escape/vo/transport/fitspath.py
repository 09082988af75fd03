"""The fast transport for synchronous TAP queries: rows as a FITS binary table, meaning from a MAXREC=0 VOTable.

Measured on the local DaCHS (docs/vo.md): writing 1M rows as FITS costs the service clearly less than writing
them as VOTable (no base64, no XML), and FITS rows decode with the same numpy converters. FITS lacks what a VOTable
says about columns (UCD, xtype, description, null values) and results (INFOs, overflow), so two requests run at
once: the query with MAXREC=0 as a VOTable (metadata only: the service stops at LIMIT 0, ~0.1 s) and the query as
FITS with MAXREC+1 (one extra row tells whether the service truncated: FITS has no QUERY_STATUS). The Arrow table
gets the VOTable schema, so the result equals the VOTable path's (tests/vo/test_fits_transport.py).

Any doubt -> the plain VOTable query: no FITS format in the capabilities, unknown row limits, a column FITS cannot
carry exactly (unicodeChar, variable-length or bit arrays, complex), a FITS answer that does not match the
metadata, or a failed FITS request (DaCHS refuses FITS when an integer column has NULLs and no null value).
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
import pyarrow as pa

from ...core.errors import EscapeError, RemoteError, ServiceTimeout
from ...core.http import Limits, ResponseTooLarge, aread_bounded, client_for
from ...core.load import BUDGET
from ...core.offloop import off_loop
from ..votable import VOTableResult, field_specs, local, read_votable
from ..votable import fits as fits_table
from ..votable.fields import FieldSpec
from .http import DECODE_BATCH, OrderedFeed, error_from_body, transfer_headers, votable_request

# Below this MAXREC the second request costs more than FITS saves (benchmarks/vo/bench_tap_e2e.py --rows).
MIN_ROWS = 10_000
# Metadata query and FITS query at once (True) or metadata first (False): see docs/vo.md for the measured trade-off.
CONCURRENT = True
INTEGER_DATATYPES = {"unsignedByte", "short", "int", "long"}
FITS_DATATYPES = {"boolean", "unsignedByte", "short", "int", "long", "float", "double", "char"}


@dataclass
class Plan:
    mime: str  # the RESPONSEFORMAT value for FITS that the service lists
    default_limit: int | None
    hard_limit: int | None


def _int(entry: dict[str, Any] | None) -> int | None:
    try:
        value = entry.get("value") if entry else None
        unit = (entry or {}).get("unit") or "row"
        return int(value) if value not in (None, "") and unit == "row" else None
    except ValueError:
        return None


def plan_from_capabilities(caps: dict[str, Any]) -> Plan | None:
    """Whether (and how) the service offers FITS binary tables, and its row limits."""
    mime = None
    for fmt in caps.get("output_formats", []):
        ids = [fmt.get("mime") or "", *(fmt.get("aliases") or [])]
        if any(x.split(";")[0].strip().lower() in ("application/fits", "fits", "image/fits") for x in ids):
            mime = fmt.get("mime") or "fits"
            break
    if mime is None:
        return None
    limit = caps.get("limits", {}).get("outputLimit", {})
    return Plan(mime, _int(limit.get("default")), _int(limit.get("hard")))


def fits_mappable(result: VOTableResult) -> tuple[list[FieldSpec], str | None]:
    """(FieldSpecs of the result table, None) or ([], why FITS cannot carry these columns exactly)."""
    table_el = _results_table(result)
    if table_el is None:
        return [], "the metadata answer has no result table"
    specs = field_specs(table_el)
    for spec in specs:
        if spec.datatype not in FITS_DATATYPES:
            return [], f"column {spec.name!r} is {spec.datatype}"
        if spec.variable and not spec.is_text:
            return [], f"column {spec.name!r} is a variable-length array"
    return specs, None


def _results_table(result: VOTableResult) -> ET.Element | None:
    if result.skeleton is None:
        return None
    first = None
    for res in (el for el in result.skeleton.iter() if local(el.tag) == "RESOURCE"):
        for tab in (c for c in res if local(c.tag) == "TABLE"):
            first = first if first is not None else tab
            if res.get("type", "results") == "results":
                return tab
    return first


async def download_fits(
    service: str,
    url: str,
    data: dict[str, Any] | None,
    limits: Limits,
    client: httpx.AsyncClient,
    decoder: asyncio.Future[fits_table.FitsDecoder],
) -> pa.Table:
    """POST the FITS query (or GET a job's FITS result when ``data`` is None) and decode the answer while it arrives
    (bounded). ``decoder`` resolves to the FitsDecoder once the metadata query has told the columns. A VOTable
    answer (an error document) is raised as its error; a FITS answer that does not fit the metadata raises
    FitsMismatch."""
    received, batch, head = 0, bytearray(), None
    method = "GET" if data is None else "POST"
    feed: OrderedFeed | None = None  # once the metadata has told the columns: batches decode while more arrive
    try:
        async with (
            client.stream(method, url, data=data, timeout=limits.timeout, headers=transfer_headers(url)) as response,
            BUDGET.hold(service) as held,
        ):
            if response.status_code >= 400:
                await aread_bounded(response)
                raise error_from_body(service, response)
            async for chunk in response.aiter_bytes():
                received += len(chunk)
                held.add(len(chunk))
                if received > limits.max_bytes:
                    raise ResponseTooLarge(service, limits.max_bytes)
                batch += chunk
                if head is None and len(batch) >= 9:
                    head = bytes(batch[:9])
                if head == b"SIMPLE  =" and len(batch) >= DECODE_BATCH:
                    feed = feed or OrderedFeed((await decoder).feed)
                    data_now = bytes(batch)
                    batch.clear()
                    await feed.put(data_now)
        if head != b"SIMPLE  =":
            if b"VOTABLE" in batch[:2000]:
                read_votable(bytes(batch), service=service)  # raises QUERY_STATUS=ERROR
            raise RemoteError(service, f"asked for FITS, the service answered {bytes(batch[:60])!r}")
        feed = feed or OrderedFeed((await decoder).feed)
        await feed.put(bytes(batch))
        await feed.drain()
    except httpx.TimeoutException as exc:
        raise ServiceTimeout(service, limits.timeout) from exc
    except httpx.HTTPError as exc:
        raise RemoteError(service, f"cannot reach {url}: {exc.__class__.__name__}: {exc}") from exc
    finally:
        if feed is not None:
            await feed.drop()
    return await off_loop("vo", (await decoder).close)


def _overflow_infos(meta: VOTableResult, overflow: bool, note: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """The metadata query's INFOs without the OVERFLOW that MAXREC=0 always causes, plus the real one."""
    infos = [
        i
        for i in meta.infos
        if not ((i["name"] or "").upper() == "QUERY_STATUS" and (i["value"] or "").upper() == "OVERFLOW")
    ]
    statuses = [i["value"] for i in infos if (i["name"] or "").upper() == "QUERY_STATUS"]
    status = statuses[-1] if statuses else "OK"
    if overflow:
        infos.append({"name": "QUERY_STATUS", "value": "OVERFLOW", "content": note or ""})
        status = "OVERFLOW"
    return infos, status


class Fallback(Exception):
    """The FITS transport cannot answer this query exactly: use VOTable (the message says why)."""


@dataclass
class RowLimit:
    """How many rows the user asked for (``maxrec``) and how many the FITS request asks (``ask``): one more, so
    that a truncated answer shows (FITS has no QUERY_STATUS), or the service's hard limit, where reaching it is the
    overflow."""

    maxrec: int
    ask: int
    hard: int | None = None

    @classmethod
    def plan(cls, maxrec: int | None, plan: Plan, min_rows: int | None = None) -> RowLimit:
        effective = maxrec if maxrec is not None else plan.default_limit
        if effective is None:
            raise Fallback("the service states no default row limit: overflow could not be detected")
        if effective <= (MIN_ROWS if min_rows is None else min_rows):
            raise Fallback(f"MAXREC {effective} is small: one VOTable request is faster")
        ask = effective + 1 if plan.hard_limit is None or effective < plan.hard_limit else plan.hard_limit
        return cls(effective, ask, plan.hard_limit)

    def to_json(self) -> dict[str, Any]:
        return {"maxrec": self.maxrec, "ask": self.ask, "hard": self.hard}


def metadata_params(params: dict[str, Any]) -> dict[str, Any]:
    """The query as a MAXREC=0 BINARY2 VOTable: the columns' meaning and the INFOs without rows."""
    return {**params, "MAXREC": "0", "RESPONSEFORMAT": "application/x-votable+xml;serialization=BINARY2"}


async def fits_query(
    service: str,
    sync_url: str,
    params: dict[str, Any],
    maxrec: int | None,
    plan: Plan,
    limits: Limits,
    client: httpx.AsyncClient,
    concurrent: bool | None = None,
    min_rows: int | None = None,
) -> VOTableResult:
    """Run the query through FITS (+ a MAXREC=0 VOTable first, or concurrently). Raises Fallback when the VOTable
    path must answer instead; errors of the query itself (bad ADQL) are raised as the VOTable path raises them."""
    rows = RowLimit.plan(maxrec, plan, min_rows)
    fits_params = {**params, "MAXREC": str(rows.ask), "RESPONSEFORMAT": plan.mime}
    return await fits_with_metadata(
        service, sync_url, metadata_params(params), (sync_url, fits_params), rows, limits, client, concurrent
    )


async def fits_with_metadata(
    service: str,
    sync_url: str,
    meta_params: dict[str, Any],
    fits_request: tuple[str, dict[str, Any] | None],
    rows: RowLimit,
    limits: Limits,
    client: httpx.AsyncClient,
    concurrent: bool | None = None,
) -> VOTableResult:
    """The FITS rows (a sync query POSTed, or a finished job's result fetched) with the meaning of a MAXREC=0
    VOTable of the same query: the VOTable path's result. Raises Fallback when they cannot be joined exactly."""
    concurrent = CONCURRENT if concurrent is None else concurrent
    decoder: asyncio.Future[fits_table.FitsDecoder] = asyncio.get_running_loop().create_future()
    fits_task = None

    def start_fits() -> asyncio.Task[pa.Table]:
        return asyncio.create_task(download_fits(service, *fits_request, limits, client, decoder))

    if concurrent:
        fits_task = start_fits()
    try:
        meta = await votable_request(service, "POST", sync_url, data=meta_params, limits=limits, client=client)
        specs, why = fits_mappable(meta)
        if why:
            raise Fallback(why)
    except BaseException:
        if fits_task is not None:
            fits_task.cancel()
            await asyncio.gather(fits_task, return_exceptions=True)
        raise
    decoder.set_result(fits_table.FitsDecoder(specs, meta.table.schema))
    try:
        table = await (fits_task or start_fits())
    except (ResponseTooLarge, ServiceTimeout):
        raise  # the VOTable would be larger and slower still
    except EscapeError as exc:
        raise Fallback(f"the FITS request failed: {exc.message}") from exc
    except fits_table.FitsMismatch as exc:
        raise Fallback(str(exc)) from exc
    except (ValueError, TypeError, pa.ArrowException) as exc:  # a layout the checks let through: never guess
        raise Fallback(f"the FITS answer could not be decoded: {exc.__class__.__name__}: {exc}") from exc
    overflow, note = False, None
    if table.num_rows > rows.maxrec:
        table = table.slice(0, rows.maxrec)
        overflow, note = True, f"more than MAXREC={rows.maxrec} rows"
    elif table.num_rows == rows.ask == rows.hard:
        overflow, note = True, f"the service's hard limit of {rows.ask} rows was reached"
    infos, status = _overflow_infos(meta, overflow, note)
    tables = [table if t is meta.table else t for t in meta.tables]
    return VOTableResult(
        table=table,
        infos=infos,
        query_status=status,
        overflow=overflow,
        tables=tables,
        skeleton=meta.skeleton,
        transport="fits",
    )


async def job_plan(
    plan: Plan | None,
    base: str,
    service: str,
    params: dict[str, Any],
    maxrec: int | None,
    limits: Limits,
    force: bool = False,
) -> tuple[dict[str, Any] | None, str | None]:
    """Whether an asynchronous job can write its rows as FITS: ({mime, maxrec, ask, hard}, None) to create it
    with, or (None, why not). Decided before the job exists, from the capabilities and a MAXREC=0 VOTable of the
    query (the columns must map exactly); any doubt, or a failing metadata query, leaves the job a VOTable one
    (the job then reports the query's own error as usual). ``plan``: the service's, from its capabilities
    (tap.fits_plan)."""
    if plan is None:
        if not force:
            return None, "the service lists no FITS output format"
        plan = Plan("application/fits", None, None)
    try:
        rows = RowLimit.plan(maxrec, plan, 0 if force else None)
        async with client_for(limits) as client:
            meta = await votable_request(
                service, "POST", f"{base}/sync", data=metadata_params(params), limits=limits, client=client
            )
        specs, why = fits_mappable(meta)
        unsure = next((sp.name for sp in specs if sp.datatype in INTEGER_DATATYPES and sp.null is None), None)
        if why is None and unsure is not None:
            # the sync path falls back when DaCHS refuses to write a NULL there; a job cannot be asked again
            why = f"column {unsure!r} is an integer without a declared null value (a NULL could fail a FITS job)"
    except Fallback as exc:
        why = str(exc)
    except EscapeError as exc:
        if force:
            raise
        why = f"the metadata query failed: {exc.message}"
    if why and force:
        raise EscapeError(f"FITS transport: {why}", service=service, status=502)
    if why:
        return None, why
    return {"mime": plan.mime, **rows.to_json()}, None


async def job_result(
    service: str, base: str, query_params: dict[str, Any], href: str, fits: dict[str, Any], limits: Limits
) -> VOTableResult:
    """A finished FITS job's rows with the meaning of a MAXREC=0 VOTable of its query (asked now, while the rows
    download). A FITS result that cannot be joined exactly is an error: the job cannot be asked again as VOTable."""
    rows = RowLimit(int(fits["maxrec"]), int(fits["ask"]), fits.get("hard"))
    async with client_for(limits) as client:
        try:
            return await fits_with_metadata(
                service, f"{base}/sync", metadata_params(query_params), (href, None), rows, limits, client
            )
        except Fallback as exc:
            raise EscapeError(
                f"the job's FITS result cannot be read exactly ({exc}); submit the query again with format binary2",
                service=service,
                status=502,
            ) from None


T = TypeVar("T")


async def with_client(
    limits: Limits, client: httpx.AsyncClient | None, fn: Callable[[httpx.AsyncClient], Awaitable[T]]
) -> T:
    """``fn`` with the caller's client, or with a client of its own (closed after)."""
    if client is not None:
        return await fn(client)
    async with client_for(limits) as own:
        return await fn(own)
