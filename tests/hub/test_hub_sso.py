"""Single sign-on through the hub, end to end on the local stack: alice signs in on the IdP's page, the hub spawns
her server as Unix user alice, jupyter-escape reaches the data lake with her token (refreshed by the broker while she
works), the rucio CLI in her terminal uses the same credential, and bob can reach none of it.

Real servers only: oidc-provider, JupyterHub + configurable-http-proxy, the credential broker, Rucio, WebDAV storage.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import time
import uuid
import zlib

import httpx
import pytest
from _hub import ACCESS_TTL, BROKER, HUB, HubUser, Kernel, datalake_row, run_as, user_api_token
from _stack import stack_value

pytestmark = pytest.mark.stack
SMALL = "escape_demo:hst_acs_m51"
DEMO = "escape_demo:lofar_hst_m51"


def status(user) -> dict:
    response = user.api("GET", "status")
    assert response.status_code == 200, response.text
    return response.json()


KERNEL_CODE = """
from jupyter_escape import datalake
from jupyter_escape.core.credentials import broker_client
hits = datalake.search("escape_demo", "*m51*")
print(len(hits["items"]) if isinstance(hits, dict) else len(hits), broker_client().token().expires_at)
"""


def test_alice_is_signed_in_to_the_data_lake_by_the_hub(alice):
    report = status(alice)
    row = datalake_row(report)
    assert row["auth"] == "ok", row
    identity = row["identity"]
    assert identity["account"] == "test-alice" and identity["method"] == "oidc"
    assert identity["source"] == "hub single sign-on"
    assert identity["expires_at"] > time.time()
    assert "/escape/lofar" in identity["groups"]
    # The token itself never reaches the browser: no JWT anywhere in what the server sends.
    assert "eyJ" not in json.dumps(report)


def test_server_runs_as_alice_with_private_state(alice):
    home = "/home/test-alice/.local/share/jupyter/escape"
    st = os.stat(f"{home}/bearer-token")
    assert st.st_uid == int(run_as("test-alice", "id", "-u").stdout) and st.st_mode & 0o777 == 0o600
    for name in os.listdir(home):
        mode = os.stat(f"{home}/{name}").st_mode & 0o777
        assert mode & 0o077 == 0, f"{name} is readable by others ({oct(mode)})"


async def test_staging_and_notebooks_survive_access_token_rotation(alice):
    """The access token lives ACCESS_TTL seconds; alice keeps working past its expiry, in the panels and in a
    notebook kernel, and nothing fails."""
    first = datalake_row(status(alice))["identity"]["expires_at"]
    kernel = Kernel("test-alice", user_api_token("test-alice"))
    count, kernel_first = (await kernel.run(KERNEL_CODE)).split()
    assert int(count) > 0
    job = alice.api("POST", "datalake/stage", json={"did": DEMO}).json()
    searches = 0
    # Work through both expiries: the kernel may have been handed a token the broker had just renewed, which then
    # outlives the server's first one by up to ACCESS_TTL (CI saw exactly that: the kernel's token was still valid).
    while time.time() < max(first, float(kernel_first)) + 10:
        found = alice.api("GET", "datalake/search", params={"scope": "escape_demo", "pattern": "*m51*"})
        assert found.status_code == 200, found.text
        searches += 1
        await asyncio.sleep(10)
    job = alice.wait_job("stage", job["id"])
    assert job["state"] == "done", job
    # A staging started with the new token.
    second = alice.api("POST", "datalake/stage", json={"did": SMALL})
    assert second.status_code in (200, 201), second.text
    assert alice.wait_job("stage", second.json()["id"])["state"] == "done"
    rotated = datalake_row(status(alice))["identity"]
    assert rotated["expires_at"] > first + ACCESS_TTL / 2, "the broker did not hand out a new token"
    assert searches >= 2
    # The kernel's notebook API, whose token expired meanwhile, works on with a rotated one.
    count_after, kernel_after = (await kernel.run(KERNEL_CODE)).split()
    assert count_after == count and float(kernel_after) > float(kernel_first) + ACCESS_TTL / 2
    # The TAP service that takes only bearer tokens, with the rotated token, from the panels and the kernel.
    tap = stack_value("ESCAPE_TAP_PROTECTED_URL", "http://127.0.0.1:8098/tap")
    query = "SELECT TOP 3 table_name FROM tap_schema.tables"
    sync = alice.api("POST", "vo/tap/sync", json={"url": tap, "query": query})
    assert sync.status_code == 200, sync.text
    assert (await kernel.run(f"from jupyter_escape import vo\nprint(len(vo.query({tap!r}, {query!r})))")).strip() == "3"
    kernel.shutdown()


def test_rucio_cli_uses_the_same_credentials_as_the_extension(alice):
    name = f"cli-{uuid.uuid4().hex[:8]}.fits"
    data = os.urandom(200_000)
    path = f"/home/test-alice/{name}"
    with open(path, "wb") as fh:
        fh.write(data)
    os.chown(path, int(run_as("test-alice", "id", "-u").stdout), -1)
    whoami = run_as("test-alice", "rucio", "whoami")
    assert "test-alice" in whoami.stdout, whoami.stderr
    upload = run_as("test-alice", "rucio", "upload", "--rse", "ESCAPE_USERDISK", "--scope", "user.test-alice", path)
    assert upload.returncode == 0, upload.stderr
    details = alice.api("GET", "datalake/did", params={"did": f"user.test-alice:{name}"}).json()
    assert details["adler32"] == f"{zlib.adler32(data):08x}"
    assert details["md5"] == hashlib.md5(data).hexdigest()
    # ... and the other way: a file uploaded by the extension, with metadata and a dataset, downloaded by the CLI.
    ext_name = f"ext-{uuid.uuid4().hex[:8]}.fits"
    ext_data = os.urandom(150_000)
    with open(f"/home/test-alice/{ext_name}", "wb") as fh:
        fh.write(ext_data)
    os.chown(f"/home/test-alice/{ext_name}", int(run_as("test-alice", "id", "-u").stdout), -1)
    dataset = f"user.test-alice:results-{uuid.uuid4().hex[:6]}"
    job = alice.api(
        "POST",
        "datalake/uploads",
        json={
            "path": ext_name,
            "rse": "ESCAPE_USERDISK",
            "scope": "user.test-alice",
            "dataset": dataset,
            "metadata": {"telescope": "LOFAR"},
        },
    )
    assert job.status_code == 201, job.text
    assert alice.wait_job("uploads", job.json()["id"])["state"] == "done"
    download = run_as("test-alice", "rucio", "download", "--dir", "/home/test-alice/dl", f"user.test-alice:{ext_name}")
    assert download.returncode == 0, download.stderr
    with open(f"/home/test-alice/dl/user.test-alice/{ext_name}", "rb") as fh:
        assert fh.read() == ext_data
    meta = run_as("test-alice", "rucio", "did", "metadata", "list", "--plugin", "ALL", f"user.test-alice:{ext_name}")
    assert "LOFAR" in meta.stdout, meta.stdout + meta.stderr
    contents = run_as("test-alice", "rucio", "did", "content", "list", dataset)
    assert ext_name in contents.stdout, contents.stdout + contents.stderr


def test_bob_cannot_reach_alice(alice, bob):
    # Bob's browser session, on alice's server: refused by the hub's authorisation.
    for method, path, body in (
        ("GET", "status", None),
        ("GET", "datalake/stage", None),
        ("GET", "basket", None),
        ("POST", "basket/items", {"kind": "note", "title": "from bob"}),
        ("POST", "datalake/stage", {"did": SMALL}),
    ):
        response = bob.api(method, path, owner="test-alice", json=body)
        assert response.status_code == 403, (method, path, response.status_code, response.text[:200])
        assert "test-alice@" not in response.text and "access_token" not in response.text
    # Bob's API token, straight at alice's server and at the broker.
    token = user_api_token("test-bob")
    direct = httpx.get(
        f"{HUB}/user/test-alice/escape/api/status",
        headers={"Authorization": f"token {token}"},
        timeout=30,
        follow_redirects=False,
    )
    assert direct.status_code == 403
    mine = httpx.get(f"{BROKER}token", headers={"Authorization": f"token {token}"}, timeout=30)
    assert mine.status_code == 200 and mine.json()["username"] == "test-bob"
    assert "refresh_token" not in mine.json()
    # Bob's Unix account cannot read alice's files either.
    peek = run_as("test-bob", "cat", "/home/test-alice/.local/share/jupyter/escape/bearer-token")
    assert peek.returncode != 0 and "Permission denied" in peek.stderr


def test_broker_refuses_callers_without_a_hub_token(hub_stack):
    for headers in ({}, {"Authorization": "token not-a-token"}, {"Authorization": "Basic YWxpY2U6eA=="}):
        response = httpx.get(f"{BROKER}token", headers=headers, timeout=30)
        assert response.status_code == 403, headers
        assert "access_token" not in response.text


def test_a_user_without_a_data_lake_account_is_told_so(hub_stack):
    carol = HubUser("test-carol")  # signs in at the hub; the data lake has no account for her (stack/idp/users.json)
    carol.sign_in()
    carol.wait_for_server()
    row = datalake_row(status(carol))
    assert row["reachable"] and row["auth"] == "failed"
    assert "CannotAuthenticate" in row["auth_detail"]  # Rucio's own words, verbatim
    assert "no account for your identity" in row["auth_detail"] and "ISS=" in row["auth_detail"]
    browse = carol.api("GET", "datalake/scopes")
    assert browse.status_code == 401 and "no account for your identity" in browse.json()["error"]
    # The other pillars are unaffected.
    assert all(s["reachable"] for s in status(carol)["services"])
    carol.close()
