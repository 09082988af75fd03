"""The persisted registry of a user's TAP jobs: survives a server restart, then every unfinished job is re-polled.

Stored as one JSON file in the extension's private state folder; written atomically (temp file + rename).
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import hashlib
import json
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import freshness
from ..core.errors import EscapeError
from ..core.offloop import off_loop
from . import tap, uws

if TYPE_CHECKING:
    from ..core.http import Limits


FILE_NAME = "vo-jobs.json"


def job_key(url: str) -> str:
    """A short, URL-safe id for a job, stable across restarts (derived from the job URL)."""
    return hashlib.sha1(url.encode()).hexdigest()[:16]


class JobStore:
    def __init__(self, state_dir: str | os.PathLike[str]) -> None:
        self.path = Path(state_dir) / FILE_NAME
        self._lock = threading.Lock()
        self._jobs: dict[str, dict[str, Any]] = {}
        self._load()

    # ---- persistence
    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._jobs = {j["url"]: j for j in data.get("jobs", []) if isinstance(j, dict) and j.get("url")}
        except FileNotFoundError:
            self._jobs = {}
        except (OSError, ValueError) as exc:
            # a damaged file must not stop the server: keep it aside and start empty
            self._jobs = {}
            with contextlib.suppress(OSError):
                self.path.rename(self.path.with_suffix(f".damaged-{int(time.time())}"))
            self.load_error = f"{self.path}: {exc}"

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".vo-jobs-", dir=self.path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"version": 1, "jobs": list(self._jobs.values())}, fh, indent=1)
        os.replace(tmp, self.path)

    # ---- records
    def add(self, service_url: str, info: uws.JobInfo, query: str, label: str | None = None) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": job_key(info.url),
            "url": info.url,
            "service_url": service_url.rstrip("/"),
            "query": query,
            "label": label,
            "added": time.time(),
        }
        record.update(self._from_info(info))
        # how the job's rows travel (FITS + a metadata VOTable, or VOTable and why): fixed when it was created
        record.update(fits=info.fits, transport_note=info.transport_note)
        freshness.confirmed(record, info.phase, record["checked"])
        with self._lock:
            self._jobs[info.url] = record
            self._save()
        return dict(record)

    @staticmethod
    def _from_info(info: uws.JobInfo) -> dict[str, Any]:
        return {
            "phase": info.phase,
            "final": info.final,
            "job_id": info.job_id,
            "error": info.error,
            "creation_time": info.creation_time,
            "start_time": info.start_time,
            "end_time": info.end_time,
            "destruction": info.destruction,
            "execution_duration": info.execution_duration,
            "results": info.results,
            "checked": time.time(),
        }

    def update(self, info: uws.JobInfo) -> dict[str, Any]:
        with self._lock:
            record = self._jobs.get(info.url)
            if record is None:
                raise EscapeError(f"job {info.url!r} is not in the job list", status=404)
            record.update(self._from_info(info))
            freshness.confirmed(record, info.phase, record["checked"])
            self._save()
            return dict(record)

    def mark_unreachable(self, url: str, error: EscapeError) -> dict[str, Any]:
        """The service did not answer: the phase stays the last confirmed one, the record says since when it could
        not be checked (never a fresh-looking EXECUTING while DaCHS is down)."""
        with self._lock:
            record = self._jobs.get(url)
            if record is None:
                raise EscapeError(f"job {url!r} is not in the job list", status=404)
            freshness.unreachable(record, error.service, record.get("phase"), error.message)
            self._save()
            return dict(record)

    def mark_gone(self, url: str, reason: str) -> None:
        with self._lock:
            if url in self._jobs:
                self._jobs[url].update(phase="UNKNOWN", final=True, error=reason, checked=time.time())
                self._save()

    def remove(self, url: str) -> None:
        with self._lock:
            self._jobs.pop(url, None)
            self._save()

    def get(self, url: str) -> dict[str, Any]:
        record = self._jobs.get(url)
        if record is None:
            raise EscapeError(f"job {url!r} is not in the job list", status=404)
        return dict(record)

    def by_id(self, key: str) -> dict[str, Any]:
        for record in list(self._jobs.values()):  # a copy: workers add and remove jobs meanwhile (see list)
            if record.get("id") == key:
                return dict(record)
        raise EscapeError(f"job {key!r} is not in the job list", status=404)

    def list(self, service_url: str | None = None) -> list[dict[str, Any]]:
        # Read on the event loop while off_loop workers add and remove jobs under the lock: iterate over a copy
        # (list() of a dict's values is one step under the GIL), never the live dict, which may change size meanwhile.
        jobs = [
            dict(j)
            for j in list(self._jobs.values())
            if service_url is None or j["service_url"] == service_url.rstrip("/")
        ]
        for job in jobs:  # records saved before freshness existed: confirmed when last checked
            if "freshness" not in job:
                freshness.confirmed(job, job.get("phase"), job.get("checked"))
        return sorted(jobs, key=lambda j: j.get("added", 0), reverse=True)

    # ---- re-polling
    async def refresh(self, url: str, limits: Limits | None = None) -> dict[str, Any]:
        try:
            info = await tap.job_status(url, limits=limits)
        except EscapeError as exc:
            if exc.status == 404:
                await off_loop("vo", self.mark_gone, url, f"the service no longer knows this job: {exc.message}")
                return self.get(url)
            if freshness.is_unreachable(exc):
                await off_loop("vo", self.mark_unreachable, url, exc)
            raise
        return await off_loop("vo", self.update, info)

    async def refresh_unfinished(
        self, limits: Limits | None = None
    ) -> builtins.list[dict[str, Any]]:  # list: a method of this class
        """Re-poll every job that was not final when last seen (at start-up, and when the list is shown)."""
        urls = [u for u, j in list(self._jobs.items()) if not j.get("final")]  # a copy, as in list()
        results = await asyncio.gather(*(self.refresh(u, limits) for u in urls), return_exceptions=True)
        return [r for r in results if isinstance(r, dict)]
