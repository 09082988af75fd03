"""The one base handler: authentication, authorisation, JSON errors and off-loop execution."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from tornado import web

from ..core.errors import BadInput, EscapeError
from ..core.jsontext import dumps_in_pieces
from ..core.offloop import off_loop
from ..openapi.validate import check_body, check_path, check_query, parse_body

if TYPE_CHECKING:
    from ..config import EscapeConfig
    from ..extension import EscapeState

T = TypeVar("T")
Verb = TypeVar("Verb", bound=Callable[..., Any])

AUTH_RESOURCE = "escape"


class EscapeHandler(APIHandler):
    """Base of every jupyter-escape route.

    Subclasses decorate their verbs with ``@authenticated_and_authorized``; errors raised as EscapeError
    become ``{"error", "service"}`` JSON with the error's status.
    """

    auth_resource = AUTH_RESOURCE
    # Whose worker pool runs this route's blocking work (core/load.py); by default the handler module's name,
    # so every route of handlers/datalake.py shares the data lake's pool and no other.
    pillar: str | None = None

    @property
    def escape(self) -> EscapeState:
        """The extension's shared state (config, job registries) set up in extension.py."""
        return cast("EscapeState", self.settings["escape"])

    @property
    def escape_config(self) -> EscapeConfig:
        return self.escape.config

    @property
    def server_root(self) -> str:
        return str(self.settings.get("server_root_dir") or self.escape.root_dir)

    @property
    def pillar_name(self) -> str:
        return self.pillar or type(self).__module__.rsplit(".", 1)[-1]

    async def run_blocking(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """This route's way off the event loop: :func:`core.offloop.off_loop` in this handler's pillar (see there:
        the pillar's own bounded pool, at most ``blocking_timeout``, then 504 naming the pillar)."""
        return await off_loop(self.pillar_name, fn, *args, **kwargs)

    def json_body(self) -> dict[str, Any]:
        """The request's JSON object, as validated against the route's description (openapi/validate.py)."""
        body = getattr(self, "_escape_body", None)
        if body is None:
            body = self._escape_body = parse_body(self.request.body)
        return cast("dict[str, Any]", body)

    def int_arg(self, name: str, default: int, low: int | None = None, high: int | None = None) -> int:
        """An integer query argument: absent or empty gives ``default``; anything else not an integer, or out
        of [low, high], is a 400 naming the argument."""
        raw = self.get_argument(name, None)
        if raw is None or raw.strip() == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise BadInput(name, f"{raw!r} is not an integer") from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise BadInput(name, f"must be between {low} and {high}, got {value}")
        return value

    def validate_request(self, verb: str, path_args: Sequence[str]) -> None:
        """Check the query, path and body against this route's OpenAPI description, before the handler runs."""
        from ..extension import route_pattern
        from ..openapi import operation_for, path_names

        pattern = route_pattern(type(self))
        operation = operation_for(pattern, verb) if pattern else None
        if operation is None:
            return  # tests/test_openapi.py makes sure every registered route has a description
        check_path(operation, path_names(type(self), verb), path_args)
        check_query(operation, self.request.query_arguments)
        if operation.body is not None:
            check_body(operation, self.json_body())

    def send_json(self, payload: object, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(payload, default=str))

    async def send_large_json(self, payload: object, status: int = 200) -> None:
        """:meth:`send_json` for answers that grow with the data (table rows, job lists): the encoding of a
        million-row body takes seconds, so it runs off the loop (in this pillar's workers), and in pieces, so that
        it does not hold the GIL, and with it the loop, for all that time (core/jsontext.py)."""
        text = await self.run_blocking(dumps_in_pieces, payload)
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(text)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
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
        # An unexpected exception's text can hold paths, SQL or remote data: it goes to the server log
        # (log_exception), the browser gets only its class.
        message = f"internal error ({exc.__class__.__name__}); the server log has the details" if exc else self._reason
        self.finish(json.dumps({"error": message, "service": None}))

    def log_exception(
        self,
        typ: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # An EscapeError is an expected, user-facing failure: one log line, no traceback.
        if isinstance(value, EscapeError):
            # The text, not the error: a log record that kept the error would keep its traceback's frames, and
            # so whatever they hold (a refused answer's buffers), for as long as a handler keeps the record.
            self.log.warning("jupyter-escape: %s", str(value))
            return
        super().log_exception(typ, value, tb)


def authenticated_and_authorized(method: Verb) -> Verb:
    """Every verb of every route: logged-in user, allowed on the 'escape' resource, input as described."""
    # tornado's decorator is typed as returning Callable[..., ...]: the verb keeps its own signature.
    return cast(Verb, web.authenticated(authorized(_validated(method))))


def _validated(method: Verb) -> Verb:
    # Inside the authentication checks: an anonymous request gets 403 whatever it sends, never a 400 that would
    # tell it about the route's parameters.
    @functools.wraps(method)
    def wrapper(self: EscapeHandler, *args: Any, **kwargs: Any) -> Any:
        self.validate_request(method.__name__, args)
        return method(self, *args, **kwargs)

    return cast(Verb, wrapper)
