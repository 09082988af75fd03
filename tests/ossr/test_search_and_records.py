"""Search filters, paging, sorting, version navigation, record view and compliance, through the routes.

Served by the Zenodo API replay (hand-written records in Zenodo's shape; see tests/ossr/conftest.py)."""

from __future__ import annotations

import pytest

from .conftest import SERVICE, error_of


async def ids(fetch_json, **params):
    body = await fetch_json("ossr", "search", params=params)
    return [h["id"] for h in body["hits"]], body


async def test_community_filter(fetch_json):
    found, body = await ids(fetch_json, size=50)
    assert body["community"] == "escape2020" and body["total"] == 9
    assert 7091 not in found  # in another community
    everything, _ = await ids(fetch_json, size=50, community="")
    assert 7091 in everything and len(everything) == 10


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "dataset"}, {7031, 7081}),
        ({"type": "software,dataset"}, {7003, 7011, 7021, 7031, 7041, 7051, 7061, 7071, 7081}),
        ({"facility": "LOFAR"}, {7011, 7081}),
        ({"keywords": "CTA"}, {7003, 7061}),
        ({"license": "mit"}, {7021, 7051}),
        ({"language": "C++"}, {7041}),
        ({"q": "neutrino"}, {7031}),
        ({"q": "calibration", "facility": "CTA", "type": "software"}, {7061}),
    ],
)
async def test_filters(fetch_json, params, expected):
    found, body = await ids(fetch_json, size=50, **params)
    assert set(found) == expected
    assert body["total"] == len(expected)


async def test_bestmatch_ranks_title_hits_first(fetch_json):
    found, body = await ids(fetch_json, q="radio")
    assert body["sort"] == "bestmatch" and found[0] == 7011


async def test_sort_by_date_both_ways(fetch_json):
    _, newest = await ids(fetch_json, size=50, sort="mostrecent")
    dates = [h["publication_date"] for h in newest["hits"]]
    assert dates == sorted(dates, reverse=True)
    _, oldest = await ids(fetch_json, size=50, sort="-mostrecent")
    assert [h["publication_date"] for h in oldest["hits"]] == sorted(dates)


async def test_paging_covers_everything_once(fetch_json):
    seen, page = [], 1
    while True:
        found, body = await ids(fetch_json, size=4, page=page)
        seen += found
        if not body["has_next"]:
            break
        page += 1
    assert page == 3 and len(seen) == len(set(seen)) == 9


async def test_all_versions_and_facets(fetch_json):
    found, body = await ids(fetch_json, size=50, all_versions="1", q="gammaflow")
    assert set(found) == {7001, 7002, 7003}
    types = {b["key"]: b["count"] for b in body["facets"]["type"]}
    assert types == {"software": 3}


@pytest.mark.parametrize(
    ("params", "field"),
    [({"size": "500"}, "size"), ({"sort": "random"}, "sort"), ({"type": "image"}, "type"), ({"page": "zero"}, "page")],
)
async def test_bad_search_input_names_field(fetch_json, params, field):
    status, body = await error_of(fetch_json("ossr", "search", params=params))
    assert status == 400 and body["error"].startswith(field)


async def test_version_navigation(fetch_json):
    latest = await fetch_json("ossr", "records", "7000")  # the concept id: the repository redirects to the latest
    assert latest["id"] == 7003 and latest["requested_id"] == 7000
    assert [v["version"] for v in latest["versions"]] == ["v1.1.0", "v1.0.0", "v0.9.0"]
    assert [v["is_latest"] for v in latest["versions"]] == [True, False, False]
    old = await fetch_json("ossr", "records", "7001")
    assert old["is_latest"] is False and old["latest_id"] == 7003 and old["version_count"] == 3
    versions = await fetch_json("ossr", "records", "7002", "versions")
    assert versions["conceptrecid"] == 7000 and len(versions["versions"]) == 3


