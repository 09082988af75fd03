"""Staging: parallel verified downloads, joining, resume after storage failure and after a server restart,
disk-space check, replica mode with a rule to the mounted RSE, and the routes/code snippet."""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from jupyter_escape.core.errors import EscapeError
from jupyter_escape.datalake import stage as stage_mod
from jupyter_escape.datalake.service import Datalake
from jupyter_escape.datalake.transfer import Cancelled, fetch_file, part_path

DEMO = "escape_demo:lofar_hst_m51"
SMALL = "escape_demo:hst_acs_m51"
UNICODE_WORKSPACE = "escape data ✓ é"


class Blob(BaseHTTPRequestHandler):
    """A storage door that honours Range and can drop the connection after N bytes (storage going down)."""

    data = b""
    fail_after: int | None = None
    ranges: list = []  # noqa: RUF012 - class-level on purpose: the handler class is the server state

    def do_GET(self):
        start = 0
        rng = self.headers.get("Range")
        if rng:
            start = int(rng.split("=")[1].split("-")[0])
            type(self).ranges.append(start)
        body = self.data[start:]
        self.send_response(206 if rng else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.fail_after is not None:
            self.wfile.write(body[: self.fail_after])
            self.wfile.flush()
            self.connection.close()  # the storage went away mid-file
            return
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def blob_server():
    data = bytes((i * 7919) % 251 for i in range(3 * 1024 * 1024 + 17))
    Blob.data, Blob.fail_after, Blob.ranges = data, None, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Blob)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/f.fits", data
    server.shutdown()


def _adler(data: bytes) -> str:
    return f"{zlib.adler32(data) & 0xFFFFFFFF:08x}"


def test_storage_down_mid_file_keeps_part_then_resumes_with_range(blob_server, tmp_path):
    url, data = blob_server
    target = tmp_path / "ws" / "f.fits"
    Blob.fail_after = 1024 * 1024
    with httpx.Client() as client:
        with pytest.raises(httpx.HTTPError):
            fetch_file(
                url,
                target,
                size=len(data),
                adler32=_adler(data),
                md5=None,
                client=client,
                progress=lambda n: None,
                cancel=threading.Event(),
            )
        assert not target.exists(), "no unverified file may appear under the final name"
        assert part_path(target).stat().st_size == 1024 * 1024
        Blob.fail_after = None
        how = fetch_file(
            url,
            target,
            size=len(data),
            adler32=_adler(data),
            md5=None,
            client=client,
            progress=lambda n: None,
            cancel=threading.Event(),
        )
    assert how == "resumed" and Blob.ranges == [1024 * 1024]
    assert target.read_bytes() == data and not part_path(target).exists()


def test_wrong_checksum_never_lands_and_part_is_dropped(blob_server, tmp_path):
    url, data = blob_server
    target = tmp_path / "f.fits"
    with httpx.Client() as client, pytest.raises(EscapeError, match="adler32 mismatch"):
        fetch_file(
            url,
            target,
            size=len(data),
            adler32="00000001",
            md5=None,
            client=client,
            progress=lambda n: None,
            cancel=threading.Event(),
        )
    assert not target.exists() and not part_path(target).exists()


def test_cancel_keeps_the_part_for_later(blob_server, tmp_path):
    url, data = blob_server
    target = tmp_path / "f.fits"
    cancel = threading.Event()

    def progress(n):
        if n > 0:
            cancel.set()

    with httpx.Client() as client, pytest.raises(Cancelled):
        fetch_file(
            url, target, size=len(data), adler32=_adler(data), md5=None, client=client, progress=progress, cancel=cancel
        )
    assert not target.exists() and part_path(target).exists()


@pytest.mark.stack
def test_download_dataset_parallel_verified_into_unicode_workspace(rucio_instance, tmp_path):
    inst = {**rucio_instance, "allow_local_replicas": False}  # over https, as from a remote notebook host
    dl = Datalake([inst], state_dir=tmp_path / "state", root_dir=str(tmp_path), workspace_dir=UNICODE_WORKSPACE)
    first = dl.stager.stage(None, DEMO)
    second = dl.stager.stage(None, DEMO)  # a second tab asking for the same DID
    assert second["id"] == first["id"] and second["joined"] == 1
    job = dl.stager.wait(first["id"], 120)
    assert job["state"] == "done", job["error"]
    assert job["files_total"] == 14 and job["files_done"] == 14 and job["progress"] == 1.0
    for f in job["files"]:
        path = Path(f["path"])
        assert path.parent == tmp_path / UNICODE_WORKSPACE / "escape_demo"
        assert hashlib.md5(path.read_bytes()).hexdigest() == f["md5"]
        assert f["how"] == "downloaded" and f["source"].startswith("https://")
    again = dl.stager.stage(None, DEMO)
    assert again["id"] != first["id"]
    assert all(f["how"] == "already staged" for f in dl.stager.wait(again["id"], 60)["files"])
    dl.close()


