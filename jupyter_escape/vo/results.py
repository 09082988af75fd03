"""Results kept on the server between requests (so the browser can page, export or re-fetch columns without
re-running a query), their export to files, and the pyvo code that reproduces them."""

from __future__ import annotations

import os
import tempfile
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..core.errors import BadInput, EscapeError
from ..core.snippets import py, py_call
from .votable import VOTableResult, schema_json

EXPORT_FORMATS = {"parquet": ".parquet", "csv": ".csv", "fits": ".fits", "votable": ".vot"}


@dataclass
class StoredResult:
    id: str
    result: VOTableResult
    provenance: dict[str, Any]  # {"kind": "tap"|"scs"|..., "url": ..., "query"/"params": ..., "maxrec": ...}
    created: float = field(default_factory=time.time)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            **self.result.info_json(),
            "provenance": self.provenance,
            "schema": schema_json(self.result.table),
            "bytes": self.result.table.nbytes,
            "created": self.created,
        }


class ResultCache:
    """Least-recently-used results, bounded by their total Arrow size."""

    def __init__(self, max_bytes: int = 2 * 1024**3, max_items: int = 200) -> None:
        self.max_bytes = max_bytes
        self.max_items = max_items
        self._items: OrderedDict[str, StoredResult] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, result: VOTableResult, provenance: dict[str, Any]) -> StoredResult:
        stored = StoredResult(uuid.uuid4().hex[:16], result, provenance)
        with self._lock:
            self._items[stored.id] = stored
            while len(self._items) > 1 and (len(self._items) > self.max_items or self._bytes() > self.max_bytes):
                self._items.popitem(last=False)
        return stored

    def _bytes(self) -> int:
        return sum(s.result.table.nbytes for s in self._items.values())

    def get(self, result_id: str) -> StoredResult:
        with self._lock:
            stored = self._items.get(result_id)
            if stored is None:
                raise EscapeError(
                    f"result {result_id!r} is no longer kept on the server: run the query again", status=404
                )
            self._items.move_to_end(result_id)
            return stored

    def drop(self, result_id: str) -> None:
        with self._lock:
            self._items.pop(result_id, None)


def to_astropy(table: pa.Table) -> Any:
    """An astropy Table with masks and column units/UCDs/descriptions from the Arrow metadata."""
    import numpy as np
    from astropy.table import MaskedColumn, Table

    out = Table()
    for name in table.column_names:
        column = (
            table.column(name).combine_chunks() if table.column(name).num_chunks != 1 else table.column(name).chunk(0)
        )
        meta = {k.decode(): v.decode() for k, v in (table.schema.field(name).metadata or {}).items()}
        if pa.types.is_list(column.type) or pa.types.is_fixed_size_list(column.type):
            # one object per row: np.array() of equal-length lists would make a 2-d array (n x length)
            values = np.empty(len(column), dtype=object)
            for i, cell in enumerate(column.to_pylist()):
                values[i] = cell
            mask = np.array(column.is_null().to_pylist(), dtype=bool)
        elif pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            mask = column.is_null().to_numpy(zero_copy_only=False)
            values = np.array(column.fill_null("").to_pylist(), dtype=str)
        else:
            mask = column.is_null().to_numpy(zero_copy_only=False)
            # nulls filled before leaving Arrow: an int64 column with nulls would otherwise come out as float64
            # (changing values above 2**53); the mask carries them
            filled = (
                column.fill_null(0 if not pa.types.is_boolean(column.type) else False)
                if column.null_count and not pa.types.is_floating(column.type)
                else column
            )
            values = filled.to_numpy(zero_copy_only=False)
            if mask.any() and values.dtype.kind == "f":
                values = np.where(mask, np.nan, values)
        col = MaskedColumn(
            values, name=name, mask=mask, unit=meta.get("unit") or None, description=meta.get("description") or None
        )
        if meta.get("ucd"):
            col.meta["ucd"] = meta["ucd"]
        out[name] = col
    return out


