"""VO features against the real local DaCHS (stack/escape-stack up dachs): registry, VOSI, TAP sync and async,
cone search, SIA 1, SIA 2, SSA, DataLink and a SODA cutout; the same through the routes."""

from __future__ import annotations

import asyncio
import json
import pathlib

import pyarrow as pa
import pytest
from tornado.httpclient import HTTPClientError

from jupyter_escape.core.errors import EscapeError, RemoteError
from jupyter_escape.vo import dal, datalink, registry, tap
from jupyter_escape.vo.jobs import JobStore

pytestmark = pytest.mark.stack
LOCKMAN = (161.75, 58.08)  # the esc_img / esc_spec test position
COSMOS = (150.1, 2.2)


async def _search(dachs, **constraints):
    return await registry.search(registry.RegistryQuery(**constraints), dachs["regtap"])


def _kinds(resource) -> set:
    return {c["service"] for c in resource["capabilities"]}


# ---------------------------------------------------------------- registry
async def test_registry_keywords_find_title_description_and_subject(dachs):
    by_title = await _search(dachs, keywords=["LOFAR"])
    assert any("demo" in r["ivoid"] for r in by_title["resources"])
    by_subject = await _search(dachs, keywords=["radio-sources"])
    assert any("esc_demo" in r["ivoid"] for r in by_subject["resources"])
    none = await _search(dachs, keywords=["zzzunlikelywordzzz"])
    assert none["resources"] == []
    quoted = await _search(dachs, keywords=["O'Brien"])  # a quote must not break the ADQL
    assert quoted["resources"] == []


@pytest.mark.parametrize("servicetype", ["tap", "scs", "sia", "sia2", "ssa"])
async def test_registry_by_service_type(dachs, servicetype):
    page = await _search(dachs, servicetype=servicetype)
    assert page["resources"], f"no {servicetype} service in the local registry"
    for resource in page["resources"]:
        assert servicetype in _kinds(resource) or (servicetype + "-aux") in _kinds(resource), resource
        cap = next(c for c in resource["capabilities"] if c["service"] == servicetype)
        assert cap["interfaces"] and cap["interfaces"][0]["access_url"].startswith("http")


async def test_registry_by_waveband_datamodel_and_paging(dachs):
    radio = await _search(dachs, waveband=["radio"])
    assert radio["resources"] and all("radio" in r["waveband"] for r in radio["resources"])
    obscore = await _search(dachs, datamodel="obscore")
    assert obscore["resources"]
    first = await _search(dachs, limit=1)
    second = await _search(dachs, limit=1, offset=1)
    assert first["has_more"] and first["resources"][0]["ivoid"] != second["resources"][0]["ivoid"]


async def test_registry_spatial_and_temporal(dachs):
    near = await _search(dachs, cone=(LOCKMAN[0], LOCKMAN[1], 1.0))
    far = await _search(dachs, cone=(300.0, -60.0, 0.5))
    near_ids = {r["ivoid"] for r in near["resources"]}
    assert near_ids and not near_ids & {r["ivoid"] for r in far["resources"]}
    assert all(r["coverage"]["spatial"] for r in near["resources"])
    wide = await _search(dachs, temporal=(0, 100000))
    assert wide["resources"] and any(r["coverage"]["temporal"] for r in wide["resources"])
    never = await _search(dachs, temporal=(10, 11))
    assert not never["resources"]


async def test_registry_descriptions_are_sanitised(dachs):
    page = await _search(dachs, keywords=["LOFAR"])
    for resource in page["resources"]:
        assert "<script" not in resource["description_html"].lower()


# ---------------------------------------------------------------- VOSI
async def test_vosi_tables_capabilities_examples(dachs):
    tables = await tap.tables(dachs["tap"])
    names = {t["name"] for t in tables}
    assert "esc_demo.main" in names and "ivoa.obscore" in names
    assert all("columns" not in t for t in tables)  # detail=min
    detail = await tap.table_detail(dachs["tap"], "esc_demo.main")
    columns = {c["name"]: c for c in detail["columns"]}
    assert columns["ra"]["unit"] == "deg" and columns["ra"]["ucd"].startswith("pos.eq.ra")
    caps = await tap.capabilities(dachs["tap"])
    assert any(c["standard_id"].lower() == "ivo://ivoa.net/std/tap" for c in caps["capabilities"])
    assert any(lang["name"] == "ADQL" for lang in caps["languages"])
    examples = await tap.examples(dachs["tap"])
    assert isinstance(examples, list)
    for example in examples:
        assert example["query"].strip()


