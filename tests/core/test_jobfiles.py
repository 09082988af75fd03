"""The job-file store every long-running job kind saves through (core/jobfiles.py): private files, atomic writes
(a crash between writing and renaming leaves the old state), "interrupted" for jobs a stopped server left, and an
unreadable file named without hiding the other jobs."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from jupyter_escape.core.errors import BadInput, EscapeError
from jupyter_escape.core.jobfiles import JobFiles, UnreadableJobFile, interrupted, write_private_json

FINAL = ("done", "failed", "cancelled", "interrupted")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_job_files_are_private_and_read_back(tmp_path):
    store = JobFiles(tmp_path / "kind" / "jobs", noun="upload job", service="zooniverse")
    store.save({"job_id": "a1", "state": "running", "n": 1})
    store.save({"job_id": "b2", "state": "done", "n": 2})
    assert _mode(store.folder) == 0o700 and _mode(store.path("a1")) == 0o600
    assert store.load("a1") == {"job_id": "a1", "state": "running", "n": 1}
    assert [j["job_id"] for j in store.jobs()] == ["a1", "b2"]
    assert sorted(p.name for p in store.folder.iterdir()) == ["a1.json", "b2.json"]  # no temporary left
    with pytest.raises(EscapeError) as missing:
        store.load("c3")
    assert missing.value.status == 404 and missing.value.service == "zooniverse"
    assert missing.value.message == "no upload job 'c3'"


def test_a_stale_temporary_with_loose_permissions_does_not_make_the_file_readable_to_others(tmp_path):
    target = tmp_path / "j1.json"
    stale = tmp_path / f".j1.json.{os.getpid()}.{threading.get_ident()}.tmp"
    stale.write_text("left by a crash")
    stale.chmod(0o644)
    write_private_json(target, {"job_id": "j1"})
    assert _mode(target) == 0o600 and json.loads(target.read_text()) == {"job_id": "j1"}


@pytest.mark.parametrize("job_id", ["../x", "a/b", "", "x" * 33, "é1", 7])
def test_an_id_that_could_leave_the_folder_is_refused(tmp_path, job_id):
    with pytest.raises(BadInput) as err:
        JobFiles(tmp_path, noun="install job").path(job_id)
    assert err.value.to_json()["error"].endswith("expected an install job id")


def test_a_value_that_is_not_json_writes_nothing_unless_the_store_has_a_fallback(tmp_path):
    store = JobFiles(tmp_path, noun="publish job")
    store.save({"job_id": "j1", "state": "running"})
    with pytest.raises(TypeError):
        store.save({"job_id": "j1", "state": "done", "when": object()})
    assert store.load("j1")["state"] == "running" and [p.name for p in tmp_path.iterdir()] == ["j1.json"]
    lenient = JobFiles(tmp_path, noun="SAMP send", id_key="id", default=str)
    lenient.save({"id": "s1", "path": Path("/x")})
    assert lenient.load("s1")["path"] == "/x"


def test_a_failed_rename_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    store = JobFiles(tmp_path, noun="publish job")
    store.save({"job_id": "j1", "state": "uploading", "sent": 10})

    def refuse(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        store.save({"job_id": "j1", "state": "uploading", "sent": 20})
    monkeypatch.undo()
    assert store.load("j1")["sent"] == 10 and [p.name for p in tmp_path.iterdir()] == ["j1.json"]


def test_a_process_killed_between_write_and_rename_leaves_the_old_state(tmp_path):
    """A real crash: a child process writes the new state, then dies (os._exit) where the rename would be."""
    store = JobFiles(tmp_path, noun="publish job")
    store.save({"job_id": "j1", "state": "uploading", "sent": 10})
    child = (
        "import os, sys\n"
        "from jupyter_escape.core.jobfiles import JobFiles\n"
        "os.replace = lambda src, dst: os._exit(9)\n"
        "JobFiles(sys.argv[1], noun='publish job').save({'job_id': 'j1', 'state': 'done', 'sent': 20})\n"
    )
    died = subprocess.run([sys.executable, "-c", child, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert died.returncode == 9, died.stderr
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers[1:] == ["j1.json"] and leftovers[0].startswith(".j1.json.")  # the new state, never renamed
    assert json.loads((tmp_path / leftovers[0]).read_text())["sent"] == 20
    assert store.load("j1") == {"job_id": "j1", "state": "uploading", "sent": 10}
    assert [j["sent"] for j in store.jobs()] == [10]  # the listing does not take the temporary for a job
    store.save({"job_id": "j1", "state": "done", "sent": 20})
    assert store.load("j1")["state"] == "done"


def test_interrupted_reads_a_running_job_as_stopped_and_keeps_finished_ones():
    running = {"job_id": "j1", "state": "uploading", "error": None}
    view = interrupted(running, FINAL, {"error": "the server stopped", "service": None}, resumable=True)
    assert view == {
        "job_id": "j1",
        "state": "interrupted",
        "error": {"error": "the server stopped", "service": None},
        "resumable": True,
    }
    assert running["state"] == "uploading"  # a copy: the saved record is not changed
    failed = {"job_id": "j2", "state": "failed", "error": "HTTP 500"}
    assert interrupted(failed, FINAL, "the server stopped") is failed
    earlier = {"job_id": "j3", "state": "running", "error": "first file refused"}
    assert interrupted(earlier, FINAL, "the server stopped")["error"] == "first file refused"


def test_interrupt_rewrites_only_the_selected_unfinished_jobs(tmp_path):
    store = JobFiles(tmp_path, noun="SAMP send", id_key="id")
    for job_id, owner, state in (("a1", "server", "sending"), ("b2", "kernel", "sending"), ("c3", "server", "done")):
        store.save({"id": job_id, "owner": owner, "state": state, "error": None})
    marked = store.interrupt(lambda j: j["owner"] == "server", FINAL, "the Jupyter server stopped during this send")
    assert [p.name for p in marked] == ["a1.json"]
    assert {j["id"]: j["state"] for j in store.jobs()} == {"a1": "interrupted", "b2": "sending", "c3": "done"}
    assert store.load("a1")["error"] == "the Jupyter server stopped during this send"
    assert _mode(store.path("a1")) == 0o600


def test_forget_older_than_removes_old_job_files_only(tmp_path):
    store = JobFiles(tmp_path, noun="SAMP send", id_key="id")
    store.save({"id": "old", "created_at": time.time() - 2 * 86400})
    store.save({"id": "new", "created_at": time.time()})
    store.forget_older_than(86400)
    assert [j["id"] for j in store.jobs()] == ["new"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [('{"job_id": "b2", "state": "runn', "not JSON"), ("[1, 2]", "expected a JSON object, found list")],
)
def test_an_unreadable_job_file_is_named_and_the_other_jobs_still_list(tmp_path, content, reason):
    store = JobFiles(tmp_path, noun="publish job")
    store.save({"job_id": "a1", "state": "done"})
    store.save({"job_id": "c3", "state": "running"})
    (tmp_path / "b2.json").write_text(content)
    with pytest.raises(UnreadableJobFile) as err:
        store.load("b2")
    assert str(tmp_path / "b2.json") in err.value.message and reason in err.value.message
    assert err.value.status == 500
    assert [j["job_id"] for j in store.jobs()] == ["a1", "c3"]
    assert [e.path.name for e in store.unreadable] == ["b2.json"]
    assert store.interrupt(lambda j: True, FINAL, "stopped") == [tmp_path / "c3.json"]
    assert (tmp_path / "b2.json").read_text() == content  # left as it was, for whoever looks
