"""Failures of the repository: unreachable, rate limited (429 + Retry-After), server errors, slowness.

Faults are switched on in the Zenodo API replay (not Zenodo; see tests/ossr/conftest.py)."""

from __future__ import annotations

import time

import pytest

from jupyter_escape.ossr import records
from jupyter_escape.ossr.client import RateLimited

from .conftest import SERVICE, dead_port, error_of


@pytest.fixture
def unreachable(escape_config):
    escape_config["software_repository"]["base_url"] = f"http://127.0.0.1:{dead_port()}/api"
    return escape_config


async def test_unreachable_repository(unreachable, fetch_json):
    status, err = await error_of(fetch_json("ossr", "search"))
    assert status == 502 and err["service"] == SERVICE and "cannot reach" in err["error"]
    body = await fetch_json("status", params={"service": "software"})
    assert body["services"][0]["reachable"] is False


async def test_429_retry_after_is_honoured_and_reported(fetch_json, zenodo):
    zenodo.fault("429", count=2, path="/api/records", retry_after=1)
    start = time.perf_counter()
    body = await fetch_json("ossr", "search", params={"q": "gammaflow"})
    assert time.perf_counter() - start >= 2.0  # two waits of Retry-After: 1
    assert [h["id"] for h in body["hits"]] == [7003]
    assert [e["attempt"] for e in body["rate_limited"]] == [1, 2]
    assert all(e["retry_after"] == 1 for e in body["rate_limited"])


async def test_429_retries_are_bounded(fetch_json, zenodo):
    zenodo.fault("429", count=10, path="/api/records", retry_after=0.2)
    status, err = await error_of(fetch_json("ossr", "search"))
    assert status == 429 and "after 4 attempt(s)" in err["error"] and err["service"] == SERVICE


async def test_long_retry_after_is_reported_not_waited(client_for, zenodo):
    zenodo.fault("429", path="/api/records", retry_after=3600)
    start = time.perf_counter()
    async with client_for() as client:
        with pytest.raises(RateLimited) as err:
            await records.search(client)
    assert time.perf_counter() - start < 2 and err.value.retry_after == 3600


async def test_server_error_passed_verbatim(fetch_json, zenodo):
    zenodo.fault("500", path="/api/records/7011")
    status, err = await error_of(fetch_json("ossr", "records", "7011"))
    assert status == 502 and "Internal server error (replay fault)" in err["error"]


@pytest.fixture
def short_timeout(escape_config):
    escape_config["request_timeout"] = 1.0
    return escape_config


async def test_slow_repository_times_out(short_timeout, fetch_json, zenodo):
    zenodo.fault("slow", path="/api/records", delay=3)
    status, err = await error_of(fetch_json("ossr", "search"))
    assert status == 504 and "no answer within 1 s" in err["error"]


async def test_per_request_fault_header(client_for, zenodo):
    async with client_for() as client:
        with pytest.raises(Exception) as err:
            await client.get_json("records", headers={"X-Replay-Fault": "500"})
    assert "HTTP 500" in str(err.value)
