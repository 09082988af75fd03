"""Authentication and authorisation on every route and verb, stricter than tests/test_auth_every_route.py.

That test sends unauthenticated requests; for POST/PUT/PATCH/DELETE jupyter-server's XSRF check answers 403 before
the handler's own @authenticated runs, so it would pass even for a verb without the decorator. Here the XSRF check
is switched off, so a 403 can only come from the handler itself; and a second server runs with an authoriser that
refuses the "escape" resource, proving every verb asks jupyter-server's authoriser (resource "escape", the right
action) and obeys its answer.
"""

from __future__ import annotations

import re
from typing import ClassVar

import pytest
from jupyter_server.auth.authorizer import Authorizer
from tornado.web import RequestHandler

from jupyter_escape.extension import routes

VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ACTION = {"GET": "read", "POST": "write", "PUT": "write", "PATCH": "write", "DELETE": "write"}


def _concrete(path: str) -> str:
    return re.sub(r"\([^)]*\)", "x", path)


def _served(handler: type) -> list[str]:
    return [v for v in VERBS if getattr(handler, v.lower()) is not getattr(RequestHandler, v.lower())]


CASES = sorted({(_concrete(p), v) for p, h in routes() for v in _served(h)})


def _signed_link_cases() -> set[tuple[str, str]]:
    """SAMP's signed-link route (handlers/samp.UNAUTHENTICATED, tests/test_auth_every_route.py): its HMAC
    signature is the authorisation, so no login and no authoriser are asked; tests/samp/test_links.py covers it."""
    from jupyter_escape.handlers import samp

    return {(_concrete(p), v) for p, h in routes() if p in samp.UNAUTHENTICATED for v in _served(h)}


AUTHORISED_CASES = [case for case in CASES if case not in _signed_link_cases()]


class RefuseEscape(Authorizer):
    """Allows everything but the extension's resource; remembers what it was asked."""

    asked: ClassVar[list[tuple[str, str, str]]] = []

    def is_authorized(self, handler, user, action, resource):
        RefuseEscape.asked.append((handler.request.path, action, resource))
        return resource != "escape"


def _request(jp_fetch, path, method, **headers):
    body = None if method in ("GET", "DELETE") else "{}"
    return jp_fetch(
        "escape",
        "api",
        *path.split("/"),
        method=method,
        body=body,
        headers=headers,
        allow_nonstandard_methods=True,
        raise_error=False,
        follow_redirects=False,
    )


class TestWithoutXsrfCheck:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        return {**jp_server_config, "ServerApp": {**jp_server_config["ServerApp"], "disable_check_xsrf": True}}

    @pytest.mark.parametrize(("path", "method"), CASES)
    async def test_unauthenticated_refused_by_the_handler_itself(self, jp_fetch, path, method):
        response = await _request(jp_fetch, path, method, Authorization="")
        assert response.code == 403, f"{method} {path} answered {response.code} to an anonymous request"


class TestAuthoriserRefusesEscape:
    @pytest.fixture
    def jp_server_config(self, jp_server_config):
        return {**jp_server_config, "ServerApp": {**jp_server_config["ServerApp"], "authorizer_class": RefuseEscape}}

    @pytest.mark.parametrize(("path", "method"), AUTHORISED_CASES)
    async def test_authenticated_but_not_authorised_is_403(self, jp_fetch, path, method):
        RefuseEscape.asked.clear()
        response = await _request(jp_fetch, path, method)  # token-authenticated
        assert response.code == 403, f"{method} {path} answered {response.code} although 'escape' is refused"
        mine = [(a, r) for p, a, r in RefuseEscape.asked if "/escape/api/" in p]
        assert (ACTION[method], "escape") in mine, f"{method} {path} never asked the authoriser: {mine}"

    def test_only_the_signed_link_route_is_left_out(self):
        assert _signed_link_cases() == {("samp/files/x/x", "GET")}
        assert len(AUTHORISED_CASES) == len(CASES) - 1

    async def test_other_resources_still_work(self, jp_fetch):
        # The refusal is specific to the extension's resource, so the 403s above are not a broken server.
        response = await jp_fetch("api", "status", raise_error=False)
        assert response.code == 200
