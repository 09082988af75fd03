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
from . import _convert
from ._fields import NUMERIC, FieldSpec

# Characters XML 1.0 forbids in documents, so they cannot occur in cell text: safe as delimiter and newline stand-in.
CELL_SEP = b"\x01"
NEWLINE_STANDIN = "\x02"
_BETWEEN_TAGS = re.compile(rb">\s+<")
_ANY_TR_TD = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(TR|TD)\b[^>]*?(/?)>")
# literal spellings of "no value" services emit in numeric columns
NUMERIC_NULLS = ["", "NULL", "null", "NaN", "nan", "NAN", "None"]


class TableDataRows:
    """Decodes runs of complete <TR> rows (the caller cuts the text after a </TR>) into Arrow arrays per column."""

    def __init__(self, specs: list[FieldSpec]):
        self.specs = specs
        self.columns: list[list] = [[] for _ in specs]
        self.rows = 0

    def feed(self, rows_text: bytes) -> None:
        self._decode(rows_text)

    def finish(self) -> None:
        pass

    def _decode(self, chunk: bytes, careful: bool = False) -> None:
        if not self.specs or b"<" not in chunk:
            return
        if b"<TD/>" in chunk:
            chunk = chunk.replace(b"<TD/>", b"<TD></TD>")
        table = None if careful else self._read_fast(chunk)
        newlines = False
        if table is None:
            # irregular layout, attributes, namespace prefixes, line breaks inside cells: normalise the markup
            chunk = _BETWEEN_TAGS.sub(b"><", chunk.strip())
            if b"\r" in chunk:
                chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            newlines = b"\n" in chunk
            if newlines:
                chunk = chunk.replace(b"\n", NEWLINE_STANDIN.encode())
            flat = _to_lines(_ANY_TR_TD.sub(_canonical_tag, chunk))
            if b"<" in flat:
                at = flat.index(b"<")
                raise EscapeError(f"VOTable: unexpected markup in TABLEDATA near {flat[max(0, at - 40):at + 40]!r}")
            table = self._read(flat, len(self.specs))
            columns = [table.column(i).combine_chunks() for i in range(len(self.specs))]
        else:
            columns, newlines = table, False
        entities = b"&" in chunk
        for i, spec in enumerate(self.specs):
            self.columns[i].append(convert_text_column(spec, columns[i], entities, self.rows, newlines))
        self.rows += len(columns[0])

    def _read_fast(self, chunk: bytes):
        """Cell texts per column, or None when the chunk needs the careful path.

        In '<TR> <TD>1</TD> <TD>x</TD> </TR>' every row holds exactly 2 + 2n tags, so the positions of the '<'
        bytes give every value directly: the value of column j in row r runs from tag r*(2n+2) + 1 + 2j (plus
        the 4 bytes '<TD>') to the next tag. numpy finds the tags and gathers the values of a column at once.
        """
        start = chunk.find(b"<")
        buf = np.frombuffer(chunk, dtype=np.uint8)
        tags = np.flatnonzero(buf == 0x3C)
        n_cols = len(self.specs)
        per_row = 2 * n_cols + 2
        if start < 0 or len(tags) % per_row:
            return None
        tags = tags.reshape(-1, per_row)
        opens = tags[:, 1:-1:2]  # <TD> of each value
        closes = tags[:, 2:-1:2]  # </TD> after it
        if len(buf) < tags[-1, -1] + 5:
            return None
        # every row must read <TR ...> (<TD>v</TD>)* </TR>; anything else (attributes, prefixes) -> careful path
        if not (np.all(buf[tags[:, 0] + 1] == 0x54) and np.all(buf[tags[:, 0] + 2] == 0x52)
                and np.all(buf[opens + 3] == 0x3E) and np.all(buf[opens + 1] == 0x54)
                and np.all(buf[opens + 2] == 0x44) and np.all(buf[closes + 1] == 0x2F)
                and np.all(buf[tags[:, -1] + 1] == 0x2F) and np.all(buf[tags[:, -1] + 3] == 0x52)):
            return None
        columns = []
        for j in range(n_cols):
            starts = opens[:, j] + 4
            lengths = closes[:, j] - starts
            offsets = np.zeros(len(starts) + 1, dtype=np.int64)
            np.cumsum(lengths, out=offsets[1:])
            total = int(offsets[-1])
            data = buf[np.repeat(starts - offsets[:-1], lengths) + np.arange(total)] if total else buf[:0]
            column = pa.Array.from_buffers(pa.binary(), len(starts),
                                           [None, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(data)])
            try:
                columns.append(column.cast(pa.string()))
            except pa.ArrowInvalid:
                return None  # not UTF-8: the careful path decodes it
        return columns

    def _read(self, flat: bytes, n_cells: int, include: list[int] | None = None) -> pa.Table:
        names = [f"c{i}" for i in range(n_cells)]
        wanted = names if include is None else [names[i] for i in include]
        try:
            return pacsv.read_csv(
                io.BytesIO(flat),
                read_options=pacsv.ReadOptions(column_names=names, block_size=len(flat) + 64),
                parse_options=pacsv.ParseOptions(delimiter=CELL_SEP.decode(), quote_char=False,
                                                 escape_char=False, double_quote=False, ignore_empty_lines=False),
                convert_options=pacsv.ConvertOptions(column_types={n: pa.string() for n in wanted},
                                                     include_columns=wanted, strings_can_be_null=False),
            )
        except pa.ArrowInvalid as exc:
            raise EscapeError(f"VOTable: TABLEDATA row does not match the {len(self.specs)} FIELDs: {exc}") from None


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
    if not spec.is_list and spec.datatype in NUMERIC:
        try:  # clean numbers (the usual case): one cast, nulls from NaN and the sentinel
            return _numeric_nulls(spec, pc.cast(column, spec.arrow_type))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
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
    return _numeric_nulls(spec, values)


def _numeric_nulls(spec: FieldSpec, values: pa.Array) -> pa.Array:
    """NaN and the VALUES null sentinel become nulls."""
    array = values.to_numpy(zero_copy_only=False)
    mask = _convert.numeric_null_mask(spec, array)
    if values.null_count:
        mask = values.is_null().to_numpy(zero_copy_only=False) | (False if mask is None else mask)
    if mask is None or not mask.any():
        return values
    return pa.array(array, mask=mask, type=values.type)


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

