"""How fresh a job's state is: every job list (TAP jobs, staging, uploads, rules) says when it last confirmed the
job's state with its service, and, while the service does not answer, "cannot reach <service> since <time>" next
to the last phase it did confirm. A job never shows a confident state its service has not confirmed.

One helper for every pillar: the fields live on the job record itself (so they are persisted with it) under
``freshness``:

- ``checked_at``: when the service last answered about this job (epoch seconds);
- ``unreachable_since``: when polling first failed in the current outage, or None;
- ``service``: which service could not be reached;
- ``last_known_state``: the state last confirmed (the record's own state field may not be trusted meanwhile);
- ``message``: the sentence to show, e.g. "cannot reach Rucio since 2026-12-04 18:02:11 UTC (last known: running)".
"""

from __future__ import annotations

import time
from typing import Any


def _utc(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(t))


def confirmed(record: dict[str, Any], state: str | None = None, now: float | None = None) -> dict[str, Any]:
    """The service answered: the record's state is confirmed as of now; any outage note is cleared."""
    now = time.time() if now is None else now
    record["freshness"] = {
        "checked_at": now,
        "unreachable_since": None,
        "service": None,
        "last_known_state": state,
        "message": None,
    }
    return record


def unreachable(
    record: dict[str, Any], service: str | None, state: str | None, error: str = "", now: float | None = None
) -> dict[str, Any]:
    """Polling failed: keep the first failure time of this outage and the last confirmed state, say so."""
    now = time.time() if now is None else now
    old = record.get("freshness") or {}
    since = old.get("unreachable_since") or now
    known = old.get("last_known_state") if old.get("unreachable_since") else state
    name = service or "the service"
    message = f"cannot reach {name} since {_utc(since)}" + (f" (last known: {known})" if known else "")
    record["freshness"] = {
        "checked_at": old.get("checked_at"),
        "unreachable_since": since,
        "service": name,
        "last_known_state": known,
        "message": message,
        "error": error[:500] or None,
    }
    return record


def is_unreachable(error: BaseException) -> bool:
    """A failure that says nothing about the job, only that its service did not answer (connection refused or cut,
    timeout, gateway errors) as opposed to an answer that the job failed or does not exist."""
    status = getattr(error, "status", None)
    return status == 504 or (status in (502, 503) and "cannot reach" in str(error))
