"""Publishing and installing as jobs the server runs (state, byte progress, cancel, resume, list, re-attach from a
kernel). The repository is the Zenodo API REPLAY (stack/zenodo/zenodo_replay.py, see conftest.py), not Zenodo:
its fault switches slow an upload down or cut it, so cancel and resume are seen between real requests."""

from __future__ import annotations

import asyncio
import os
import stat
import sys
import time

import pytest

from jupyter_escape import activity
from jupyter_escape.core.errors import EscapeError
from jupyter_escape.ossr.install import InstallRegistry

from .conftest import error_of

BIG = 24 * 1024 * 1024  # larger than loopback's socket buffers: the replay holds it mid-way while it sleeps


async def _until(fetch_json, job_id, done, timeout=60.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = await fetch_json("ossr", "publish", "jobs", job_id)
        if done(job) or time.monotonic() > deadline:
            return job
        await asyncio.sleep(0.05)


def _ended(job) -> bool:
    return job["state"] in ("done", "failed", "cancelled", "interrupted")


def _state_dir(jp_serverapp) -> str:
    return jp_serverapp.web_app.settings["escape"].state_dir


async def test_a_publish_job_runs_to_a_draft_and_is_listed_and_reattached(fetch_json, project, zenodo, jp_serverapp):
    job = await fetch_json("ossr", "publish", "jobs", method="POST", body={"path": "work/skyfit"})
    assert job["kind"] == "ossr-publish" and job["state"] == "preparing" and "codemeta" not in job
    job = await _until(fetch_json, job["job_id"], _ended)
    assert job["state"] == "done", job["error"]
    assert job["uploaded"] == ["codemeta.json", "skyfit-0.3.1.zip"] and job["remaining"] == []
    assert job["bytes_done"] == job["bytes_total"] > 0
    assert job["result"]["state"] == "draft" and job["result"]["deposit_id"] == job["deposit_id"]
    [dep] = zenodo.deposits()
    assert dep["id"] == job["deposit_id"] and not dep["submitted"]
    listed = await fetch_json("ossr", "publish", "jobs")
    assert [j["job_id"] for j in listed["jobs"]] == [job["job_id"]] and listed["jobs"][0]["name"] == "skyfit"
    # a kernel finds it in the server's state folder; the file is private
    path = os.path.join(_state_dir(jp_serverapp), "ossr", "publish", f"{job['job_id']}.json")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    ended = activity.attach("ossr-publish", job["job_id"], folder=_state_dir(jp_serverapp)).wait(timeout=5)
    assert ended["state"] == "done" and ended["deposit_id"] == job["deposit_id"]


async def test_byte_progress_then_cancel_between_files_then_resume(fetch_json, project, zenodo):
    (project / "data.bin").write_bytes(os.urandom(BIG))
    chosen = ["data.bin", "README.md", "LICENSE"]
    # codemeta.json goes through; data.bin's PUT is held 3 s by the replay before it reads the rest of the body
    zenodo.fault("slow", path="/api/files", skip=1, delay=3)
    job = await fetch_json(
        "ossr", "publish", "jobs", method="POST", body={"path": "work/skyfit", "files": chosen, "sandbox": False}
    )
    job_id = job["job_id"]
    going = await _until(fetch_json, job_id, lambda j: j["current"] == "data.bin" and j["bytes_done"] > 0)
    big = next(f for f in going["files"] if f["key"] == "data.bin")
    assert going["state"] == "uploading" and big["status"] == "uploading"
    assert 0 < big["sent"] < big["size"] == BIG, big  # part of the file is in the request, the rest waits
    assert going["uploaded"] == ["codemeta.json"]
    asked = await fetch_json("ossr", "publish", "jobs", job_id, method="DELETE")
    assert asked["cancel_requested"] is True
    job = await _until(fetch_json, job_id, _ended)
    # the file going up finished; the next two were never sent; the deposition stays a draft to resume
    assert job["state"] == "cancelled" and job["resumable"]
    assert job["uploaded"] == ["codemeta.json", "data.bin"] and job["remaining"] == ["README.md", "LICENSE"]
    assert job["error"]["error"].startswith("Upload cancelled before README.md")
    [dep] = zenodo.deposits()
    assert sorted(f["filename"] for f in dep["files"]) == ["codemeta.json", "data.bin"] and not dep["submitted"]

    await fetch_json("ossr", "publish", "jobs", job_id, "resume", method="POST", body={"publish": True})
    job = await _until(fetch_json, job_id, _ended)
    assert job["state"] == "done" and job["result"]["state"] == "published"
    assert [u["status"] for u in job["result"]["uploaded"]] == [
        "already uploaded",
        "already uploaded",
        "uploaded",
        "uploaded",
    ]
    assert [d["id"] for d in zenodo.deposits()] == [job["deposit_id"]]


async def test_an_upload_cut_midway_fails_naming_what_remains_and_resumes(fetch_json, project, zenodo):
    zenodo.fault("drop", path="/api/files", skip=1)  # codemeta.json goes through, the zip upload is cut
    job = await fetch_json("ossr", "publish", "jobs", method="POST", body={"path": "work/skyfit"})
    job = await _until(fetch_json, job["job_id"], _ended)
    assert job["state"] == "failed" and job["resumable"]
    assert job["uploaded"] == ["codemeta.json"] and job["remaining"] == ["skyfit-0.3.1.zip"]
    assert "stays a draft" in job["error"]["error"] and job["error"]["service"] == "OSSR (Zenodo API replay)"
    await fetch_json("ossr", "publish", "jobs", job["job_id"], "resume", method="POST", body={})
    job = await _until(fetch_json, job["job_id"], _ended)
    assert job["state"] == "done" and job["result"]["state"] == "draft"


async def test_publish_job_refusals(fetch_json, project, zenodo, escape_config, jp_serverapp):
    job = await fetch_json(
        "ossr",
        "publish",
        "jobs",
        method="POST",
        body={"path": "work/skyfit", "codemeta": {"@type": "SoftwareSourceCode", "name": "x"}},
    )
    job = await _until(fetch_json, job["job_id"], _ended)
    # the OSSR check runs first: nothing was created, nothing to resume
    assert job["state"] == "failed" and not job["resumable"] and job["deposit_id"] is None
    assert "does not meet the OSSR rules" in job["error"]["error"] and zenodo.deposits() == []
    # run again, it fails the same way (the document was not changed): still nothing created
    again = await fetch_json("ossr", "publish", "jobs", job["job_id"], "resume", method="POST", body={})
    assert again["job_id"] == job["job_id"] and again["state"] == "preparing"
    again = await _until(fetch_json, job["job_id"], _ended)
    assert again["state"] == "failed" and again["error"] == job["error"] and zenodo.deposits() == []
    status, err = await error_of(fetch_json("ossr", "publish", "jobs", "nosuchjob"))
    assert status == 404 and "nosuchjob" in err["error"]
    status, err = await error_of(fetch_json("ossr", "publish", "jobs", "no.such", method="DELETE"))
    assert status == 400 and err["error"].startswith("job_id")
    status, err = await error_of(
        fetch_json("ossr", "publish", "jobs", method="POST", body={"path": "work/skyfit", "deposit_id": "7"})
    )
    assert status == 400 and err["error"].startswith("deposit_id")
    status, err = await error_of(fetch_json("ossr", "publish", "jobs", method="POST", body={"path": "../outside"}))
    assert status == 403
    jp_serverapp.web_app.settings["escape"].config.software_repository = {
        k: v for k, v in escape_config["software_repository"].items() if k != "token_file"
    }
    status, err = await error_of(fetch_json("ossr", "publish", "jobs", method="POST", body={"path": "work/skyfit"}))
    assert status == 401 and "token" in err["error"]


def _plan(code: str) -> dict:
    return {"record_id": 7003, "env": {}, "command_line": "python -c …", "command": [sys.executable, "-c", code]}


def test_install_jobs_are_saved_listed_and_reattached(tmp_path):
    registry = InstallRegistry(state_dir=tmp_path)
    plan = registry.remember({**_plan("print('Collecting x', flush=True)"), "plan_id": "p1"})
    job = registry.run(plan["plan_id"])
    assert job.wait(20)
    [listed] = registry.list()
    assert listed["job_id"] == job.id and listed["state"] == "succeeded" and "output" not in listed
    path = tmp_path / "ossr" / "installs" / f"{job.id}.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    ended = activity.attach("ossr-install", job.id, folder=tmp_path).wait(timeout=5)
    assert ended["state"] == "succeeded" and "Collecting x" in ended["output_tail"]
    # a job saved as running by a server that stopped is listed as interrupted by the next one
    stale = {**ended, "job_id": "deadbeef", "state": "running"}
    registry.store.save(stale)
    assert {j["job_id"]: j["state"] for j in InstallRegistry(state_dir=tmp_path).list()}["deadbeef"] == "interrupted"


def test_an_install_cannot_be_cancelled_once_pip_writes_into_the_environment(tmp_path):
    registry = InstallRegistry(state_dir=tmp_path)
    code = "import time; print('Installing collected packages: x', flush=True); time.sleep(1.5); print('done')"
    job = registry.run(registry.remember({**_plan(code), "plan_id": "p2"})["plan_id"])
    deadline = time.time() + 20
    while job.phase != "installing" and time.time() < deadline:
        time.sleep(0.02)
    assert not job.summary()["cancellable"]
    with pytest.raises(EscapeError, match="half-installed") as refused:
        job.cancel()
    assert refused.value.status == 409
    assert job.wait(20) and job.state == "succeeded" and job.lines[-2] == "done"


async def test_install_list_route(fetch_json, jp_serverapp):
    registry = jp_serverapp.web_app.settings["escape"].extras["ossr"]["installs"]
    plan = registry.remember({**_plan("print('ok')"), "plan_id": "p3"})
    started = await fetch_json("ossr", "install", method="POST", body={"plan_id": plan["plan_id"]})
    assert registry.jobs[started["job_id"]].wait(20)
    listed = await fetch_json("ossr", "install")
    assert [(j["job_id"], j["state"], j["kind"]) for j in listed["jobs"]] == [
        (started["job_id"], "succeeded", "ossr-install")
    ]


def test_a_publish_job_of_a_server_that_stopped_reads_interrupted_and_resumable(tmp_path):
    from jupyter_escape.ossr.publish_jobs import PublishJobs, new_job

    job = new_job({"path": "work/skyfit", "files": ["a.txt"]}, "OSSR (Zenodo API replay)")
    job.update(
        state="uploading", deposit_id=7123, files=[{"key": "a.txt", "size": 3, "sent": 1, "status": "uploading"}]
    )
    PublishJobs(tmp_path).store.save(job)
    [listed] = PublishJobs(tmp_path).list()  # the next server: the job is not running there
    assert listed["state"] == "interrupted" and listed["resumable"] and listed["remaining"] == ["a.txt"]
    assert "stopped" in listed["error"]["error"] and "codemeta" not in listed
    # a kernel reads the file as saved (it cannot tell whether that server still runs)
    assert activity.status("ossr-publish", job["job_id"], folder=tmp_path)["state"] == "uploading"
