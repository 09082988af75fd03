"""The OSSR's own rules through eossr: every rule names where it comes from (eossr or jupyter-escape), a document
eossr rejects is refused naming eossr, one only the project's additions reject is refused naming jupyter-escape,
and eossr never leaves the machine (its zenodo.org and GitHub lookups are answered by the configured repository,
here the Zenodo API replay, not Zenodo; see conftest.py)."""

from __future__ import annotations

import json
import re
import socket
import sys
import warnings
from pathlib import Path

import eossr
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jupyter_escape.ossr import eossr_rules  # before eossr.metadata.codemeta2zenodo: it makes eossr work on 3.11
from jupyter_escape.ossr.codemeta import CONTEXTS, check_codemeta
from jupyter_escape.ossr.publish import codemeta_to_zenodo

from .conftest import error_of

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "stack" / "zenodo"))
from replay_records import license_vocabulary  # found through the sys.path entry above

EOSSR = f"eossr {eossr.__version__}"
ADA = {"@type": "Person", "givenName": "Ada", "familyName": "Lovelace"}


def document(**changes) -> dict:
    doc = {
        "@context": "https://doi.org/10.5063/schema/codemeta-2.0",
        "@type": "SoftwareSourceCode",
        "name": "skyfit",
        "description": "Fit sky models to source catalogues",
        "softwareVersion": "0.3.1",
        "license": "https://spdx.org/licenses/MIT",
        "author": [ADA, {"@type": "Person", "givenName": "Grace", "familyName": "Hopper"}],
        "maintainer": ADA,
        "readme": "https://github.com/escape-demo/skyfit/blob/HEAD/README.md",
        "codeRepository": "https://github.com/escape-demo/skyfit",
        "datePublished": "2026-01-15",
        "keywords": ["LOFAR", "catalogue"],
    }
    doc.update(changes)
    return {k: v for k, v in doc.items() if v is not None}


