"""Identifiers from outside (a notebook, a remote service, the browser): checked against a strict shape, and file
names derived from them, never taken as they are.

Why: an id is data until it reaches a path, a glob or a URL; then ``../``, ``*``, a NUL or a leading dot turns it
into an instruction. Checking the shape where the value enters, and deriving every file name with
:func:`file_stem` (a name that is safe whatever it was given), keeps both halves true even if one is forgotten.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, cast

from .errors import BadInput

# A local id (basket items, plans, jobs): letters, digits, '_' and '-'; no dot, so never '.', '..' or a suffix.
ITEM_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# A repository record id (Zenodo): digits only.
RECORD_ID = re.compile(r"[0-9]{1,20}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
STEM_MAX = 64


def check_id(value: object, field: str, shape: re.Pattern[str] = ITEM_ID) -> str:
    """``value`` if it is a string of the given shape, else BadInput naming ``field`` (the value is shown repr'd
    and cut, so a hostile id cannot fill or forge the message)."""
    if not isinstance(value, str) or not shape.fullmatch(value):
        raise BadInput(field, f"{str(value)[:80]!r} is not a valid identifier (expected {shape.pattern})")
    return value


def check_record_id(value: object, field: str = "record") -> str:
    """A repository record id as text; ints are accepted as the JSON number they often come as."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        value = str(value)
    return check_id(value, field, RECORD_ID)


def file_stem(value: str) -> str:
    """A file-name stem derived from ``value``: itself when it is already a plain id (so existing files keep their
    names), otherwise a slug plus a digest of the whole value (so two different values never share a file)."""
    text = str(value)
    if ITEM_ID.fullmatch(text):
        return text
    slug = _UNSAFE.sub("_", text).strip("_")[: STEM_MAX - 13] or "x"
    return f"{slug}-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:12]}"


_SAFE_FILE = re.compile(r"[^A-Za-z0-9._+-]+")


def safe_file_name(name: object, fallback: str = "download", limit: int = 150) -> str:
    """A remote file name (URL basename, Content-Disposition, a repository's file key) reduced to one plain path
    component: no separator, no leading dot (so never '.', '..' or a hidden file), printable ASCII, bounded."""
    text = _SAFE_FILE.sub("_", str(name or "")).strip("._")
    return text[:limit].rstrip(".") or fallback


def check_url(url: Any, field: str = "url") -> str:
    """An http(s) URL with a host, else 400 naming ``field``: the one URL-shape rule for URLs from the browser, a
    notebook or a remote record (``file:``, ``javascript:`` and the like never reach a client or a snippet)."""
    from urllib.parse import urlparse

    try:
        parsed = urlparse(url if isinstance(url, str) else "")
    except ValueError:
        parsed = None
    if (
        parsed is None
        or parsed.scheme not in ("http", "https")
        or not parsed.netloc
        or any(ord(c) < 32 or ord(c) == 127 for c in url)
    ):
        raise BadInput(field, f"{str(url)[:200]!r} is not an http(s) URL")
    return cast(str, url)  # it parsed as an http(s) URL: a str (bytes parse to bytes schemes, refused above)


def is_plain_file_name(name: object) -> bool:
    """True for a name that may be used as it is: one path component, printable, not hidden, not '.'/'..'.
    For names a user must recognise (a repository's file keys); anything else is refused or derived."""
    return (
        isinstance(name, str)
        and 0 < len(name.encode("utf-8", "surrogatepass")) <= 255
        and not name.startswith((".", "-", " "))
        and "/" not in name
        and "\\" not in name
        and name.isprintable()
    )
