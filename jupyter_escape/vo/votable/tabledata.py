"""TABLEDATA decoding. Regular rows (the usual case): numpy finds every tag of a run at once, each cell becomes an
Arrow string view into the XML bytes (no copy of the cell text), and Arrow casts whole columns to numbers; a run is
cut at row ends into one piece per core and the pieces decode in threads. Anything else (comments, CDATA,
attributes, namespace prefixes, irregular whitespace) takes a careful path: the markup is rewritten into
delimiter-separated text that Arrow's CSV reader splits. Nothing here loops over cells in Python."""

from __future__ import annotations

import io
import itertools
import os
import re
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, cast

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


def _strings(values: list[str]) -> pa.Array:
    """A constant string array, built from its buffers: pa.array imports pandas (0.17 s) on its first call, which
    a process that only decodes regular TABLEDATA would otherwise pay at import."""
    data = "".join(values).encode()
    offsets = np.cumsum([0] + [len(v.encode()) for v in values], dtype=np.int32)
    return pa.Array.from_buffers(pa.string(), len(values), [None, pa.py_buffer(offsets), pa.py_buffer(data)])


class WarningSink(Protocol):
    def add(self, column: int, count: int, first_row: int, example: str, problem: str) -> None: ...


class _Recorded:
    """Warnings of a piece decoded off the calling thread, kept to be added in row order afterwards."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int, int, str, str]] = []

    def add(self, column: int, count: int, first_row: int, example: str, problem: str) -> None:
        self.calls.append((column, count, first_row, example, problem))


class _Piece:
    """A run of rows decoded by the fast path: its columns and the warnings they raised (rows counted from 0)."""

    def __init__(self, columns: list[pa.Array], warnings: _Recorded) -> None:
        self.columns, self.warnings = columns, warnings


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

    def _decode(self, chunk: bytes) -> None:
        if not self.specs or b"<" not in chunk:
            return
        pieces = self._fast(chunk)
        # a self-closing <TD/> always fails the fast path's tag check, so only then is it looked for (searching
        # every run for it cost more than a tenth of the decode: '<' is in every tag)
        if pieces is None and b"<TD/>" in chunk:
            chunk = chunk.replace(b"<TD/>", b"<TD></TD>")
            pieces = self._fast(chunk)
        if pieces is None:
            self._careful(chunk)
            return
        for piece in pieces:  # in row order, so warnings name the first bad row as one pass would
            for column, count, first_row, example, problem in piece.warnings.calls:
                self.warnings.add(column, count, self.rows + first_row, example, problem)
            for i, values in enumerate(piece.columns):
                self.columns[i].append(values)
            self.rows += len(piece.columns[0])

    def _fast(self, chunk: bytes) -> list[_Piece] | None:
        """The run cut at row ends into one piece per core, the pieces after the first decoded in worker threads
        (numpy and Arrow release the GIL in their kernels); None when any piece needs the careful path."""
        if not _LITTLE_ENDIAN or len(chunk) < 32:
            return None
        ranges = list(itertools.pairwise(_row_cuts(chunk)))
        futures = [_pool().submit(self._fast_piece, chunk, lo, hi) for lo, hi in ranges[1:]]
        pieces = [self._fast_piece(chunk, *ranges[0])] + [f.result() for f in futures]
        return None if any(p is None for p in pieces) else cast(list[_Piece], pieces)

    def _fast_piece(self, chunk: bytes, lo: int, hi: int) -> _Piece | None:
        """The rows in chunk[lo:hi] decoded from their cell views, or None when they need the careful path (markup
        the tag check refuses, or a cell that is not UTF-8).

        A scalar number column is cast straight from the views; any other column, or one whose cast fails (a bad
        cell, an entity, blanks) or reads an infinity (its spelling is checked on the text), becomes text and goes
        through convert_text_column. Every column is made text before any is converted: a piece that falls back
        has converted nothing."""
        cells = _cell_views(chunk, lo, hi, len(self.specs))
        if cells is None:
            return None
        views, longest = cells
        numbers: list[pa.Array | None] = []
        texts: list[pa.Array | None] = []
        for spec, view in zip(self.specs, views, strict=True):
            values = _cast_clean_numbers(spec, view) if spec.datatype in NUMERIC and not spec.is_list else None
            numbers.append(values)
            if values is None:
                try:
                    texts.append(view.cast(pa.string(), memory_pool=_MEMORY))
                except pa.ArrowInvalid:
                    return None  # not UTF-8
            else:
                texts.append(None)
        entities = chunk.find(b"&", lo, hi) >= 0
        warnings = _Recorded()
        columns = []
        for i, spec in enumerate(self.specs):
            values = numbers[i]
            if values is None:
                values = convert_text_column(
                    spec, texts[i], entities, 0, False, warnings, i, self.entities, int(longest[i])
                )
            columns.append(values)
        return _Piece(columns, warnings)

    def _careful(self, chunk: bytes) -> None:
        """Any legal markup: comments, CDATA, processing instructions, attributes, namespace prefixes, line breaks
        inside cells, irregular whitespace. The markup is normalised, then Arrow's CSV reader splits the cells."""
        # comments, CDATA and processing instructions always fail the fast path's tag check (every tag there
        # must read <TR, <TD>, </TD or </TR), so only this path looks for them: a search costs ~15 ms per batch
        if b"<!" in chunk or b"<?" in chunk:
            chunk = strip_markup_noise(chunk)
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
        texts = [table.column(i).combine_chunks() for i in range(len(self.specs))]
        entities = b"&" in chunk
        for i, spec in enumerate(self.specs):
            self.columns[i].append(
                convert_text_column(spec, texts[i], entities, self.rows, newlines, self.warnings, i, self.entities)
            )
        self.rows += len(texts[0])

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


