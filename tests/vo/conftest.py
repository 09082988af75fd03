"""VO test fixtures.

`replay_server` is a REPLAY: a tiny local HTTP server answering with recorded files from tests/vo/data/. It is used
only for edge cases the local DaCHS cannot produce (a HELD job, a service that ignores UWS WAIT, literal "NULL"
cells, a truncated VOTable). Everything
else is tested against the real local DaCHS (tests marked `stack`).
"""

from __future__ import annotations

import http.server
import pathlib
import threading
from typing import ClassVar

import httpx
import pytest

from tests.conftest import stack_value

DATA = pathlib.Path(__file__).parent / "data"


class _Replay(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict] = {
        ("POST", "/nulls/sync"): ("null_literals.vot", "application/x-votable+xml"),
        ("POST", "/broken/sync"): ("broken.vot", "application/x-votable+xml"),
        ("GET", "/held/async/held1"): ("uws_held.xml", "text/xml"),
    }
    seen: ClassVar[list] = []
    eager_polls: ClassVar[int] = 0  # GETs of /eager/async/job1: EXECUTING twice, then COMPLETED

    def _answer(self, method: str):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        self.seen.append((method, self.path, body))
        path = self.path.split("?", 1)[0]
        if method == "POST" and path == "/held/async":
            self.send_response(303)
            self.send_header("Location", "/held/async/held1")
            self.end_headers()
            return
        if method == "POST" and path == "/held/async/held1/phase":
            self.send_response(303)
            self.send_header("Location", "/held/async/held1")
            self.end_headers()
            return
        if method == "GET" and path == "/eager/async/job1":  # answers at once whatever WAIT says
            type(self).eager_polls += 1
            phase = "EXECUTING" if self.eager_polls <= 2 else "COMPLETED"
            xml = (DATA / "uws_held.xml").read_bytes().replace(b"held1", b"job1")
            content = xml.replace(b"<uws:phase>HELD", f"<uws:phase>{phase}".encode())
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
            return
        entry = self.routes.get((method, path))
        if entry is None:
            self.send_response(404)
            self.end_headers()
            return
        content = (DATA / entry[0]).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", entry[1])
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    def do_GET(self):
        self._answer("GET")

    def do_POST(self):
        self._answer("POST")

    def log_message(self, *args):
        pass


@pytest.fixture
def replay_requests(replay_server) -> list:
    """(method, path, body) of every request the replay server got, in order."""
    return _Replay.seen


@pytest.fixture
def replay_server():
    """Base URL of the replay server (recorded responses, see the module docstring)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Replay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Replay.seen.clear()
    _Replay.eager_polls = 0
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _dachs_up() -> bool:
    try:
        return (
            httpx.get(
                stack_value("ESCAPE_TAP_URL", "http://127.0.0.1:8090/tap") + "/capabilities", timeout=3
            ).status_code
            == 200
        )
    except httpx.HTTPError:
        return False


@pytest.fixture(scope="session")
def dachs() -> dict:
    """The local DaCHS URLs; a test marked `stack` fails loudly (not skips) when DaCHS is down."""
    if not _dachs_up():
        pytest.fail("the local DaCHS is not answering: run `stack/escape-stack up dachs`")
    return {
        name: stack_value(f"ESCAPE_{name.upper()}_URL")
        for name in ("dachs", "tap", "regtap", "sia2", "scs", "sia1", "ssa")
    }


class StatusPolls:
    """What tap.job_status is asked once `watch()` is called: the WAIT of each call, and the most calls in flight
    at once. Every call still goes to the real function and the service."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.waits: list[int | None] = []
        self.in_flight = 0
        self.most = 0
        self._monkeypatch = monkeypatch

    def watch(self) -> None:
        from jupyter_escape.vo import tap

        real = tap.job_status

        async def recording(job_url, *, wait=None, limits=None):
            self.waits.append(wait)
            self.in_flight += 1
            self.most = max(self.most, self.in_flight)
            try:
                return await real(job_url, wait=wait, limits=limits)
            finally:
                self.in_flight -= 1

        self._monkeypatch.setattr(tap, "job_status", recording)


@pytest.fixture
def status_polls(monkeypatch) -> StatusPolls:
    return StatusPolls(monkeypatch)
