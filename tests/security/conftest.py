"""Security tests: small local servers that misbehave on purpose (endless bodies, hostile records, a Rucio that
refuses or accepts logins) and a cookie-authenticated browser session. Nothing here needs the local stack."""

from __future__ import annotations

import json
import threading
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# Distinctive strings: if one of them shows up in a response, a header, a log line or a browser-readable file,
# a credential has left the server.
RUCIO_PASSWORD = "S3CRET-rucio-password-7f3a9c"
OIDC_TOKEN = "S3CRET-oidc-token-b81d2e"
ZENODO_TOKEN = "S3CRET-zenodo-token-5c0e44"
RUCIO_TOKEN = "S3CRET-rucio-auth-token-9a77d1"  # what the fake Rucio hands out after a good login
SECRETS = (RUCIO_PASSWORD, OIDC_TOKEN, ZENODO_TOKEN, RUCIO_TOKEN)


class LocalServer:
    """A ThreadingHTTPServer on 127.0.0.1:<free port> answering with ``handler_cls``; ``sent`` counts body bytes."""

    def __init__(self, handler_cls):
        self.sent = 0
        self.requests: list[tuple[str, str, dict]] = []
        outer = self

        class Handler(handler_cls):
            server_state = outer

            def log_message(self, *args):  # keep pytest output clean
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def local_server():
    """``start(handler_cls) -> LocalServer``; every server started is shut down after the test."""
    started: list[LocalServer] = []

    def start(handler_cls) -> LocalServer:
        server = LocalServer(handler_cls)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


class EndlessBody(BaseHTTPRequestHandler):
    """200 and a body that never ends (64 KiB chunks, no Content-Length) on every GET and POST."""

    content_type = "application/octet-stream"

    def _endless(self):
        self.send_response(200)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<!-- endless -->" * 4096
        try:
            while True:
                self.wfile.write(chunk)
                self.server_state.sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError, OSError):
            return

    def do_GET(self):
        self.server_state.requests.append(("GET", self.path, dict(self.headers)))
        self._endless()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server_state.requests.append(("POST", self.path, dict(self.headers)))
        self._endless()


class FakeRucio(BaseHTTPRequestHandler):
    """Just enough of Rucio's REST API: userpass login (good password -> RUCIO_TOKEN), whoami, scopes.

    A refused login answers like Rucio (401 + ExceptionClass/ExceptionMessage headers). Every request is recorded
    with its headers so tests can see what the extension sent.
    """

    def _json(self, status, payload, headers=None):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.server_state.requests.append(("GET", self.path, dict(self.headers)))
        if self.path.startswith("/auth/userpass"):
            if (
                self.headers.get("X-Rucio-Password") == RUCIO_PASSWORD
                and self.headers.get("X-Rucio-Username") == "good"
            ):
                self.send_response(200)
                self.send_header("X-Rucio-Auth-Token", RUCIO_TOKEN)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self._json(
                401,
                {
                    "ExceptionClass": "CannotAuthenticate",
                    "ExceptionMessage": f"Cannot authenticate user {self.headers.get('X-Rucio-Username')}",
                },
                {"ExceptionClass": "CannotAuthenticate", "ExceptionMessage": "Cannot authenticate"},
            )
            return
        if self.path.startswith("/ping"):
            self._json(200, {"version": "fake"})
            return
        token = self.headers.get("X-Rucio-Auth-Token")
        if token not in (RUCIO_TOKEN, OIDC_TOKEN):
            self._json(401, {"ExceptionClass": "CannotAuthenticate", "ExceptionMessage": "Cannot authenticate"})
            return
        if self.path.startswith("/accounts/whoami"):
            self._json(200, {"account": "alice"})
        elif self.path.startswith("/scopes"):
            self._json(200, ["user.alice"])
        else:
            self._json(404, {"ExceptionClass": "DataIdentifierNotFound", "ExceptionMessage": "not here"})


@pytest.fixture
def fake_rucio(local_server) -> LocalServer:
    return local_server(FakeRucio)


# ---------------------------------------------------------------- a cookie-authenticated browser session
class CookieSession:
    """What a browser holds after logging in: the login cookie and the ``_xsrf`` cookie.

    ``headers(xsrf=True)`` are the headers JupyterLab's ServerConnection sends (cookies + X-XSRFToken);
    ``headers(xsrf=False)`` the same cookies without the token, as a cross-site form POST would have them.
    """

    def __init__(self, cookies: dict[str, str]):
        self.cookies = cookies

    @property
    def xsrf(self) -> str:
        return self.cookies["_xsrf"]

    def headers(self, xsrf: bool = True) -> dict[str, str]:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        out = {"Authorization": "", "Cookie": cookie}
        if xsrf:
            out["X-XSRFToken"] = self.xsrf
        return out


def _cookies(response) -> dict[str, str]:
    jar: dict[str, str] = {}
    for raw in response.headers.get_list("Set-Cookie"):
        parsed = SimpleCookie()
        parsed.load(raw)
        jar.update({k: m.value for k, m in parsed.items()})
    return jar


@pytest.fixture
def cookie_login(jp_fetch, jp_serverapp):
    """``session = await cookie_login()``: log in the way a browser does: the token once (jupyter-server then sets
    the login cookie), and the login page for the ``_xsrf`` cookie. Afterwards no request carries the token."""

    async def login() -> CookieSession:
        logged_in = await jp_fetch("escape", "api", "handshake")  # token header: the answer sets the login cookie
        cookies = _cookies(logged_in)
        assert any(k.startswith("username-") for k in cookies), f"no login cookie in {list(cookies)}"
        page = await jp_fetch("login", headers={"Authorization": ""}, follow_redirects=False, raise_error=False)
        cookies.update(_cookies(page))
        assert "_xsrf" in cookies, f"the login page set no _xsrf cookie ({page.code})"
        session = CookieSession(cookies)
        check = await jp_fetch("escape", "api", "handshake", headers=session.headers(xsrf=False))
        assert check.code == 200, "the login cookie alone does not authenticate a GET"
        return session

    return login
