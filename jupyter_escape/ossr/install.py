"""Install a record's release into a kernel's Python: plan the exact pip command, then run it on request.

The plan downloads the release file (md5-verified) into a cache folder, looks inside for setuptools_scm (a
release zip has no .git, so setuptools_scm needs SETUPTOOLS_SCM_PRETEND_VERSION) and returns the command for the
user to confirm. Running uses exactly the confirmed plan: a subprocess whose output is kept (bounded) and which can
be cancelled while pip downloads and builds. Once pip says "Installing collected packages" it is writing into the
environment, and stopping it then would leave a half-installed package (pip rolls back only on its own errors): a
cancel from then on is refused, the install ends by itself. Each job's state is a 0600 JSON file under
``<state_dir>/ossr/installs`` (saved at every change of state and at most once a second while pip prints), which
the list route reads and a kernel follows with ``jupyter_escape.activity.attach("ossr-install", id)``.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import tarfile
import threading
import time
import uuid
import zipfile
from collections import deque
from pathlib import Path
from typing import Any

from ..core.errors import BadInput, EscapeError
from ..core.jobfiles import JobFiles, interrupted
from ..core.names import file_stem
from ..core.offloop import off_loop
from ..core.snippets import sh_line
from .client import ZenodoClient
from .records import get_record, require_files
from .transfer import download_file

INSTALLABLE = (".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2")
MAX_OUTPUT_LINES = 5000
SAVED_OUTPUT_LINES = 50  # the tail kept in the job file (a kernel re-attaching sees how it ended)
FINAL = ("succeeded", "failed", "cancelled", "interrupted")
# pip prints this just before it moves files into the environment; from then on a stop leaves it half-installed.
INSTALL_PHASE = "Installing collected packages"
SCM_MARKERS = (b"setuptools_scm", b"setuptools-scm")
BUILD_FILES = ("pyproject.toml", "setup.cfg", "setup.py")


def check_python(python: str) -> str:
    if not python or not os.path.isabs(python):
        raise BadInput("python", f"must be the absolute path of a Python executable, got {python!r}")
    if not (os.path.isfile(python) and os.access(python, os.X_OK)):
        raise BadInput("python", f"{python} is not an executable file")
    return python


def kernel_pythons() -> list[dict[str, Any]]:
    """Python kernels of this server (from their kernelspecs), for the UI to choose the target environment."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager
    except ImportError:
        return []
    out = []
    for name, spec in KernelSpecManager().get_all_specs().items():
        s = spec.get("spec", {})
        argv = s.get("argv") or []
        if s.get("language", "").lower() != "python" or not argv:
            continue
        exe = argv[0]
        if exe in ("python", "python3"):
            import sys

            exe = sys.executable
        out.append({"name": name, "display_name": s.get("display_name", name), "python": exe})
    return out


def _pick_file(files: list[dict[str, Any]], key: str | None) -> dict[str, Any]:
    if key:
        match = [f for f in files if f["key"] == key]
        if not match:
            raise BadInput("file", f"{key!r} is not a file of this record")
        if not match[0]["key"].endswith(INSTALLABLE):
            raise BadInput("file", f"{key!r} is not a wheel or a source archive ({', '.join(INSTALLABLE)})")
        return match[0]
    for ext in INSTALLABLE:  # a wheel first: no build step
        for f in files:
            if f["key"].endswith(ext):
                return f
    raise EscapeError(
        "this record has no installable file (wheel, zip or tar archive); install from its code repository instead",
        status=409,
    )


def uses_setuptools_scm(archive: Path) -> bool:
    """True when a build file at the top of the project mentions setuptools_scm."""
    name = archive.name
    try:
        if name.endswith(".zip"):
            with zipfile.ZipFile(archive) as zf:
                members = [m for m in zf.namelist() if m.rsplit("/", 1)[-1] in BUILD_FILES and m.count("/") <= 1]
                return any(any(mk in zf.read(m) for mk in SCM_MARKERS) for m in members)
        if name.endswith((".tar.gz", ".tgz", ".tar.bz2")):
            with tarfile.open(archive) as tf:
                for m in tf.getmembers():
                    if m.isfile() and m.name.rsplit("/", 1)[-1] in BUILD_FILES and m.name.count("/") <= 1:
                        member = tf.extractfile(m)  # None only for what is not a regular file, checked above
                        data = member.read() if member is not None else b""
                        if any(mk in data for mk in SCM_MARKERS):
                            return True
    except (zipfile.BadZipFile, tarfile.TarError, OSError):
        return False
    return False


