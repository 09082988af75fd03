"""SAMP for one server or one notebook kernel: the hub link, the outbox, signed links and the basket inbox."""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import BadInput
from . import mtypes
from .hub import SampLink
from .links import DEFAULT_TTL, LinkSigner, load_secret
from .outbox import Prepared, clean_outbox, outbox_dir
from .receive import BasketReceiver
from .sends import FOLDER as SENDS_FOLDER
from .sends import SendJobs

if TYPE_CHECKING:
    from ..basket.api import Basket
    from .sends import Watch

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
        self,
        state_dir: str | os.PathLike[str],
        root_dir: str | os.PathLike[str],
        basket: Basket | None = None,
        *,
        name: str | None = None,
        owner: str = "server",
    ) -> None:
        self.root_dir = Path(root_dir)
        self.outbox = outbox_dir(state_dir)
        clean_outbox(self.outbox)
        self.signer = LinkSigner(load_secret(state_dir), [self.root_dir, self.outbox])
        self.receiver = BasketReceiver(basket, basket.ctx.workspace_dir / "samp-received") if basket else None
        self.link = SampLink(self.receiver, name=name) if name else SampLink(self.receiver)
        self.mode = detect_mode()
        self.sends = SendJobs(Path(state_dir) / SENDS_FOLDER, owner=owner)

    def status(self) -> dict[str, Any]:
        """Remote mode does not look for a hub on the server's machine: the desktop's hub is the browser's."""
        if self.mode == "remote":
            return {"mode": "remote", "hub": False, "clients": [], "error": None, "events": self.link.events.last}
        return {"mode": "local", **self.link.status(), "events": self.link.events.last}

    def send(
        self,
        prepared: Prepared,
        to: str = "all",
        timeout: int = 20,
        source: dict[str, Any] | None = None,
        url: str | None = None,
        on_recipients: Callable[[list[str]], object] | None = None,
    ) -> dict[str, Any]:
        """Local mode: the desktop reads ``url`` (a signed link on this server, whose reads are counted), or
        without one the file straight from this machine's disk (file:// URL; what a notebook kernel sends).
        ``source`` (what the panel sent) comes back with selections the desktop makes in this table."""
        url = url or prepared.path.resolve().as_uri()
        params = mtypes.load_params(prepared.mtype, url, prepared.table_id, prepared.name, prepared.meta)
        self.link.sent[prepared.table_id] = {"url": url, "source": source}
        replies = self.link.send(prepared.mtype, params, to, timeout, on_recipients)
        return {**prepared.to_json(), "url": url, "replies": replies}

    def start_send(
        self,
        prepare: Callable[[Watch], Prepared],
        *,
        name: str,
        to: str = "all",
        timeout: int = 20,
        source: dict[str, Any] | None = None,
        code_for: Callable[[str], str] | None = None,
        link_base: str | None = None,
        by_browser: bool = False,
        ttl: float = DEFAULT_TTL,
    ) -> tuple[dict[str, Any], Future[dict[str, Any]]]:
        """A send as a job (sends.py): ``prepare(watch)`` makes the data ready, then

        - ``by_browser`` (remote mode): the job stops at ``sending`` with a signed link the browser sends through
          the desktop's hub, and reports the replies (``browser_replies``);
        - ``link_base`` (local mode, the panel): the desktop gets ``link_base + link``, a signed link on this
          server, so its reads are counted and a cancel cuts them;
        - neither (a notebook kernel): the file:// URL.

        ``code_for(mtype)`` is the notebook code doing the same. Returns (the job, a Future of its end)."""
        job = self.sends.new(name=name, to=to, mode=self.mode, source=source)
        job_id = job["id"]

        def prepare_and_code(watch: Watch) -> Prepared:
            prepared = prepare(watch)
            if code_for is not None:  # the call depends on what was prepared (a FITS file may be an image)
                self.sends._update(job_id, code=code_for(prepared.mtype))
            return prepared

        def link_for(prepared: Prepared) -> str:
            self.sends._update(job_id, ttl=ttl, save=False)
            link: str = self.signed_link(prepared, ttl, source, job_id)["link"]
            return link

        def deliver(prepared: Prepared, link: str | None) -> list[dict[str, Any]]:
            url = link_base + link if (link_base and link) else None
            answer = self.send(prepared, to, timeout, source, url, lambda names: self.sends.recipients(job_id, names))
            self.sends._update(job_id, url=answer["url"])
            replies: list[dict[str, Any]] = answer["replies"]
            return replies

        signed = by_browser or link_base is not None
        future = self.sends.start(
            job_id, prepare_and_code, None if by_browser else deliver, link_for if signed else None
        )
        return job, future

    def browser_replies(
        self, job_id: str, replies: list[dict[str, Any]], url: str | None = None, error: str | None = None
    ) -> dict[str, Any]:
        """Remote mode: what the desktop tools answered the browser, which sent the message (or why it could not)."""
        return self.sends.finish(job_id, replies, url, error)

    def signed_link(
        self,
        prepared: Prepared,
        ttl: float = DEFAULT_TTL,
        source: dict[str, Any] | None = None,
        job_id: str | None = None,
    ) -> dict[str, Any]:
        """A link below the server's base URL (remote mode: the browser completes it and sends it via its hub).
        With ``job_id`` the link belongs to that send: its reads are counted and a cancel revokes it."""
        token = self.signer.sign(prepared.path, ttl, job=job_id)
        self.link.sent[prepared.table_id] = {"url": None, "source": source}
        return {
            **prepared.to_json(),
            "link": "escape/api/samp/files/" + urllib.parse.quote(token, safe="/"),
            "ttl": ttl,
        }

    def select(self, table_id: str, rows: object, to: str = "all", url: str | None = None) -> dict[str, Any]:
        if not url:
            known = self.link.sent.get(table_id)
            if known is None:
                raise BadInput("table_id", "this table was not sent over SAMP from here (send it first)")
            url = known["url"]
        params = mtypes.select_params(table_id, url, rows)
        return {"replies": self.link.send(mtypes.SELECT, params, to)}

    def point_at(self, ra: Any, dec: Any, to: str = "all") -> dict[str, Any]:
        return {"replies": self.link.send(mtypes.POINT, mtypes.point_params(ra, dec), to)}

    def upload_target(self) -> Path:
        if self.receiver is None:
            raise BadInput("samp", "this server has no basket to receive into")
        return self.receiver.upload_target()

    def receive_upload(
        self, path: Path, mtype: str, sender: dict[str, Any], url: str, name: str | None = None
    ) -> dict[str, Any]:
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

    def events(self, since: int, timeout: float = 0) -> dict[str, Any]:
        events = self.link.events.wait(since, timeout) if timeout > 0 else self.link.events.since(since)
        return {"events": events, "last": self.link.events.last}

    def close(self) -> None:
        self.sends.close()
        self.link.close()
