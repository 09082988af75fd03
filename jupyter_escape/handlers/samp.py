"""Routes of SAMP (thin: parse, call jupyter_escape.samp, answer). See docs/samp.md.

``samp/files/<token>/<name>`` is the one route of the extension that takes no Jupyter login: a desktop tool
cannot carry the Jupyter token, so it presents a short-lived signature for one file instead (samp/links.py).
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import mimetypes
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from tornado import web
from tornado.http1connection import HTTP1Connection

from ..core.errors import BadInput, EscapeError
from ..core.paths import confine
from ..samp import snippets
from ..samp.links import DEFAULT_TTL
from ..samp.outbox import prepare_file, prepare_table
from ..samp.receive import MAX_RECEIVE_BYTES
from ..samp.sends import answer
from ..samp.service import SampService
from .base import AUTH_RESOURCE, EscapeHandler, authenticated_and_authorized

if TYPE_CHECKING:
    from ..extension import EscapeState
    from ..samp.outbox import Prepared
    from ..samp.sends import Watch

MAX_EVENT_WAIT = 25


def setup(state: EscapeState, log: logging.Logger) -> None:
    basket = state.extras.get("basket")
    service = SampService(state.state_dir, state.root_dir, basket)
    state.extras["samp"] = service
    atexit.register(service.close)  # a server killed without unloading still leaves the hub
    log.info("jupyter-escape SAMP: %s mode, outbox %s", service.mode, service.outbox)


class SampBase(EscapeHandler):
    pillar = "samp"

    @property
    def samp(self) -> SampService:
        return cast("SampService", self.escape.extras["samp"])

    def prepare_source(self, body: dict[str, Any]) -> tuple[str, Callable[[Watch], Prepared]]:
        """The table or file a request names (a kept VO result, a basket item, or a file below the root), as a
        function of the send's watch (progress and cancel). Unknown sources are refused here, before any job."""
        source = body.get("source") or {}
        kind = source.get("kind")
        as_ = body.get("as")
        outbox = self.samp.outbox
        if kind == "vo-result":
            stored = self.escape.extras["vo"].results.get(source.get("id"))
            name = body.get("name") or f"VO result {stored.id}"
            return name, lambda watch: prepare_table(stored.result.table, f"vo-result:{stored.id}", name, outbox, watch)
        if kind == "basket":
            basket = self.escape.extras["basket"]
            item_id = source.get("item")

            def from_basket(watch: Watch) -> Prepared:
                item = basket.store.get(item_id)
                if item.kind == "workspace_file":
                    path = confine(self.server_root, item.payload["path"])
                    return prepare_file(path, f"basket:{item.id}", outbox, as_, watch)
                title = body.get("name") or item.title
                return prepare_table(basket.table(item.id)[0], f"basket:{item.id}", title, outbox, watch)

            return body.get("name") or f"basket item {item_id}", from_basket
        if kind == "file":
            path = confine(self.server_root, source.get("path"))
            return path.name, lambda watch: prepare_file(path, f"file:{source.get('path')}", outbox, as_, watch)
        raise BadInput("source.kind", "expected vo-result, basket or file")

    def query_code(self, source: dict[str, Any]) -> str | None:
        if source.get("kind") != "vo-result":
            return None
        from ..vo.results import pyvo_code

        return pyvo_code(self.escape.extras["vo"].results.get(source.get("id")).provenance)


class StatusHandler(SampBase):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json(await self.run_blocking(self.samp.status))


class HubHandler(SampBase):
    """POST {"action": "start"}: a hub inside the server (local mode, loopback); "disconnect" leaves the hub."""

    @authenticated_and_authorized
    async def post(self) -> None:
        action = self.json_body().get("action")
        if action == "start":
            self.send_json(await self.run_blocking(self.samp.link.start_hub))
        else:
            await self.run_blocking(self.samp.link.disconnect)
            self.send_json({"hub": False})


