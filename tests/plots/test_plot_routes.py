"""The plot routes through the real server (pytest-jupyter): server-side bins checked against numpy on the same
data, brushing as row ids, the selection into the basket and back into a kernel."""

from __future__ import annotations

import ast
import base64
import json

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tornado.httpclient import HTTPClientError

N = 20_000


def decode(value: dict) -> np.ndarray:
    return np.frombuffer(base64.b64decode(value["b64"]), dtype="<" + value["dtype"])


@pytest.fixture
def catalogue(jp_root_dir):
    rng = np.random.default_rng(7)
    data = {
        "ra": rng.uniform(10, 20, N),
        "dec": rng.uniform(-5, 5, N),
        "mag": rng.normal(15, 2, N),
        "flux": 10 ** rng.uniform(-2, 3, N),
    }
    pq.write_table(pa.table(data), jp_root_dir / "cat.parquet")
    return {"kind": "file", "path": "cat.parquet"}, data


async def _error(coro):
    with pytest.raises(HTTPClientError) as err:
        await coro
    return err.value.code, json.loads(err.value.response.body)


async def test_histogram_bins_match_numpy(fetch_json, catalogue):
    source, data = catalogue
    info = await fetch_json("plots", "describe", method="POST", body={"source": source})
    assert info["n_rows"] == N and [c["name"] for c in info["columns"]] == ["ra", "dec", "mag", "flux"]
    out = await fetch_json(
        "plots",
        "aggregate",
        method="POST",
        body={"source": source, "kind": "histogram", "x": "mag", "bins": 40, "selection": [0, 1, 2]},
    )
    expected, edges = np.histogram(data["mag"], bins=40)
    assert np.allclose(out["edges"], edges) and out["n"] == N
    # numpy puts a value equal to an edge in the upper bin, DuckDB's floor() too: counts agree bin by bin
    assert abs(np.array(out["counts"]) - expected).max() <= 1 and sum(out["counts"]) == N
    assert sum(out["selected"]) == 3
    # log axis: bins evenly spaced in log10, edges given back in data units
    out = await fetch_json(
        "plots",
        "aggregate",
        method="POST",
        body={"source": source, "kind": "histogram", "x": "flux", "logx": True, "bins": 10},
    )
    expected, edges = np.histogram(np.log10(data["flux"]), bins=10)
    assert np.allclose(np.log10(out["edges"]), edges) and sum(out["counts"]) == N


async def test_density_and_expression_axes(fetch_json, catalogue):
    source, data = catalogue
    out = await fetch_json(
        "plots",
        "aggregate",
        method="POST",
        body={"source": source, "kind": "density", "x": "ra", "y": "mag - 2 * dec", "nx": 30, "ny": 20},
    )
    counts = decode(out["counts"]).reshape(20, 30)
    expected, _, _ = np.histogram2d(data["mag"] - 2 * data["dec"], data["ra"], bins=[20, 30])
    assert counts.sum() == N and np.abs(counts - expected).max() <= 2
    # a scatter over more points than its limit is binned on the server instead of sent point by point
    out = await fetch_json(
        "plots",
        "aggregate",
        method="POST",
        body={"source": source, "kind": "scatter", "x": "ra", "y": "dec", "limit": 1000},
    )
    assert out["kind"] == "density" and out["binned_from"] == "scatter"
    out = await fetch_json(
        "plots",
        "aggregate",
        method="POST",
        body={"source": source, "kind": "scatter", "x": "ra", "y": "dec", "color": "mag"},
    )
    assert out["kind"] == "scatter" and np.allclose(decode(out["x"]), data["ra"])
    assert np.array_equal(decode(out["row"]), np.arange(N)) and np.allclose(decode(out["color"]), data["mag"])


async def test_first_answer_has_bins_columns_and_its_timing(jp_fetch, catalogue):
    """A plot opened with its axes asks once: the bins and the columns together; Server-Timing names the phases."""
    source, data = catalogue
    body = {"source": source, "kind": "density", "x": "ra", "y": "dec", "nx": 10, "ny": 10, "columns": True}
    response = await jp_fetch("escape", "api", "plots", "aggregate", method="POST", body=json.dumps(body))
    out = json.loads(response.body)
    assert [c["name"] for c in out["columns"]] == ["ra", "dec", "mag", "flux"] and out["n_rows"] == N
    assert all(c["numeric"] for c in out["columns"])
    expected, _, _ = np.histogram2d(data["dec"], data["ra"], bins=[10, 10])
    assert np.abs(decode(out["counts"]).reshape(10, 10) - expected).max() <= 1
    phases = dict(p.strip().split(";dur=") for p in response.headers["Server-Timing"].split(","))
    assert list(phases) == ["wait", "table", "bins", "total"] and all(float(ms) >= 0 for ms in phases.values())
    assert float(phases["total"]) >= float(phases["bins"])
    # without the flag, no columns (a redraw does not need them)
    out = await jp_fetch(
        "escape", "api", "plots", "aggregate", method="POST", body=json.dumps({**body, "columns": False})
    )
    assert "columns" not in json.loads(out.body)


