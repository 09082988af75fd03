"""Publishing as a job the server runs: state, per-file byte progress, cancel between files, resume, a list.

A publish job is :func:`publish.publish_folder` run as a task on the server's loop, with a watcher that keeps its
state: the step (preparing, deposit, metadata, uploading, publishing), each file with its size and the bytes sent,
the deposition once it exists, and the outcome (the publish reply, or the error with what was uploaded and what
remains). The state is a 0600 JSON file under ``<state_dir>/ossr/publish`` written at every step and at most once a
second while bytes go up, so a kernel re-attaches with ``jupyter_escape.activity.attach("ossr-publish", id)``.

Cancel takes effect between two steps (before the next file, before publishing): the file going up finishes, the
deposition stays a draft holding what went up, and ``resume`` runs the job again on that deposition (the files
already there are recognised by their md5 and not sent again). A job of a server that stopped reads "interrupted"
and resumes the same way.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
import uuid
from pathlib import Path
from typing import Any, TypedDict, cast

from typing_extensions import NotRequired

from ..core.errors import EscapeError
from ..core.http import safe_link
from ..core.jobfiles import JobFiles, interrupted
from ..core.offloop import off_loop
from .client import RepoSettings, ZenodoClient
from .publish import DepositWatch, PublishCancelled, PublishIncomplete, UploadedFile, publish_folder

KIND = "ossr-publish"
FINAL = ("done", "failed", "cancelled", "interrupted")
SAVE_EVERY = 1.0  # seconds between two saves while bytes go up (kernels follow the file)


class FileProgress(TypedDict):
    """One file of a publish job as it goes up."""

    key: str
    size: int
    sent: int  # bytes of it in the request so far
    status: str  # pending, uploading, uploaded, already uploaded
    md5: NotRequired[str]  # once it is in the deposition


class PublishJob(TypedDict):
    """A publish job's record, as saved in its job file."""

    job_id: str
    kind: str  # KIND
    service: str  # the repository's display name
    state: str  # pending, preparing, uploading, publishing, then one of FINAL
    stage: str | None  # publish_folder's step: preparing, deposit, metadata, uploading, publishing
    path: str  # the folder, relative to the server root
    codemeta: dict[str, Any] | None  # a codemeta.json document given with the request (any JSON-LD object)
    chosen: list[str] | None  # the files asked for (None: the folder's release zip)
    publish: bool
    sandbox: bool
    upload_type: str
    deposit_id: int | None
    html_url: str | None
    files: list[FileProgress]
    current: str | None  # the file going up
    result: dict[str, Any] | None  # publish_folder's outcome
    error: dict[str, Any] | None  # an EscapeError's to_json()
    created_at: float
    started_at: float | None
    finished_at: float | None


def new_job(request: dict[str, Any], service: str) -> PublishJob:
    """A job record from a checked publish request: path (relative to the server root), codemeta, files,
    publish, deposit_id, upload_type, sandbox."""
    return {
        "job_id": uuid.uuid4().hex[:16],
        "kind": KIND,
        "service": service,
        "state": "pending",
        "stage": None,
        "path": request["path"],
        "codemeta": request.get("codemeta"),
        "chosen": request.get("files"),
        "publish": bool(request.get("publish")),
        "sandbox": bool(request.get("sandbox")),
        "upload_type": request.get("upload_type", "software"),
        "deposit_id": request.get("deposit_id"),
        "html_url": None,
        "files": [],
        "current": None,
        "result": None,
        "error": None,
        "created_at": time.time(),
        "started_at": None,
        "finished_at": None,
    }


def view(job: PublishJob, *, live: bool = True) -> dict[str, Any]:
    """What the routes answer: the record without the codemeta document, with byte totals and what remains.
    ``live``: the job runs in this server (a saved running job of a server that stopped reads "interrupted")."""
    out: dict[str, Any] = {k: v for k, v in job.items() if k != "codemeta"}  # a route's JSON answer
    if not live:
        out = interrupted(out, FINAL, {"error": "the Jupyter server stopped while it ran", "service": None})
    files = job["files"]
    out["name"] = (job.get("codemeta") or {}).get("name") or Path(job["path"]).name or job["path"]
    out["bytes_total"] = sum(f["size"] for f in files)
    out["bytes_done"] = sum(f["sent"] for f in files)
    out["uploaded"] = [f["key"] for f in files if f["status"] in ("uploaded", "already uploaded")]
    out["remaining"] = [f["key"] for f in files if f["status"] not in ("uploaded", "already uploaded")]
    out["resumable"] = out["state"] in ("failed", "cancelled", "interrupted") and out["deposit_id"] is not None
    return out


class PublishStore(JobFiles):
    """Publish job files in a private folder (0700, files 0600): ``<state_dir>/ossr/publish/<job_id>.json``."""

    def __init__(self, state_dir: str | os.PathLike[str]) -> None:
        super().__init__(Path(state_dir) / "ossr" / "publish", noun="publish job")

    # The files are this module's own records (written by JobWatch.save): read back as what was written.
    def job(self, job_id: str) -> PublishJob:
        return cast(PublishJob, self.load(job_id))

    def saved_jobs(self) -> list[PublishJob]:
        return cast("list[PublishJob]", self.jobs())


