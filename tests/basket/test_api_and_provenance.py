"""The notebook API (same store as the server), the workspace DB under two processes, and provenance records."""

from __future__ import annotations

import json
import multiprocessing
import os

import numpy as np
import pyarrow as pa
import pytest
from astropy import units as u
from astropy.table import Table

from jupyter_escape.basket import provenance as prov
from jupyter_escape.basket.api import Basket
from jupyter_escape.basket.context import BasketContext
from jupyter_escape.basket.workspace import WorkspaceDB
from jupyter_escape.core.errors import EscapeError


@pytest.fixture
def kernel_env(tmp_path, monkeypatch):
    """A kernel outside any server: ESCAPE_STATE_DIR names the store, the cwd is the root."""
    monkeypatch.delenv("ESCAPE_SERVER_CONFIG", raising=False)
    monkeypatch.setenv("ESCAPE_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)
    from jupyter_escape import basket

    basket._cache.clear()
    return basket


def test_python_api_reads_the_store_the_server_writes(kernel_env, tmp_path):
    basket = kernel_env
    server_side = Basket(BasketContext.for_server(tmp_path / "state", tmp_path))
    made = server_side.add(
        "vo_rows",
        {
            "columns": [{"name": "ra", "unit": "deg", "ucd": "pos.eq.ra;meta.main"}, {"name": "dec", "unit": "deg"}],
            "rows": [[1.0, 2.0]],
        },
        title="from the panel",
    )
    assert [e.id for e in basket.items()] == [made.id]
    t = basket.get(made.id).to_table()
    assert t["ra"].unit == u.deg and t["ra"].meta["ucd"] == "pos.eq.ra;meta.main"
    assert basket.get(made.id).to_pandas()["dec"].tolist() == [2.0]

    big = Table({"ra": np.linspace(0, 10, 5000) * u.deg, "dec": np.zeros(5000) * u.deg, "flux": np.ones(5000)})
    entry = basket.add(big, title="big", group="kernel")
    assert entry.payload["parquet"] == f"{entry.id}.parquet"  # large selections go to parquet, not JSON
    assert [i.title for i in server_side.items()] == ["from the panel", "big"]
    assert entry.to_arrow().num_rows == 5000 and entry.paths()[0].name == f"{entry.id}.parquet"

    (tmp_path / "cat.csv").write_text("ra,dec\n10,20\n")
    f = basket.add("cat.csv")
    assert f.kind == "workspace_file" and f.payload == {"path": "cat.csv"} and f.to_arrow().num_rows == 1


def test_sql_and_crossmatch_from_python(kernel_env, tmp_path):
    basket = kernel_env
    a = basket.add(pa.table({"ra": [10.0, 20.0], "dec": [0.0, 0.0]}), title="a")
    b = basket.add(pa.table({"ra": [10.0002, 30.0], "dec": [0.0, 0.0]}), title="b")
    result = basket.crossmatch(a.id, b.id, radius_arcsec=1.0, table_name="a_b", path=tmp_path / "out" / "ab.fits")
    assert result.n_matches == 1
    assert basket.sql("SELECT count(*) AS n FROM a_b")["n"].tolist() == [1]
    assert Table.read(tmp_path / "out" / "ab.fits")["separation_arcsec"].unit == u.arcsec
    in_kernel = pa.table({"x": [1, 2, 3]})
    assert basket.sql("SELECT sum(x) AS s FROM mine", tables={"mine": in_kernel})["s"].tolist() == [6]
    doc = json.loads((tmp_path / "out" / "ab.fits.prov.json").read_text())
    assert prov.validate(doc) == []
    assert any(a["prov:type"] == "escape:crossmatch" for a in doc["activity"].values())
    with pytest.raises(EscapeError, match="neither a basket item id nor a workspace table"):
        basket.crossmatch("nope", b.id)


def _db_writer(path, tag, count):
    db = WorkspaceDB(path)
    for i in range(count):
        db.write_table(f"{tag}_{i}", pa.table({"v": [i]}))


def test_workspace_db_two_writer_processes(tmp_path):
    path = tmp_path / "escape-data" / "workspace.duckdb"
    WorkspaceDB(path).write_table("seed", pa.table({"v": [0]}))
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_db_writer, args=(str(path), tag, 15)) for tag in ("server", "kernel")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(180)
        assert p.exitcode == 0
    names = {t["table"] for t in WorkspaceDB(path).tables()}
    assert names == {"seed"} | {f"{t}_{i}" for t in ("server", "kernel") for i in range(15)}


