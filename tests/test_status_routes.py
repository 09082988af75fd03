"""The handshake and status routes, against the real local registry and against dead/invalid services."""

from __future__ import annotations

import contextlib
import json
import socket

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_escape import __version__


def _dead_port() -> int:
    """A loopback port nobody listens on: bind, read the number, close."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_handshake_reports_versions(fetch_json):
    body = await fetch_json("handshake", headers={"X-Escape-Frontend-Version": __version__})
    assert body["server_version"] == __version__
    assert body["api_version"] == 1
    assert body["versions_match"] is True


async def test_handshake_flags_version_mismatch(fetch_json):
    body = await fetch_json("handshake", headers={"X-Escape-Frontend-Version": "0.0.0-old"})
    assert body["versions_match"] is False
    assert body["frontend_version"] == "0.0.0-old"


@pytest.mark.stack
async def test_status_sees_local_registry(fetch_json, escape_config):
    body = await fetch_json("status")
    registry = next(s for s in body["services"] if s["id"] == "registry")
    assert registry["url"] == escape_config["registry_url"].rstrip("/")
    assert registry["reachable"] is True, registry["error"]
    assert registry["error"] is None
    assert registry["latency_ms"] > 0
    assert body["config_errors"] == []


@pytest.fixture
def dead_registry_config(escape_config):
    escape_config["registry_url"] = f"http://127.0.0.1:{_dead_port()}/tap"
    return escape_config


async def test_status_reports_dead_registry(dead_registry_config, fetch_json):
    body = await fetch_json("status")
    registry = next(s for s in body["services"] if s["id"] == "registry")
    assert registry["reachable"] is False
    assert "cannot reach" in registry["error"]
    assert "ConnectError" in registry["error"]


@pytest.fixture
def invalid_config(escape_config):
    escape_config["registry_url"] = "not a url"
    escape_config["rucio_instances"] = [
        {"name": "x", "rucio_base_url": "ftp://nope", "auth_type": "kerberos", "password": "hunter2"}
    ]
    return escape_config


async def test_invalid_config_is_reported_not_fatal(invalid_config, fetch_json):
    body = await fetch_json("status")
    errors = "\n".join(body["config_errors"])
    assert "registry_url: 'not a url' is not an http(s) URL" in errors
    assert "rucio_base_url: 'ftp://nope'" in errors
    assert "auth_type: 'kerberos'" in errors
    assert "password_file or password_env instead" in errors
    # the secret itself must never be echoed back
    assert "hunter2" not in json.dumps(body)


async def test_status_of_unknown_service_is_404(fetch_json):
    with pytest.raises(HTTPClientError) as err:
        await fetch_json("status", params={"service": "nope"})
    assert err.value.code == 404
    assert "nope" in json.loads(err.value.response.body)["error"]


@pytest.mark.stack
async def test_status_of_one_service(fetch_json):
    body = await fetch_json("status", params={"service": "registry"})
    assert [s["id"] for s in body["services"]] == ["registry"]


@pytest.fixture
def silent_server():
    """A loopback server that accepts connections and never answers: a 'slow or dead' service."""
    import threading

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held, stop = [], threading.Event()

    def accept():
        sock.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                held.append(sock.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield sock.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    sock.close()


@pytest.fixture
def silent_registry_config(escape_config, silent_server):
    escape_config["registry_url"] = f"http://127.0.0.1:{silent_server}/tap"
    escape_config["check_timeout"] = 1.0
    return escape_config


async def test_silent_service_times_out_without_blocking_the_server(silent_registry_config, fetch_json):
    import asyncio

    status_call = asyncio.ensure_future(fetch_json("status"))
    await asyncio.sleep(0.1)
    # While the status check waits on the silent service, the server still answers other requests.
    handshake = await fetch_json("handshake")
    assert not status_call.done()
    assert handshake["api_version"] == 1
    body = await status_call
    registry = next(s for s in body["services"] if s["id"] == "registry")
    assert registry["reachable"] is False
    assert registry["error"] == "no answer within 1 s"
    assert 900 <= registry["latency_ms"] < 3000


async def test_server_hands_config_to_kernels(fetch_json, jp_serverapp):
    import os

    await fetch_json("handshake")
    path = os.environ["ESCAPE_SERVER_CONFIG"]
    with open(path) as fh:
        assert json.load(fh)["check_timeout"] == 3.0
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
