"""Isolation of load: many slow requests to one pillar leave the others answering within a second, and a burst of
compressed bombs leaves the server's memory near where it started. Every remote service is a local server."""

from __future__ import annotations

import asyncio
import json
import time
import zlib
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from .conftest import RUCIO_PASSWORD, FakeRucio

SLOW_SECONDS = 1.0
SLOW_REQUESTS = 40


class SlowRucio(FakeRucio):
    """A Rucio whose scope listing takes SLOW_SECONDS (login and ping are quick)."""

    def do_GET(self):
        if self.path.startswith("/scopes"):
            time.sleep(SLOW_SECONDS)
        super().do_GET()


def _rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


class TestSlowDatalake:
    @pytest.fixture
    def rucio(self, local_server):
        return local_server(SlowRucio)

    @pytest.fixture
    def escape_config(self, escape_config, rucio, tmp_path):
        password = tmp_path / "pw"
        password.write_text(RUCIO_PASSWORD)
        escape_config.update(
            rucio_instances=[
                {
                    "name": "lake",
                    "rucio_base_url": rucio.url,
                    "auth_type": "userpass",
                    "username": "good",
                    "account": "alice",
                    "password_file": str(password),
                }
            ]
        )
        return escape_config

    async def test_other_pillars_answer_within_a_second(
        self, http_server_client, jp_http_port, jp_base_url, jp_auth_header, rucio
    ):
        from tornado.httpclient import AsyncHTTPClient
        from tornado.httputil import url_concat

        from jupyter_escape.core.load import POOLS

        # jp_fetch's shared client runs 10 requests at a time and queues the rest: this test needs its own, or the
        # measured requests would wait behind the slow ones in the *client*.
        client = AsyncHTTPClient(force_instance=True, max_clients=SLOW_REQUESTS + 10)
        base = f"http://127.0.0.1:{jp_http_port}{jp_base_url}escape/api/"

        async def call(*path, **params):
            start = time.monotonic()
            response = await client.fetch(
                url_concat(base + "/".join(path), params),
                headers=jp_auth_header,
                raise_error=False,
                request_timeout=120,
            )
            return response.code, time.monotonic() - start

        slow = [asyncio.ensure_future(call("datalake", "scopes", instance="lake")) for _ in range(SLOW_REQUESTS)]
        await asyncio.sleep(SLOW_SECONDS / 2)  # the data lake's workers are all busy now, its queue is full
        others = {
            "basket": ("basket",),
            "basket/tables": ("basket", "tables"),
            "sky/hips": ("sky", "hips"),
            "ossr/kernels": ("ossr", "kernels"),
            "vo/tap/jobs": ("vo", "tap", "jobs"),
            "handshake": ("handshake",),
        }
        timings = {}
        for name, path in others.items():
            code, elapsed = await call(*path, refresh="0") if name == "vo/tap/jobs" else await call(*path)
            timings[name] = elapsed
            assert code == 200, (name, code)
        pending_while_measured = sum(not task.done() for task in slow)
        results = await asyncio.gather(*slow)
        slowest = max(elapsed for _, elapsed in results)
        print(
            f"\n{SLOW_REQUESTS} slow data lake requests ({SLOW_SECONDS:g} s each, {POOLS.workers} workers): "
            f"{pending_while_measured} still pending while the others answered in "
            + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items())
            + f"; the last data lake answer after {slowest:.1f} s"
        )
        assert pending_while_measured >= SLOW_REQUESTS // 2, "the slow pillar was not under load while measured"
        assert all(code == 200 for code, _ in results), results
        client.close()
        assert max(timings.values()) < 1.0, timings


class GzipBomb(BaseHTTPRequestHandler):
    """200 with a gzip body that inflates to BOMB_BYTES of zeros (about 0.1 % of that on the wire), to a GET (the
    OSSR search) or a POST (a TAP query)."""

    body = b""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.do_GET()

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json" if self.command == "GET" else "application/x-votable+xml")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


BOMB_BYTES = 320 * 1024 * 1024
LIMIT = 256 * 1024 * 1024  # max_response_bytes: each bomb alone is refused past this
BUDGET = 384 * 1024 * 1024  # inflight_bytes_budget: together they are refused past this


