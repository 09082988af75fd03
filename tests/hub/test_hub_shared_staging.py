"""Two users stage the same dataset at the same moment: with downloads each gets a verified copy of their own (in
their own home, owned by them); with the replica mode both rules land on the one mounted replica, which both read.
Real Rucio, WebDAV storage and hub."""

from __future__ import annotations

import threading
import zlib
from pathlib import Path

import pytest
from _hub import HubUser

pytestmark = pytest.mark.stack
DATASET = "escape_demo:hst_acs_m51"


def _adler32(path: str) -> str:
    value = 1
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            value = zlib.adler32(block, value)
    return f"{value & 0xFFFFFFFF:08x}"


def _stage_together(users: list[HubUser], mode: str) -> dict[str, dict]:
    """Both users press Stage at once (a barrier, then the POSTs); the finished jobs by user."""
    barrier = threading.Barrier(len(users))
    started: dict[str, dict] = {}

    def go(user: HubUser) -> None:
        barrier.wait()
        response = user.api("POST", "datalake/stage", json={"did": DATASET, "mode": mode})
        assert response.status_code in (200, 201), response.text
        started[user.name] = response.json()

    threads = [threading.Thread(target=go, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return {u.name: u.wait_job("stage", started[u.name]["id"], timeout=300) for u in users}


def test_same_dataset_downloaded_at_once_gives_each_a_verified_copy(alice, bob):
    jobs = _stage_together([alice, bob], "download")
    copies = {}
    for name, job in jobs.items():
        assert job["state"] == "done", job
        assert job["files"], job
        for f in job["files"]:
            path = f["path"]
            assert path.startswith(f"/home/{name}/"), f"{name}'s copy is outside their home: {path}"
            assert Path(path).stat().st_uid == _uid(name), f"{path} is not owned by {name}"
            assert _adler32(path) == f["adler32"], f"{path} does not match Rucio's checksum"
            copies.setdefault(f["name"], []).append(path)
    assert all(len(paths) == 2 and paths[0] != paths[1] for paths in copies.values()), copies


def test_same_dataset_as_replicas_shares_the_mounted_copy(alice, bob):
    jobs = _stage_together([alice, bob], "replica")
    paths = {}
    for name, job in jobs.items():
        assert job["state"] == "done", job
        assert job["rule"]["account"] == name, job["rule"]
        paths[name] = sorted(f["path"] for f in job["files"])
        for f in job["files"]:
            assert _adler32(f["path"]) == f["adler32"]
    # One physical replica: both users' files are the same paths on the mount, under two rules (one per account).
    assert paths["test-alice"] == paths["test-bob"] and paths["test-alice"]
    assert jobs["test-alice"]["rule_id"] != jobs["test-bob"]["rule_id"]


def _uid(name: str) -> int:
    import pwd

    return pwd.getpwnam(name).pw_uid
