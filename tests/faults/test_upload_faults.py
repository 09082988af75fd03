"""Uploads under injected faults: the storage stops mid-transfer, Rucio cannot be reached when the replica is to be
registered, Rucio is down before anything starts.

Faults are injected by a TCP proxy in front of the REAL stack servers (tests/faults/proxy.py): the shared stack's
WsgiDAV door and Rucio server keep running; only this test's connections to them are cut or refused. What the
fault left behind is then checked directly on the real storage and in Rucio (conftest.Truth), not through the proxy.
"""

from __future__ import annotations

import time
import uuid
import zlib
from pathlib import Path

import pytest

from jupyter_escape.core.errors import EscapeError

from .conftest import RSE, SCOPE

pytestmark = pytest.mark.stack

MB = 1024 * 1024


def make_file(path: Path, mb: int, seed: int) -> tuple[int, str]:
    """A file of ``mb`` MiB of varied bytes; returns (size, adler32)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = b"".join(bytes([(i * 7 + seed) % 251]) * 4096 + seed.to_bytes(4, "big") for i in range(mb * 256))
    path.write_bytes(data)
    return len(data), f"{zlib.adler32(data) & 0xFFFFFFFF:08x}"


def wait_until(pred, timeout: float = 60.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = pred()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def messages(job: dict) -> list[str]:
    return [e["message"] for e in job["log"]]


def test_storage_stops_mid_upload_then_resume(lake, proxies, truth):
    """The WebDAV door goes away while the bytes flow: nothing at the final address, nothing in Rucio, the partial
    file under the temporary name recorded as left on the storage (it could not be deleted), bytes_done kept; once
    the door is back, resume cleans the leftover, sends again and ends verified."""
    webdav = proxies["webdav"]
    size, adler = make_file(Path(lake.root_dir) / "obs.bin", 4, seed=1)
    did = f"{SCOPE}:fault_storage_{uuid.uuid4().hex[:8]}.bin"
    webdav.throttle(1.5 * MB)
    job = lake.uploader.upload(None, "obs.bin", RSE, SCOPE, name=did.split(":")[1])
    start = webdav.sent
    wait_until(
        lambda: lake.uploader.get(job["id"])["state"] == "running" and webdav.sent - start > 1.5 * MB,
        what="1.5 MB on the wire",
    )
    webdav.stop()
    job = lake.uploader.wait(job["id"], 60)
    assert job["state"] == "failed" and job["resumable"], messages(job)
    assert "ESCAPE_USERDISK storage" in job["error"] and "cannot reach" in job["error"], job["error"]
    assert job["freshness"]["message"].startswith("cannot reach ESCAPE_USERDISK storage since"), job["freshness"]
    assert 0 < job["bytes_done"] <= size  # bytes handed to the connection; the storage kept fewer (below)
    assert [x["pfn"] for x in job["leftovers"]] == [job["temp_pfn"]], job["leftovers"]
    # the truth: no partial file under the final name, no DID
    assert truth.stored(job["pfn"]) is None
    assert truth.did(did) is None
    partial = truth.stored(job["temp_pfn"])
    assert partial is None or partial < size
    webdav.throttle(None)
    webdav.start()
    resumed = lake.uploader.resume(job["id"])
    assert resumed["bytes_done"] == job["bytes_done"]  # not reset to 0 before anything is re-sent
    job = lake.uploader.wait(job["id"], 120)
    assert job["state"] == "done" and job["verified"], (job["error"], messages(job))
    assert job["leftovers"] == [] and job["freshness"]["unreachable_since"] is None
    assert truth.stored(job["temp_pfn"]) is None
    assert truth.stored(job["pfn"]) == size
    assert job["checksums"]["storage"]["adler32"] == adler == job["checksums"]["rucio"]["adler32"]
    assert truth.replica_rses(did) == [RSE]


def test_rucio_unreachable_at_registration_keeps_no_dark_data(lake, proxies, truth):
    """Rucio goes away while the bytes flow to the storage: the complete file must not stay unregistered at its
    final address. It is moved back to the temporary name and recorded; resume checks its adler32, does not send it
    again, registers it."""
    webdav, rucio = proxies["webdav"], proxies["rucio"]
    size, adler = make_file(Path(lake.root_dir) / "cube.bin", 3, seed=2)
    did = f"{SCOPE}:fault_rucio_{uuid.uuid4().hex[:8]}.bin"
    webdav.throttle(1.5 * MB)
    job = lake.uploader.upload(None, "cube.bin", RSE, SCOPE, name=did.split(":")[1])
    start = webdav.sent
    wait_until(lambda: webdav.sent - start > MB, what="1 MB on the wire")
    rucio.stop()
    job = lake.uploader.wait(job["id"], 60)
    assert job["state"] == "failed", messages(job)
    assert "Local data lake" in job["error"] and "cannot reach" in job["error"], job["error"]
    assert job["freshness"]["message"].startswith("cannot reach Local data lake since"), job["freshness"]
    assert job["bytes_done"] == size
    assert [x["pfn"] for x in job["leftovers"]] == [job["temp_pfn"]]
    assert "complete copy kept" in job["leftovers"][0]["why"]
    assert truth.stored(job["pfn"]) is None  # no dark data under the DID's address
    assert truth.stored(job["temp_pfn"]) == size
    assert truth.did(did) is None  # and nothing half-registered
    rucio.start()
    webdav.throttle(None)
    sent_before = webdav.sent
    job = lake.uploader.wait(lake.uploader.resume(job["id"])["id"], 120)
    assert job["state"] == "done" and job["verified"], (job["error"], messages(job))
    assert any("checksum verified): not sending it again" in m for m in messages(job)), messages(job)
    assert webdav.sent - sent_before < size  # the read-back is a GET: the file itself was not PUT again
    assert job["leftovers"] == []
    assert truth.stored(job["temp_pfn"]) is None and truth.stored(job["pfn"]) == size
    assert truth.did(did)["adler32"] == adler and truth.replica_rses(did) == [RSE]


def test_rucio_down_before_work_starts_creates_no_job(lake, proxies):
    """Stage and upload answer the documented 502 naming Rucio, and no job is created for work that did not
    start."""
    make_file(Path(lake.root_dir) / "small.bin", 1, seed=3)
    proxies["rucio"].stop()
    with pytest.raises(EscapeError) as err:
        lake.stager.stage(None, "escape_demo:catalogues_m51")
    assert err.value.status == 502 and err.value.service == "Local data lake"
    with pytest.raises(EscapeError) as err:
        lake.uploader.upload(None, "small.bin", RSE, SCOPE, name=f"never_{uuid.uuid4().hex[:8]}.bin")
    assert err.value.status == 502 and err.value.service == "Local data lake"
    assert lake.stager.jobs() == [] and lake.uploader.jobs() == []


def test_clean_up_action_removes_a_leftover_kept_for_resume(lake, proxies, truth):
    """The explicit clean up: a complete, unregistered copy kept under the temporary name is deleted from the
    storage, and the job says nothing is left."""
    webdav, rucio = proxies["webdav"], proxies["rucio"]
    make_file(Path(lake.root_dir) / "tmp.bin", 2, seed=4)
    webdav.throttle(1.5 * MB)
    job = lake.uploader.upload(None, "tmp.bin", RSE, SCOPE, name=f"fault_clean_{uuid.uuid4().hex[:8]}.bin")
    start = webdav.sent
    wait_until(lambda: webdav.sent - start > 0.5 * MB, what="0.5 MB on the wire")
    rucio.stop()
    job = lake.uploader.wait(job["id"], 60)
    assert job["state"] == "failed" and job["leftovers"], messages(job)
    assert truth.stored(job["temp_pfn"]) is not None
    rucio.start()
    job = lake.uploader.clean_up(job["id"])
    assert job["leftovers"] == [], job["leftovers"]
    assert truth.stored(job["temp_pfn"]) is None and truth.stored(job["pfn"]) is None
    assert truth.did(job["did"]) is None
