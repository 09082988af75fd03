"""Data made ready to send: a table becomes a VOTable file in the SAMP outbox; a file already in a format the
desktop reads (VOTable, FITS table or image, spectrum) is sent as it is."""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import BadInput
from . import mtypes

if TYPE_CHECKING:
    import pyarrow as pa

    from .sends import Watch

OUTBOX = "samp-outbox"
KEEP_SECONDS = 24 * 3600
VOTABLE_SUFFIXES = (".vot", ".votable", ".xml", ".vot.xml")
FITS_SUFFIXES = (".fits", ".fit", ".fts", ".fits.gz", ".fit.gz")
CONVERTED_SUFFIXES = (".parquet", ".csv", ".ecsv", ".arrow", ".feather")
SPECTRUM_FORMATS = {
    ".fits": "application/fits",
    ".fit": "application/fits",
    ".vot": "application/x-votable+xml",
    ".xml": "application/x-votable+xml",
}


@dataclass
class Prepared:
    path: Path
    mtype: str
    table_id: str
    name: str
    rows: int | None = None
    meta: dict[str, Any] | None = None
    temporary: bool = False  # written into the outbox for this send (removed if the send is cancelled)

    def to_json(self) -> dict[str, Any]:
        return {
            "mtype": self.mtype,
            "table_id": self.table_id,
            "name": self.name,
            "rows": self.rows,
            "file": self.path.name,
            "meta": self.meta,
        }


def outbox_dir(state_dir: str | os.PathLike[str]) -> Path:
    path = Path(state_dir) / OUTBOX
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def clean_outbox(folder: Path, keep: float = KEEP_SECONDS) -> None:
    """Drop files older than a day: a link made for them has long expired."""
    limit = time.time() - keep
    for f in folder.glob("*"):
        try:
            if f.is_file() and f.stat().st_mtime < limit:
                f.unlink()
        except OSError:
            pass


def table_id_for(key: str) -> str:
    """A SAMP table-id for one sending of what the panel calls ``key``: new on every send, because TOPCAT refuses
    a table-id it has received before; selections coming back map onto the source through SampLink.sent."""
    return f"escape-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:10]}-{secrets.token_hex(3)}"


def prepare_table(table: Any, key: str, name: str, folder: Path, watch: Watch | None = None) -> Prepared:
    """Write an Arrow/astropy/pandas table as a BINARY2 VOTable (0600) into the outbox.

    ``watch`` (sends.Watch) hears the bytes written against an estimate and stops the writing when the send is
    cancelled; the file is written under a temporary name, so a stopped or failed write leaves nothing."""
    from ..basket.tableio import to_arrow

    arrow = to_arrow(table)
    table_id = table_id_for(key)
    target = folder / f"{table_id}.vot"
    if watch is not None:
        watch.estimate(votable_estimate(arrow), arrow.num_rows)
    tmp = folder / f".{table_id}.vot.part"
    try:
        _write_votable(arrow, tmp, watch)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return Prepared(target, mtypes.TABLE, table_id, name, arrow.num_rows, temporary=True)