def pretend_version(version: str | None) -> str | None:
    """setuptools_scm wants a PEP 440 version: 'v1.1.0' -> '1.1.0'."""
    if not version:
        return None
    v = version.strip()
    return v[1:] if re.match(r"^[vV]\d", v) else v


async def plan_install(
    client: ZenodoClient,
    recid: str | int,
    python: str,
    cache_dir: str | os.PathLike[str],
    file_key: str | None = None,
    pip_args: list[str] | None = None,
) -> dict[str, Any]:
    """``pip_args``: extra pip options shown in the command, e.g. ["--no-deps"] or ["--target", dir] offline."""
    python = await off_loop("ossr", check_python, python)  # looks at the file
    pip_args = list(pip_args or [])
    if not all(isinstance(a, str) and a for a in pip_args):
        raise BadInput("pip_args", "must be a list of non-empty strings")
    rec = await get_record(client, recid)
    entry = _pick_file(require_files(rec), file_key)
    dest = Path(cache_dir) / file_stem(str(rec["id"]))  # checked digits by get_record; the name still derived
    await off_loop("ossr", dest.mkdir, parents=True, exist_ok=True)
    got = await download_file(client, entry, dest)
    local = Path(got["path"])
    env, notes = {}, []
    scm = not local.name.endswith(".whl") and await off_loop("ossr", uses_setuptools_scm, local)  # reads the archive
    version = (rec.get("metadata") or {}).get("version")
    if scm:
        pv = pretend_version(version)
        if pv:
            env["SETUPTOOLS_SCM_PRETEND_VERSION"] = pv
            notes.append(f"setuptools_scm project released without .git: version pinned to {pv} from the record")
        else:
            notes.append("setuptools_scm project but the record has no version: the build may fail")
    command = [python, "-m", "pip", "install", *pip_args, str(local)]
    line = sh_line(*env.items(), *command)  # the version comes from the record: quoted like every word
    return {
        "plan_id": uuid.uuid4().hex,
        "record_id": rec["id"],
        "doi": rec.get("doi"),
        "file": entry["key"],
        "local_file": str(local),
        "md5_verified": got.get("status") in ("downloaded", "already present"),
        "python": python,
        "command": command,
        "env": env,
        "command_line": line,
        "setuptools_scm": scm,
        "notes": notes,
    }


class InstallStore(JobFiles):
    """Install job files in a private folder (0700, files 0600): ``<state_dir>/ossr/installs/<job_id>.json``."""

    def __init__(self, state_dir: str | os.PathLike[str]) -> None:
        super().__init__(Path(state_dir) / "ossr" / "installs", noun="install job")


def saved_view(record: dict[str, Any]) -> dict[str, Any]:
    """A saved job of a server that stopped while it ran reads "interrupted" (pip may have been stopped anywhere)."""
    return interrupted(record, FINAL, cancellable=False)


