"""The basket routes through the real server (pytest-jupyter), as the frontend calls them."""

from __future__ import annotations

import asyncio
import json

import pyarrow as pa
import pytest
from tornado.httpclient import HTTPClientError

ROWS = {
    "kind": "vo_rows",
    "title": "bright stars",
    "group": "paper",
    "payload": {
        "columns": [
            {"name": "ra", "unit": "deg", "ucd": "pos.eq.ra;meta.main"},
            {"name": "dec", "unit": "deg", "ucd": "pos.eq.dec;meta.main"},
            {"name": "mag", "unit": "mag", "description": "V magnitude"},
        ],
        "rows": [[10.0, 20.0, 5.5], [359.99999, -1.0, 7.25], [180.0, 89.9999, 3.0]],
        "origin": {"service_url": "http://127.0.0.1:8090/tap", "query": "SELECT * FROM stars"},
    },
}
OTHER = {
    "kind": "vo_rows",
    "title": "candidates",
    "payload": {
        "columns": [{"name": "RAJ2000", "unit": "deg"}, {"name": "DEJ2000", "unit": "deg"}],
        "rows": [[10.0001, 20.0], [0.00001, -1.0], [50.0, 50.0]],
    },
}


async def _error(coro):
    with pytest.raises(HTTPClientError) as err:
        await coro
    return err.value.code, json.loads(err.value.response.body)


async def test_items_groups_etag_and_changes(fetch_json, jp_fetch):
    first = await fetch_json("basket")
    assert first["items"] == [] and first["version"] == 0
    item = await fetch_json("basket", "items", method="POST", body=ROWS)
    assert (
        item["title"] == "bright stars" and item["group"] == "paper" and item["source"] == "http://127.0.0.1:8090/tap"
    )

    snap = await fetch_json("basket")
    assert [i["id"] for i in snap["items"]] == [item["id"]] and snap["groups"][0] == {**snap["groups"][0], "count": 1}
    with pytest.raises(HTTPClientError) as err:  # unchanged basket: 304, no body to parse
        await jp_fetch("escape", "api", "basket", headers={"If-None-Match": snap["etag"]})
    assert err.value.code == 304

    changes = await fetch_json("basket", "changes", params={"since": snap["version"], "timeout": 0})
    assert changes == {"version": snap["version"], "changed": False}
    waiter = asyncio.ensure_future(fetch_json("basket", "changes", params={"since": snap["version"], "timeout": 10}))
    await asyncio.sleep(0.3)
    patched = await fetch_json("basket", "items", item["id"], method="PATCH", body={"notes": "V < 8", "group": "g2"})
    assert patched["notes"] == "V < 8" and patched["group"] == "g2"
    assert (await waiter)["changed"] is True

    await fetch_json("basket", "groups", method="POST", body={"name": "later"})
    await fetch_json("basket", "groups", "g2", method="PATCH", body={"name": "figure 3"})
    assert (await fetch_json("basket", "items", item["id"]))["group"] == "figure 3"
    await jp_fetch("escape", "api", "basket", "groups", "figure 3", method="DELETE")
    assert (await fetch_json("basket", "items", item["id"]))["group"] is None
    await jp_fetch("escape", "api", "basket", "items", item["id"], method="DELETE")
    code, body = await _error(fetch_json("basket", "items", item["id"]))
    assert code == 404 and body["error"] == f"no basket item with id {item['id']!r}" and body["service"] == "basket"


async def test_bad_items_are_refused_clearly(fetch_json, jp_root_dir):
    code, body = await _error(fetch_json("basket", "items", method="POST", body={"kind": "vo_query", "payload": {}}))
    assert code == 400 and body["error"] == "payload: a vo_query item needs service_url, query"
    code, body = await _error(
        fetch_json(
            "basket", "items", method="POST", body={"kind": "workspace_file", "payload": {"path": "../../etc/passwd"}}
        )
    )
    assert code == 403 and "outside the server root" in body["error"]

    (jp_root_dir / "gone.csv").write_text("ra,dec\n1,2\n")
    gone = await fetch_json(
        "basket", "items", method="POST", body={"kind": "workspace_file", "payload": {"path": "gone.csv"}}
    )
    kept = await fetch_json("basket", "items", method="POST", body=ROWS)
    (jp_root_dir / "gone.csv").unlink()
    code, body = await _error(fetch_json("basket", "items", gone["id"], "data"))
    assert code == 404 and "gone.csv no longer exists" in body["error"]
    assert (await fetch_json("basket", "items", kept["id"], "data"))["n_rows"] == 3  # the rest is unaffected
    code, body = await _error(fetch_json("basket", "items", gone["id"], "materialise", method="POST", body={}))
    assert code == 404

    did = await fetch_json(
        "basket",
        "items",
        method="POST",
        body={"kind": "datalake_did", "payload": {"scope": "user.a", "name": "f.fits"}},
    )
    code, body = await _error(fetch_json("basket", "items", did["id"], "data"))
    assert code in (400, 404, 502) and body["error"]


