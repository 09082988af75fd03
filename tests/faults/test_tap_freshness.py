"""TAP job list while DaCHS cannot be reached: the job keeps its last confirmed phase and says "cannot reach ...
since ...", never a fresh-looking EXECUTING; once DaCHS answers again the note goes.

Faults are injected by a TCP proxy in front of the REAL DaCHS server (tests/faults/proxy.py); DaCHS itself keeps
running for the other sessions using the stack. DaCHS builds job URLs from its own configured address, so the job
is created directly and recorded with its URL pointed at the proxy (the same path on another port).
"""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from _stack import stack_value

from jupyter_escape.core.errors import EscapeError
from jupyter_escape.vo import tap, uws
from jupyter_escape.vo.jobs import JobStore

pytestmark = pytest.mark.stack

QUERY = "SELECT TOP 1 table_name FROM tap_schema.tables"


def pending_job_via(proxy) -> tuple[uws.JobInfo, str]:
    """A PENDING job on the real DaCHS, with the URL the code under test uses (through ``proxy``); also returns the
    real URL, for the clean-up."""
    dachs = stack_value("ESCAPE_DACHS_URL", "http://127.0.0.1:8090").rstrip("/")
    info = asyncio.run(tap.create_job(stack_value("ESCAPE_TAP_URL", f"{dachs}/tap"), QUERY, run=False))
    return dataclasses.replace(info, url=info.url.replace(dachs, f"http://{proxy.address}", 1)), info.url


def test_tap_job_list_while_dachs_is_down(proxies, tmp_path):
    dachs = proxies["dachs"]
    info, real_url = pending_job_via(dachs)
    store = JobStore(tmp_path)
    try:
        record = store.add(f"http://{dachs.address}/tap", info, QUERY)
        assert record["phase"] == "PENDING" and record["freshness"]["unreachable_since"] is None
        dachs.stop()
        asyncio.run(store.refresh_unfinished())
        [job] = store.list()
        assert job["phase"] == "PENDING"  # the last confirmed phase, not a guess
        fresh = job["freshness"]
        assert fresh["message"].startswith("cannot reach TAP ") and " since " in fresh["message"], fresh
        assert fresh["last_known_state"] == "PENDING" and fresh["unreachable_since"] >= record["checked"]
        with pytest.raises(EscapeError) as err:  # a single job's poll says so too
            asyncio.run(store.refresh(info.url))
        assert err.value.status == 502
        first = store.list()[0]["freshness"]["unreachable_since"]
        assert first == fresh["unreachable_since"]  # "since" is the start of the outage, not the last try
        # persisted: a restarted server shows the same note until DaCHS answers
        assert JobStore(tmp_path).list()[0]["freshness"]["message"] == fresh["message"]
        dachs.start()
        asyncio.run(store.refresh_unfinished())
        [job] = store.list()
        assert job["freshness"]["unreachable_since"] is None and job["freshness"]["message"] is None
        assert job["phase"] == "PENDING"
    finally:
        asyncio.run(tap.delete_job(real_url))
