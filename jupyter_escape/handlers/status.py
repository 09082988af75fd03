from __future__ import annotations

from datetime import datetime, timezone

from jupyter_server.utils import url_path_join

from .. import __version__
from ..status import check_all, check_one
from .base import EscapeHandler, authenticated_and_authorized

API_VERSION = 1


class HandshakeHandler(EscapeHandler):
    """Lets the frontend tell 'server extension missing' (404) from 'versions differ' (mismatch here)."""

    @authenticated_and_authorized
    def get(self) -> None:
        frontend = self.request.headers.get("X-Escape-Frontend-Version")
        self.send_json(
            {
                "server_version": __version__,
                "api_version": API_VERSION,
                "frontend_version": frontend,
                "versions_match": frontend is None or frontend == __version__,
            }
        )


class OpenAPIHandler(EscapeHandler):
    """The REST API's OpenAPI document (generated from the routes and openapi/operations.py)."""

    @authenticated_and_authorized
    def get(self) -> None:
        from ..extension import API_PREFIX, routes
        from ..openapi import document

        base = url_path_join(self.base_url, *API_PREFIX)
        self.send_json(document(routes(), base_path=base, version=__version__))


class StatusHandler(EscapeHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        cfg = self.escape_config
        service = self.get_query_argument("service", None)
        statuses = [await check_one(cfg, service)] if service else await check_all(cfg)
        self.send_json(
            {
                "checked_at": datetime.now(timezone.utc).isoformat(),
                "services": [s.to_json() for s in statuses],
                "config_errors": self.escape.config_errors,
            }
        )
