"""The one base handler: authentication, authorisation, JSON errors and off-loop execution."""

from __future__ import annotations

import asyncio
import functools
import json
from concurrent.futures import ThreadPoolExecutor

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from tornado import web

from ..core.errors import EscapeError

AUTH_RESOURCE = "escape"
# Blocking client libraries (rucio-clients, pyvo, astropy parsing) run here so the server loop stays free.
_executor = ThreadPoolExecutor(max_workers=8, thread_name_prefix="escape")


class EscapeHandler(APIHandler):
    """Base of every jupyter-escape route.

    Subclasses decorate their verbs with ``@authenticated_and_authorized``; errors raised as EscapeError
    become ``{"error", "service"}`` JSON with the error's status.
    """

    auth_resource = AUTH_RESOURCE

    @property
    def escape(self):
        """The extension's shared state (config, job registries) set up in extension.py."""
        return self.settings["escape"]

    @property
    def escape_config(self):
        return self.escape.config

    @property
    def server_root(self) -> str:
        return self.settings.get("server_root_dir") or self.escape.root_dir

    async def run_blocking(self, fn, *args, **kwargs):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(_executor, functools.partial(fn, *args, **kwargs))

    def json_body(self) -> dict:
        if not self.request.body:
            return {}
        try:
            body = json.loads(self.request.body)
        except ValueError as exc:
            raise EscapeError(f"request body: not valid JSON ({exc})", status=400)
        if not isinstance(body, dict):
            raise EscapeError("request body: expected a JSON object", status=400)
        return body

    def send_json(self, payload, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(payload, default=str))

    def write_error(self, status_code, **kwargs):
        exc_info = kwargs.get("exc_info")
        exc = exc_info[1] if exc_info else None
        if isinstance(exc, EscapeError):
            self.set_status(exc.status)
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps(exc.to_json()))
            return
        if isinstance(exc, web.HTTPError):
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps({"error": exc.log_message or self._reason, "service": None}))
            return
        self.set_header("Content-Type", "application/json")
        message = f"{exc.__class__.__name__}: {exc}" if exc else self._reason
        self.finish(json.dumps({"error": message, "service": None}))

    def log_exception(self, typ, value, tb):
        # An EscapeError is an expected, user-facing failure: one log line, no traceback.
        if isinstance(value, EscapeError):
            self.log.warning("jupyter-escape: %s", value)
            return
        super().log_exception(typ, value, tb)


def authenticated_and_authorized(method):
    """Every verb of every route: logged-in user, allowed on the 'escape' resource."""
    return web.authenticated(authorized(method))
