"""jupyter_escape.activity: a notebook re-attaches to a job the server runs, by the kind and id the Activity view
shows. The job files are written by the pillars' own stores (the same classes the server uses); the TAP job is a
real async job on the local DaCHS."""

from __future__ import annotations

import threading
import time

import pytest
from _stack import stack_value

from jupyter_escape import activity
from jupyter_escape.core.errors import EscapeError
from jupyter_escape.datalake.jobstore import JobStore as DatalakeJobs
from jupyter_escape.zooniverse.upload import UploadStore, new_job


def _stage_job(store: DatalakeJobs, job_id: str, state: str) -> dict:
    job = store.add({"id": job_id, "kind": "stage", "mode": "download", "did": "escape_demo:x", "state": state})
    store.save(force=True)
    return job


def test_waits_on_a_staging_job_until_the_server_finishes_it(tmp_path):
    store = DatalakeJobs(tmp_path / "datalake" / "jobs.json")
    job = _stage_job(store, "stage1", "running")
    handle = activity.attach("datalake-stage", "stage1", folder=tmp_path)
    assert handle.state == "running"

    def finish():
        time.sleep(0.3)
        with store.lock:
            job["state"] = "done"
        store.save(force=True)

    threading.Thread(target=finish).start()
    ended = handle.wait(timeout=20, interval=0.05)
    assert ended["state"] == "done"
    assert ended["did"] == "escape_demo:x"


def test_a_wait_that_runs_out_names_the_job_and_its_state(tmp_path):
    store = DatalakeJobs(tmp_path / "datalake" / "jobs.json")
    _stage_job(store, "stage2", "queued")
    with pytest.raises(TimeoutError, match="datalake-stage job stage2 still queued"):
        activity.attach("datalake-stage", "stage2", folder=tmp_path).wait(timeout=0.2, interval=0.05)


def test_wrong_kind_unknown_id_and_unknown_kind_are_clear_errors(tmp_path):
    store = DatalakeJobs(tmp_path / "datalake" / "jobs.json")
    _stage_job(store, "stage3", "done")
    with pytest.raises(EscapeError, match="no datalake-upload job 'stage3'") as wrong:
        activity.attach("datalake-upload", "stage3", folder=tmp_path)
    assert wrong.value.status == 404
    with pytest.raises(EscapeError, match="no datalake-stage job 'nosuch'"):
        activity.status("datalake-stage", "nosuch", folder=tmp_path)
    with pytest.raises(EscapeError, match="kind must be one of tap, datalake-stage") as bad:
        activity.status("rules", "stage3", folder=tmp_path)
    assert bad.value.status == 400


def test_zooniverse_upload_status_is_its_progress(tmp_path):
    store = UploadStore(tmp_path)
    job = new_job(12, 34, [{"path": "a.fits"}, {"path": "b.fits"}])
    store.save(job)
    seen = activity.attach("zooniverse-upload", job["job_id"], folder=tmp_path)
    assert seen.job["state"] == "pending"
    assert seen.job["total"] == 2
    job["state"] = "done"
    for item in job["items"]:
        item["status"] = "done"
    store.save(job)
    assert seen.wait(timeout=5, interval=0.05)["done"] == 2


@pytest.mark.stack
def test_reattaches_to_an_async_tap_job_on_dachs_and_fetches_its_rows(tmp_path):
    dachs = {"tap": stack_value("ESCAPE_TAP_URL", "http://127.0.0.1:8090/tap")}
    from jupyter_escape import vo
    from jupyter_escape.vo.jobs import JobStore as TapJobs

    submitted = vo.submit(dachs["tap"], "SELECT TOP 7 source_id FROM esc_demo.main")
    record = TapJobs(tmp_path).add(dachs["tap"], submitted.info, "SELECT TOP 7 source_id FROM esc_demo.main")
    job = activity.attach("tap", record["id"], folder=tmp_path)
    assert job.url == submitted.url
    assert job.wait(timeout=120).info.phase == "COMPLETED"
    assert len(job.fetch()) == 7
    job.delete()
