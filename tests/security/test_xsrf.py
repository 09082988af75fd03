"""XSRF, as jupyter-server enforces it: a state-changing request authenticated by the login cookie must carry the
``_xsrf`` token (X-XSRFToken header matching the ``_xsrf`` cookie). jupyter-server checks it in
JupyterHandler.prepare for every verb but GET/HEAD/OPTIONS, before the handler runs, unless the handler overrides
``check_xsrf_cookie`` or the request was token-authenticated. These tests send real cookie-authenticated requests
to every state-changing route and verb the extension registers."""

from __future__ import annotations

import ast
import inspect
import json
import re
import textwrap

import pytest
from jupyter_server.base.handlers import JupyterHandler
from tornado.web import RequestHandler

from jupyter_escape.extension import routes

STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")


def _concrete(path: str) -> str:
    return re.sub(r"\([^)]*\)", "x", path)


def _verbs(handler: type) -> list[str]:
    return [v for v in STATE_CHANGING if getattr(handler, v.lower()) is not getattr(RequestHandler, v.lower())]


CASES = sorted({(_concrete(p), v) for p, h in routes() for v in _verbs(h)})


def test_there_are_state_changing_routes_to_check():
    # Guards against an empty parametrisation silently passing.
    assert len(CASES) >= 25
    assert ("basket/items", "POST") in CASES and ("basket/items/x", "DELETE") in CASES
    assert ("basket/items/x", "PATCH") in CASES and ("ossr/publish", "POST") in CASES


def _starts_with_super_prepare(cls: type) -> bool:
    """A prepare() that first awaits jupyter-server's own (so its host, origin, login and XSRF checks all run)
    and only adds checks after it, as a streamed upload must before it takes the body."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls.__dict__["prepare"])))
    body = [n for n in tree.body[0].body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    return bool(body) and ast.unparse(body[0]) == "await super().prepare()"


def _signed_link_handlers() -> set[type]:
    from jupyter_escape.handlers import samp

    return {h for p, h in routes() if p in samp.UNAUTHENTICATED}


@pytest.mark.parametrize("handler", sorted({h for _, h in routes()}, key=lambda h: h.__name__))
def test_no_handler_opts_out_of_xsrf(handler):
    """No handler may weaken jupyter-server's checks: check_xsrf_cookie, check_origin, check_referer and prepare
    are jupyter-server's own (a prepare may only add checks after awaiting jupyter-server's), and no verb is marked
    @allow_unauthenticated. The one listed exception is SAMP's signed-link route (handlers/samp.UNAUTHENTICATED):
    GET only, authorised by its HMAC signature, never by the login cookie."""
    if handler in _signed_link_handlers():
        assert _verbs(handler) == [] and handler.get is not RequestHandler.get
        return
    for name in ("check_xsrf_cookie", "check_origin", "check_referer", "skip_check_origin"):
        owner = next(c for c in handler.__mro__ if name in c.__dict__)
        assert owner.__module__.startswith(("jupyter_server.", "tornado.")), f"{handler.__name__}.{name} is overridden"
    prepare_owner = next(c for c in handler.__mro__ if "prepare" in c.__dict__)
    assert prepare_owner.__module__.startswith("jupyter_server.") or _starts_with_super_prepare(prepare_owner), (
        f"{handler.__name__}.prepare is overridden without running jupyter-server's first"
    )
    assert issubclass(handler, JupyterHandler)
    for verb in ("get", "post", "put", "patch", "delete"):
        method = getattr(handler, verb)
        if method is getattr(RequestHandler, verb):
            continue
        assert not getattr(method, "__allow_unauthenticated", False), f"{handler.__name__}.{verb} allows anyone"
        assert "__wrapped__" in dir(method) or inspect.unwrap(method) is not method, (
            f"{handler.__name__}.{verb} is not decorated (authenticated_and_authorized)"
        )


def _body(method: str) -> str | None:
    return None if method == "DELETE" else "{}"


@pytest.mark.parametrize(("path", "method"), CASES)
async def test_cookie_without_xsrf_token_is_refused(jp_fetch, cookie_login, path, method):
    cookie_session = await cookie_login()
    response = await jp_fetch(
        "escape",
        "api",
        *path.split("/"),
        method=method,
        body=_body(method),
        headers=cookie_session.headers(xsrf=False),
        allow_nonstandard_methods=True,
        raise_error=False,
    )
    assert response.code == 403, f"{method} {path} without XSRF token answered {response.code}"
    assert "xsrf" in response.body.decode().lower(), response.body


@pytest.mark.parametrize(("path", "method"), CASES)
async def test_cookie_with_wrong_xsrf_token_is_refused(jp_fetch, cookie_login, path, method):
    cookie_session = await cookie_login()
    headers = {**cookie_session.headers(xsrf=False), "X-XSRFToken": "2|deadbeef|deadbeefdeadbeef|1700000000"}
    response = await jp_fetch(
        "escape",
        "api",
        *path.split("/"),
        method=method,
        body=_body(method),
        headers=headers,
        allow_nonstandard_methods=True,
        raise_error=False,
    )
    assert response.code == 403 and "xsrf" in response.body.decode().lower()


@pytest.mark.parametrize(("path", "method"), CASES)
async def test_cookie_with_xsrf_token_passes_auth(jp_fetch, cookie_login, path, method):
    cookie_session = await cookie_login()
    """With the token the request reaches the handler: whatever it answers (400 for the empty body, 404 for the
    sample id...), it is the handler's own JSON answer, not jupyter-server's XSRF refusal."""
    response = await jp_fetch(
        "escape",
        "api",
        *path.split("/"),
        method=method,
        body=_body(method),
        headers=cookie_session.headers(xsrf=True),
        allow_nonstandard_methods=True,
        raise_error=False,
        request_timeout=60,
    )
    text = response.body.decode()
    assert "xsrf" not in text.lower(), f"{method} {path}: {text}"
    assert response.code != 403 or "outside the server root" in text, f"{method} {path}: {response.code} {text}"
    if response.code >= 400:
        assert "error" in json.loads(text), text  # the extension's error shape: the handler ran


async def test_cross_origin_post_is_refused_even_with_token(jp_fetch, cookie_login):
    cookie_session = await cookie_login()
    """A page on another origin cannot read the _xsrf cookie; if it guessed it, the Origin check still stops it."""
    headers = {**cookie_session.headers(xsrf=True), "Origin": "https://evil.example"}
    response = await jp_fetch(
        "escape", "api", "basket", "items", method="POST", body="{}", headers=headers, raise_error=False
    )
    assert response.code in (403, 404) and response.code != 201
