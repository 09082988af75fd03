"""Every route the extension registers, with every verb it serves, refuses unauthenticated requests with 403."""

from __future__ import annotations

import re

import pytest
from tornado.httpclient import HTTPClientError
from tornado.web import RequestHandler

from jupyter_escape.extension import routes

VERBS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _concrete(path: str) -> str:
    """Fill each regex group of a parameterised route with a sample value, so it gets a real request."""
    return re.sub(r"\([^)]*\)", "x", path)


def _served(handler: type) -> list[str]:
    """Verbs the handler implements itself (tornado answers 405 for the others, before any auth check)."""
    return [v for v in VERBS if getattr(handler, v.lower()) is not getattr(RequestHandler, v.lower())]


def _unauthenticated() -> dict[str, str]:
    """Routes that take something else than a Jupyter login, and what (each handlers module may list some)."""
    from jupyter_escape.handlers import samp

    return dict(samp.UNAUTHENTICATED)


# The signed-link route of SAMP is the one exception: desktop tools cannot carry the Jupyter token, so a
# short-lived HMAC signature stands in for it; tests/samp/test_links.py checks it refuses what it must.
EXCEPTIONS = _unauthenticated()
CASES = sorted(
    {(_concrete(path), verb) for path, handler in routes() for verb in _served(handler) if path not in EXCEPTIONS}
)


@pytest.mark.parametrize(("path", "method"), CASES)
async def test_unauthenticated_is_403(jp_fetch, path, method):
    body = None if method in ("GET", "DELETE") else "{}"
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch(
            "escape",
            "api",
            *path.split("/"),
            method=method,
            body=body,
            headers={"Authorization": ""},
            allow_nonstandard_methods=True,
        )
    assert err.value.code == 403


def test_cases_cover_the_core_routes():
    assert ("handshake", "GET") in CASES and ("status", "GET") in CASES
    assert len(CASES) == sum(
        len(_served(h)) for _, h in {(_concrete(p), h) for p, h in routes() if p not in EXCEPTIONS}
    )


def test_the_only_exception_is_the_signed_link_route():
    registered = {path for path, _ in routes()}
    assert set(EXCEPTIONS) == {"samp/files/([^/]+)/([^/]+)"}
    assert set(EXCEPTIONS) <= registered


async def test_signed_link_route_without_login_refuses_an_unsigned_request(jp_fetch):
    """No login and no valid signature: refused (403), the same as every other route without a login."""
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("escape", "api", "samp", "files", "x", "x", headers={"Authorization": ""})
    assert err.value.code == 403