async def test_brush_to_rows_to_basket_and_kernel(fetch_json, catalogue, jp_server_config, monkeypatch):
    source, data = catalogue
    box = {"source": source, "x": "ra", "y": "dec", "xrange": [12, 13], "yrange": [0, 1]}
    out = await fetch_json("plots", "select", method="POST", body=box)
    expected = np.flatnonzero((data["ra"] >= 12) & (data["ra"] <= 13) & (data["dec"] >= 0) & (data["dec"] <= 1))
    rows = decode(out["rows"])
    assert np.array_equal(rows, expected) and out["count"] == len(expected) > 0

    item = await fetch_json(
        "plots",
        "subset",
        method="POST",
        body={"source": source, "rows": rows.tolist(), "title": "brushed", "provenance": {"plot": box}},
    )
    assert item["kind"] == "vo_rows" and item["title"] == "brushed"
    origin = item["payload"]["origin"]
    assert (
        origin["kind"] == "selected rows"
        and origin["source"] == source
        and origin["selection"]["plot"]["xrange"] == [12, 13]
    )
    stored = await fetch_json("basket", "items", item["id"], "data", params={"limit": 100000})
    assert np.allclose([r[0] for r in stored["rows"]], data["ra"][expected])

    await fetch_json(
        "plots", "selections", "main", method="PUT", body={"source": source, "rows": rows.tolist(), "origin": "plot"}
    )
    monkeypatch.setenv("ESCAPE_STATE_DIR", jp_server_config["EscapeConfig"]["state_dir"])
    from jupyter_escape import plot

    table = plot.selection("main")
    assert len(table) == len(expected) and np.allclose(table["ra"], data["ra"][expected])
    assert list(table["__row"]) == expected.tolist() and table.meta["escape_selection"]["origin"] == "plot"


async def test_sql_source_of_a_million_rows(fetch_json):
    source = {"kind": "sql", "sql": "SELECT range AS i, (range % 1000) / 10.0 AS v FROM range(1000000)"}
    out = await fetch_json(
        "plots",
        "aggregate",
        method="POST",
        body={"source": source, "kind": "density", "x": "i", "y": "v", "nx": 100, "ny": 100},
    )
    assert out["n"] == 1_000_000 and decode(out["counts"]).sum() == 1_000_000 and out["max"] == 100


async def test_bad_input_is_named(fetch_json, catalogue):
    source, _ = catalogue
    code, body = await _error(
        fetch_json("plots", "aggregate", method="POST", body={"source": source, "kind": "histogram", "x": "nosuch + 1"})
    )
    assert code == 400 and "nosuch" in body["error"] and body["service"] == "plots"
    code, body = await _error(
        fetch_json(
            "plots",
            "aggregate",
            method="POST",
            body={"source": source, "kind": "histogram", "x": "(SELECT count(*) FROM read_csv('/etc/passwd'))"},
        )
    )
    assert code == 400 and "disabled" in body["error"]
    code, body = await _error(
        fetch_json("plots", "aggregate", method="POST", body={"source": source, "kind": "density", "x": "ra"})
    )
    assert code == 400 and "y" in body["error"]
    code, body = await _error(
        fetch_json("plots", "describe", method="POST", body={"source": {"kind": "file", "path": "../../etc/passwd"}})
    )
    assert code in (400, 403)
    code, body = await _error(fetch_json("plots", "subset", method="POST", body={"source": source, "rows": [N]}))
    assert code == 400 and "row ids" in body["error"]


async def test_code_reopens_the_view(fetch_json, catalogue):
    source, _ = catalogue
    out = await fetch_json(
        "plots",
        "code",
        method="POST",
        body={"source": source, "spec": {"kind": "scatter", "x": "ra", "y": 'dec")\nimport os', "logy": True}},
    )
    ast.parse(out["code"])
    assert "plot.scatter({'kind': 'file', 'path': 'cat.parquet'}" in out["code"] and "\nimport os" not in out["code"]
