"""The REST API's OpenAPI document: complete (every route and verb described, nothing described that is not
served), served at escape/api/openapi.json, and enforced: malformed input gets a 400 naming the field, never a
500 with exception text."""

from __future__ import annotations

import json

import pytest
from tornado.httpclient import HTTPClientError

from jupyter_escape.extension import routes
from jupyter_escape.openapi import coverage_problems, document, served_verbs
from jupyter_escape.openapi.operations import OPERATIONS


def test_every_route_is_described_and_every_description_is_a_route():
    assert coverage_problems(routes()) == []


def test_coverage_check_sees_a_missing_and_an_extra_description(monkeypatch):
    from jupyter_escape.handlers.status import HandshakeHandler

    monkeypatch.delitem(OPERATIONS, ("handshake", "get"))
    monkeypatch.setitem(OPERATIONS, ("nowhere", "get"), OPERATIONS[("status", "get")])
    problems = coverage_problems([("handshake", HandshakeHandler)])
    assert any("handshake" in p and "not described" in p for p in problems), problems
    assert any("nowhere" in p and "no such route" in p for p in problems), problems


def test_document_is_valid_openapi():
    from jsonschema import Draft202012Validator

    doc = document(routes())
    count = sum(len(ops) for ops in doc["paths"].values())
    assert count == sum(len(served_verbs(h)) for _, h in routes())
    for ops in doc["paths"].values():
        for operation in ops.values():
            for param in operation["parameters"]:
                Draft202012Validator.check_schema(param["schema"])
            if "requestBody" in operation:
                Draft202012Validator.check_schema(operation["requestBody"]["content"]["application/json"]["schema"])


async def test_served_and_authenticated(fetch_json, jp_fetch):
    doc = await fetch_json("openapi.json")
    assert doc["openapi"].startswith("3.1") and "/vo/tap/sync" in doc["paths"]
    assert doc["servers"][0]["url"].endswith("/escape/api")
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("escape", "api", "openapi.json", headers={"Authorization": ""})
    assert err.value.code == 403


# The classes of input an outside tester turned into HTTP 500 with Python exception text: wrong JSON types,
# deep nesting, over-long names, malformed numbers. Each must now be a 400 naming the field.
DEEP = "[" * 5000 + "]" * 5000
BAD_INPUT = [
    ("POST", "vo/tap/sync", {"url": 5, "query": "SELECT 1"}, None, "url"),
    ("POST", "vo/tap/sync", {"url": "http://x", "query": "q", "maxrec": "ten"}, None, "maxrec"),
    ("POST", "vo/multi", {"services": "scs"}, None, "services"),
    ("POST", "vo/multi", {"services": [{"kind": "scs", "url": ["x"]}]}, None, "services[0].url"),
    ("POST", "vo/multi", {"services": [{"kind": "scs", "url": "http://x"}], "timeout": "soon"}, None, "timeout"),
    ("POST", "vo/registry/search", {"limit": "many"}, None, "limit"),
    ("POST", "vo/registry/search", {"cone": {"ra": "north"}}, None, "cone"),
    ("POST", "vo/datalink", {"result_id": "r", "row": "first"}, None, "row"),
    ("POST", "basket/items", {"kind": "note", "payload": [1, 2]}, None, "payload"),
    ("POST", "basket/groups", {"name": "g" * 10_000}, None, "name"),
    ("POST", "basket/groups", {"name": {"nested": True}}, None, "name"),
    ("PATCH", "basket/items/x", {"colour": "red"}, None, "body"),
    ("POST", "basket/sql", {"sql": "SELECT 1", "limit": "all"}, None, "limit"),
    ("POST", "basket/xmatch", {"left": 1, "right": 2}, None, "left"),
    ("POST", "ossr/publish", {"path": "p", "deposit_id": "new"}, None, "deposit_id"),
    ("POST", "datalake/stage", {"did": ["a:b"]}, None, "did"),
    ("POST", "datalake/stage", {"did": "a:b", "payload": json.loads("[" * 40 + "]" * 40)}, None, "body"),
    ("POST", "basket/items", DEEP, None, "body"),
    ("GET", "datalake/search", None, {"scope": "s", "limit": "ten"}, "limit"),
    ("GET", "datalake/search", None, {"scope": "s", "pattern": "1"}, "pattern"),
    ("POST", "vo/registry/search", {"moc": "000"}, None, "moc"),
    ("GET", "basket/changes", None, {"since": "yesterday"}, "since"),
    ("GET", "sky/moc", None, {"path": "m.fits", "credible_level": "nan"}, "credible_level"),
    ("GET", "ossr/records/not-a-number", None, None, "record id"),
    ("GET", "vo/tap/table", None, {"url": "http://x", "name": "n" * 300}, "name"),
    ("GET", "vo/tap/jobs/x", None, {"wait": "forever"}, "wait"),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "params", "field"), BAD_INPUT, ids=[f"{m} {p} {f}" for m, p, _, _, f in BAD_INPUT]
)
async def test_bad_input_is_a_400_naming_the_field(jp_fetch, method, path, body, params, field):
    if body is not None and not isinstance(body, str):
        body = json.dumps(body)
    response = await jp_fetch(
        "escape",
        "api",
        *path.split("/"),
        method=method,
        body=body,
        params=params or {},
        raise_error=False,
        allow_nonstandard_methods=True,
    )
    answer = json.loads(response.body)
    assert response.code == 400, (response.code, answer)
    assert answer["error"].startswith(f"{field}:"), answer
    assert "Traceback" not in answer["error"] and len(answer["error"]) < 400


async def test_an_unexpected_exception_shows_no_text(jp_fetch, monkeypatch):
    from jupyter_escape.handlers.status import HandshakeHandler

    def boom(self):
        raise RuntimeError("/secret/path/in/the/message")

    monkeypatch.setattr(HandshakeHandler, "send_json", boom)
    response = await jp_fetch("escape", "api", "handshake", raise_error=False)
    assert response.code == 500
    assert "/secret/path" not in response.body.decode()
