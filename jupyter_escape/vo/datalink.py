"""DataLink: the links of a dataset (#this, #preview, #cutout ...), SODA service descriptors, and fetching one
link into the workspace (written to a temporary file, renamed only when complete: never a partial file)."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import unquote, urlparse

import httpx

from ..core.errors import BadInput, RemoteError, ServiceTimeout
from ..core.http import Limits, ResponseTooLarge, aread_bounded, client_for
from ..core.names import safe_file_name
from ..core.offloop import off_loop
from .transport.http import check_url, service_name, votable_request
from .votable import VOTableResult, local

if TYPE_CHECKING:
    import pyarrow as pa


DATALINK_FORMAT = "content=datalink"
WRITE_BATCH = 1 << 20


def _params(el: ET.Element) -> list[dict[str, Any]]:
    out = []
    for p in (c for c in el if local(c.tag) == "PARAM"):
        values = next((c for c in p if local(c.tag) == "VALUES"), None)
        entry: dict[str, Any] = {
            k: p.get(k)
            for k in ("name", "value", "ref", "ucd", "unit", "datatype", "arraysize", "xtype")
            if p.get(k) is not None
        }
        desc = next((c for c in p if local(c.tag) == "DESCRIPTION"), None)
        if desc is not None:
            entry["description"] = "".join(desc.itertext()).strip()
        if values is not None:
            for bound in ("MIN", "MAX"):
                b = next((c for c in values if local(c.tag) == bound), None)
                if b is not None:
                    entry[bound.lower()] = b.get("value")
            options = [o.get("value") for o in values if local(o.tag) == "OPTION"]
            if options:
                entry["options"] = options
        out.append(entry)
    return out


def service_descriptors(result: VOTableResult) -> dict[str, dict[str, Any]]:
    """RESOURCE type="meta" utype="adhoc:service" blocks: access URL, standard id and input parameters."""
    out: dict[str, dict[str, Any]] = {}
    if result.skeleton is None:
        return out
    for res in (el for el in result.skeleton.iter() if local(el.tag) == "RESOURCE"):
        if res.get("type") != "meta" or (res.get("utype") or "").lower() != "adhoc:service":
            continue
        fixed = {p["name"]: p.get("value") for p in _params(res)}
        inputs = []
        for group in (c for c in res if local(c.tag) == "GROUP" and c.get("name") == "inputParams"):
            inputs = _params(group)
        key = res.get("ID") or res.get("name") or f"service{len(out)}"
        out[key] = {
            "id": key,
            "name": res.get("name"),
            "access_url": fixed.get("accessURL"),
            "standard_id": fixed.get("standardID"),
            "resource_identifier": fixed.get("resourceIdentifier"),
            "content_type": fixed.get("contentType"),
            "input_params": inputs,
        }
    return out


def _row(table: pa.Table, i: int) -> dict[str, Any]:
    return {name: table.column(name)[i].as_py() for name in table.column_names}


async def links(
    datalink_url: str, ids: list[str] | str | None = None, *, limits: Limits | None = None
) -> dict[str, Any]:
    """The links document: rows (semantics, access_url, content_type, service_def, error_message ...) and the
    service descriptors they point to. ``ids`` are appended as ID parameters (batch)."""
    params = None
    if ids:
        params = [("ID", i) for i in ([ids] if isinstance(ids, str) else ids)]
    service = service_name("DataLink", datalink_url)
    result = await votable_request(
        service, "GET", check_url(datalink_url, "datalink_url"), params=params, limits=limits or Limits()
    )
    table = result.table
    rows = []
    for i in range(table.num_rows):
        row = _row(table, i)
        rows.append(
            {
                "id": row.get("ID"),
                "access_url": row.get("access_url"),
                "service_def": row.get("service_def"),
                "error_message": row.get("error_message"),
                "semantics": row.get("semantics"),
                "description": row.get("description"),
                "content_type": row.get("content_type"),
                "content_length": row.get("content_length"),
                "local_semantics": row.get("local_semantics"),
            }
        )
    return {"links": rows, "services": service_descriptors(result), "overflow": result.overflow}


def datalink_for_row(result: VOTableResult, row_index: int) -> str | None:
    """The DataLink document URL for one result row: an access_url whose format says datalink (ObsCore), or a
    DataLink service descriptor whose ID parameter refers to a column."""
    table = result.table
    if not 0 <= row_index < table.num_rows:
        raise BadInput("row", f"{row_index} is not a row of the result (0..{table.num_rows - 1})")
    row = _row(table, row_index)
    fmt = row.get("access_format") or ""
    if DATALINK_FORMAT in fmt and row.get("access_url"):
        return cast(str, row["access_url"])  # a VOTable char column
    ids_by_ref = _column_ids(result)
    for desc in service_descriptors(result).values():
        if "datalink" not in (desc.get("standard_id") or "").lower():
            continue
        for p in desc["input_params"]:
            if p.get("name") == "ID" and p.get("ref"):
                column = ids_by_ref.get(p["ref"], p["ref"])
                if column in row and row[column] is not None and desc["access_url"]:
                    return httpx.URL(desc["access_url"], params={"ID": row[column]}).__str__()
    return None


def _column_ids(result: VOTableResult) -> dict[str, str]:
    """FIELD ID -> column name (PARAM ref= points at IDs)."""
    out: dict[str, str] = {}
    if result.skeleton is not None:
        for el in result.skeleton.iter():
            field_id = el.get("ID")
            if local(el.tag) == "FIELD" and field_id:
                out[field_id] = el.get("name") or field_id
    return out


def soda_url(
    descriptor: dict[str, Any],
    dataset_id: str,
    *,
    circle: Any = None,
    pos: str | None = None,
    band: Any = None,
    extra: dict[str, Any] | None = None,
) -> httpx.URL:
    """A SODA sync request from a service descriptor: ID plus CIRCLE "ra dec r" (or POS / BAND)."""
    if not descriptor.get("access_url"):
        raise BadInput("service", "the service descriptor has no accessURL")
    params: list[tuple[str, str]] = [("ID", dataset_id)]
    if circle is not None:
        ra, dec, radius = (float(v) for v in circle)
        params.append(("CIRCLE", f"{ra!r} {dec!r} {radius!r}"))
    if pos:
        params.append(("POS", pos))
    if band is not None:
        params.append(("BAND", f"{float(band[0])!r} {float(band[1])!r}"))
    for k, v in (extra or {}).items():
        params.append((k, str(v)))
    return httpx.URL(check_url(descriptor["access_url"], "access_url"), params=params)


def file_name_for(url: str, response: httpx.Response | None = None, fallback: str = "download") -> str:
    disposition = response.headers.get("content-disposition", "") if response is not None else ""
    match = re.search(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?', disposition)
    name = unquote(match.group(1)) if match else unquote(os.path.basename(urlparse(url).path))
    return safe_file_name(name, fallback)


async def fetch_to(
    url: str, dest_dir: Path, *, file_name: str | None = None, limits: Limits | None = None, overwrite: bool = False
) -> dict[str, Any]:
    """Download ``url`` into ``dest_dir`` (already confined by the caller): streamed into a temporary file in the
    same folder, renamed to its final name only when complete; on any failure no file is left behind."""
    limits = limits or Limits()
    service = service_name("DataLink", url)
    await off_loop("vo", dest_dir.mkdir, parents=True, exist_ok=True)
    made_fd, made_tmp = await off_loop("vo", tempfile.mkstemp, prefix=".escape-partial-", dir=dest_dir)
    fd: int | None = made_fd  # None once the file object owns it
    tmp: str | None = made_tmp  # None once renamed into place
    received = 0
    try:
        async with (
            client_for(limits) as client,
            client.stream("GET", check_url(url), timeout=limits.timeout) as response,
        ):
            if response.status_code >= 400:
                await aread_bounded(response)
                raise RemoteError(service, f"HTTP {response.status_code}: {response.text[:2000]}")
            name = file_name or file_name_for(str(response.url), response)
            fh = os.fdopen(made_fd, "wb")
            fd = None
            try:
                pending = bytearray()
                async for chunk in response.aiter_bytes():
                    received += len(chunk)
                    if received > limits.max_bytes:
                        raise ResponseTooLarge(service, limits.max_bytes)
                    pending += chunk
                    if len(pending) >= WRITE_BATCH:  # disk writes off the event loop, in big pieces
                        await off_loop("vo", fh.write, bytes(pending))
                        pending.clear()
                await off_loop("vo", fh.write, bytes(pending))
            finally:
                fh.close()
            content_type = response.headers.get("content-type")
        final = dest_dir / safe_file_name(name)  # a caller's file_name too: one plain component, never '..'
        final = await off_loop("vo", _move_into_place, made_tmp, final, overwrite)
        tmp = None
        return {"path": str(final), "bytes": received, "content_type": content_type}
    except httpx.TimeoutException as exc:
        raise ServiceTimeout(service, limits.timeout) from exc
    except httpx.HTTPError as exc:
        raise RemoteError(service, f"cannot reach {url}: {exc.__class__.__name__}: {exc}") from exc
    finally:
        if fd is not None:
            os.close(fd)
        if tmp is not None:
            _remove_partial(tmp)  # at once, even while the task is being cancelled: one unlink, never a partial file


def _move_into_place(tmp: str, final: Path, overwrite: bool) -> Path:
    """Rename the complete download to ``final``, or to ``name-1.ext``, ``name-2.ext`` ... beside an existing file."""
    if final.exists() and not overwrite:
        stem, suffix, n = final.stem, final.suffix, 1
        candidate = final
        while candidate.exists():
            candidate = final.with_name(f"{stem}-{n}{suffix}")
            n += 1
        final = candidate
    os.replace(tmp, final)
    return final


def _remove_partial(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


__all__ = ["datalink_for_row", "fetch_to", "links", "service_descriptors", "soda_url"]
