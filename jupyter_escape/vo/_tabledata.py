"""TABLEDATA decoding: rewrite <TR>/<TD> markup into delimiter-separated text and let Arrow's C++ CSV reader split
it, then convert each column with Arrow compute kernels. Nothing here loops over cells in Python."""

from __future__ import annotations

import html
import io
import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..core.errors import EscapeError
from ._fields import FieldSpec, null_sentinel

BATCH_BYTES = 16 * 1024 * 1024
# Characters XML 1.0 forbids in documents, so they cannot occur in cell text: safe as delimiter and newline stand-in.
CELL_SEP = b"\x01"
NEWLINE_STANDIN = "\x02"
_BETWEEN_TAGS = re.compile(rb">\s+<")
_ANY_TR_TD = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(TR|TD)\b[^>]*?(/?)>")
_ROW_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?TR\s*>")
# literal spellings of "no value" services emit in numeric columns
NUMERIC_NULLS = ["", "NULL", "null", "NaN", "nan", "NAN", "None"]


class TableDataRows:
    def __init__(self, specs: list[FieldSpec]):
        self.specs = specs
        self.pending = bytearray()
        self.columns: list[list] = [[] for _ in specs]
        self.rows = 0

    def feed(self, data: bytes) -> None:
        self.pending += data
        if len(self.pending) >= BATCH_BYTES:
            self._flush()

    def finish(self) -> None:
        self._flush()
        if bytes(self.pending).strip():
            raise EscapeError("VOTable: TABLEDATA ends inside a row (a <TR> without its </TR>)")

    def _flush(self) -> None:
        text = bytes(self.pending)
        end = text.rfind(b"</TR>")
        if end < 0:
            last = None
            for last in _ROW_END.finditer(text):
                pass
            if last is None:
                return
            end_pos = last.end()
        else:
            end_pos = end + 5
        self._decode(text[:end_pos])
        del self.pending[:end_pos]

    def _decode(self, chunk: bytes, careful: bool = False) -> None:
        chunk = chunk.strip()
        if b"<TD/>" in chunk:
            chunk = chunk.replace(b"<TD/>", b"<TD></TD>")
        if not chunk:
            return
        newlines = False
        flat = None if careful else _fast_lines(chunk)
        if flat is None:  # irregular layout, attributes, namespace prefixes, line breaks inside cells
            chunk = _BETWEEN_TAGS.sub(b"><", chunk)
            if b"\r" in chunk:
                chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            newlines = b"\n" in chunk
            if newlines:
                chunk = chunk.replace(b"\n", NEWLINE_STANDIN.encode())
            flat = _to_lines(_ANY_TR_TD.sub(_canonical_tag, chunk))
            if b"<" in flat:
                at = flat.index(b"<")
                raise EscapeError(f"VOTable: unexpected markup in TABLEDATA near {flat[max(0, at - 40):at + 40]!r}")
        n_cols = len(self.specs)
        if n_cols == 0:
            return
        try:
            table = pacsv.read_csv(
                io.BytesIO(flat),
                read_options=pacsv.ReadOptions(column_names=[f"c{i}" for i in range(n_cols)],
                                               block_size=1 << 26),
                parse_options=pacsv.ParseOptions(delimiter=CELL_SEP.decode(), quote_char=False,
                                                 escape_char=False, double_quote=False, ignore_empty_lines=False),
                convert_options=pacsv.ConvertOptions(column_types={f"c{i}": pa.string() for i in range(n_cols)},
                                                     strings_can_be_null=False),
            )
        except pa.ArrowInvalid as exc:
            if not careful:  # perhaps a line break inside a cell: take the careful path
                return self._decode(chunk, careful=True)
            raise EscapeError(f"VOTable: TABLEDATA row does not match the {n_cols} FIELDs: {exc}") from None
        entities = b"&" in flat
        for i, spec in enumerate(self.specs):
            column = table.column(i).combine_chunks()
            self.columns[i].append(convert_text_column(spec, column, entities, self.rows, newlines))
        self.rows += table.num_rows


_GAPS = re.compile(rb"<TR>(\s*)<TD>.*?</TD>(\s*)<TD>.*?</TD>(\s*)</TR>(\s*)<TR>", re.S)


def _fast_lines(chunk: bytes) -> bytes | None:
    """Rows as lines, cells separated by CELL_SEP, using plain replaces on the whitespace pattern of the first
    rows (tools indent every row the same way); None when the chunk does not follow that pattern."""
    probe = _GAPS.search(chunk, 0, 4096) or _GAPS.search(chunk[:4096] + b"<TR>")
    if probe is None:
        g_cell = g_row = b""
        g_start = g_end = b""
    else:
        g_start, g_cell, g_end, g_row = probe.groups()
    start, end = b"<TR>" + g_start + b"<TD>", b"</TD>" + g_end + b"</TR>"
    if not (chunk.startswith(start) and chunk.endswith(end)):
        return None
    flat = chunk[len(start): len(chunk) - len(end)].replace(end + g_row + start, b"\n")
    flat = flat.replace(b"</TD>" + g_cell + b"<TD>", CELL_SEP)
    if b"<" in flat or b"\r" in flat:
        return None
    return flat + b"\n"


def _to_lines(chunk: bytes) -> bytes:
    return (chunk.replace(b"</TD><TD>", CELL_SEP).replace(b"<TR><TD>", b"").replace(b"</TD></TR>", b"\n")
            .replace(b"<TR></TR>", b"\n"))


def _canonical_tag(match: re.Match) -> bytes:
    closing, name, empty = match.group(1), match.group(2), match.group(3)
    if empty:
        return b"<TD></TD>" if name == b"TD" else b"<TR></TR>"
    return b"<" + closing + name + b">"


