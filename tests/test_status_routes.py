"""The handshake and status routes, against the real local registry and against dead/invalid services."""

from __future__ import annotations

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
    escape_config["rucio_instances"] = [{"name": "x", "rucio_base_url": "ftp://nope", "auth_type": "kerberos",
                                         "password": "hunter2"}]
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