_LITTLE_ENDIAN = sys.byteorder == "little"
_ALL = (1 << 64) - 1
# Masks for a 16-byte view read from 4 bytes before a cell of k bytes ('<TD>' + 12 bytes), as two little-endian
# uint64 indexed by min(k, 13): the first keeps the length word and the cell's first min(k, 4) bytes, the second
# its bytes 4..min(k, 12) (an inline value is zero-padded); 13 stands for any longer cell (second word replaced).
_HEAD_MASKS = np.array([(1 << (32 + 8 * k)) - 1 if k < 4 else _ALL for k in range(14)], dtype=np.uint64)
_TAIL_MASKS = np.array([(1 << (8 * max(k - 4, 0))) - 1 if k < 12 else _ALL for k in range(14)], dtype=np.uint64)
_TD_OPEN = int.from_bytes(b"<TD>", "little")


def _cell_views(chunk: bytes, lo: int, hi: int, n_cols: int) -> tuple[list[pa.Array], np.ndarray] | None:
    """Every cell of the regular rows in chunk[lo:hi] as an Arrow binary_view column pointing into ``chunk``
    (no copy of the cell bytes), with each column's longest cell in bytes; None when the rows need the careful
    path.

    In '<TR> <TD>1</TD> <TD>x</TD> </TR>' every row holds exactly 2 + 2n tags, so the positions of the '<' bytes
    give every value directly: the value of column j in row r runs from tag r*(2n+2) + 1 + 2j (plus the 4 bytes
    '<TD>') to the next tag. A view (Arrow columnar format, "Variable-size Binary View Layout") is 16 bytes: the
    length, then up to 12 bytes inline (zero-padded), or a 4-byte prefix, a buffer index and an offset. So the 16
    bytes from the '<TD>' before a cell are its view once the length replaces '<TD>', the bytes past the cell are
    zeroed, and a longer cell's last 8 bytes become buffer 0 + its offset: one gather per cell, all cells at once.
    """
    buf = np.frombuffer(chunk, dtype=np.uint8)
    tags: np.ndarray = np.flatnonzero(buf[lo:hi] == 0x3C)
    per_row = 2 * n_cols + 2
    if not len(tags) or len(tags) % per_row or tags[-1] + 5 > hi - lo:
        return None
    tags = tags.reshape(-1, per_row)
    if lo:
        tags += lo
    # every row must read <TR...> (<TD>v</...)* </TR...>; anything else (prefixes, <TD attributes>) -> careful.
    # Single bytes here (a gather of bytes costs a quarter of one of unaligned words); '<TD>' on the views below.
    if not (
        np.array_equal(buf[tags + 1], np.broadcast_to(_AFTER_LT[n_cols], tags.shape))
        and np.all(buf[tags[:, 0] + 2] == 0x52)  # <TR
        and np.all(buf[tags[:, -1] + 3] == 0x52)  # </TR
    ):
        return None
    opens = np.ascontiguousarray(tags[:, 1:-1:2].T)  # (column, row): the '<' of each <TD>
    lengths = tags[:, 2:-1:2].T - opens - 4
    records = _records(chunk, opens)
    head = records.view(np.uint32).reshape(*opens.shape, 4)[..., 0]
    if not np.all(head == _TD_OPEN):
        return None
    head[...] = lengths
    words = records.view(np.uint64).reshape(*opens.shape, 2)
    at = np.minimum(lengths, 13)
    words[..., 0] &= _HEAD_MASKS[at]
    words[..., 1] &= _TAIL_MASKS[at]
    long = lengths > 12
    if long.any():
        np.copyto(words[..., 1], (opens + 4).astype(np.uint64) << np.uint64(32), where=long)
    data = pa.py_buffer(chunk)
    n_rows = tags.shape[0]
    columns = [
        pa.Array.from_buffers(pa.binary_view(), n_rows, [None, pa.py_buffer(records[j]), data]) for j in range(n_cols)
    ]
    return columns, lengths.max(axis=1)


