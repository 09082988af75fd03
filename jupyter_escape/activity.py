"""Re-attach to a long-running job from a notebook cell, by the kind and id the Activity view shows.

The server keeps its jobs in the private state folder it shares with the kernels (see config.load_kernel_config):
TAP jobs in ``vo-jobs.json`` (each with its UWS URL at the service), data-lake staging and uploads in
``datalake/jobs.json``, Zooniverse uploads under ``zooniverse/uploads/``, OSSR publishing under ``ossr/publish/``
and OSSR installs under ``ossr/installs/``. ``attach`` finds the job there:

    from jupyter_escape import activity
    job = activity.attach("datalake-stage", "5f0c9a…")
    job.wait(timeout=600)          # returns the job (state, files, log) once it ended
    tap_job = activity.attach("tap", "a1b2c3…")   # a jupyter_escape.vo Job: .wait(), .phase, .fetch()

A TAP job is followed at the service itself (UWS, the same client as ``jupyter_escape.vo``). Staging, uploads,
Zooniverse uploads, OSSR publishing and installs run in the Jupyter server; their handle follows the state the
server writes as they move (at least once a second). Cross-matches are held in the server's memory only: they cannot be re-attached from a
kernel, and the Activity view offers no snippet for them.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .core.errors import EscapeError

if TYPE_CHECKING:
    from .vo.api import Job

KINDS = ("tap", "datalake-stage", "datalake-upload", "zooniverse-upload", "ossr-publish", "ossr-install", "samp-send")
# States after which a job does not move by itself any more (an interrupted one waits for a resume).
FINAL_STATES = frozenset({"done", "succeeded", "failed", "cancelled", "interrupted"})
SAMP_SEND_ID = re.compile(r"^[0-9a-f]{16}$")


def state_dir() -> Path:
    """The state folder of the Jupyter server this kernel belongs to."""
    from .config import load_kernel_config

    return Path(load_kernel_config()[1]["state_dir"])


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except ValueError as exc:
        raise EscapeError(f"{path} is not readable JSON ({exc})", status=500) from exc


def _not_found(kind: str, job_id: str, where: Path) -> EscapeError:
    return EscapeError(f"no {kind} job {job_id!r} in {where}", status=404)


def status(kind: str, job_id: str, *, folder: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The job as the server last saved it (for a TAP job: its last polled phase)."""
    if kind not in KINDS:
        raise EscapeError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}", status=400)
    base = Path(folder) if folder is not None else state_dir()
    if kind == "tap":
        path = base / "vo-jobs.json"
        data = _read(path) or {}
        for record in data.get("jobs", []):
            if isinstance(record, dict) and record.get("id") == job_id:
                return record
        raise _not_found(kind, job_id, path)
    if kind == "zooniverse-upload":
        from .zooniverse.upload import UploadStore, progress

        store = UploadStore(base)
        if not store.path(job_id).is_file():
            raise _not_found(kind, job_id, store.folder)
        return progress(store.load(job_id))
    if kind in ("ossr-publish", "ossr-install"):
        return _ossr_job(kind, job_id, base)
    if kind == "samp-send":
        folder = base / "samp-sends"
        if not SAMP_SEND_ID.match(job_id):
            raise _not_found(kind, job_id, folder)
        send = _read(folder / f"{job_id}.json")
        if not isinstance(send, dict):
            raise _not_found(kind, job_id, folder)
        return send
    path = base / "datalake" / "jobs.json"
    job = (_read(path) or {}).get(job_id)
    if not isinstance(job, dict) or job.get("kind") != kind.removeprefix("datalake-"):
        raise _not_found(kind, job_id, path)
    return job


def _ossr_job(kind: str, job_id: str, base: Path) -> dict[str, Any]:
    """An OSSR publish or install job as its server last saved it (a kernel cannot tell whether that server still
    runs: a job saved as running stays so until the server saves it again)."""
    if kind == "ossr-publish":
        from .ossr.publish_jobs import PublishStore, view

        pub = PublishStore(base)
        if not pub.path(job_id).is_file():
            raise _not_found(kind, job_id, pub.folder)
        return view(pub.job(job_id))
    from .ossr.install import InstallStore

    inst = InstallStore(base)
    if not inst.path(job_id).is_file():
        raise _not_found(kind, job_id, inst.folder)
    return inst.load(job_id)


class AttachedJob:
    """A staging, upload, Zooniverse upload, OSSR publish or install running in the Jupyter server, followed
    through its saved state."""

    def __init__(self, kind: str, job_id: str, folder: str | os.PathLike[str] | None = None) -> None:
        self.kind = kind
        self.id = job_id
        self._folder = folder
        self.job = status(kind, job_id, folder=folder)

    def refresh(self) -> dict[str, Any]:
        self.job = status(self.kind, self.id, folder=self._folder)
        return self.job

    @property
    def state(self) -> str:
        return str(self.refresh().get("state"))

    def wait(self, timeout: float = 600, interval: float = 1.0) -> dict[str, Any]:
        """Block until the job ends; returns it. TimeoutError (naming the job and its state) after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while self.refresh().get("state") not in FINAL_STATES:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{self.kind} job {self.id} still {self.job.get('state')} after {timeout:g} s")
            time.sleep(interval)
        return self.job

    def __repr__(self) -> str:
        return f"<{self.kind} job {self.id} {self.job.get('state')}>"


def attach(kind: str, job_id: str, *, folder: str | os.PathLike[str] | None = None) -> AttachedJob | Job:
    """The job of that kind and id: a ``jupyter_escape.vo`` Job for "tap", else an AttachedJob."""
    if kind != "tap":
        return AttachedJob(kind, job_id, folder)
    record = status(kind, job_id, folder=folder)
    from .vo import api as vo_api
    from .vo import tap

    # the saved record is the job as last polled; the Job's wait() and phase ask the service itself from here on
    known = {f.name for f in dataclasses.fields(tap.JobInfo)}
    return vo_api.Job(tap.JobInfo(**{k: v for k, v in record.items() if k in known}))