class JobWatch(DepositWatch):
    """Keeps a job record up to date as publish_folder goes, and saves it (off the loop)."""

    def __init__(self, job: PublishJob, store: PublishStore, cancel: threading.Event) -> None:
        self.job, self._store, self._cancel = job, store, cancel
        self._saved = 0.0

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    async def save(self) -> None:
        self._saved = time.monotonic()
        await off_loop("ossr", self._store.save, json.loads(json.dumps(self.job)))  # a copy: the loop moves on

    def _file(self, key: str) -> FileProgress:
        return next(f for f in self.job["files"] if f["key"] == key)

    async def stage(self, stage: str, deposit: dict[str, Any] | None = None) -> None:
        self.job["stage"] = stage
        self.job["state"] = "publishing" if stage == "publishing" else "uploading"
        if deposit is not None and deposit.get("id") is not None:
            self.job["deposit_id"] = int(deposit["id"])
            self.job["html_url"] = safe_link((deposit.get("links") or {}).get("html"))
        await self.save()

    async def files(self, upload: list[tuple[str, int]]) -> None:
        self.job["files"] = [{"key": k, "size": size, "sent": 0, "status": "pending"} for k, size in upload]
        await self.save()

    async def sending(self, key: str) -> None:
        self.job["current"] = key
        entry = self._file(key)
        entry["sent"], entry["status"] = 0, "uploading"

    async def sent(self, key: str, nbytes: int) -> None:
        self._file(key)["sent"] += nbytes
        if time.monotonic() - self._saved >= SAVE_EVERY:
            await self.save()

    async def file_done(self, entry: UploadedFile) -> None:
        done = self._file(entry["key"])
        done["status"], done["sent"], done["md5"] = entry["status"], done["size"], entry["md5"]
        self.job["current"] = None
        await self.save()


class PublishJobs:
    """The publish jobs of one server: tasks on its loop over the job files; cancel and resume by id."""

    def __init__(self, state_dir: str | os.PathLike[str]) -> None:
        self.store = PublishStore(state_dir)
        self._live: dict[str, tuple[asyncio.Task[None], threading.Event, PublishJob]] = {}

    async def start(self, job: PublishJob, settings: RepoSettings, folder: Path) -> dict[str, Any]:
        """Run ``job`` (new, or one to resume) for ``folder`` (resolved below the root); answers its first state."""
        live = self._live.get(job["job_id"])
        if live and not live[0].done() and live[2]["state"] in FINAL:
            await asyncio.shield(live[0])  # it ended and is writing its last state: not a second runner
        if live and not live[0].done():
            raise EscapeError(f"publish job {job['job_id']} is already running", status=409)
        cancel = threading.Event()  # set from a worker (the cancel route), read on the loop
        job["state"], job["stage"], job["error"], job["result"] = "preparing", "preparing", None, None
        job["current"], job["finished_at"], job["started_at"] = None, None, time.time()
        watch = JobWatch(job, self.store, cancel)
        await watch.save()
        run = self._run(watch, settings, folder)
        task = asyncio.get_running_loop().create_task(run, name=f"ossr-publish-{job['job_id']}")
        self._live[job["job_id"]] = (task, cancel, job)
        return view(job)

    async def _run(self, watch: JobWatch, settings: RepoSettings, folder: Path) -> None:
        job = watch.job
        try:
            async with ZenodoClient(settings) as client:
                result = await publish_folder(
                    client,
                    folder,
                    codemeta=job["codemeta"],
                    files=job["chosen"],
                    publish=job["publish"],
                    deposit_id=job["deposit_id"],
                    upload_type=job["upload_type"],
                    watch=watch,
                )
            job["state"], job["stage"], job["result"], job["deposit_id"] = "done", None, result, result["deposit_id"]
            job["html_url"] = result.get("html_url") or job["html_url"]
        except PublishIncomplete as exc:
            job["state"] = "cancelled" if isinstance(exc, PublishCancelled) else "failed"
            error = job["error"] = exc.to_json()
            job["deposit_id"] = error.get("deposit_id") or job["deposit_id"]
        except EscapeError as exc:
            job["state"] = "cancelled" if watch.cancelled() and exc.status == 409 else "failed"
            job["error"] = exc.to_json()
        except Exception as exc:  # a bug must end the job visibly, not leave it "uploading" forever
            job["state"], job["error"] = "failed", {"error": f"{exc.__class__.__name__}: {exc}", "service": None}
        finally:
            job["current"], job["finished_at"] = None, time.time()
            await watch.save()

    def status(self, job_id: str) -> dict[str, Any]:
        """The job (blocking when it is not live: reads its file)."""
        live = self._live.get(job_id)
        if live:
            return view(live[2])
        return view(self.store.job(job_id), live=False)

    def list(self) -> list[dict[str, Any]]:
        """Every job, newest first (blocking: reads the job files)."""
        jobs = {j["job_id"]: view(j, live=False) for j in self.store.saved_jobs()}
        jobs.update({job_id: view(job) for job_id, (_, _, job) in self._live.items()})
        return sorted(jobs.values(), key=lambda j: -(j.get("created_at") or 0))

    def cancel(self, job_id: str) -> dict[str, Any]:
        """Stop before the next step; the job answers "cancelled" once the file going up has finished."""
        live = self._live.get(job_id)
        if not live or live[0].done():
            return self.status(job_id)
        live[1].set()
        return {**view(live[2]), "cancel_requested": True}

    def for_resume(self, job_id: str, publish: bool | None = None) -> PublishJob:
        """The saved job made ready to run again on its deposition (blocking: reads its file)."""
        live = self._live.get(job_id)
        if live and not live[0].done() and live[2]["state"] not in FINAL:  # an ended one may still be saving
            raise EscapeError(f"publish job {job_id} is still running", status=409)
        job = live[2] if live else self.store.job(job_id)
        if job["state"] == "done":
            raise EscapeError(f"publish job {job_id} is done: nothing to resume", status=409)
        if publish is not None:
            job["publish"] = bool(publish)
        return job

    async def wait(self, job_id: str) -> dict[str, Any]:
        live = self._live.get(job_id)
        if live:
            await asyncio.shield(live[0])
        return self.status(job_id)