class SendHandler(SampBase):
    """POST {source, as?, to?, name?, link?, wait?}: a send as a job (samp/sends.py). Local mode sends from the
    server, with a signed link on this server as the URL (its reads are counted, a cancel cuts them); with
    link=true (remote mode) the job stops at a signed link the browser sends through the desktop's hub itself.
    wait=false answers the job at once (202; follow it at samp/sends/<id>), else the answer of the finished send."""

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        source = body.get("source") or {}
        to = body.get("to") or "all"
        name, prepare = self.prepare_source(body)
        by_browser = bool(body.get("link"))
        if not by_browser:
            await self.run_blocking(self.samp.link.connect)  # no hub: say so before preparing anything
        query = self.query_code(source)
        job, future = self.samp.start_send(
            prepare,
            name=name,
            to=to,
            source=source,
            code_for=lambda mtype: snippets.send_code(source, mtype, to, query),
            link_base=None if by_browser else f"{self.request.protocol}://{self.request.host}{self.base_url}",
            by_browser=by_browser,
            ttl=body.get("ttl") or DEFAULT_TTL,
        )
        if body.get("wait") is False:
            self.send_json(job, status=202)
            return
        ended = await asyncio.wrap_future(future)
        if ended["state"] == "failed":
            raise self.samp.sends.exception(job["id"]) or EscapeError(ended["error"], service="samp", status=502)
        self.send_json(answer(ended))


class SendsHandler(SampBase):
    """GET samp/sends: this server's sends, newest first, with their progress."""

    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json({"sends": self.samp.sends.listing()})


class SendJobHandler(SampBase):
    """GET samp/sends/<id>: one send, its state and progress."""

    @authenticated_and_authorized
    async def get(self, job_id: str) -> None:
        self.send_json(self.samp.sends.view(job_id))


class SendActionHandler(SampBase):
    """POST samp/sends/<id>/cancel; POST samp/sends/<id>/replies {replies, url, error?} (remote mode: what the
    desktop tools answered the browser, or why it could not send)."""

    @authenticated_and_authorized
    async def post(self, job_id: str, action: str) -> None:
        if action == "cancel":
            self.send_json(await self.run_blocking(self.samp.sends.cancel, job_id))
        elif action == "replies":
            body = self.json_body()
            replies, url, error = body.get("replies") or [], body.get("url"), body.get("error")
            self.send_json(self.samp.browser_replies(job_id, replies, url, error))
        else:
            raise BadInput("action", "expected cancel or replies")


class SelectHandler(SampBase):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        result = await self.run_blocking(
            self.samp.select, body["table_id"], body["rows"], body.get("to") or "all", body.get("url")
        )
        self.send_json({**result, "code": snippets.select_code(body["table_id"], body["rows"])})


class PointHandler(SampBase):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        result = await self.run_blocking(self.samp.point_at, body["ra"], body["dec"], body.get("to") or "all")
        self.send_json({**result, "code": snippets.point_code(body["ra"], body["dec"])})


class EventsHandler(SampBase):
    """Long poll: what arrived after ``since`` (tables, selections, positions, hub changes)."""

    @authenticated_and_authorized
    async def get(self) -> None:
        try:
            since = self.int_arg("since", 0)
            timeout = min(float(self.get_argument("timeout", "0")), MAX_EVENT_WAIT)
        except ValueError:
            raise BadInput("since/timeout", "expected numbers") from None
        self.send_json(await self.run_blocking(self.samp.events, since, max(timeout, 0)))


