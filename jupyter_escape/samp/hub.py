"""The server's SAMP connection (Standard Profile, through pyvo.samp): find the hub, list clients, send, receive.

Everything here blocks (SAMP is synchronous XML-RPC): the server calls it from its 'samp' worker pool, never from
the event loop. Every call to the hub has a socket timeout, every call to a client a SAMP reply timeout. A hub
that goes away (closed TOPCAT, stopped hub) turns into SampUnavailable with a message saying so, and the next
status check tries to find a hub again.
"""

from __future__ import annotations

import contextlib
import os
import threading
import warnings
import xmlrpc.client
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..core.errors import EscapeError
from . import mtypes
from .events import EventLog

SERVICE = "samp"
HUB_TIMEOUT = 5.0  # seconds for one XML-RPC call to the hub
DEFAULT_REPLY_TIMEOUT = 20  # seconds a desktop tool has to answer a load message (big tables take a while)
APP_NAME = "JupyterLab (jupyter-escape)"


class SampUnavailable(EscapeError):
    def __init__(self, message: str) -> None:
        super().__init__(message, service=SERVICE, status=503)


def lockfile_location() -> str:
    """Where the Standard Profile looks for the hub: $SAMP_HUB (std-lockurl:) or ~/.samp."""
    env = os.environ.get("SAMP_HUB", "")
    if env.startswith("std-lockurl:"):
        return env[len("std-lockurl:") :]
    return str(Path.home() / ".samp")


def _samp() -> Any:  # the pyvo.samp module (untyped)
    # pyvo.samp is astropy.samp's successor; importing it costs ~0.3 s, so only when SAMP is used.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pyvo import samp
    return samp


def _timeout_transport(timeout: float) -> xmlrpc.client.Transport:
    from pyvo.samp.utils import get_safe_parser

    class TimeoutTransport(xmlrpc.client.Transport):
        """pyvo's XXE-safe parser, plus a socket timeout so a frozen hub cannot hold a worker forever."""

        def make_connection(self, host: Any) -> Any:
            conn = super().make_connection(host)
            conn.timeout = timeout
            return conn

        def getparser(self) -> Any:
            return get_safe_parser(self._use_datetime, self._use_builtin_types)

    return TimeoutTransport()


