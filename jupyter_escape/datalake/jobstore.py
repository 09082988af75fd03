"""A small persisted job registry: jobs live in memory, are written (0600, atomically, core/jobfiles.py) to one
file in the state folder, and jobs that were running when the server stopped come back as ``interrupted``
(resumable). One file for every staging and upload, unlike the one-file-per-job stores: the data-lake view and
``activity.attach`` read it as a whole."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

from ..core.jobfiles import UnreadableJobFile, read_json_object, write_private_json

ACTIVE = ("queued", "running")
FINAL = ("done", "failed", "cancelled", "interrupted")
MAX_LOG = 200


class JobStore:
    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = Path(path) if path else None
        self.lock = threading.RLock()
        self.jobs: dict[str, dict[str, Any]] = {}
        self._last_save = 0.0
        if self.path and self.path.exists():
            try:
                self.jobs = read_json_object(self.path)
            except (UnreadableJobFile, OSError) as exc:
                # A damaged file must not stop the server, nor be overwritten by the next save: it is kept aside
                # (its jobs can be recovered by hand) and the registry starts empty.
                damaged = self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}")
                with contextlib.suppress(OSError):
                    self.path.rename(damaged)
                logging.getLogger(__name__).warning("%s; kept as %s", exc, damaged.name)
                self.jobs = {}
            for job in self.jobs.values():
                if job.get("state") in ACTIVE:
                    job["state"] = "interrupted"
                    job["resumable"] = True
                    log(job, "the server stopped while this job ran; resume to continue where it stopped")
                    for f in job.get("files", []):
                        if f.get("state") in ACTIVE:
                            f["state"] = "interrupted"
            self.save(force=True)

    def save(self, force: bool = False) -> None:
        """Persist; progress updates call this often, so unforced saves happen at most once a second."""
        if not self.path:
            return
        now = time.monotonic()
        if not force and now - self._last_save < 1.0:
            return
        with self.lock:
            self._last_save = now
            write_private_json(self.path, self.jobs, default=str)

    def get(self, job_id: str) -> dict[str, Any] | None:
        return self.jobs.get(job_id)

    def add(self, job: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            self.jobs[job["id"]] = job
        self.save(force=True)
        return job

    def remove(self, job_id: str) -> None:
        with self.lock:
            self.jobs.pop(job_id, None)
        self.save(force=True)

    def list(self) -> list[dict[str, Any]]:
        with self.lock:
            return sorted((dict(j) for j in self.jobs.values()), key=lambda j: j.get("created_at", 0), reverse=True)


def log(job: dict[str, Any], message: str) -> None:
    entries = job.setdefault("log", [])
    entries.append({"t": time.time(), "message": message})
    del entries[:-MAX_LOG]
