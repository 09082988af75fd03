"""Hub operations on the local stack: a user's server stopped (as the idle culler does) and started again, and the
hub itself restarted, lose no basket item and list every job honestly; an interrupted staging resumes to verified
files. Real hub, real servers, real Rucio."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import httpx
import pytest
from _hub import HUB, HubUser, operator
from _stack import ROOT, stack_value

pytestmark = pytest.mark.stack
BIG = "escape_demo:lofar_hst_m51"


def server_pid(name: str) -> int | None:
    with operator() as hub:
        model = hub.get(f"/users/{name}").json()
    server = (model.get("servers") or {}).get("")
    return (server or {}).get("state", {}).get("pid")


def stop_server(name: str) -> None:
    """What jupyterhub-idle-culler does to an idle server."""
    with operator() as hub:
        response = hub.delete(f"/users/{name}/server")
        assert response.status_code in (202, 204), response.text
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if not hub.get(f"/users/{name}").json().get("servers"):
                return
            time.sleep(1)
    raise AssertionError(f"{name}'s server did not stop")


def test_culled_server_keeps_basket_and_jobs(hub_stack):
    bob = HubUser("test-bob")
    bob.sign_in()
    bob.wait_for_server()
    title = f"kept across a cull {uuid.uuid4().hex[:6]}"
    added = bob.api(
        "POST",
        "basket/items",
        json={"kind": "datalake_did", "title": title, "payload": {"scope": "escape_demo", "name": "hst_acs_m51"}},
    )
    assert added.status_code == 201, added.text
    # A staging under way when the server is stopped...
    staging = bob.api("POST", "datalake/stage", json={"did": BIG}).json()
    stop_server("test-bob")
    bob.wait_for_server()  # ...and the server started again
    items = bob.api("GET", "basket").json()["items"]
    assert title in [i["title"] for i in items]
    jobs = {j["id"]: j for j in bob.api("GET", "datalake/stage").json()["jobs"]}
    assert staging["id"] in jobs, "a job disappeared with the server"
    job = jobs[staging["id"]]
    assert job["state"] in ("done", "interrupted"), job  # never "running" for a job nobody runs
    if job["state"] == "interrupted":
        assert job.get("resumable"), job
        bob.api("POST", f"datalake/stage/{job['id']}/resume")
        job = bob.wait_job("stage", job["id"])
    assert job["state"] == "done" and all(f.get("state") == "done" for f in job["files"]), job
    bob.close()


def test_hub_restart_leaves_users_servers_and_sessions_alone(alice):
    before = server_pid("test-alice")
    assert before, "alice's server is not running"
    state = Path(stack_value("ESCAPE_HUB_STATE"))
    hub_pid = int((state / "jupyterhub.pid").read_text())
    os.kill(hub_pid, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            os.kill(hub_pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    up = subprocess.run(
        ["bash", str(ROOT / "stack" / "escape-stack"), "up", "hub"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert up.returncode == 0, up.stderr
    assert server_pid("test-alice") == before, "the hub restart restarted alice's server"
    response = alice.api("GET", "status")
    assert response.status_code == 200
    # The broker, restarted with the hub, still hands out alice's token (refreshed tokens are kept on disk).
    row = next(s for s in response.json()["services"] if s["kind"] == "datalake")
    assert row["auth"] == "ok", row
    assert httpx.get(f"{HUB}/hub/health", timeout=10).status_code == 200
