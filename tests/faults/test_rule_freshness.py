"""Replica mode follows a new rule while Rucio cannot be reached: the job stays running (the rule is still there),
says "cannot reach <instance> since <time>" with the last rule state Rucio gave, and drops the note once Rucio
answers again, instead of failing or claiming a state nobody confirmed.

Faults are injected by a TCP proxy in front of the REAL Rucio server (tests/faults/proxy.py); Rucio keeps running
for the other sessions using the stack.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from .conftest import RSE, SCOPE
from .test_upload_faults import make_file, wait_until

pytestmark = pytest.mark.stack


def _rule_under_way(lake, rucio) -> dict | None:
    """A replica-mode job whose rule exists and is not yet confirmed OK, with Rucio just made unreachable; None when
    the rule was satisfied before the fault could be injected (Rucio's daemons were faster)."""
    make_file(Path(lake.root_dir) / "rule.bin", 1, seed=7)
    name = f"fault_rule_{uuid.uuid4().hex[:8]}.bin"
    up = lake.uploader.wait(lake.uploader.upload(None, "rule.bin", RSE, SCOPE, name=name, lifetime=3600)["id"], 60)
    assert up["state"] == "done", up["log"]
    lake.instances[0]["destination_rse"] = "ESCAPE_MOUNTED"
    lake.instances[0]["replication_rule_lifetime_days"] = 1
    job = lake.stager.stage(None, f"{SCOPE}:{name}", mode="replica")
    wait_until(lambda: lake.stager.get(job["id"]).get("rule_id") or lake.stager.get(job["id"])["state"] == "done",
               what="the rule")
    rucio.stop()
    if lake.stager.get(job["id"])["state"] == "done":
        rucio.start()
        return None
    return job


def test_rule_followed_through_a_rucio_outage(lake, proxies):
    rucio = proxies["rucio"]
    # The race with Rucio's daemons is rare; a few fresh files make it certain that one rule is caught under way.
    for _attempt in range(3):
        job = _rule_under_way(lake, rucio)
        if job is not None:
            break
    else:
        pytest.fail("three rules were satisfied before Rucio could be made unreachable")
    try:
        job = wait_until(lambda: (j := lake.stager.get(job["id"])).get("freshness", {}).get("unreachable_since")
                         and j, timeout=30, what="the outage noted on the job")
        assert job["state"] == "running" and job["error"] is None  # the rule was not lost, only not confirmed
        fresh = job["freshness"]
        assert fresh["message"].startswith("cannot reach Local data lake since"), fresh
        assert fresh["last_known_state"].startswith("rule "), fresh
    finally:
        rucio.start()
    job = wait_until(lambda: (j := lake.stager.get(job["id"])).get("freshness", {}).get("unreachable_since") is None
                     and j, timeout=40, what="the note cleared once Rucio answers")
    assert job["state"] in ("running", "done") and job["error"] is None
    lake.stager.cancel(job["id"])
    lake.stager.wait(job["id"], 30)