async def test_data_json_and_arrow(fetch_json, jp_fetch):
    item = await fetch_json("basket", "items", method="POST", body=ROWS)
    data = await fetch_json("basket", "items", item["id"], "data", params={"limit": 2})
    assert data["rows"] == [[10.0, 20.0, 5.5], [359.99999, -1.0, 7.25]] and data["truncated"] is True
    assert data["columns"][0]["ucd"] == "pos.eq.ra;meta.main" and data["total_rows"] == 3
    response = await jp_fetch("escape", "api", "basket", "items", item["id"], "data", params={"format": "arrow"})
    assert response.headers["Content-Type"] == "application/vnd.apache.arrow.stream"
    table = pa.ipc.open_stream(response.body).read_all()
    assert table.column("mag").to_pylist() == [5.5, 7.25, 3.0]
    assert table.schema.field("mag").metadata[b"description"] == b"V magnitude"


async def test_rows_keep_their_votable_types_and_display_hints(fetch_json, jp_fetch):
    """A VOTable float column, sent as JSON numbers, comes back as a float32 column with its precision and width,
    as the VO grid had it: the table pane then prints 21.971, not the double's 21.971001. The values cross JSON,
    so they are checked as the float32 the service stored; the Arrow type of each column is the one named."""
    body = {
        "kind": "vo_rows",
        "title": "magnitudes",
        "payload": {
            "columns": [
                {"name": "mag", "datatype": "float", "precision": "3", "width": "6", "unit": "mag"},
                {"name": "flux", "datatype": "double"},
                {"name": "n_obs", "datatype": "short"},
                {"name": "source_id", "datatype": "int"},
                {"name": "name", "datatype": "char"},
            ],
            "rows": [[21.971, 1.5, 3, 2**40, "a"], [21.33, 2.25, None, 7, "b"], [None, 0.1, 12, 8, None]],
        },
    }
    item = await fetch_json("basket", "items", method="POST", body=body)
    response = await jp_fetch("escape", "api", "basket", "items", item["id"], "data", params={"format": "arrow"})
    table = pa.ipc.open_stream(response.body).read_all()
    types = {f.name: f.type for f in table.schema}
    # source_id does not fit an int32 (2**40): kept as JSON read it rather than wrapped.
    assert types == {
        "mag": pa.float32(),
        "flux": pa.float64(),
        "n_obs": pa.int16(),
        "source_id": pa.int64(),
        "name": pa.string(),
    }
    assert table.column("mag").to_pylist()[:2] == [
        pa.scalar(21.971, pa.float32()).as_py(),
        pa.scalar(21.33, pa.float32()).as_py(),
    ]
    mag = table.schema.field("mag").metadata
    assert mag[b"precision"] == b"3" and mag[b"width"] == b"6" and mag[b"unit"] == b"mag"
    # The JSON form says the same, so the pane and a notebook agree.
    data = await fetch_json("basket", "items", item["id"], "data")
    assert data["columns"][0] == {"name": "mag", "datatype": "float", "unit": "mag", "precision": "3", "width": "6"}


async def test_materialise_sql_console_and_tables(fetch_json):
    item = await fetch_json("basket", "items", method="POST", body=ROWS)
    info = await fetch_json("basket", "items", item["id"], "materialise", method="POST", body={"table": "stars"})
    assert (
        info["table"] == "stars"
        and info["n_rows"] == 3
        and info["provenance_file"] == "escape-data/provenance/stars.prov.json"
    )
    tables = (await fetch_json("basket", "tables"))["tables"]
    assert [t["table"] for t in tables] == ["stars"] and tables[0]["item_id"] == item["id"]
    detail = await fetch_json("basket", "tables", "stars")
    assert detail["columns"][2] == {"name": "mag", "unit": "mag", "description": "V magnitude"}
    assert detail["provenance"]["entity"][f"escape:item/{item['id']}"]["escape:rows"] == 3

    result = await fetch_json(
        "basket", "sql", method="POST", body={"sql": "SELECT ra, mag FROM stars ORDER BY mag", "limit": 2}
    )
    assert result["rows"] == [[180.0, 3.0], [10.0, 5.5]] and result["truncated"] is True
    assert result["columns"][0]["unit"] == "deg"
    code, body = await _error(fetch_json("basket", "sql", method="POST", body={"sql": "DROP TABLE stars"}))
    assert code == 400 and "read-only mode" in body["error"] and body["service"] == "workspace-db"
    code, body = await _error(
        fetch_json("basket", "sql", method="POST", body={"sql": "SELECT * FROM read_csv('/etc/passwd')", "write": True})
    )
    assert code == 400 and "disabled by configuration" in body["error"]
    code, body = await _error(fetch_json("basket", "sql", method="POST", body={"sql": "SELEC 1"}))
    assert code == 400 and "syntax error" in body["error"].lower()
    made = await fetch_json(
        "basket",
        "sql",
        method="POST",
        body={"sql": "CREATE TABLE faint AS SELECT * FROM stars WHERE mag > 5", "write": True},
    )
    assert made["truncated"] is False
    assert {t["table"] for t in (await fetch_json("basket", "tables"))["tables"]} == {"stars", "faint"}


