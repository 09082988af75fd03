"""Files the sky view loads from the workspace: confined to the server root, regular files only."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from ..core.errors import EscapeError
from ..core.paths import confine
from .fitscheck import SERVICE

CONTENT_TYPES = {
    ".fits": "application/fits",
    ".fit": "application/fits",
    ".fts": "application/fits",
    ".gz": "application/gzip",
    ".fz": "application/fits",
    ".json": "application/json",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".js": "text/javascript",
    ".xml": "application/xml",
    ".vot": "application/x-votable+xml",
    ".arrow": "application/vnd.apache.arrow.stream",
}


def workspace_file(root: str, relpath: str) -> Path:
    """``relpath`` under the server root; refuses escapes, symlinks leading out, folders and missing files."""
    path = confine(root, relpath)
    if not path.exists():
        raise EscapeError(f"{relpath}: no such file", service=SERVICE, status=404)
    if not path.is_file():
        raise EscapeError(f"{relpath}: not a regular file", service=SERVICE, status=400)
    return path


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"
