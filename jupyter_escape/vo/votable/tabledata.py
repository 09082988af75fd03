"""TABLEDATA decoding: rewrite <TR>/<TD> markup into delimiter-separated text and let Arrow's C++ CSV reader split
it, then convert each column with Arrow compute kernels. Nothing here loops over cells in Python."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ...core.errors import EscapeError
from . import convert
from .cells import CellWarnings, strip_markup_noise, unescape_texts
from .fields import NUMERIC, FieldSpec, null_sentinel

# Characters XML 1.0 forbids in documents, so they cannot occur in cell text: safe as delimiter and newline stand-in.
CELL_SEP = b"\x01"
NEWLINE_STANDIN = "\x02"
# whitespace between row and cell tags, never inside a cell (VOTable 1.5 sec. 5.1: it is significant in char cells)
_BETWEEN_TAGS = re.compile(
    rb"(</(?:[A-Za-z_][\w.-]*:)?T[DR]\s*>|<(?:[A-Za-z_][\w.-]*:)?TR\b[^>]*>"
    rb"|<(?:[A-Za-z_][\w.-]*:)?TD\b[^>]*/>)\s+(?=<)"
)
_ANY_TR_TD = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(TR|TD)\b[^>]*?(/?)>")
# literal spellings of "no value" services emit in numeric columns
NUMERIC_NULLS = ["", "NULL", "null", "NaN", "nan", "NAN", "None"]


class TableDataRows:
    """Decodes runs of complete <TR> rows (the caller cuts the text after a </TR>) into Arrow arrays per column."""

    def __init__(
        self, specs: list[FieldSpec], warnings: CellWarnings | None = None, entities: dict[str, Any] | None = None
    ) -> None:
        self.specs = specs
        self.warnings = warnings if warnings is not None else CellWarnings(specs)
        self.entities = entities or {}
        self.columns: list[list[Any]] = [[] for _ in specs]
        self.rows = 0

    def feed(self, rows_text: bytes) -> None:
        self._decode(rows_text)

    def finish(self) -> None:
        pass

    def _decode(self, chunk: bytes, careful: bool = False) -> None:
        if not self.specs or b"<" not in chunk:
            return
        table = None if careful else self._read_fast(chunk)
        # a self-closing <TD/> always fails the fast path's tag check, so only then is it looked for (searching
        # every run for it cost more than a tenth of the decode: '<' is in every tag)
        if table is None and b"<TD/>" in chunk:
            chunk = chunk.replace(b"<TD/>", b"<TD></TD>")
            table = None if careful else self._read_fast(chunk)
        newlines = False
        if table is None:
            # comments, CDATA and processing instructions always fail the fast path's tag check (every tag there
            # must read <TR, <TD, </TD or </TR), so only this path looks for them: a search costs ~15 ms per batch
            if b"<!" in chunk or b"<?" in chunk:
                chunk = strip_markup_noise(chunk)
            # irregular layout, attributes, namespace prefixes, line breaks inside cells: normalise the markup
            chunk = _BETWEEN_TAGS.sub(rb"\1", chunk.strip())
            if b"\r" in chunk:
                chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            newlines = b"\n" in chunk
            if newlines:
                chunk = chunk.replace(b"\n", NEWLINE_STANDIN.encode())
            flat = _to_lines(_ANY_TR_TD.sub(_canonical_tag, chunk))
            if b"<" in flat:
                at = flat.index(b"<")
                raise EscapeError(
                    f"VOTable: unexpected markup in TABLEDATA after row {self.rows} near "
                    f"{flat[max(0, at - 40) : at + 40]!r}"
                )
            table = self._read(flat, len(self.specs))
            columns = [table.column(i).combine_chunks() for i in range(len(self.specs))]
        else:
            columns, newlines = table, False
        entities = b"&" in chunk
        for i, spec in enumerate(self.specs):
            self.columns[i].append(
                convert_text_column(spec, columns[i], entities, self.rows, newlines, self.warnings, i, self.entities)
            )
        self.rows += len(columns[0])

    def _read_fast(self, chunk: bytes) -> list[pa.Array] | None:
        """Cell texts per column, or None when the chunk needs the careful path.

        In '<TR> <TD>1</TD> <TD>x</TD> </TR>' every row holds exactly 2 + 2n tags, so the positions of the '<'
        bytes give every value directly: the value of column j in row r runs from tag r*(2n+2) + 1 + 2j (plus
        the 4 bytes '<TD>') to the next tag. numpy finds the tags and gathers the values of a column at once.
        """
        start = chunk.find(b"<")
        buf = np.frombuffer(chunk, dtype=np.uint8)
        tags: np.ndarray = np.flatnonzero(buf == 0x3C)
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
        if not (
            np.all(buf[tags[:, 0] + 1] == 0x54)
            and np.all(buf[tags[:, 0] + 2] == 0x52)
            and np.all(buf[opens + 3] == 0x3E)
            and np.all(buf[opens + 1] == 0x54)
            and np.all(buf[opens + 2] == 0x44)
            and np.all(buf[closes + 1] == 0x2F)
            and np.all(buf[tags[:, -1] + 1] == 0x2F)
            and np.all(buf[tags[:, -1] + 3] == 0x52)
        ):
            return None
        columns = []
        for j in range(n_cols):
            starts = opens[:, j] + 4
            lengths = closes[:, j] - starts
            offsets = np.zeros(len(starts) + 1, dtype=np.int64)
            np.cumsum(lengths, out=offsets[1:])
            total = int(offsets[-1])
            data = buf[np.repeat(starts - offsets[:-1], lengths) + np.arange(total)] if total else buf[:0]
            column = pa.Array.from_buffers(
                pa.binary(), len(starts), [None, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(data)]
            )
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
                parse_options=pacsv.ParseOptions(
                    delimiter=CELL_SEP.decode(),
                    quote_char=False,
                    escape_char=False,
                    double_quote=False,
                    ignore_empty_lines=False,
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types={n: pa.string() for n in wanted}, include_columns=wanted, strings_can_be_null=False
                ),
            )
        except pa.ArrowInvalid as exc:
            raise EscapeError(
                f"VOTable: a TABLEDATA row after row {self.rows} does not have the {len(self.specs)} "
                f"cells its FIELDs declare: {exc}"
            ) from None


def _to_lines(chunk: bytes) -> bytes:
    return (
        chunk.replace(b"</TD><TD>", CELL_SEP)
        .replace(b"<TR><TD>", b"")
        .replace(b"</TD></TR>", b"\n")
        .replace(b"<TR></TR>", b"\n")
    )


def _canonical_tag(match: re.Match[bytes]) -> bytes:
    closing, name, empty = match.group(1), match.group(2), match.group(3)
    if empty:
        return b"<TD></TD>" if name == b"TD" else b"<TR></TR>"
    return b"<" + closing + name + b">"


class _Column:
    """What converting one column's text needs besides the text: the field, where the rows start, the warnings."""

    def __init__(
        self, spec: FieldSpec, index: int, first_row: int, warnings: CellWarnings | None, entities: dict[str, Any]
    ) -> None:
        self.spec, self.index, self.first_row, self.warnings, self.entities = spec, index, first_row, warnings, entities

    def warn(self, bad: np.ndarray, texts: Sequence[object], problem: str) -> None:
        """``bad``: boolean per row (or per element, with texts aligned to it)."""
        if bad.dtype != bool:  # from an Arrow boolean with nulls: a null is not a bad cell
            bad = np.array([b is True for b in bad], dtype=bool)
        if self.warnings is None or not bad.any():
            return
        at = int(np.flatnonzero(bad)[0])
        row = self.first_row + (at if self.row_of is None else int(self.row_of[at]))
        self.warnings.add(self.index, int(bad.sum()), row, str(texts[at]), problem)

    row_of: np.ndarray | None = None  # element -> row index, set while converting array cells


