"""Fast VOTable -> Apache Arrow decoding (TABLEDATA, BINARY, BINARY2), streaming, with column metadata kept.

The XML around the data (RESOURCE, TABLE, FIELD, PARAM, INFO ...) goes through an ordinary XML pull parser; the
bytes inside each <DATA> are decoded here with numpy/Arrow kernels, batch by batch, as they arrive (from a file or
a network stream), so memory stays near the size of the resulting table. Documents are read to the end, so a
QUERY_STATUS INFO after the table (OVERFLOW) is seen; QUERY_STATUS=ERROR becomes a RemoteError.

    result = read_votable(path_or_bytes_or_chunks)      # -> VOTableResult(table=pyarrow.Table, overflow, infos)
    payload = to_ipc_stream(result.table, ["ra", "dec"])
"""

from __future__ import annotations

import binascii
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import pyarrow as pa
import pybase64

from ...core.errors import EscapeError, RemoteError
from .binary import BinaryRows
from .cells import CellWarnings, declared_entities
from .fields import FieldSpec, make_spec

if TYPE_CHECKING:
    from .tabledata import TableDataRows

    Rows = TableDataRows | BinaryRows

# Input pieces and TABLEDATA runs of 1 MiB, binary batches of 2 MiB (binary.py): the transient copies a batch
# goes through (input, base64, pending rows, the immutable batch) stack up, so their size is what decoding costs
# beyond the table. Measured at 1M rows (benchmarks/vo/bench_votable.py): 4/8 MiB gave 1.55-1.89x the table at
# peak, 1/2 MiB 1.26-1.31x, at the same CPU time.
READ_BYTES = 1024 * 1024
_NAME = rb"(?:[A-Za-z_][\w.-]*:)?"
_DATA_OPEN = re.compile(rb"<" + _NAME + rb"DATA(?:\s[^>]*)?>")
_DATA_CLOSE = re.compile(rb"</" + _NAME + rb"DATA\s*>")
_SERIAL_OPEN = re.compile(rb"\s*<(" + _NAME + rb")(TABLEDATA|BINARY2|BINARY|FITS|PARQUET)(\s[^>]*)?(/?)>")
_STREAM_OPEN = re.compile(rb"\s*<" + _NAME + rb"STREAM(\s[^>]*)?(/?)>")
_TABLEDATA_CLOSE = re.compile(rb"</" + _NAME + rb"TABLEDATA\s*>")
_ROW_END = re.compile(rb"</" + _NAME + rb"TR\s*>")
TABLEDATA_BATCH = 1024 * 1024  # rows are decoded in runs of about this many bytes of XML
_WHITESPACE = b" \t\r\n"
_LINE_COL = re.compile(r"line:?\s*(\d+)\D{0,10}col(?:umn)?:?\s*(\d+)", re.IGNORECASE)
_CHAR = re.compile(r"at char(?:acter)?\s+(\d+)", re.IGNORECASE)
GZIP_MAGIC = b"\x1f\x8b"
MAX_INFLATED = 16 * 2**30  # a gzipped document may not inflate beyond this (a zip bomb is refused, not read)


class QueryError(RemoteError):
    """QUERY_STATUS=ERROR: the service's message verbatim, plus the position in the query when it names one."""

    def __init__(self, service: str, message: str, position: dict[str, Any] | None = None) -> None:
        super().__init__(service, message, status=400 if position else 502)
        self.position = position

    def to_json(self) -> dict[str, Any]:
        out = super().to_json()
        if self.position:
            out["position"] = self.position
        return out


