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
    assert not report["compliant"] and any(r["rule"] == "context" and r["level"] == "error" for r in report["rules"])


def test_deposit_a_folder_from_a_kernel_leaves_a_draft(configured, tmp_path, monkeypatch):
    """ossr.deposit: codemeta.json checked, the folder zipped and uploaded, a draft (publish=False) in the replay."""
    import json

    from .conftest import TOKEN

    monkeypatch.setenv("ESCAPE_TEST_OSSR_TOKEN", TOKEN)
    ossr.configure(token_env="ESCAPE_TEST_OSSR_TOKEN")
    folder = tmp_path / "analysis"
    folder.mkdir()
    (folder / "README.md").write_text("# analysis\n")
    (folder / "result.csv").write_text("ra,dec\n1,2\n")
    codemeta = ossr.generate_codemeta(folder)["codemeta"]
    codemeta.update(
        {
            "name": "analysis",
            "description": "a cross-match",
            "license": "https://spdx.org/licenses/MIT",
            "softwareVersion": "1.0.0",
            "codeRepository": "https://example.org/analysis",
            "readme": "https://example.org/analysis/README.md",
            "author": [{"@type": "Person", "givenName": "Ada", "familyName": "Lovelace"}],
            "maintainer": {"@type": "Person", "givenName": "Ada", "familyName": "Lovelace"},  # OSSR-required (eossr)
        }
    )
    (folder / "codemeta.json").write_text(json.dumps(codemeta))
    before = {d["id"] for d in configured.deposits()}
    out = ossr.deposit(folder)
    assert out["state"] == "draft" and out["deposit_id"] not in before
    assert {f["key"] for f in out["uploaded"]} >= {"codemeta.json"}
    assert out["deposit_id"] in {d["id"] for d in configured.deposits()}


def test_deposit_refuses_a_noncompliant_codemeta_before_any_deposit(configured, tmp_path, monkeypatch):
    import json

    from jupyter_escape.core.errors import EscapeError

    from .conftest import TOKEN

    monkeypatch.setenv("ESCAPE_TEST_OSSR_TOKEN", TOKEN)
    ossr.configure(token_env="ESCAPE_TEST_OSSR_TOKEN")
    (tmp_path / "codemeta.json").write_text(json.dumps({"@context": "https://w3id.org/codemeta/3.0", "name": "x"}))
    before = len(configured.deposits())
    with pytest.raises(EscapeError, match=r"does not meet the OSSR rules: .*required term description is missing"):
        ossr.deposit(tmp_path)
    assert len(configured.deposits()) == before
