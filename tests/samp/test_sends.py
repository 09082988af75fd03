"""SAMP sends as jobs (jupyter_escape/samp/sends.py): progress while a table is prepared and while TOPCAT reads
its signed link, and a cancel that stops the preparation, revokes the link, cuts a read in flight and removes the
outbox file, so TOPCAT never holds a partial table. The desktop side is the stack's real TOPCAT (stack/samp)."""

from __future__ import annotations

import asyncio

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tornado.httpclient import HTTPClientError

from jupyter_escape import activity
from jupyter_escape.core.errors import EscapeError
from jupyter_escape.handlers.samp import SignedFileHandler
from jupyter_escape.samp.outbox import prepare_table
from jupyter_escape.samp.sends import SendJobs

from .conftest import screenshot, topcat_id, topcat_table_url

ROWS = 100_000  # about 3.4 MB of VOTable: several 1 MB chunks on the link


def _table(rows: int = ROWS) -> pa.Table:
    rng = np.random.default_rng(7)
    return pa.table({"id": np.arange(rows), "ra": rng.uniform(0, 360, rows), "dec": rng.uniform(-90, 90, rows)})


@pytest.fixture
def samp_service(jp_serverapp):
    return jp_serverapp.web_app.settings["escape"].extras["samp"]


async def _until(fetch_json, job_id: str, done, wait: float = 240.0) -> dict:
    """The job once ``done(job)`` holds (asked again and again; a bound, not a timing assert)."""
    deadline = asyncio.get_running_loop().time() + wait
    while True:
        job = await fetch_json("samp", "sends", job_id)
        if done(job) or asyncio.get_running_loop().time() > deadline:
            return job
        await asyncio.sleep(0.2)


# -- the job itself (no hub needed) ----------------------------------------------------------------------------
def test_cancel_during_preparation_leaves_no_file(tmp_path):
    jobs = SendJobs(tmp_path / "samp-sends")
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    job = jobs.new(name="big", to="all", mode="local")
    seen = []

    def prepare(watch):
        class CancelAfterSomeBytes:  # the user presses Cancel once the writing is under way
            def estimate(self, total, rows=None):
                watch.estimate(total, rows)

            def wrote(self, total):
                seen.append(jobs.view(job["id"])["progress"])
                if len(seen) == 2:
                    jobs.cancel(job["id"])
                watch.wrote(total)

            def check(self):
                watch.check()

        return prepare_table(_table(), "k", "big", outbox, CancelAfterSomeBytes())

    ended = jobs.run(job["id"], prepare, deliver=lambda prepared, link: pytest.fail("a cancelled send was delivered"))
    assert ended["state"] == "cancelled" and ended["active"] is False
    assert list(outbox.iterdir()) == []  # neither the VOTable nor its partial file
    assert seen[0] == 0 and 0 < seen[1] < 1  # progress moved while it was written
    saved = activity.status("samp-send", job["id"], folder=tmp_path)  # what a kernel re-attaching reads
    assert saved["state"] == "cancelled"


def test_a_failed_preparation_says_why(tmp_path):
    jobs = SendJobs(tmp_path / "samp-sends")
    job = jobs.new(name="bad", to="all", mode="local")

    def prepare(watch):
        raise EscapeError("path: broken.parquet is not a readable table", status=400)

    ended = jobs.run(job["id"], prepare)
    assert ended["state"] == "failed" and ended["error"] == "path: broken.parquet is not a readable table"
    with pytest.raises(EscapeError) as err:
        activity.status("samp-send", "0123456789abcdef", folder=tmp_path)
    assert err.value.status == 404


# -- with TOPCAT ---------------------------------------------------------------------------------------------
async def test_progress_reaches_all_bytes_and_topcat_has_the_rows(samp_env, jp_root_dir, fetch_json, desktop_probe):
    pq.write_table(_table(), jp_root_dir / "big.parquet")
    topcat = topcat_id(desktop_probe)
    job = await fetch_json(
        "samp",
        "send",
        method="POST",
        body={"source": {"kind": "file", "path": "big.parquet"}, "to": topcat, "wait": False},
    )
    assert job["state"] == "preparing" and job["active"] is True
    listed = await fetch_json("samp", "sends")
    assert job["id"] in [s["id"] for s in listed["sends"]]
    ended = await _until(fetch_json, job["id"], lambda j: not j["active"])
    assert ended["state"] == "done", ended
    assert ended["replies"][0]["status"] == "ok" and ended["recipients"] == ["topcat"]
    assert ended["rows"] == ROWS and ended["size"] > 1 << 20
    assert ended["served"] == ended["size"] and ended["progress"] == 1.0 and ended["fetches"] >= 1
    assert ended["url"].startswith("http") and "/escape/api/samp/files/" in ended["url"]
    assert "samp.send_table('big.parquet'" in ended["code"]
    assert topcat_table_url(desktop_probe, ended["table_id"]).startswith("http")  # TOPCAT lists the table
    screenshot("topcat-after-a-send-with-progress")  # TOPCAT showing big.parquet, for a person to look at


