"""A TAP service that takes only bearer tokens, queried with the hub's single sign-on: the same login as the data
lake, through the panels' routes, async jobs and a notebook kernel; and outside a hub through WLCG bearer-token
discovery. The service is real: DaCHS behind the stack's gate (stack/tapgate), which verifies the IdP's JWTs."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from _hub import Kernel, code_flow, user_api_token
from _stack import stack_value

from jupyter_escape.core.http import make_client
from jupyter_escape.core.service_auth import SERVICE_CREDENTIALS, TokenUnavailable
from jupyter_escape.vo import tap

pytestmark = pytest.mark.stack
PROTECTED = stack_value("ESCAPE_TAP_PROTECTED_URL", "http://127.0.0.1:8098/tap")
QUERY = "SELECT TOP 3 table_name FROM tap_schema.tables"
KERNEL_QUERY = f"""
from jupyter_escape import vo
print(len(vo.query({PROTECTED!r}, {QUERY!r})))
"""


def test_the_gate_refuses_requests_without_a_token_for_it(hub_stack):
    bare = httpx.get(f"{PROTECTED}/capabilities", timeout=30)
    assert bare.status_code == 401 and bare.headers["WWW-Authenticate"].startswith("Bearer ")
    tokens = code_flow("test-alice")
    # The ID token is the IdP's too, but made for the hub (audience jupyterhub): not for this service.
    wrong = httpx.get(
        f"{PROTECTED}/capabilities", headers={"Authorization": f"Bearer {tokens['id_token']}"}, timeout=30
    )
    assert wrong.status_code == 401 and "Audience" in wrong.headers["WWW-Authenticate"]
    right = httpx.get(
        f"{PROTECTED}/capabilities", headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=30
    )
    assert right.status_code == 200 and b"capabilities" in right.content


def test_alice_queries_it_with_her_hub_login(alice):
    """Sync query and an async job through her server's routes, with no credential configured by her."""
    sync = alice.api("POST", "vo/tap/sync", json={"url": PROTECTED, "query": QUERY})
    assert sync.status_code == 200, sync.text
    assert json.loads(sync.headers["X-Escape-Result-Info"])["rows"] == 3
    job = alice.api("POST", "vo/tap/jobs", json={"url": PROTECTED, "query": QUERY})
    assert job.status_code in (200, 201), job.text
    job_id = job.json()["id"]
    deadline = time.monotonic() + 120
    while (phase := alice.api("GET", f"vo/tap/jobs/{job_id}").json()["phase"]) not in ("COMPLETED", "ERROR"):
        assert time.monotonic() < deadline, f"async job stuck in {phase}"
        time.sleep(1)
    assert phase == "COMPLETED"
    results = alice.api("GET", f"vo/tap/jobs/{job_id}/results")
    assert results.status_code == 200, results.text
    assert json.loads(results.headers["X-Escape-Result-Info"])["rows"] == 3
    # The Services view reaches it too (its probe goes through the same client).
    gated = [s for s in alice.api("GET", "status").json()["services"] if s["url"].rstrip("/") == PROTECTED]
    assert len(gated) == 1 and gated[0]["reachable"] and not gated[0]["error"], gated


async def test_alices_notebook_queries_it_too(alice):
    kernel = Kernel("test-alice", user_api_token("test-alice"))
    try:
        assert (await kernel.run(KERNEL_QUERY)).strip() == "3"
    finally:
        kernel.shutdown()


async def test_outside_a_hub_the_wlcg_bearer_token_file_is_used(hub_stack, tmp_path, monkeypatch):
    monkeypatch.delenv("ESCAPE_CREDENTIAL_BROKER_URL", raising=False)
    monkeypatch.delenv("BEARER_TOKEN", raising=False)
    monkeypatch.setenv("BEARER_TOKEN_FILE", str(tmp_path / "bt"))
    SERVICE_CREDENTIALS.configure([{"name": "gated TAP", "url": PROTECTED, "kind": "tap", "auth": "bearer"}])
    try:
        with pytest.raises(TokenUnavailable) as missing:
            await tap.sync_query(PROTECTED, QUERY)
        assert missing.value.service == "gated TAP" and "needs a bearer token" in str(missing.value)
        (tmp_path / "bt").write_text(code_flow("test-bob")["access_token"] + "\n")
        result = await tap.sync_query(PROTECTED, QUERY)
        assert len(result.table) == 3
        # The token goes to that service only: the same DaCHS without the gate gets no Authorization header.
        seen = []
        plain = stack_value("ESCAPE_TAP_URL")

        async def record(request):
            seen.append(request.headers.get("Authorization"))

        async with make_client(30, event_hooks={"request": [record]}) as client:
            await client.get(f"{plain}/capabilities")
            await client.get(f"{PROTECTED}/capabilities")
        assert seen[0] is None and seen[1].startswith("Bearer ")
    finally:
        SERVICE_CREDENTIALS.configure([])
