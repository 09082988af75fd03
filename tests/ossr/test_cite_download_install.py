"""Citations, md5-verified downloads into the workspace, and installing a setuptools_scm release zip.

Served by the Zenodo API replay (not Zenodo; see tests/ossr/conftest.py)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import subprocess
import sys
import time

import pytest
import yaml

from jupyter_escape.ossr.install import InstallJob

from .conftest import error_of


async def test_bibtex(fetch_json):
    body = await fetch_json("ossr", "records", "7003", "cite", params={"format": "bibtex"})
    text = body["text"]
    assert text.startswith("@software{marchetti2024gammaflow,")
    assert "author    = {Marchetti, Elena and Brandt, Jonas}" in text
    assert "doi       = {10.5281/zenodo.7003}" in text and "version   = {v1.1.0}" in text
    dataset = await fetch_json("ossr", "records", "7031", "cite", params={"format": "bibtex"})
    assert dataset["text"].startswith("@dataset{") and "{KM3NeT Collaboration}" in dataset["text"]


async def test_citation_cff_is_valid_yaml(fetch_json):
    body = await fetch_json("ossr", "records", "7011", "cite", params={"format": "cff"})
    assert body["filename"] == "CITATION.cff"
    cff = yaml.safe_load(body["text"])
    assert cff["cff-version"] == "1.2.0" and cff["doi"] == "10.5281/zenodo.7011"
    assert cff["license"] == "Apache-2.0" and cff["repository-code"] == "https://github.com/escape-demo/radiocal"
    assert cff["authors"][0] == {
        "family-names": "van der Berg",
        "given-names": "Pieter",
        "orcid": "https://orcid.org/0000-0003-1234-5670",
        "affiliation": "ASTRON",
    }


async def test_datacite_json(fetch_json):
    body = await fetch_json("ossr", "records", "7003", "cite", params={"format": "datacite"})
    dc = json.loads(body["text"])
    assert dc["doi"] == "10.5281/zenodo.7003" and dc["types"]["resourceTypeGeneral"] == "Software"
    assert dc["creators"][0]["nameIdentifiers"][0]["nameIdentifier"] == "https://orcid.org/0000-0002-1825-0097"
    assert dc["rightsList"][0]["rightsIdentifier"] == "BSD-3-Clause"
    assert {
        "relatedIdentifier": "10.5281/zenodo.7000",
        "relatedIdentifierType": "DOI",
        "relationType": "IsVersionOf",
    } in dc["relatedIdentifiers"]
    status, err = await error_of(fetch_json("ossr", "records", "7003", "cite", params={"format": "ris"}))
    assert status == 400 and err["error"].startswith("format")


async def test_download_verified_into_workspace(fetch_json, jp_root_dir, zenodo):
    body = await fetch_json("ossr", "records", "7031", "download", method="POST", body={})
    assert body["directory"] == "escape-data/ossr/7031"
    for f in body["files"]:
        data = (jp_root_dir / f["path"]).read_bytes()
        listed = next(e for e in zenodo.state.records[7031]["files"] if e["key"] == f["key"])
        assert hashlib.md5(data).hexdigest() == listed["md5"] == f["md5"] and f["status"] == "downloaded"
    again = await fetch_json("ossr", "records", "7031", "download", method="POST", body={"files": ["README.md"]})
    assert [f["status"] for f in again["files"]] == ["already present"]


@pytest.mark.parametrize("mode", ["corrupt", "truncate"])
async def test_bad_transfer_leaves_no_file(fetch_json, jp_root_dir, zenodo, mode):
    zenodo.fault(mode, path="/api/records/7081/files")
    status, err = await error_of(fetch_json("ossr", "records", "7081", "download", method="POST", body={"dest": "dl"}))
    assert status == 502, err
    assert ("checksum mismatch" if mode == "corrupt" else "interrupted") in err["error"]
    assert list((jp_root_dir / "dl").iterdir()) == []  # neither the file nor a temporary part


async def test_download_refusals(fetch_json):
    status, err = await error_of(fetch_json("ossr", "records", "7061", "download", method="POST", body={}))
    assert status == 409 and "no files" in err["error"]
    status, err = await error_of(
        fetch_json("ossr", "records", "7031", "download", method="POST", body={"files": ["nope.txt"]})
    )
    assert status == 400 and "nope.txt" in err["error"]
    status, err = await error_of(
        fetch_json("ossr", "records", "7031", "download", method="POST", body={"dest": "../outside"})
    )
    assert status == 403


async def test_install_plan_and_run_setuptools_scm_release(fetch_json, tmp_path):
    target = tmp_path / "site"
    plan = await fetch_json(
        "ossr",
        "records",
        "7000",
        "install-plan",
        method="POST",
        body={"python": sys.executable, "pip_args": ["--no-build-isolation", "--no-deps", "--target", str(target)]},
    )
    assert plan["record_id"] == 7003 and plan["file"] == "gammaflow-v1.1.0.zip" and plan["setuptools_scm"]
    assert plan["env"] == {"SETUPTOOLS_SCM_PRETEND_VERSION": "1.1.0"}
    assert plan["command_line"].startswith("SETUPTOOLS_SCM_PRETEND_VERSION=1.1.0 ")
    assert plan["command"][:4] == [sys.executable, "-m", "pip", "install"]
    job = await fetch_json("ossr", "install", method="POST", body={"plan_id": plan["plan_id"]})
    deadline = time.time() + 180
    while job["state"] in ("starting", "running") and time.time() < deadline:
        await asyncio.sleep(0.5)
        job = await fetch_json("ossr", "install", job["job_id"])
    assert job["state"] == "succeeded", "\n".join(job["output"])
    out = subprocess.run(
        [sys.executable, "-c", "import gammaflow; print(gammaflow.__version__)"],
        env={"PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "1.1.0"
    status, err = await error_of(fetch_json("ossr", "install", method="POST", body={"plan_id": plan["plan_id"]}))
    assert status == 400 and "plans run once" in err["error"]


async def test_install_plan_refusals(fetch_json):
    status, err = await error_of(
        fetch_json("ossr", "records", "7003", "install-plan", method="POST", body={"python": "python3"})
    )
    assert status == 400 and err["error"].startswith("python")
    status, err = await error_of(
        fetch_json("ossr", "records", "7031", "install-plan", method="POST", body={"python": sys.executable})
    )
    assert status == 409 and "no installable file" in err["error"]


def test_install_job_cancel():
    plan = {
        "record_id": 1,
        "env": {},
        "command_line": "sleep",
        "command": [sys.executable, "-c", "import time; print('started', flush=True); time.sleep(60)"],
    }
    job = InstallJob(plan).start()
    deadline = time.time() + 20
    while "started" not in job.lines and time.time() < deadline:
        time.sleep(0.05)
    job.cancel()
    assert job.wait(10)
    assert job.state == "cancelled" and job.returncode != 0
    assert job.to_json(since=1)["output"][0] == "started"
