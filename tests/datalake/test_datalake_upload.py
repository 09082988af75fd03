"""Upload back to the lake (real storage doors, real Rucio): checksum confirmed by reading the replica back,
dataset attach, metadata, lifetime; quota exceeded; the notebook API."""

from __future__ import annotations

import asyncio
import io
import json
import re
import ssl
import time
import uuid
from pathlib import Path

import httpx
import numpy as np
import pytest
from _stack import RUCIO_TEST_ACCOUNT
from _stack import RUCIO_TEST_SCOPE as SCOPE
from astropy.io import fits

from jupyter_escape import datalake
from jupyter_escape.datalake import browse
from jupyter_escape.datalake.service import Datalake

pytestmark = pytest.mark.stack


def _fits(path: Path, size: int = 64, seed: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = np.random.default_rng(seed).normal(size=(size, size)).astype("float32")
    hdu = fits.PrimaryHDU(data)
    hdu.header["TELESCOP"] = "LOFAR"
    buf = io.BytesIO()
    hdu.writeto(buf)
    path.write_bytes(buf.getvalue())
    return path


@pytest.mark.parametrize("rse", ["ESCAPE_USERDISK", "ESCAPE_SCRATCHDISK"])
def test_upload_confirms_checksum_attaches_and_sets_metadata(rucio_instance, tmp_path, rse):
    dl = Datalake([rucio_instance], state_dir=tmp_path / "s", root_dir=str(tmp_path), workspace_dir="ws")
    tag = uuid.uuid4().hex[:8]
    _fits(tmp_path / "results" / "m51 spectral index ✓.fits", seed=1)
    job = dl.uploader.upload(
        None,
        "results/m51 spectral index ✓.fits",
        rse,
        SCOPE,
        name=f"m51_spectral_index_{tag}.fits",
        dataset=f"{SCOPE}:m51_results_{tag}",
        metadata={"telescope": "LOFAR+HST", "ra": 202.4696, "dec": 47.1952, "band": "radio", "obs_date": "2026-11-21"},
        lifetime=3600,
    )
    job = dl.uploader.wait(job["id"], 120)
    assert job["state"] == "done", (job["error"], job["log"])
    assert job["verified"] is True
    c = job["checksums"]
    assert c["local"]["adler32"] == c["storage"]["adler32"] == c["rucio"]["adler32"]
    s = dl.session(None)
    details = browse.details(s, SCOPE, f"m51_spectral_index_{tag}.fits")
    assert details["metadata"]["telescope"] == "LOFAR+HST" and details["metadata"]["ra"] == 202.4696
    assert details["replicas"][0]["rse"] == rse
    rule = next(r for r in details["rules"] if r["rse_expression"] == rse)
    assert rule["expires_at"] is not None and rule["state"] == "OK"
    content = browse.contents(s, SCOPE, f"m51_results_{tag}")
    assert [i["name"] for i in content["items"]] == [f"m51_spectral_index_{tag}.fits"]
    assert any("confirmed" in e["message"] for e in job["log"])
    dl.close()


def test_quota_exceeded_is_refused_before_writing(rucio_instance, tmp_path):
    dl = Datalake([rucio_instance], state_dir=tmp_path / "s", root_dir=str(tmp_path), workspace_dir="ws")
    _fits(tmp_path / "big.fits", size=800)  # ~2.5 MB; ESCAPE_SCRATCHDISK allows the account 1 MB
    job = dl.uploader.wait(
        dl.uploader.upload(None, "big.fits", "ESCAPE_SCRATCHDISK", SCOPE, name=f"big_{uuid.uuid4().hex[:8]}.fits")[
            "id"
        ],
        60,
    )
    assert job["state"] == "failed"
    # abacus-account counts earlier uploads, so what is left depends on them; the limit is the account's 1 MB
    assert re.search(
        rf"quota exceeded: ESCAPE_SCRATCHDISK has \d+ bytes left for account {RUCIO_TEST_ACCOUNT} \(limit 1048576\)",
        job["error"],
    ), job["error"]
    assert "pfn" not in job  # nothing was written to the storage
    dl.close()


def test_upload_refuses_paths_outside_the_root_and_bad_names(rucio_instance, tmp_path):
    dl = Datalake([rucio_instance], state_dir=tmp_path / "s", root_dir=str(tmp_path / "root"), workspace_dir="ws")
    (tmp_path / "root").mkdir()
    _fits(tmp_path / "outside.fits")
    with pytest.raises(Exception, match="outside the server root"):
        dl.uploader.upload(None, "../outside.fits", "ESCAPE_POSIX", SCOPE)
    _fits(tmp_path / "root" / "ok.fits")
    with pytest.raises(Exception, match="characters not allowed"):
        dl.uploader.upload(None, "ok.fits", "ESCAPE_POSIX", SCOPE, name="with space.fits")
    dl.close()


async def test_upload_route_and_job_list(fetch_json, jp_root_dir):
    _fits(Path(jp_root_dir) / "out.fits", seed=3)
    name = f"route_{uuid.uuid4().hex[:8]}.fits"
    created = await fetch_json(
        "datalake",
        "uploads",
        method="POST",
        body={
            "path": "out.fits",
            "rse": "ESCAPE_USERDISK",
            "scope": SCOPE,
            "name": name,
            "metadata": {"telescope": "LOFAR"},
        },
    )
    for _ in range(300):
        job = await fetch_json("datalake", "uploads", created["id"])
        if job["state"] not in ("queued", "running"):
            break
        await asyncio.sleep(0.1)
    assert job["state"] == "done" and job["verified"], job
    listed = await fetch_json("datalake", "uploads")
    assert created["id"] in {j["id"] for j in listed["jobs"]}


def test_notebook_api_get_search_upload(rucio_instance, tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_ESCAPE_RUCIO_INSTANCES", json.dumps([rucio_instance]))
    monkeypatch.setenv("JUPYTER_ESCAPE_ROOT_DIR", str(tmp_path))
    monkeypatch.setenv("JUPYTER_ESCAPE_STATE_DIR", str(tmp_path / "state"))
    datalake.configure()
    paths = datalake.get("escape_demo:catalogues_m51")
    assert sorted(p.name for p in paths) == ["hst_m51_sources.fits", "lofar_m51_sources.fits"]
    with fits.open(paths[0]) as hdul:
        assert len(hdul[1].data) == 200
    assert datalake.get("escape_demo:catalogues_m51") == paths  # already staged: no second job
    hits = datalake.search("escape_demo", "*", type="file", filters={"telescope": "LOFAR", "frequency_mhz<": 60})
    assert sorted(h["name"] for h in hits) == [
        "L345678_SB000_3c196_52MHz.fits",
        "L345678_SB001_3c196_54MHz.fits",
        "L345678_SB002_3c196_56MHz.fits",
    ]
    out = _fits(tmp_path / "results" / "combined.fits", seed=5)
    job = datalake.upload(out, rse="ESCAPE_USERDISK", scope=SCOPE, name=f"api_{uuid.uuid4().hex[:8]}.fits")
    assert job["verified"] is True


def _usage(s, rse: str) -> dict:
    return next(r for r in browse.account_usage(s)["rses"] if r["rse"] == rse)


def test_account_usage_counts_an_upload(rucio_instance, tmp_path):
    """The stack's abacus-account daemon turns new locks into usage: it must grow by the uploaded bytes."""
    dl = Datalake([rucio_instance], state_dir=tmp_path / "s", root_dir=str(tmp_path), workspace_dir="ws")
    s = dl.session(None)
    before = _usage(s, "ESCAPE_USERDISK")
    path = _fits(tmp_path / "usage.fits", size=96, seed=7)
    job = dl.uploader.wait(
        dl.uploader.upload(
            None, "usage.fits", "ESCAPE_USERDISK", SCOPE, name=f"usage_{uuid.uuid4().hex[:8]}.fits", lifetime=3600
        )["id"],
        120,
    )
    assert job["state"] == "done", (job["error"], job["log"])
    size = path.stat().st_size
    deadline = time.monotonic() + 60  # the daemon loop runs every 3 s
    after = _usage(s, "ESCAPE_USERDISK")
    while after["bytes"] < before["bytes"] + size and time.monotonic() < deadline:
        time.sleep(1)
        after = _usage(s, "ESCAPE_USERDISK")
    assert after["bytes"] > 0
    assert after["bytes"] >= before["bytes"] + size, (before, after, size)
    assert after["files"] >= before["files"] + 1
    assert after["bytes_remaining"] == after["bytes_limit"] - after["bytes"]
    dl.close()


def _big(path: Path, mb: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        for i in range(mb):
            fh.write(bytes([i % 251]) * (1024 * 1024))
    return path


def _wait_for(dl, job_id: str, pred, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    job = dl.uploader.get(job_id)
    while not pred(job) and time.monotonic() < deadline:
        time.sleep(0.01)
        job = dl.uploader.get(job_id)
    return job


def test_cancel_mid_transfer_leaves_nothing_registered_then_resume_completes(rucio_instance, tmp_path):
    dl = Datalake([rucio_instance], state_dir=tmp_path / "s", root_dir=str(tmp_path), workspace_dir="ws")
    s = dl.session(None)
    _big(tmp_path / "big upload.bin", 160)
    name = f"cancel_{uuid.uuid4().hex[:8]}.bin"
    job = dl.uploader.upload(
        None,
        "big upload.bin",
        "ESCAPE_USERDISK",
        SCOPE,
        name=name,
        dataset=f"{SCOPE}:cancel_ds_{uuid.uuid4().hex[:8]}",
        lifetime=3600,
    )
    running = _wait_for(dl, job["id"], lambda j: j["bytes_done"] > 0 or j["state"] not in ("queued", "running"))
    assert running["state"] == "running" and running["bytes_done"] < running["bytes_total"], running
    dl.uploader.cancel(job["id"])
    job = dl.uploader.wait(job["id"], 60)
    assert job["state"] == "cancelled" and job["resumable"] is True, job["log"]
    assert 0 < job["bytes_done"] < job["bytes_total"]
    # no replica in Rucio (the DID does not even exist), and the partial bytes are gone from the storage
    with pytest.raises(Exception, match="DataIdentifierNotFound"):
        browse.get_did(s, SCOPE, name)
    assert any("deleted the partial file" in e["message"] for e in job["log"]), job["log"]
    ca = ssl.create_default_context(cafile=rucio_instance["ca_cert"])
    stored = httpx.get(job["pfn"].replace("davs://", "https://", 1), verify=ca, timeout=10)
    assert stored.status_code == 404
    assert dl.uploader.resume(job["id"])["state"] in ("queued", "running")
    job = dl.uploader.wait(job["id"], 180)
    assert job["state"] == "done" and job["verified"] is True, (job["error"], job["log"])
    assert job["checksums"]["rucio"]["bytes"] == 160 * 1024 * 1024
    assert [e["message"] for e in job["log"]].count("resumed") == 1
    reps = browse.file_replicas(s, [(SCOPE, name)], schemes=["https"])
    assert reps and "ESCAPE_USERDISK" in reps[0]["rses"]
    assert dl.uploader.resume(job["id"])["state"] == "done"  # nothing left to do
    dl.close()


def test_cancel_of_a_failed_upload_and_resume_after_the_cause_is_fixed(rucio_instance, tmp_path):
    """Resume retries: a job that failed (here the quota) is resumed and fails the same way with a fresh log line;
    cancelling a finished job changes nothing."""
    dl = Datalake([rucio_instance], state_dir=tmp_path / "s", root_dir=str(tmp_path), workspace_dir="ws")
    _fits(tmp_path / "big.fits", size=800)
    job = dl.uploader.wait(
        dl.uploader.upload(None, "big.fits", "ESCAPE_SCRATCHDISK", SCOPE, name=f"big_{uuid.uuid4().hex[:8]}.fits")[
            "id"
        ],
        60,
    )
    assert job["state"] == "failed" and job["resumable"] is True
    assert dl.uploader.cancel(job["id"])["state"] == "failed"
    job = dl.uploader.wait(dl.uploader.resume(job["id"])["id"], 60)
    assert job["state"] == "failed" and "quota exceeded" in job["error"]
    assert [e["message"] for e in job["log"]].count("resumed") == 1
    dl.close()


async def test_upload_cancel_and_resume_routes(fetch_json, jp_root_dir):
    _big(Path(jp_root_dir) / "route big.bin", 120)
    name = f"route_cancel_{uuid.uuid4().hex[:8]}.bin"
    created = await fetch_json(
        "datalake",
        "uploads",
        method="POST",
        body={"path": "route big.bin", "rse": "ESCAPE_USERDISK", "scope": SCOPE, "name": name, "lifetime": 3600},
    )
    for _ in range(3000):
        job = await fetch_json("datalake", "uploads", created["id"])
        if job["bytes_done"] > 0 or job["state"] not in ("queued", "running"):
            break
        await asyncio.sleep(0.01)
    assert job["state"] == "running", job
    await fetch_json("datalake", "uploads", created["id"], "cancel", method="POST", body={})
    for _ in range(600):
        job = await fetch_json("datalake", "uploads", created["id"])
        if job["state"] not in ("queued", "running"):
            break
        await asyncio.sleep(0.1)
    assert job["state"] == "cancelled" and job["resumable"], job
    resumed = await fetch_json("datalake", "uploads", created["id"], "resume", method="POST", body={})
    assert resumed["state"] in ("queued", "running")
    for _ in range(1800):
        job = await fetch_json("datalake", "uploads", created["id"])
        if job["state"] not in ("queued", "running"):
            break
        await asyncio.sleep(0.1)
    assert job["state"] == "done" and job["verified"], job
    with pytest.raises(Exception) as err:
        await fetch_json("datalake", "uploads", created["id"], "explode", method="POST", body={})
    assert getattr(err.value, "code", None) == 400
    with pytest.raises(Exception) as err:
        await fetch_json("datalake", "uploads", "nosuchjob", "cancel", method="POST", body={})
    assert getattr(err.value, "code", None) == 404