def _unescape(column: pa.Array) -> pa.Array:
    values = column.to_pylist()
    return pa.array([v if v is None or "&" not in v else html.unescape(v) for v in values], type=pa.string())


def _bad_value(spec: FieldSpec, column: pa.Array, ok_mask, first_row: int):
    values = column.to_pylist()
    for i, v in enumerate(values):
        if v is not None and not ok_mask[i]:
            return EscapeError(f"VOTable: row {first_row + i + 1}, column {spec.name!r}: {v!r} is not a "
                               f"{spec.datatype}")
    return EscapeError(f"VOTable: column {spec.name!r}: a value is not a {spec.datatype}")


def _cast_numbers(spec: FieldSpec, text: pa.Array, target: pa.DataType, first_row: int) -> pa.Array:
    try:
        return pc.cast(text, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        if pa.types.is_integer(target):  # hexadecimal integers are allowed in TABLEDATA
            values = [None if v is None else int(v, 0) if v.lower().startswith(("0x", "-0x")) else v
                      for v in text.to_pylist()]
            try:
                return pa.array([None if v is None else int(v) for v in values], type=target)
            except (ValueError, OverflowError):
                pass
        ok = np.array([_parses(v, target) for v in text.to_pylist()])
        raise _bad_value(spec, text, ok, first_row) from None


def _parses(v, target) -> bool:
    if v is None:
        return True
    try:
        float(v) if pa.types.is_floating(target) else int(v, 0)
        return True
    except ValueError:
        return False


def convert_text_column(spec: FieldSpec, column: pa.Array, entities: bool, first_row: int,
                        newlines: bool = False) -> pa.Array:
    """One column of cell texts -> the field's Arrow type; empty cells and declared nulls become null."""
    if spec.is_text:
        if entities:
            column = _unescape(column)
        if newlines:
            column = pc.replace_substring(column, NEWLINE_STANDIN, "\n")
        # an empty cell is an empty string (as astropy reads it); only a declared null is null
        if spec.null is None:
            return column
        return pc.if_else(pc.equal(column, spec.null), pa.scalar(None, pa.string()), column)
    trimmed = pc.utf8_trim_whitespace(column)
    if entities:
        trimmed = _unescape(trimmed)
    null_texts = NUMERIC_NULLS + ([spec.null.strip()] if spec.null else [])
    nulls = pc.is_in(trimmed, value_set=pa.array(null_texts))
    if spec.datatype == "boolean" and not spec.is_list:
        lower = pc.utf8_lower(trimmed)
        true = pc.is_in(lower, value_set=pa.array(["t", "true", "1"]))
        false = pc.is_in(lower, value_set=pa.array(["f", "false", "0"]))
        valid = pc.or_(true, false)
        return pc.if_else(valid, true, pa.scalar(None, pa.bool_()))
    if spec.datatype == "bit" and not spec.is_list:
        return pc.if_else(nulls, pa.scalar(None, pa.bool_()), pc.equal(trimmed, "1"))
    if spec.is_list:
        return _convert_list(spec, trimmed, nulls, first_row)
    values = _cast_numbers(spec, pc.if_else(nulls, pa.scalar(None, pa.string()), trimmed), spec.arrow_type,
                           first_row)
    sentinel = null_sentinel(spec)
    if sentinel is not None:
        values = pc.if_else(pc.equal(values, pa.scalar(sentinel, spec.arrow_type)),
                            pa.scalar(None, spec.arrow_type), values)
    if pa.types.is_floating(spec.arrow_type):
        values = pc.if_else(pc.is_nan(values), pa.scalar(None, spec.arrow_type), values)
    return values


def _convert_list(spec: FieldSpec, trimmed: pa.Array, nulls: pa.Array, first_row: int) -> pa.Array:
    """Arrays and complex numbers: whitespace-separated numbers in one cell."""
    empty = pc.equal(trimmed, "")
    cells = pc.if_else(empty, pa.scalar(None, pa.string()), trimmed)
    parts = pc.utf8_split_whitespace(cells)  # an empty cell gives a zero-length slot
    flat = pc.list_flatten(parts)
    target = spec.arrow_type.value_type
    if spec.datatype in ("boolean", "bit"):
        lower = pc.utf8_lower(flat)
        true = pc.is_in(lower, value_set=pa.array(["t", "true", "1"]))
        valid = pc.or_(true, pc.is_in(lower, value_set=pa.array(["f", "false", "0"])))
        values = pc.if_else(valid, true, pa.scalar(None, pa.bool_()))
    else:
        values = _cast_numbers(spec, pc.if_else(pc.is_in(flat, value_set=pa.array(["NaN", "nan", "NULL"])),
                                                pa.scalar(None, pa.string()), flat), target, first_row)
    offsets = parts.offsets
    # an empty cell is an empty variable-length array (as astropy reads it), but a missing fixed-size one
    mask = empty if not spec.variable else pc.and_(empty, pa.scalar(False))
    lists = pa.ListArray.from_arrays(offsets, values, mask=mask)
    if isinstance(spec.arrow_type, pa.FixedSizeListType):
        lengths = pc.list_value_length(lists)
        bad = pc.and_(pc.is_valid(lists), pc.not_equal(lengths, spec.arrow_type.list_size))
        if pc.any(bad).as_py():
            at = int(np.flatnonzero(bad.to_numpy(zero_copy_only=False))[0])
            raise EscapeError(f"VOTable: row {first_row + at + 1}, column {spec.name!r}: expected "
                              f"{spec.arrow_type.list_size} values, got {lengths[at].as_py()}")
        return lists.cast(spec.arrow_type)
    return lists

