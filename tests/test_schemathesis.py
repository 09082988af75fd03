"""Schemathesis over the whole REST API, against a real jupyter-server with jupyter-escape on the local stack:
zero server errors, zero schema violations.

Safe by construction: the server's root and state are a fresh temporary folder; the outbound policy is on and
allows only the stack's ports (DaCHS, Rucio, the Zenodo replay) and a private Panoptes API replay (not
Zooniverse; started here so fuzzed subject sets and exports never reach the demo's replay), and a dead proxy catches everything that is not
loopback, so fuzzed URLs reach nothing else; Rucio has no destination RSE (no replication rule can be made) and
the Zenodo replay no token (nothing can be published). Counts are printed (-s) and written to the report folder.

ESCAPE_FUZZ_EXAMPLES (default 4 per operation and phase) keeps the run near 3 minutes on CI's 2 cores.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import Request, urlopen

import pytest
from _stack import rucio_test_credentials, stack_value

pytestmark = pytest.mark.stack

EXAMPLES = int(os.environ.get("ESCAPE_FUZZ_EXAMPLES", "4"))
TOKEN = "schemathesis-token"
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,"
    "negative_data_rejection"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_config(state: Path, zooniverse: dict) -> str:
    """jupyter_server_config.py for the fuzzed server: the stack's services, read-only where it matters."""
    rucio = stack_value("ESCAPE_RUCIO_URL", "")
    ports = sorted(
        {
            u.rsplit(":", 1)[1].split("/", 1)[0]
            for u in (
                stack_value("ESCAPE_DACHS_URL", "http://127.0.0.1:8090"),
                stack_value("ESCAPE_ZENODO_URL", ""),
                rucio,
                stack_value("ESCAPE_RUCIO_AUTH_URL", rucio),
            )
            if u.count(":") == 2
        }
    )
    lake = []
    if rucio:
        lake = [
            {
                "name": "local",
                "rucio_base_url": rucio,
                "auth_url": stack_value("ESCAPE_RUCIO_AUTH_URL", rucio),
                "auth_type": "userpass",
                **rucio_test_credentials(),  # not the demo's account: what the test leaves stays out of its views
                "ca_cert": stack_value("ESCAPE_RUCIO_CA_CERT", "") or None,
            }
        ]
    settings = {
        "registry_url": stack_value("ESCAPE_REGTAP_URL", "http://127.0.0.1:8090/tap"),
        "vo_services": [{"name": "Local DaCHS TAP", "url": stack_value("ESCAPE_TAP_URL", ""), "kind": "tap"}],
        "rucio_instances": lake,
        "software_repository": {
            "name": "ossr-replay",
            "base_url": stack_value("ESCAPE_ZENODO_URL", ""),
            "community": "escape2020",
        },
        "state_dir": str(state),
        "request_timeout": 15.0,
        "check_timeout": 5.0,
        "blocking_timeout": 30.0,
        "block_private_targets": True,
        "outbound_allowlist": [f"127.0.0.1:{p}" for p in ports] + [zooniverse["endpoint"].split("//", 1)[1]],
        "zooniverse": zooniverse,
    }
    lines = [
        "c = get_config()  # noqa: F821",
        "c.ServerApp.open_browser = False",
        "c.ServerApp.allow_root = True",
        f"c.IdentityProvider.token = {TOKEN!r}",
    ]
    lines += [f"c.EscapeConfig.{k} = {v!r}" for k, v in settings.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def zooniverse_replay(tmp_path_factory):
    """A private replay of the Panoptes API (stack/zooniverse/panoptes_replay.py), signed in as its one user."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stack" / "zooniverse"))
    from panoptes_replay import start_replay
    from replay_seed import PASSWORD, USER

    password = tmp_path_factory.mktemp("zooniverse-secrets") / "password"
    password.write_text(PASSWORD + "\n")
    password.chmod(0o600)
    replay, endpoint = start_replay(port=0)
    yield {
        "display_name": "Zooniverse (Panoptes API replay)",
        "endpoint": endpoint,
        "username": USER["login"],
        "password_file": str(password),
    }
    replay.shutdown()
    replay.server_close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, zooniverse_replay):
    base = tmp_path_factory.mktemp("fuzzed-server")
    root, state = base / "root", base / "state"
    root.mkdir()
    (base / "config.py").write_text(_server_config(state, zooniverse_replay))
    port = _free_port()
    env = {
        **os.environ,
        "HOME": str(base),
        "JUPYTER_CONFIG_DIR": str(base / "jupyter-config"),
        "JUPYTER_DATA_DIR": str(base / "jupyter-data"),
        "JUPYTER_RUNTIME_DIR": str(base / "runtime"),
        # Anything not on loopback goes to a closed port, never out (the policy refuses other loopback ports).
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "ALL_PROXY": "http://127.0.0.1:9",
        "NO_PROXY": "127.0.0.1,localhost",
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "no_proxy": "127.0.0.1,localhost",
    }
    log = (base / "server.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter_server",
            f"--config={base / 'config.py'}",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            "--ServerApp.jpserver_extensions={'jupyter_escape': True}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=root,
    )
    url = f"http://127.0.0.1:{port}/escape/api"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urlopen(Request(url + "/handshake", headers={"Authorization": f"token {TOKEN}"}), timeout=5):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(
                    f"the fuzzed server did not start: {(base / 'server.log').read_text()[-3000:]}"
                ) from None
            time.sleep(0.5)
    yield {"url": url, "base": base, "root": root}
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def _counts(report_dir: Path) -> dict:
    """Operations, test cases, server errors and schema violations from schemathesis' JSON run report."""
    [path] = sorted(report_dir.glob("json-*.json"))[-1:]
    report = json.loads(path.read_text())
    failures = {f["code"]: f["count"] for f in report.get("failures", [])}
    return {
        "operations": report["operations"]["tested"],
        "test_cases": report["test_cases"]["generated"],
        "server_errors": failures.get("ST101", 0),
        "schema_violations": sum(n for code, n in failures.items() if code != "ST101"),
        "network_errors": sum(e["count"] for e in report.get("errors", [])),
        "seconds": round(report["running_time"]),
        "failures": report.get("failures", []),
        "errors": report.get("errors", []),
    }


def test_whole_api_no_server_errors_no_schema_violations(server):
    report_dir = server["base"] / "schemathesis-report"
    start = time.monotonic()
    run = subprocess.run(
        [
            str(Path(sys.executable).parent / "st"),
            "run",
            server["url"] + "/openapi.json",
            "-H",
            f"Authorization: token {TOKEN}",
            "--checks",
            CHECKS,
            "--max-examples",
            str(EXAMPLES),
            "--phases",
            "examples,coverage,fuzzing",
            "--seed",
            "20261204",
            "--workers",
            "2",
            "--request-timeout",
            "60",
            "--suppress-health-check",
            "all",
            "--no-shrink",
            "--report",
            "json,junit",
            "--report-dir",
            str(report_dir),
        ],
        check=False,
        capture_output=True,
        text=True,
        cwd=server["base"],
        timeout=900,
    )
    elapsed = time.monotonic() - start
    counts = _counts(report_dir)
    print(run.stdout[-6000:])
    print(
        f"schemathesis {EXAMPLES} examples/operation: {counts['operations']} operations, {counts['test_cases']} "
        f"test cases, {counts['server_errors']} server errors, {counts['schema_violations']} schema violations, "
        f"{counts['network_errors']} network errors, {elapsed:.0f} s"
    )
    # Keep the evidence: the server's log and the reports go to the folder pytest prints on failure.
    assert run.returncode == 0 and counts["server_errors"] == counts["schema_violations"] == 0, (
        json.dumps(counts, indent=1)[:6000]
        + "\n"
        + run.stdout[-12000:]
        + run.stderr[-3000:]
        + "\nserver log tail:\n"
        + (server["base"] / "server.log").read_text()[-6000:]
    )