class SampLink:
    """One registration with the hub, made on demand and remade after the hub went away."""

    def __init__(
        self,
        on_load: Callable[[str, str, dict[str, Any], dict[str, Any], str], dict[str, Any]] | None = None,
        *,
        name: str = APP_NAME,
        icon_url: str | None = None,
        hub_timeout: float = HUB_TIMEOUT,
    ) -> None:
        self.on_load = on_load  # (kind, params, sender: dict) -> dict, for tables and images sent to us
        self.name, self.icon_url, self.hub_timeout = name, icon_url, hub_timeout
        self.events = EventLog()
        self.sent: dict[str, dict[str, Any]] = {}  # table-id -> {url, source} of what we sent, to map selections back
        self._client: Any = None  # pyvo SAMPIntegratedClient, once connected
        self._own_hub: Any = None  # pyvo SAMPHubServer, when this server runs the hub
        self._lock = threading.RLock()
        self._receivers = ThreadPoolExecutor(2, thread_name_prefix="escape-samp-receive")
        self.last_error: str | None = None
        self._closed = False

    # -- connection ---------------------------------------------------------------------------------------
    def connect(self) -> Any:
        with self._lock:
            if self._client is not None and self._client.is_connected:
                return self._client
            samp = _samp()
            try:
                params = samp.lockfile_helpers.get_main_running_hub()
            except samp.SAMPHubError:
                self.last_error = (
                    f"no SAMP hub is running (looked for {lockfile_location()}): start TOPCAT, "
                    "Aladin or another hub on this machine, or start one from the Services view"
                )
                raise SampUnavailable(self.last_error) from None
            meta = {
                "samp.name": self.name,
                "samp.description.text": "JupyterLab with the ESCAPE extension",
                "author.affiliation": "ESCAPE",
                mtypes.OURS_KEY: "1",
            }
            if self.icon_url:
                meta["samp.icon.url"] = self.icon_url
            client = samp.SAMPIntegratedClient(name=self.name, metadata=meta, addr="127.0.0.1")
            try:
                client.connect(hub_params=params)
            except (samp.SAMPHubError, samp.SAMPProxyError, OSError) as exc:
                self.last_error = f"the SAMP hub at {params.get('samp.hub.xmlrpc.url')} does not answer: {exc}"
                raise SampUnavailable(self.last_error) from None
            url = params["samp.hub.xmlrpc.url"].replace("\\", "")
            client.hub.proxy.shutdown()
            # One transport per pooled proxy: an xmlrpc transport keeps one HTTP connection, so a transport
            # shared by the pool failed concurrent requests (CannotSendRequest / ResponseNotReady).
            client.hub.proxy = samp.utils.ServerProxyPool(
                4,
                lambda: samp.utils.SAMPXXEServerProxy(
                    url, allow_none=1, transport=_timeout_transport(self.hub_timeout)
                ),
            )
            self._bind(client)
            self._client, self.last_error = client, None
            self.events.add("hub", state="connected", hub_url=url)
            return client

    def start_hub(self) -> dict[str, Any]:
        """A Standard Profile hub inside this server (loopback only) when the desktop has none."""
        with self._lock:
            samp = _samp()
            try:
                samp.lockfile_helpers.get_main_running_hub()
                return self.status()
            except samp.SAMPHubError:
                pass
            hub = samp.SAMPHubServer(web_profile=False, addr="127.0.0.1", label="jupyter-escape")
            hub.start(wait=False)
            self._own_hub = hub
        return self.status()

    def disconnect(self) -> None:
        with self._lock:
            client, self._client = self._client, None
            if client is not None:
                with contextlib.suppress(Exception):
                    client.disconnect()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.disconnect()
        with self._lock:
            if self._own_hub is not None:
                self._own_hub.stop()
                self._own_hub = None
        self._receivers.shutdown(wait=False, cancel_futures=True)

    def _lost(self, exc: Exception) -> SampUnavailable:
        """The hub stopped answering mid-session: drop the registration and say so plainly."""
        with self._lock:
            self._client = None
        self.last_error = (
            f"the SAMP hub stopped answering ({exc.__class__.__name__}: {exc}); it was probably "
            "closed with the desktop application that ran it: start a hub and try again"
        )
        self.events.add("hub", state="lost", error=self.last_error)
        return SampUnavailable(self.last_error)

    def _hub_call(self, fn: Callable[..., Any], *args: Any) -> Any:
        client = self.connect()
        samp = _samp()
        try:
            return fn(client, *args)
        except (OSError, samp.SAMPProxyError, samp.SAMPHubError, xmlrpc.client.ProtocolError) as exc:
            raise self._lost(exc) from None
        except samp.SAMPClientError as exc:
            if "not connected" in str(exc).lower():
                raise self._lost(exc) from None
            raise

    # -- status ---------------------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        """Hub found or not, who we are on it, and the other clients with their names and icons."""
        try:
            clients = self._hub_call(self._list_clients)
        except SampUnavailable as exc:
            return {
                "hub": False,
                "lockfile": lockfile_location(),
                "error": exc.message,
                "clients": [],
                "own_hub": self._own_hub is not None,
            }
        client = self._client
        return {
            "hub": True,
            "lockfile": lockfile_location(),
            "error": None,
            "clients": clients,
            "self_id": client.get_public_id() if client else None,
            "hub_url": (client.hub.lockfile or {}).get("samp.hub.xmlrpc.url") if client else None,
            "own_hub": self._own_hub is not None,
        }

    @staticmethod
    def _list_clients(client: Any) -> list[dict[str, Any]]:
        out = []
        for cid in client.get_registered_clients():
            meta = client.get_metadata(cid) or {}
            subs = client.get_subscriptions(cid) or {}
            out.append(
                {
                    "id": cid,
                    "name": meta.get("samp.name") or cid,
                    "icon_url": meta.get("samp.icon.url"),
                    "description": meta.get("samp.description.text"),
                    "accepts": sorted(m for m in subs if m in mtypes.SENT),
                    "ours": bool(meta.get(mtypes.OURS_KEY)),
                }
            )
        return out

    def client_name(self, client_id: str) -> str:
        try:
            return (self._hub_call(lambda c: c.get_metadata(client_id)) or {}).get("samp.name") or client_id
        except EscapeError:
            return client_id

    # -- sending --------------------------------------------------------------------------------------------
    def send(
        self,
        mtype: str,
        params: dict[str, Any],
        to: str = "all",
        timeout: int = DEFAULT_REPLY_TIMEOUT,
        on_recipients: Callable[[list[str]], object] | None = None,
    ) -> list[dict[str, Any]]:
        """Call each recipient (one client id, or every subscriber for "all") and wait for its reply.

        Returns one entry per recipient: its name, and "ok" or the error it answered (a refusal is not an
        exception: other recipients may have accepted). ``on_recipients`` hears their names before the calls."""

        def targets(client: Any) -> list[str]:
            subscribed = client.get_subscribed_clients(mtype)
            if to == "all":
                # Not our own kind (another tab, a notebook): they share this basket, and a tab closed without
                # leaving the hub would make every broadcast wait for its timeout.
                return [c for c in subscribed if not (client.get_metadata(c) or {}).get(mtypes.OURS_KEY)]
            if to not in subscribed:
                names = client.get_registered_clients()
                if to not in names:
                    raise EscapeError(f"to: no SAMP client {to!r} is registered", service=SERVICE, status=404)
                raise EscapeError(f"{self.client_name(to)} does not accept {mtype}", service=SERVICE, status=409)
            return [to]

        recipients = self._hub_call(targets)
        if not recipients:
            raise EscapeError(
                f"no SAMP client accepts {mtype}: start TOPCAT, Aladin or DS9", service=SERVICE, status=409
            )
        if on_recipients is not None:
            on_recipients([self.client_name(cid) for cid in recipients])
        return [self._call_one(cid, mtype, params, timeout) for cid in recipients]

    def _call_one(self, cid: str, mtype: str, params: dict[str, Any], timeout: int) -> dict[str, Any]:
        name = self.client_name(cid)
        samp = _samp()
        client = self.connect()
        try:
            reply = client.call_and_wait(cid, {"samp.mtype": mtype, "samp.params": params}, str(int(timeout)))
        except samp.SAMPProxyError as exc:
            text = getattr(exc, "faultString", str(exc))
            if "timeout" in text.lower() or "time out" in text.lower():
                return {
                    "id": cid,
                    "name": name,
                    "status": "timeout",
                    "error": f"{name} did not answer within {timeout} s",
                }
            return {"id": cid, "name": name, "status": "error", "error": f"{name}: {text}"}
        except OSError as exc:
            raise self._lost(exc) from None
        status = reply.get("samp.status", "")
        if status == "samp.ok":
            return {"id": cid, "name": name, "status": "ok", "result": reply.get("samp.result") or {}}
        error = (reply.get("samp.error") or {}).get("samp.errortxt") or status
        if status == "samp.warning":  # taken, with a caveat (e.g. TOPCAT had no window to use a position in)
            return {"id": cid, "name": name, "status": "warning", "error": f"{name} warned about {mtype}: {error}"}
        return {"id": cid, "name": name, "status": "error", "error": f"{name} refused {mtype}: {error}"}

    # -- receiving ------------------------------------------------------------------------------------------
    def _bind(self, client: Any) -> None:
        for mtype in mtypes.RECEIVED:
            client.bind_receive_call(mtype, self._on_call)
            client.bind_receive_notification(mtype, self._on_notification)
        client.bind_receive_notification("samp.hub.event.shutdown", self._on_shutdown)

    def _on_shutdown(
        self, private_key: str, sender_id: str, mtype: str, params: dict[str, Any], extra: dict[str, Any]
    ) -> None:
        with self._lock:
            self._client = None
        self.last_error = "the SAMP hub shut down: start a hub (TOPCAT, Aladin) and the panel reconnects"
        self.events.add("hub", state="shutdown", error=self.last_error)

    def _on_notification(
        self, private_key: str, sender_id: str, mtype: str, params: dict[str, Any], extra: dict[str, Any]
    ) -> None:
        self._receivers.submit(self._handle, sender_id, None, mtype, params)

    def _on_call(
        self, private_key: str, sender_id: str, msg_id: str, mtype: str, params: dict[str, Any], extra: dict[str, Any]
    ) -> None:
        # Answer from a worker: a big table must not hold the SAMP client's own request thread.
        self._receivers.submit(self._handle, sender_id, msg_id, mtype, params)

    def _handle(self, sender_id: str, msg_id: str | None, mtype: str, params: dict[str, Any]) -> None:
        from .receive import handle_message

        sender = {"id": sender_id, "name": self.client_name(sender_id)}
        try:
            result = handle_message(self, mtype, params, sender)
            response = {"samp.status": "samp.ok", "samp.result": {k: str(v) for k, v in result.items()}}
        except Exception as exc:
            text = exc.message if isinstance(exc, EscapeError) else f"{exc.__class__.__name__}: {exc}"
            self.events.add("error", mtype=mtype, sender=sender, error=text)
            response = {"samp.status": "samp.error", "samp.error": {"samp.errortxt": text}}
        if msg_id is not None and self._client is not None:
            with contextlib.suppress(Exception):
                self._client.reply(msg_id, response)
