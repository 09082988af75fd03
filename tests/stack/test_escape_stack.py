"""stack/escape-stack itself, run on a copy of the framework with small throw-away components.

No root and no real services: each fake component writes its events to a file and may start a background
"daemon" (sleep) the way real components start servers.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess

import pytest

STACK = pathlib.Path(__file__).resolve().parents[2] / "stack"

UP = """#!/usr/bin/env bash
set -euo pipefail
echo "start {name} $EPOCHREALTIME" >> "$EVENTS"
sleep {seconds}
{extra}
touch "$STATE_DIR/running"
echo "end {name} $EPOCHREALTIME" >> "$EVENTS"
"""
DOWN = """#!/usr/bin/env bash
rm -f "$STATE_DIR/running"; echo "down {name}" >> "$EVENTS"
"""
STATUS = """#!/usr/bin/env bash
[ -f "$STATE_DIR/running" ] && echo "{name} fine" && exit 0
echo "{name} stopped"; exit 1
"""


@pytest.fixture
def fake_stack(tmp_path):
    root = tmp_path / "stack"
    root.mkdir()
    shutil.copy2(STACK / "escape-stack", root / "escape-stack")
    shutil.copy2(STACK / "stack.env", root / "stack.env")
    shutil.copytree(STACK / "lib", root / "lib")
    events = tmp_path / "events"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESCAPE_")}
    env.update(EVENTS=str(events), ESCAPE_STACK_LOCK_WAIT="5")

    def component(name, seconds=0.0, extra=""):
        folder = root / name
        folder.mkdir()
        for script, text in (("up", UP), ("down", DOWN), ("status", STATUS)):
            path = folder / f"{script}.sh"
            path.write_text(text.format(name=name, seconds=seconds, extra=extra))
            path.chmod(0o755)

    def run(*args, check=True):
        proc = subprocess.run(
            [str(root / "escape-stack"), *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"escape-stack {args} exited {proc.returncode}: {proc.stdout}{proc.stderr}")
        return proc

    def lines():
        return events.read_text().splitlines() if events.exists() else []

    return root, component, run, lines


def _times(lines, kind):
    return {ln.split()[1]: float(ln.split()[2]) for ln in lines if ln.startswith(kind + " ")}


def test_stages_start_in_order_and_names_on_one_line_in_parallel(fake_stack):
    root, component, run, lines = fake_stack
    component("base", 0.2)
    component("left", 1.0)
    component("right", 1.0)
    (root / "components").write_text("# comment\nbase\nleft   right  # same stage\n")
    proc = run("up")
    assert "stack up in" in proc.stderr
    starts, ends = _times(lines(), "start"), _times(lines(), "end")
    assert starts["left"] >= ends["base"] and starts["right"] >= ends["base"]
    assert starts["right"] < ends["left"] and starts["left"] < ends["right"]  # overlapped
    status = run("status")
    assert [ln.split()[:2] for ln in status.stdout.splitlines()[1:]] == [
        ["base", "up"],
        ["left", "up"],
        ["right", "up"],
    ]
    run("down")
    assert lines()[-1] == "down base"  # stopped in reverse stage order
    stopped = run("status", check=False)
    assert stopped.returncode == 1 and "base       down  base stopped" in stopped.stdout


def test_failure_stops_bring_up_and_shows_the_log(fake_stack):
    root, component, run, lines = fake_stack
    component("good")
    component("bad", extra='echo "port 1234 is taken" >&2; exit 3')
    component("later")
    (root / "components").write_text("good\nbad\nlater\n")
    proc = run("up", check=False)
    assert proc.returncode != 0
    assert "bad: up FAILED (exit 3)" in proc.stderr and "port 1234 is taken" in proc.stderr
    assert "start later" not in "\n".join(lines())
    assert (root / ".state" / "logs" / "bad.log").read_text().count("port 1234 is taken") == 1


def test_daemons_started_by_a_component_do_not_hold_the_lock(fake_stack):
    root, component, run, _ = fake_stack
    component("server", extra='sleep 30 >/dev/null 2>&1 &\necho $! > "$STATE_DIR/pid"')
    (root / "components").write_text("server\n")
    run("up")
    pid = int((root / ".state" / "server" / "pid").read_text())
    try:
        # fails after ESCAPE_STACK_LOCK_WAIT (5 s) with "held the lock" if the daemon had inherited fd 9
        run("up")
    finally:
        os.kill(pid, 15)


def test_unknown_or_incomplete_components_are_named(fake_stack):
    root, component, run, _ = fake_stack
    component("real")
    (root / "components").write_text("real\n")
    proc = run("up", "nosuch", check=False)
    assert proc.returncode == 1 and "unknown component 'nosuch'" in proc.stderr
    (root / "half").mkdir()
    (root / "half" / "up.sh").write_text("#!/bin/sh\n")
    proc = run("status", "half", check=False)
    assert proc.returncode == 1 and "stack/half/up.sh" in proc.stderr
    assert run("bogus", check=False).returncode == 2


def test_env_prints_shell_exports(fake_stack):
    root, component, run, _ = fake_stack
    component("real")
    (root / "components").write_text("real\n")
    out = run("env").stdout
    assert "export ESCAPE_REGTAP_URL='http://127.0.0.1:8090/tap'" in out
    shell = subprocess.run(["bash", "-c", f"{out}\necho $ESCAPE_DACHS_URL"], capture_output=True, text=True, check=True)
    assert shell.stdout.strip() == "http://127.0.0.1:8090"
