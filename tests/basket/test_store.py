"""The basket store: persistence across re-opening, concurrent writer processes, groups, notebook round trip."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3

import pytest

from jupyter_escape.basket.notebook import load_from_notebook, read_from_notebook, save_to_notebook
from jupyter_escape.basket.store import BasketStore
from jupyter_escape.core.errors import EscapeError


def test_items_survive_reopening(tmp_path):
    store = BasketStore(tmp_path)
    a = store.add(
        "vo_service",
        {"url": "http://127.0.0.1:8090/tap", "service_type": "tap"},
        title="local TAP",
        group="run 1",
        notes="first",
    )
    b = store.add("datalake_did", {"scope": "user.x", "name": "f.fits", "instance": "escape"})
    del store
    reopened = BasketStore(tmp_path)
    items = reopened.items()
    assert [i.id for i in items] == [a.id, b.id]
    assert items[0].title == "local TAP" and items[0].group == "run 1" and items[0].notes == "first"
    assert items[1].source == "rucio:escape/user.x:f.fits"
    assert reopened.groups() == [{"name": "run 1", "created": reopened.groups()[0]["created"], "count": 1}]
    assert oct((tmp_path / "basket.sqlite").stat().st_mode & 0o777) == "0o600"


def test_version_and_etag_change_on_every_write(tmp_path):
    store = BasketStore(tmp_path)
    v0, e0 = store.version(), store.etag()
    item = store.add("workspace_file", {"path": "data/a.fits"})
    assert store.version() == v0 + 1 and store.etag() != e0
    store.update(item.id, notes="checked", group="g")
    store.remove(item.id)
    assert store.version() == v0 + 3
    snap = store.snapshot()
    assert snap["items"] == [] and snap["groups"][0]["name"] == "g" and snap["version"] == v0 + 3


def _writer(state_dir, tag, count):
    store = BasketStore(state_dir)
    for i in range(count):
        store.add("workspace_file", {"path": f"{tag}/{i}.fits"}, title=f"{tag}-{i}", group=tag)


def test_two_writer_processes_lose_nothing(tmp_path):
    BasketStore(tmp_path)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), tag, 150)) for tag in ("tab-a", "kernel-b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    store = BasketStore(tmp_path)
    titles = {i.title for i in store.items()}
    assert len(titles) == 300
    assert titles == {f"{t}-{i}" for t in ("tab-a", "kernel-b") for i in range(150)}
    assert store.version() == 300
    assert {g["name"]: g["count"] for g in store.groups()} == {"tab-a": 150, "kernel-b": 150}


def test_bad_items_are_refused_without_touching_others(tmp_path):
    store = BasketStore(tmp_path)
    keep = store.add("ossr_record", {"record_id": "123", "doi": "10.5281/zenodo.123"})
    with pytest.raises(EscapeError, match="kind: 'spreadsheet' is not one of"):
        store.add("spreadsheet", {"x": 1})
    with pytest.raises(EscapeError, match="a vo_query item needs query"):
        store.add("vo_query", {"service_url": "http://x/tap"})
    with pytest.raises(EscapeError, match="no basket item with id 'nope'"):
        store.remove("nope")
    with pytest.raises(EscapeError, match="already in the basket"):
        store.add("ossr_record", {"record_id": "9"}, item_id=keep.id)
    assert [i.id for i in store.items()] == [keep.id]


def test_update_refuses_extra_that_is_not_an_object(tmp_path):
    # Found while typing update(**changes): title, notes and group were checked, extra was merged unchecked and
    # a non-object failed inside the dict merge with a bare TypeError (the notebook API's Basket.update path).
    store = BasketStore(tmp_path)
    item = store.add("workspace_file", {"path": "a.csv"})
    for bad in ("a string", ["a", "list"], 3):
        with pytest.raises(EscapeError, match="extra: expected a JSON object"):
            store.update(item.id, extra=bad)
    assert store.get(item.id).extra == {}
    assert store.update(item.id, extra={"table": "a_csv"}).extra == {"table": "a_csv"}
    assert store.update(item.id, extra=None).extra == {"table": "a_csv"}  # None: nothing to change, as before


def test_groups_rename_and_remove(tmp_path):
    store = BasketStore(tmp_path)
    a = store.add("workspace_file", {"path": "a.csv"}, group="old")
    store.add_group("empty")
    store.rename_group("old", "new")
    assert store.get(a.id).group == "new"
    store.remove_group("new")
    assert store.get(a.id).group is None
    assert [g["name"] for g in store.groups()] == ["empty"]


def _notebook(path):
    path.write_text(
        json.dumps({"cells": [], "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5})
    )


def test_notebook_metadata_round_trip(tmp_path):
    store = BasketStore(tmp_path / "state-a")
    q = store.add(
        "vo_query",
        {"service_url": "http://127.0.0.1:8090/tap", "query": "SELECT TOP 5 * FROM t"},
        title="five rows",
        group="paper",
        notes="for fig. 2",
    )
    rows = store.add(
        "vo_rows",
        {
            "columns": [{"name": "ra", "unit": "deg", "ucd": "pos.eq.ra;meta.main"}, {"name": "dec", "unit": "deg"}],
            "rows": [[1.5, -2.0], [359.9, 89.0]],
        },
    )
    nb = tmp_path / "analysis.ipynb"
    _notebook(nb)
    written = save_to_notebook(store, nb)
    assert written["items"] == 2
    on_disk = json.loads(nb.read_text())
    assert on_disk["metadata"]["kernelspec"] == {"name": "python3"}  # the rest of the metadata is kept
    assert [i["id"] for i in on_disk["metadata"]["escape"]["basket"]["items"]] == [q.id, rows.id]
    assert read_from_notebook(nb)["groups"] == ["paper"]

    other = BasketStore(tmp_path / "state-b")
    result = load_from_notebook(other, nb)
    assert result == {"added": 2, "skipped": 0, "problems": []}
    got = {i.id: i for i in other.items()}
    assert got[q.id].notes == "for fig. 2" and got[q.id].group == "paper"
    assert got[rows.id].payload["rows"] == [[1.5, -2.0], [359.9, 89.0]]
    assert load_from_notebook(other, nb)["skipped"] == 2


def test_notebook_with_malformed_item_loads_the_rest(tmp_path):
    nb = tmp_path / "n.ipynb"
    nb.write_text(
        json.dumps(
            {
                "cells": [],
                "metadata": {
                    "escape": {
                        "basket": {
                            "items": [
                                {
                                    "id": "good1",
                                    "kind": "workspace_file",
                                    "title": "t",
                                    "source": "s",
                                    "created": "2024-01-01T00:00:00Z",
                                    "payload": {"path": "a.fits"},
                                },
                                {
                                    "id": "bad1",
                                    "kind": "vo_query",
                                    "title": "t",
                                    "source": "s",
                                    "created": "2024-01-01T00:00:00Z",
                                    "payload": {},
                                },
                            ]
                        }
                    }
                },
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        )
    )
    store = BasketStore(tmp_path / "s")
    result = load_from_notebook(store, nb)
    assert (
        result["added"] == 1 and "bad1" in result["problems"][0] and "needs service_url, query" in result["problems"][0]
    )
    with pytest.raises(EscapeError, match="not a notebook"):
        save_to_notebook(store, tmp_path / "x.txt")


def test_store_file_is_plain_sqlite(tmp_path):
    store = BasketStore(tmp_path)
    store.add("workspace_file", {"path": "a.csv"})
    con = sqlite3.connect(store.path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 1


def test_text_columns_write_to_fits_and_read_back(tmp_path):
    """Text (with a null) leaves Arrow as fixed-width strings: FITS has no format for an object column."""
    import pyarrow as pa
    from astropy.table import Table

    from jupyter_escape.basket.tableio import write_file

    table = pa.table({"name": ["ILTJ104500+580000", None, "x"], "ra": [161.2, 161.3, 161.4]})
    path = write_file(table, tmp_path / "derived.fits")
    back = Table.read(path)
    assert [back["name"][0], back["name"][2]] == ["ILTJ104500+580000", "x"] and list(back["ra"]) == [
        161.2,
        161.3,
        161.4,
    ]
    assert bool(back["name"].mask[1])  # the null stays a null
