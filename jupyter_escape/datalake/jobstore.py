"""A small persisted job registry: jobs live in memory, are written (0600, atomically) to the state folder, and
jobs that were running when the server stopped come back as ``interrupted`` (resumable)."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

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
                self.jobs = json.loads(self.path.read_text())
            except (ValueError, OSError):
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
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            tmp = self.path.with_name(self.path.name + ".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(fd, 0o600)  # O_CREAT keeps the mode of a stale temp file left by a crash
            with os.fdopen(fd, "w") as fh:
                json.dump(self.jobs, fh, default=str)
            os.replace(tmp, self.path)

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