# ---------------------------------------------------------------- TAP
async def test_sync_query_types_metadata_and_overflow(dachs):
    result = await tap.sync_query(
        dachs["tap"], "SELECT TOP 5 source_id, name, ra, dec, mag_r FROM esc_demo.main ORDER BY source_id"
    )
    table = result.table
    assert table.num_rows == 5 and not result.overflow
    assert table.schema.field("source_id").type == pa.int64()
    assert table.schema.field("ra").metadata[b"unit"] == b"deg"
    truncated = await tap.sync_query(dachs["tap"], "SELECT source_id FROM esc_demo.main", maxrec=3)
    assert truncated.overflow and truncated.table.num_rows == 3
    meta_only = await tap.sync_query(dachs["tap"], "SELECT source_id, ra FROM esc_demo.main", maxrec=0)
    assert meta_only.table.num_rows == 0 and meta_only.table.column_names == ["source_id", "ra"]


async def test_sync_query_error_is_verbatim_with_position(dachs):
    with pytest.raises(RemoteError) as err:
        await tap.sync_query(dachs["tap"], "SELECT ra FROM esc_demo.main WHERE")
    assert err.value.service.startswith("TAP 127.0.0.1")
    assert err.value.message  # the service's own words
    with pytest.raises(RemoteError) as err:
        await tap.sync_query(dachs["tap"], "SELECT nosuchcolumn FROM esc_demo.main")
    assert "nosuchcolumn" in err.value.message


async def test_async_job_lifecycle_abort_and_error(dachs, tmp_path):
    job = await tap.create_job(dachs["tap"], "SELECT TOP 10 source_id FROM esc_demo.main", maxrec=10)
    assert job.phase in ("QUEUED", "EXECUTING", "COMPLETED")
    done = await tap.wait_for_job(job.url, timeout=120)
    assert done.phase == "COMPLETED"
    result = await tap.job_result(job.url, info=done)
    assert result.table.num_rows == 10
    await tap.delete_job(job.url)
    with pytest.raises(EscapeError):
        await tap.job_status(job.url)

    pending = await tap.create_job(dachs["tap"], "SELECT COUNT(*) FROM esc_bench.big", run=False)
    assert pending.phase == "PENDING"
    aborted = await tap.abort_job(pending.url)
    assert aborted.phase == "ABORTED"
    await tap.delete_job(pending.url)

    failing = await tap.create_job(dachs["tap"], "SELECT nosuchcolumn FROM esc_demo.main")
    failed = await tap.wait_for_job(failing.url, timeout=120)
    assert failed.phase == "ERROR" and "nosuchcolumn" in (failed.error or await tap.job_error(failing.url))
    with pytest.raises(RemoteError):
        await tap.job_result(failing.url, info=failed)
    await tap.delete_job(failing.url)


async def test_waiting_keeps_two_long_polls_in_flight(dachs, status_polls):
    """DaCHS re-checks a WAITing job once a second from each request's arrival, so one long poll learns of the end
    up to a second late: wait_for_job keeps two WAIT requests in flight (the second WAIT_STAGGER s later) and
    returns the job as soon as either sees it COMPLETED, the other request dropped."""
    job = await tap.create_job(dachs["tap"], "SELECT TOP 2000 * FROM esc_bench.big", maxrec=2000)
    status_polls.watch()
    done = await tap.wait_for_job(job.url, timeout=120, poll=2)
    assert done.phase == "COMPLETED"
    # a DaCHS job takes a worker process's start-up (over a second) before it runs: the second poll was sent
    assert status_polls.most == 2 and status_polls.in_flight == 0
    # the current phase first, then only WAIT=2 requests
    assert status_polls.waits[0] is None and set(status_polls.waits[1:]) == {2}
    assert (await tap.job_result(job.url, info=done)).table.num_rows == 2000
    await tap.delete_job(job.url)