def export(table: pa.Table, path: Path, fmt: str, *, overwrite: bool = False) -> dict[str, Any]:
    """Write ``table`` to ``path`` (already confined to the server root) via a temporary file and a rename."""
    if fmt not in EXPORT_FORMATS:
        raise BadInput("format", f"{fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    if path.exists() and not overwrite:
        raise EscapeError(f"path: {path.name} already exists (pass overwrite to replace it)", status=409)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp: str | None
    fd, tmp = tempfile.mkstemp(prefix=".escape-export-", suffix=EXPORT_FORMATS[fmt], dir=path.parent)
    os.close(fd)
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(table, tmp, compression="zstd")
        elif fmt == "csv":
            import pyarrow.csv as pacsv

            flat = table
            for i, f in enumerate(table.schema):
                if pa.types.is_list(f.type) or pa.types.is_fixed_size_list(f.type):
                    values = [None if v is None else " ".join(map(str, v)) for v in table.column(i).to_pylist()]
                    flat = flat.set_column(i, f.name, pa.array(values, type=pa.string()))
            pacsv.write_csv(flat, tmp)
        elif fmt == "fits":
            to_astropy(table).write(tmp, format="fits", overwrite=True)
        else:
            from astropy.io.votable import from_table

            vot = from_table(to_astropy(table))
            vot.get_first_table().format = "binary2"
            vot.to_xml(tmp)
        os.replace(tmp, path)
        tmp = None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return {"path": str(path), "bytes": path.stat().st_size, "format": fmt, "rows": table.num_rows}


# ---------------------------------------------------------------- "show me the code"
def _search(**kwargs: object) -> str:
    return f"table = {py_call('service.search', **kwargs)}.to_table()"


def _as_list(value: object) -> list[Any]:
    """A list as the browser may send it (a list, or one value); a string stays one value, not its letters."""
    return list(value) if isinstance(value, (list, tuple)) else [value]


def pyvo_code(provenance: dict[str, Any]) -> str:
    """Python (pyvo) that reproduces a query; every value is a Python literal (core.snippets.py), never pasted text."""
    kind = provenance.get("kind")
    url = provenance.get("url")
    p = provenance.get("params") or {}
    lines = ["import pyvo", ""]
    maxrec = provenance.get("maxrec")
    limit = f", maxrec={py(maxrec)}" if maxrec is not None else ""
    if kind == "tap":
        lines += [f"service = {py_call('pyvo.dal.TAPService', url)}", f"query = {py(provenance.get('query', ''))}"]
        if provenance.get("mode") == "async":
            lines += [
                f"job = service.submit_job(query{limit})",
                "job.run()",
                "job.wait(phases=['COMPLETED', 'ERROR', 'ABORTED'])",
                "job.raise_if_error()",
                "table = job.fetch_result().to_table()",
            ]
        else:
            lines += [
                f"result = service.run_sync(query{limit})",
                "if result.query_status == 'OVERFLOW':",
                "    print('truncated at MAXREC: raise maxrec or run the query as an async job')",
                "table = result.to_table()",
            ]
    elif kind == "scs":
        lines += [
            f"service = {py_call('pyvo.dal.SCSService', url)}",
            _search(pos=(p.get("ra"), p.get("dec")), radius=p.get("radius")),
        ]
    elif kind == "sia":
        lines += [
            f"service = {py_call('pyvo.dal.SIAService', url)}",
            _search(pos=(p.get("ra"), p.get("dec")), size=p.get("size", p.get("radius"))),
        ]
    elif kind == "sia2":
        args: dict[str, Any] = {}
        if p.get("circle"):
            args["pos"] = tuple(p["circle"]) if isinstance(p["circle"], list) else p["circle"]
        elif "ra" in p:
            args["pos"] = (p.get("ra"), p.get("dec"), p.get("radius", p.get("size")))
        for key in ("band", "time", "collection", "facility", "instrument", "dptype", "calib", "maxrec"):
            if p.get(key) is not None:
                args[key] = p[key]
        lines += [
            "# SIA 2: pyvo reads the service's capabilities first; give the service's base URL",
            f"service = {py_call('pyvo.dal.SIA2Service', url, check_baseurl=False)}",
            _search(**args),
        ]
    elif kind == "ssa":
        lines += [
            f"service = {py_call('pyvo.dal.SSAService', url)}",
            _search(pos=(p.get("ra"), p.get("dec")), diameter=p.get("size", p.get("radius"))),
        ]
    elif kind == "registry":
        lines += [py_call("pyvo.registry.choose_RegTAP_service", url), "constraints = []"]
        if p.get("keywords"):
            lines.append(f"constraints.append(pyvo.registry.Freetext(*{py(_as_list(p['keywords']))}))")
        if p.get("servicetype"):
            lines.append(f"constraints.append({py_call('pyvo.registry.Servicetype', p['servicetype'])})")
        if p.get("waveband"):
            lines.append(f"constraints.append(pyvo.registry.Waveband(*{py(_as_list(p['waveband']))}))")
        if p.get("datamodel"):
            lines.append(f"constraints.append({py_call('pyvo.registry.Datamodel', p['datamodel'])})")
        if p.get("cone"):
            lines.append(f"constraints.append({py_call('pyvo.registry.Spatial', _as_list(p['cone']))})")
        if p.get("temporal"):
            t = [*_as_list(p["temporal"]), None, None]
            lines += [
                "from astropy.time import Time",
                (
                    f"constraints.append(pyvo.registry.Temporal(({py_call('Time', t[0], format='mjd')}, "
                    f"{py_call('Time', t[1], format='mjd')})))"
                ),
            ]
        lines.append("resources = pyvo.registry.search(*constraints)")
        lines.append("table = resources.to_table()")
    else:
        raise BadInput("kind", f"no code for {str(kind)[:80]!r}")
    return "\n".join(lines) + "\n"
