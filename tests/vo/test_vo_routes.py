"""VO routes that need no remote service: code generation, configuration, input validation, unknown ids."""

from __future__ import annotations

import json

import pytest
from tornado.httpclient import HTTPClientError

NOWHERE = "http://127.0.0.1:9/x"  # nothing listens: these requests must be refused before any is sent


@pytest.mark.parametrize(
    "kind, needle",
    [
        ("tap", "pyvo.dal.TAPService('http://h/tap')"),
        ("scs", "pyvo.dal.SCSService('http://h/tap')"),
        ("sia", "pyvo.dal.SIAService('http://h/tap')"),
        ("sia2", "pyvo.dal.SIA2Service('http://h/tap'"),
        ("ssa", "pyvo.dal.SSAService('http://h/tap')"),
        ("registry", "pyvo.registry.choose_RegTAP_service('http://h/tap')"),
    ],
)
async def test_code_for_each_kind_is_valid_python(fetch_json, kind, needle):
    body = {
        "kind": kind,
        "url": "http://h/tap",
        "query": "SELECT * FROM t WHERE name = 'x\"y'",
        "maxrec": 5,
        "params": {"ra": 1.5, "dec": -2.0, "radius": 0.1, "keywords": ["a'b"], "servicetype": "tap"},
    }
    code = (await fetch_json("vo", "code", method="POST", body=body))["code"]
    assert needle in code
    compile(code, "<generated>", "exec")  # quotes in user text must not break the generated code


async def test_services_lists_the_configured_registry(fetch_json, escape_config):
    services = await fetch_json("vo", "services")
    assert services["registry_url"] == escape_config["registry_url"]


@pytest.mark.parametrize(
    "parts, body, code, words",
    [
        (("vo", "dal", "telnet"), {"url": "http://h/x"}, 400, "kind"),
        (("vo", "dal", "scs"), {"url": "ftp://h/x", "ra": 1, "dec": 1, "radius": 1}, 400, "url"),
        (("vo", "dal", "scs"), {"url": "http://127.0.0.1:9/x", "ra": 1, "dec": 99, "radius": 1}, 400, "dec"),
        (("vo", "tap", "sync"), {"url": "http://127.0.0.1:9/tap"}, 400, "query: missing"),
        # JSON of the wrong shape for the simple-DAL parameters: a 400 naming the parameter (was a 500 with a
        # bare ValueError/TypeError/AttributeError, found while typing vo.dal for mypy strict)
        (("vo", "dal", "scs"), {"url": NOWHERE, "ra": 1, "dec": 1, "radius": 1, "maxrec": "many"}, 400, "maxrec"),
        (("vo", "dal", "sia2"), {"url": NOWHERE, "circle": [1, 2]}, 400, "circle: expected 3 values, got 2"),
        (("vo", "dal", "sia2"), {"url": NOWHERE, "band": 5}, 400, "band: expected a list of numbers"),
        (("vo", "dal", "ssa"), {"url": NOWHERE, "ra": 1, "dec": 1, "size": 1, "time": [1, 2, 3]}, 400, "time"),
        (("vo", "dal", "tap"), {"url": NOWHERE, "query": 5}, 400, "query: expected ADQL text"),
        (("vo", "registry", "search"), {"servicetype": "gopher"}, 400, "servicetype"),
        (("vo", "results", "0123456789abcdef", "export"), {"format": "xls"}, 404, "no longer kept"),
        (("vo", "tap", "jobs", "feedfacefeedface", "abort"), {}, 404, "not in the job list"),
    ],
)
async def test_bad_input_and_unknown_ids_are_json_errors(jp_fetch, parts, body, code, words):
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("escape", "api", *parts, method="POST", body=json.dumps(body))
    assert err.value.code == code
    assert words in json.loads(err.value.response.body)["error"]


async def test_multi_search_reports_a_bad_parameter_per_service(fetch_json):
    # One bad common parameter: each service's outcome names it, the search itself answers (was a 500).
    body = {
        "services": [{"kind": "scs", "url": NOWHERE}, {"kind": "sia", "url": NOWHERE}],
        "params": {"ra": 1, "dec": 1, "radius": 1, "maxrec": "x"},
    }
    results = (await fetch_json("vo", "multi", method="POST", body=body))["results"]
    assert [r["error"]["error"] for r in results] == ["maxrec: 'x' is not an integer"] * 2


async def test_unreachable_service_names_the_service(jp_fetch):
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("escape", "api", "vo", "tap", "tables", params={"url": "http://127.0.0.1:9/tap"})
    body = json.loads(err.value.response.body)
    assert err.value.code == 502 and body["service"] == "TAP 127.0.0.1:9/tap"
