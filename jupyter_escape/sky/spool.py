"""Large catalogues handed from a kernel to the sky view by reference, not inline.

A table sent inline travels as JSON inside the notebook output, so into the notebook's document model, the
saved file and every re-render: at 100,000 rows that path took most of the ~19 s before the sources appeared.
Past ``INLINE_ROWS`` the kernel writes the table once as an Arrow IPC stream into a spool folder both processes
know (the Jupyter runtime folder, shared by a server and the kernels it starts) and the output carries only a
random token; the server's ``sky/tables/<token>`` route serves those bytes and the browser decodes them with
apache-arrow into typed arrays.

No tornado and no Jupyter server here: the kernel imports this module too.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from pathlib import Path
from typing import Any

from ..core.errors import BadInput, EscapeError

SERVICE = "sky"
# Below this many rows the inline JSON is small enough (< ~1 MB) and needs no file.
INLINE_ROWS = 20_000
# Spooled tables older than this are removed when the next one is written (a saved notebook's output then
# asks to run its cell again).
KEEP_SECONDS = 24 * 3600
TOKEN = re.compile(r"^[0-9a-f]{32}$")
SUFFIX = ".arrow"


def spool_dir() -> Path:
    """``<jupyter runtime dir>/escape-sky-tables``: the server and its kernels share JUPYTER_RUNTIME_DIR."""
    from jupyter_core.paths import jupyter_runtime_dir

    return Path(jupyter_runtime_dir()) / "escape-sky-tables"


def arrow_table(table: Any) -> Any:
    """A pyarrow Table from a pandas DataFrame, astropy Table, pyarrow Table or dict of columns, column by
    column without going through Python objects (masked values become nulls)."""
    import numpy as np
    import pyarrow as pa

    if isinstance(table, pa.Table):
        # Array cells (a VOTable arraysize, as vo.votable reads them) become text, as astropy's and dicts' do.
        for index, field in enumerate(table.schema):
            if pa.types.is_nested(field.type):
                table = table.set_column(index, field.name, _text_cells(table.column(index).to_pylist()))
        return table
    if hasattr(table, "colnames"):  # astropy
        arrays = {}
        for name in table.colnames:
            column = table[name]
            data = np.asarray(getattr(column, "data", column))
            mask = np.asarray(column.mask) if hasattr(column, "mask") and np.ndim(column.mask) else None
            arrays[str(name)] = _array(data, mask)
        return pa.table(arrays)
    if hasattr(table, "to_dict") and hasattr(table, "columns"):  # pandas
        return pa.Table.from_pandas(table, preserve_index=False)
    if isinstance(table, dict):
        return pa.table({str(k): _array(np.asarray(v), None) for k, v in table.items()})
    raise TypeError(
        f"cannot read a table from {type(table).__name__}: give a DataFrame, an astropy or "
        "pyarrow Table or a dict of columns"
    )


def _array(data: Any, mask: Any) -> Any:
    import numpy as np
    import pyarrow as pa

    if data.dtype.kind in "US":  # fixed-width numpy strings
        data = data.astype(str).astype(object)
    if data.ndim != 1:
        # A fixed-size array per row (a VOTable arraysize="3"): shown as text, "[1.0, None, 3.0]" as the inline
        # path (api.table_columns) writes it, masked elements as None; a row with every element masked is null.
        if mask is None or mask.shape != data.shape:
            return _text_cells(data.tolist())
        rows = np.ma.masked_array(data, mask).tolist()
        return _text_cells(rows, mask.reshape(len(data), -1).all(axis=1) if data.size else None)
    if data.dtype.kind == "O" and any(isinstance(v, (np.ndarray, list, tuple)) for v in data):
        # Variable-length arrays (arraysize="*"): one numpy array per cell.
        return _text_cells([v.tolist() if isinstance(v, np.ndarray) else v for v in data], mask)
    if data.dtype.kind in "fiub":
        return _numeric_array(data, mask)
    return pa.array(data, mask=mask if mask is not None and mask.any() else None, from_pandas=True)


def _text_cells(cells: list[Any], mask: Any = None) -> Any:
    """Cells as Arrow strings (``str`` of each value; null where ``mask`` says or the cell is None)."""
    import pyarrow as pa

    nulls = [False] * len(cells) if mask is None else [bool(m) for m in mask]
    return pa.array(
        [None if null or v is None else str(v) for v, null in zip(cells, nulls, strict=True)], type=pa.string()
    )


def _numeric_array(data: Any, mask: Any) -> Any:
    """A numeric or boolean Arrow array over numpy's buffer. ``pa.array`` would import pandas on its first call
    (over a second in a fresh kernel: most of the time from the command to the sources on the sky); NaN becomes
    null as ``from_pandas`` would make it."""
    import numpy as np
    import pyarrow as pa

    if data.dtype.kind == "f":
        nan = np.isnan(data)
        mask = nan if mask is None else (mask | nan)
    validity = None
    if mask is not None and mask.any():
        validity = pa.py_buffer(np.packbits(~mask.astype(bool), bitorder="little"))
    if data.dtype.kind == "b":
        values = pa.py_buffer(np.packbits(data, bitorder="little"))
        return pa.Array.from_buffers(pa.bool_(), len(data), [validity, values])
    data = np.ascontiguousarray(data, dtype=data.dtype.newbyteorder("="))
    return pa.Array.from_buffers(pa.from_numpy_dtype(data.dtype), len(data), [validity, pa.py_buffer(data)])


def write_table(table: Any) -> str:
    """Write ``table`` (a pyarrow Table) as an Arrow IPC stream into the spool; return its token. The file
    appears complete or not at all (written under a temporary name, then renamed)."""
    import pyarrow as pa

    folder = spool_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    prune(folder)
    token = secrets.token_hex(16)
    final = folder / f"{token}{SUFFIX}"
    partial = folder / f".{token}.partial"
    try:
        with pa.OSFile(str(partial), "wb") as sink, pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table, max_chunksize=1 << 16)
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    return token


def prune(folder: Path, now: float | None = None) -> None:
    limit = (now or time.time()) - KEEP_SECONDS
    for path in folder.glob(f"*{SUFFIX}"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass  # removed by another kernel meanwhile


def table_path(token: str) -> Path:
    """The spooled file of ``token``; refuses anything but a token, and says plainly when it is gone."""
    if not isinstance(token, str) or not TOKEN.match(token):
        raise BadInput("token", "expected the 32 hexadecimal characters a sky.show_table output carries")
    path = spool_dir() / f"{token}{SUFFIX}"
    if not path.is_file():
        raise EscapeError(
            "this table is no longer available (spooled tables are kept for 24 hours, on the "
            "machine that ran the kernel): run the cell again",
            service=SERVICE,
            status=404,
        )
    return path