@dataclass
class VOTableResult:
    table: pa.Table
    infos: list[dict[str, Any]] = field(default_factory=list)  # every INFO: {name, value, content}
    query_status: str | None = None  # OK / OVERFLOW / ERROR, as the service said
    overflow: bool = False  # the service truncated the result (usually at MAXREC)
    tables: list[pa.Table] = field(default_factory=list)  # every TABLE in the document, in order
    skeleton: ET.Element | None = None  # the document without its DATA: PARAMs, GROUPs, service descriptors
    transport: str = "votable"  # how the rows travelled: "votable" or "fits" (TAP sync, see transport/fitspath.py)
    transport_note: str | None = None  # why the fast transport was not used, when it was tried
    error: str | None = None  # QUERY_STATUS=ERROR after rows: the rows are kept and the message shown with them
    warnings: list[dict[str, Any]] = field(
        default_factory=list
    )  # cells read as null, short tables: {column?, count, ...}

    @property
    def num_rows(self) -> int:
        rows: int = self.table.num_rows
        return rows

    def info_json(self) -> dict[str, Any]:
        return {
            "rows": self.table.num_rows,
            "columns": self.table.num_columns,
            "overflow": self.overflow,
            "query_status": self.query_status,
            "infos": self.infos,
            "transport": self.transport,
            "transport_note": self.transport_note,
            "error": self.error,
            "warnings": self.warnings,
        }


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(el: ET.Element | None) -> str:
    return "".join(el.itertext()).strip() if el is not None else ""


def _child(el: ET.Element, name: str) -> ET.Element | None:
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def field_specs(table_el: ET.Element, root: ET.Element | None = None) -> list[FieldSpec]:
    fields = [c for c in table_el if local(c.tag) == "FIELD"]
    if not fields and table_el.get("ref") and root is not None:
        # a TABLE may take its FIELDs from the TABLE its ref names (VOTable 1.5 sec. 3.5)
        target = next((el for el in root.iter() if el.get("ID") == table_el.get("ref") and el is not table_el), None)
        fields = [c for c in target if local(c.tag) == "FIELD"] if target is not None else []
    specs = []
    for i, el in enumerate(fields):
        values = _child(el, "VALUES")
        specs.append(
            make_spec(
                el.attrib, _text(_child(el, "DESCRIPTION")), values.get("null") if values is not None else None, i
            )
        )
    # Arrow allows duplicate names but pandas/DuckDB do not: make them unique, keep the original in metadata.
    seen: dict[str, int] = {}
    for spec in specs:
        if spec.name in seen:
            seen[spec.name] += 1
            spec.name = f"{spec.name}_{seen[spec.name]}"
        else:
            seen[spec.name] = 0
    return specs


