"""Staging DIDs for notebooks.

Download mode: the DID's files are downloaded in parallel into ``<server root>/<workspace_dir>/<scope>/<name>``
straight from the storage (replica PFNs from Rucio; https or a local file door), with per-file and overall
progress, cancel, resume (HTTP Range, continuing ``.part`` files), adler32/md5 verification and a rename only once
verified. Replica mode: a rule with a lifetime to the instance's ``destination_rse`` (storage mounted next to the
notebook server), followed until OK, and local paths derived from the mount mapping.

Jobs are kept in a JobStore in the private state folder: after a restart, running jobs are listed as
interrupted and can be resumed. Two requests for the same DID (two tabs) join the same active job.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import httpx
from rucio.client import Client

from ..config import read_secret
from ..core import freshness
from ..core.errors import BadInput, EscapeError
from ..core.http import USER_AGENT, make_sync_client
from ..core.paths import confine
from . import browse
from .dids import did_str, parse_did
from .instances import Instance
from .jobstore import ACTIVE, JobStore, log
from .rucio_client import RucioSession
from .transfer import Cancelled, fetch_file, free_bytes, local_file_matches, part_path

PARALLEL_FILES = 4
DISK_MARGIN = 64 * 1024 * 1024
RULE_POLL_MAX = 15.0
RULE_CREATE_TRIES = 4


def storage_client(inst: Instance, tokens: object = None, parallel: int = PARALLEL_FILES) -> httpx.Client:
    """An https client for storage doors, with the credentials the instance uses (proxy/cert, or the OIDC token)."""
    cert = None
    headers = {"User-Agent": USER_AGENT}
    if inst.auth_type == "x509":
        cert = (os.path.expanduser(inst.get("certificate")), os.path.expanduser(inst.get("key")))
    elif inst.auth_type == "x509_proxy":
        proxy = os.path.expanduser(inst.get("proxy") or os.environ.get("X509_USER_PROXY", ""))
        cert = (proxy, proxy)
    elif inst.auth_type == "oidc":
        token = read_secret(inst.get("oidc_token_file"), inst.get("oidc_token_env"))
        if token:
            headers["Authorization"] = f"Bearer {token}"
    return make_sync_client(
        verify=inst.verify,
        cert=cert,
        headers=headers,
        follow_redirects=True,
        timeout=httpx.Timeout(60.0, connect=10.0),
        limits=httpx.Limits(max_connections=parallel, max_keepalive_connections=parallel),
    )


def order_pfns(pfns: list[str], allow_local: bool) -> list[str]:
    """Local file doors first when the file is readable here (a plain copy), then https."""
    local = [p for p in pfns if p.startswith("file:") and allow_local and os.access(unquote(urlparse(p).path), os.R_OK)]
    remote = [p for p in pfns if p.split(":", 1)[0] in ("https", "davs", "http")]
    return local + remote


def mount_path(inst: Instance, pfn: str) -> Path:
    """Where a replica on the mounted RSE appears on this host: ``rse_mount_path`` joined with the PFN path minus
    its first ``path_begins_at`` components (rucio-jupyterlab's convention)."""
    mount = inst.get("rse_mount_path")
    if not mount:
        raise EscapeError(
            "replica mode needs 'rse_mount_path' in the instance configuration", status=400, service=inst.service
        )
    parts = [p for p in unquote(urlparse(pfn).path).split("/") if p]
    skip = int(inst.get("path_begins_at", 0) or 0)
    return Path(os.path.expanduser(mount)).joinpath(*parts[skip:])


class Stager:
    def __init__(
        self,
        store: JobStore,
        session_for: Callable[[str | None], tuple[Instance, RucioSession]],
        root_dir: str,
        workspace_dir: str,
        parallel: int = PARALLEL_FILES,
    ) -> None:
        self.store = store
        self.session_for = session_for  # (instance name) -> (Instance, RucioSession)
        self.root_dir = root_dir
        self.workspace_dir = workspace_dir
        self.parallel = parallel
        self._cancel: dict[str, threading.Event] = {}
        self._threads: dict[str, threading.Thread] = {}

    # ---------------------------------------------------------------------------------------------- public
    def workspace(self) -> Path:
        return confine(self.root_dir, self.workspace_dir)

    def stage(self, instance: str | None, did: str, mode: str = "download") -> dict[str, Any]:
        """Start staging ``did``, or join the job already staging it; returns the job view."""
        scope, name = parse_did(did)
        if mode not in ("download", "replica"):
            raise BadInput("mode", f"{mode!r} is not 'download' or 'replica'")
        inst, s = self.session_for(instance)
        key = f"{inst.name}|{mode}|{did_str(scope, name)}"
        joined = self._join(key)
        if joined is not None:
            return joined
        # Rucio down: the documented 502 now, rather than a 201 with a job that has already failed.
        browse.whoami(s)
        with self.store.lock:
            joined = self._join(key)  # another tab may have started it meanwhile
            if joined is not None:
                return joined
            job = {
                "id": uuid.uuid4().hex[:12],
                "key": key,
                "kind": "stage",
                "mode": mode,
                "instance": inst.name,
                "did": did_str(scope, name),
                "state": "queued",
                "created_at": time.time(),
                "files": [],
                "bytes_total": None,
                "bytes_done": 0,
                "error": None,
                "resumable": False,
                "log": [],
            }
            log(job, f"{mode} of {job['did']} requested")
            self.store.add(job)
        self._start(job)
        return self.view(job)

    def _join(self, key: str) -> dict[str, Any] | None:
        with self.store.lock:
            for job in self.store.jobs.values():
                if job.get("key") == key and job.get("state") in ACTIVE:
                    job["joined"] = job.get("joined", 0) + 1
                    return self.view(job)
        return None

    def resume(self, job_id: str) -> dict[str, Any]:
        job = self._job(job_id)
        if job["state"] in ACTIVE:
            return self.view(job)
        job.update(state="queued", error=None, resumable=False)
        log(job, "resumed")
        self.store.save(force=True)
        self._start(job)
        return self.view(job)

    def cancel(self, job_id: str) -> dict[str, Any]:
        job = self._job(job_id)
        event = self._cancel.get(job_id)
        if event is not None and job["state"] in ACTIVE:
            event.set()
            log(job, "cancel requested")
        elif job["state"] in ACTIVE:
            job["state"] = "cancelled"
        return self.view(job)

    def remove(self, job_id: str) -> None:
        job = self._job(job_id)
        if job["state"] in ACTIVE:
            raise EscapeError("job: cancel it before removing it", status=409)
        self.store.remove(job_id)

    def wait(self, job_id: str, timeout: float | None = None) -> dict[str, Any]:
        thread = self._threads.get(job_id)
        if thread is not None:
            thread.join(timeout)
        return self.view(self._job(job_id))

    def jobs(self) -> list[dict[str, Any]]:
        return [self.view(j, brief=True) for j in self.store.list() if j.get("kind") == "stage"]

    def get(self, job_id: str) -> dict[str, Any]:
        return self.view(self._job(job_id))

    def view(self, job: dict[str, Any], brief: bool = False) -> dict[str, Any]:
        out = {k: v for k, v in job.items() if k not in ("key", "files", "log")}
        files = job.get("files", [])
        out["relpath"] = self.relpath(job.get("path"))
        out["files_total"] = len(files)
        out["files_done"] = sum(1 for f in files if f.get("state") == "done")
        total = job.get("bytes_total")
        out["progress"] = (job.get("bytes_done", 0) / total) if total else (1.0 if job["state"] == "done" else 0.0)
        if not brief:
            out["files"] = [{**f, "relpath": self.relpath(f.get("path"))} for f in files]
            out["log"] = list(job.get("log", []))
        return out

    def relpath(self, path: str | None) -> str | None:
        """``path`` relative to the server root (what the file browser and contents API use), or None outside it
        (e.g. replica mode's mount)."""
        if not path:
            return None
        try:
            rel = Path(os.path.realpath(path)).relative_to(os.path.realpath(self.root_dir))
        except ValueError:
            return None
        return rel.as_posix()

    def find_done(self, instance: str, did: str) -> dict[str, Any] | None:
        """The newest finished job that staged ``did`` (any mode) whose files are all still in place."""
        for job in self.store.list():
            if (
                job.get("kind") == "stage"
                and job.get("instance") == instance
                and job.get("did") == did
                and job.get("state") == "done"
                and all(Path(f["path"]).is_file() for f in job.get("files", []) if f.get("path"))
            ):
                return job
        return None

    # --------------------------------------------------------------------------------------------- workers
    def _job(self, job_id: str) -> dict[str, Any]:
        job = self.store.get(job_id)
        if job is None or job.get("kind") != "stage":
            raise EscapeError(f"job: no staging job with id {job_id!r}", status=404)
        return job

    def _start(self, job: dict[str, Any]) -> None:
        self._cancel[job["id"]] = threading.Event()
        target = self._run_download if job["mode"] == "download" else self._run_replica
        thread = threading.Thread(target=self._guard, args=(target, job), name=f"escape-stage-{job['id']}", daemon=True)
        self._threads[job["id"]] = thread
        thread.start()

    def _guard(self, target: Callable[[dict[str, Any]], object], job: dict[str, Any]) -> None:
        job["state"] = "running"
        job["started_at"] = time.time()
        freshness.confirmed(job, "running")
        try:
            target(job)
            freshness.confirmed(job, job["state"])
        except Cancelled:
            job["state"] = "cancelled"
            job["resumable"] = True
            log(job, "cancelled; partial files are kept so the job can be resumed")
        except EscapeError as exc:
            job["state"] = "failed"
            job["error"] = str(exc)
            job["resumable"] = True
            log(job, f"failed: {exc}")
            if freshness.is_unreachable(exc):  # the service did not answer (not: it answered "failed")
                freshness.unreachable(job, exc.service, "failed", exc.message)
        except Exception as exc:
            job["state"] = "failed"
            job["error"] = f"{exc.__class__.__name__}: {exc}"
            job["resumable"] = True
            log(job, f"failed: {job['error']}")
        finally:
            job["finished_at"] = time.time()
            self.store.save(force=True)

    def _resolve_files(
        self, s: RucioSession, inst: Instance, scope: str, name: str, schemes: list[str]
    ) -> list[dict[str, Any]]:
        reps = browse.file_replicas(s, [(scope, name)], schemes=schemes)
        if not reps:
            raise EscapeError(
                f"{did_str(scope, name)} has no files with available replicas", status=404, service=inst.service
            )
        return reps

    def _run_download(self, job: dict[str, Any]) -> None:
        inst, s = self.session_for(job["instance"])
        scope, name = parse_did(job["did"])
        cancel = self._cancel[job["id"]]
        reps = self._resolve_files(s, inst, scope, name, ["file", "https", "davs"])
        workspace = self.workspace()
        previous = {f["did"]: f for f in job.get("files", [])}
        files = []
        for r in reps:
            target = confine(workspace, f"{r['scope']}/{r['name']}")
            pfns = [p for rse_pfns in r["rses"].values() for p in rse_pfns]
            old = previous.get(r["did"], {})
            files.append(
                {
                    "did": r["did"],
                    "name": r["name"],
                    "bytes": r["bytes"],
                    "adler32": r["adler32"],
                    "md5": r["md5"],
                    "path": str(target),
                    "pfns": order_pfns(pfns, inst.get("allow_local_replicas", True)),
                    "state": "done" if old.get("state") == "done" and target.is_file() else "queued",
                    "done_bytes": old.get("done_bytes", 0),
                    "how": old.get("how"),
                    "error": None,
                }
            )
        job["files"] = files
        job["bytes_total"] = sum(f["bytes"] or 0 for f in files)
        job["path"] = str(confine(workspace, scope))
        log(job, f"{len(files)} files, {job['bytes_total']} bytes")
        # Disk space first: what is still missing must fit, with a margin.
        missing = 0
        for f in files:
            target = Path(f["path"])
            if f["state"] == "done":
                continue
            if local_file_matches(target, f["bytes"], f["adler32"]):
                f.update(state="done", done_bytes=f["bytes"] or 0, how="already staged")
                continue
            part = part_path(target)
            missing += (f["bytes"] or 0) - (part.stat().st_size if part.exists() else 0)
        free = free_bytes(workspace)
        if missing + DISK_MARGIN > free:
            raise EscapeError(
                f"not enough disk space in {workspace}: {missing} bytes to download, {free} free", status=507
            )
        self._update_bytes(job)
        with (
            storage_client(inst, parallel=self.parallel) as client,
            ThreadPoolExecutor(self.parallel, thread_name_prefix=f"escape-dl-{job['id']}") as pool,
        ):
            futures = [pool.submit(self._one_file, job, f, client, cancel) for f in files if f["state"] != "done"]
            for fut in futures:
                fut.result()
        if cancel.is_set():
            raise Cancelled()
        failed = [f for f in files if f["state"] != "done"]
        self._update_bytes(job)
        if failed:
            raise EscapeError(
                f"{len(failed)} of {len(files)} files failed, first: {failed[0]['name']}: {failed[0]['error']}",
                status=502,
                service=inst.service,
            )
        job["state"] = "done"
        job["resumable"] = False
        log(job, f"done: {len(files)} files verified in {job['path']}")

    def _update_bytes(self, job: dict[str, Any]) -> None:
        job["bytes_done"] = sum(f.get("done_bytes", 0) for f in job["files"])
        self.store.save()

    def _one_file(self, job: dict[str, Any], f: dict[str, Any], client: httpx.Client, cancel: threading.Event) -> None:
        if cancel.is_set():
            return
        f["state"] = "running"
        errors = []

        def progress(n: int) -> None:
            f["done_bytes"] = n
            self._update_bytes(job)

        for pfn in f["pfns"]:
            try:
                f["how"] = fetch_file(
                    pfn,
                    Path(f["path"]),
                    size=f["bytes"],
                    adler32=f["adler32"],
                    md5=f["md5"],
                    client=client,
                    progress=progress,
                    cancel=cancel,
                )
                f["state"], f["error"], f["source"] = "done", None, pfn
                log(job, f"{f['name']}: {f['how']} and verified from {urlparse(pfn).scheme}")
                return
            except Cancelled:
                f["state"] = "cancelled"
                return
            except (EscapeError, httpx.HTTPError, OSError) as exc:
                errors.append(f"{pfn}: {exc}")
        f["state"] = "failed"
        f["error"] = "; ".join(errors) or "no usable replica (https or local file)"
        log(job, f"{f['name']}: failed: {f['error']}")

    # -------------------------------------------------------------------------------------------- replica

    def _create_rule(self, s: RucioSession, job: dict[str, Any], body: dict[str, Any], rse: str) -> str:
        """POST the rule; Rucio answers ReplicationRuleCreationTemporaryFailed when another account's rule for the
        same files on the same RSE is being created at that moment (both insert the replicas: seen with two hub
        users staging one dataset at once). As its name says, it is worth trying again, a few times."""
        delay = 1.0
        for attempt in range(1, RULE_CREATE_TRIES + 1):
            try:
                rule_id: str = s.call(f"rule for {job['did']} on {rse}", Client.add_replication_rule, **body)[0]
                return rule_id
            except EscapeError as exc:
                if "ReplicationRuleCreationTemporaryFailed" not in str(exc) or attempt == RULE_CREATE_TRIES:
                    raise
                log(job, f"rule creation on {rse} failed for now ({attempt}/{RULE_CREATE_TRIES}), retrying")
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _run_replica(self, job: dict[str, Any]) -> None:
        inst, s = self.session_for(job["instance"])
        scope, name = parse_did(job["did"])
        rse = inst.get("destination_rse")
        if not rse:
            raise EscapeError(
                "replica mode needs 'destination_rse' in the instance configuration", status=400, service=inst.service
            )
        cancel = self._cancel[job["id"]]
        account = inst.account or browse.whoami(s).get("account")
        rule_id = job.get("rule_id")
        if not rule_id:
            for rule in browse.rules(s, scope, name):
                if rule["rse_expression"] == rse and rule["account"] == account:
                    rule_id = rule["id"]
                    log(job, f"reusing rule {rule_id} on {rse}")
                    break
        if not rule_id:
            lifetime = int(inst.get("replication_rule_lifetime_days", 7)) * 86400
            body = {
                "dids": [{"scope": scope, "name": name}],
                "copies": 1,
                "rse_expression": rse,
                "lifetime": lifetime,
                "account": account,
                "comment": "jupyter-escape replica mode",
            }
            rule_id = self._create_rule(s, job, body, rse)
            log(job, f"created rule {rule_id} on {rse} (lifetime {lifetime // 86400} days)")
        job["rule_id"] = rule_id
        self.store.save(force=True)
        delay = 1.0
        while True:
            try:
                rule = browse.rule_view(s.call(f"rule {rule_id}", Client.get_replication_rule, rule_id))
            except EscapeError as exc:
                if not freshness.is_unreachable(exc):
                    raise
                # Rucio down while the rule is followed: keep following it, and say since when its state (the
                # last one Rucio gave) is unconfirmed.
                state = (job.get("rule") or {}).get("state") or "rule requested"
                if not (job.get("freshness") or {}).get("unreachable_since"):
                    log(job, f"cannot reach {exc.service}; still following rule {rule_id}")
                freshness.unreachable(job, exc.service, f"rule {state}", exc.message)
                self.store.save()
                if cancel.wait(RULE_POLL_MAX):
                    raise Cancelled() from None
                continue
            freshness.confirmed(job, f"rule {rule['state']}")
            job["rule"] = rule
            total = sum(rule["locks"].values())
            job["bytes_total"], job["bytes_done"] = total, rule["locks"]["ok"]  # progress in files for rules
            self.store.save()
            if rule["state"] == "OK":
                break
            if rule["state"] in ("STUCK", "SUSPENDED"):
                raise EscapeError(
                    f"rule {rule_id} is {rule['state']}: {rule.get('error') or 'no reason given'}",
                    status=502,
                    service=inst.service,
                )
            if cancel.wait(delay):
                raise Cancelled()
            delay = min(delay * 1.5, RULE_POLL_MAX)
        reps = browse.file_replicas(s, [(scope, name)], schemes=["https", "davs", "file", "root"], rse_expression=rse)
        files = []
        for r in reps:
            pfns = r["rses"].get(rse) or []
            path = mount_path(inst, pfns[0]) if pfns else None
            files.append(
                {
                    "did": r["did"],
                    "name": r["name"],
                    "bytes": r["bytes"],
                    "adler32": r["adler32"],
                    "path": str(path) if path else None,
                    "pfn": pfns[0] if pfns else None,
                    "state": "done" if path and path.is_file() else "missing",
                    "done_bytes": r["bytes"],
                }
            )
        job["files"] = files
        missing = [f for f in files if f["state"] != "done"]
        if missing:
            raise EscapeError(
                f"rule is OK but {len(missing)} files are not visible under the mount "
                f"{inst.get('rse_mount_path')} (first: {missing[0]['path']}); check "
                f"rse_mount_path/path_begins_at",
                status=502,
                service=inst.service,
            )
        job["state"] = "done"
        log(job, f"done: {len(files)} files available on {rse}, mounted at {inst.get('rse_mount_path')}")
