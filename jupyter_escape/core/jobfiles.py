"""Job files: the saved state of the server's long-running jobs, one private JSON file per job.

OSSR publishing and installs, Zooniverse uploads and SAMP sends each keep a job as ``<folder>/<id>.json`` (folder
0700, file 0600), written whenever the job moves, so a notebook kernel re-attaches by reading it
(``jupyter_escape.activity.attach``) and the next server lists what an earlier one left. This module is that store,
written once:

- a write is atomic: the JSON goes to a hidden temporary file beside the target, which then replaces it, so a reader
  (or the next server after a crash) sees the old state or the new one, never half a file. There is no fsync: the
  state is progress a job rewrites every second, and losing the last write to a power cut costs nothing a resume
  does not redo;
- a file that is not a JSON object is reported by name (:class:`UnreadableJobFile`) and left in place for
  inspection; listing the folder skips it and still answers every other job;
- a job saved as running by a server that stopped reads "interrupted" (:func:`interrupted`), or is rewritten so
  (:meth:`JobFiles.interrupt`) where the owner of a job is known.

Blocking (file reads and writes): servers call it off their loop. Nothing here imports tornado or Jupyter.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from .errors import BadInput, EscapeError

log = logging.getLogger(__name__)

MAX_ID = 32


class UnreadableJobFile(EscapeError):
    """A job file that is not a JSON object (cut by a disk full, edited by hand): named, never overwritten."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"job file {path} is unreadable ({reason}); it was left as it is", status=500)
        self.path = path


def write_private_json(path: Path, data: Any, *, default: Callable[[Any], Any] | None = None) -> None:
    """Write ``data`` (any JSON value) to ``path`` atomically, mode 0600; the folder is created 0700 if missing."""
    text = json.dumps(data, default=default)  # before any file exists: a value that does not serialise leaves none
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # One temporary name per process and thread: two threads saving the same job never write into one file.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # O_CREAT keeps the mode of a stale temporary file left by a crash
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # the old file (if any) stays whole; no half-written temporary is left
        raise


def read_json_object(path: Path) -> dict[str, Any]:
    """The JSON object in ``path``; FileNotFoundError when there is none, UnreadableJobFile when it is not one."""
    try:
        # A job record is arbitrary JSON: each pillar knows the shape of its own jobs.
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:  # JSONDecodeError is a ValueError
        raise UnreadableJobFile(path, f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise UnreadableJobFile(path, f"expected a JSON object, found {type(data).__name__}")
    return data


def interrupted(job: dict[str, Any], final: Collection[str], error: Any = None, **fields: Any) -> dict[str, Any]:
    """A saved job as a server that does not run it reads it: a state not in ``final`` becomes "interrupted",
    ``error`` filling an empty error, ``fields`` set. A copy; a job in a final state is returned as it is."""
    if job.get("state") in final:
        return job
    out = {**job, "state": "interrupted", **fields}
    if error is not None and not out.get("error"):
        out["error"] = error
    return out


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


class JobFiles:
    """The job files of one kind in ``folder``: ``<id>.json`` each, the id under ``id_key`` in the record.

    ``noun`` names a job in messages ("publish job"); ``service`` goes on the not-found error; ``default`` is
    json.dumps's fallback for values that are not JSON (None: such a value is an error)."""

    def __init__(
        self,
        folder: str | os.PathLike[str],
        *,
        noun: str,
        id_key: str = "job_id",
        service: str | None = None,
        default: Callable[[Any], Any] | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.noun = noun
        self.id_key = id_key
        self.service = service
        self.default = default
        self.unreadable: list[UnreadableJobFile] = []  # what the last listing skipped

    def path(self, job_id: str) -> Path:
        """The file of ``job_id``; an id that could leave the folder (or is not one of ours) is refused."""
        if not (isinstance(job_id, str) and job_id.isascii() and job_id.isalnum() and len(job_id) <= MAX_ID):
            raise BadInput(self.id_key, f"expected {_article(self.noun)} {self.noun} id")
        return self.folder / f"{job_id}.json"

    def exists(self, job_id: str) -> bool:
        return self.path(job_id).is_file()

    def save(self, job: dict[str, Any]) -> None:
        write_private_json(self.path(job[self.id_key]), job, default=self.default)

    def load(self, job_id: str) -> dict[str, Any]:
        try:
            return read_json_object(self.path(job_id))
        except FileNotFoundError:
            raise EscapeError(f"no {self.noun} {job_id!r}", service=self.service, status=404) from None

    def remove(self, job_id: str) -> None:
        self.path(job_id).unlink(missing_ok=True)

    def jobs(self) -> list[dict[str, Any]]:
        """Every readable job, in the order of their ids. An unreadable file is logged, kept in ``unreadable``
        and skipped: one bad file never hides the other jobs."""
        return [job for _, job in self._records()]

    def interrupt(self, select: Callable[[dict[str, Any]], bool], final: Collection[str], error: Any) -> list[Path]:
        """Rewrite as "interrupted" (see :func:`interrupted`) every saved job ``select`` picks that is not in a
        ``final`` state: jobs a stopped process of their owner left running. Answers their files."""
        marked = []
        for path, job in self._records():
            if select(job) and job.get("state") not in final:
                write_private_json(path, interrupted(job, final, error), default=self.default)
                marked.append(path)
        return marked

    def forget_older_than(self, seconds: float, key: str = "created_at") -> None:
        """Remove the job files whose ``key`` time is more than ``seconds`` ago (or missing)."""
        limit = time.time() - seconds
        for path, job in self._records():
            try:
                created = float(job.get(key) or 0)
            except (TypeError, ValueError):
                created = 0.0
            if created < limit:
                path.unlink(missing_ok=True)

    def _records(self) -> list[tuple[Path, dict[str, Any]]]:
        if not self.folder.is_dir():
            self.unreadable = []
            return []
        out: list[tuple[Path, dict[str, Any]]] = []
        unreadable: list[UnreadableJobFile] = []
        for path in sorted(p for p in self.folder.glob("*.json") if not p.name.startswith(".")):
            try:
                out.append((path, read_json_object(path)))
            except FileNotFoundError:  # removed since the folder was listed
                continue
            except UnreadableJobFile as exc:
                log.warning("%s", exc.message)
                unreadable.append(exc)
        self.unreadable = unreadable
        return out