async def test_job_store_survives_restart_and_repolls(dachs, tmp_path):
    store = JobStore(tmp_path)
    info = await tap.create_job(dachs["tap"], "SELECT TOP 3 source_id FROM esc_demo.main", run=False)
    store.add(dachs["tap"], info, "SELECT TOP 3 source_id FROM esc_demo.main")
    import httpx

    async with httpx.AsyncClient() as client:  # started behind the store's back, as if by another session
        await client.post(f"{info.url}/phase", data={"PHASE": "RUN"})
    reloaded = JobStore(tmp_path)  # a "restarted server"
    assert reloaded.list()[0]["phase"] == "PENDING"
    await tap.wait_for_job(info.url, timeout=120)
    refreshed = await reloaded.refresh_unfinished()
    assert refreshed[0]["phase"] == "COMPLETED" and refreshed[0]["final"]
    await tap.delete_job(info.url)
    gone = await reloaded.refresh(info.url)
    assert gone["phase"] == "UNKNOWN" and "no longer" in gone["error"]


# ---------------------------------------------------------------- simple DAL, DataLink, SODA
async def test_cone_search(dachs):
    result = await dal.cone_search(dachs["scs"], COSMOS[0], COSMOS[1], 0.5)
    assert result.table.num_rows > 0
    ra = result.table.column("ra").to_pylist()
    assert all(abs(r - COSMOS[0]) < 1 for r in ra)
    empty = await dal.cone_search(dachs["scs"], 10.0, -80.0, 0.01)
    assert empty.table.num_rows == 0


async def test_sia1_sia2_ssa(dachs):
    sia1 = await dal.sia1_search(dachs["sia1"], LOCKMAN[0], LOCKMAN[1], 0.5)
    assert sia1.table.num_rows > 0
    sia2 = await dal.sia2_search(dachs["sia2"], circle=[LOCKMAN[0], LOCKMAN[1], 0.5])
    assert sia2.table.num_rows > 0 and "access_url" in sia2.table.column_names
    ssa = await dal.ssa_search(dachs["ssa"], LOCKMAN[0], LOCKMAN[1], 2)
    assert ssa.table.num_rows > 0


async def test_multi_service_search_reports_each(dachs):
    requests = [
        dal.ServiceRequest("scs", dachs["scs"], {"ra": COSMOS[0], "dec": COSMOS[1], "radius": 0.5}),
        dal.ServiceRequest("sia2", dachs["sia2"], {"ra": LOCKMAN[0], "dec": LOCKMAN[1], "radius": 0.5}),
        dal.ServiceRequest("scs", "http://127.0.0.1:9/nothing", {"ra": 1, "dec": 1, "radius": 1}),
    ]
    outcomes = await dal.search_all(requests, timeout=20)
    assert outcomes[0].result is not None and outcomes[1].result is not None
    assert outcomes[2].error is not None and "127.0.0.1:9" in outcomes[2].error.service
    seen = [o async for o in dal.search_each(requests, timeout=20)]
    assert len(seen) == 3


async def test_datalink_and_soda_cutout(dachs, tmp_path):
    sia2 = await dal.sia2_search(dachs["sia2"], circle=[LOCKMAN[0], LOCKMAN[1], 0.5])
    url = datalink.datalink_for_row(sia2, 0)
    assert url, "the ObsCore row should point at a DataLink document"
    doc = await datalink.links(url)
    semantics = {link["semantics"] for link in doc["links"]}
    assert "#this" in semantics
    this = next(link for link in doc["links"] if link["semantics"] == "#this")
    saved = await datalink.fetch_to(this["access_url"], tmp_path / "full")
    assert saved["bytes"] > 0 and not list((tmp_path / "full").glob(".escape-partial-*"))
    soda = next(s for s in doc["services"].values() if "soda" in (s["standard_id"] or "").lower())
    dataset_id = next(p.get("value") for p in soda["input_params"] if p["name"] == "ID")
    cut_url = datalink.soda_url(soda, dataset_id, circle=(LOCKMAN[0], LOCKMAN[1], 0.02))
    cut = await datalink.fetch_to(str(cut_url), tmp_path / "cut", file_name="cutout.fits")
    assert cut["bytes"] > 0 and cut["bytes"] < saved["bytes"]
    content = await asyncio.to_thread(pathlib.Path(cut["path"]).read_bytes)
    assert content[:6] == b"SIMPLE"


