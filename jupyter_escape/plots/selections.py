"""The linked views' selection, kept on disk for the kernel: the browser posts it (debounced) to the server,
which writes the selected rows (all columns, without the row-id column) as Parquet next to a small JSON record.
``jupyter_escape.plot.selection()`` reads them back as an astropy Table. Files are private (0600) in the
user's state folder, one pair per named view."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..core.errors import BadInput, EscapeError
from .sources import ROW

VIEW = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def _paths(state_dir: str | os.PathLike[str], view: str) -> tuple[Path, Path]:
    if not isinstance(view, str) or not VIEW.match(view) or view.startswith("."):
        raise BadInput("view", "a view name is 1-64 letters, digits, '_', '-' or '.'")
    folder = Path(state_dir) / "plot-selections"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / f"{view}.json", folder / f"{view}.parquet"


def _private_write(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)  # readers never see half a file


def save(
    state_dir: str | os.PathLike[str], view: str, source: dict[str, Any], table: pa.Table, rows: list[int], origin: str
) -> dict[str, Any]:
    record_path, rows_path = _paths(state_dir, view)
    ids = np.asarray(rows, dtype=np.int64)
    if ids.size and (ids.min() < 0 or ids.max() >= table.num_rows):
        raise BadInput("rows", f"row ids must be between 0 and {table.num_rows - 1}")
    subset = table.take(pa.array(ids)).drop_columns([c for c in (ROW,) if c in table.column_names])
    sink = pa.BufferOutputStream()
    pq.write_table(subset.append_column(ROW, pa.array(ids)), sink)
    _private_write(rows_path, sink.getvalue().to_pybytes())
    record = {"view": view, "source": source, "count": int(ids.size), "origin": origin}
    _private_write(record_path, json.dumps(record).encode())
    return record


def load(state_dir: str | os.PathLike[str], view: str) -> tuple[dict[str, Any], pa.Table]:
    record_path, rows_path = _paths(state_dir, view)
    if not record_path.exists():
        raise EscapeError(f"no selection has been made in the linked view {view!r} yet", service="plots", status=404)
    return json.loads(record_path.read_text()), pq.read_table(rows_path)