def eossr_validate(doc: dict):
    """eossr's own validator on the document: its verdict, unchanged (None when it accepts)."""
    from eossr.metadata.codemeta import Codemeta

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # eossr warns about recommended terms: not a verdict
            Codemeta(doc).validate()
    except Exception as exc:
        return exc
    return None


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to reach a host other than loopback is recorded and fails (eossr's helpers would go to
    zenodo.org and raw.githubusercontent.com)."""
    attempts: list = []
    loopback = ("127.0.0.1", "::1", "localhost")
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if host not in loopback:
            attempts.append(host)
            raise OSError(f"this test allows no network (asked for {host})")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(sock, address):
        if isinstance(address, tuple) and address[0] not in loopback:
            attempts.append(address)
            raise OSError(f"this test allows no network (asked for {address})")
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


@pytest.fixture
def folder(jp_root_dir):
    path = jp_root_dir / "work" / "skyfit"
    path.mkdir(parents=True)
    (path / "skyfit.py").write_text("def fit():\n    return 42\n")
    return path


def test_every_rule_names_its_source_and_eossr_agrees(no_network):
    report = check_codemeta(document())
    assert report["compliant"] and report["errors"] == 0, [r for r in report["rules"] if r["level"] == "error"]
    assert report["sources"] == {"eossr": eossr.__version__, "own": "jupyter-escape"}
    sources = {r["rule"]: r["source"] for r in report["rules"]}
    assert {sources["context"], sources["type"], sources["required.maintainer"], sources["version.semver"]} == {EOSSR}
    assert sources["license.spdx"] == "jupyter-escape"  # eossr has no rule on SPDX URLs
    assert set(sources.values()) == {EOSSR, "jupyter-escape"}
    assert eossr_validate(document()) is None
    assert no_network == []


def test_a_document_eossr_rejects_is_rejected_naming_eossr(no_network):
    doc = document(unknownTerm="x", author=[{"@type": "Person", "name": "Ada Lovelace"}], maintainer=None)
    assert isinstance(eossr_validate(doc), ValueError)  # eossr's own verdict: "Unknown codemeta key unknownTerm"
    report = check_codemeta(doc)
    errors = {r["rule"]: r for r in report["rules"] if r["level"] == "error"}
    assert not report["compliant"] and set(errors) == {"terms.known", "required.maintainer", "author.names"}
    assert all(r["source"] == EOSSR for r in errors.values())
    assert "unknownTerm" in errors["terms.known"]["message"]
    assert "givenName or familyName" in errors["author.names"]["message"]  # eossr's converter's own words
    assert no_network == []


def test_a_document_only_the_project_rejects_names_jupyter_escape():
    doc = document(description="")
    assert eossr_validate(doc) is None  # eossr checks that required terms are present, not that they hold text
    report = check_codemeta(doc)
    [error] = [r for r in report["rules"] if r["level"] == "error"]
    assert error["rule"] == "required.description" and error["source"] == "jupyter-escape"
    assert error["message"] == "required term description is empty"


async def test_publishing_what_eossr_rejects_is_refused_naming_eossr(fetch_json, folder, zenodo):
    (folder / "codemeta.json").write_text(json.dumps(document(unknownTerm="x")))
    status, err = await error_of(fetch_json("ossr", "publish", method="POST", body={"path": "work/skyfit"}))
    assert status == 400 and f"unknown CodeMeta terms: unknownTerm (eossr refuses them) ({EOSSR})" in err["error"]
    assert zenodo.deposits() == []


async def test_publishing_what_the_project_rejects_is_refused_naming_jupyter_escape(fetch_json, folder, zenodo):
    (folder / "codemeta.json").write_text(json.dumps(document(description="")))
    status, err = await error_of(fetch_json("ossr", "publish", method="POST", body={"path": "work/skyfit"}))
    assert status == 400 and "required term description is empty (jupyter-escape)" in err["error"]
    assert zenodo.deposits() == []


def test_conversion_is_eossrs_with_the_repositorys_licences_and_no_network(no_network):
    meta = codemeta_to_zenodo(document(), licenses=license_vocabulary(), community="escape2020")
    assert meta["title"] == "skyfit" and meta["version"] == "0.3.1" and meta["license"] == "mit"
    assert meta["publication_date"] == "2026-01-15" and meta["access_right"] == "open"
    assert meta["creators"] == [{"name": "Lovelace, Ada"}, {"name": "Hopper, Grace"}]  # Zenodo's "Family, Given"
    assert meta["contributors"] == [{"name": "Lovelace, Ada", "type": "ContactPerson"}]  # eossr: the maintainer
    relations = {r["identifier"]: r["relation"] for r in meta["related_identifiers"]}
    assert relations == {
        "https://github.com/escape-demo/skyfit": "isDerivedFrom",
        "https://github.com/escape-demo/skyfit/blob/HEAD/README.md": "isDocumentedBy",
    }
    assert meta["communities"] == [{"identifier": "escape2020"}] and meta["upload_type"] == "software"
    assert no_network == []


def test_a_licence_the_repository_does_not_list_is_refused_without_asking_github(no_network):
    with pytest.raises(
        eossr_rules.EossrOffline, match=re.escape("license 'https://spdx.org/licenses/WTFPL'")
    ) as caught:
        codemeta_to_zenodo(document(license="https://spdx.org/licenses/WTFPL"), licenses=license_vocabulary())
    assert caught.value.status == 400 and caught.value.service == "eossr"
    assert no_network == []


async def test_a_licence_the_repository_does_not_list_stops_publishing_before_any_upload(fetch_json, folder, zenodo):
    (folder / "codemeta.json").write_text(json.dumps(document(license="https://spdx.org/licenses/WTFPL")))
    status, err = await error_of(fetch_json("ossr", "publish", method="POST", body={"path": "work/skyfit"}))
    # The OSSR rules pass (eossr's validator has no licence list); converting needs the repository's licence list,
    # asked once the deposition exists: it stays an empty draft to resume, as when Zenodo refuses metadata.
    assert status == 400 and "not in the repository's licence list" in err["error"] and err["state"] == "draft"
    assert err["uploaded"] == [] and "codemeta.json" in err["remaining"]
    [draft] = zenodo.deposits()
    assert draft["id"] == err["deposit_id"] and draft["files"] == []


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
TERMS = st.sampled_from(["@context", "@type", "name", "license", "author", "maintainer", "readme", "codeRepository"])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(TERMS | st.text(max_size=12), JSON, max_size=8), st.sampled_from([None, *CONTEXTS]))
def test_any_json_object_gets_a_report_never_an_exception(doc, context):
    # Whatever a record's codemeta.json holds, eossr's checks are reported, not raised (a licence given as a
    # number once raised AttributeError in the licence rule).
    if context:
        doc["@context"] = context
    report = check_codemeta(doc)
    assert report["compliant"] == (report["errors"] == 0)
    assert all(
        r["source"] in (EOSSR, "jupyter-escape") and r["level"] in ("ok", "warn", "error") for r in report["rules"]
    )


async def test_a_failing_licence_list_is_named_and_leaves_a_draft(fetch_json, folder, zenodo):
    zenodo.fault("500", path="/api/licenses")
    (folder / "codemeta.json").write_text(json.dumps(document()))
    status, err = await error_of(fetch_json("ossr", "publish", method="POST", body={"path": "work/skyfit"}))
    assert status >= 500 and "licence list (GET licenses, needed by eossr's conversion)" in err["error"]
    assert err["state"] == "draft" and err["uploaded"] == [] and len(zenodo.deposits()) == 1