def _records(chunk: bytes, opens: np.ndarray) -> np.ndarray:
    """The 16 bytes from each position in ``opens`` (column, row), as 'V16' records. Only the last row's cells can
    start less than 16 bytes before the end of the run (a row takes at least 18 bytes): those are read from a
    zero-padded copy of the end (the fast path takes runs of at least 32 bytes)."""
    limit = len(chunk) - 16
    starts = np.ndarray((limit + 1,), dtype="V16", buffer=chunk, strides=(1,))
    last = opens[:, -1]
    near_end = np.flatnonzero(last > limit)
    if not len(near_end):
        records: np.ndarray = starts[opens]
        return records
    at = opens.copy()
    at[near_end, -1] = limit
    records = starts[at]
    tail = chunk[-32:] + bytes(16)
    for column in near_end:
        start = int(last[column]) - (len(chunk) - 32)
        records[column, -1] = np.frombuffer(tail[start : start + 16], dtype="V16")[0]
    return records


class _AfterLt(dict[int, np.ndarray]):
    """The byte after each '<' of a regular row of n cells: T (<TR), then T / per cell (<TD> </TD), then /."""

    def __missing__(self, n_cols: int) -> np.ndarray:
        pattern = np.full(2 * n_cols + 2, ord("T"), dtype=np.uint8)
        pattern[2::2] = ord("/")
        pattern[-1] = ord("/")
        self[n_cols] = pattern
        return pattern


_AFTER_LT = _AfterLt()