class VOTableDecoder:
    """Push-style decoder: ``feed(bytes)`` as data arrives, then ``close()`` -> VOTableResult.

    Any failure leaves as an EscapeError naming the service (and the byte offset for structural damage): a raw
    exception from a kernel must never reach a route."""

    def __init__(self, service: str | None = None, max_inflated: int = MAX_INFLATED) -> None:
        self.service = service
        self.xml: ET.XMLPullParser[Any] = ET.XMLPullParser(events=("start", "end"))
        self.buf = bytearray()
        self.state = "xml"
        self.stack: list[ET.Element] = []
        self.root: ET.Element | None = None
        self.decoded: dict[int, tuple[list[FieldSpec], Rows]] = {}  # id(TABLE element) -> (specs, rows)
        self.rows: Any = None  # the current table's TableDataRows or BinaryRows
        self.current_table: ET.Element | None = None
        self.b64_carry = b""
        self.clean = 0  # TABLEDATA: bytes at the start of self.buf already searched for its end tag
        self.offset = 0  # bytes of the (inflated) document consumed before self.buf
        self.entities: dict[str, str] = {}  # <!ENTITY> declared in the DOCTYPE, for cell text
        self.head: bytes | None = b""  # the first bytes, until we know whether the document is gzipped
        self.inflater: Any = None  # a zlib decompressobj once the document is known to be gzipped
        self.max_inflated = max_inflated
        self.inflated = 0

    def _fail(self, message: str) -> EscapeError:
        return EscapeError(f"malformed VOTable at byte {self.offset}: {message}", service=self.service, status=502)

    def _consume(self, n: int) -> None:
        del self.buf[:n]
        self.offset += n

    # ---- XML around the data
    def _xml_feed(self, data: bytes | None) -> None:
        """Feed the XML parser (None: end of document) and track the open elements."""
        try:
            if data is None:
                self.xml.close()
            else:
                if self.root is None and b"<!ENTITY" in data:
                    self.entities.update(declared_entities(data))
                self.xml.feed(data)
            for pair in self.xml.read_events():
                event, el = cast(tuple[str, ET.Element], pair)  # start/end events: (event, element)
                if event == "start":
                    if self.root is None:
                        self.root = el
                        if local(el.tag) != "VOTABLE":
                            raise EscapeError(
                                f"not a VOTable: the document starts with <{local(el.tag)}>",
                                service=self.service,
                                status=502,
                            )
                    self.stack.append(el)
                else:
                    self.stack.pop()
        except ET.ParseError as exc:
            # the parser only sees the XML around the table data, so its line numbers are not the document's
            raise self._fail(
                f"{str(exc).split(':')[0]} (in the XML before byte {self.offset + len(data or b'')})"
            ) from None

    # ---- input
    def feed(self, data: bytes) -> None:
        if not data:
            return
        try:
            self._feed(data)
        except EscapeError as exc:
            exc.service = exc.service or self.service
            raise
        except Exception as exc:
            raise self._unexpected(exc) from None

    def _unexpected(self, exc: Exception) -> EscapeError:
        return EscapeError(
            f"VOTable could not be decoded near byte {self.offset}: {type(exc).__name__}: {exc}",
            service=self.service,
            status=502,
        )

    def _feed(self, data: bytes) -> None:
        if self.inflater is None and self.head is not None:
            self.head += data
            if len(self.head) < 2:
                return
            data, self.head = self.head, None
            if data[:2] == GZIP_MAGIC:  # a gzipped file or an undeclared Content-Encoding: inflate as it comes
                self.inflater = zlib.decompressobj(wbits=31)
        if self.inflater is not None:
            data = self._inflate(data)
        self.buf += data
        self._advance(final=False)

    def _inflate(self, data: bytes) -> bytes:
        try:
            out = self.inflater.decompress(data, self.max_inflated - self.inflated + 1)
        except zlib.error as exc:
            raise EscapeError(f"gzipped VOTable is corrupt: {exc}", service=self.service, status=502) from None
        self.inflated += len(out)
        if self.inflated > self.max_inflated or self.inflater.unconsumed_tail:
            raise EscapeError(
                f"gzipped VOTable inflates to more than {self.max_inflated / 2**30:g} GiB: refused",
                service=self.service,
                status=502,
            )
        inflated: bytes = out
        return inflated

    def _advance(self, final: bool) -> None:
        while True:
            before = (self.state, len(self.buf))
            getattr(self, f"_state_{self.state}")(final)
            if (self.state, len(self.buf)) == before:
                return

    def _state_xml(self, final: bool) -> None:
        match = _DATA_OPEN.search(self.buf)
        if match is None:
            # keep a possibly cut '<DATA' tag for the next round
            cut = len(self.buf) if final else self.buf.rfind(b"<")
            if cut > 0:
                self._xml_feed(bytes(self.buf[:cut]))
                self._consume(cut)
            return
        end = match.end()
        self._xml_feed(bytes(self.buf[:end]))
        self._consume(end)
        tables = [el for el in self.stack if local(el.tag) == "TABLE"]
        if not tables:
            raise self._fail("<DATA> outside a <TABLE>")
        self.current_table = tables[-1]
        self.specs = field_specs(self.current_table, self.root)
        self.warnings = CellWarnings(self.specs)
        self.state = "serialisation"

    def _skip_misc(self, final: bool) -> bool | None:
        """Drop leading whitespace, comments and processing instructions (legal anywhere in DATA).
        True: something is left to look at; None: wait for more bytes."""
        while True:
            stripped = len(self.buf) - len(self.buf.lstrip(_WHITESPACE))
            if stripped:
                self._consume(stripped)
            for opener, closer in ((b"<!--", b"-->"), (b"<?", b"?>")):
                if self.buf[: len(opener)] == opener[: len(self.buf)] and len(self.buf) < len(opener):
                    return None if not final else True
                if self.buf.startswith(opener):
                    end = self.buf.find(closer, len(opener))
                    if end < 0:
                        if final:
                            raise self._fail("a comment in <DATA> is never closed")
                        return None
                    self._consume(end + len(closer))
                    break
            else:
                return True if self.buf else None

    def _state_serialisation(self, final: bool) -> None:
        if not self._skip_misc(final):
            return
        if self.buf.startswith(b"</"):
            self.state = "data_end"  # empty DATA
            return
        match = _SERIAL_OPEN.match(self.buf)
        if match is None:
            if len(self.buf) > 4096 or final:
                raise self._fail(f"unexpected content in <DATA>: {bytes(self.buf[:80])!r}")
            return
        # read the groups before the buffer changes: a match over a bytearray reads it lazily
        kind, empty, end = match.group(2).decode(), bool(match.group(4)), match.end()
        if kind in ("FITS", "PARQUET"):
            raise EscapeError(
                f"VOTable {kind} serialisation is not supported: ask the service for BINARY2 or TABLEDATA",
                service=self.service,
                status=502,
            )
        self._consume(end)
        if kind == "TABLEDATA":
            # imported on first use: it loads pyarrow.compute/csv, and its pa.array constants make pyarrow import
            # pandas (0.45 s CPU), which a process reading only BINARY/BINARY2/FITS never needs
            from .tabledata import TableDataRows

            self.rows = TableDataRows(self.specs, self.warnings, self.entities)
            self.clean = 0
            self.state = "rows_done" if empty else "tabledata"
        else:
            self.rows = BinaryRows(self.specs, binary2=(kind == "BINARY2"), warnings=self.warnings)
            self.state = "rows_done" if empty else "stream_open"

    def _state_stream_open(self, final: bool) -> None:
        if not self._skip_misc(final):
            return
        match = _STREAM_OPEN.match(self.buf)
        if match is None:
            if len(self.buf) > 200 or final:
                raise self._fail(f"{'BINARY' if not self.rows.mask_bytes else 'BINARY2'} without a <STREAM>")
            return
        attrs, empty, end = match.group(1) or b"", bool(match.group(2)), match.end()
        if b"href" in attrs:
            raise EscapeError("VOTable STREAM with an external href is not supported", service=self.service, status=502)
        if b"base64" not in attrs:
            raise EscapeError(
                f"VOTable STREAM encoding {attrs.decode(errors='replace').strip()!r} is not supported (only base64)",
                service=self.service,
                status=502,
            )
        self._consume(end)
        self.state = "rows_done" if empty else "stream"

    def _state_stream(self, final: bool) -> None:
        end = self.buf.find(b"<")
        if end >= 0 and bytes(self.buf[end + 1 : end + 2]) in (b"!", b"?", b""):
            # a comment (or a cut tag) inside the base64: decode what is before it, then drop it
            closer = b"-->" if self.buf[end + 1 : end + 2] == b"!" else b"?>"
            close = self.buf.find(closer, end + 2) if self.buf[end + 1 : end + 2] else -1
            if close >= 0:
                self._b64(bytes(self.buf[:end]), last=False)
                self._consume(close + len(closer))
                return
            if not final:
                self._b64(bytes(self.buf[:end]), last=False)
                self._consume(end)
                return
        text = bytes(self.buf if end < 0 else self.buf[:end])
        self._b64(text, last=end >= 0)
        self._consume(len(text))
        if end >= 0:
            self.state = "rows_done"

    def _b64(self, text: bytes, last: bool) -> None:
        text = self.b64_carry + text.translate(None, _WHITESPACE)
        keep = 0 if last else len(text) % 4
        self.b64_carry = text[len(text) - keep :] if keep else b""
        try:
            self.rows.feed(_b64decode(text[: len(text) - keep]))
        except binascii.Error as exc:
            raise self._fail(f"bad base64 in STREAM ({exc})") from None

    def _state_tabledata(self, final: bool) -> None:
        # plain finds first: a regex search over megabytes of rows costs more than decoding them; and only over
        # the bytes not searched before (a cut end tag is found again: the search backs up 16 bytes)
        at = _find_tabledata(self.buf, max(self.clean - 16, 0))
        match = _TABLEDATA_CLOSE.search(self.buf, max(at - 40, 0)) if at >= 0 else None
        self.clean = len(self.buf) if at < 0 else at
        if match is None:
            if len(self.buf) < TABLEDATA_BATCH and not final:
                return
            end = self.buf.rfind(b"</TR>")
            end = end + 5 if end >= 0 else _last_row_end(self.buf)
            if end > 0:
                self._rows_feed(_prefix(self.buf, end))
                self._consume(end)
                self.clean = max(self.clean - end, 0)
            elif final:
                raise self._fail("TABLEDATA is never closed")
            return
        start, end = match.start(), match.end()
        self._rows_feed(_prefix(self.buf, start))
        self._consume(end)
        self.state = "rows_done"

    def _rows_feed(self, text: bytes) -> None:
        try:
            self.rows.feed(text)
        except EscapeError as exc:
            if "byte" not in exc.message:
                exc.message = f"{exc.message} (in the rows after byte {self.offset})"
            raise

    def _state_rows_done(self, final: bool) -> None:
        self.rows.finish()
        self.decoded[id(self.current_table)] = (self.specs, self.rows)
        self.rows = None
        self.state = "data_end"

    def _state_data_end(self, final: bool) -> None:
        match = _DATA_CLOSE.search(self.buf)
        if match is None:
            if final:
                raise self._fail("<DATA> is never closed")
            return
        # whatever sits between the end of the rows and </DATA> is only serialisation end tags
        self._consume(match.start())
        self.state = "xml"

    # ---- output
    def close(self) -> VOTableResult:
        try:
            return self._close()
        except EscapeError as exc:
            exc.service = exc.service or self.service
            raise
        except Exception as exc:
            raise self._unexpected(exc) from None

    def _close(self) -> VOTableResult:
        if self.head:  # a one-byte document
            self.buf += self.head
            self.head = None
        if self.inflater is not None and not self.inflater.eof:
            raise EscapeError("gzipped VOTable is truncated", service=self.service, status=502)
        self._advance(final=True)
        if self.state != "xml":
            raise self._fail("the document ends inside the table data")
        self._xml_feed(None)
        if self.root is None:
            raise EscapeError("not a VOTable: empty document", service=self.service, status=502)
        return self._result()

    def _result(self) -> VOTableResult:
        root = cast(ET.Element, self.root)  # close() refused a document without one
        infos = [
            {"name": el.get("name"), "value": el.get("value"), "content": _text(el)}
            for el in root.iter()
            if local(el.tag) == "INFO"
        ]
        statuses = [i for i in infos if (i["name"] or "").upper() == "QUERY_STATUS"]
        error = next((i for i in statuses if (i["value"] or "").upper() == "ERROR"), None)
        overflow = any((i["value"] or "").upper() == "OVERFLOW" for i in statuses)
        status = statuses[-1]["value"] if statuses else None
        tables, warnings = [], []
        primary = None
        for res in (el for el in root.iter() if local(el.tag) == "RESOURCE"):
            for tab in (c for c in res if local(c.tag) == "TABLE"):
                arrow, table_warnings = self._arrow_table(tab)
                tables.append(arrow)
                warnings += table_warnings
                if primary is None and res.get("type", "results") == "results":
                    primary = arrow
        if primary is None:
            primary = tables[0] if tables else pa.table({})
        message = None
        if error is not None:
            message = cast(str, error["content"] or error["value"])
            if not any(t.num_rows for t in tables):
                raise QueryError(self.service or "VOTable", message, _position(message))
            status = "ERROR"  # rows came before the error (VOTable 1.5 sec. 4.4 allows a trailing INFO): keep both
        return VOTableResult(
            table=primary,
            infos=infos,
            query_status=status,
            overflow=overflow,
            tables=tables,
            skeleton=root,
            error=message,
            warnings=warnings,
        )

    def _arrow_table(self, tab: ET.Element) -> tuple[pa.Table, list[dict[str, Any]]]:
        specs, rows = self.decoded.get(id(tab), (None, None))
        if specs is None:
            specs = field_specs(tab, self.root)
        counts = rows.warnings.counts() if rows is not None else {}
        fields = [s.arrow_field(counts.get(i)) for i, s in enumerate(specs)]
        columns = []
        for i, f in enumerate(fields):
            chunks = rows.columns[i] if rows is not None else []
            columns.append(pa.chunked_array([c.cast(f.type) if c.type != f.type else c for c in chunks], type=f.type))
        meta = {"name": tab.get("name") or "", "description": _text(_child(tab, "DESCRIPTION"))}
        schema = pa.schema(fields, metadata={k: v for k, v in meta.items() if v})
        table = pa.Table.from_arrays(columns, schema=schema)
        warnings = rows.warnings.as_list(tab.get("name")) if rows is not None else []
        declared = tab.get("nrows")
        if rows is not None and declared and declared.strip().isdigit() and int(declared) != table.num_rows:
            warnings.append(
                {
                    "table": tab.get("name"),
                    "count": 1,
                    "problem": f"the TABLE declares nrows={int(declared)} but holds {table.num_rows} rows",
                }
            )
        return table, warnings


