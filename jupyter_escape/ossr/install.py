"""Install a record's release into a kernel's Python: plan the exact pip command, then run it on request.

The plan downloads the release file (md5-verified) into a cache folder, looks inside for setuptools_scm (a
release zip has no .git, so setuptools_scm needs SETUPTOOLS_SCM_PRETEND_VERSION) and returns the command for the
user to confirm. Running uses exactly the confirmed plan: a subprocess whose output is kept (bounded) and which can
be cancelled.
"""

from __future__ import annotations

import os
import re
import subprocess
import tarfile
import threading
import time
import uuid
import zipfile
from collections import deque
from pathlib import Path

from ..core.errors import BadInput, EscapeError
from ..core.names import file_stem
from ..core.offloop import off_loop
from ..core.snippets import sh_line
from .client import ZenodoClient
from .records import get_record, require_files
from .transfer import download_file

INSTALLABLE = (".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2")
MAX_OUTPUT_LINES = 5000
SCM_MARKERS = (b"setuptools_scm", b"setuptools-scm")
BUILD_FILES = ("pyproject.toml", "setup.cfg", "setup.py")


def check_python(python: str) -> str:
    if not python or not os.path.isabs(python):
        raise BadInput("python", f"must be the absolute path of a Python executable, got {python!r}")
    if not (os.path.isfile(python) and os.access(python, os.X_OK)):
        raise BadInput("python", f"{python} is not an executable file")
    return python


def kernel_pythons() -> list[dict]:
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


def _pick_file(files: list[dict], key: str | None) -> dict:
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
    recid,
    python: str,
    cache_dir: str | os.PathLike,
    file_key: str | None = None,
    pip_args: list[str] | None = None,
) -> dict:
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


class InstallJob:
    def __init__(self, plan: dict, log=None):
        self.id = uuid.uuid4().hex[:12]
        self.plan = plan
        self.lines: deque[str] = deque(maxlen=MAX_OUTPUT_LINES)
        self.dropped = 0
        self.state = "starting"
        self.returncode: int | None = None
        self.started = time.time()
        self.finished: float | None = None
        self._proc: subprocess.Popen | None = None
        self._cancel = threading.Event()
        self._log = log
        self._thread = threading.Thread(target=self._run, name=f"ossr-install-{self.id}", daemon=True)

    def start(self) -> InstallJob:
        self._thread.start()
        return self

    def _emit(self, line: str):
        if len(self.lines) == self.lines.maxlen:
            self.dropped += 1
        self.lines.append(line)
        if self._log:
            self._log.debug("ossr install %s: %s", self.id, line)

    def _run(self):
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
            self.state, self.finished = "failed", time.time()
            return
        self.state = "running"
        assert self._proc.stdout is not None  # stdout=PIPE
        for line in self._proc.stdout:
            self._emit(line.rstrip("\n"))
        self.returncode = self._proc.wait()
        self.finished = time.time()
        if self._cancel.is_set():
            self.state = "cancelled"
        else:
            self.state = "succeeded" if self.returncode == 0 else "failed"
        self._emit(f"[{self.state}, exit code {self.returncode}]")

    def cancel(self) -> None:
        self._cancel.set()
        proc = self._proc
        if proc and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()

    def wait(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def to_json(self, since: int = 0) -> dict:
        lines = list(self.lines)
        first = self.dropped
        since = max(since, first)
        return {
            "job_id": self.id,
            "state": self.state,
            "returncode": self.returncode,
            "record_id": self.plan["record_id"],
            "command_line": self.plan["command_line"],
            "started": self.started,
            "finished": self.finished,
            "output": lines[since - first :],
            "next": first + len(lines),
        }


class InstallRegistry:
    """Plans waiting for confirmation and jobs that ran; in memory, per server."""

    def __init__(self, log=None):
        self.plans: dict[str, dict] = {}
        self.jobs: dict[str, InstallJob] = {}
        self._log = log

    def remember(self, plan: dict) -> dict:
        self.plans[plan["plan_id"]] = plan
        return plan

    def run(self, plan_id: str) -> InstallJob:
        plan = self.plans.pop(plan_id, None)
        if plan is None:
            raise BadInput("plan_id", f"no pending install plan {plan_id!r} (plans run once; ask for a new plan)")
        job = InstallJob(plan, self._log).start()
        self.jobs[job.id] = job
        return job

    def get(self, job_id: str) -> InstallJob:
        job = self.jobs.get(job_id)
        if job is None:
            raise EscapeError(f"install job {job_id!r} does not exist", status=404)
        return job
