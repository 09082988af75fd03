"""Nothing blocking on the event loop: while slow file work ties up four pillars' workers, the other pillars' routes
answer within a second, as in test_isolation.py.

The slow work is the blocking work these routes used to do on the loop itself (job files, an Arrow IPC encoding of a
basket table, a codemeta.json read): a slow disk is simulated by making the named function sleep before it does its
real work, in the server this test runs. Had any of it stayed on the loop, every route would have waited behind all
of it (4 routes x 6 requests x 1 s)."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest

SLOW_SECONDS = 1.0
REQUESTS_EACH = 6  # more than a pillar's 4 workers: a queue forms in each slow pillar


def _slowed(fn):
    def slow(*args, **kwargs):
        time.sleep(SLOW_SECONDS)  # a slow disk (or NFS home folder) under the file this reads or writes
        return fn(*args, **kwargs)

    return slow


@pytest.fixture
def slow_disk(monkeypatch):
    from jupyter_escape.basket import tableio
    from jupyter_escape.datalake.jobstore import JobStore
    from jupyter_escape.ossr import codemeta
    from jupyter_escape.zooniverse.upload import UploadStore

    monkeypatch.setattr(UploadStore, "jobs", _slowed(UploadStore.jobs))  # zooniverse upload job files
    monkeypatch.setattr(JobStore, "list", _slowed(JobStore.list))  # the data lake's job file
    monkeypatch.setattr(tableio, "ipc_bytes", _slowed(tableio.ipc_bytes))  # a basket table as Arrow IPC
    monkeypatch.setattr(codemeta, "parse_codemeta", _slowed(codemeta.parse_codemeta))  # a codemeta.json read


async def test_other_pillars_answer_while_file_work_is_slow(
    slow_disk, http_server_client, jp_http_port, jp_base_url, jp_auth_header, jp_root_dir
):
    from tornado.httpclient import AsyncHTTPClient
    from tornado.httputil import url_concat

    (Path(jp_root_dir) / "codemeta.json").write_text(json.dumps({"name": "x"}))
    # Its own client: jp_fetch's shared one runs 10 requests at a time and would queue the measured ones.
    client = AsyncHTTPClient(force_instance=True, max_clients=4 * REQUESTS_EACH + 10)
    base = f"http://127.0.0.1:{jp_http_port}{jp_base_url}escape/api/"

    async def call(path, method="GET", body=None, **params):
        start = time.monotonic()
        response = await client.fetch(
            url_concat(base + path, params),
            method=method,
            body=None if body is None else json.dumps(body),
            headers=jp_auth_header,
            raise_error=False,
            request_timeout=120,
        )
        return response.code, time.monotonic() - start

    slow_routes = {
        "zooniverse/uploads": lambda: call("zooniverse/uploads"),
        "datalake/stage": lambda: call("datalake/stage"),
        "basket/sql (arrow)": lambda: call("basket/sql", "POST", {"sql": "SELECT 1 AS one", "format": "arrow"}),
        "ossr/codemeta/validate": lambda: call("ossr/codemeta/validate", "POST", {"path": "codemeta.json"}),
    }
    slow = {
        name: [asyncio.ensure_future(request()) for _ in range(REQUESTS_EACH)] for name, request in slow_routes.items()
    }
    await asyncio.sleep(SLOW_SECONDS / 2)  # every slow pillar's workers are busy now, with a queue behind them
    others = {"handshake": {}, "sky/hips": {}, "vo/tap/jobs": {"refresh": "0"}, "samp/events": {"timeout": "0"}}
    timings = {}
    for path, params in others.items():
        code, timings[path] = await call(path, **params)
        assert code == 200, (path, code)
    pending = {name: sum(not t.done() for t in tasks) for name, tasks in slow.items()}
    answers = {name: await asyncio.gather(*tasks) for name, tasks in slow.items()}
    client.close()
    print(
        f"\n{REQUESTS_EACH} requests to each of {', '.join(slow_routes)} ({SLOW_SECONDS:g} s of file work each); "
        f"still pending while the others answered: {pending}; the others in "
        + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in timings.items())
    )
    for name, results in answers.items():
        assert all(code == 200 for code, _ in results), (name, results)
    # With the file work on the loop (before this test), handshake answered after 12 s, once all of it was done.
    assert max(timings.values()) < 1.0, timings
    assert all(n >= REQUESTS_EACH // 2 for n in pending.values()), ("a slow pillar was not under load", pending)
