"""Brings the demo workspace's example notebooks up to date with examples/ without losing what a user changed.

`cp -n` kept an old workspace on the old tour for ever. Now a manifest in the workspace (.escape-examples.json)
records the hash of each notebook as shipped when it was copied there:

- a notebook not in the workspace is copied;
- a shipped notebook that did not change since it was copied leaves the workspace's copy alone, edited or not;
- a shipped notebook that changed replaces the workspace's copy when the user did not change it; when they did
  (or when there is no record, as in a workspace made before this manifest), their copy is first renamed to
  "<name> (your copy, <date>).ipynb" beside the new one.

Prints one line saying what it did (nothing when nothing changed). Usage: update_examples.py SHIPPED_DIR WORKSPACE
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

MANIFEST = ".escape-examples.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy(src: Path, dst: Path) -> None:
    """Copy through a temporary name and rename: the workspace never holds half a notebook."""
    partial = dst.with_name(f".{dst.name}.partial")
    shutil.copyfile(src, partial)
    os.replace(partial, dst)


def _kept_name(notebook: Path, today: str) -> Path:
    candidate = notebook.with_name(f"{notebook.stem} (your copy, {today}){notebook.suffix}")
    n = 2
    while candidate.exists():
        candidate = notebook.with_name(f"{notebook.stem} (your copy, {today}, {n}){notebook.suffix}")
        n += 1
    return candidate


def update(shipped_dir: Path, workspace: Path, today: str | None = None) -> list[str]:
    """Update the workspace; returns what happened, one short phrase per notebook that changed."""
    today = today or datetime.date.today().isoformat()
    manifest_path = workspace / MANIFEST
    try:
        recorded: dict[str, str] = json.loads(manifest_path.read_text())
    except (FileNotFoundError, ValueError):
        recorded = {}
    done: list[str] = []
    for src in sorted(shipped_dir.glob("*.ipynb")):
        shipped = _digest(src)
        dst = workspace / src.name
        if not dst.exists():
            _copy(src, dst)
            done.append(f"added {src.name}")
        elif recorded.get(src.name) != shipped:
            current = _digest(dst)
            if current == shipped:
                pass  # already the shipped version: only the record was missing
            elif current == recorded.get(src.name):
                _copy(src, dst)
                done.append(f"updated {src.name}")
            else:
                kept = _kept_name(dst, today)
                os.rename(dst, kept)
                _copy(src, dst)
                done.append(f"updated {src.name} (your copy is now {kept.name!r})")
        recorded[src.name] = shipped
    partial = manifest_path.with_name(f"{MANIFEST}.partial")
    partial.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
    os.replace(partial, manifest_path)
    return done


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    done = update(Path(argv[1]), Path(argv[2]))
    if done:
        print("  Example notebooks: " + "; ".join(done) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