if sys.version_info >= (3, 11):

    def _b64decode(text: bytes) -> bytes:
        # pybase64 (SIMD, GIL released) is ~5x faster than binascii; it accepts a subset of what binascii's strict
        # mode accepts, with the same bytes out, and refuses some padding binascii allows: binascii decides those
        try:
            return cast(bytes, pybase64.b64decode(text, validate=True))
        except ValueError:  # binascii.Error is a ValueError
            return binascii.a2b_base64(text, strict_mode=True)

else:  # strict_mode came with Python 3.11; before it, characters outside the alphabet are skipped, not refused

    def _b64decode(text: bytes) -> bytes:
        return binascii.a2b_base64(text)


def _find_tabledata(buf: bytearray, start: int) -> int:
    """buf.find(b"TABLEDATA", start), 6x faster over table rows: bytes.find's skip loop crawls through text full
    of T, D and E (0.36 ms per MiB, ~8% of a TABLEDATA decode), while looking for its rare 'B' is a memchr. Text
    with many B's goes back to bytes.find after a few false hits."""
    hits = 0
    at = buf.find(b"B", start + 2)
    while at >= 0:
        if buf.startswith(b"TABLEDATA", at - 2):
            return at - 2
        hits += 1
        if hits > 32:
            return buf.find(b"TABLEDATA", at - 2)
        at = buf.find(b"B", at + 1)
    return -1


