"""Identifiers from outside (a notebook's metadata, a remote record, the browser) are checked against a strict shape
before use, and file names are derived from them, never taken. The notebook cases go through the real
``basket/notebook`` route: a notebook someone sent you must not create, read or delete anything outside the root."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jupyter_escape.core.errors import BadInput, EscapeError, RemoteError
from jupyter_escape.core.names import ITEM_ID, check_id, file_stem, is_plain_file_name, safe_file_name

HOSTILE_IDS = [
    "../../../outside/pwn",
    "..",
    ".",
    "a/b",
    "/abs",
    "x\x00y",
    "*",
    "a.b",
    "id\n",
    "é",
    "",
    "x" * 65,
    "..\\..\\w",
    "~",
    "$(touch x)",
]


def _snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*")}


def _item(item_id, kind, payload, **more) -> dict:
    return {
        "id": item_id,
        "kind": kind,
        "title": "t",
        "source": "s",
        "created": "2024-01-01T00:00:00Z",
        "payload": payload,
        **more,
    }


def _hostile_notebook(root: Path, outside: Path) -> Path:
    many_rows = {"columns": [{"name": "ra"}, {"name": "dec"}], "rows": [[1.0, 2.0]] * 2500}  # > INLINE_MAX_ROWS
    rel_out = os.path.relpath(outside, root)
    items = [_item(i, "vo_rows", many_rows) for i in HOSTILE_IDS]
    items += [
        _item("../" * 8 + str(outside).lstrip("/") + "/dl", "datalink_product", {"access_url": "http://127.0.0.1:9/x"}),
        _item("fileurl", "datalink_product", {"access_url": "file:///etc/passwd"}),
        _item("jsurl", "vo_query", {"service_url": "javascript:alert(1)", "query": "SELECT 1"}),
        _item("jssvc", "vo_service", {"url": " data:text/html,<script>"}),
        _item(
            "origin",
            "vo_rows",
            {"columns": [{"name": "a"}], "rows": [[1]], "origin": {"service_url": "file:///etc/passwd"}},
        ),
        _item("outpath", "workspace_file", {"path": f"{rel_out}/secret.txt"}),
        _item("parq", "vo_rows", {"parquet": "../../outside/secret.parquet"}),
        _item("table", "vo_rows", {"columns": [{"name": "a"}], "rows": [[1]]}, extra={"table": "../../outside/x"}),
        _item("recid", "ossr_record", {"record_id": "1; rm -rf ~"}),
        _item("did", "datalake_did", {"scope": "user.alice", "name": "../../etc/passwd\n"}),
        _item(
            "good",
            "vo_rows",
            {"columns": [{"name": "a"}], "rows": [[1]]},
            extra={"table": "good_rows", "checksum": "sha256:00", "state_dir": "/tmp", "files": ["/etc"]},
        ),
    ]
    nb = root / "sent-to-you.ipynb"
    nb.write_text(
        json.dumps(
            {
                "cells": [],
                "nbformat": 4,
                "nbformat_minor": 5,
                "metadata": {"escape": {"basket": {"format": 1, "groups": ["g"], "items": items}}},
            }
        )
    )
    return nb


@pytest.fixture
def outside(jp_root_dir) -> Path:
    folder = Path(jp_root_dir).parent / "outside"
    folder.mkdir(exist_ok=True)
    (folder / "secret.txt").write_text("TOPSECRET")
    return folder


async def test_notebook_metadata_is_checked_like_a_panel(fetch_json, jp_fetch, jp_root_dir, outside):
    root = Path(jp_root_dir)
    _hostile_notebook(root, outside)
    before_out, before_parent = _snapshot(outside), sorted(p.name for p in root.parent.iterdir())
    result = await fetch_json("basket", "notebook", method="POST", body={"path": "sent-to-you.ipynb", "action": "load"})
    assert result["added"] == 1, result
    assert len(result["problems"]) == len(HOSTILE_IDS) + 10, result["problems"]
    problems = "\n".join(result["problems"])
    for field in (
        "payload.access_url",
        "payload.service_url",
        "payload.url",
        "payload.origin.service_url",
        "outside the server root",
        "payload.parquet",
        "table",
        "payload.record_id",
        "not allowed in Rucio names",
    ):
        assert field in problems, field
    basket = await fetch_json("basket")
    (good,) = basket["items"]
    assert good["id"] == "good" and good["extra"] == {"table": "good_rows", "checksum": "sha256:00"}
    # Touch what loaded: data, materialise, delete. Nothing appears or disappears outside the root.
    await fetch_json("basket", "items", "good", "materialise", method="POST", body={})
    await jp_fetch("escape", "api", "basket", "items", "good", method="DELETE")
    assert _snapshot(outside) == before_out
    assert sorted(p.name for p in root.parent.iterdir()) == before_parent


@pytest.mark.parametrize("bad", HOSTILE_IDS)
async def test_browser_ids_have_the_item_shape(jp_fetch, bad):
    if bad in ("", ".", "..") or "/" in bad or "\\" in bad:
        return  # not routable as one path segment; tornado answers 404 before the handler
    response = await jp_fetch("escape", "api", "basket", "items", bad, method="DELETE", raise_error=False)
    # 400 naming the id: from the item-id shape check, or earlier from the route's request validation
    assert response.code == 400 and (b"not a valid identifier" in response.body or b"item_id" in response.body), (
        bad,
        response.body,
    )


def test_large_rows_with_a_hostile_id_write_nothing(tmp_path):
    from jupyter_escape.basket.api import Basket
    from jupyter_escape.basket.context import BasketContext

    root = tmp_path / "root"
    root.mkdir()
    basket = Basket(BasketContext.for_server(tmp_path / "state", root, None))
    rows = {"columns": [{"name": "ra"}], "rows": [[1.0]] * 2500}
    with pytest.raises(BadInput, match="not a valid identifier"):
        basket.add("vo_rows", rows, item_id="../../pwn")
    assert not list(tmp_path.glob("*.parquet")) and not list((tmp_path / "state").rglob("*.parquet"))


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_derived_names_are_one_plain_component(text):
    for name in (file_stem(text), safe_file_name(text)):
        assert name and "/" not in name and "\\" not in name and "\x00" not in name
        assert not name.startswith(".") and name not in (".", "..")
        assert len(name) <= 150 and name.isascii()
    assert ITEM_ID.fullmatch(file_stem(text)) or file_stem(text).rsplit("-", 1)[1].isalnum()


@given(st.text(min_size=1), st.text(min_size=1))
@settings(max_examples=200, deadline=None)
def test_different_ids_never_share_a_file(a, b):
    if a != b:
        assert file_stem(a) != file_stem(b)


@pytest.mark.parametrize("bad", [*HOSTILE_IDS, None, 7, ["x"]])
def test_check_id_refuses(bad):
    with pytest.raises(BadInput):
        check_id(bad, "id")


@pytest.mark.parametrize("key", [".bashrc", "..", "a/b", "../x", "x\n", "-rf", "", "a\\b", "x" * 300])
async def test_repository_file_keys_never_become_odd_names(tmp_path, key):
    from jupyter_escape.ossr.transfer import download_file

    assert not is_plain_file_name(key)
    with pytest.raises(BadInput, match="refusing the file name"):
        await download_file(None, {"key": key, "url": "http://127.0.0.1:9/x"}, tmp_path)
    assert list(tmp_path.iterdir()) == []


class _FakeZenodo:
    """Answers every record request with the record it is given (a hostile repository)."""

    service = "Zenodo (fake)"

    def __init__(self, record):
        self.record = record

    async def get_json(self, path, **kwargs):
        return self.record


@pytest.mark.parametrize("remote_id", ["../../../outside", "7/../../x", "1 2", None, "", "1e3", -4])
async def test_remote_record_id_is_checked_before_a_cache_folder(tmp_path, remote_id):
    from jupyter_escape.ossr.install import plan_install

    cache = tmp_path / "state" / "ossr-cache"
    with pytest.raises(RemoteError, match="no valid record id"):
        await plan_install(_FakeZenodo({"id": remote_id, "files": [{"key": "a.whl"}]}), 7, sys.executable, cache)
    assert not cache.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("recid", ["1_000", " ١٢ ", "+5", "0x10", "../7"])
async def test_requested_record_ids_are_digits(recid):
    from jupyter_escape.ossr.records import get_record

    with pytest.raises(EscapeError, match="not a Zenodo record id"):
        await get_record(_FakeZenodo({"id": 5}), recid)


@pytest.mark.parametrize(
    ("disposition", "url"),
    [
        ('attachment; filename="../../.bashrc"', "http://h/x"),
        ("attachment; filename*=UTF-8''..%2F..%2Fx", "http://h/x"),
        ("", "http://h/a/.."),
        ("", "http://h/%2e%2e"),
        ("", "http://h/"),
    ],
)
def test_datalink_names_are_derived(disposition, url):
    import httpx

    from jupyter_escape.vo.datalink import file_name_for

    response = httpx.Response(200, headers={"content-disposition": disposition} if disposition else {})
    name = file_name_for(url, response)
    assert is_plain_file_name(name) and safe_file_name(name) == name


class _FakeDeposits:
    """A repository whose new deposition has a hostile id (it would go into the token-bearing URLs that follow)."""

    class settings:  # mimics ZenodoClient.settings
        community = None

    service = "Zenodo (fake)"

    def __init__(self, deposit_id):
        self.deposit_id = deposit_id
        self.calls: list[tuple[str, str]] = []

    async def request(self, method, path, **kwargs):
        import httpx

        self.calls.append((method, path))
        return httpx.Response(201, json={"id": self.deposit_id, "links": {"bucket": "http://127.0.0.1:9/b"}})


@pytest.mark.parametrize("deposit_id", ["../../records/1/actions/delete", "1?x=", None, "7 8"])
async def test_remote_deposition_id_is_checked_before_it_builds_a_url(tmp_path, deposit_id):
    from jupyter_escape.ossr.publish import publish_folder

    folder = tmp_path / "skyfit"
    (folder / "skyfit").mkdir(parents=True)
    (folder / "skyfit" / "__init__.py").write_text("def fit():\n    return 42\n")
    (folder / "README.md").write_text("# skyfit\n\nFits sky models.\n")
    (folder / "LICENSE").write_text("MIT License\n")
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "skyfit"\nversion = "0.3.1"\n'
        'description = "Fit sky models"\nkeywords = ["LOFAR"]\n'
        'authors = [{name = "Ada Lovelace"}]\n'
        '[project.urls]\nRepository = "https://github.com/escape-demo/skyfit"\n'
    )
    client = _FakeDeposits(deposit_id)
    with pytest.raises(EscapeError, match="without a valid id") as caught:
        await publish_folder(client, folder)
    assert caught.value.status == 502
    assert client.calls == [("POST", "deposit/depositions")]
