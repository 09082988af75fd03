"""Remote HTML and links are cleaned on the server before the browser sees them (the frontend sanitises the HTML
again with JupyterLab's Sanitizer, and React escapes every plain-text field).

* OSSR: a record with <script>, on*= handlers, javascript: links and iframes is added to the Zenodo API replay
  (stack/zenodo/zenodo_replay.py, in-process), then read through the real routes.
* Registry: a REPLAY of a RegTAP service (a few lines below, not a real registry) answers the registry search with
  a hostile res_description and a javascript: reference_url.
"""

from __future__ import annotations

import json
import pathlib
import re
import sys
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "stack" / "zenodo"))

from replay_records import _codemeta, _rec, _software, file_entry  # noqa: E402
from zenodo_replay import start_replay  # noqa: E402

HOSTILE_HTML = (
    '<p>Fine text</p><script>alert("s")</script><img src=x onerror="alert(1)">'
    '<a href="javascript:alert(2)">click</a><a href="https://ok.example/docs" onclick="steal()">docs</a>'
    '<iframe src="https://evil.example"></iframe><svg onload="alert(3)"></svg>'
    '<p style="background:url(javascript:alert(4))">styled</p><a href="data:text/html,<b>x</b>">d</a>'
)


def assert_clean(html: str) -> None:
    lowered = html.lower()
    for needle in ("<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<svg", "style=", "data:"):
        assert needle not in lowered, f"{needle!r} survived in {html!r}"
    for tag in re.findall(r"<\s*([a-z0-9]+)", lowered):
        assert tag in {"p", "a", "b", "i", "em", "strong", "br", "ul", "ol", "li", "code", "pre", "sub", "sup"}, tag


# ---------------------------------------------------------------- OSSR (Zenodo replay)
@pytest.fixture(scope="module")
def zenodo():
    server, api = start_replay(port=0, tokens=[])
    state = server.replay_state
    state._add_record(
        _rec(
            7999,
            7998,
            "hostile: a record written to attack the browser",
            "v1",
            "2024-05-01",
            _software(),
            "mit",
            ["Python"],
            [{"name": "Mallory, Eve", "affiliation": "Nowhere", "orcid": None}],
            HOSTILE_HTML,
            [
                file_entry(
                    "codemeta.json",
                    _codemeta(name="hostile", codeRepository="javascript:alert(5)", description="x", version="1"),
                )
            ],
        )
    )
    yield api
    server.shutdown()
    server.server_close()


@pytest.fixture
def escape_config(escape_config, zenodo):
    escape_config["software_repository"] = {
        "name": "ossr",
        "display_name": "OSSR (replay)",
        "base_url": zenodo,
        "community": "escape2020",
    }
    return escape_config


async def test_record_description_and_links_are_cleaned(fetch_json):
    record = await fetch_json("ossr", "records", "7999")
    assert "Fine text" in record["description_html"] and "https://ok.example/docs" in record["description_html"]
    assert_clean(record["description_html"])
    assert record["code_repository"] is None  # javascript: codeRepository dropped
    for key in ("html_url", "binder_url", "doi_url"):
        assert record[key] is None or record[key].startswith("https://") or record[key].startswith("http://")
    assert "<" not in record["summary"] or "<script" not in record["summary"].lower()


async def test_search_summaries_are_text(fetch_json):
    page = await fetch_json("ossr", "search", params={"q": "hostile"})
    hit = next(h for h in page["hits"] if h["id"] == 7999)
    assert "alert(" not in hit["summary"] and "<script" not in hit["summary"].lower()


def test_zenodo_link_fields_keep_only_http():
    from jupyter_escape.ossr.records import code_repository, summary

    rec = {"id": 1, "metadata": {}, "links": {"self_html": "javascript:alert(1)"}}
    assert summary(rec)["html_url"] is None
    assert summary({**rec, "links": {"self_html": "https://zenodo.org/records/1"}})["html_url"].startswith("https")
    related = [{"relation": "isSupplementTo", "identifier": "javascript://github.com/%0aalert(1)"}]
    assert code_repository({"related_identifiers": related}, None) is None


# ---------------------------------------------------------------- registry (RegTAP replay)
def _votable(columns: list[str], rows: list[list[str]]) -> bytes:
    fields = "".join(f'<FIELD name="{c}" datatype="char" arraysize="*"/>' for c in columns)
    data = "".join("<TR>" + "".join(f"<TD>{escape(v)}</TD>" for v in row) + "</TR>" for row in rows)
    return (
        f'<?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">'
        f'<RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/><TABLE>{fields}<DATA><TABLEDATA>'
        f"{data}</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"
    ).encode()


class RegTapReplay(BaseHTTPRequestHandler):
    """Answers /sync with one hostile registry record (and empty detail tables); no /capabilities (so BINARY2 or
    TABLEDATA VOTable, never FITS)."""

    def do_GET(self):
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        form = parse_qs(self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode())
        query = (form.get("QUERY") or form.get("query") or [""])[0]
        if "rr.res_role" in query:
            body = _votable(["ivoid", "role_name"], [])
        elif "rr.stc_" in query:
            body = _votable(["ivoid", "time_start", "time_end", "spectral_start", "spectral_end"], [])
        else:
            body = _votable(
                [
                    "ivoid",
                    "res_type",
                    "short_name",
                    "res_title",
                    "res_description",
                    "reference_url",
                    "waveband",
                    "standard_ids",
                    "access_urls",
                    "intf_types",
                    "intf_roles",
                ],
                [
                    [
                        "ivo://replay/hostile",
                        "vs:catalogservice",
                        "hostile",
                        "Hostile service",
                        HOSTILE_HTML,
                        "javascript:alert(6)",
                        "optical",
                        "ivo://ivoa.net/std/tap",
                        "https://tap.example/tap",
                        "vs:paramhttp",
                        "std",
                    ]
                ],
            )
        self.send_response(200)
        self.send_header("Content-Type", "application/x-votable+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


async def test_registry_description_and_reference_url_are_cleaned(fetch_json, local_server):
    replay = local_server(RegTapReplay)
    page = await fetch_json(
        "vo", "registry", "search", method="POST", body={"keywords": "hostile", "registry_url": replay.url + "/tap"}
    )
    [res] = page["resources"]
    assert res["title"] == "Hostile service" and "Fine text" in res["description_html"]
    assert_clean(res["description_html"])
    assert res["reference_url"] is None
    assert json.dumps(res["capabilities"]).count("https://tap.example/tap") == 1
