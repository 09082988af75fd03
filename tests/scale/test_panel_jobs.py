"""The panel's two other cluster jobs on a real jupyter-server and real clusters: a function the user chose (from a
workspace module or a pasted cell) run over basket tables, and a table written as HATS; progress, cancel, errors
from the workers, the result back in the basket with provenance naming the cluster and the inputs."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tornado.httpclient import HTTPClientError

from tests._stack import stack_value

from .conftest import pair_of_tables

MODULE = '''"""Helpers the user wrote in the workspace."""


def brighter(part, reference):
    out = part.copy()
    out["mag_bright"] = out["mag"] - 1.0
    out["reference_rows"] = len(reference)
    return out


def unused(part):
    return part
'''


async def _until_finished(fetch_json, job_id: str, timeout: float = 240) -> dict:
    deadline = time.monotonic() + timeout
    seen = []
    while True:
        job = await fetch_json("scale", "jobs", job_id)
        if job["progress"]:
            seen.append(job["progress"].get("stage") or job["progress"]["done"])
        if job["state"] not in ("starting", "running"):
            job["seen"] = seen
            return job
        assert time.monotonic() < deadline, f"job still {job['state']} after {timeout} s: {job}"
        await asyncio.sleep(0.2)


async def _refused(call, status: int) -> dict:
    with pytest.raises(HTTPClientError) as info:
        await call
    assert info.value.code == status, info.value.response.body
    return json.loads(info.value.response.body)


def _tables(root: Path, n: int = 3000):
    a, b = pair_of_tables(n)
    pq.write_table(a, root / "a.parquet")
    pq.write_table(b, root / "b.parquet")
    return a, b


async def test_a_module_function_runs_over_partitions_and_comes_back_with_provenance(fetch_json, jp_root_dir):
    a, b = _tables(jp_root_dir)
    (jp_root_dir / "tools").mkdir()
    (jp_root_dir / "tools" / "colours.py").write_text(MODULE)
    cluster = (await fetch_json("scale", "cluster", method="POST", body={"kind": "local", "n_workers": 1}))["cluster"]
    job = await fetch_json(
        "scale",
        "run",
        method="POST",
        body={
            "inputs": [{"path": "b.parquet"}, {"path": "a.parquet"}],
            "module": "tools/colours.py",
            "function": "brighter",
            "table": "bright",
            "partitions": 3,
        },
    )
    assert job["kind"] == "run" and job["request"]["function"] == "brighter"
    job = await _until_finished(fetch_json, job["id"])
    assert job["state"] == "done", job["error"]
    assert job["progress"] == {**job["progress"], "done": 3, "total": 3, "cluster": cluster["name"]}
    result = job["result"]
    assert result["rows"] == b.num_rows and result["partitions"] == 3 and result["cluster"] == cluster["name"]
    answer = await fetch_json(
        "basket",
        "sql",
        method="POST",
        body={"sql": "SELECT count(*), max(abs(mag - 1 - mag_bright)), min(reference_rows) FROM bright"},
    )
    assert answer["rows"] == [[b.num_rows, 0.0, a.num_rows]]  # every row, computed right, the whole 2nd input
    provenance = json.dumps(await fetch_json("basket", "tables", "bright"))
    for named in (cluster["name"], "brighter", "tools/colours.py", "b.parquet", "a.parquet"):
        assert named in provenance, named
    assert (await fetch_json("scale", "cluster", method="DELETE"))["cluster"] is None


async def test_worker_errors_come_back_verbatim_and_bad_code_is_refused_before_running(fetch_json, jp_root_dir):
    _tables(jp_root_dir)
    cluster = (await fetch_json("scale", "cluster", method="POST", body={"kind": "local", "n_workers": 1}))["cluster"]
    failing = "def check(part):\n    raise ValueError(f'no magnitudes in {len(part)} rows')\n"
    job = await fetch_json("scale", "run", method="POST", body={"inputs": [{"path": "a.parquet"}], "code": failing})
    job = await _until_finished(fetch_json, job["id"])
    assert job["state"] == "error" and job["result"] is None
    message = job["error"]["error"]
    assert "check failed on a partition" in message and "ValueError: no magnitudes in" in message, message
    # the cluster named once: as the service that reports the error, not again in the message
    assert job["error"]["service"] == f"Dask cluster {cluster['name']}" and cluster["name"] not in message, job

    bad = {"inputs": [{"path": "a.parquet"}], "code": "def f(part):\n    return part +\n"}
    refused = await _refused(fetch_json("scale", "run", method="POST", body=bad), 400)
    assert refused["error"].startswith("code: pasted cell, line 2")
    two = {"inputs": [{"path": "a.parquet"}], "code": "def f(p):\n    return p\n\n\ndef g(p):\n    return p\n"}
    refused = await _refused(fetch_json("scale", "run", method="POST", body=two), 400)
    assert refused["error"] == "function: pasted cell defines 2 functions (f, g): name the one to run"
    missing = {"inputs": ["no_such_table"], "code": "def f(p):\n    return p\n"}
    refused = await _refused(fetch_json("scale", "run", method="POST", body=missing), 400)
    assert refused["error"].startswith("inputs[0]:") and "no_such_table" in refused["error"]
    both = {"inputs": [{"path": "a.parquet"}], "code": "def f(p):\n    return p\n", "module": "x.py"}
    assert (await _refused(fetch_json("scale", "run", method="POST", body=both), 400))["error"].startswith("module:")

    slow = "def wait(part):\n    import time\n    time.sleep(60)\n    return part\n"
    job = await fetch_json("scale", "run", method="POST", body={"inputs": [{"path": "a.parquet"}], "code": slow})
    await fetch_json("scale", "jobs", job["id"], method="DELETE")
    job = await _until_finished(fetch_json, job["id"], timeout=60)
    assert job["state"] == "cancelled" and job["result"] is None
    await fetch_json("scale", "cluster", method="DELETE")


async def test_a_table_is_written_as_hats_with_stages_and_a_cancel_leaves_nothing(fetch_json, jp_root_dir):
    _tables(jp_root_dir)
    cluster = (await fetch_json("scale", "cluster", method="POST", body={"kind": "local", "n_workers": 1}))["cluster"]
    job = await fetch_json("scale", "hats", method="POST", body={"input": {"path": "a.parquet"}, "name": "a_hats"})
    job = await _until_finished(fetch_json, job["id"])
    assert job["state"] == "done", job["error"]
    result = job["result"]
    assert result["rows"] == 3000 and result["cluster"] == cluster["name"]
    assert set(job["seen"]) <= set(job["progress"]["stages"]) and len(job["seen"]) >= 1
    folder = jp_root_dir / result["path"]
    assert (folder / "collection.properties").is_file()
    snapshot = await fetch_json("basket")
    item = next(i for i in snapshot["items"] if i["id"] == result["item"]["id"])
    assert item["kind"] == "hats_catalog"
    assert cluster["name"] in json.dumps(result["provenance"]) and "a.parquet" in json.dumps(result["provenance"])
    refused = await _refused(
        fetch_json("scale", "hats", method="POST", body={"input": {"path": "a.parquet"}, "name": "a_hats"}), 400
    )
    assert refused["error"].startswith("name: hats/a_hats exists already")

    _tables(jp_root_dir, 200_000)  # seconds of partitioning on one worker: the cancel comes first
    job = await fetch_json("scale", "hats", method="POST", body={"input": {"path": "b.parquet"}, "name": "b_hats"})
    await fetch_json("scale", "jobs", job["id"], method="DELETE")
    job = await _until_finished(fetch_json, job["id"])
    assert job["state"] == "cancelled" and job["result"] is None
    assert not list(folder.parent.glob("*b_hats*")), "a cancelled write left files behind"
    await fetch_json("scale", "cluster", method="DELETE")


async def test_a_pasted_cell_runs_on_a_gateway_cluster(fetch_json, jp_root_dir, monkeypatch):
    _tables(jp_root_dir)
    url = stack_value("ESCAPE_DASK_GATEWAY_URL")
    monkeypatch.setenv("ESCAPE_DASK_GATEWAY_PASSWORD_FILE", stack_value("ESCAPE_DASK_GATEWAY_PASSWORD_FILE"))
    monkeypatch.setenv("ESCAPE_DASK_GATEWAY_USER", "escape-panel-tests")
    started = await fetch_json(  # a new worker process on a loaded machine can take a minute
        "scale", "cluster", method="POST", body={"kind": "gateway", "gateway": url, "n_workers": 1}, request_timeout=180
    )
    cluster = started["cluster"]
    cell = "def north(part):\n    return part[part['dec'] > 0]\n"
    job = await fetch_json(
        "scale", "run", method="POST", body={"inputs": [{"path": "a.parquet"}], "code": cell, "table": "north"}
    )
    job = await _until_finished(fetch_json, job["id"])
    assert job["state"] == "done", job["error"]
    expected = int((pq.read_table(jp_root_dir / "a.parquet")["dec"].to_numpy() > 0).sum())
    assert job["result"]["rows"] == expected and job["result"]["cluster"] == cluster["name"]
    provenance = json.dumps(await fetch_json("basket", "tables", "north"))
    assert cluster["name"] in provenance and "pasted cell" in provenance
    assert (await fetch_json("scale", "cluster", method="DELETE"))["cluster"] is None