@pytest.mark.stack
def test_server_restart_lists_job_interrupted_and_resume_finishes(rucio_instance, tmp_path):
    inst = {**rucio_instance, "allow_local_replicas": False}
    state = tmp_path / "state"
    dl = Datalake([inst], state_dir=state, root_dir=str(tmp_path), workspace_dir="ws")
    job = dl.stager.wait(dl.stager.stage(None, SMALL)["id"], 60)
    assert job["state"] == "done"
    # Put the disk back as a server killed mid-download leaves it: half-written .part files, no final files,
    # and the persisted job still marked running.
    for f in job["files"]:
        path = Path(f["path"])
        data = path.read_bytes()
        path.unlink()
        part_path(path).write_bytes(data[: len(data) // 2])
    raw = json.loads((state / "datalake" / "jobs.json").read_text())
    raw[job["id"]]["state"] = "running"
    for f in raw[job["id"]]["files"]:
        f["state"], f["done_bytes"] = "running", f["bytes"] // 2
    (state / "datalake" / "jobs.json").write_text(json.dumps(raw))
    dl.close()

    restarted = Datalake([inst], state_dir=state, root_dir=str(tmp_path), workspace_dir="ws")
    listed = {j["id"]: j for j in restarted.stager.jobs()}
    assert listed[job["id"]]["state"] == "interrupted" and listed[job["id"]]["resumable"] is True
    restarted.stager.resume(job["id"])
    done = restarted.stager.wait(job["id"], 60)
    assert done["state"] == "done", done["error"]
    assert {f["how"] for f in done["files"]} == {"resumed"}
    for f in done["files"]:
        assert hashlib.md5(Path(f["path"]).read_bytes()).hexdigest() == f["md5"]
    restarted.close()


@pytest.mark.stack
def test_disk_space_is_checked_before_any_byte(rucio_instance, tmp_path, monkeypatch):
    # Filling the real disk is not an option: demand an impossible free-space margin instead, so the real
    # statvfs check refuses, against the real Rucio.
    monkeypatch.setattr(stage_mod, "DISK_MARGIN", 10**18)
    dl = Datalake([rucio_instance], state_dir=tmp_path / "s", root_dir=str(tmp_path), workspace_dir="ws")
    job = dl.stager.wait(dl.stager.stage(None, SMALL)["id"], 60)
    assert job["state"] == "failed" and "not enough disk space" in job["error"]
    assert not list((tmp_path / "ws").rglob("*.fits*"))
    dl.close()


@pytest.mark.stack
def test_unknown_did_fails_the_job_with_rucio_words(rucio_instance, tmp_path):
    dl = Datalake([rucio_instance], state_dir=tmp_path / "s", root_dir=str(tmp_path), workspace_dir="ws")
    job = dl.stager.wait(dl.stager.stage(None, "escape_demo:does_not_exist")["id"], 60)
    assert job["state"] == "failed" and "does_not_exist" in job["error"]
    dl.close()


@pytest.mark.stack
def test_replica_mode_rule_to_mounted_rse_gives_local_paths(rucio_instance, tmp_path):
    dl = Datalake([rucio_instance], state_dir=tmp_path / "s", root_dir=str(tmp_path), workspace_dir="ws")
    job = dl.stager.stage(None, "escape_demo:lofar_L123456_m51", mode="replica")
    job = dl.stager.wait(job["id"], 240)
    assert job["state"] == "done", (job["error"], job["log"])
    assert job["rule"]["state"] == "OK" and job["rule"]["rse_expression"] == "ESCAPE_MOUNTED"
    mount = Path(rucio_instance["rse_mount_path"])
    assert all(f["relpath"] is None for f in job["files"])  # the RSE mount lies outside the server root
    for f in job["files"]:
        path = Path(f["path"])
        assert mount in path.parents and path.is_file()
        assert f"{zlib.adler32(path.read_bytes()) & 0xFFFFFFFF:08x}" == f["adler32"]
    dl.close()


@pytest.mark.stack
async def test_stage_routes_and_show_me_the_code(fetch_json):
    created = await fetch_json("datalake", "stage", method="POST", body={"did": SMALL})
    job_id = created["id"]
    for _ in range(200):
        job = await fetch_json("datalake", "stage", job_id)
        if job["state"] not in ("queued", "running"):
            break
        await asyncio.sleep(0.1)
    assert job["state"] == "done", job
    assert len(job["files"]) == 3 and all(Path(f["path"]).is_file() for f in job["files"])
    # relpath: relative to the server root, so the file browser needs no guessing of the root
    for f in job["files"]:
        assert f["relpath"] == f"escape-data/{f['did'].replace(':', '/')}"
        assert Path(f["path"]).as_posix().endswith("/" + f["relpath"])
    assert job["relpath"] == "escape-data/" + SMALL.split(":")[0]
    listed = await fetch_json("datalake", "stage")
    assert job_id in {j["id"] for j in listed["jobs"]} and "files" not in listed["jobs"][0]
    code = await fetch_json("datalake", "code", params={"did": SMALL})
    assert code["staged"] and code["paths"] == [f["path"] for f in job["files"]]
    assert f"datalake.get({SMALL!r}, instance='local')" in code["python"] and "fits.open" in code["python"]
    removed = await fetch_json("datalake", "stage", job_id, method="DELETE")
    assert removed == {"removed": job_id}