@web.stream_request_body
class ReceiveHandler(SampBase):
    """POST samp/receive?mtype=&url=&sender_id=&sender_name=&name= with the data as the body (remote mode).

    A desktop tool sent a table or image to the browser over the Web Profile; its URL points at the user's
    computer (file://, or the tool's own little web server on 127.0.0.1), which this server cannot reach, so the
    browser fetched the bytes through the hub's URL translator and streams them here. The body goes to a private
    temporary file, bounded in size, and into the basket with the sending application as provenance; a refused
    or broken upload leaves nothing behind."""

    _target = None
    _size = 0
    _file = None

    # APIHandler.prepare (called here) takes no keyword, unlike JupyterHandler.prepare it overrides.
    async def prepare(self) -> None:  # type: ignore[override]
        await super().prepare()
        if self.request.method != "POST":
            return
        # The body is streamed before post() runs: refuse a stranger, or a user the authoriser would refuse,
        # before taking any of it (post() asks the authoriser again through its decorator).
        user = self.current_user
        if not user or not self.authorizer.is_authorized(self, user, "write", AUTH_RESOURCE):
            raise web.HTTPError(403)
        length = int(self.request.headers.get("Content-Length") or 0)
        if length > MAX_RECEIVE_BYTES:
            raise EscapeError(
                f"the data is larger than {MAX_RECEIVE_BYTES} bytes (the SAMP receive limit)",
                service="samp",
                status=413,
            )
        if isinstance(self.request.connection, HTTP1Connection):  # data_received enforces the limit in any case
            self.request.connection.set_max_body_size(MAX_RECEIVE_BYTES + 1)
        self._target = await self.run_blocking(self.samp.upload_target)
        self._file = await self.run_blocking(open, self._target, "wb")

    async def data_received(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > MAX_RECEIVE_BYTES:
            self._discard()  # a chunked upload without a length: the rest is dropped, post() answers 413
        elif self._file is not None:
            await self.run_blocking(self._file.write, chunk)

    def _discard(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        if self._target is not None:
            self._target.unlink(missing_ok=True)

    def on_finish(self) -> None:
        self._discard()  # after a success the upload was moved into the basket already

    def on_connection_close(self) -> None:
        self._discard()  # the browser went away mid-upload: no partial file
        super().on_connection_close()

    @authenticated_and_authorized
    async def post(self) -> None:
        if self._size > MAX_RECEIVE_BYTES:
            raise EscapeError(
                f"the data is larger than {MAX_RECEIVE_BYTES} bytes (the SAMP receive limit)",
                service="samp",
                status=413,
            )
        if self._file is not None:
            self._file.close()
            self._file = None
        if self._size == 0:
            raise BadInput("body", "no data was uploaded")
        args = {k: self.get_argument(k, "") for k in ("mtype", "url", "sender_id", "sender_name", "name")}
        sender = {"id": args["sender_id"], "name": args["sender_name"] or args["sender_id"]}
        target, self._target = self._target, None
        if target is None:  # prepare() refused the upload before making its file
            raise BadInput("body", "no data was uploaded")
        received = await self.run_blocking(
            self.samp.receive_upload, target, args["mtype"], sender, args["url"], args["name"] or None
        )
        self.send_json(received)


class SignedFileHandler(EscapeHandler):
    """GET samp/files/<token>/<name>: one file for a desktop tool, by signature instead of a login."""

    pillar = "samp"

    def check_xsrf_cookie(self) -> None:
        return  # GET only; nothing changes on the server

    async def get(self, token: str, name: str) -> None:
        # No @authenticated_and_authorized on purpose: the HMAC signature is the authorisation
        # (tests/test_auth_every_route.py lists this route as the one exception and tests/samp/test_links.py
        # checks that altered and expired links are refused).
        samp = self.escape.extras["samp"]
        try:
            signed = samp.signer.check(token, name, samp.sends.revoked)
        except EscapeError as exc:
            self.set_status(exc.status)
            self.set_header("Content-Type", "application/json")
            self.finish({"error": exc.message, "service": exc.service})
            return
        self.set_header("Content-Type", mimetypes.guess_type(signed.path.name)[0] or "application/octet-stream")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Access-Control-Allow-Origin", "*")  # desktop Web Profile hubs may fetch from anywhere
        fh: BinaryIO = await self.run_blocking(open, signed.path, "rb")
        try:
            size = os.fstat(fh.fileno()).st_size
            self.set_header("Content-Length", str(size))  # a reader cut short knows it (no partial table)
            if signed.job:
                samp.sends.fetch_started(signed.job)
            served = 0
            while chunk := await self.run_blocking(fh.read, 1 << 20):
                if signed.job and samp.sends.revoked(signed.job):
                    # cancelled mid-read: cut the connection, so the reader gets an error, not a partial table
                    if isinstance(self.request.connection, HTTP1Connection):
                        self.request.connection.close()
                    return
                await self.send_chunk(chunk)
                served += len(chunk)
                if signed.job:
                    samp.sends.served(signed.job, served)
        finally:
            fh.close()
        self.finish()

    async def send_chunk(self, chunk: bytes) -> None:
        """One chunk out to the reader, waiting until it took it (so the counts follow the reader)."""
        self.write(chunk)
        await self.flush()


ROUTES = [
    ("samp/status", StatusHandler),
    ("samp/hub", HubHandler),
    ("samp/send", SendHandler),
    ("samp/sends", SendsHandler),
    ("samp/sends/([^/]+)", SendJobHandler),
    ("samp/sends/([^/]+)/([^/]+)", SendActionHandler),
    ("samp/select", SelectHandler),
    ("samp/point", PointHandler),
    ("samp/events", EventsHandler),
    ("samp/receive", ReceiveHandler),
    ("samp/files/([^/]+)/([^/]+)", SignedFileHandler),
]
# The routes that take no Jupyter login, and what stands in for it (tests/test_auth_every_route.py reads this).
UNAUTHENTICATED = {"samp/files/([^/]+)/([^/]+)": "HMAC-signed, expiring link to one file (samp/links.py)"}
