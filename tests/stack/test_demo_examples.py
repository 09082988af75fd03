"""stack/lab/update_examples.py, which `make demo` runs: a demo workspace gets the shipped example notebooks when
they change, and a notebook the user changed is kept beside the new one under a clear name, never overwritten."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "stack" / "lab" / "update_examples.py"


def _run(shipped: Path, workspace: Path) -> str:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(shipped), str(workspace)], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def _dirs(tmp_path: Path) -> tuple[Path, Path]:
    shipped, workspace = tmp_path / "examples", tmp_path / "demo-workspace"
    shipped.mkdir()
    workspace.mkdir()
    (shipped / "01-tour.ipynb").write_text('{"tour": 1}')
    return shipped, workspace


def test_a_new_workspace_gets_the_notebooks_and_a_second_run_says_nothing(tmp_path):
    shipped, workspace = _dirs(tmp_path)
    assert _run(shipped, workspace) == "Example notebooks: added 01-tour.ipynb."
    assert (workspace / "01-tour.ipynb").read_text() == '{"tour": 1}'
    assert _run(shipped, workspace) == ""
    assert not list(workspace.glob("*.partial"))


def test_an_unchanged_copy_takes_the_new_shipped_version(tmp_path):
    shipped, workspace = _dirs(tmp_path)
    _run(shipped, workspace)
    (shipped / "01-tour.ipynb").write_text('{"tour": 2}')
    assert _run(shipped, workspace) == "Example notebooks: updated 01-tour.ipynb."
    assert (workspace / "01-tour.ipynb").read_text() == '{"tour": 2}'
    assert sorted(p.name for p in workspace.glob("*.ipynb")) == ["01-tour.ipynb"]


def test_a_users_edits_stay_in_place_while_the_shipped_version_is_the_same(tmp_path):
    shipped, workspace = _dirs(tmp_path)
    _run(shipped, workspace)
    (workspace / "01-tour.ipynb").write_text('{"tour": "mine"}')
    assert _run(shipped, workspace) == ""
    assert (workspace / "01-tour.ipynb").read_text() == '{"tour": "mine"}'


def test_a_users_edited_copy_is_kept_beside_the_new_version(tmp_path):
    shipped, workspace = _dirs(tmp_path)
    _run(shipped, workspace)
    (workspace / "01-tour.ipynb").write_text('{"tour": "mine"}')
    (shipped / "01-tour.ipynb").write_text('{"tour": 2}')
    line = _run(shipped, workspace)
    kept = list(workspace.glob("01-tour (your copy, *).ipynb"))
    assert len(kept) == 1 and kept[0].read_text() == '{"tour": "mine"}'
    assert line == f"Example notebooks: updated 01-tour.ipynb (your copy is now {kept[0].name!r})."
    assert (workspace / "01-tour.ipynb").read_text() == '{"tour": 2}'
    # A second update the same day keeps both earlier copies.
    (workspace / "01-tour.ipynb").write_text('{"tour": "mine again"}')
    (shipped / "01-tour.ipynb").write_text('{"tour": 3}')
    _run(shipped, workspace)
    assert sorted(p.read_text() for p in workspace.glob("01-tour (your copy, *).ipynb")) == [
        '{"tour": "mine again"}',
        '{"tour": "mine"}',
    ]


def test_a_workspace_from_before_the_manifest(tmp_path):
    """`cp -n` made it: no record of what was shipped, so a copy that differs is kept (it may hold edits)."""
    shipped, workspace = _dirs(tmp_path)
    (workspace / "01-tour.ipynb").write_text('{"tour": "old"}')
    (workspace / "02-same.ipynb").write_text('{"same": 1}')
    (shipped / "02-same.ipynb").write_text('{"same": 1}')
    line = _run(shipped, workspace)
    assert line.startswith("Example notebooks: updated 01-tour.ipynb (your copy is now '01-tour (your copy, ")
    assert "02-same" not in line
    assert (workspace / "01-tour.ipynb").read_text() == '{"tour": 1}'
    manifest = json.loads((workspace / ".escape-examples.json").read_text())
    assert set(manifest) == {"01-tour.ipynb", "02-same.ipynb"}
