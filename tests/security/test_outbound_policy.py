"""Outbound policy (EscapeConfig.block_private_targets + outbound_allowlist): refused after DNS resolution and on
every redirect. No traffic leaves loopback: "public" names are made up and answered by a patched resolver, and
every server is a local one on 127.0.0.1 (which the policy must refuse unless allowlisted)."""

from __future__ import annotations

import json
import socket
from http.server import BaseHTTPRequestHandler

import pytest

from jupyter_escape.core import netpolicy
from jupyter_escape.core.netpolicy import OutboundPolicy, OutboundRefused, parse_allow


class Hello(BaseHTTPRequestHandler):
    """200 and a tiny TAP-ish table list on every GET; counts what it served."""

    def do_GET(self):
        self.server_state.requests.append(("GET", self.path, dict(self.headers)))
        body = b"<tableset/>"
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def redirect_to(target: str):
    class Redirect(BaseHTTPRequestHandler):
        def do_GET(self):
            self.server_state.requests.append(("GET", self.path, dict(self.headers)))
            self.send_response(302)
            self.send_header("Location", target + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Redirect


@pytest.fixture
def restore_policy():
    saved = netpolicy.current()
    yield
    netpolicy.configure(saved)


# ---------------------------------------------------------------- the rule itself (no network at all)
@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fd00::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
    ],
)
def test_non_global_addresses_are_refused_when_on(address):
    assert not OutboundPolicy(block_private=True).permits(address, 80)
    assert OutboundPolicy(block_private=False).permits(address, 80)


@pytest.mark.parametrize("address", ["8.8.8.8", "188.184.21.108", "2001:4860:4860::8888"])
def test_global_addresses_pass(address):
    assert OutboundPolicy(block_private=True).permits(address, 443)


def test_allowlist_entries():
    policy = OutboundPolicy.from_settings(True, ["127.0.0.1:8090", "10.1.0.0/16", "[::1]:8091"])
    assert policy.permits("127.0.0.1", 8090) and not policy.permits("127.0.0.1", 8091)
    assert policy.permits("10.1.200.3", 22) and not policy.permits("10.2.0.1", 22)
    assert policy.permits("::1", 8091) and not policy.permits("::1", 8090)
    assert parse_allow("::1").port is None
    for bad in ("127.0.0.1:0", "nonsense", "[::1]8091", "10.0.0.0/33"):
        with pytest.raises(ValueError):
            parse_allow(bad)


def test_checked_after_dns_resolution(monkeypatch):
    """A harmless-looking name that resolves to a private address is refused: the addresses decide, not the name."""

    def fake_getaddrinfo(host, port, *args, **kwargs):
        ip = {"data.example.org": "169.254.169.254", "mixed.example.org": "8.8.8.8"}[host]
        infos = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]
        if host == "mixed.example.org":  # one public and one private answer: refused too
            infos.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)))
        return infos

    monkeypatch.setattr(netpolicy.socket, "getaddrinfo", fake_getaddrinfo)
    policy = OutboundPolicy(block_private=True)
    with pytest.raises(OutboundRefused, match=r"169\.254\.169\.254"):
        policy.resolve("data.example.org", 80)
    with pytest.raises(OutboundRefused, match=r"10\.0\.0\.7"):
        policy.resolve("mixed.example.org", 80)
    assert OutboundPolicy(block_private=False).resolve("data.example.org", 80) == ["169.254.169.254"]


def test_config_validation_names_a_bad_entry():
    from jupyter_escape.config import EscapeConfig

    errors = EscapeConfig(outbound_allowlist=["127.0.0.1:8090", "not-an-address"]).validate()
    assert any("outbound_allowlist[1]" in e for e in errors), errors


# ---------------------------------------------------------------- clients (async and blocking), redirects
async def test_async_client_refuses_loopback_and_connects_to_the_checked_address(
    local_server, restore_policy, monkeypatch
):
    from jupyter_escape.core.http import Limits, fetch

    server = local_server(Hello)
    port = int(server.url.rsplit(":", 1)[1])
    netpolicy.configure(OutboundPolicy(block_private=True))
    with pytest.raises(OutboundRefused):
        await fetch("test", "GET", server.url + "/x", limits=Limits(5, 1 << 20))
    with pytest.raises(OutboundRefused):  # a name, refused after resolution
        await fetch("test", "GET", f"http://localhost:{port}/x", limits=Limits(5, 1 << 20))
    assert server.requests == []

    # Allowlisted: the connection goes to the address that was checked (a resolver that would answer differently
    # the second time, DNS rebinding, is never asked again).
    netpolicy.configure(OutboundPolicy.from_settings(True, [f"127.0.0.1:{port}"]))
    answers = iter(["127.0.0.1", "169.254.169.254"])
    real = socket.getaddrinfo

    def rebinding(host, p, *args, **kwargs):
        if host == "rebind.example.org":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), p))]
        return real(host, p, *args, **kwargs)

    monkeypatch.setattr(netpolicy.socket, "getaddrinfo", rebinding)
    response = await fetch("test", "GET", f"http://rebind.example.org:{port}/ok", limits=Limits(5, 1 << 20))
    assert response.status_code == 200 and len(server.requests) == 1


