"""A Rucio transfertool that really copies bytes, for a data lake without FTS.

The stock ``mock`` transfertool marks transfers done without moving anything, so a rule would reach OK while the
destination stays empty. This one copies each file synchronously at submission (file:// or https:// on either
side, https verified against the stack's self-signed certificate) and records DONE/FAILED per request in a small
state folder, which the poller reads back in another process.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import ssl
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import unquote, urlparse

from rucio.db.sqla.constants import RequestState
from rucio.transfertool.transfertool import TransferStatusReport, Transfertool, TransferToolBuilder

STATUS_DIR = Path(os.environ.get("ESCAPE_RUCIO_STATE", "/tmp")) / "transfers"
CA_CERT = os.environ.get("ESCAPE_RUCIO_CA_CERT")
CHUNK = 4 * 1024 * 1024


def _ssl_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=CA_CERT) if CA_CERT else ssl.create_default_context()


def _open_source(url: str):
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return open(unquote(parsed.path), "rb")
    if parsed.scheme in ("https", "davs", "http"):
        return urllib.request.urlopen(url.replace("davs://", "https://", 1), timeout=60, context=_ssl_context())
    raise ValueError(f"unsupported source scheme in {url}")


def copy(source_url: str, dest_url: str) -> None:
    dest = urlparse(dest_url)
    with _open_source(source_url) as src:
        if dest.scheme == "file":
            target = Path(unquote(dest.path))
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".part")
            with open(tmp, "wb") as out:
                shutil.copyfileobj(src, out, CHUNK)
            os.replace(tmp, target)
        elif dest.scheme in ("https", "davs"):
            data = src.read()  # test-sized files only; the WebDAV door creates parent folders on PUT
            req = urllib.request.Request(dest_url.replace("davs://", "https://", 1), data=data, method="PUT")
            with urllib.request.urlopen(req, timeout=60, context=_ssl_context()) as answer:
                if answer.status >= 300:
                    raise OSError(f"PUT {dest_url}: HTTP {answer.status}")
        else:
            raise ValueError(f"unsupported destination scheme in {dest_url}")


class CopyStatusReport(TransferStatusReport):
    supported_db_fields = ("state", "external_id", "reason")

    def __init__(self, request_id: str, external_id: str, state: RequestState, reason: str | None):
        super().__init__(request_id)
        self.state = state
        self.external_id = external_id
        self.reason = reason

    def initialize(self, session, logger=logging.log) -> None:
        pass

    def get_monitor_msg_fields(self, session, logger=logging.log) -> dict:
        return {}


class CopyTransfertool(Transfertool):
    external_name = "escapecopy"
    required_rse_attrs = ()
    supported_schemes = frozenset({"file", "https", "davs"})

    @classmethod
    def submission_builder_for_path(cls, transfer_path, logger=logging.log):
        return transfer_path, TransferToolBuilder(cls, external_host="escape-copy")

    def group_into_submit_jobs(self, transfers):
        return [{"transfers": [t for path in transfers for t in path], "job_params": {}}]

    def submit(self, transfers, job_params, timeout=None) -> str:
        job_id = str(uuid.uuid4())
        results = {}
        for transfer in transfers:
            request_id = transfer.rws.request_id
            errors = []
            for source in transfer.sources:
                try:
                    copy(transfer.source_url(source), transfer.dest_url)
                    results[request_id] = ["DONE", None]
                    break
                except Exception as exc:
                    errors.append(f"{exc.__class__.__name__}: {exc}")
            else:
                results[request_id] = ["FAILED", "; ".join(errors) or "no source"]
            self.logger(logging.INFO, "escapecopy %s -> %s: %s", request_id, transfer.dest_url, results[request_id][0])
        STATUS_DIR.mkdir(parents=True, exist_ok=True)
        (STATUS_DIR / f"{job_id}.json").write_text(json.dumps(results))
        return job_id

    def bulk_query(self, requests_by_eid, timeout=None):
        response = {}
        for job_id, requests in requests_by_eid.items():
            try:
                results = json.loads((STATUS_DIR / f"{job_id}.json").read_text())
            except OSError:
                results = {}
            for request_id in requests:
                state, reason = results.get(request_id, ["FAILED", "copy record lost"])
                response.setdefault(job_id, {})[request_id] = CopyStatusReport(
                    request_id, job_id, RequestState.DONE if state == "DONE" else RequestState.FAILED, reason
                )
        return response

    def cancel(self, transfer_ids, timeout=None) -> bool:
        return True

    def update_priority(self, transfer_id, priority, timeout=None) -> bool:
        return True


def register() -> None:
    from rucio.core import transfer as transfer_core

    transfer_core.TRANSFERTOOL_CLASSES_BY_NAME[CopyTransfertool.external_name] = CopyTransfertool
