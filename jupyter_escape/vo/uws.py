"""UWS job documents (IVOA UWS 1.1): the phases, and a job description read into :class:`JobInfo`.

Read with the standard library's XML parser rather than pyvo.io.uws: pyvo 1.10 refuses a job whose times carry a
UTC offset ("2020-10-27T12:00:00+11:00", valid xs:dateTime; pyvo issue 243, SkyMapper's TAP), so such a job could
not even be polled, and it reads a document that is not a <job> as an empty job. Times are kept as the service
wrote them. The job lifecycle (create, run, wait, abort, delete, results) is TAP's and lives in tap.py.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import RemoteError
from .votable import local

FINAL_PHASES = {"COMPLETED", "ERROR", "ABORTED", "ARCHIVED"}
PHASES = ("PENDING", "QUEUED", "EXECUTING", "COMPLETED", "ERROR", "ABORTED", "UNKNOWN", "HELD", "SUSPENDED", "ARCHIVED")


@dataclass
class JobInfo:
    url: str
    phase: str
    job_id: str | None = None
    run_id: str | None = None
    owner: str | None = None
    creation_time: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    execution_duration: str | None = None
    destruction: str | None = None
    quote: str | None = None
    error: str | None = None
    parameters: dict[str, Any] = field(default_factory=dict)
    results: list[dict[str, Any]] = field(default_factory=list)
    # set by create_job: the job writes its rows as FITS ({mime, maxrec, ask, hard}, see fitspath.job_plan), or
    # why not (transport_note); kept with the job so that its result is read the same way
    fits: dict[str, Any] | None = None
    transport_note: str | None = None

    @property
    def final(self) -> bool:
        return self.phase in FINAL_PHASES

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()} | {"final": self.final}


def parse_job(xml: bytes, url: str, service: str) -> JobInfo:
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise RemoteError(service, f"the job description is not valid XML: {exc}") from None
    if local(root.tag) != "job":
        raise RemoteError(service, f"expected a UWS <job>, got <{local(root.tag)}>")
    values = {local(el.tag): (el.text or "").strip() for el in root}
    phase = values.get("phase", "UNKNOWN").upper()
    info = JobInfo(
        url=url,
        phase=phase if phase in PHASES else "UNKNOWN",
        job_id=values.get("jobId"),
        run_id=values.get("runId") or None,
        owner=values.get("ownerId") or None,
        creation_time=values.get("creationTime") or None,
        start_time=values.get("startTime") or None,
        end_time=values.get("endTime") or None,
        execution_duration=values.get("executionDuration") or None,
        destruction=values.get("destruction") or None,
        quote=values.get("quote") or None,
    )
    for el in root:
        name = local(el.tag)
        if name == "parameters":
            info.parameters = {p.get("id", ""): (p.text or "").strip() for p in el}
        elif name == "results":
            info.results = [
                {"id": r.get("id"), "href": r.get("{http://www.w3.org/1999/xlink}href") or r.get("href")} for r in el
            ]
        elif name == "errorSummary":
            message = el.find("{*}message")
            info.error = (message.text or "").strip() if message is not None else "".join(el.itertext()).strip()
    return info