def _gzip_zeros(size: int) -> bytes:
    """gzip of ``size`` zero bytes, built a MiB at a time so the test itself never holds the inflated bytes."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    parts = [comp.compress(zeros) for _ in range(size >> 20)]
    return b"".join(parts) + comp.flush()


class TestCompressedBombs:
    @pytest.fixture
    def bomb(self, local_server):
        GzipBomb.body = _gzip_zeros(BOMB_BYTES)
        return local_server(GzipBomb)

    @pytest.fixture
    def escape_config(self, escape_config, bomb):
        escape_config.update(
            max_response_bytes=LIMIT,
            inflight_bytes_budget=BUDGET,
            request_timeout=30.0,
            software_repository={
                "name": "ossr",
                "display_name": "OSSR (bomb)",
                "base_url": bomb.url + "/api",
                "community": "escape2020",
            },
        )
        return escape_config

    @pytest.mark.parametrize("route", ["ossr/search", "vo/tap/sync"])
    async def test_memory_returns_near_its_start(self, jp_fetch, bomb, route):
        from jupyter_escape.core.load import BUDGET as held_budget

        await jp_fetch("escape", "api", "handshake")  # warm up: imports and first allocations
        start_rss = _rss()
        peak = [start_rss]

        async def watch():
            while True:
                peak[0] = max(peak[0], _rss())
                await asyncio.sleep(0.05)

        watcher = asyncio.ensure_future(watch())

        def request(i: int):
            if route == "ossr/search":
                return jp_fetch(
                    "escape", "api", "ossr", "search", params={"q": str(i)}, raise_error=False, request_timeout=120
                )
            return jp_fetch(
                "escape",
                "api",
                "vo",
                "tap",
                "sync",
                method="POST",
                raise_error=False,
                request_timeout=120,
                body=json.dumps({"url": f"{bomb.url}/tap", "query": f"SELECT {i} FROM t"}),
            )

        answers = await asyncio.gather(*[request(i) for i in range(3)])
        await asyncio.sleep(0.5)
        watcher.cancel()
        end_rss = _rss()
        codes = sorted(a.code for a in answers)
        errors = [json.loads(a.body)["error"] for a in answers]
        mib = 1024 * 1024
        print(
            f"\n{route}: 3 concurrent gzip bombs ({BOMB_BYTES // mib} MiB inflated each, limit {LIMIT // mib} MiB, "
            f"budget {BUDGET // mib} MiB): answers {codes}; RSS {start_rss // mib} -> peak {peak[0] // mib} -> "
            f"{end_rss // mib} MiB; budget peak {held_budget.peak // mib} MiB"
        )
        assert all(code in (502, 503) for code in codes), errors
        assert any("inflight_bytes_budget" in e or "larger than" in e for e in errors), errors
        assert held_budget.held == 0
        # The budget counts inflated bytes received; a VOTable decoder holds about as much again while it works.
        assert peak[0] - start_rss < 2 * BUDGET + 256 * mib, "memory grew far beyond the budget"
        assert end_rss - start_rss < 100 * mib, "memory did not return near its start after the burst"


class TestBlockingTimeout:
    """A route waits at most EscapeConfig.blocking_timeout for its worker, then answers 504 naming the pillar."""

    @pytest.fixture
    def escape_config(self, escape_config, local_server, tmp_path):
        class VerySlowRucio(FakeRucio):
            def do_GET(self):
                if self.path.startswith("/scopes"):
                    time.sleep(4)
                super().do_GET()

        rucio = local_server(VerySlowRucio)
        password = tmp_path / "pw"
        password.write_text(RUCIO_PASSWORD)
        escape_config.update(
            blocking_timeout=1.0,
            rucio_instances=[
                {
                    "name": "lake",
                    "rucio_base_url": rucio.url,
                    "auth_type": "userpass",
                    "username": "good",
                    "account": "alice",
                    "password_file": str(password),
                }
            ],
        )
        return escape_config

    async def test_504_after_the_timeout(self, jp_fetch):
        start = time.monotonic()
        response = await jp_fetch(
            "escape", "api", "datalake", "scopes", params={"instance": "lake"}, raise_error=False, request_timeout=60
        )
        elapsed = time.monotonic() - start
        answer = json.loads(response.body)
        assert response.code == 504 and answer["service"] == "datalake", answer
        assert "blocking_timeout" in answer["error"] and elapsed < 3.5, (elapsed, answer)
        await asyncio.sleep(4)  # let the worker finish before the fake Rucio goes away
