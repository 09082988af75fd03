"""Every route that takes a path keeps it under the server root: ``../`` and symlinks leading out are refused with
403 "outside the server root"; an absolute path is either refused (sky routes, which accept absolute paths inside
the root) or read as root-relative (the API's convention, see core/paths.py), and in every case nothing is
written outside the root and no outside byte is returned."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pyarrow as pa
import pytest

from jupyter_escape.core.errors import EscapeError

SECRET = b"TOPSECRET-outside-the-root"


@pytest.fixture
def outside(jp_root_dir) -> Path:
    """A folder next to the root, holding a secret; ``<root>/out-link`` is a symlink to it."""
    folder = Path(jp_root_dir).parent / "outside"
    folder.mkdir(exist_ok=True)
    (folder / "secret.fits").write_bytes(SECRET)
    (folder / "nb.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    os.symlink(folder, Path(jp_root_dir) / "out-link")
    return folder


@pytest.fixture
def escape_config(escape_config):
    escape_config["rucio_instances"] = [
        {
            "name": "lake",
            "rucio_base_url": "http://127.0.0.1:9",
            "auth_type": "oidc",
            "oidc_token_env": "NOT_SET_ANYWHERE",
        }
    ]
    return escape_config


def _snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*")}


async def _answer(jp_fetch, path, method="GET", body=None, params=None):
    response = await jp_fetch(
        "escape",
        "api",
        *path.split("/"),
        method=method,
        body=None if body is None else json.dumps(body),
        params=params or {},
        raise_error=False,
        request_timeout=30,
    )
    return response.code, response.body


def _stored_result(jp_serverapp) -> str:
    from jupyter_escape.vo.votable import VOTableResult

    vo = jp_serverapp.web_app.settings["escape"].extras["vo"]
    return vo.results.put(VOTableResult(table=pa.table({"ra": [1.0, 2.0]})), {"kind": "test"}).id


def _cases(result_id: str, outside: Path) -> list[tuple[str, str, dict | None, dict | None]]:
    """(route, method, body, params) with ``{bad}`` standing for the escaping path."""
    return [
        (f"vo/results/{result_id}/export", "POST", {"path": "{bad}/r.parquet", "format": "parquet"}, None),
        ("vo/datalink/fetch", "POST", {"access_url": "http://127.0.0.1:9/x", "folder": "{bad}"}, None),
        ("ossr/records/7011/download", "POST", {"dest": "{bad}"}, None),
        ("ossr/codemeta/generate", "POST", {"path": "{bad}"}, None),
        ("ossr/codemeta/validate", "POST", {"path": "{bad}"}, None),
        ("ossr/publish", "POST", {"path": "{bad}"}, None),
        ("ossr/publish/jobs", "POST", {"path": "{bad}"}, None),
        ("basket/notebook", "GET", None, {"path": "{bad}/nb.ipynb"}),
        ("basket/notebook", "POST", {"path": "{bad}/nb.ipynb", "action": "save"}, None),
        ("basket/xmatch", "POST", {"left": {"path": "{bad}/secret.fits"}, "right": "x"}, None),
        ("basket/xmatch", "POST", {"left": "a", "right": "b", "path": "{bad}/xm.parquet"}, None),
        ("basket/items", "POST", {"kind": "workspace_file", "payload": {"path": "{bad}/secret.fits"}}, None),
        ("scale/run", "POST", {"inputs": ["t"], "module": "{bad}/secret.py"}, None),
        ("scale/hats", "POST", {"input": {"path": "{bad}/secret.fits"}, "name": "h"}, None),
        ("sky/file", "GET", None, {"path": "{bad}/secret.fits"}),
        ("sky/inspect", "GET", None, {"path": "{bad}/secret.fits"}),
        ("sky/moc", "GET", None, {"path": "{bad}/secret.fits"}),
        ("datalake/uploads", "POST", {"instance": "lake", "path": "{bad}/secret.fits", "rse": "R", "scope": "s"}, None),
    ]


def _fill(value, bad: str):
    if isinstance(value, dict):
        return {k: _fill(v, bad) for k, v in value.items()}
    return value.replace("{bad}", bad) if isinstance(value, str) else value


@pytest.mark.parametrize("bad", ["../outside", "out-link", "escape-data/../../outside"])
async def test_escaping_paths_are_refused_on_every_route(jp_fetch, jp_serverapp, jp_root_dir, outside, bad):
    before = _snapshot(outside)
    for route, method, body, params in _cases(_stored_result(jp_serverapp), outside):
        code, text = await _answer(jp_fetch, route, method, _fill(body, bad), _fill(params, bad))
        assert code == 403, f"{method} {route} with {bad!r}: {code} {text[:300]!r}"
        assert b"outside the server root" in text, (route, text)
        assert SECRET not in text
    assert _snapshot(outside) == before, "something was written outside the root"


async def test_absolute_paths_outside_never_reach_outside(jp_fetch, jp_serverapp, jp_root_dir, outside):
    before = _snapshot(outside)
    absolute = str(outside)
    for route, method, body, params in _cases(_stored_result(jp_serverapp), outside):
        code, text = await _answer(jp_fetch, route, method, _fill(body, absolute), _fill(params, absolute))
        assert SECRET not in text, route
        if route.startswith("sky/"):  # sky accepts absolute paths inside the root only
            assert code == 403 and b"outside the server root" in text, (route, code, text)
    assert _snapshot(outside) == before, "something was written outside the root"
    # The export was read root-relative: it landed inside the root, under the absolute path's components.
    inside = [p for p in Path(jp_root_dir).rglob("r.parquet")]
    assert inside and all(Path(jp_root_dir) in p.parents for p in inside)


async def test_symlink_inside_root_pointing_out_is_not_served(jp_fetch, jp_root_dir, outside):
    os.symlink(outside / "secret.fits", Path(jp_root_dir) / "innocent.fits")
    code, text = await _answer(jp_fetch, "sky/file", params={"path": "innocent.fits"})
    assert code == 403 and SECRET not in text


def test_hips_tiles_confined_to_their_survey(tmp_path):
    from jupyter_escape.sky.hips import hips_file

    survey = tmp_path / "hips" / "demo"
    survey.mkdir(parents=True)
    (survey / "properties").write_text("obs_title = demo\n")
    (tmp_path / "secret.txt").write_bytes(SECRET)
    os.symlink(tmp_path / "secret.txt", survey / "Norder3")
    for bad in ("../../secret.txt", "Norder3"):
        with pytest.raises(EscapeError) as err:
            hips_file([tmp_path / "hips"], "demo", bad)
        assert err.value.status == 403
    with pytest.raises(EscapeError):
        hips_file([tmp_path / "hips"], "..", "properties")


def test_published_zip_leaves_out_symlinks_leading_out(tmp_path):
    from jupyter_escape.ossr.publish import zip_folder

    project = tmp_path / "project"
    project.mkdir()
    (project / "code.py").write_text("print('hi')\n")
    (tmp_path / "token").write_bytes(SECRET)
    os.symlink(tmp_path / "token", project / "looks-harmless.txt")
    archive = zip_folder(project, "project-1.0", tmp_path)
    with zipfile.ZipFile(archive) as zf:
        assert zf.namelist() == ["project-1.0/code.py"]
        assert all(SECRET not in zf.read(n) for n in zf.namelist())
