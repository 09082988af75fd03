"""A SAMP send as a job: its preparation (a table serialised to VOTable) and its transfer (the desktop tool
reading the signed link) show progress, and the whole send can be cancelled.

States: ``preparing`` (writing the VOTable into the outbox; progress = bytes written of an estimate), ``sending``
(the message is with the hub or the browser; the link is live; progress = bytes the furthest reader has read of
the file), then ``done`` (every recipient answered; some accepted), ``failed`` (nobody accepted, or an error),
``cancelled`` (the link is revoked, a fetch in flight is cut, the outbox file removed) or ``interrupted`` (the
process that ran it stopped). Each job is also a 0600 JSON file ``<state_dir>/samp-sends/<id>.json``, written on
every change of state and at most once a second while bytes move, which is what ``activity.attach("samp-send",
id)`` follows from a notebook kernel.

Blocking: ``run`` prepares and delivers in the caller's thread; the server runs it in this registry's own small
executor (``start``), never on its loop. Nothing here imports tornado or Jupyter.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..core.errors import EscapeError
from ..core.jobfiles import JobFiles
from .outbox import Prepared

FOLDER = "samp-sends"
ACTIVE = ("preparing", "sending")
FINAL = ("done", "failed", "cancelled", "interrupted")
KEEP_JOBS = 50  # finished sends kept in the list (memory and folder); older ones are forgotten
SAVE_EVERY = 1.0  # seconds between progress writes of one job
KEEP_SECONDS = 24 * 3600  # job files of sends older than this are removed when a registry starts


class SendCancelled(EscapeError):
    def __init__(self, job_id: str) -> None:
        super().__init__(f"the SAMP send {job_id} was cancelled", service="samp", status=409)


class Watch:
    """What a preparation reports to (bytes written of an estimate) and asks whether it should stop."""

    def __init__(self, jobs: SendJobs, job_id: str) -> None:
        self._jobs, self.job_id = jobs, job_id

    def estimate(self, total: int, rows: int | None = None) -> None:
        self._jobs._update(self.job_id, estimate=max(int(total), 1), rows=rows)

    def wrote(self, total: int) -> None:
        """Called with the bytes written so far; raises SendCancelled once the send was cancelled."""
        self.check()
        self._jobs._update(self.job_id, written=int(total), save=False)

    def check(self) -> None:
        if self._jobs.cancelled(self.job_id):
            raise SendCancelled(self.job_id)


class SendJobs:
    def __init__(self, folder: str | os.PathLike[str] | None, *, owner: str = "server", workers: int = 2) -> None:
        self.folder = Path(folder) if folder else None
        self.files = JobFiles(folder, noun="SAMP send", id_key="id", service="samp", default=str) if folder else None
        self.owner = owner
        self._jobs: dict[str, dict[str, Any]] = {}
        self._saved: dict[str, float] = {}
        self._lock = threading.RLock()
        self._pool: ThreadPoolExecutor | None = None
        self._workers = workers
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._interrupt_leftovers()

    # -- the list -------------------------------------------------------------------------------------------
    def new(
        self, *, name: str, to: str, mode: str, code: str | None = None, source: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        job: dict[str, Any] = {
            "id": secrets.token_hex(8),
            "owner": self.owner,
            "state": "preparing",
            "mode": mode,
            "name": name,
            "to": to,
            "source": source,
            "code": code,
            "mtype": None,
            "table_id": None,
            "rows": None,
            "file": None,
            "temporary": False,
            "estimate": None,
            "written": 0,
            "size": None,
            "served": 0,
            "fetches": 0,
            "recipients": [],
            "replies": [],
            "link": None,
            "url": None,
            "meta": None,
            "error": None,
            "created_at": time.time(),
            "ended_at": None,
        }
        with self._lock:
            self._jobs[job["id"]] = job
            self._prune()
        self._save(job, force=True)
        return self.view(job["id"])

    def exception(self, job_id: str) -> BaseException | None:
        """Why a failed send failed, as raised (a waiting caller re-raises it with its own status)."""
        return self.get(job_id).get("_exc")

    def get(self, job_id: str) -> dict[str, Any]:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise EscapeError(f"no SAMP send {job_id!r} (sends are kept for this server's session)", status=404)
            return job

    def view(self, job_id: str) -> dict[str, Any]:
        """The job as routes and handles show it, with ``progress`` (0..1, or None when unknown)."""
        with self._lock:
            job = {k: v for k, v in self.get(job_id).items() if not k.startswith("_")}
        job["active"] = job["state"] in ACTIVE
        job["progress"] = progress(job)
        return job

    def listing(self) -> list[dict[str, Any]]:
        with self._lock:
            ids = sorted(self._jobs, key=lambda i: self._jobs[i]["created_at"], reverse=True)
        return [self.view(i) for i in ids]

    def cancelled(self, job_id: str) -> bool:
        with self._lock:
            job = self._jobs.get(job_id)
            return job is None or job["state"] == "cancelled"

    def revoked(self, job_id: str) -> bool:
        """A link of this send is refused (and a read of it cut): the send was cancelled."""
        with self._lock:
            job = self._jobs.get(job_id)
            return job is not None and job["state"] == "cancelled"

    # -- running one ----------------------------------------------------------------------------------------
    def start(
        self,
        job_id: str,
        prepare: Callable[[Watch], Prepared],
        deliver: Callable[[Prepared, str | None], list[dict[str, Any]]] | None = None,
        link_for: Callable[[Prepared], str] | None = None,
    ) -> Future[dict[str, Any]]:
        """``run`` in this registry's executor (not the pillar's pool: a send waits for the desktop tool, which
        meanwhile reads the link through that pool)."""
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="escape-samp-send")
        return self._pool.submit(self.run, job_id, prepare, deliver, link_for)

    def run(
        self,
        job_id: str,
        prepare: Callable[[Watch], Prepared],
        deliver: Callable[[Prepared, str | None], list[dict[str, Any]]] | None = None,
        link_for: Callable[[Prepared], str] | None = None,
    ) -> dict[str, Any]:
        """Prepare, make the link (``link_for``), then deliver (local: the hub call, answering each client's
        reply) or stop at ``sending`` (remote: the browser delivers and reports the replies)."""
        prepared: Prepared | None = None
        try:
            prepared = prepare(Watch(self, job_id))
            Watch(self, job_id).check()
            link = link_for(prepared) if link_for else None
            self._prepared(job_id, prepared, link)
            if deliver is not None:
                replies = deliver(prepared, link)
                self.finish(job_id, replies)
        except SendCancelled:
            pass
        except EscapeError as exc:
            self.fail(job_id, exc.message, exc)
        except Exception as exc:  # reported on the job, which is what the panel and the notebook read
            self.fail(job_id, f"{exc.__class__.__name__}: {exc}", exc)
        finally:
            if prepared is not None and self.cancelled(job_id):
                self._remove_file(job_id)
        return self.view(job_id)

    def _prepared(self, job_id: str, prepared: Prepared, link: str | None) -> None:
        with self._lock:
            job = self.get(job_id)
            if job["state"] == "cancelled":
                raise SendCancelled(job_id)
            temporary = prepared.temporary
            size = prepared.path.stat().st_size
            job.update(
                state="sending",
                mtype=prepared.mtype,
                table_id=prepared.table_id,
                name=prepared.name,
                rows=prepared.rows,
                file=prepared.path.name,
                temporary=temporary,
                size=size,
                link=link,
                meta=prepared.meta,
                _path=str(prepared.path),
            )
            if job["estimate"] is not None:
                job["written"] = size
        self._save(job, force=True)

    def recipients(self, job_id: str, names: list[str]) -> None:
        self._update(job_id, recipients=list(names))

    def finish(
        self, job_id: str, replies: list[dict[str, Any]], url: str | None = None, error: str | None = None
    ) -> dict[str, Any]:
        """Every recipient answered: done when one accepted (or warned), failed when all refused. ``error``: the
        message could not go out at all (remote mode: the browser lost the desktop's hub)."""
        with self._lock:
            job = self.get(job_id)
            if job["state"] != "sending":  # cancelled meanwhile: the late answers are kept, the state stays
                job["replies"] = replies
                self._save(job, force=True)
                return self.view(job_id)
            took = [r for r in replies if r.get("status") in ("ok", "warning")]
            job.update(
                state="done" if took else "failed",
                replies=replies,
                error=None if took else (error or "; ".join(str(r.get("error") or r.get("name")) for r in replies)),
                ended_at=time.time(),
            )
            if url:
                job["url"] = url
        self._save(job, force=True)
        return self.view(job_id)

    def fail(self, job_id: str, error: str, exc: BaseException | None = None) -> None:
        with self._lock:
            job = self.get(job_id)
            if job["state"] not in ACTIVE:
                return
            job.update(state="failed", error=error, ended_at=time.time(), _exc=exc)
        self._remove_file(job_id)
        self._save(job, force=True)

    def cancel(self, job_id: str) -> dict[str, Any]:
        """Revoke: the link is refused from now on, a fetch in flight is cut (the serving loop asks
        ``cancelled`` after each chunk), the outbox file is removed. A finished send stays as it was."""
        with self._lock:
            job = self.get(job_id)
            if job["state"] in ACTIVE:
                job.update(state="cancelled", error=None, ended_at=time.time())
        self._remove_file(job_id)
        self._save(job, force=True)
        return self.view(job_id)

    # -- the link's reads -----------------------------------------------------------------------------------
    def fetch_started(self, job_id: str) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                job["fetches"] += 1
        if job is not None:
            self._save(job)

    def served(self, job_id: str, total: int) -> None:
        """One reader has read ``total`` bytes of the file; progress follows the furthest reader."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or total <= job["served"]:
                return
            job["served"] = total
        self._save(job, force=total >= (job.get("size") or 0))

    # -- internals ------------------------------------------------------------------------------------------
    def _update(self, job_id: str, save: bool = True, **fields: Any) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return
            job.update(fields)
        if save:
            self._save(job, force=True)
        else:
            self._save(job)

    def _remove_file(self, job_id: str) -> None:
        """The outbox file of a cancelled or failed send (never a workspace file sent as it is)."""
        with self._lock:
            job = self._jobs.get(job_id) or {}
            path = job.get("_path")
            temporary = job.get("temporary")
        if path and temporary:
            with contextlib.suppress(OSError):
                Path(path).unlink()

    def _save(self, job: dict[str, Any], force: bool = False) -> None:
        if self.files is None:
            return
        now = time.monotonic()
        with self._lock:
            if not force and now - self._saved.get(job["id"], 0.0) < SAVE_EVERY:
                return
            self._saved[job["id"]] = now
            data = {k: v for k, v in job.items() if not k.startswith("_")}
            data["progress"] = progress(data)
            self.files.save(data)

    def _prune(self) -> None:
        ended = sorted(
            (j for j in self._jobs.values() if j["state"] not in ACTIVE), key=lambda j: j["created_at"], reverse=True
        )
        for job in ended[KEEP_JOBS:]:
            self._jobs.pop(job["id"], None)
            self._saved.pop(job["id"], None)
            if self.files is not None:
                with contextlib.suppress(OSError):
                    self.files.remove(job["id"])

    def _interrupt_leftovers(self) -> None:
        """Sends this kind of owner left running when its process stopped (never another process's); sends older
        than a day are forgotten."""
        assert self.files is not None

        def left_running(job: dict[str, Any]) -> bool:
            return job.get("owner") == self.owner and job.get("state") in ACTIVE

        with contextlib.suppress(OSError):  # a folder that cannot be tidied must not stop SAMP from starting
            self.files.forget_older_than(KEEP_SECONDS)
            if self.owner == "server":  # a kernel cannot tell whether another kernel's send still runs
                self.files.interrupt(left_running, FINAL, "the Jupyter server stopped during this send")

    def close(self) -> None:
        with self._lock:
            active = [i for i, j in self._jobs.items() if j["state"] in ACTIVE]
        for job_id in active:
            self.cancel(job_id)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


def progress(job: dict[str, Any]) -> float | None:
    """Preparing: bytes written of the estimate (never 1 before it is written). Afterwards: bytes the furthest
    reader has read of the file; None when nothing tells (a file sent as it is, not read yet, has 0)."""
    if job["state"] == "preparing":
        estimate = job.get("estimate")
        return min(job.get("written", 0) / estimate, 0.99) if estimate else None
    if not job.get("link"):  # a file:// URL (a kernel's send): no reads to count, done is all there is
        return 1.0 if job["state"] == "done" else None
    size = job.get("size")
    if not size:
        return None
    served: float = min(job.get("served", 0) / size, 1.0)
    return served


def answer(job: dict[str, Any]) -> dict[str, Any]:
    """A finished send as samp/send and ``samp.send_table`` answered before sends were jobs, with the job's id."""
    keys = ("mtype", "table_id", "name", "rows", "file", "meta", "code")
    out = {k: job.get(k) for k in keys} | {"job": job["id"]}
    if job.get("link") and not job.get("url"):  # remote mode: the browser sends the link
        return out | {"link": job["link"], "ttl": job.get("ttl")}
    return out | {"url": job.get("url"), "replies": job.get("replies") or []}