def test_provenance_of_materialised_item_is_valid_prov_json(tmp_path):
    b = Basket(BasketContext.for_server(tmp_path / "state", tmp_path))
    item = b.add(
        "vo_rows",
        {
            "columns": [{"name": "ra"}, {"name": "dec"}],
            "rows": [[1.0, 2.0]],
            "origin": {"service_url": "http://127.0.0.1:8090/tap", "query": "SELECT ra, dec FROM t", "selection": [4]},
        },
        title="picked",
    )
    info = b.materialise(item.id, "picked")
    doc = b.provenance(item.id)
    assert prov.validate(doc) == []
    assert set(doc) >= {
        "prefix",
        "entity",
        "activity",
        "agent",
        "used",
        "wasGeneratedBy",
        "wasDerivedFrom",
        "wasAssociatedWith",
    }
    entity = doc["entity"][f"escape:item/{item.id}"]
    assert entity["escape:checksum"] == info["checksum"] and entity["escape:rows"] == 1
    query = doc["entity"][f"escape:query/{item.id}"]
    assert query["escape:service"] == "http://127.0.0.1:8090/tap" and query["escape:query"] == "SELECT ra, dec FROM t"
    agents = {a["prov:type"] for a in doc["agent"].values()}
    assert agents == {"prov:Person", "prov:SoftwareAgent"}
    assert json.loads((tmp_path / "escape-data" / "provenance" / "picked.prov.json").read_text()) == doc

    from prov.model import ProvDocument  # the reference PROV implementation must read it

    parsed = ProvDocument.deserialize(content=json.dumps(doc), format="json")
    assert len(parsed.get_records()) >= 8


def test_attach_for_upload_extends_history(tmp_path):
    f = tmp_path / "result.parquet"
    f.write_bytes(b"PAR1 fake content")
    prov.write_sidecar(
        f, prov.record(entity="escape:table/r", entity_attrs={"prov:label": "r"}, activity_type="escape:crossmatch")
    )
    doc = prov.attach(f, destination="rucio:escape/user.me:result.parquet")
    assert prov.validate(doc) == []
    types = {a["prov:type"] for a in doc["activity"].values()}
    assert types == {"escape:crossmatch", "escape:upload"}
    copies = [e for e in doc["entity"].values() if e.get("prov:location") == "rucio:escape/user.me:result.parquet"]
    assert copies and copies[0]["escape:checksum"].startswith("sha256:")
    assert prov.read_sidecar(f) == doc


def test_validate_reports_broken_documents():
    bad = {"prefix": {}, "entity": {"nope": {}}, "used": {"_:u1": {"prov:activity": "escape:a"}}, "whatever": {}}
    problems = prov.validate(bad)
    assert "unknown top-level key 'whatever'" in problems
    assert any("nope" in p for p in problems) and any("missing prov:entity" in p for p in problems)


def test_unreachable_tap_service_names_it(tmp_path):
    b = Basket(BasketContext.for_server(tmp_path / "s", tmp_path))
    item = b.add("vo_query", {"service_url": "http://127.0.0.1:9/tap", "query": "SELECT 1"})
    keep = b.add("ossr_record", {"record_id": "1"})
    with pytest.raises(EscapeError) as err:
        b.get(item.id).to_arrow()
    assert err.value.service == "http://127.0.0.1:9/tap" and err.value.status == 502
    with pytest.raises(EscapeError, match="a vo_service item is a service"):
        b.get(b.add("vo_service", {"url": "http://x/tap"}).id).to_arrow()
    assert {i.id for i in b.items()} >= {item.id, keep.id}


@pytest.mark.stack
def test_vo_query_reruns_against_local_dachs(tmp_path):
    tap = os.environ.get("ESCAPE_TAP_URL") or "http://127.0.0.1:8090/tap"
    b = Basket(BasketContext.for_server(tmp_path / "s", tmp_path))
    item = b.add("vo_query", {"service_url": tap, "query": "SELECT TOP 5 table_name FROM tap_schema.tables"})
    table = b.get(item.id).to_arrow()
    assert 0 < table.num_rows <= 5
    doc = b.provenance(item.id)
    assert prov.validate(doc) == []
    assert any(a.get("escape:query", "").startswith("SELECT TOP 5") for a in doc["activity"].values())
    assert b.store.get(item.id).extra["result_rows"] == table.num_rows