def _int_text(v: str, lo: int, hi: int) -> int | None:
    """An integer from TABLEDATA text (decimal or 0x hexadecimal, VOTable 1.5 sec. 6), or None when it is not one
    or does not fit the datatype."""
    try:
        if "_" in v:
            return None
        value = int(v, 16) if v[:2].lower() == "0x" or v[:3].lower() in ("-0x", "+0x") else int(v)
    except ValueError:
        return None
    return value if lo <= value <= hi else None


def _float_text(v: str) -> float | None:
    try:
        return None if "_" in v else float(v)
    except ValueError:
        return None


def _cast_numbers(col: _Column, text: pa.Array, target: pa.DataType) -> pa.Array:
    """Number texts (nulls already null) -> ``target``. A text that is not a number of that type becomes a null
    cell with a warning, as STIL and astropy read it; one bad cell never fails the table."""
    try:
        return pc.cast(text, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    values = text.to_pylist()
    if pa.types.is_integer(target):
        info = np.iinfo(target.to_pandas_dtype())
        lo, hi = int(info.min), int(info.max)
        parsed: list[int | None] | list[float | None] = [None if v is None else _int_text(v, lo, hi) for v in values]
    else:
        parsed = [None if v is None else _float_text(v) for v in values]
    bad = np.array([v is not None and p is None for v, p in zip(values, parsed, strict=True)], dtype=bool)
    col.warn(bad, values, f"not a {col.spec.datatype}")
    return pa.array(parsed, type=target)


def convert_text_column(
    spec: FieldSpec,
    column: pa.Array,
    entities: bool,
    first_row: int,
    newlines: bool = False,
    warnings: CellWarnings | None = None,
    index: int = 0,
    declared: dict[str, Any] | None = None,
) -> pa.Array:
    """One column of cell texts -> the field's Arrow type; empty cells and declared nulls become null."""
    col = _Column(spec, index, first_row, warnings, declared or {})
    if spec.is_text:
        if entities:
            column = unescape_texts(column, col.entities)
        if newlines:
            column = pc.replace_substring(column, NEWLINE_STANDIN, "\n")
        if spec.count and not spec.variable and not spec.strings and spec.arraysize:
            column = _truncated(col, column)
        if spec.strings:  # "8x3": the cell holds the strings one after the other
            width = spec.count // spec.strings
            return pa.array(
                [
                    None if not v else [v[k * width : (k + 1) * width] for k in range(spec.strings)]
                    for v in column.to_pylist()
                ],
                type=spec.arrow_type,
            )
        # an empty cell is an empty string (as astropy reads it); only a declared null is null
        if spec.null is None:
            return column
        return pc.if_else(pc.equal(column, spec.null), pa.scalar(None, pa.string()), column)
    if not spec.is_list and spec.datatype in NUMERIC:
        try:  # clean numbers (the usual case): one cast, nulls from NaN and the sentinel
            return _numeric_nulls(spec, _checked_infinities(col, column, pc.cast(column, spec.arrow_type)))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    trimmed = pc.utf8_trim_whitespace(column)
    if entities:
        trimmed = unescape_texts(trimmed, col.entities)
    if spec.datatype == "bit":
        return _bits(col, trimmed)
    null_texts = NUMERIC_NULLS + ([spec.null.strip()] if spec.null else [])
    nulls = pc.is_in(trimmed, value_set=pa.array(null_texts))
    if spec.datatype == "boolean" and not spec.is_list:
        return _booleans(col, trimmed)
    if spec.is_list:
        return _convert_list(col, trimmed)
    values = _cast_numbers(col, pc.if_else(nulls, pa.scalar(None, pa.string()), trimmed), spec.arrow_type)
    return _numeric_nulls(spec, _checked_infinities(col, trimmed, values))


# VOTable 1.5 sec. 6 accepts +Inf and -Inf (and Java writers, STIL among them, write Infinity). Arrow's cast also
# takes "Inf", "inf", "+InF": not values of the standard's, so such a cell is null with a warning, as STIL reads it.
# A decimal too large for the type (1.0E309) is a number and rounds to infinity (IEEE 754), as in STIL.
_INFINITIES = pa.array(["+Inf", "-Inf", "Infinity", "+Infinity", "-Infinity"])


def _checked_infinities(col: _Column, texts: pa.Array, values: pa.Array) -> pa.Array:
    if not pa.types.is_floating(values.type) or not pc.any(pc.is_inf(values)).as_py():
        return values
    trimmed = pc.utf8_trim_whitespace(texts)
    spelled = pc.match_substring(trimmed, "n", ignore_case=True)  # a word, not an overflowing decimal
    bad = pc.and_(pc.and_(pc.is_inf(values), spelled), pc.invert(pc.is_in(trimmed, value_set=_INFINITIES)))
    if not pc.any(bad).as_py():
        return values
    col.warn(bad.to_numpy(zero_copy_only=False), texts.to_pylist(), f"not a {col.spec.datatype}")
    return pc.if_else(bad, pa.scalar(None, values.type), values)


def _truncated(col: _Column, column: pa.Array) -> pa.Array:
    """A fixed-size string holds arraysize characters: a longer cell is cut there, with a warning (STIL cuts it,
    astropy cuts it and warns W46)."""
    size = col.spec.count
    long = pc.greater(pc.utf8_length(column), size)
    if not pc.any(long).as_py():
        return column
    col.warn(long.to_numpy(zero_copy_only=False), column.to_pylist(), f"longer than its {size} characters: cut")
    return pc.if_else(long, pc.utf8_slice_codeunits(column, 0, size), column)


_TRUE_TEXTS = pa.array(["t", "true", "1"])
_FALSE_TEXTS = pa.array(["f", "false", "0"])
_BOOLEAN_NULLS = pa.array(["", "?", "null", "none", "nan"])  # '?' and empty are the VOTable null booleans


def _booleans(col: _Column, texts: pa.Array) -> pa.Array:
    lower = pc.utf8_lower(texts)
    true = pc.is_in(lower, value_set=_TRUE_TEXTS)
    valid = pc.or_(true, pc.is_in(lower, value_set=_FALSE_TEXTS))
    bad = pc.and_(pc.invert(valid), pc.invert(pc.is_in(lower, value_set=_BOOLEAN_NULLS)))
    col.warn(bad.to_numpy(zero_copy_only=False), texts.to_pylist() if pc.any(bad).as_py() else [], "not a boolean")
    return pc.if_else(valid, true, pa.scalar(None, pa.bool_()))


def _bits(col: _Column, trimmed: pa.Array) -> pa.Array:
    """bit scalars and arrays: a run of ASCII '0'/'1', separators optional (VOTable 1.5 sec. 6, 'Bit Array')."""
    spec = col.spec
    packed = pc.replace_substring_regex(trimmed, r"\s+", "")
    empty = pc.equal(packed, "")
    if not spec.is_list:
        valid = pc.is_in(packed, value_set=pa.array(["0", "1"]))
        bad = pc.and_(pc.invert(valid), pc.invert(pc.is_in(packed, value_set=pa.array(NUMERIC_NULLS))))
        col.warn(bad.to_numpy(zero_copy_only=False), trimmed.to_pylist() if pc.any(bad).as_py() else [], "not a bit")
        return pc.if_else(valid, pc.equal(packed, "1"), pa.scalar(None, pa.bool_()))
    offsets = np.frombuffer(packed.buffers()[1], dtype=np.int32)[packed.offset : packed.offset + len(packed) + 1]
    data = (
        np.frombuffer(packed.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
        if len(packed)
        else np.zeros(0, np.uint8)
    )
    offsets = offsets - offsets[0]
    values = data == ord("1")
    bad = ~values & (data != ord("0"))
    if bad.any():
        col.row_of = np.repeat(np.arange(len(packed)), np.diff(offsets))
        col.warn(bad, [chr(b) for b in data], "not a bit")
    flat = pa.array(values, mask=bad if bad.any() else None)
    lists = pa.ListArray.from_arrays(pa.array(offsets.astype(np.int32)), flat, mask=None if spec.variable else empty)
    return _fit_fixed(col, lists) if isinstance(spec.arrow_type, pa.FixedSizeListType) else lists


def _numeric_nulls(spec: FieldSpec, values: pa.Array) -> pa.Array:
    """NaN and the VALUES null sentinel become nulls. Integers stay integers: a null is filled (never turned into
    a float, which would change longs above 2**53) and carried in the validity mask."""
    filled = values.fill_null(0) if values.null_count else values
    array = filled.to_numpy(zero_copy_only=False)
    mask = convert.numeric_null_mask(spec, array)
    if values.null_count:
        mask = values.is_null().to_numpy(zero_copy_only=False) | (False if mask is None else mask)
    if mask is None or not mask.any():
        return values
    return pa.array(array, mask=mask, type=values.type)


_LIST_NULLS = pa.array(["NaN", "nan", "NULL", "null"])


def _convert_list(col: _Column, trimmed: pa.Array) -> pa.Array:
    """Arrays and complex numbers: whitespace-separated numbers in one cell."""
    spec = col.spec
    empty = pc.equal(trimmed, "")
    cells = pc.if_else(empty, pa.scalar(None, pa.string()), trimmed)
    parts = pc.utf8_split_whitespace(cells)  # an empty cell gives a zero-length slot
    flat = pc.list_flatten(parts)
    target = spec.arrow_type.value_type
    offsets = parts.offsets
    col.row_of = np.repeat(np.arange(len(parts)), np.diff(offsets.to_numpy()))
    if spec.datatype == "boolean":
        values = _booleans(col, flat)
    else:
        text = pc.if_else(pc.is_in(flat, value_set=_LIST_NULLS), pa.scalar(None, pa.string()), flat)
        values = _checked_infinities(col, flat, _cast_numbers(col, text, target))
        sentinel = null_sentinel(spec)
        if sentinel is not None or pa.types.is_floating(target):
            values = _numeric_nulls(spec, values)  # the null sentinel marks elements (VOTable 1.5 sec. 5.5)
    # VOTable 1.5 sec. 5.5: in TABLEDATA an empty array and a null are not distinguished. An empty cell is an
    # empty variable-length array (as astropy reads it, and as BINARY's zero count reads) but a missing fixed one.
    lists = pa.ListArray.from_arrays(offsets, values, mask=None if spec.variable else empty)
    if isinstance(spec.arrow_type, pa.FixedSizeListType):
        return _fit_fixed(col, lists)
    return lists


def _fit_fixed(col: _Column, lists: pa.Array) -> pa.Array:
    """A fixed-size array cell with too few or too many values is padded with nulls or cut, with a warning (as
    STIL reads it), instead of failing the table."""
    size = col.spec.arrow_type.list_size
    lengths = pc.list_value_length(lists).to_numpy(zero_copy_only=False)
    valid = lists.is_valid().to_numpy(zero_copy_only=False)
    bad = valid & (lengths != size)
    if bad.any():
        col.row_of = None
        col.warn(bad, [f"{n} values" for n in lengths], f"expected {size} values")
        rows = [v if v is None or len(v) == size else (v + [None] * size)[:size] for v in lists.to_pylist()]
        return pa.array(rows, type=col.spec.arrow_type)
    return lists.cast(col.spec.arrow_type)
