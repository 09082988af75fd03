"""The notebook API (jupyter_escape.zooniverse) in a kernel outside any server, against the Panoptes API replay
(not Zooniverse): listings, export into the kernel's basket, an upload of files and its resume."""

from __future__ import annotations

import pytest

from jupyter_escape import zooniverse
from jupyter_escape.sky.samples import sample_image

from .conftest import LOCKMAN_SET, OWNED


@pytest.fixture
def kernel(panoptes, zoo_config, tmp_path, monkeypatch):
    monkeypatch.delenv("ESCAPE_SERVER_CONFIG", raising=False)
    monkeypatch.setenv("ESCAPE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("ESCAPE_ZOONIVERSE_URL", panoptes.endpoint)
    monkeypatch.setenv("ESCAPE_ZOONIVERSE_USERNAME", zoo_config["username"])
    monkeypatch.setenv("ESCAPE_ZOONIVERSE_PASSWORD_FILE", zoo_config["password_file"])
    monkeypatch.chdir(tmp_path)
    from jupyter_escape import basket

    basket._cache.clear()
    yield panoptes
    zooniverse.api._overrides.clear()


def test_listings_export_and_upload(kernel, tmp_path):
    assert zooniverse.settings().public()["signed_in"]
    assert [p["role"] for p in zooniverse.projects()] == ["owner", "collaborator"]
    assert zooniverse.workflows(OWNED)[0]["display_name"] == "Radio morphology"
    assert len(zooniverse.subjects(LOCKMAN_SET)) == 10
    assert zooniverse.export_status(OWNED)["state"] == "ready"

    entry = zooniverse.export_to_basket(OWNED, mode="classifications")
    t = entry.to_table()
    assert len(t) == 75 and t["ra"].unit == "deg"

    sample_image(tmp_path / "cut.fits", 161.2, 58.1, npix=40, n_sources=3)
    kernel.fault("cut", path="/_uploads")
    job = zooniverse.upload(OWNED, LOCKMAN_SET, [{"path": "cut.fits"}], stretch="log")
    assert job["state"] == "interrupted" and [r["label"] for r in job["remaining"]] == ["cut.fits"]
    job = zooniverse.resume(job["job_id"])
    assert job["state"] == "done" and zooniverse.upload_status(job["job_id"])["done"] == 1
