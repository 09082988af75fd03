"""Subject-set upload from basket items to the Panoptes API replay (not Zooniverse): FITS -> PNG subjects with
metadata, linked to the set; an upload cut mid-way lists what remains and resumes; cancel stops between items."""

from __future__ import annotations

import asyncio
import time

from jupyter_escape.sky.samples import sample_image

from .conftest import LOCKMAN_SET, OWNED


async def _wait(fetch_json, job_id, states=("done", "interrupted", "cancelled", "failed"), patience=120.0):
    """The job's progress once it stopped (patient: CI machines are shared and the job signs in and renders)."""
    deadline = time.monotonic() + patience
    while True:
        job = await fetch_json("zooniverse", "uploads", job_id)
        if job["state"] in states or time.monotonic() > deadline:
            assert job["state"] in states, f"upload job {job_id} still {job['state']} after {patience:g} s"
            return job
        await asyncio.sleep(0.1)


def _basket_items(jp_serverapp, root, n=3):
    basket = jp_serverapp.web_app.settings["escape"].extras["basket"]
    ids = []
    for i in range(n):
        sample_image(root / "cutouts" / f"lockman_{i}.fits", 161.0 + 0.1 * i, 58.0, npix=48, n_sources=4, seed=i)
        ids.append(basket.add("workspace_file", {"path": f"cutouts/lockman_{i}.fits"}).id)
    return [{"item_id": i} for i in ids]


async def test_cut_upload_lists_what_remains_and_resumes(fetch_json, jp_serverapp, jp_root_dir, panoptes):
    items = _basket_items(jp_serverapp, jp_root_dir)
    panoptes.fault("cut", path="/_uploads")  # the first image PUT is cut half-way
    job = await fetch_json(
        "zooniverse",
        "uploads",
        method="POST",
        body={"project_id": OWNED, "subject_set_id": LOCKMAN_SET, "items": items, "stretch": "sqrt"},
    )
    job = await _wait(fetch_json, job["job_id"])
    assert job["state"] == "interrupted" and "image upload cut" in job["message"]
    assert job["done"] == 0 and len(job["remaining"]) == 3 and len(job["orphans"]) == 1

    job = await fetch_json("zooniverse", "uploads", job["job_id"], "resume", method="POST", body={})
    job = await _wait(fetch_json, job["job_id"])
    assert job["state"] == "done" and job["done"] == 3 and job["remaining"] == []
    state = panoptes.state()
    linked = [s for s in state["subjects"] if s["id"] in job["subjects"]]
    assert all(s["set"] == LOCKMAN_SET and s["uploaded"] for s in linked)
    assert linked[0]["metadata"]["stretch"] == "sqrt" and abs(linked[0]["metadata"]["ra"] - 161.0) < 1e-6
    orphan = next(s for s in state["subjects"] if s["id"] == job["orphans"][0])
    assert orphan["set"] is None  # never shown to volunteers
    listed = (await fetch_json("zooniverse", "subject-sets", LOCKMAN_SET, "subjects"))["subjects"]
    assert len(listed) == 13


async def test_cancel_then_resume(fetch_json, jp_serverapp, jp_root_dir, panoptes):
    items = _basket_items(jp_serverapp, jp_root_dir, n=4)
    job = await fetch_json(
        "zooniverse",
        "uploads",
        method="POST",
        body={"project_id": OWNED, "subject_set_id": LOCKMAN_SET, "items": items},
    )
    await fetch_json("zooniverse", "uploads", job["job_id"], "cancel", method="POST", body={})
    job = await _wait(fetch_json, job["job_id"])
    assert job["state"] in ("cancelled", "done")
    if job["state"] == "cancelled":
        assert job["done"] + len(job["remaining"]) == 4
        job = await fetch_json("zooniverse", "uploads", job["job_id"], "resume", method="POST", body={})
        job = await _wait(fetch_json, job["job_id"])
    assert job["state"] == "done" and job["done"] == 4
    assert any(j["job_id"] == job["job_id"] for j in (await fetch_json("zooniverse", "uploads"))["jobs"])