def _row_cuts(chunk: bytes) -> list[int]:
    """Where to cut a run into one piece per core: after a '</TR>' near each share (no cut in a small run)."""
    pieces = min(_CORES, len(chunk) // _MIN_PIECE)
    cuts = [0]
    for k in range(1, pieces):
        at = chunk.rfind(b"</TR>", cuts[-1], len(chunk) * k // pieces)
        if at > 0:
            cuts.append(at + 5)
    return [*cuts, len(chunk)]


_CORES = min(os.cpu_count() or 1, 4)
# The fast path's arrays come from the C library's allocator: mimalloc (pyarrow's default pool) keeps a cache per
# thread, which held 14-27 MiB more at the peak of a 1M-row decode (61 MiB table) with pieces in two threads.
_MEMORY = pa.system_memory_pool()
_MIN_PIECE = 128 * 1024  # below this a thread hand-off costs more than it saves
_POOL: tuple[int, ThreadPoolExecutor] | None = None  # (process id, pool)
_POOL_LOCK = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    """The worker threads, made on first use, and again in a forked child: its copy of the parent's pool has no
    threads, and would queue the pieces forever."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None or _POOL[0] != os.getpid():
            _POOL = (os.getpid(), ThreadPoolExecutor(max_workers=max(_CORES - 1, 1), thread_name_prefix="tabledata"))
        return _POOL[1]


def _cast_clean_numbers(spec: FieldSpec, view: pa.Array) -> pa.Array | None:
    """A scalar number column straight from its cell views when every cell is a clean number (or None): NaN and
    the VALUES null become null. An infinity is left to convert_text_column, which checks how it is spelled."""
    try:
        values = pc.cast(view.view(pa.string_view()), spec.arrow_type, memory_pool=_MEMORY)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if pa.types.is_floating(values.type) and pc.any(pc.is_inf(values, memory_pool=_MEMORY)).as_py():
        return None
    return _numeric_nulls(spec, values)


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
        self, spec: FieldSpec, index: int, first_row: int, warnings: WarningSink | None, entities: dict[str, Any]
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
    warnings: WarningSink | None = None,
    index: int = 0,
    declared: dict[str, Any] | None = None,
    longest: int | None = None,
) -> pa.Array:
    """One column of cell texts -> the field's Arrow type; empty cells and declared nulls become null.
    ``longest``: the longest cell in bytes when known (a fixed-size string no longer than its size needs no cut)."""
    col = _Column(spec, index, first_row, warnings, declared or {})
    if spec.is_text:
        if entities:
            column = unescape_texts(column, col.entities)
        if newlines:
            column = pc.replace_substring(column, NEWLINE_STANDIN, "\n")
        fits = longest is not None and not entities and longest <= spec.count
        if spec.count and not spec.variable and not spec.strings and spec.arraysize and not fits:
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
_INFINITIES = _strings(["+Inf", "-Inf", "Infinity", "+Infinity", "-Infinity"])


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


_TRUE_TEXTS = _strings(["t", "true", "1"])
_FALSE_TEXTS = _strings(["f", "false", "0"])
_BOOLEAN_NULLS = _strings(["", "?", "null", "none", "nan"])  # '?' and empty are the VOTable null booleans


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
    array = _numpy(filled)
    mask = convert.numeric_null_mask(spec, array)
    if values.null_count:
        mask = values.is_null().to_numpy(zero_copy_only=False) | (False if mask is None else mask)
    if mask is None or not mask.any():
        return values
    return convert.from_numpy(array, mask)


_NUMPY_TYPES = {
    pa.int8(): "i1",
    pa.int16(): "i2",
    pa.int32(): "i4",
    pa.int64(): "i8",
    pa.uint8(): "u1",
    pa.uint16(): "u2",
    pa.uint32(): "u4",
    pa.uint64(): "u8",
    pa.float32(): "f4",
    pa.float64(): "f8",
}


def _numpy(values: pa.Array) -> np.ndarray:
    """A numeric array without nulls as numpy, zero-copy: Array.to_numpy imports pandas on its first call."""
    dtype = _NUMPY_TYPES.get(values.type)
    if dtype is None:
        converted: np.ndarray = values.to_numpy(zero_copy_only=False)
        return converted
    view: np.ndarray = np.frombuffer(
        values.buffers()[1], dtype=dtype, count=len(values), offset=values.offset * int(dtype[1])
    )
    return view


_LIST_NULLS = _strings(["NaN", "nan", "NULL", "null"])


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
