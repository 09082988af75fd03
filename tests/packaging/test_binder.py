"""Binder: the landing notebook's first cell names the public services (the defaults without a server
configuration), and every file postBuild copies exists."""

from __future__ import annotations

import os
import pathlib
import re
import shlex
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_first_cell_names_the_public_services(tmp_path):
    text = (ROOT / "binder" / "START-HERE.md").read_text()
    first = re.search(r"```\{code-cell\}[^\n]*\n(.*?)```", text, re.DOTALL).group(1)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ESCAPE_", "JUPYTER_ESCAPE_"))}
    env.update(HOME=str(tmp_path), PYTHONPATH=str(ROOT), JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter"))
    out = subprocess.run(
        [sys.executable, "-c", first], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert "https://reg.g-vo.org/tap" in out
    assert "https://vre-rucio.cern.ch" in out
    assert "https://zenodo.org/api" in out


def test_post_build_copies_files_that_exist():
    script = (ROOT / "binder" / "postBuild").read_text()
    copied = [
        w
        for line in script.splitlines()
        if line.startswith("cp ")
        for w in shlex.split(line)[1:-1]
        if not w.startswith("-")
    ]
    assert copied
    for pattern in copied:
        assert list(ROOT.glob(pattern)), f"postBuild copies {pattern}, which matches nothing"
    assert "jupytext" in (ROOT / "binder" / "environment.yml").read_text()
