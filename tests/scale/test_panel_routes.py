"""The panel's routes for the Dask cluster and its cross-match jobs, on a real jupyter-server: start a real
LocalCluster (and a real gateway cluster from the local stack), run a cross-match as a job with progress, cancel
one, stop the cluster."""

from __future__ import annotations

import asyncio
import json
import time

import pyarrow.parquet as pq
import pytest
from tornado.httpclient import HTTPClientError

from jupyter_escape.basket.xmatch import crossmatch as in_memory
from tests._stack import stack_value

from .conftest import pair_of_tables


async def _until_finished(fetch_json, job_id: str, timeout: float = 240) -> dict:
    deadline = time.monotonic() + timeout
    seen = []
    while True:
        job = await fetch_json("scale", "xmatch", job_id)
        if job["progress"]:
            seen.append(job["progress"]["done"])
        if job["state"] not in ("starting", "running"):
            job["seen_done"] = seen
            return job
        assert time.monotonic() < deadline, f"job still {job['state']} after {timeout} s: {job}"
        await asyncio.sleep(0.3)


async def _refused(call, status: int) -> dict:
    with pytest.raises(HTTPClientError) as info:
        await call
    assert info.value.code == status, info.value.response.body
    return json.loads(info.value.response.body)


async def test_panel_starts_a_local_cluster_runs_a_job_with_progress_and_stops_it(fetch_json, jp_root_dir):
    a, b = pair_of_tables()
    pq.write_table(a, jp_root_dir / "a.parquet")
    pq.write_table(b, jp_root_dir / "b.parquet")
    status = await fetch_json("scale", "cluster")
    assert status["cluster"] is None and status["machine"]["cores"] >= 1

    started = await fetch_json("scale", "cluster", method="POST", body={"kind": "local", "n_workers": 1})
    cluster = started["cluster"]
    assert cluster["kind"] == "local" and cluster["workers"] == 1
    assert cluster["dashboard_link"].startswith("http://127.0.0.1:")

    job = await fetch_json(
        "scale",
        "xmatch",
        method="POST",
        body={
            "left": {"path": "a.parquet"},
            "right": {"path": "b.parquet"},
            "radius_arcsec": 1.0,
            "engine": "dask",
            "table": "ab",
        },
    )
    job = await _until_finished(fetch_json, job["id"])
    assert job["state"] == "done", job["error"]
    assert job["engine_choice"]["engine"] == "dask"
    assert job["progress"]["total"] > 0 and job["progress"]["done"] == job["progress"]["total"]
    assert job["progress"]["cluster"] == cluster["name"]
    expected = in_memory(a, b, 1.0, engine="memory").n_matches
    assert job["result"]["n_matches"] == expected and job["result"]["saved"]["table"] == "ab"
    counted = await fetch_json("basket", "sql", method="POST", body={"sql": "SELECT count(*) AS n FROM ab"})
    assert counted["rows"] == [[expected]]
    provenance = json.dumps(await fetch_json("basket", "tables", "ab"))
    assert cluster["name"] in provenance  # the result's provenance names the cluster it ran on

    stopped = await fetch_json("scale", "cluster", method="DELETE")
    assert stopped["cluster"] is None


async def test_a_running_job_blocks_stop_and_cancels(fetch_json, jp_root_dir):
    a, b = pair_of_tables(150_000, seed=3)  # seconds of LSDB work on one worker: cancel comes first
    pq.write_table(a, jp_root_dir / "a.parquet")
    pq.write_table(b, jp_root_dir / "b.parquet")
    await fetch_json("scale", "cluster", method="POST", body={"kind": "local", "n_workers": 1})
    job = await fetch_json(
        "scale",
        "xmatch",
        method="POST",
        body={"left": {"path": "a.parquet"}, "right": {"path": "b.parquet"}, "radius_arcsec": 1.0, "engine": "dask"},
    )
    refused = await _refused(fetch_json("scale", "cluster", method="DELETE"), 409)
    assert "cancel it first" in refused["error"]

    await fetch_json("scale", "xmatch", job["id"], method="DELETE")
    job = await _until_finished(fetch_json, job["id"])
    assert job["state"] == "cancelled" and "cancelled" in job["error"]["error"]
    assert job["result"] is None
    assert (await fetch_json("scale", "cluster", method="DELETE"))["cluster"] is None


async def test_bad_cluster_and_job_requests_name_the_field(fetch_json):
    refused = await _refused(fetch_json("scale", "cluster", method="POST", body={"kind": "gateway"}), 400)
    assert refused["error"].startswith("gateway:")
    refused = await _refused(
        fetch_json("scale", "cluster", method="POST", body={"kind": "gateway", "gateway": "tcp://127.0.0.1:8099"}), 400
    )
    assert "not an http(s) URL" in refused["error"]
    refused = await _refused(
        fetch_json("scale", "cluster", method="POST", body={"kind": "local", "n_workers": 64}), 400
    )
    assert refused["error"].startswith("n_workers:")
    refused = await _refused(
        fetch_json(
            "scale",
            "xmatch",
            method="POST",
            body={"left": "no_such_table", "right": "no_such_table", "radius_arcsec": 1.0},
        ),
        400,
    )
    assert "no_such_table" in refused["error"]
    await _refused(fetch_json("scale", "xmatch", "12345"), 404)


async def test_panel_starts_a_gateway_cluster_and_shuts_it_down(fetch_json, monkeypatch):
    from dask_gateway import Gateway

    from jupyter_escape.scale.cluster import gateway_auth

    url = stack_value("ESCAPE_DASK_GATEWAY_URL")
    monkeypatch.setenv("ESCAPE_DASK_GATEWAY_PASSWORD_FILE", stack_value("ESCAPE_DASK_GATEWAY_PASSWORD_FILE"))
    monkeypatch.setenv("ESCAPE_DASK_GATEWAY_USER", "escape-panel-tests")
    started = await fetch_json(
        "scale", "cluster", method="POST", body={"kind": "gateway", "gateway": url, "n_workers": 1}
    )
    cluster = started["cluster"]
    assert cluster["kind"] == "gateway" and cluster["workers"] == 1
    assert cluster["dashboard_link"].startswith(f"{url}/clusters/{cluster['name']}")
    gateway = Gateway(url, auth=gateway_auth(user="escape-panel-tests"))
    assert cluster["name"] in [c.name for c in gateway.list_clusters()]

    assert (await fetch_json("scale", "cluster", method="DELETE"))["cluster"] is None
    deadline = time.monotonic() + 60
    while cluster["name"] in [c.name for c in gateway.list_clusters()]:
        assert time.monotonic() < deadline, "the gateway cluster was not shut down"
        await asyncio.sleep(1)