def votable_estimate(arrow: pa.Table) -> int:
    """About the size of the BINARY2 VOTable of ``arrow``: its bytes plus a null flag per cell, base64 (4/3),
    plus the header. Strings are stored with a 4-byte length, which nbytes does not count."""
    cells = arrow.num_rows * max(arrow.num_columns, 1)
    estimate: int = int((arrow.nbytes + cells // 8 + 4 * arrow.num_rows) * 4 / 3) + 2048 * max(arrow.num_columns, 1)
    return estimate


SLICE_ROWS = 20_000  # rows serialised at a time: the progress step, and when a cancel is noticed
_STREAM_OPEN = b'<STREAM encoding="base64">'
_STREAM_CLOSE = b"</STREAM>"
_LINE_BYTES = 57  # base64.encodebytes writes 76-character lines of 57 bytes each


def _write_votable(arrow: pa.Table, path: Path, watch: Watch | None) -> None:
    """A BINARY2 VOTable, written slice by slice so ``watch`` hears real progress and a cancel stops it between
    slices (astropy serialises a whole table before writing a byte of it). Each slice is serialised by astropy;
    the rows of a BINARY2 stream are independent records, so the decoded streams of the slices are joined into
    one stream under the first slice's header. The slices come from one astropy table, so every slice has the
    same field definitions (string widths included)."""
    import base64
    import io

    from astropy.io.votable import from_table

    from ..vo.results import to_astropy

    table = to_astropy(arrow)
    total = len(table)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        tail, pending, written = b"", b"", 0
        for start in range(0, max(total, 1), SLICE_ROWS):
            if watch is not None:
                watch.check()
            vot = from_table(table[start : start + SLICE_ROWS])
            vot.get_first_table().format = "binary2"
            buf = io.BytesIO()
            vot.to_xml(buf)
            text = buf.getvalue()
            i, j = text.find(_STREAM_OPEN), text.find(_STREAM_CLOSE)
            if i < 0 or j < 0:  # no rows at all: astropy's document is the whole answer
                fh.write(text)
                return
            if start == 0:
                fh.write(text[: i + len(_STREAM_OPEN)] + b"\n")
                tail = text[j:]
            pending += base64.b64decode(text[i + len(_STREAM_OPEN) : j])
            cut = len(pending) - len(pending) % _LINE_BYTES
            fh.write(base64.encodebytes(pending[:cut]))
            written += cut
            pending = pending[cut:]
            if watch is not None:
                done = min(start + SLICE_ROWS, total)
                watch.estimate(int(written * total / done) if done else written, total)
                watch.wrote(written)
        fh.write(base64.encodebytes(pending) + tail)


def prepare_file(path: Path, key: str, folder: Path, kind: str | None = None, watch: Watch | None = None) -> Prepared:
    """A workspace or staged file: VOTable and FITS go as they are, other tables are converted to VOTable.

    ``kind`` is "table", "image" or "spectrum"; by default a FITS file whose primary HDU holds an array of two or
    more dimensions is an image, any other FITS file a table."""
    name = path.name
    lower = name.lower()
    if kind not in (None, "table", "image", "spectrum"):
        raise BadInput("as", f"{kind!r} is not table, image or spectrum")
    table_id = table_id_for(key)
    if kind == "spectrum":
        suffix = next((s for s in SPECTRUM_FORMATS if lower.endswith(s)), None)
        if suffix is None:
            raise BadInput("path", "a spectrum is sent as FITS or VOTable (spectrum.load.ssa-generic)")
        return Prepared(path, mtypes.SPECTRUM, table_id, name, None, {"Access.Format": SPECTRUM_FORMATS[suffix]})
    if lower.endswith(VOTABLE_SUFFIXES):
        if kind == "image":
            raise BadInput("as", "a VOTable is a table, not an image")
        return Prepared(path, mtypes.TABLE, table_id, name)
    if lower.endswith(FITS_SUFFIXES):
        is_image = kind == "image" or (kind is None and _fits_is_image(path))
        return Prepared(path, mtypes.IMAGE if is_image else mtypes.TABLE_FITS, table_id, name)
    if lower.endswith(CONVERTED_SUFFIXES):
        if kind == "image":
            raise BadInput("as", f"{name} is a table, not an image")
        return prepare_table(path, key, name, folder, watch)
    raise BadInput("path", f"{name}: SAMP sends VOTable, FITS, Parquet, CSV, ECSV or Arrow files")


def _fits_is_image(path: Path) -> bool:
    from astropy.io import fits

    try:
        with fits.open(path, memmap=True) as hdus:
            header = hdus[0].header
            return int(header.get("NAXIS", 0)) >= 2 and int(header.get("NAXIS1", 0)) > 0
    except OSError as exc:
        raise BadInput("path", f"{path.name} is not a readable FITS file ({exc})") from None
