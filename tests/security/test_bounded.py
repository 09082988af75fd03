"""Outbound requests are bounded in size: a local server that streams an endless body (conftest.EndlessBody) is
put behind each pillar's routes (TAP, registry, DataLink download, OSSR search, status probes, Rucio listings) and
the answer must be a clear "larger than the ... limit" error, quickly, with bounded memory and with the endless
server having sent only about the limit. (The sky pillar makes no outbound request: its files are local.)"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from .conftest import EndlessBody, FakeRucio

LIMIT = 4 * 1024 * 1024
# What the endless server may have pushed beyond the limit before the client hung up: socket buffers, one batch.
SLACK = 32 * 1024 * 1024


def _peak_rss_reset() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # Linux: reset VmHWM (peak RSS) of this process
        return True
    except OSError:
        return False


def _peak_rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM")


@pytest.fixture
def endless(local_server):
    return local_server(EndlessBody)


@pytest.fixture
def escape_config(escape_config, endless):
    escape_config.update(
        max_response_bytes=LIMIT,
        request_timeout=20.0,
        check_timeout=10.0,
        registry_url=endless.url + "/tap",
        software_repository={
            "name": "ossr",
            "display_name": "OSSR (endless)",
            "base_url": endless.url + "/api",
            "community": "escape2020",
        },
    )
    return escape_config


async def _bounded_error(jp_fetch, endless, path, method="GET", body=None, params=None) -> dict:
    import json

    measured = _peak_rss_reset()
    before = _peak_rss()
    start = time.monotonic()
    response = await jp_fetch(
        "escape",
        "api",
        *path.split("/"),
        method=method,
        body=body,
        params=params or {},
        raise_error=False,
        request_timeout=60,
    )
    elapsed = time.monotonic() - start
    answer = json.loads(response.body)
    assert response.code == 502, (path, response.code, answer)
    assert "larger than" in answer["error"] and "limit" in answer["error"], answer
    assert answer.get("service"), "the error names no service"
    assert elapsed < 30, f"{path}: {elapsed:.1f} s"
    assert endless.sent < LIMIT * 3 + SLACK, f"{path}: the endless server sent {endless.sent} bytes"
    if measured:
        assert _peak_rss() - before < 20 * LIMIT + 64 * 1024 * 1024, "memory grew with the endless body"
    endless.sent = 0
    return answer


async def test_tap_sync_endless_body(jp_fetch, endless):
    await _bounded_error(
        jp_fetch, endless, "vo/tap/sync", "POST", body=f'{{"url": "{endless.url}/tap", "query": "SELECT * FROM t"}}'
    )


async def test_registry_search_endless_body(jp_fetch, endless):
    await _bounded_error(jp_fetch, endless, "vo/registry/search", "POST", body='{"keywords": "x"}')


async def test_tap_tables_endless_body(jp_fetch, endless):
    await _bounded_error(jp_fetch, endless, "vo/tap/tables", params={"url": endless.url + "/tap"})


async def test_datalink_download_endless_body_leaves_no_file(jp_fetch, endless, jp_root_dir):
    await _bounded_error(
        jp_fetch,
        endless,
        "vo/datalink/fetch",
        "POST",
        body=f'{{"access_url": "{endless.url}/product.fits", "folder": "dl"}}',
    )
    leftovers = [p for p in (Path(jp_root_dir) / "dl").rglob("*")] if (Path(jp_root_dir) / "dl").exists() else []
    assert not leftovers, leftovers


async def test_ossr_search_endless_body(jp_fetch, endless):
    await _bounded_error(jp_fetch, endless, "ossr/search", params={"q": "x"})


async def test_status_probe_endless_body(fetch_json, endless):
    status = await fetch_json("status", params={"service": "registry"})
    [probe] = status["services"]
    assert "larger than" in (probe.get("error") or ""), probe
    assert endless.sent < 3 * 1024 * 1024 + SLACK


class EndlessRucio(FakeRucio):
    """A Rucio whose listings never end (login and ping behave)."""

    content_type = "application/x-json-stream"

    def do_GET(self):
        if self.path.startswith("/scopes"):
            self.server_state.requests.append(("GET", self.path, dict(self.headers)))
            EndlessBody._endless(self)
            return
        super().do_GET()


class TestRucio:
    @pytest.fixture
    def escape_config(self, escape_config, local_server, tmp_path):
        from .conftest import RUCIO_PASSWORD

        rucio = local_server(EndlessRucio)
        password = tmp_path / "pw"
        password.write_text(RUCIO_PASSWORD)
        escape_config["rucio_instances"] = [
            {
                "name": "lake",
                "rucio_base_url": rucio.url,
                "auth_type": "userpass",
                "username": "good",
                "account": "alice",
                "password_file": str(password),
            }
        ]
        return escape_config

    async def test_rucio_listing_endless_body(self, jp_fetch):
        import json

        response = await jp_fetch(
            "escape", "api", "datalake", "scopes", params={"instance": "lake"}, raise_error=False, request_timeout=60
        )
        answer = json.loads(response.body)
        assert response.code == 502 and "larger than" in answer["error"], answer


def test_storage_download_stops_at_rucio_size(local_server, tmp_path):
    """Stage downloads write to disk: a body longer than the size Rucio lists stops at that size."""
    import httpx

    from jupyter_escape.core.errors import EscapeError
    from jupyter_escape.datalake.transfer import fetch_file, part_path

    endless = local_server(EndlessBody)
    target = tmp_path / "f.fits"
    with httpx.Client(timeout=10) as client, pytest.raises(EscapeError, match="more than the 1000000 bytes"):
        fetch_file(
            endless.url + "/f.fits",
            target,
            size=1_000_000,
            adler32=None,
            md5=None,
            client=client,
            progress=lambda n: None,
            cancel=threading.Event(),
        )
    assert not target.exists()
    part = part_path(target)
    assert not part.exists() or part.stat().st_size <= 1_000_000


async def test_error_bodies_are_read_bounded(local_server):
    """An error status with an endless body: only ERROR_BODY_BYTES are read to show the service's words."""
    from jupyter_escape.core.errors import EscapeError
    from jupyter_escape.core.http import Limits
    from jupyter_escape.vo.transport import http as vo_http

    class EndlessError(EndlessBody):
        def send_response(self, code, message=None):
            super().send_response(500 if code == 200 else code, message)

    server = local_server(EndlessError)
    with pytest.raises(EscapeError) as err:
        await vo_http.votable_request("TAP test", "POST", server.url + "/sync", limits=Limits(10, 1 << 40), data={})
    assert "500" in err.value.message
    assert server.sent < 64 * 1024 + SLACK
