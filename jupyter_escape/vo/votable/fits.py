"""FITS binary table (as a TAP service writes it for RESPONSEFORMAT=fits) -> Arrow, typed by the VOTable FIELDs
of the same query.

FITS carries the rows in the same big-endian fixed-width layout as VOTable BINARY, but little metadata (no UCDs,
no xtype, no way to tell a NULL string from an empty one). So the columns' meaning comes from a VOTable of the same
query (`FieldSpec`s), and only the bytes come from FITS: each FITS column is checked against its FIELD and decoded
with the same converters as the VOTable decoder, so both paths give the same Arrow types and nulls.
Anything this module cannot map exactly raises `FitsMismatch`; the caller then falls back to VOTable.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, cast

import numpy as np
import pyarrow as pa

from . import convert
from .fields import FieldSpec

BLOCK = 2880
CARD = 80
# FITS TFORM letter -> (VOTable datatype it carries, bytes per element)
_CODES = {
    "L": ("boolean", 1),
    "B": ("unsignedByte", 1),
    "I": ("short", 2),
    "J": ("int", 4),
    "K": ("long", 8),
    "E": ("float", 4),
    "D": ("double", 8),
    "A": ("char", 1),
}
_TFORM = re.compile(r"^\s*(\d*)([A-Z])(.*)$")


class FitsMismatch(Exception):
    """The FITS answer cannot be turned into exactly what the VOTable path gives (the reason is the message)."""


@dataclasses.dataclass
class FitsColumn:
    name: str
    code: str  # TFORM letter
    repeat: int
    offset: int  # byte offset inside a row
    null: int | None  # TNULL (integer columns)


@dataclasses.dataclass
class BinTable:
    columns: list[FitsColumn]
    row_bytes: int
    nrows: int


def _header(buf: bytes | bytearray, start: int) -> tuple[dict[str, Any], int] | None:
    """Cards of the header starting at ``start`` -> ({keyword: value}, offset of the data after it); None while
    the header is not complete in ``buf``."""
    cards: dict[str, Any] = {}
    pos = start
    while True:
        if pos + BLOCK > len(buf):
            return None
        block = bytes(buf[pos : pos + BLOCK])
        pos += BLOCK
        for i in range(0, BLOCK, CARD):
            card = block[i : i + CARD].decode("ascii", errors="replace")
            key = card[:8].strip()
            if key == "END":
                return cards, pos
            if card[8:10] == "= ":
                cards[key] = _value(card[10:])


def _value(text: str) -> object:
    text = text.strip()
    if text.startswith("'"):  # a string: '' is a quote, trailing blanks are not significant
        out, i = [], 1
        while i < len(text):
            if text[i] == "'":
                if text[i + 1 : i + 2] == "'":
                    out.append("'")
                    i += 2
                    continue
                break
            out.append(text[i])
            i += 1
        return "".join(out).rstrip()
    value = text.split("/", 1)[0].strip()
    if value in ("T", "F"):
        return value == "T"
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def _data_size(cards: dict[str, Any]) -> int:
    naxis = int(cards.get("NAXIS", 0))
    if naxis == 0:
        return 0
    size = 1
    for i in range(1, naxis + 1):
        size *= int(cards.get(f"NAXIS{i}", 0))
    size = abs(int(cards.get("BITPIX", 8))) // 8 * int(cards.get("GCOUNT", 1)) * (int(cards.get("PCOUNT", 0)) + size)
    return -(-size // BLOCK) * BLOCK


def _bintable(cards: dict[str, Any]) -> BinTable:
    if int(cards.get("PCOUNT", 0)) != 0:
        raise FitsMismatch("the FITS table has a heap (variable-length arrays)")
    row_bytes, nrows = int(cards["NAXIS1"]), int(cards["NAXIS2"])
    columns, offset = [], 0
    for i in range(1, int(cards.get("TFIELDS", 0)) + 1):
        match = _TFORM.match(str(cards.get(f"TFORM{i}", "")))
        if match is None or match.group(2) not in _CODES or match.group(3).strip():
            raise FitsMismatch(f"FITS column {i}: TFORM {cards.get(f'TFORM{i}')!r} is not supported")
        if cards.get(f"TSCAL{i}", 1) != 1 or cards.get(f"TZERO{i}", 0) != 0:
            raise FitsMismatch(f"FITS column {i} is scaled (TSCAL/TZERO)")
        repeat = int(match.group(1) or 1)
        null = cards.get(f"TNULL{i}")
        columns.append(
            FitsColumn(
                str(cards.get(f"TTYPE{i}", "")), match.group(2), repeat, offset, null if isinstance(null, int) else None
            )
        )
        offset += repeat * _CODES[match.group(2)][1]
    if offset != row_bytes:
        raise FitsMismatch(f"FITS columns add up to {offset} bytes, NAXIS1 says {row_bytes}")
    return BinTable(columns, row_bytes, nrows)


def _layout(spec: FieldSpec, col: FitsColumn) -> FieldSpec:
    """The FIELD as laid out in this FITS column; raises FitsMismatch when FITS cannot hold it exactly."""
    datatype, _ = _CODES[col.code]
    if spec.name.lower() != col.name.lower() and str(spec.attrs.get("name", "")).lower() != col.name.lower():
        raise FitsMismatch(f"FITS column {col.name!r} where the VOTable has {spec.name!r}")
    if spec.datatype == "unicodeChar":  # written as ASCII with '?' for the rest
        raise FitsMismatch(f"column {spec.name!r} is unicodeChar: FITS would lose its non-ASCII characters")
    if spec.datatype != datatype:
        raise FitsMismatch(f"column {spec.name!r}: FITS {col.code} for VOTable {spec.datatype}")
    if spec.is_text:  # DaCHS sizes 'A' columns by the longest value written, so narrower is fine
        if not spec.variable and col.repeat > spec.count:
            raise FitsMismatch(f"column {spec.name!r}: FITS width {col.repeat}, VOTable arraysize {spec.arraysize}")
        return dataclasses.replace(spec, count=col.repeat, variable=False)
    if spec.variable or spec.count * spec.factor != col.repeat:
        raise FitsMismatch(f"column {spec.name!r}: FITS repeat {col.repeat}, VOTable arraysize {spec.arraysize}")
    if col.repeat > 1 and spec.datatype not in ("float", "double"):
        # a NULL array is written as NaNs, which integer/boolean arrays cannot hold
        raise FitsMismatch(f"column {spec.name!r} is an array of {spec.datatype}: FITS cannot mark its nulls")
    return spec


class FitsDecoder:
    """Push decoder of the first BINTABLE of a FITS stream: ``feed(bytes)`` as it arrives, ``close()`` -> Arrow.

    Rows are converted in batches of about BATCH bytes, so memory stays near the size of the Arrow table (the
    FITS answer is never held whole)."""

    BATCH = 2 * 1024 * 1024  # as the VOTable decoder's binary batches (decoder.READ_BYTES says why)

    def __init__(self, specs: list[FieldSpec], schema: pa.Schema) -> None:
        self.specs, self.schema = specs, schema
        self.buf = bytearray()
        self.skip = 0  # bytes of HDUs before the table still to drop
        self.table: BinTable | None = None
        self.layouts: list[FieldSpec] = []
        self.chunks: list[list[pa.Array]] = [[] for _ in specs]
        self.rows = 0

    def feed(self, data: bytes | bytearray) -> None:
        self.buf += data
        if self.table is None and not self._find_table():
            return
        self._convert(final=False)

    def _find_table(self) -> bool:
        while True:
            if self.skip:
                dropped = min(self.skip, len(self.buf))
                del self.buf[:dropped]
                self.skip -= dropped
                if self.skip:
                    return False
            if len(self.buf) >= 9 and not self.buf.startswith((b"SIMPLE  =", b"XTENSION=")):
                raise FitsMismatch("not a FITS file")
            parsed = _header(self.buf, 0)
            if parsed is None:
                return False
            cards, data = parsed
            del self.buf[:data]
            if cards.get("XTENSION") == "BINTABLE":
                self._start(_bintable(cards))
                return True
            self.skip = _data_size(cards)

    def _start(self, table: BinTable) -> None:
        if len(table.columns) != len(self.specs):
            raise FitsMismatch(f"FITS has {len(table.columns)} columns, the VOTable {len(self.specs)}")
        self.layouts = [_layout(spec, col) for spec, col in zip(self.specs, table.columns, strict=True)]
        self.table = table

    def _convert(self, final: bool) -> None:
        table = cast(BinTable, self.table)  # set by _start before any conversion
        left = table.nrows - self.rows
        n = min(len(self.buf) // table.row_bytes, left) if table.row_bytes else left
        if n == 0 or (not final and n * table.row_bytes < self.BATCH and n < left):
            return
        # an immutable copy of the batch: converted arrays may keep views on it, the bytearray moves on
        with memoryview(self.buf) as view:
            batch = view[: n * table.row_bytes].tobytes()
        del self.buf[: n * table.row_bytes]
        self.rows += n
        for i, (layout, col) in enumerate(zip(self.layouts, table.columns, strict=True)):
            self.chunks[i].append(_column(layout, col, batch, n, table.row_bytes))

    def close(self) -> pa.Table:
        if self.table is None and not self._find_table():
            raise FitsMismatch("not a FITS file" if len(self.buf) < 9 else "truncated FITS header")
        self._convert(final=True)
        table = cast(BinTable, self.table)
        if self.rows != table.nrows:
            raise FitsMismatch(f"truncated FITS table data: {self.rows} of {table.nrows} rows")
        columns = [pa.chunked_array(chunks, type=f.type) for chunks, f in zip(self.chunks, self.schema, strict=True)]
        return pa.Table.from_arrays(columns, schema=self.schema)


def _column(layout: FieldSpec, col: FitsColumn, batch: bytes, n: int, row_bytes: int) -> pa.Array:
    """One column of ``n`` rows: a strided view into the batch (no copy), converted to native order once."""
    elem = "u1" if layout.is_text else ("S1" if layout.datatype == "boolean" else layout.elem_dtype)
    shape: tuple[int, ...]
    strides: tuple[int, ...]
    if col.repeat == 1 and not layout.is_text:
        shape, strides = (n,), (row_bytes,)
    else:
        shape, strides = (n, col.repeat), (row_bytes, np.dtype(elem).itemsize)
    values = np.ndarray(shape, dtype=elem, buffer=batch, offset=col.offset, strides=strides)
    mask = None
    if col.null is not None and layout.datatype in ("unsignedByte", "short", "int", "long") and col.repeat == 1:
        mask = values == col.null
    array = convert.fixed(layout, values, mask)
    if layout.is_text:  # FITS writes NULL text as an empty string: the VOTable says null
        array = _empty_as_null(array)
    elif col.repeat > 1:  # ... and a NULL array as all NaN
        array = _nan_arrays_as_null(array, values)
    return array


def to_arrow(buf: bytes | bytearray, specs: list[FieldSpec], schema: pa.Schema) -> pa.Table:
    """The rows of the FITS table in ``buf`` as an Arrow table with ``schema`` (from the VOTable of the query)."""
    decoder = FitsDecoder(specs, schema)
    decoder.feed(buf)
    return decoder.close()


def _empty_as_null(array: pa.Array) -> pa.Array:
    """Empty strings become null, read from the offsets with numpy: a pyarrow.compute call with a Python scalar
    makes pyarrow import pandas (0.45 s of CPU, 1-3 s of wall on a loaded machine, in every fresh process)."""
    if array.offset or not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        import pyarrow.compute as pc

        empty = pc.equal(pc.utf8_length(array), 0)
        if not pc.any(empty).as_py():
            return array
        return pc.if_else(empty, pa.scalar(None, array.type), array)
    validity, offsets, data = array.buffers()
    width = np.int64 if pa.types.is_large_string(array.type) else np.int32
    ends = np.frombuffer(offsets, dtype=width, count=len(array) + 1)
    valid = ends[1:] != ends[:-1]
    if valid.all():
        return array
    if validity is not None:
        valid &= np.unpackbits(np.frombuffer(validity, dtype=np.uint8), count=len(array), bitorder="little").astype(
            bool
        )
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.Array.from_buffers(array.type, len(array), [bitmap, offsets, data], null_count=int((~valid).sum()))


def _nan_arrays_as_null(array: pa.FixedSizeListArray, values: np.ndarray) -> pa.Array:
    empty = np.isnan(values).all(axis=1)
    if not empty.any():
        return array
    return pa.FixedSizeListArray.from_arrays(array.values, array.type.list_size, mask=convert.from_numpy(empty))
