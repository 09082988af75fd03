"""Short-lived signed links: how a desktop tool (which cannot carry the Jupyter token) fetches one file.

A link is ``<base>/escape/api/samp/files/<token>/<file name>``. The token holds the file's path, its size and
modification time, and an expiry, signed with HMAC-SHA256 under a secret kept on the server (a 0600 file in the
state folder, never sent anywhere). The serving route checks, in this order: the signature (an altered token,
path or name is refused), the expiry (a link used after it is refused, however often it worked before), and
that the file is still the one signed (same size and mtime). Nothing else is readable through such a link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import EscapeError

SERVICE = "samp"
SECRET_FILE = "samp-link-secret"
DEFAULT_TTL = 600.0  # long enough for TOPCAT to fetch a big table, short enough that a leaked link soon dies
MAX_TTL = 24 * 3600.0


class LinkRefused(EscapeError):
    def __init__(self, why: str, status: int = 403) -> None:
        super().__init__(f"signed link refused: {why}", service=SERVICE, status=status)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def load_secret(state_dir: str | os.PathLike[str]) -> bytes:
    """The signing secret, created once as a 0600 file (mode repaired if someone loosened it)."""
    path = Path(state_dir) / SECRET_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        os.chmod(path, 0o600)
        data = path.read_bytes().strip()
        if len(data) >= 32:
            return data
        raise EscapeError(
            f"the SAMP link secret {path} is damaged: delete it to make a new one", service=SERVICE, status=500
        ) from None
    with os.fdopen(fd, "wb") as fh:
        value = secrets.token_hex(32).encode("ascii")
        fh.write(value)
    return value


@dataclass(frozen=True)
class SignedFile:
    path: Path
    expires: float
    job: str | None = None  # the SAMP send the link belongs to (its reads are counted, a cancel revokes it)


class LinkSigner:
    """Signs and checks links to files below ``allowed`` folders (the server root and the SAMP outbox)."""

    def __init__(
        self, secret: bytes, allowed: list[str | os.PathLike[str]], clock: Callable[[], float] = time.time
    ) -> None:
        self._secret = secret
        self._allowed = [Path(a).resolve() for a in allowed]
        self._clock = clock

    def _mac(self, body: str) -> str:
        return _b64(hmac.new(self._secret, body.encode("ascii"), hashlib.sha256).digest()[:20])

    def _check_allowed(self, path: Path) -> Path:
        resolved = path.resolve()
        if not any(resolved == a or a in resolved.parents for a in self._allowed):
            raise LinkRefused("the file is outside the folders links may point to")
        if not resolved.is_file():
            raise LinkRefused(f"{resolved.name} is not a file", status=404)
        return resolved

    def sign(self, path: str | os.PathLike[str], ttl: float = DEFAULT_TTL, job: str | None = None) -> str:
        """``<token>/<name>``: the part of the URL after ``samp/files/``."""
        if not 0 < ttl <= MAX_TTL:
            raise EscapeError(f"ttl: between 0 and {MAX_TTL:g} seconds", status=400)
        resolved = self._check_allowed(Path(path))
        st = resolved.stat()
        claims = {
            "p": str(resolved),
            "s": st.st_size,
            "m": st.st_mtime_ns,
            "e": int(self._clock() + ttl),
            "n": secrets.token_hex(4),
        }
        if job:
            claims["j"] = job
        body = _b64(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
        return f"{body}.{self._mac(body)}/{resolved.name}"

    def check(self, token: str, name: str, revoked: Callable[[str], bool] | None = None) -> SignedFile:
        """The file a token names, or LinkRefused saying why (altered, expired, revoked, file changed).
        ``revoked(job_id)`` says whether the send a link belongs to was cancelled."""
        body, _, mac = (token or "").partition(".")
        if not body or not mac or not hmac.compare_digest(mac, self._mac(body)):
            raise LinkRefused("the signature does not match (altered or not made by this server)")
        try:
            claims = json.loads(_unb64(body))
            path, expires = Path(claims["p"]), float(claims["e"])
        except (ValueError, KeyError, TypeError):
            raise LinkRefused("the token is malformed") from None
        if self._clock() >= expires:
            raise LinkRefused("the link has expired; send the data again for a fresh one", status=410)
        if name != path.name:
            raise LinkRefused("the file name in the link was changed")
        job = claims.get("j")
        job = job if isinstance(job, str) else None
        if job and revoked is not None and revoked(job):
            raise LinkRefused("the send was cancelled, which revoked its link", status=410)
        resolved = self._check_allowed(path)
        st = resolved.stat()
        if (st.st_size, st.st_mtime_ns) != (claims.get("s"), claims.get("m")):
            raise LinkRefused("the file changed after the link was made", status=410)
        return SignedFile(resolved, expires, job)