# ---------------------------------------------------------------- the routes
async def test_routes_registry_tables_sync_and_jobs(dachs, fetch_json, jp_fetch):
    page = await fetch_json("vo", "registry", "search", method="POST", body={"servicetype": "tap"})
    assert page["resources"] and "pyvo.registry.Servicetype('tap')" in page["code"]
    tables = await fetch_json("vo", "tap", "tables", params={"url": dachs["tap"]})
    assert any(t["name"] == "esc_demo.main" for t in tables["tables"])
    detail = await fetch_json("vo", "tap", "table", params={"url": dachs["tap"], "name": "esc_demo.main"})
    assert any(c["name"] == "ra" for c in detail["columns"])
    response = await jp_fetch(
        "escape",
        "api",
        "vo",
        "tap",
        "sync",
        method="POST",
        body=json.dumps(
            {"url": dachs["tap"], "query": "SELECT TOP 7 * FROM esc_demo.main", "columns": ["source_id", "ra"]}
        ),
    )
    table = pa.ipc.open_stream(response.body).read_all()
    assert table.num_rows == 7 and table.column_names == ["source_id", "ra"]
    job = await fetch_json(
        "vo",
        "tap",
        "jobs",
        method="POST",
        body={"url": dachs["tap"], "query": "SELECT TOP 4 source_id FROM esc_demo.main"},
    )
    for _ in range(60):
        job = await fetch_json("vo", "tap", "jobs", job["id"], params={"wait": "5"})
        if job["final"]:
            break
    assert job["phase"] == "COMPLETED"
    listed = await fetch_json("vo", "tap", "jobs", params={"url": dachs["tap"]})
    assert any(j["id"] == job["id"] for j in listed["jobs"])
    results = await jp_fetch("escape", "api", "vo", "tap", "jobs", job["id"], "results")
    assert pa.ipc.open_stream(results.body).read_all().num_rows == 4
    await fetch_json("vo", "tap", "jobs", job["id"], method="DELETE")
    with pytest.raises(HTTPClientError) as err:
        await fetch_json("vo", "tap", "jobs", job["id"])
    assert err.value.code == 404


async def test_routes_dal_multi_and_datalink(dachs, fetch_json, jp_fetch, jp_root_dir):
    cone = await jp_fetch(
        "escape",
        "api",
        "vo",
        "dal",
        "scs",
        method="POST",
        body=json.dumps({"url": dachs["scs"], "ra": COSMOS[0], "dec": COSMOS[1], "radius": 0.5}),
    )
    assert pa.ipc.open_stream(cone.body).read_all().num_rows > 0
    multi = await fetch_json(
        "vo",
        "multi",
        method="POST",
        body={
            "params": {"ra": LOCKMAN[0], "dec": LOCKMAN[1], "radius": 0.5},
            "services": [
                {"kind": "sia2", "url": dachs["sia2"]},
                {"kind": "ssa", "url": dachs["ssa"]},
                {"kind": "sia", "url": dachs["sia1"]},
            ],
        },
    )
    assert all(r["ok"] for r in multi["results"]), multi
    sia2_id = multi["results"][0]["result_id"]
    links = await fetch_json("vo", "datalink", method="POST", body={"result_id": sia2_id, "row": 0})
    this = next(link for link in links["links"] if link["semantics"] == "#this")
    saved = await fetch_json(
        "vo", "datalink", "fetch", method="POST", body={"access_url": this["access_url"], "folder": "dl"}
    )
    assert saved["path"].startswith("dl/") and (jp_root_dir / saved["path"]).stat().st_size > 0
    with pytest.raises(HTTPClientError) as err:
        await fetch_json(
            "vo", "datalink", "fetch", method="POST", body={"access_url": this["access_url"], "folder": "../../etc"}
        )
    assert err.value.code == 403
