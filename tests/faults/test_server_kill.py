"""The server under test is killed mid-upload and restarted; through its REST routes the user sees the truth.

A real jupyter-server subprocess with jupyter-escape (not pytest-jupyter's in-process one, so it can be killed with
SIGKILL), configured through fault proxies in front of the REAL stack servers (tests/faults/proxy.py): Rucio, the
WebDAV door and DaCHS keep running for the other sessions; only this server's connections are cut or refused.
Checked after each fault, directly on the storage and in Rucio: no partial file under a final name, no DID for
work that did not finish, every job's state and message true, resume to verified checksums.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from _stack import stack_value

from .conftest import RSE, SCOPE, via_proxies
from .test_tap_freshness import QUERY, pending_job_via
from .test_upload_faults import MB, make_file, wait_until

pytestmark = pytest.mark.stack

TOKEN = "fault-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, base: Path, proxies: dict):
        self.base, self.root, self.state = base, base / "root", base / "state"
        self.root.mkdir(exist_ok=True)
        settings = {
            "rucio_instances": [via_proxies(proxies["rucio"], proxies["webdav"])],
            "registry_url": stack_value("ESCAPE_REGTAP_URL", "http://127.0.0.1:8090/tap"),
            "software_repository": {},
            "state_dir": str(self.state),
            "check_timeout": 3.0,
        }
        lines = [
            "c = get_config()  # noqa: F821",
            "c.ServerApp.open_browser = False",
            "c.ServerApp.allow_root = True",
            f"c.IdentityProvider.token = {TOKEN!r}",
        ] + [f"c.EscapeConfig.{k} = {v!r}" for k, v in settings.items()]
        (base / "config.py").write_text("\n".join(lines) + "\n")
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        port = _free_port()
        env = {
            **os.environ,
            "HOME": str(self.base),
            "JUPYTER_CONFIG_DIR": str(self.base / "jupyter-config"),
            "JUPYTER_DATA_DIR": str(self.base / "jupyter-data"),
            "JUPYTER_RUNTIME_DIR": str(self.base / "rt"),
        }
        self.log = (self.base / "server.log").open("a")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyter_server",
                f"--config={self.base / 'config.py'}",
                f"--ServerApp.root_dir={self.root}",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={port}",
                "--ServerApp.port_retries=0",
                "--ServerApp.jpserver_extensions={'jupyter_escape': True}",
            ],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=self.root,
        )
        self.url = f"http://127.0.0.1:{port}/escape/api/"
        self.http = httpx.Client(base_url=self.url, headers={"Authorization": f"token {TOKEN}"}, timeout=60)
        deadline = time.monotonic() + 90
        while True:
            try:
                if self.http.get("handshake").status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((self.base / "server.log").read_text()[-3000:])
            time.sleep(0.3)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)
        self.http.close()
        self.log.close()

    def get(self, path: str) -> dict:
        r = self.http.get(path)
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
def server(tmp_path, proxies):
    srv = Server(tmp_path, proxies)
    srv.start()
    yield srv
    if srv.proc.poll() is None:
        srv.proc.terminate()
        try:
            srv.proc.wait(20)
        except subprocess.TimeoutExpired:
            srv.proc.kill()


def test_routes_refuse_work_while_rucio_is_down(server, proxies):
    """Stage and upload answer 502 naming the data lake, and list no job afterwards."""
    make_file(server.root / "small.bin", 1, seed=5)
    proxies["rucio"].stop()
    r = server.http.post("datalake/stage", json={"did": "escape_demo:catalogues_m51"})
    assert r.status_code == 502 and r.json()["service"] == "Local data lake", r.text
    r = server.http.post(
        "datalake/uploads",
        json={"path": "small.bin", "rse": RSE, "scope": SCOPE, "name": f"never_{uuid.uuid4().hex[:8]}.bin"},
    )
    assert r.status_code == 502 and r.json()["service"] == "Local data lake", r.text
    assert server.get("datalake/stage")["jobs"] == [] and server.get("datalake/uploads")["jobs"] == []


def test_server_killed_mid_upload_then_resume(server, proxies, truth):
    webdav, dachs = proxies["webdav"], proxies["dachs"]
    size, adler = make_file(server.root / "run 42.bin", 4, seed=6)
    did = f"{SCOPE}:fault_kill_{uuid.uuid4().hex[:8]}.bin"
    webdav.throttle(1.5 * MB)
    r = server.http.post(
        "datalake/uploads", json={"path": "run 42.bin", "rse": RSE, "scope": SCOPE, "name": did.split(":")[1]}
    )
    assert r.status_code == 201, r.text
    job_id = r.json()["id"]
    start = webdav.sent
    wait_until(lambda: webdav.sent - start > 2 * MB, what="2 MB on the wire")
    time.sleep(1.2)  # progress is persisted at most once a second
    server.kill()
    # While the server is down, a TAP job is on its list and DaCHS stops answering too.
    info, real_url = pending_job_via(dachs)
    (server.state / "vo-jobs.json").write_text(
        json.dumps(
            {
                "version": 1,
                "jobs": [
                    {
                        "id": "faultjob",
                        "url": info.url,
                        "service_url": f"http://{dachs.address}/tap",
                        "query": QUERY,
                        "label": None,
                        "added": time.time(),
                        "phase": "PENDING",
                        "final": False,
                        "checked": time.time(),
                    }
                ],
            }
        )
    )
    dachs.stop()
    try:
        server.start()
        job = server.get(f"datalake/uploads/{job_id}")
        assert job["state"] == "interrupted" and job["resumable"], job["log"]
        assert 0 < job["bytes_done"] <= size  # persisted progress, not 0
        assert [x["pfn"] for x in job["leftovers"]] == [job["temp_pfn"]], job["leftovers"]
        assert truth.stored(job["pfn"]) is None and truth.did(did) is None
        [tap_job] = wait_until(
            lambda: [
                j for j in server.get("vo/tap/jobs")["jobs"] if (j.get("freshness") or {}).get("unreachable_since")
            ],
            what="the TAP job marked unreachable",
        )
        assert tap_job["phase"] == "PENDING" and "cannot reach TAP" in tap_job["freshness"]["message"]
        dachs.start()
        [tap_job] = server.get("vo/tap/jobs")["jobs"]
        assert tap_job["freshness"]["unreachable_since"] is None
        webdav.throttle(None)
        assert server.http.post(f"datalake/uploads/{job_id}/resume", json={}).status_code == 200
        job = wait_until(
            lambda: (j := server.get(f"datalake/uploads/{job_id}"))["state"] not in ("queued", "running") and j,
            timeout=120,
            what="the resumed upload",
        )
        assert job["state"] == "done" and job["verified"], (job["error"], job["log"])
        assert job["leftovers"] == []
        assert truth.stored(job["temp_pfn"]) is None and truth.stored(job["pfn"]) == size
        assert truth.did(did)["adler32"] == adler == job["checksums"]["storage"]["adler32"]
    finally:
        import asyncio

        from jupyter_escape.vo import tap

        asyncio.run(tap.delete_job(real_url))