def _prefix(buf: bytearray, n: int) -> bytes:
    """buf[:n] as bytes in one copy (bytes(buf[:n]) copies twice: 2 x 256 MB for 1M TABLEDATA rows)."""
    with memoryview(buf) as view:
        return view[:n].tobytes()


def _last_row_end(buf: bytes | bytearray) -> int:
    end = 0
    for end_match in _ROW_END.finditer(buf):
        end = end_match.end()
    return end


def _position(message: str) -> dict[str, Any] | None:
    """Where in the query a service's error message points, e.g. DaCHS's '(at char 9), (line:1, col:10)'."""
    position: dict[str, int] = {}
    match = _LINE_COL.search(message or "")
    if match:
        position.update(line=int(match.group(1)), column=int(match.group(2)))
    match = _CHAR.search(message or "")
    if match:
        position["char"] = int(match.group(1))
    return position or None


def read_votable(source: Any, service: str | None = None) -> VOTableResult:
    """Decode a VOTable from bytes, a path, a binary file object or an iterable of byte chunks."""
    decoder = VOTableDecoder(service)
    for chunk in _chunks(source):
        decoder.feed(chunk)
    return decoder.close()


def _chunks(source: Any) -> Iterable[bytes]:  # see read_votable
    if isinstance(source, (bytes, bytearray, memoryview)):
        view = memoryview(source)
        for i in range(0, len(view), READ_BYTES):
            yield bytes(view[i : i + READ_BYTES])
    elif isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as fh:
            yield from iter(lambda: fh.read(READ_BYTES), b"")
    elif hasattr(source, "read"):
        yield from iter(lambda: source.read(READ_BYTES), b"")
    else:
        yield from source


def schema_json(table: pa.Table) -> list[dict[str, Any]]:
    """Column descriptions for a UI: name, Arrow type and the VOTable metadata (unit, ucd, ...)."""
    out = []
    for f in table.schema:
        meta = {k.decode(): v.decode() for k, v in (f.metadata or {}).items()}
        out.append({"name": f.name, "type": str(f.type), **meta})
    return out


def infos_header(result: VOTableResult) -> str:
    return json.dumps(result.info_json(), separators=(",", ":"))
