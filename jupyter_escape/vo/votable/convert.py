"""Turn raw VOTable cell values (numpy arrays in wire layout) into Arrow arrays, vectorised."""

from __future__ import annotations

import dataclasses

import numpy as np
import pyarrow as pa

from .fields import FieldSpec, null_sentinel

_TRUE = np.frombuffer(b"Tt1", dtype="S1")
_FALSE = np.frombuffer(b"Ff0", dtype="S1")


def _mask_or(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    if a is None:
        return b
    if b is None:
        return a
    both: np.ndarray = a | b
    return both


def from_numpy(values: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """``pa.array(values, mask=mask)`` for a 1-D numpy array of numbers or booleans, built from its buffers (no
    copy of numbers). The same array, without pa.array's pandas check: pyarrow imports pandas on the first
    pa.array call, 0.45 s of CPU that a process decoding BINARY/BINARY2/FITS otherwise never needs."""
    if values.ndim != 1 or values.dtype.kind not in "biuf" or not values.dtype.isnative:
        return pa.array(values, mask=mask)
    if values.dtype.kind == "b":
        data = pa.py_buffer(np.packbits(values, bitorder="little"))
    else:
        data = pa.py_buffer(np.ascontiguousarray(values))
    validity, nulls = None, 0
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        nulls = int(np.count_nonzero(mask))
        if nulls:
            validity = pa.py_buffer(np.packbits(~mask, bitorder="little"))
    return pa.Array.from_buffers(pa.from_numpy_dtype(values.dtype), len(values), [validity, data], null_count=nulls)


def _list_mask(mask: np.ndarray | None) -> pa.Array | None:
    return None if mask is None else from_numpy(mask)


def _native(values: np.ndarray) -> np.ndarray:
    return values.astype(values.dtype.newbyteorder("="), copy=True)


def numeric_null_mask(spec: FieldSpec, values: np.ndarray) -> np.ndarray | None:
    sentinel = null_sentinel(spec)
    mask = None
    if sentinel is not None:
        mask = values == sentinel
    if values.dtype.kind == "f":
        mask = _mask_or(mask, np.isnan(values))
    return mask


def _bytes_to_strings(data: np.ndarray, offsets: np.ndarray, mask: np.ndarray | None) -> pa.Array:
    """An Arrow string array from concatenated bytes + int64 offsets; non-UTF-8 bytes are read as Latin-1."""
    n = len(offsets) - 1
    buffers = [
        None if mask is None else pa.py_buffer(np.packbits(~mask, bitorder="little")),
        pa.py_buffer(offsets.astype(np.int32 if offsets[-1] < 2**31 else np.int64)),
        pa.py_buffer(np.ascontiguousarray(data, dtype=np.uint8)),
    ]
    kind_binary = pa.binary() if offsets[-1] < 2**31 else pa.large_binary()
    kind_string = pa.string() if offsets[-1] < 2**31 else pa.large_string()
    null_count = -1 if mask is not None else 0
    arr = pa.Array.from_buffers(kind_binary, n, buffers, null_count=null_count)
    if len(data) == 0 or int(np.max(data)) < 0x80:
        return arr.view(kind_string)
    try:
        return arr.cast(kind_string)
    except pa.ArrowInvalid:
        return pa.array([None if v is None else v.decode("latin-1") for v in arr.to_pylist()], type=kind_string)


def text_fixed(spec: FieldSpec, mat: np.ndarray, mask: np.ndarray | None) -> pa.Array:
    """Fixed-width char/unicodeChar: (n, count) matrix. The first NUL ends the string (VOTable 1.5 sec. 6,
    'Character': FITS rules; what follows it is undefined)."""
    n = mat.shape[0]
    if spec.datatype == "unicodeChar":
        return _string_nulls(spec, _unicode_fixed(spec, mat, mask))
    if spec.count and mat.all():  # no NUL anywhere (the usual case): every string is the full width
        offsets = np.arange(0, (n + 1) * spec.count, spec.count, dtype=np.int64)
        return _string_nulls(spec, _bytes_to_strings(mat.reshape(-1), offsets, mask))
    ended = np.cumsum(mat == 0, axis=1, dtype=np.int32) > 0 if spec.count else np.zeros_like(mat, dtype=bool)
    lengths = spec.count - ended.sum(axis=1) if spec.count else np.zeros(n, dtype=np.int64)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    data = mat.reshape(-1) if int(offsets[-1]) == n * spec.count else mat[~ended]
    return _string_nulls(spec, _bytes_to_strings(data, offsets, mask))


def _unicode_fixed(spec: FieldSpec, mat: np.ndarray, mask: np.ndarray | None) -> pa.Array:
    n = mat.shape[0]
    codes = mat.astype("<u4")
    if spec.count:
        codes *= np.cumsum(codes == 0, axis=1, dtype=np.int32) == 0  # zero everything from the first NUL on
    if not ((codes >= 0xD800) & (codes < 0xE000)).any():
        strings = np.ascontiguousarray(codes).view(f"<U{max(spec.count, 1)}").reshape(n)
        return pa.array(strings, type=pa.string(), mask=mask)
    # UTF-16 surrogate pairs (characters beyond the BMP, as Java writers emit them): decode as UTF-16; a lone
    # surrogate becomes U+FFFD instead of failing the table
    rows = codes.astype(">u2")
    out = [
        None if mask is not None and mask[i] else rows[i].tobytes().decode("utf-16-be", "replace").rstrip("\0")
        for i in range(n)
    ]
    return pa.array(out, type=pa.string())


def _string_nulls(spec: FieldSpec, arr: pa.Array) -> pa.Array:
    if spec.null is None:
        return arr
    import pyarrow.compute as pc

    return pc.if_else(pc.equal(arr, spec.null), pa.scalar(None, arr.type), arr)


def boolean_values(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(values, null mask) from 'T'/'F'/'1'/'0' bytes; anything else ('?', ' ', NUL) is null."""
    true = np.isin(values, _TRUE)
    false = np.isin(values, _FALSE)
    return true, ~(true | false)


def fixed(spec: FieldSpec, values: np.ndarray, mask: np.ndarray | None) -> pa.Array:
    """A column from fixed-width values shaped (n,) or (n, k), as read from the wire (big-endian)."""
    n = values.shape[0]
    if spec.is_text and spec.strings:
        width = spec.count // spec.strings
        one = dataclasses.replace(spec, count=width, strings=0, arrow_type=pa.string())
        strings = text_fixed(one, values.reshape(n * spec.strings, width), None)
        return pa.FixedSizeListArray.from_arrays(strings, spec.strings, mask=_list_mask(mask))
    if spec.is_text:
        return text_fixed(spec, values.reshape(n, -1), mask)
    if spec.datatype == "bit":
        bits = np.unpackbits(values.reshape(n, -1), axis=1)[:, : spec.count].astype(bool)
        if spec.count == 1:
            return from_numpy(bits.reshape(n), mask)
        return pa.FixedSizeListArray.from_arrays(from_numpy(bits.reshape(-1)), spec.count, mask=_list_mask(mask))
    if spec.datatype == "boolean":
        flat, nulls = boolean_values(values.reshape(-1))
        if not spec.is_list:
            return from_numpy(flat, _mask_or(mask, nulls))
        return pa.FixedSizeListArray.from_arrays(from_numpy(flat, nulls), spec.count, mask=_list_mask(mask))
    native = _native(values)
    if not spec.is_list:
        native = native.reshape(n)
        return from_numpy(native, _mask_or(mask, numeric_null_mask(spec, native)))
    flat = native.reshape(-1)
    return pa.FixedSizeListArray.from_arrays(_elements(spec, flat), spec.count * spec.factor, mask=_list_mask(mask))


def _elements(spec: FieldSpec, flat: np.ndarray) -> pa.Array:
    """Array elements; the VALUES null marks single elements null (VOTable 1.5 sec. 5.5), NaN stays NaN."""
    sentinel = null_sentinel(spec)
    if sentinel is None:
        return from_numpy(flat)
    nulls = flat == sentinel
    return from_numpy(flat, nulls if nulls.any() else None)


def variable(spec: FieldSpec, data: np.ndarray, counts: np.ndarray, mask: np.ndarray | None) -> pa.Array:
    """A column from variable-length values: concatenated element bytes and element counts per row."""
    n = len(counts)
    if spec.datatype == "unicodeChar":
        raw = data.tobytes()
        out, pos = [], 0
        for i, c in enumerate(counts.tolist()):
            out.append(None if mask is not None and mask[i] else raw[pos : pos + 2 * c].decode("utf-16-be", "replace"))
            pos += 2 * c
        return _string_nulls(spec, pa.array(out, type=pa.string()))
    if spec.datatype == "char":
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        return _string_nulls(spec, _bytes_to_strings(data, offsets, mask))
    per = spec.factor
    offsets = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(counts * per, out=offsets[1:])
    if spec.datatype == "boolean":
        vals, nulls = boolean_values(data.view("S1"))
        values = from_numpy(vals, nulls)
    elif spec.datatype == "bit":
        values = from_numpy(_variable_bits(data, counts))
    else:
        values = _elements(spec, _native(data.view(spec.elem_dtype)))
    return pa.ListArray.from_arrays(from_numpy(offsets), values, mask=_list_mask(mask))


def _variable_bits(data: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The bits of variable-length bit arrays, each packed MSB first into ceil(count / 8) bytes, concatenated."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=bool)
    bits = np.unpackbits(np.ascontiguousarray(data, dtype=np.uint8))
    row_bytes = (counts + 7) // 8
    byte_start = np.zeros(len(counts), dtype=np.int64)
    np.cumsum(row_bytes[:-1], out=byte_start[1:])
    bit_start = np.zeros(len(counts), dtype=np.int64)
    np.cumsum(counts[:-1], out=bit_start[1:])
    return bits[np.repeat(byte_start * 8 - bit_start, counts) + np.arange(total)].astype(bool)
