"""SAMP for one server or one notebook kernel: the hub link, the outbox, signed links and the basket inbox."""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

from ..core.errors import BadInput
from . import mtypes
from .hub import SampLink
from .links import DEFAULT_TTL, LinkSigner, load_secret
from .outbox import Prepared, clean_outbox, outbox_dir
from .receive import BasketReceiver

MODE_ENV = "ESCAPE_SAMP_MODE"


def detect_mode() -> str:
    """local: the server shares the desktop's machine and talks to its hub. remote: it runs in a JupyterHub or
    Binder, far from the desktop, so the browser joins the desktop's hub through the Web Profile instead."""
    forced = os.environ.get(MODE_ENV, "").strip().lower()
    if forced in ("local", "remote"):
        return forced
    if os.environ.get("JUPYTERHUB_API_TOKEN") or os.environ.get("BINDER_SERVICE_HOST"):
        return "remote"
    return "local"


class SampService:
    def __init__(
        self, state_dir: str | os.PathLike, root_dir: str | os.PathLike, basket=None, *, name: str | None = None
    ):
        self.root_dir = Path(root_dir)
        self.outbox = outbox_dir(state_dir)
        clean_outbox(self.outbox)
        self.signer = LinkSigner(load_secret(state_dir), [self.root_dir, self.outbox])
        self.receiver = BasketReceiver(basket, basket.ctx.workspace_dir / "samp-received") if basket else None
        self.link = SampLink(self.receiver, name=name) if name else SampLink(self.receiver)
        self.mode = detect_mode()

    def status(self) -> dict:
        """Remote mode does not look for a hub on the server's machine: the desktop's hub is the browser's."""
        if self.mode == "remote":
            return {"mode": "remote", "hub": False, "clients": [], "error": None, "events": self.link.events.last}
        return {"mode": "local", **self.link.status(), "events": self.link.events.last}

    def send(self, prepared: Prepared, to: str = "all", timeout: int = 20, source: dict | None = None) -> dict:
        """Local mode: the desktop reads the file straight from this machine's disk (file:// URL). ``source`` (what
        the panel sent) comes back with selections the desktop makes in this table."""
        url = prepared.path.resolve().as_uri()
        params = mtypes.load_params(prepared.mtype, url, prepared.table_id, prepared.name, prepared.meta)
        replies = self.link.send(prepared.mtype, params, to, timeout)
        self.link.sent[prepared.table_id] = {"url": url, "source": source}
        return {**prepared.to_json(), "url": url, "replies": replies}

    def signed_link(self, prepared: Prepared, ttl: float = DEFAULT_TTL, source: dict | None = None) -> dict:
        """Remote mode: a link below the server's base URL that the browser completes and sends via its hub."""
        token = self.signer.sign(prepared.path, ttl)
        self.link.sent[prepared.table_id] = {"url": None, "source": source}
        return {
            **prepared.to_json(),
            "link": "escape/api/samp/files/" + urllib.parse.quote(token, safe="/"),
            "ttl": ttl,
        }

    def select(self, table_id: str, rows, to: str = "all", url: str | None = None) -> dict:
        if not url:
            known = self.link.sent.get(table_id)
            if known is None:
                raise BadInput("table_id", "this table was not sent over SAMP from here (send it first)")
            url = known["url"]
        params = mtypes.select_params(table_id, url, rows)
        return {"replies": self.link.send(mtypes.SELECT, params, to)}

    def point_at(self, ra, dec, to: str = "all") -> dict:
        return {"replies": self.link.send(mtypes.POINT, mtypes.point_params(ra, dec), to)}

    def upload_target(self) -> Path:
        if self.receiver is None:
            raise BadInput("samp", "this server has no basket to receive into")
        return self.receiver.upload_target()

    def receive_upload(self, path: Path, mtype: str, sender: dict, url: str, name: str | None = None) -> dict:
        """Remote mode: a desktop tool sent a table or image to the browser, which fetched it from the desktop
        (through the hub's URL translator) and uploaded it here. ``path`` (the upload) is taken over."""
        try:
            if self.receiver is None:
                raise BadInput("samp", "this server has no basket to receive into")
            if mtype not in mtypes.LOADED:
                raise BadInput("mtype", f"{mtype!r} is not one of {', '.join(mtypes.LOADED)}")
            kind = "image" if mtype == mtypes.IMAGE else "table"
            received = self.receiver.store(path, kind, url, {"name": name} if name else {}, sender, mtype)
        finally:
            path.unlink(missing_ok=True)
        self.link.events.add(kind, sender=sender, mtype=mtype, table_id=None, via="browser", **received)
        return received

    def events(self, since: int, timeout: float = 0) -> dict:
        events = self.link.events.wait(since, timeout) if timeout > 0 else self.link.events.since(since)
        return {"events": events, "last": self.link.events.last}

    def close(self) -> None:
        self.link.close()
