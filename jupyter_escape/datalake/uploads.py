"""Uploading a file from the workspace back to the data lake: to an RSE, into a scope, optionally attached to a
dataset (created if missing), with metadata and a rule lifetime; progress and a log per job; the stored replica's
checksum is read back from the storage and compared with the local file and with what Rucio registered.

Bytes go straight to the storage door (storage.py: https PUT under a temporary name then MOVE, or a copy on a local
file door); the PFN, the replica, the rule, the metadata and the dataset go through rucio-clients' Client. Not
rucio-clients' UploadClient for the bytes: it needs gfal2 or a protocol plugin per door, and has no resumable
temporary-name-then-rename the upload jobs rely on (docs/architecture.md).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rucio.client import Client

from ..core import freshness
from ..core.errors import BadInput, EscapeError
from ..core.paths import confine
from . import browse
from .dids import check_scope, did_str, parse_did
from .jobstore import ACTIVE, JobStore, log
from .storage import Door, temp_pfn
from .transfer import CHUNK, Cancelled, Checksums

if TYPE_CHECKING:
    from .instances import Instance
    from .rucio_client import RucioSession

VALID_META = (str, int, float, bool)


def checksum_file(path: Path) -> dict[str, Any]:
    sums = Checksums(want_md5=True)
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            sums.update(chunk)
            size += len(chunk)
    assert sums.md5 is not None  # asked for above
    return {"bytes": size, "adler32": sums.adler32(), "md5": sums.md5.hexdigest()}


class Uploader:
    def __init__(
        self, store: JobStore, session_for: Callable[[str | None], tuple[Instance, RucioSession]], root_dir: str
    ) -> None:
        self.store = store
        self.session_for = session_for
        self.root_dir = root_dir
        self._threads: dict[str, threading.Thread] = {}
        self._cancel: dict[str, threading.Event] = {}
        for job in store.jobs.values():
            if job.get("kind") == "upload" and job.get("state") == "interrupted":
                self._note_interrupted(job)

    def _note_interrupted(self, job: dict[str, Any]) -> None:
        """The server stopped mid-upload: what the transfer may have left on the storage is recorded, shown and
        cleaned (or reused, when complete) by the resume."""
        if job.get("registered") or not job.get("temp_pfn"):
            return
        if job.get("step") == "sending" and not any(x["pfn"] == job["temp_pfn"] for x in job.get("leftovers", [])):
            self._note_leftover(
                job,
                job["temp_pfn"],
                f"partial file of the interrupted transfer ({job.get('bytes_done', 0)} bytes sent)",
            )
        elif job.get("step") == "moving":
            for pfn in (job["temp_pfn"], job["pfn"]):
                self._note_leftover(
                    job,
                    pfn,
                    "the server stopped while the complete file was moved into place and "
                    "before it was registered; resume checks and registers it",
                )

    def upload(
        self,
        instance: str | None,
        path: str,
        rse: str,
        scope: str,
        *,
        name: str | None = None,
        dataset: str | None = None,
        metadata: dict[str, Any] | None = None,
        lifetime: int | None = None,
    ) -> dict[str, Any]:
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
        inst, s = self.session_for(instance)
        browse.whoami(s)  # Rucio down: the documented 502 now, and no job for work that cannot start
        job: dict[str, Any] = {
            "id": uuid.uuid4().hex[:12],
            "kind": "upload",
            "instance": inst.name,
            "did": did_str(scope, name),
            "path": str(local),
            "rse": rse,
            "dataset": dataset,
            "metadata": meta,
            "lifetime": lifetime,
            "state": "queued",
            "created_at": time.time(),
            "bytes_total": local.stat().st_size,
            "bytes_done": 0,
            "error": None,
            "log": [],
        }
        log(job, f"upload of {path} to {rse} as {job['did']} requested")
        self.store.add(job)
        self._start(job)
        return self.view(job)

    def _start(self, job: dict[str, Any]) -> None:
        self._cancel[job["id"]] = threading.Event()
        thread = threading.Thread(target=self._guard, args=(job,), name=f"escape-up-{job['id']}", daemon=True)
        self._threads[job["id"]] = thread
        thread.start()

    def cancel(self, job_id: str) -> dict[str, Any]:
        """Stop a queued or running upload. Bytes already sent (under the temporary name) are deleted from the
        storage, or recorded as leftovers when it cannot be reached, and nothing is registered in Rucio for them; a replica registered before the cancel is complete (all its bytes stored),
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

    def resume(self, job_id: str) -> dict[str, Any]:
        """Retry a cancelled, failed or interrupted upload: leftovers are cleaned first; steps already done are
        recognised (a file registered with the same checksum, or a complete copy stored under the temporary or
        final name whose adler32 matches, is not sent again; an existing rule or attachment is kept); a transfer
        that did not complete starts over (storage doors take whole PUTs) and the log says so."""
        job = self._job(job_id)
        if job["state"] in ACTIVE or job["state"] == "done":
            return self.view(job)
        if not Path(job["path"]).is_file():
            raise EscapeError(f"job: the local file {job['path']} is gone; start a new upload", status=409)
        # bytes_done stays what the storage holds until the transfer restarts (or is skipped, a complete copy
        # being already stored): a resumed job never shows 0 for bytes it did send.
        job.update(
            state="queued", error=None, resumable=False, finished_at=None, bytes_total=Path(job["path"]).stat().st_size
        )
        log(
            job,
            "resumed"
            + (
                f"; first cleaning or checking {len(job['leftovers'])} file(s) left on the storage"
                if job.get("leftovers")
                else ""
            ),
        )
        self.store.save(force=True)
        self._start(job)
        return self.view(job)

    def wait(self, job_id: str, timeout: float | None = None) -> dict[str, Any]:
        thread = self._threads.get(job_id)
        if thread is not None:
            thread.join(timeout)
        return self.view(self._job(job_id))

    def jobs(self) -> list[dict[str, Any]]:
        return [self.view(j, brief=True) for j in self.store.list() if j.get("kind") == "upload"]

    def view(self, job: dict[str, Any], brief: bool = False) -> dict[str, Any]:
        out = {k: v for k, v in job.items() if not (brief and k == "log")}
        total = job.get("bytes_total") or 0
        out["progress"] = (job.get("bytes_done", 0) / total) if total else (1.0 if job["state"] == "done" else 0.0)
        return out

    def _job(self, job_id: str) -> dict[str, Any]:
        job = self.store.get(job_id)
        if job is None or job.get("kind") != "upload":
            raise EscapeError(f"job: no upload job with id {job_id!r}", status=404)
        return job

    def get(self, job_id: str) -> dict[str, Any]:
        return self.view(self._job(job_id))

    def _guard(self, job: dict[str, Any]) -> None:
        job["state"] = "running"
        job["started_at"] = time.time()
        freshness.confirmed(job, "running")
        try:
            self._run(job)
            job["state"], job["resumable"] = "done", False
            freshness.confirmed(job, "done")
        except Cancelled:
            job["state"], job["resumable"] = "cancelled", True
            log(
                job,
                "cancelled"
                + (
                    "; the replica is registered complete, resume finishes the remaining steps"
                    if job.get("registered")
                    else "; nothing registered in Rucio"
                ),
            )
        except EscapeError as exc:
            job["state"], job["error"], job["resumable"] = "failed", str(exc), True
            log(job, f"failed: {exc}")
            if freshness.is_unreachable(exc):  # the service did not answer (not: it answered "failed")
                freshness.unreachable(job, exc.service, f"failed at step {job.get('step') or 'preparing'}", exc.message)
        except Exception as exc:
            job["state"], job["error"], job["resumable"] = "failed", f"{exc.__class__.__name__}: {exc}", True
            log(job, f"failed: {job['error']}")
        finally:
            job["finished_at"] = time.time()
            self.store.save(force=True)

    def _run(self, job: dict[str, Any]) -> None:
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
            raise EscapeError(
                f"quota: account {usage['account']} has no quota on {rse}", status=409, service=inst.service
            )
        try:
            existing = browse.get_did(s, scope, name)
        except EscapeError as exc:
            if exc.status != 404:
                raise
            existing = None
        if existing is None and row["bytes_remaining"] < sums["bytes"]:
            raise EscapeError(
                f"quota exceeded: {rse} has {row['bytes_remaining']} bytes left for account "
                f"{usage['account']} (limit {row['bytes_limit']}), the file needs {sums['bytes']}",
                status=409,
                service=inst.service,
            )
        with Door(inst, rse) as door:
            self._clean_leftovers(job, door, registered=existing is not None, keep_reusable=existing is None)
            if existing is not None:
                if existing.get("adler32") != sums["adler32"]:
                    raise EscapeError(
                        f"{job['did']} already exists in Rucio with other content (adler32 "
                        f"{existing.get('adler32')}); choose another name",
                        status=409,
                        service=inst.service,
                    )
                log(job, f"{job['did']} is already registered with the same checksum: not uploading the bytes again")
                job["registered"] = True
                job["bytes_done"] = sums["bytes"]
            else:
                step()
                pfns = s.call(
                    f"PFN on {rse}", Client.lfns2pfns, rse, [f"{scope}:{name}"], scheme="https", operation="write"
                )
                job["pfn"] = pfns[f"{scope}:{name}"]
                job["temp_pfn"] = temp_pfn(job["pfn"], job["id"])
                self._store(job, door, local, sums, cancel)
                self._register(job, s, door, scope, name, sums)
        step()
        self._rule(job, s, inst, usage, scope, name)
        step()
        if job.get("metadata"):
            s.call(f"metadata of {job['did']}", Client.set_metadata_bulk, scope, name, job["metadata"])
            log(job, f"metadata set: {', '.join(sorted(job['metadata']))}")
        if job.get("dataset"):
            step()
            self._attach(s, job, scope, name)
        step()
        self._confirm(inst, s, job, scope, name, rse, sums)

    def _rule(
        self, job: dict[str, Any], s: RucioSession, inst: Instance, usage: dict[str, Any], scope: str, name: str
    ) -> None:
        rse = job["rse"]
        rule = {
            "dids": [{"scope": scope, "name": name}],
            "copies": 1,
            "rse_expression": rse,
            "account": inst.account or usage["account"],
            "comment": "jupyter-escape upload",
        }
        if job.get("lifetime"):
            rule["lifetime"] = job["lifetime"]
        try:
            job["rule_id"] = s.call(f"rule for {job['did']}", Client.add_replication_rule, **rule)[0]
            log(
                job,
                f"rule {job['rule_id']} on {rse}" + (f", lifetime {job['lifetime']} s" if job.get("lifetime") else ""),
            )
        except EscapeError as exc:
            if "DuplicateRule" not in exc.message:
                raise
            log(job, "a rule for this file on this RSE already exists")

    # ------------------------------------------------------------------------------------------- storage steps
    def _stored_matches(
        self, job: dict[str, Any], door: Door, pfn: str, sums: dict[str, Any], cancel: threading.Event
    ) -> bool | None:
        """None when nothing is at ``pfn``; else whether it holds exactly the local file (size, then adler32)."""
        size = door.size(pfn)
        if size is None:
            return None
        if size != sums["bytes"]:
            log(job, f"{pfn} holds {size} of {sums['bytes']} bytes")
            return False
        stored = door.adler32(pfn, cancel)
        log(job, f"{pfn} holds {size} bytes, adler32 {stored[1]} (local {sums['adler32']})")
        return stored == (sums["bytes"], sums["adler32"])

    def _store(
        self, job: dict[str, Any], door: Door, local: Path, sums: dict[str, Any], cancel: threading.Event
    ) -> None:
        """Put the bytes at the final address, complete or not at all: PUT to the temporary name, MOVE into place.
        A complete copy already stored (an earlier attempt) is checked by checksum and not sent again."""
        pfn, tmp = job["pfn"], job["temp_pfn"]
        at_final = self._stored_matches(job, door, pfn, sums, cancel)
        if at_final:
            log(job, f"a complete copy with the same adler32 is already at {pfn}: not sending it again")
            job["bytes_done"] = sums["bytes"]
            return
        if at_final is False:
            raise EscapeError(
                f"{pfn} already holds an unregistered file with other content; not overwriting it "
                "(ask the RSE's administrators)",
                status=409,
                service=door.service,
            )
        at_temp = self._stored_matches(job, door, tmp, sums, cancel)
        if at_temp:
            log(
                job,
                f"the complete file from an earlier attempt is stored at {tmp} (checksum verified): "
                "not sending it again",
            )
            job["bytes_done"] = sums["bytes"]
        else:
            if at_temp is False:
                door.delete(tmp)
                log(
                    job,
                    f"the storage cannot continue a partial PUT: deleted the {tmp} left by an earlier attempt, "
                    "sending the whole file again",
                )
            self._send(job, door, local, tmp, cancel)
        job["step"] = "moving"  # persisted: a kill from here on may leave a whole, unregistered file at pfn
        self.store.save(force=True)
        door.move(tmp, pfn)
        self._forget_leftover(job, tmp)
        log(job, f"stored at {pfn} (moved from the temporary name once complete)")

    def _send(self, job: dict[str, Any], door: Door, local: Path, tmp: str, cancel: threading.Event) -> None:
        def progress(done: int) -> None:
            job["bytes_done"] = done
            # at most once a second, and at the last byte (socket buffers may take the tail at once, then the
            # response is awaited): an interrupted upload still says how far it got
            self.store.save(force=done >= job["bytes_total"])

        job["step"] = "sending"
        self.store.save(force=True)
        try:
            door.put(local, tmp, progress, cancel)
        except (Cancelled, EscapeError, OSError) as exc:
            what = "cancelled" if isinstance(exc, Cancelled) else "failed"
            self._discard(job, door, tmp, f"partial file of the {what} transfer ({job['bytes_done']} bytes sent)")
            raise
        if cancel.is_set():  # a cancel that came as the last byte went: still nothing to register
            self._discard(job, door, tmp, "file of the cancelled transfer")
            raise Cancelled()
        log(job, f"sent {job['bytes_done']} bytes to the temporary name {tmp}")

    def _register(
        self, job: dict[str, Any], s: RucioSession, door: Door, scope: str, name: str, sums: dict[str, Any]
    ) -> None:
        """Register the replica; when Rucio refuses or cannot be reached, the file leaves its final address (moved
        back to the temporary name, kept for the resume) so no unregistered bytes stay under the DID's PFN."""
        try:
            s.call(
                f"register {job['did']} on {job['rse']}",
                Client.add_replicas,
                job["rse"],
                [
                    {
                        "scope": scope,
                        "name": name,
                        "bytes": sums["bytes"],
                        "adler32": sums["adler32"],
                        "md5": sums["md5"],
                    }
                ],
            )
        except EscapeError:
            try:
                door.move(job["pfn"], job["temp_pfn"])
                self._note_leftover(
                    job,
                    job["temp_pfn"],
                    "complete copy kept for the resume (not registered in "
                    "Rucio); resume registers it, clean up deletes it",
                )
                log(job, f"registration failed: the file was moved back to {job['temp_pfn']}")
            except EscapeError as exc:
                self._note_leftover(
                    job,
                    job["pfn"],
                    f"complete but unregistered file at the final address; could not move it away: {exc}",
                )
            raise
        job["registered"] = True
        job["step"] = "registered"
        self._forget_leftover(job, job["pfn"])  # now the DID's replica, not a leftover
        if any(x["pfn"] == job["temp_pfn"] for x in job.get("leftovers", [])):
            self._discard(job, door, job["temp_pfn"], "temporary file")
        log(job, f"replica registered on {job['rse']}")

    def _discard(self, job: dict[str, Any], door: Door, pfn: str, what: str) -> None:
        try:
            door.delete(pfn)
            log(job, f"deleted the {what} from the storage ({pfn})")
            self._forget_leftover(job, pfn)
        except EscapeError as exc:
            self._note_leftover(job, pfn, f"{what}: could not delete it: {exc}")

    # ---------------------------------------------------------------------------------------------- leftovers
    def _note_leftover(self, job: dict[str, Any], pfn: str, why: str) -> None:
        """Record what stays on the storage, so the user sees it and the next resume or clean up removes it."""
        left = [x for x in job.get("leftovers", []) if x["pfn"] != pfn]
        left.append({"pfn": pfn, "why": why, "since": time.time()})
        job["leftovers"] = left
        log(job, f"left on the storage: {pfn}: {why}")
        self.store.save(force=True)

    def _forget_leftover(self, job: dict[str, Any], pfn: str) -> None:
        job["leftovers"] = [x for x in job.get("leftovers", []) if x["pfn"] != pfn]

    def _clean_leftovers(self, job: dict[str, Any], door: Door, *, registered: bool, keep_reusable: bool) -> None:
        """Delete what earlier attempts left. With ``keep_reusable`` (the file still to be stored) the temporary and
        final names stay: _store checks them by checksum and reuses a complete copy. Once the DID is registered the
        final address holds its replica and is never deleted."""
        for item in list(job.get("leftovers", [])):
            if registered and item["pfn"] == job.get("pfn"):
                self._forget_leftover(job, item["pfn"])
            elif not (keep_reusable and item["pfn"] in (job.get("pfn"), job.get("temp_pfn"))):
                self._discard(job, door, item["pfn"], "file left by an earlier attempt")

    def clean_up(self, job_id: str) -> dict[str, Any]:
        """The explicit "clean up" action: delete every recorded leftover of a job that is not running."""
        job = self._job(job_id)
        if job["state"] in ACTIVE:
            raise EscapeError("job: cancel it before cleaning up", status=409)
        if not job.get("leftovers"):
            return self.view(job)
        inst, s = self.session_for(job["instance"])
        scope, name = parse_did(job["did"])
        try:
            registered = browse.get_did(s, scope, name) is not None
        except EscapeError as exc:
            if exc.status != 404:
                raise
            registered = False
        with Door(inst, job["rse"]) as door:
            self._clean_leftovers(job, door, registered=registered, keep_reusable=False)
        log(
            job,
            "clean up: "
            + (
                "nothing left on the storage"
                if not job["leftovers"]
                else f"{len(job['leftovers'])} file(s) could not be deleted yet"
            ),
        )
        self.store.save(force=True)
        return self.view(job)

    def _attach(self, s: RucioSession, job: dict[str, Any], scope: str, name: str) -> None:
        dscope, dname = parse_did(job["dataset"], "dataset")
        try:
            browse.get_did(s, dscope, dname)
        except EscapeError as exc:
            if exc.status != 404:
                raise
            s.call(f"create dataset {job['dataset']}", Client.add_did, dscope, dname, "DATASET")
            log(job, f"created dataset {job['dataset']}")
        try:
            s.call(f"attach to {job['dataset']}", Client.attach_dids, dscope, dname, [{"scope": scope, "name": name}])
            log(job, f"attached to {job['dataset']}")
            browse.LISTINGS.clear()  # the dataset's cached pages are stale now
        except EscapeError as exc:
            if "already" not in exc.message.lower() and "Duplicate" not in exc.message:
                raise
            log(job, f"already attached to {job['dataset']}")

    def _confirm(
        self,
        inst: Instance,
        s: RucioSession,
        job: dict[str, Any],
        scope: str,
        name: str,
        rse: str,
        sums: dict[str, Any],
    ) -> None:
        """Read the stored bytes back and compare checksums: local file, storage, Rucio's catalogue."""
        reps = browse.file_replicas(s, [(scope, name)], schemes=["https", "davs", "file"], rse_expression=rse)
        registered = reps[0] if reps else {}
        pfns = (registered.get("rses") or {}).get(rse) or [job.get("pfn")]
        with Door(inst, rse) as door:
            size, stored = door.adler32(pfns[0])
        job["checksums"]["storage"] = {"bytes": size, "adler32": stored}
        job["checksums"]["rucio"] = {"bytes": registered.get("bytes"), "adler32": registered.get("adler32")}
        ok = stored == sums["adler32"] == registered.get("adler32") and size == sums["bytes"]
        job["verified"] = ok
        if not ok:
            raise EscapeError(
                f"checksum mismatch after upload: local {sums['adler32']}, storage "
                f"{stored}, Rucio {registered.get('adler32')}",
                status=502,
                service=inst.service,
            )
        log(job, f"confirmed: the stored replica's adler32 {stored} matches the local file and Rucio")