async def test_redirect_to_a_refused_address_is_refused(local_server, restore_policy):
    from jupyter_escape.core.http import Limits, fetch

    target = local_server(Hello)
    start = local_server(redirect_to(target.url))
    netpolicy.configure(OutboundPolicy.from_settings(True, [f"127.0.0.1:{start.url.rsplit(':', 1)[1]}"]))
    with pytest.raises(OutboundRefused):
        await fetch("test", "GET", start.url + "/go", limits=Limits(5, 1 << 20))
    assert len(start.requests) == 1 and target.requests == []


def test_blocking_client_refuses_too(local_server, restore_policy):
    """The data lake's blocking clients (Rucio REST, logins, storage downloads) are built by make_sync_client."""
    from jupyter_escape.core.http import make_sync_client

    server = local_server(Hello)
    start = local_server(redirect_to(server.url))
    netpolicy.configure(OutboundPolicy.from_settings(True, [f"127.0.0.1:{start.url.rsplit(':', 1)[1]}"]))
    with make_sync_client(5, follow_redirects=True) as client:
        with pytest.raises(OutboundRefused):
            client.get(server.url + "/direct")
        with pytest.raises(OutboundRefused):
            client.get(start.url + "/via-redirect")
    assert server.requests == [] and len(start.requests) == 1
    netpolicy.configure(OutboundPolicy())  # off: loopback works, as a single-user JupyterLab needs
    with make_sync_client(5) as client:
        assert client.get(server.url + "/direct").status_code == 200


# ---------------------------------------------------------------- through the routes, configured by traitlets
class TestRoutes:
    @pytest.fixture
    def allowed(self, local_server):
        return local_server(Hello)

    @pytest.fixture
    def escape_config(self, escape_config, allowed, restore_policy):
        escape_config.update(
            block_private_targets=True, outbound_allowlist=[f"127.0.0.1:{allowed.url.rsplit(':', 1)[1]}"]
        )
        return escape_config

    async def test_refused_target_gives_403_naming_the_policy(self, jp_fetch, local_server, allowed):
        other = local_server(Hello)
        response = await jp_fetch(
            "escape", "api", "vo", "tap", "tables", params={"url": other.url + "/tap"}, raise_error=False
        )
        answer = json.loads(response.body)
        assert response.code == 403 and "outbound policy" in answer["error"], answer
        assert other.requests == []

    async def test_allowlisted_target_is_reached_its_neighbour_not(self, jp_fetch, local_server, allowed):
        await jp_fetch("escape", "api", "vo", "tap", "tables", params={"url": allowed.url + "/tap"}, raise_error=False)
        assert allowed.requests, "the allowlisted service was not reached"
        hop = local_server(redirect_to(allowed.url))  # not allowlisted itself
        response = await jp_fetch(
            "escape", "api", "vo", "tap", "tables", params={"url": hop.url + "/tap"}, raise_error=False
        )
        assert response.code == 403 and hop.requests == []


def test_rucio_calls_through_rucio_clients_are_checked(local_server, restore_policy, tmp_path):
    """The data lake's Rucio calls go through rucio-clients (requests), not httpx: its transport checks the policy too,
    logins included; an allowlisted Rucio is reached."""
    from jupyter_escape.datalake import browse
    from jupyter_escape.datalake.instances import Instance
    from jupyter_escape.datalake.rucio_client import RucioSession

    from .conftest import RUCIO_PASSWORD, FakeRucio

    rucio = local_server(FakeRucio)
    password = tmp_path / "pw"
    password.write_text(RUCIO_PASSWORD)
    inst = Instance(
        {
            "name": "lake",
            "rucio_base_url": rucio.url,
            "auth_type": "userpass",
            "username": "good",
            "account": "alice",
            "password_file": str(password),
        }
    )
    netpolicy.configure(OutboundPolicy(block_private=True))
    session = RucioSession(inst, tmp_path / "tokens")
    try:
        with pytest.raises(OutboundRefused) as refused:
            browse.list_scopes(session)
        assert refused.value.status == 403 and "outbound policy" in refused.value.message
        assert not rucio.requests  # refused before any byte was sent, the login included
        port = int(rucio.url.rsplit(":", 1)[1].split("/")[0])
        netpolicy.configure(OutboundPolicy.from_settings(True, [f"127.0.0.1:{port}"]))
        assert browse.list_scopes(session) == ["user.alice"]
    finally:
        session.close()