async def test_xmatch_route_writes_table_file_and_provenance(fetch_json, jp_root_dir):
    a = await fetch_json("basket", "items", method="POST", body=ROWS)
    b = await fetch_json("basket", "items", method="POST", body=OTHER)
    result = await fetch_json(
        "basket",
        "xmatch",
        method="POST",
        body={
            "left": a["id"],
            "right": b["id"],
            "radius_arcsec": 1.0,
            "table": "pairs",
            "path": "results/pairs.parquet",
        },
    )
    assert result["n_matches"] == 2 and result["saved"]["table"] == "pairs"
    assert result["saved"]["path"] == "results/pairs.parquet"
    assert (jp_root_dir / "results" / "pairs.parquet").exists()
    sidecar = json.loads((jp_root_dir / "results" / "pairs.parquet.prov.json").read_text())
    used = {rel["prov:entity"] for rel in sidecar["used"].values()}
    assert {f"escape:item/{a['id']}", f"escape:item/{b['id']}"} <= used
    sql = await fetch_json(
        "basket", "sql", method="POST", body={"sql": "SELECT round(separation_arcsec, 3) FROM pairs ORDER BY 1"}
    )
    assert sql["rows"] == [[0.072], [0.338]]

    code, body = await _error(
        fetch_json("basket", "xmatch", method="POST", body={"left": a["id"], "right": {"path": "../outside.parquet"}})
    )
    assert code == 403
    nocoords = await fetch_json(
        "basket",
        "items",
        method="POST",
        body={"kind": "vo_rows", "payload": {"columns": [{"name": "x"}], "rows": [[1]]}},
    )
    code, body = await _error(
        fetch_json("basket", "xmatch", method="POST", body={"left": a["id"], "right": nocoords["id"]})
    )
    assert code == 400 and body["error"].startswith("right: no sky coordinates found")

    # the in-memory engine by name, and by its deprecated former name: same result, a note saying which to use
    for engine in ("memory", "scipy"):
        named = await fetch_json(
            "basket",
            "xmatch",
            method="POST",
            body={"left": a["id"], "right": b["id"], "radius_arcsec": 1.0, "table": f"by_{engine}", "engine": engine},
        )
        assert named["n_matches"] == 2 and named["params"]["engine"] == "memory"
        notes = " ".join(named["notes"])
        if engine == "scipy":
            assert "engine='scipy' is deprecated: the in-memory engine is called 'memory'" in notes, notes
        else:
            assert "deprecated" not in notes, notes


async def test_notebook_save_and_load_routes(fetch_json, jp_root_dir):
    (jp_root_dir / "work").mkdir()
    nb = jp_root_dir / "work" / "a.ipynb"
    nb.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    item = await fetch_json("basket", "items", method="POST", body=ROWS)
    saved = await fetch_json("basket", "notebook", method="POST", body={"path": "work/a.ipynb", "action": "save"})
    assert saved == {"path": "work/a.ipynb", "items": 1, "groups": 1}
    block = await fetch_json("basket", "notebook", params={"path": "work/a.ipynb"})
    assert block["items"][0]["id"] == item["id"]
    exported = await fetch_json("basket", "export", params={"items": item["id"]})
    assert exported["items"] == block["items"] and exported["groups"] == ["paper"]
    await fetch_json("basket", "items", item["id"], method="DELETE")
    loaded = await fetch_json("basket", "notebook", method="POST", body={"path": "work/a.ipynb", "action": "load"})
    assert loaded == {"added": 1, "skipped": 0, "problems": []}
    code, _body = await _error(fetch_json("basket", "notebook", method="POST", body={"path": "../x.ipynb"}))
    assert code == 403
