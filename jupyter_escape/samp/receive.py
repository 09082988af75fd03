"""What desktop tools send us: tables and images into the basket (provenance names the sending application),
selections and sky positions into the event log the panel and notebooks read."""

from __future__ import annotations

import os
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..core.errors import BadInput, EscapeError
from . import mtypes

if TYPE_CHECKING:
    from astropy.table import Table

    from ..basket.api import Basket
    from .hub import SampLink

SERVICE = "samp"
MAX_RECEIVE_BYTES = 512 * 1024 * 1024
FETCH_TIMEOUT = 60.0


def handle_message(link: SampLink, mtype: str, params: dict[str, Any], sender: dict[str, Any]) -> dict[str, Any]:
    """Act on one incoming message; returns the SAMP result (strings) or raises with a text for the sender."""
    if mtype in mtypes.LOADED:
        if link.on_load is None:
            raise EscapeError("this JupyterLab does not accept data over SAMP", service=SERVICE)
        kind = "image" if mtype == mtypes.IMAGE else "table"
        url = params.get("url")
        if not isinstance(url, str) or not url:
            raise BadInput("url", "the message has no url")
        received = link.on_load(kind, url, params, sender, mtype)
        sent_id = params.get("table-id") or params.get("image-id")
        if sent_id:
            link.sent.setdefault(sent_id, {"url": url, "source": {"basket": received.get("item_id")}})
        link.events.add(kind, sender=sender, mtype=mtype, table_id=sent_id, **received)
        return {"item-id": received.get("item_id", "")}
    if mtype == mtypes.SELECT:
        table_id = params.get("table-id", "")
        rows = mtypes.parse_rows(params)
        known = link.sent.get(table_id) or next((v for v in link.sent.values() if v["url"] == params.get("url")), None)
        link.events.add("select", sender=sender, table_id=table_id, rows=rows, source=(known or {}).get("source"))
        return {}
    if mtype == mtypes.POINT:
        link.events.add("point", sender=sender, **mtypes.point_params(params.get("ra"), params.get("dec")))
        return {}
    raise EscapeError(f"{mtype} is not handled", service=SERVICE)


def fetch_to_file(
    url: str, folder: Path, suffix: str, max_bytes: int = MAX_RECEIVE_BYTES, timeout: float = FETCH_TIMEOUT
) -> Path:
    """Copy what ``url`` points at (file:// of the desktop's own disk, or http(s) served by the desktop tool)
    into ``folder``, bounded in size and time; nothing is left behind on failure."""
    parsed = urllib.parse.urlparse(url)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".samp-in-", suffix=suffix, dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            if parsed.scheme == "file":
                _copy_file(urllib.parse.unquote(parsed.path), out, max_bytes)
            elif parsed.scheme in ("http", "https"):
                _copy_http(url, out, max_bytes, timeout)
            else:
                raise BadInput("url", f"{parsed.scheme!r} URLs cannot be fetched (file, http and https can)")
        return Path(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _too_big(max_bytes: int) -> EscapeError:
    return EscapeError(
        f"the data is larger than {max_bytes} bytes (the SAMP receive limit)", service=SERVICE, status=413
    )


def _copy_file(path: str, out: BinaryIO, max_bytes: int) -> None:
    try:
        with open(path, "rb") as src:
            if os.fstat(src.fileno()).st_size > max_bytes:
                raise _too_big(max_bytes)
            while chunk := src.read(1 << 20):
                out.write(chunk)
    except OSError as exc:
        raise EscapeError(f"cannot read {path}: {exc.strerror}", service=SERVICE) from None


def _copy_http(url: str, out: BinaryIO, max_bytes: int, timeout: float) -> None:
    import httpx

    from ..core.http import make_sync_client

    total = 0
    try:
        with (
            make_sync_client(timeout, follow_redirects=True) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise EscapeError(f"{url} answered HTTP {response.status_code}", service=SERVICE, status=502)
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > max_bytes:
                    raise _too_big(max_bytes)
                out.write(chunk)
    except httpx.HTTPError as exc:
        raise EscapeError(f"cannot fetch {url}: {exc}", service=SERVICE, status=502) from None


class BasketReceiver:
    """Puts received tables (rows) and images (files in the workspace) into the basket."""

    def __init__(self, basket: Basket, inbox: Path) -> None:
        self.basket = basket
        self.inbox = Path(inbox)

    def __call__(
        self, kind: str, url: str, params: dict[str, Any], sender: dict[str, Any], mtype: str
    ) -> dict[str, Any]:
        """Local mode: the URL is readable from here (the desktop shares this machine)."""
        path = fetch_to_file(url, self.inbox, ".vot" if mtype == mtypes.TABLE else ".fits")
        return self.store(path, kind, url, params, sender, mtype)

    def upload_target(self) -> Path:
        """Remote mode: a private temporary file in the inbox that the browser's upload is written to."""
        self.inbox.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".samp-upload-", dir=self.inbox)
        os.close(fd)
        return Path(tmp)

    def store(
        self, path: Path, kind: str, url: str, params: dict[str, Any], sender: dict[str, Any], mtype: str
    ) -> dict[str, Any]:
        """Add the data in ``path`` (which this takes over: it is moved or deleted) to the basket, with
        provenance naming the sending application."""
        app = sender.get("name") or sender.get("id") or "a SAMP client"
        title = str(params.get("name") or Path(urllib.parse.urlparse(url).path).name or kind)[:200]
        origin = {
            "source": f"SAMP: {app}",
            "application": app,
            "samp_client": sender.get("id"),
            "mtype": mtype,
            "url": url,
            "received": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        if kind == "table":
            try:
                table = _read_table(path, mtype)
            finally:
                path.unlink(missing_ok=True)
            item = self.basket.add_table(
                table,
                title=f"{title} (from {app})",
                origin=origin,
                source=f"SAMP: {app}",
                notes=f"Sent over SAMP by {app} ({mtype}).",
            )
            return {"item_id": item.id, "title": item.title, "rows": len(table)}
        try:
            suffix = _fits_image_suffix(path)
            final = self.inbox / f"{int(time.time())}-{_safe_name(title, suffix)}"
            os.replace(path, final)
        finally:
            path.unlink(missing_ok=True)
        rel = os.path.relpath(final, self.basket.ctx.root_dir)
        item = self.basket.add(
            "workspace_file",
            {"path": rel, "origin": origin},
            title=f"{title} (from {app})",
            source=f"SAMP: {app}",
            notes=f"Sent over SAMP by {app} ({mtype}).",
        )
        return {"item_id": item.id, "title": item.title, "path": rel}


def _fits_image_suffix(path: Path) -> str:
    """What arrives as image.load.fits must at least start like a FITS file (or a gzipped one): no HTML error
    page lands in the workspace as an image."""
    with open(path, "rb") as fh:
        head = fh.read(30)
    if head.startswith(b"SIMPLE  ="):
        return ".fits"
    if head.startswith(b"\x1f\x8b"):
        return ".fits.gz"
    raise EscapeError("the data sent as image.load.fits is not a FITS file", service=SERVICE, status=422)


def _read_table(path: Path, mtype: str) -> Table:
    import warnings

    from astropy.table import Table

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # VOTable dialect warnings from desktop tools are not the user's problem
        try:
            return Table.read(path, format="votable" if mtype == mtypes.TABLE else "fits")
        except Exception as exc:
            raise EscapeError(f"cannot read the table: {exc}", service=SERVICE) from None


def _safe_name(title: str, suffix: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in title)[:80].strip("._") or "image"
    return stem if stem.lower().endswith(suffix) else stem + suffix