async def test_cancel_cuts_topcats_read_and_revokes_the_link(
    samp_env, jp_root_dir, fetch_json, jp_fetch, samp_service, desktop_probe, monkeypatch
):
    pq.write_table(_table(), jp_root_dir / "cut.parquet")
    first_chunk, go_on = asyncio.Event(), asyncio.Event()
    send_chunk = SignedFileHandler.send_chunk

    async def held_after_the_first_chunk(self, chunk):
        # holds the read after its first 1 MB until the test has cancelled: the cancel lands mid-read, always
        await send_chunk(self, chunk)
        first_chunk.set()
        await go_on.wait()

    monkeypatch.setattr(SignedFileHandler, "send_chunk", held_after_the_first_chunk)
    topcat = topcat_id(desktop_probe)
    job = await fetch_json(
        "samp",
        "send",
        method="POST",
        body={"source": {"kind": "file", "path": "cut.parquet"}, "to": topcat, "wait": False},
    )
    await asyncio.wait_for(first_chunk.wait(), 240)
    reading = await fetch_json("samp", "sends", job["id"])
    assert reading["state"] == "sending" and reading["fetches"] == 1 and reading["served"] < reading["size"]
    outbox_file = samp_service.outbox / reading["file"]
    assert outbox_file.is_file()
    cancelled = await fetch_json("samp", "sends", job["id"], "cancel", method="POST", body={})
    go_on.set()
    assert cancelled["state"] == "cancelled" and cancelled["active"] is False
    assert not outbox_file.exists()
    with pytest.raises(HTTPClientError) as err:  # the link is refused from now on
        await jp_fetch(*reading["link"].split("/"), headers={"Authorization": ""})
    assert err.value.code == 410 and b"cancelled" in err.value.response.body
    answered = await _until(fetch_json, job["id"], lambda j: j["replies"])
    assert answered["state"] == "cancelled"
    refusal = answered["replies"][0]
    assert refusal["status"] == "error" and "as VOTable" in refusal["error"], refusal  # TOPCAT saw a cut read

    def stil_table(table_id):  # TOPCAT answers an id it does not hold with its first table: compare the two
        reply = desktop_probe.call_and_wait(
            topcat, {"samp.mtype": "table.get.stil", "samp.params": {"table-id": table_id, "format": "csv"}}, "30"
        )
        return reply.get("samp.result", {}).get("url", "none").rsplit("/", 1)[-1]

    assert stil_table(reading["table_id"]) == stil_table("escape-never-sent")  # no table under the cut send's id
    screenshot("topcat-after-a-cancelled-send")  # no cut.parquet in its table list, no error dialog left open


async def test_bad_input_and_no_hub_are_clear(tmp_path, monkeypatch, jp_root_dir, fetch_json):
    (jp_root_dir / "notes.txt").write_text("not a table")
    monkeypatch.setenv("SAMP_HUB", f"std-lockurl:file://{tmp_path}/none")
    with pytest.raises(HTTPClientError) as err:
        await fetch_json(
            "samp", "send", method="POST", body={"source": {"kind": "file", "path": "t.vot"}, "wait": False}
        )
    assert err.value.code == 503 and b"no SAMP hub is running" in err.value.response.body
    with pytest.raises(HTTPClientError) as err:
        await fetch_json("samp", "send", method="POST", body={"source": {"kind": "tape"}, "wait": False})
    assert err.value.code == 400 and b"source.kind" in err.value.response.body
    with pytest.raises(HTTPClientError) as err:
        await fetch_json("samp", "sends", "0123456789abcdef")
    assert err.value.code == 404 and b"no SAMP send" in err.value.response.body


# -- the notebook API ------------------------------------------------------------------------------------------
@pytest.fixture
def notebook_samp(samp_env, tmp_path, monkeypatch):
    """jupyter_escape.samp as a kernel has it (its own hub registration), on folders of this test."""
    import jupyter_escape.samp as samp
    from jupyter_escape.samp.service import SampService

    (tmp_path / "root").mkdir()
    svc = SampService(tmp_path / "state", tmp_path / "root", None, name="escape-test (notebook)", owner="notebook")
    monkeypatch.setattr(samp, "_service", svc)
    yield samp, svc
    samp.close()


def test_notebook_send_handle_follows_and_cancels(notebook_samp, desktop_probe):
    samp, svc = notebook_samp
    topcat = topcat_id(desktop_probe)
    handle = samp.send_table(_table(2_000), to=topcat, name="from a notebook", wait=False)
    answer = handle.wait(timeout=240)
    assert answer["replies"][0]["status"] == "ok" and answer["rows"] == 2_000
    assert handle.state == "done" and handle.progress == 1.0 and "done" in repr(handle)
    assert activity.status("samp-send", handle.id, folder=svc.outbox.parent)["state"] == "done"

    big = samp.send_table(_table(), to=topcat, wait=False)
    cancelled = big.cancel()
    assert cancelled["state"] == "cancelled"
    with pytest.raises(EscapeError, match="cancelled"):
        big.wait(timeout=240)
    assert not any(p.name.startswith(big.job["table_id"] or "-") for p in svc.outbox.iterdir())
    assert [p for p in svc.outbox.iterdir() if p.suffix == ".part"] == []
