"""The user's install, as the README gives it: a wheel of this tree, `pip install "jupyter-escape[lab]"` into a
clean virtual environment (no --system-site-packages, nothing from the development .venv), then `jupyter lab`.

Checks that JupyterLab comes with it, that the prebuilt labextension and the server extension are both found and
enabled, that the versions the wheel, the server's handshake and package.json report agree, and that the ESCAPE
sidebar loads in Chromium without a handshake banner. Packages come from PyPI (pip's cache makes a rerun quick).
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGE_VERSION = json.loads((ROOT / "package.json").read_text())["version"]

pytestmark = pytest.mark.timeout(900)


def _run(cmd: list[str], **kw) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    # jupyter's extension lists colour "enabled" and "OK": compare the text, not the terminal codes.
    return re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)


@pytest.fixture(scope="module")
def user_venv(tmp_path_factory):
    work = tmp_path_factory.mktemp("user-install")
    assert (ROOT / "jupyter_escape" / "labextension" / "package.json").exists(), "build the frontend first (make build)"
    # The frontend is already built (make build): the wheel's build hook packs it instead of rebuilding it.
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(work / "dist"),
            str(ROOT),
        ],
        cwd=ROOT,
    )
    wheels = list((work / "dist").glob("jupyter_escape-*.whl"))
    assert len(wheels) == 1, wheels
    venv = work / "venv"
    _run([shutil.which("python3") or sys.executable, "-m", "venv", str(venv)])
    _run([str(venv / "bin" / "pip"), "install", "-q", f"{wheels[0]}[lab]"])
    return venv, wheels[0]


def _isolated_env(venv: pathlib.Path, home: pathlib.Path) -> dict:
    # Only the clean venv: no development .venv on PATH, no user-level Jupyter config or data.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "VIRTUAL_ENV", "PYTHON"))}
    env.update(
        PATH=f"{venv / 'bin'}:/usr/bin:/bin",
        HOME=str(home),
        JUPYTER_CONFIG_DIR=str(home / ".jupyter"),
        JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"),
        JUPYTER_PLATFORM_DIRS="1",
    )
    return env


def test_wheel_version_matches_package_json(user_venv):
    _venv, wheel = user_venv
    assert wheel.name.startswith(f"jupyter_escape-{PACKAGE_VERSION}-"), (wheel.name, PACKAGE_VERSION)


def test_lab_comes_with_the_extension_enabled(user_venv, tmp_path):
    venv, _wheel = user_venv
    env = _isolated_env(venv, tmp_path)
    assert (venv / "bin" / "jupyter-lab").exists(), "jupyter lab is not installed by jupyter-escape[lab]"
    labext = _run([str(venv / "bin" / "jupyter"), "labextension", "list"], env=env)
    assert "(python, jupyter-escape)" in labext, f"install.json missing from the wheel:\n{labext}"
    assert re.search(rf"jupyter-escape v{re.escape(PACKAGE_VERSION)} .*enabled.*OK", labext), labext
    serverext = _run([str(venv / "bin" / "jupyter"), "server", "extension", "list"], env=env)
    assert re.search(rf"jupyter_escape {re.escape(PACKAGE_VERSION)} .*OK", serverext), serverext
    assert re.search(r"jupyter_escape enabled", serverext), serverext


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lab_starts_and_the_sidebar_loads(user_venv, tmp_path):
    venv, _wheel = user_venv
    env = _isolated_env(venv, tmp_path)
    port, token = _free_port(), "user-install-check"
    env["JUPYTER_TOKEN"] = token
    log = open(tmp_path / "lab.log", "w")  # noqa: SIM115 (the server writes to it for the whole test; closed in the finally)
    lab = subprocess.Popen(
        [
            str(venv / "bin" / "jupyter"),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port_retries=0",
            "--allow-root",
        ],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            assert lab.poll() is None, (tmp_path / "lab.log").read_text()[-3000:]
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        req = urllib.request.Request(
            f"{base}/escape/api/handshake?token={token}", headers={"X-Escape-Frontend-Version": PACKAGE_VERSION}
        )
        shake = json.load(urllib.request.urlopen(req, timeout=10))
        assert shake["server_version"] == PACKAGE_VERSION and shake["versions_match"], shake
        shot = ROOT / "ui-tests" / "test-results" / "user-install-sidebar.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        out = _run(
            ["node", str(ROOT / "tests" / "packaging" / "sidebar_loads.cjs"), f"{base}/lab?token={token}", str(shot)],
            timeout=180,
        )
        seen = json.loads(out.strip().splitlines()[-1])
        assert seen["sidebar"] is True and seen["banners"] == [], seen
    finally:
        lab.terminate()
        lab.wait(timeout=30)
        log.close()
