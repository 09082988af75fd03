"""The notebook API (jupyter_escape.ossr), synchronous, also from inside a running event loop (as in a kernel).

Against the Zenodo API replay (not Zenodo; see tests/ossr/conftest.py)."""

from __future__ import annotations

import asyncio
import hashlib

import pytest

from jupyter_escape import ossr


@pytest.fixture
def configured(zenodo):
    ossr.configure(base_url=zenodo.api, community="escape2020")
    yield zenodo
    ossr.api._overrides.clear()


def test_search_record_cite_download(configured, tmp_path):
    hits = ossr.search("gamma-ray", type="software", facility="CTA")
    assert [h["id"] for h in hits] == [7003]
    rec = ossr.record(7000)
    assert rec["id"] == 7003 and rec["codemeta"]["report"]["compliant"]
    assert ossr.cite(7003, "bibtex").startswith("@software{")
    paths = ossr.download(7031, str(tmp_path), files=["orca_events.csv"])
    with open(paths[0], "rb") as fh:
        data = fh.read()
    assert hashlib.md5(data).hexdigest() == configured.state.records[7031]["files"][0]["md5"]
    assert ossr.binder_url(rec["doi"]) == "https://mybinder.org/v2/zenodo/10.5281/zenodo.7003"


async def test_works_inside_a_running_loop(configured):
    assert asyncio.get_running_loop()
    result = ossr.search(full=True, size=2)
    assert result["total"] == 9 and len(result["hits"]) == 2


def test_check_codemeta_file(tmp_path):
    path = tmp_path / "codemeta.json"
    path.write_text('{"@type": "SoftwareSourceCode"}')
    report = ossr.check_codemeta(str(path))
    assert not report["compliant"] and any(r["rule"] == "context" and r["level"] == "error"
                                           for r in report["rules"])
