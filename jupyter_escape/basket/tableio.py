"""Tables in and out of the basket: Arrow is the common form; units, UCDs and descriptions ride along as
Arrow field metadata (``unit``, ``ucd``, ``description``) so parquet files and the workspace DB keep them."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..core.errors import BadInput, EscapeError
from ..core.hugepages import ordinary_pages

if TYPE_CHECKING:
    from astropy.table import Table

META_KEYS = ("unit", "ucd", "description", "utype", "xtype")
# How a VOTable says to print a column's values (the grid follows them): kept with the table, not in the workspace
# DB's column catalogue (escape_columns has the META_KEYS).
DISPLAY_KEYS = ("precision", "width")
# A column description's "datatype" (a VOTable datatype, or the Arrow type name column_meta gives) -> the Arrow type
# its values are kept as. JSON rows carry numbers only, which Arrow reads as int64 or double: a VOTable float read
# back as a double prints 21.971001 where the service said 21.971.
STORED_TYPES = {
    "float": pa.float32(),
    "double": pa.float64(),
    "unsignedByte": pa.uint8(),
    "uint8": pa.uint8(),
    "short": pa.int16(),
    "int16": pa.int16(),
    "int": pa.int32(),
    "int32": pa.int32(),
    "long": pa.int64(),
    "int64": pa.int64(),
}
READABLE = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".fits": "fits",
    ".fit": "fits",
    ".fits.gz": "fits",
    ".xml": "votable",
    ".vot": "votable",
    ".votable": "votable",
    ".csv": "csv",
    ".ecsv": "ecsv",
    ".arrow": "arrow",
    ".feather": "arrow",
    ".hdf5": "hdf5",
}


def column_meta(table: pa.Table) -> list[dict[str, Any]]:
    """[{name, datatype, unit, ucd, description, ...}] from Arrow field metadata (datatype: the Arrow type's name)."""
    out = []
    for f in table.schema:
        meta = {k.decode(): v.decode() for k, v in (f.metadata or {}).items()}
        described = {k: meta.get(k) for k in META_KEYS + DISPLAY_KEYS if meta.get(k)}
        out.append({"name": f.name, "datatype": str(f.type), **described})
    return out


def with_meta(table: pa.Table, columns: list[dict[str, Any]]) -> pa.Table:
    """Attach unit/ucd/description (META_KEYS) and precision/width from ``columns`` (matched by name) to the table's
    fields."""
    by_name = {c["name"]: c for c in columns if isinstance(c, dict) and "name" in c}
    fields = []
    for f in table.schema:
        c = by_name.get(f.name, {})
        meta = dict(f.metadata or {})
        meta.update({k.encode(): str(c[k]).encode() for k in META_KEYS + DISPLAY_KEYS if c.get(k)})
        fields.append(f.with_metadata(meta or None))
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


def from_astropy(table: Table) -> pa.Table:
    arrays, fields = [], []
    for name in table.colnames:
        col = table[name]
        data = np.ma.getdata(col) if not hasattr(col, "mask") else col
        values = np.asarray(getattr(data, "value", data))
        mask = np.ma.getmaskarray(col) if hasattr(col, "mask") else None
        if values.dtype.kind == "O":
            arr = pa.array(list(values), mask=mask if mask is not None and mask.any() else None)
        elif values.ndim > 1:
            arr = pa.array(list(values))
        else:
            if values.dtype.byteorder == ">":
                values = values.astype(values.dtype.newbyteorder("="))
            arr = pa.array(values, mask=mask if mask is not None and mask.any() else None)
        meta = {}
        if getattr(col, "unit", None) is not None:
            meta["unit"] = col.unit.to_string()
        info_meta = getattr(col.info, "meta", None) or {}
        if info_meta.get("ucd"):
            meta["ucd"] = str(info_meta["ucd"])
        if getattr(col.info, "description", None):
            meta["description"] = str(col.info.description)
        arrays.append(arr)
        fields.append(pa.field(name, arr.type, metadata={k: v for k, v in meta.items()} or None))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def to_astropy(table: pa.Table) -> Table:
    from astropy import units as u
    from astropy.table import MaskedColumn, Table

    out = Table()
    for f, col in zip(table.schema, table.columns, strict=True):
        meta = {k.decode(): v.decode() for k, v in (f.metadata or {}).items()}
        mask = col.is_null().to_numpy(zero_copy_only=False) if col.null_count else None
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            # fixed-width text, not Python objects: FITS has no column format for an object array
            values = np.array(col.fill_null("").to_pylist(), dtype=str)
        else:
            values = col.to_numpy(zero_copy_only=False)
        if mask is not None and values.dtype.kind == "f":
            values = np.where(mask, np.nan, values)
        column = MaskedColumn(values, name=f.name, mask=mask) if mask is not None else values
        out[f.name] = column
        if meta.get("unit"):
            with contextlib.suppress(ValueError):
                out[f.name].unit = u.Unit(meta["unit"], parse_strict="silent")
        if meta.get("description"):
            out[f.name].description = meta["description"]
        if meta.get("ucd"):
            out[f.name].meta["ucd"] = meta["ucd"]
    return out


def _is_astropy_table(obj: object) -> bool:
    try:
        from astropy.table import Table
    except ImportError:
        return False
    return isinstance(obj, Table)


def to_arrow(obj: Any) -> pa.Table:
    """Arrow from an Arrow table, astropy Table, pandas DataFrame, or a file path."""
    if isinstance(obj, pa.Table):
        return obj
    if isinstance(obj, pa.RecordBatch):
        return pa.Table.from_batches([obj])
    if isinstance(obj, (str, os.PathLike)):
        return read_file(obj)
    # A VO result (jupyter_escape.vo.ResultTable) still holds the Arrow table it was decoded into, with the
    # VOTable column metadata: use it rather than converting back from astropy.
    arrow = getattr(obj, "to_arrow", None)
    if callable(arrow) and isinstance(arrow(), pa.Table):
        return arrow()
    mod = type(obj).__module__
    if mod.startswith("astropy") or _is_astropy_table(obj):
        return from_astropy(obj)
    if mod.startswith("pandas"):
        return pa.Table.from_pandas(obj, preserve_index=False)
    if hasattr(obj, "to_table") and type(obj).__module__.startswith("pyvo"):
        return from_astropy(obj.to_table())
    raise BadInput("table", f"cannot use a {type(obj).__name__} as a table (give Arrow, astropy, pandas or a path)")


def file_format(path: str | os.PathLike[str]) -> str | None:
    name = str(path).lower()
    for ext in sorted(READABLE, key=len, reverse=True):
        if name.endswith(ext):
            return READABLE[ext]
    return None


@ordinary_pages()  # large buffers, read once: no huge-page compaction stalls (core.hugepages)
def read_file(path: str | os.PathLike[str]) -> pa.Table:
    path = Path(path)
    if not path.exists():
        raise EscapeError(f"file {path} does not exist (moved or deleted?)", service="basket", status=404)
    fmt = file_format(path)
    try:
        if fmt == "parquet":
            # one file: ParquetFile skips pyarrow.dataset, whose import pulls in pandas (~0.5 s of CPU)
            # memory_map: column chunks are decoded straight from the page cache, not first copied into Arrow's
            # allocator (half the fresh memory; the decoded table does not refer to the mapping)
            return pq.ParquetFile(path, memory_map=True).read() if path.is_file() else pq.read_table(path)
        if fmt == "arrow":
            from pyarrow import feather

            return feather.read_table(path)
        if fmt == "csv":
            import pyarrow.csv as pcsv

            return pcsv.read_csv(path)
        if fmt in ("fits", "votable", "ecsv", "hdf5"):
            from astropy.table import Table

            kind = {"fits": "fits", "votable": "votable", "ecsv": "ascii.ecsv", "hdf5": "hdf5"}[fmt]
            return from_astropy(Table.read(path, format=kind))
    except EscapeError:
        raise
    except Exception as exc:
        raise EscapeError(f"cannot read {path.name} as {fmt}: {exc}", service="basket", status=400) from exc
    raise BadInput(
        "path", f"{path.name}: not a table format this basket reads ({', '.join(sorted(set(READABLE.values())))})"
    )


@ordinary_pages()
def read_columns(path: str | os.PathLike[str], names: list[str]) -> tuple[pa.Table, pa.Schema] | None:
    """Only the named columns of a Parquet file, and the file's whole schema (every column, with its metadata).
    None when that cannot be done: not one Parquet file, or a name that is not one of its columns (an
    expression); read_file then reads the whole table, and reports any problem with the file."""
    path = Path(path)
    if not path.is_file() or file_format(path) != "parquet":
        return None
    try:
        file = pq.ParquetFile(path, memory_map=True)
        schema = file.schema_arrow
        if not all(name in schema.names for name in names):
            return None
        return file.read(columns=list(dict.fromkeys(names))), schema
    except Exception:  # read_file says what is wrong with the file
        return None


def _dictionary_columns(table: pa.Table) -> list[str]:
    """Columns worth Parquet's dictionary encoding: text and bytes. On numbers (mostly distinct: positions, fluxes,
    ids) the writer builds a dictionary, finds it too large and falls back, which made writing 4x slower and the
    file 35 % larger than plain encoding under zstd (a 100k-row cross-match result)."""
    text = (pa.types.is_string, pa.types.is_large_string, pa.types.is_binary, pa.types.is_large_binary)
    return [f.name for f in table.schema if any(is_type(f.type) for is_type in text)]


@ordinary_pages()
def write_file(table: pa.Table, path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    fmt = file_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    if fmt == "parquet":
        pq.write_table(table, tmp, compression="zstd", use_dictionary=_dictionary_columns(table))
    elif fmt == "arrow":
        from pyarrow import feather

        feather.write_feather(table, tmp)
    elif fmt == "csv":
        import pyarrow.csv as pcsv

        pcsv.write_csv(table, tmp)
    elif fmt in ("fits", "votable", "ecsv"):
        kind = {"fits": "fits", "votable": "votable", "ecsv": "ascii.ecsv"}[fmt]
        to_astropy(table).write(tmp, format=kind, overwrite=True)
    else:
        raise BadInput("path", f"{path.name}: choose .parquet, .fits, .xml/.vot (VOTable), .csv, .ecsv or .arrow")
    os.replace(tmp, path)
    return path


def inline_to_arrow(columns: object, rows: object) -> pa.Table:
    """Rows as the frontend sends them: columns [{name, datatype?, unit?, ucd?...}] and row lists."""
    if not isinstance(columns, list) or not all(isinstance(c, dict) and c.get("name") for c in columns):
        raise BadInput("payload.columns", "expected a list of {name, unit?, ucd?, description?}")
    if not isinstance(rows, list) or any(not isinstance(r, (list, tuple)) or len(r) != len(columns) for r in rows):
        raise BadInput("payload.rows", f"expected a list of rows with {len(columns)} values each")
    names = [c["name"] for c in columns]
    data = {n: [r[i] for r in rows] for i, n in enumerate(names)}
    try:
        table = pa.table(data)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise BadInput("payload.rows", f"values of one column have mixed types: {exc}") from exc
    return with_meta(_stored_types(table, columns), columns)


def _stored_types(table: pa.Table, columns: list[dict[str, Any]]) -> pa.Table:
    """Numeric columns back in the type their description names (STORED_TYPES); a value that does not fit (an
    int beyond int32 in an "int" column) keeps the column as JSON read it."""
    for i, c in enumerate(columns):
        target = STORED_TYPES.get(str(c.get("datatype")))
        current = table.schema.field(i).type
        numeric = pa.types.is_integer(current) or pa.types.is_floating(current) or pa.types.is_null(current)
        if target is None or current == target or not numeric:
            continue
        if pa.types.is_floating(current) and pa.types.is_integer(target):
            continue  # fractional values in an integer column: not ours to round
        with contextlib.suppress(pa.ArrowInvalid):
            table = table.set_column(i, table.schema.field(i).with_type(target), table.column(i).cast(target))
    return table


def arrow_to_inline(table: pa.Table) -> tuple[list[Any], list[Any]]:
    columns = column_meta(table)
    pylist = table.to_pydict()
    rows = [list(r) for r in zip(*(pylist[c["name"]] for c in columns), strict=True)] if columns else []
    return columns, rows


def checksum_file(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return "sha256:" + h.hexdigest()


def checksum_table(table: pa.Table) -> str:
    """A content hash of a table (schema + data), stable across runs for the same values."""
    h = hashlib.sha256()
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table.combine_chunks())
    h.update(sink.getvalue().to_pybytes())
    return "sha256:" + h.hexdigest()


def ipc_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    data: bytes = sink.getvalue().to_pybytes()
    return data