class InstallJob:
    def __init__(
        self, plan: dict[str, Any], log: logging.Logger | None = None, store: InstallStore | None = None
    ) -> None:
        self.id = uuid.uuid4().hex[:12]
        self.plan = plan
        self.phase = "starting"  # then "preparing" (pip downloads, builds), "installing" (pip writes), "ended"
        self.lines: deque[str] = deque(maxlen=MAX_OUTPUT_LINES)
        self.dropped = 0
        self.state = "starting"
        self.returncode: int | None = None
        self.started = time.time()
        self.finished: float | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._cancel = threading.Event()
        self._lock = threading.Lock()  # the phase and the decision to stop pip, together
        self._log = log
        self._store = store
        self._saved = 0.0
        self._thread = threading.Thread(target=self._run, name=f"ossr-install-{self.id}", daemon=True)

    def start(self) -> InstallJob:
        self._save()
        self._thread.start()
        return self

    def _save(self, force: bool = True) -> None:
        """Write the job file (in the job's thread or a worker, never on the loop); throttled unless ``force``."""
        if self._store is None or (not force and time.monotonic() - self._saved < 1.0):
            return
        self._saved = time.monotonic()
        try:
            self._store.save(self.record())
        except OSError as exc:
            if self._log:
                self._log.warning("ossr install %s: cannot save its state: %s", self.id, exc)

    def _emit(self, line: str) -> None:
        if len(self.lines) == self.lines.maxlen:
            self.dropped += 1
        self.lines.append(line)
        if self._log:
            self._log.debug("ossr install %s: %s", self.id, line)

    def _run(self) -> None:
        env = {**os.environ, **self.plan["env"], "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PYTHONUNBUFFERED": "1"}
        self._emit("$ " + self.plan["command_line"])
        try:
            self._proc = subprocess.Popen(
                self.plan["command"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                text=True,
                errors="replace",
                start_new_session=True,
            )
        except OSError as exc:
            self._emit(f"cannot start pip: {exc}")
            self.state, self.finished, self.phase = "failed", time.time(), "ended"
            self._save()
            return
        with self._lock:
            self.state, self.phase = "running", "preparing"
            if self._cancel.is_set():  # cancelled while pip was being started
                os.killpg(self._proc.pid, signal.SIGINT)
        self._save()
        assert self._proc.stdout is not None  # stdout=PIPE
        for line in self._proc.stdout:
            if line.startswith(INSTALL_PHASE):
                with self._lock:
                    self.phase = "installing"
                self._save()
            self._emit(line.rstrip("\n"))
            self._save(force=False)
        self.returncode = self._proc.wait()
        self.finished = time.time()
        with self._lock:
            self.phase = "ended"
            if self._cancel.is_set() and self.returncode != 0:
                self.state = "cancelled"
            else:
                self.state = "succeeded" if self.returncode == 0 else "failed"
        self._emit(f"[{self.state}, exit code {self.returncode}]")
        self._save()

    @property
    def cancellable(self) -> bool:
        return self.phase in ("starting", "preparing") and self.state in ("starting", "running")

    def cancel(self) -> None:
        """Stop pip while it downloads or builds (nothing is in the environment yet); refused (409) once it writes
        into the environment. SIGINT first, so pip removes its temporary build folders; then SIGTERM, SIGKILL."""
        with self._lock:
            if self.state in FINAL:
                return
            if self.phase == "installing":
                raise EscapeError(
                    "pip is already writing into the environment: stopping it now would leave a half-installed "
                    "package, so the install runs to its end",
                    status=409,
                )
            self._cancel.set()
            proc = self._proc
            if proc and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGINT)  # its own session (start_new_session): pip and its build steps
        if proc is None:
            return
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                proc.wait(wait)
                return
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    return

    def wait(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def summary(self) -> dict[str, Any]:
        """The job without its output (the list route; the saved record adds the output's tail)."""
        return {
            "job_id": self.id,
            "kind": "ossr-install",
            "state": self.state,
            "phase": self.phase,
            "cancellable": self.cancellable,
            "returncode": self.returncode,
            "record_id": self.plan["record_id"],
            "file": self.plan.get("file"),
            "python": self.plan.get("python"),
            "command_line": self.plan["command_line"],
            "started": self.started,
            "finished": self.finished,
        }

    def record(self) -> dict[str, Any]:
        return {**self.summary(), "output_tail": list(self.lines)[-SAVED_OUTPUT_LINES:]}

    def to_json(self, since: int = 0) -> dict[str, Any]:
        lines = list(self.lines)
        first = self.dropped
        since = max(since, first)
        return {**self.summary(), "output": lines[since - first :], "next": first + len(lines)}


class InstallRegistry:
    """Plans waiting for confirmation (in memory) and jobs of this server, each also saved to its job file."""

    def __init__(self, log: logging.Logger | None = None, state_dir: str | os.PathLike[str] | None = None) -> None:
        self.plans: dict[str, dict[str, Any]] = {}
        self.jobs: dict[str, InstallJob] = {}
        self._log = log
        self.store = InstallStore(state_dir) if state_dir is not None else None

    def list(self) -> list[dict[str, Any]]:
        """Every install job, newest first: this server's, and the saved ones of earlier servers (blocking: reads
        the job files)."""
        out = {r["job_id"]: saved_view(r) for r in (self.store.jobs() if self.store else [])}
        out.update({job_id: job.summary() for job_id, job in self.jobs.items()})
        return sorted(out.values(), key=lambda j: -(j.get("started") or 0))

    def remember(self, plan: dict[str, Any]) -> dict[str, Any]:
        self.plans[plan["plan_id"]] = plan
        return plan

    def run(self, plan_id: str) -> InstallJob:
        plan = self.plans.pop(plan_id, None)
        if plan is None:
            raise BadInput("plan_id", f"no pending install plan {plan_id!r} (plans run once; ask for a new plan)")
        job = InstallJob(plan, self._log, self.store).start()
        self.jobs[job.id] = job
        return job

    def get(self, job_id: str) -> InstallJob:
        job = self.jobs.get(job_id)
        if job is None:
            raise EscapeError(f"install job {job_id!r} does not exist", status=404)
        return job