async def test_record_view_fields(fetch_json):
    rec = await fetch_json("ossr", "records", "7011")
    assert "<script" not in rec["description_html"] and "onclick" not in rec["description_html"]
    assert "<em>radio imaging</em>" in rec["description_html"]
    assert rec["authors"][0] == {
        "name": "van der Berg, Pieter",
        "family": "van der Berg",
        "given": "Pieter",
        "orcid": "0000-0003-1234-5670",
        "orcid_url": "https://orcid.org/0000-0003-1234-5670",
        "affiliation": "ASTRON",
    }
    assert rec["license"]["id"] == "apache-2.0"
    assert rec["code_repository"] == "https://github.com/escape-demo/radiocal"
    assert rec["requirements"] == ["python-casacore>=3.5", "numpy>=1.24"]
    assert rec["binder_url"] == "https://mybinder.org/v2/zenodo/10.5281/zenodo.7011"
    assert {f["key"] for f in rec["files"]} == {"codemeta.json", "radiocal-2.3.1.tar.gz"}
    assert all(f["md5"] and f["url"].endswith("/content") for f in rec["files"])


async def test_compliance_reports(fetch_json):
    good = await fetch_json("ossr", "records", "7003", "codemeta")
    assert good["present"] and good["report"]["compliant"] and good["report"]["errors"] == 0
    old = await fetch_json("ossr", "records", "7001", "codemeta")
    failing = {r["rule"]: r["message"] for r in old["report"]["rules"] if r["level"] == "error"}
    assert set(failing) == {"required.softwareVersion", "required.readme"}
    assert "OSSR wants softwareVersion" in failing["required.softwareVersion"]
    bad = await fetch_json("ossr", "records", "7021", "codemeta")
    rules = {r["rule"] for r in bad["report"]["rules"] if r["level"] == "error"}
    assert {"required.license", "codeRepository.url", "author.names"} <= rules
    assert any(r["rule"] == "terms.known" and "unknownTerm" in r["message"] for r in bad["report"]["rules"])
    beta = await fetch_json("ossr", "records", "7071", "codemeta")
    levels = {r["rule"]: r["level"] for r in beta["report"]["rules"]}
    assert beta["report"]["compliant"] and levels["version.semver"] == "warn"  # v1.0-beta is not semver
    assert levels["license.spdx"] == "warn"  # a bare SPDX id instead of the SPDX URL


async def test_invalid_codemeta_is_shown_not_raised(fetch_json):
    rec = await fetch_json("ossr", "records", "7041")
    assert rec["codemeta"]["present"] and rec["codemeta"]["codemeta"] is None
    [rule] = rec["codemeta"]["report"]["rules"]
    assert rule["rule"] == "json.parse" and rule["level"] == "error" and "not valid JSON" in rule["message"]


async def test_record_without_files(fetch_json):
    rec = await fetch_json("ossr", "records", "7061")
    assert rec["files"] == [] and rec["codemeta"]["present"] is False
    assert "no files" in rec["notice"] and "github.com/escape-demo/lstcalib" in rec["notice"]


async def test_unknown_and_malformed_record_ids(fetch_json):
    status, body = await error_of(fetch_json("ossr", "records", "424242"))
    assert status == 404 and body["service"] == SERVICE and "PID does not exist" in body["error"]
    status, body = await error_of(fetch_json("ossr", "records", "abc"))
    assert status == 400 and body["error"].startswith("record")


async def test_snippets(fetch_json):
    body = await fetch_json("ossr", "records", "7031", "snippets")
    by_id = {s["id"]: s for s in body["snippets"]}
    assert "ossr.record(7031)" in by_id["notebook"]["code"]
    assert "md5sum -c" in by_id["curl"]["code"] and "orca_events.csv" in by_id["curl"]["code"]
    assert by_id["binder"]["code"].strip() == "https://mybinder.org/v2/zenodo/10.5281/zenodo.7031"
