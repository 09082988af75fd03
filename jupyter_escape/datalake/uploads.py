"""Uploading a file from the workspace back to the data lake: to an RSE, into a scope, optionally attached to a
dataset (created if missing), with metadata and a rule lifetime; progress and a log per job; the stored replica's
checksum is read back from the storage and compared with the local file and with what Rucio registered.

Bytes go straight to the storage door (https PUT, or a copy on a local file door), replicas are registered through
Rucio's REST API: no gfal2, no UploadClient.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpx

from ..core.errors import BadInput, EscapeError
from ..core.paths import confine
from . import browse
from .dids import check_scope, did_str, parse_did
from .jobstore import ACTIVE, JobStore, log
from .rest import q
from .stage import storage_client
from .transfer import CHUNK, Cancelled, Checksums

VALID_META = (str, int, float, bool)


def checksum_file(path: Path) -> dict:
    sums = Checksums(want_md5=True)
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            sums.update(chunk)
            size += len(chunk)
    return {"bytes": size, "adler32": sums.adler32(), "md5": sums.md5.hexdigest()}


class Uploader:
    def __init__(self, store: JobStore, session_for, root_dir: str):
        self.store = store
        self.session_for = session_for
        self.root_dir = root_dir
        self._threads: dict[str, threading.Thread] = {}
        self._cancel: dict[str, threading.Event] = {}

    def upload(self, instance: str | None, path: str, rse: str, scope: str, *, name: str | None = None,
               dataset: str | None = None, metadata: dict | None = None, lifetime: int | None = None) -> dict:
        """Validate, then start an upload job; returns the job view."""
        local = confine(self.root_dir, path)
        if not local.is_file():
            raise BadInput("path", f"{path!r} is not a file under the server root")
        check_scope(scope)
        name = name or local.name
        parse_did(f"{scope}:{name}", "name")
        if dataset:
            parse_did(dataset, "dataset")
        if not rse or not isinstance(rse, str):
            raise BadInput("rse", "missing")
        meta = metadata or {}
        if not isinstance(meta, dict) or any(not isinstance(v, VALID_META) for v in meta.values()):
            raise BadInput("metadata", "expected an object of string/number/boolean values")
        if lifetime is not None and (not isinstance(lifetime, int) or lifetime <= 0):
            raise BadInput("lifetime", "seconds, a positive integer (or leave it out for no expiry)")
        inst, _ = self.session_for(instance)
        job = {"id": uuid.uuid4().hex[:12], "kind": "upload", "instance": inst.name, "did": did_str(scope, name),
               "path": str(local), "rse": rse, "dataset": dataset, "metadata": meta, "lifetime": lifetime,
               "state": "queued", "created_at": time.time(), "bytes_total": local.stat().st_size, "bytes_done": 0,
               "error": None, "log": []}
        log(job, f"upload of {path} to {rse} as {job['did']} requested")
        self.store.add(job)
        self._start(job)
        return self.view(job)

    def _start(self, job: dict) -> None:
        self._cancel[job["id"]] = threading.Event()
        thread = threading.Thread(target=self._guard, args=(job,), name=f"escape-up-{job['id']}", daemon=True)
        self._threads[job["id"]] = thread
        thread.start()

    def cancel(self, job_id: str) -> dict:
        """Stop a queued or running upload. Bytes already sent are deleted from the storage and nothing is
        registered in Rucio for them; a replica registered before the cancel is complete (all its bytes stored),
        so resume finishes the remaining steps (rule, metadata, dataset, read-back)."""
        job = self._job(job_id)
        event = self._cancel.get(job_id)
        thread = self._threads.get(job_id)
        if job["state"] in ACTIVE and event is not None and thread is not None and thread.is_alive():
            event.set()
            log(job, "cancel requested")
        elif job["state"] in ACTIVE:
            job.update(state="cancelled", resumable=True, finished_at=time.time())
            log(job, "cancelled")
            self.store.save(force=True)
        return self.view(job)

    def resume(self, job_id: str) -> dict:
        """Retry a cancelled, failed or interrupted upload: steps already done are recognised (a file registered
        with the same checksum is not sent again, an existing rule or attachment is kept); a transfer that did not
        complete starts over (storage doors take whole PUTs)."""
        job = self._job(job_id)
        if job["state"] in ACTIVE or job["state"] == "done":
            return self.view(job)
        if not Path(job["path"]).is_file():
            raise EscapeError(f"job: the local file {job['path']} is gone; start a new upload", status=409)
        job.update(state="queued", error=None, resumable=False, bytes_done=0, finished_at=None,
                   bytes_total=Path(job["path"]).stat().st_size)
        log(job, "resumed")
        self.store.save(force=True)
        self._start(job)
        return self.view(job)

    def wait(self, job_id: str, timeout: float | None = None) -> dict:
        thread = self._threads.get(job_id)
        if thread is not None:
            thread.join(timeout)
        return self.view(self._job(job_id))

    def jobs(self) -> list[dict]:
        return [self.view(j, brief=True) for j in self.store.list() if j.get("kind") == "upload"]

    def view(self, job: dict, brief: bool = False) -> dict:
        out = {k: v for k, v in job.items() if not (brief and k == "log")}
        total = job.get("bytes_total") or 0
        out["progress"] = (job.get("bytes_done", 0) / total) if total else (1.0 if job["state"] == "done" else 0.0)
        return out

    def _job(self, job_id: str) -> dict:
        job = self.store.get(job_id)
        if job is None or job.get("kind") != "upload":
            raise EscapeError(f"job: no upload job with id {job_id!r}", status=404)
        return job

    def get(self, job_id: str) -> dict:
        return self.view(self._job(job_id))

    def _guard(self, job: dict) -> None:
        job["state"] = "running"
        job["started_at"] = time.time()
        try:
            self._run(job)
            job["state"], job["resumable"] = "done", False
        except Cancelled:
            job["state"], job["resumable"] = "cancelled", True
            log(job, "cancelled" + ("; the replica is registered complete, resume finishes the remaining steps"
                                    if job.get("registered") else "; nothing registered in Rucio"))
        except EscapeError as exc:
            job["state"], job["error"], job["resumable"] = "failed", str(exc), True
            log(job, f"failed: {exc}")
        except Exception as exc:  # noqa: BLE001 - reported in the job
            job["state"], job["error"], job["resumable"] = "failed", f"{exc.__class__.__name__}: {exc}", True
            log(job, f"failed: {job['error']}")
        finally:
            job["finished_at"] = time.time()
            self.store.save(force=True)

    def _run(self, job: dict) -> None:
        inst, s = self.session_for(job["instance"])
        scope, name = parse_did(job["did"])
        rse = job["rse"]
        local = Path(job["path"])
        cancel = self._cancel[job["id"]]

        def step() -> None:
            if cancel.is_set():
                raise Cancelled()

        sums = checksum_file(local)
        job["checksums"] = {"local": sums}
        log(job, f"local file: {sums['bytes']} bytes, adler32 {sums['adler32']}, md5 {sums['md5']}")
        # Quota first, so nothing is written that Rucio would refuse to keep.
        usage = browse.account_usage(s)
        row = next((r for r in usage["rses"] if r["rse"] == rse), None)
        if row is None or row.get("bytes_remaining") is None:
            raise EscapeError(f"quota: account {usage['account']} has no quota on {rse}", status=409,
                              service=inst.service)
        if row["bytes_remaining"] < sums["bytes"]:
            raise EscapeError(f"quota exceeded: {rse} has {row['bytes_remaining']} bytes left for account "
                              f"{usage['account']} (limit {row['bytes_limit']}), the file needs {sums['bytes']}",
                              status=409, service=inst.service)
        try:
            existing = browse.get_did(s, scope, name)
        except EscapeError as exc:
            if exc.status != 404:
                raise
            existing = None
        if existing is not None:
            if existing.get("adler32") != sums["adler32"]:
                raise EscapeError(f"{job['did']} already exists in Rucio with other content (adler32 "
                                  f"{existing.get('adler32')}); choose another name", status=409, service=inst.service)
            log(job, f"{job['did']} is already registered with the same checksum: not uploading the bytes again")
            job["registered"] = True
        else:
            step()
            pfns = s.json("GET", f"/rses/{q(rse)}/lfns2pfns", f"PFN on {rse}",
                          params={"lfn": f"{scope}:{name}", "scheme": "https", "operation": "write"})
            pfn = pfns[f"{scope}:{name}"]
            job["pfn"] = pfn
            try:
                self._put(inst, job, local, pfn, cancel)
                step()  # a cancel that came as the last byte went: still nothing to register
            except Cancelled:
                self._delete_stored(inst, job, pfn)
                raise
            log(job, f"stored at {pfn}")
            s.json("POST", "/replicas/", f"register {job['did']} on {rse}",
                   content=json.dumps({"rse": rse, "files": [{"scope": scope, "name": name, "bytes": sums["bytes"],
                                                              "adler32": sums["adler32"], "md5": sums["md5"]}],
                                       }))
            job["registered"] = True
            log(job, f"replica registered on {rse}")
        step()
        rule = {"dids": [{"scope": scope, "name": name}], "copies": 1, "rse_expression": rse,
                "account": inst.account or usage["account"], "comment": "jupyter-escape upload"}
        if job.get("lifetime"):
            rule["lifetime"] = job["lifetime"]
        try:
            job["rule_id"] = s.json("POST", "/rules/", f"rule for {job['did']}", content=json.dumps(rule))[0]
            log(job, f"rule {job['rule_id']} on {rse}" + (f", lifetime {job['lifetime']} s" if job.get("lifetime") else ""))
        except EscapeError as exc:
            if "DuplicateRule" not in exc.message:
                raise
            log(job, "a rule for this file on this RSE already exists")
        step()
        if job.get("metadata"):
            s.json("POST", f"/dids/{q(scope)}/{q(name)}/meta", f"metadata of {job['did']}",
                   content=json.dumps({"meta": job["metadata"]}))
            log(job, f"metadata set: {', '.join(sorted(job['metadata']))}")
        if job.get("dataset"):
            step()
            self._attach(s, job, scope, name)
        step()
        self._confirm(inst, s, job, scope, name, rse, sums)

    def _put(self, inst, job: dict, local: Path, pfn: str, cancel: threading.Event) -> None:
        parsed = urlparse(pfn)
        if parsed.scheme == "file":
            target = Path(unquote(parsed.path))
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(local, "rb") as src, open(target, "wb") as out:
                while chunk := src.read(CHUNK):
                    if cancel.is_set():
                        raise Cancelled()
                    out.write(chunk)
                    job["bytes_done"] += len(chunk)
            return
        url = pfn.replace("davs://", "https://", 1)

        def body():
            with open(local, "rb") as fh:
                while chunk := fh.read(CHUNK):
                    if cancel.is_set():
                        raise Cancelled()  # aborts the PUT: the storage gets a short body it does not keep whole
                    job["bytes_done"] += len(chunk)
                    yield chunk

        with storage_client(inst, parallel=1) as client:
            for attempt in (1, 2):
                job["bytes_done"] = 0
                try:
                    response = client.put(url, content=body(),
                                          headers={"Content-Length": str(local.stat().st_size)})
                except httpx.HTTPError as exc:
                    raise EscapeError(f"PUT {url}: {exc}", status=502, service=inst.service)
                if response.status_code == 409 and attempt == 1:
                    self._mkcol_parents(client, url)  # plain WebDAV servers need the folders first
                    continue
                if response.status_code >= 300:
                    raise EscapeError(f"PUT {url}: HTTP {response.status_code} {response.text[:300]}", status=502,
                                      service=inst.service)
                return

    def _delete_stored(self, inst, job: dict, pfn: str) -> None:
        """Remove what a cancelled transfer left on the storage (a short or whole file nobody registered)."""
        parsed = urlparse(pfn)
        try:
            if parsed.scheme == "file":
                Path(unquote(parsed.path)).unlink(missing_ok=True)
            else:
                with storage_client(inst, parallel=1) as client:
                    response = client.delete(pfn.replace("davs://", "https://", 1))
                if response.status_code not in (200, 202, 204, 404):
                    log(job, f"could not delete the partial file {pfn}: HTTP {response.status_code}")
                    return
            log(job, f"deleted the partial file {pfn} from the storage")
        except (OSError, httpx.HTTPError) as exc:
            log(job, f"could not delete the partial file {pfn}: {exc}")

    @staticmethod
    def _mkcol_parents(client: httpx.Client, url: str) -> None:
        parsed = urlparse(url)
        parts = parsed.path.strip("/").split("/")[:-1]
        for i in range(1, len(parts) + 1):
            client.request("MKCOL", f"{parsed.scheme}://{parsed.netloc}/" + "/".join(parts[:i]) + "/")

    def _attach(self, s, job: dict, scope: str, name: str) -> None:
        dscope, dname = parse_did(job["dataset"], "dataset")
        try:
            browse.get_did(s, dscope, dname)
        except EscapeError as exc:
            if exc.status != 404:
                raise
            s.json("POST", f"/dids/{q(dscope)}/{q(dname)}", f"create dataset {job['dataset']}",
                   content=json.dumps({"type": "DATASET"}))
            log(job, f"created dataset {job['dataset']}")
        try:
            s.json("POST", f"/dids/{q(dscope)}/{q(dname)}/dids", f"attach to {job['dataset']}",
                   content=json.dumps({"dids": [{"scope": scope, "name": name}]}))
            log(job, f"attached to {job['dataset']}")
            browse.LISTINGS.clear()  # the dataset's cached pages are stale now
        except EscapeError as exc:
            if "already" not in exc.message.lower() and "Duplicate" not in exc.message:
                raise
            log(job, f"already attached to {job['dataset']}")

    def _confirm(self, inst, s, job: dict, scope: str, name: str, rse: str, sums: dict) -> None:
        """Read the stored bytes back and compare checksums: local file, storage, Rucio's catalogue."""
        reps = browse.file_replicas(s, [(scope, name)], schemes=["https", "davs", "file"], rse_expression=rse)
        registered = reps[0] if reps else {}
        pfns = (registered.get("rses") or {}).get(rse) or [job.get("pfn")]
        pfn = pfns[0]
        stored = Checksums(False)
        size = 0
        if pfn.startswith("file:"):
            with open(unquote(urlparse(pfn).path), "rb") as fh:
                while chunk := fh.read(CHUNK):
                    stored.update(chunk)
                    size += len(chunk)
        else:
            with storage_client(inst, parallel=1) as client, \
                    client.stream("GET", pfn.replace("davs://", "https://", 1)) as response:
                if response.status_code != 200:
                    raise EscapeError(f"read-back of {pfn}: HTTP {response.status_code}", status=502,
                                      service=inst.service)
                for chunk in response.iter_bytes(CHUNK):
                    stored.update(chunk)
                    size += len(chunk)
        job["checksums"]["storage"] = {"bytes": size, "adler32": stored.adler32()}
        job["checksums"]["rucio"] = {"bytes": registered.get("bytes"), "adler32": registered.get("adler32")}
        ok = stored.adler32() == sums["adler32"] == registered.get("adler32") and size == sums["bytes"]
        job["verified"] = ok
        if not ok:
            raise EscapeError(f"checksum mismatch after upload: local {sums['adler32']}, storage "
                              f"{stored.adler32()}, Rucio {registered.get('adler32')}", status=502,
                              service=inst.service)
        log(job, f"confirmed: the stored replica's adler32 {stored.adler32()} matches the local file and Rucio")
