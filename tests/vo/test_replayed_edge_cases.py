"""Edge cases the local DaCHS cannot produce, against a REPLAY server (recorded responses in tests/vo/data/):
a HELD job, literal "NULL" cells with a trailing OVERFLOW, a truncated VOTable. Through the domain API and routes."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest
from tornado.httpclient import HTTPClientError

from jupyter_escape.core.errors import EscapeError
from jupyter_escape.vo import tap


async def test_held_job_is_a_state_not_a_crash(replay_server):
    info = await tap.create_job(f"{replay_server}/held", "SELECT * FROM big.table")
    assert info.phase == "HELD" and not info.final
    assert info.job_id == "held1" and info.parameters["query"] == "SELECT * FROM big.table"
    # waiting returns at once on HELD: the user has to act
    waited = await tap.wait_for_job(info.url, timeout=5)
    assert waited.phase == "HELD"
    with pytest.raises(EscapeError, match="HELD, not COMPLETED"):
        await tap.job_result(info.url, info=waited)


async def test_a_service_ignoring_wait_is_polled_one_request_at_a_time(replay_server, replay_requests, status_polls):
    """A service that answers WAIT at once (phase unchanged) gets no second long poll on top: one request at a
    time, backing off between them, until the job is final."""
    status_polls.watch()
    done = await tap.wait_for_job(f"{replay_server}/eager/async/job1", timeout=30, poll=2)
    assert done.phase == "COMPLETED" and status_polls.most == 1
    polls = [path for method, path, _ in replay_requests if method == "GET"]
    assert polls == ["/eager/async/job1", "/eager/async/job1?WAIT=2", "/eager/async/job1?WAIT=2"]


async def test_creation_and_run_are_separate_requests(replay_server, replay_requests):
    await tap.create_job(f"{replay_server}/held", "SELECT 1")
    posts = [(path, body) for method, path, body in replay_requests if method == "POST"]
    assert posts[0][0] == "/held/async" and b"PHASE" not in posts[0][1]
    assert posts[1] == ("/held/async/held1/phase", b"PHASE=RUN")


async def test_literal_null_cells_and_trailing_overflow(replay_server):
    result = await tap.sync_query(f"{replay_server}/nulls", "SELECT * FROM t", maxrec=4)
    table = result.table
    assert result.overflow
    assert table.column("flux").to_pylist() == [1.5, None, None, None]
    assert table.column("nobs").to_pylist() == [3, None, None, 7]
    assert table.column("name").to_pylist() == ["alpha", "beta", "NULL", "delta"]  # text stays text


async def test_truncated_votable_names_the_service(replay_server):
    with pytest.raises(EscapeError) as err:
        await tap.sync_query(f"{replay_server}/broken", "SELECT * FROM t")
    assert err.value.service.startswith("TAP 127.0.0.1:") and "malformed VOTable" in err.value.message


async def test_sync_route_answers_arrow_with_overflow_info(jp_fetch, fetch_json, replay_server, jp_root_dir):
    response = await jp_fetch(
        "escape",
        "api",
        "vo",
        "tap",
        "sync",
        method="POST",
        body=json.dumps({"url": f"{replay_server}/nulls", "query": "SELECT * FROM t", "maxrec": 4}),
    )
    assert response.headers["Content-Type"] == "application/vnd.apache.arrow.stream"
    info = json.loads(response.headers["X-Escape-Result-Info"])
    assert info["overflow"] is True and info["rows"] == 4
    table = pa.ipc.open_stream(response.body).read_all()
    assert table.column("nobs").to_pylist() == [3, None, None, 7]
    rid = response.headers["X-Escape-Result-Id"]
    kept = await fetch_json("vo", "results", rid)
    assert kept["overflow"] and {c["name"] for c in kept["schema"]} == {"id", "flux", "nobs", "name"}
    assert next(c for c in kept["schema"] if c["name"] == "flux")["unit"] == "mJy"
    code = await fetch_json("vo", "results", rid, "code")
    assert "pyvo.dal.TAPService(" in code["code"] and "maxrec=4" in code["code"]
    for fmt in ("parquet", "csv", "fits", "votable"):
        written = await fetch_json(
            "vo", "results", rid, "export", method="POST", body={"format": fmt, "path": f"out/result.{fmt}"}
        )
        assert written["path"] == f"out/result.{fmt}" and (jp_root_dir / "out" / f"result.{fmt}").stat().st_size
    import pyarrow.parquet as pq

    assert pq.read_table(jp_root_dir / "out" / "result.parquet").column("flux").to_pylist() == [1.5, None, None, None]
    with pytest.raises(HTTPClientError) as err:
        await fetch_json(
            "vo", "results", rid, "export", method="POST", body={"format": "csv", "path": "../outside.csv"}
        )
    assert err.value.code == 403


async def test_route_error_is_json_naming_the_service(jp_fetch, replay_server):
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch(
            "escape",
            "api",
            "vo",
            "tap",
            "sync",
            method="POST",
            body=json.dumps({"url": f"{replay_server}/broken", "query": "SELECT 1"}),
        )
    body = json.loads(err.value.response.body)
    assert err.value.code == 502 and body["service"].startswith("TAP 127.0.0.1")
    assert "malformed VOTable" in body["error"]


async def test_arrow_payload_is_streamed_in_record_batches(jp_fetch, replay_server, monkeypatch):
    """The route sends the IPC stream piece by piece (a few rows per piece here) with an exact Content-Length;
    the browser reads the same table as from one piece."""
    from jupyter_escape.vo.votable import ipc

    response = await jp_fetch(
        "escape",
        "api",
        "vo",
        "tap",
        "sync",
        method="POST",
        body=json.dumps({"url": f"{replay_server}/nulls", "query": "SELECT * FROM t", "maxrec": 4}),
    )
    whole = pa.ipc.open_stream(response.body).read_all()
    monkeypatch.setattr(ipc, "PIECE_BYTES", 16)
    rid = response.headers["X-Escape-Result-Id"]
    pieces = await jp_fetch("escape", "api", "vo", "results", rid, "arrow")
    assert int(pieces.headers["Content-Length"]) == len(pieces.body)
    assert pieces.headers["Content-Type"] == "application/vnd.apache.arrow.stream"
    reader = pa.ipc.open_stream(pieces.body)
    batches = list(reader)
    assert len(batches) == whole.num_rows == 4  # one row per record batch at 16 bytes a piece
    assert pa.Table.from_batches(batches).equals(whole, check_metadata=True)
    picked = await jp_fetch("escape", "api", "vo", "results", rid, "arrow", params={"columns": "nobs"})
    assert pa.ipc.open_stream(picked.body).read_all().column_names == ["nobs"]
