"""Confine browser-supplied paths to the server root."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import EscapeError

MAX_PATH_BYTES = 4000  # below Linux's PATH_MAX (4096) once the root is prefixed, for any sensible root
MAX_NAME_BYTES = 255  # NAME_MAX of every common file system


def confine(root: str | os.PathLike[str], relpath: str | None) -> Path:
    """Resolve ``relpath`` under ``root`` and refuse anything that would land outside it.

    Symlinks are resolved first, so a link pointing out of the root is refused too.
    """
    if relpath is None:
        raise EscapeError("path: missing", status=400)
    if "\x00" in relpath:
        raise EscapeError("path: contains a NUL byte", status=400)
    # Longer names than the file system takes would fail later, deep in a handler, as a 500 (ENAMETOOLONG).
    if len(relpath.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES or any(
        len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES for part in relpath.split("/")
    ):
        raise EscapeError(
            f"path: longer than {MAX_PATH_BYTES} bytes or with a name longer than {MAX_NAME_BYTES}", status=400
        )
    root_path = Path(root).resolve()
    candidate = (root_path / relpath.lstrip("/")).resolve()
    if candidate != root_path and root_path not in candidate.parents:
        raise EscapeError(f"path: {relpath!r} is outside the server root", status=403)
    return candidate


def relative_to_root(root: str | os.PathLike[str], path: str | os.PathLike[str]) -> str:
    """The API form of a path: relative to the server root, with forward slashes."""
    return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
