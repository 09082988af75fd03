"""BINARY and BINARY2 row decoding: decoded stream bytes in, Arrow arrays out, one batch of rows at a time."""

from __future__ import annotations

import struct
from typing import Any, cast

import numpy as np

from ...core.errors import EscapeError
from . import convert
from .cells import CellWarnings
from .fields import FieldSpec

# Rows are converted in batches of about this many bytes: big enough for numpy to pay off, small enough that
# the undecoded bytes never dominate memory.
BATCH_BYTES = 2 * 1024 * 1024  # see decoder.READ_BYTES for the measured trade-off


def _wire_dtype(spec: FieldSpec) -> str | tuple[str, tuple[int]]:
    """numpy type of one fixed-width value as laid out on the wire."""
    if spec.is_text:
        return (spec.elem_dtype, (spec.count,))
    if spec.datatype == "bit":
        return ("u1", ((spec.count + 7) // 8,))
    k = spec.count * spec.factor
    return spec.elem_dtype if k == 1 else (spec.elem_dtype, (k,))


class BinaryRows:
    """Accepts decoded BINARY/BINARY2 bytes in any pieces; produces lists of Arrow arrays per column."""

    def __init__(self, specs: list[FieldSpec], binary2: bool, warnings: CellWarnings | None = None) -> None:
        self.specs = specs
        self.warnings = warnings if warnings is not None else CellWarnings(specs)
        self.mask_bytes = (len(specs) + 7) // 8 if binary2 else 0
        unknown = next((s for s in specs if s.unknown), None)
        if unknown is not None:
            raise EscapeError(
                f"VOTable FIELD {unknown.name!r}: datatype {unknown.unknown!r} is not a VOTable datatype, "
                "so its width in BINARY is unknown"
            )
        self.variable = any(s.variable for s in specs)
        self.pending = bytearray()
        self.columns: list[list[Any]] = [[] for _ in specs]
        self.rows = 0
        if not self.variable:
            names = [f"f{i}" for i in range(len(specs))]
            formats = [_wire_dtype(s) for s in specs]
            if self.mask_bytes:
                names.insert(0, "mask")
                formats.insert(0, ("u1", (self.mask_bytes,)))
            self.dtype = np.dtype({"names": names, "formats": formats})
            if self.dtype.itemsize == 0:
                raise EscapeError("VOTable: a table whose rows have no bytes cannot be read")
        else:
            self._plan_variable()

    # ---- input
    def feed(self, data: bytes) -> None:
        self.pending += data
        if len(self.pending) >= BATCH_BYTES:
            self._flush(final=False)

    def finish(self) -> None:
        self._flush(final=True)
        if self.pending:
            where = self._overrun() if self.variable else None
            raise EscapeError(
                f"VOTable: the binary stream ends inside row {self.rows + 1}"
                f"{f', column {where!r}' if where else ''} ({len(self.pending)} bytes left over)"
            )

    def _overrun(self) -> str | None:
        """The variable-length column whose count runs past the end of the stream (a wrong count, usually)."""
        unpack = struct.Struct(">I").unpack_from
        buf, p = bytes(self.pending), 0
        for before, i, elem in self.segments:
            p += before
            if p + 4 > len(buf):
                return self.specs[i].name
            count = unpack(buf, p)[0]
            p += 4 + (count * elem if elem > 0 else (count + 7) >> 3)
            if p > len(buf):
                return self.specs[i].name
        return None

    def _flush(self, final: bool) -> None:
        if not self.pending:
            return
        raw = bytes(self.pending)
        buf = np.frombuffer(raw, dtype=np.uint8)
        used = self._decode_fixed(buf) if not self.variable else self._decode_variable(buf, raw)
        del self.pending[:used]

    # ---- fixed-width rows: one structured view, one vectorised conversion per column
    def _decode_fixed(self, buf: np.ndarray) -> int:
        n = len(buf) // self.dtype.itemsize
        if n == 0:
            return 0
        rows = np.frombuffer(buf, dtype=self.dtype, count=n)
        masks = self._null_masks(rows["mask"]) if self.mask_bytes else [None] * len(self.specs)
        for i, spec in enumerate(self.specs):
            if spec.datatype == "bit":
                self._check_padding(i, rows[f"f{i}"])
            self.columns[i].append(convert.fixed(spec, rows[f"f{i}"], masks[i]))
        self.rows += n
        return n * self.dtype.itemsize

    def _check_padding(self, i: int, values: np.ndarray) -> None:
        """Bits are packed most significant first and padding bits shall be 0 (VOTable 1.5 sec. 6, 'Bit Array');
        a writer that sets them (astropy 8 puts a scalar bit at 0x08) is read by the rule, with a warning."""
        count = self.specs[i].count
        if count % 8 == 0:
            return
        rows = values.reshape(len(values), -1)
        pad = rows[:, -1] & np.uint8((1 << (8 - count % 8)) - 1)
        bad = pad != 0
        if bad.any():
            at = int(np.flatnonzero(bad)[0])
            self.warnings.add(
                i,
                int(bad.sum()),
                self.rows + at,
                f"0x{int(rows[at, -1]):02x}",
                "bit padding is not 0 (bits are read most significant first)",
            )

    def _null_masks(self, mask_bytes: np.ndarray) -> list[Any]:
        bits = np.unpackbits(mask_bytes, axis=1)  # MSB first: bit j of the row is field j
        return [m if m.any() else None for m in (bits[:, i].astype(bool) for i in range(len(self.specs)))]

    # ---- rows with variable-length fields: a sequential scan finds where each row and value starts
    def _plan_variable(self) -> None:
        # segments between variable fields: (fixed bytes before the var field, var field index, element size)
        self.segments = []
        fixed = self.mask_bytes
        for i, spec in enumerate(self.specs):
            if spec.variable:
                # bits are packed: a variable bit array of n bits takes ceil(n / 8) bytes (width -1 says so)
                self.segments.append((fixed, i, -1 if spec.datatype == "bit" else spec.elem_size * spec.factor))
                fixed = 0
            else:
                fixed += spec.fixed_size
        self.tail = fixed

    def _scan(self, buf: bytes) -> tuple[np.ndarray, list[np.ndarray], int]:
        """Start of each complete row, and of each variable field's 4-byte count, in ``buf``."""
        unpack = struct.Struct(">I").unpack_from
        segments, tail, size = self.segments, self.tail, len(buf)
        starts: list[int] = []
        prefixes: list[list[int]] = [[] for _ in segments]
        pos = 0
        while True:
            p = pos
            ok = True
            found = []
            for before, _, elem in segments:
                p += before
                if p + 4 > size:
                    ok = False
                    break
                found.append(p)
                count = unpack(buf, p)[0]
                p += 4 + (count * elem if elem > 0 else (count + 7) >> 3)
            p += tail
            if not ok or p > size:
                break
            starts.append(pos)
            for k, q in enumerate(found):
                prefixes[k].append(q)
            pos = p
        return np.array(starts, dtype=np.int64), [np.array(q, dtype=np.int64) for q in prefixes], pos

    def _decode_variable(self, buf: np.ndarray, raw: bytes) -> int:
        starts, prefixes, used = self._scan(raw)
        n = len(starts)
        if n == 0:
            return 0
        counts = [self._gather(buf, p, 4).view(">u4").reshape(n).astype(np.int64) for p in prefixes]
        masks = (
            [None] * len(self.specs)
            if not self.mask_bytes
            else self._null_masks(self._gather(buf, starts, self.mask_bytes))
        )
        var_of = {seg[1]: k for k, seg in enumerate(self.segments)}
        base, offset = starts, self.mask_bytes  # position of the current field = base + offset
        for i, spec in enumerate(self.specs):
            if spec.variable:
                k = var_of[i]
                nbytes = (counts[k] + 7) // 8 if spec.datatype == "bit" else counts[k] * spec.elem_size * spec.factor
                data_start = prefixes[k] + 4
                data = self._gather_var(buf, data_start, nbytes)
                self.columns[i].append(convert.variable(spec, data, counts[k], masks[i]))
                base, offset = data_start + nbytes, 0
            else:
                cells = self._gather(buf, base + offset, spec.fixed_size)
                values: np.ndarray = cells.view(
                    np.dtype(_wire_dtype(spec)).base
                    if spec.is_text or spec.datatype == "bit"
                    else np.dtype(spec.elem_dtype)
                ).reshape(n, -1)
                if not spec.is_list and not spec.is_text and spec.datatype != "bit":
                    values = values.reshape(n)
                if spec.datatype == "bit":
                    self._check_padding(i, values)
                self.columns[i].append(convert.fixed(spec, values, masks[i]))
                offset += spec.fixed_size
        self.rows += n
        return used

    @staticmethod
    def _gather(buf: np.ndarray, positions: np.ndarray, width: int) -> np.ndarray:
        if width == 0:
            return np.zeros((len(positions), 0), dtype=np.uint8)
        return buf[positions[:, None] + np.arange(width)]

    @staticmethod
    def _gather_var(buf: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, dtype=np.uint8)
        offsets = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=offsets[1:])
        return cast(np.ndarray, buf[np.repeat(starts - offsets, lengths) + np.arange(total)])  # numpy indexing: Any
