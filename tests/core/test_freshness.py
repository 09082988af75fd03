"""core/freshness.py: the outage note keeps its first time and the last confirmed state; an answer clears it; only
"could not reach" failures count as outages."""

from __future__ import annotations

from jupyter_escape.core import freshness
from jupyter_escape.core.errors import EscapeError


def test_outage_keeps_first_failure_and_last_confirmed_state():
    job = freshness.confirmed({}, "EXECUTING", now=100.0)
    freshness.unreachable(job, "TAP dachs", "EXECUTING", "refused", now=200.0)
    freshness.unreachable(job, "TAP dachs", "UNKNOWN", "refused", now=300.0)
    f = job["freshness"]
    assert f["unreachable_since"] == 200.0 and f["checked_at"] == 100.0 and f["last_known_state"] == "EXECUTING"
    assert f["message"] == "cannot reach TAP dachs since 1970-01-01 00:03:20 UTC (last known: EXECUTING)"
    freshness.confirmed(job, "COMPLETED", now=400.0)
    assert job["freshness"]["unreachable_since"] is None and job["freshness"]["message"] is None


def test_only_unreachable_services_count():
    assert freshness.is_unreachable(EscapeError("x: cannot reach http://h: refused", status=502))
    assert freshness.is_unreachable(EscapeError("no answer within 5 s", status=504))
    assert not freshness.is_unreachable(EscapeError("checksum mismatch after upload", status=502))
    assert not freshness.is_unreachable(EscapeError("not found", status=404))
