"""Notebook API for the OSSR: search, record, cite, download (synchronous; works inside a running kernel).

    from jupyter_escape import ossr
    hits = ossr.search("gamma-ray", type="software", facility="CTA")
    rec = ossr.record(hits[0]["id"])
    print(ossr.cite(rec["id"], "bibtex"))
    ossr.download(rec["id"], "escape-data/ossr")
    draft = ossr.deposit("analysis/m51")                # codemeta.json checked, files uploaded, left a draft

The repository defaults to the public OSSR (Zenodo community escape2020); ``ossr.configure(base_url=...)`` or the
environment variables ESCAPE_OSSR_URL, ESCAPE_OSSR_COMMUNITY and ESCAPE_OSSR_TOKEN_ENV change it (for instance to
the local Zenodo API replay of the test stack, http://127.0.0.1:8092/api).
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

from ..config import PUBLIC_SOFTWARE, load_kernel_config
from . import citation as _cite
from . import codemeta as _codemeta
from . import records as _records
from . import transfer as _download
from .client import RepoSettings, ZenodoClient

_overrides: dict[str, Any] = {}
T = TypeVar("T")


def configure(
    base_url: str | None = None,
    community: str | None = None,
    token_env: str | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Point the notebook API at another repository (None keeps the current value). Returns the settings."""
    for key, value in (
        ("base_url", base_url),
        ("community", community),
        ("token_env", token_env),
        ("timeout", timeout),
    ):
        if value is not None:
            _overrides[key] = value
    return _settings().public()


def _settings() -> RepoSettings:
    """configure() overrides, then ESCAPE_OSSR_* variables, then the Jupyter server's configuration."""
    server = load_kernel_config()[0].software_repository or PUBLIC_SOFTWARE
    repo = {
        **server,
        "base_url": _overrides.get("base_url")
        or os.environ.get("ESCAPE_OSSR_URL")
        or server.get("base_url")
        or PUBLIC_SOFTWARE["base_url"],
        "community": _overrides.get("community", os.environ.get("ESCAPE_OSSR_COMMUNITY", server.get("community", ""))),
    }
    token_env = _overrides.get("token_env") or os.environ.get("ESCAPE_OSSR_TOKEN_ENV")
    if token_env:
        repo["token_env"] = token_env
        repo.pop("token_file", None)
    return RepoSettings.from_config(repo, timeout=float(_overrides.get("timeout", 60.0)))


def _run(coro_fn: Callable[[ZenodoClient], Awaitable[T]]) -> T:
    """Run an async OSSR call to completion, also from a kernel whose event loop is already running."""

    async def main() -> T:
        async with ZenodoClient(_settings()) as client:
            return await coro_fn(client)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(main())
    values: list[T] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            values.append(asyncio.run(main()))
        except BaseException as exc:
            errors.append(exc)

    t = threading.Thread(target=worker, name="ossr-notebook-call")
    t.start()
    t.join()
    if errors:
        raise errors[0]
    return values[0]


def search(
    q: str = "",
    *,
    type: str | list[str] | None = None,
    keywords: Iterable[str] = (),
    license: str = "",
    language: str = "",
    facility: str = "",
    size: int = 10,
    page: int = 1,
    sort: str = "",
    all_versions: bool = False,
    community: str | None = None,
    full: bool = False,
) -> list[dict[str, Any]] | dict[str, Any]:
    """Records of the community; a list of summaries (``full=True``: the whole answer with total and facets)."""
    types = [type] if isinstance(type, str) else list(type or [])
    result = _run(
        lambda c: _records.search(
            c,
            q=q,
            types=types,
            keywords=list(keywords),
            license=license,
            language=language,
            facility=facility,
            size=size,
            page=page,
            sort=sort,
            all_versions=all_versions,
            community=community,
        )
    )
    hits: list[dict[str, Any]] = result["hits"]
    return result if full else hits


def record(recid: str | int) -> dict[str, Any]:
    """One record: metadata, authors with ORCIDs, versions, files, codemeta.json compliance report."""
    return _run(lambda c: _records.record_view(c, recid))


def cite(recid: str | int, format: str = "bibtex") -> str:
    """The citation as text: 'bibtex', 'cff' (CITATION.cff) or 'datacite' (DataCite JSON)."""

    async def go(c: ZenodoClient) -> str:
        view = await _records.record_view(c, recid, with_versions=False)
        return _cite.citation(view, format)["text"]

    return _run(go)


def download(recid: str | int, dest: str = ".", files: list[str] | None = None) -> list[str]:
    """Download (all or some) files of a record into ``dest``, md5-verified; returns the local paths."""
    result = _run(lambda c: _download.download_record(c, recid, dest, files))
    return [f["path"] for f in result["files"]]


def check_codemeta(doc_or_path: dict[str, Any] | str | os.PathLike[str]) -> dict[str, Any]:
    """OSSR compliance report of a codemeta.json (a dict, or the path of a file)."""
    if isinstance(doc_or_path, dict):
        return _codemeta.check_codemeta(doc_or_path)
    with open(doc_or_path, "rb") as fh:
        return _codemeta.parse_codemeta(fh.read())[1]


def generate_codemeta(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """A codemeta.json draft for a folder (name, authors and licence from its git history, LICENSE and
    pyproject.toml when there are); returns ``{"codemeta": {...}, ...}`` as the OSSR panel shows it."""
    from .publish import generate_codemeta as _generate

    return _generate(folder)


def deposit(
    folder: str | os.PathLike[str],
    *,
    publish: bool = False,
    files: list[str] | None = None,
    deposit_id: int | None = None,
) -> dict[str, Any]:
    """Deposit a folder (its codemeta.json, checked against the OSSR rules first) in the community: a draft, or a
    published record with ``publish=True``. A failure half-way names the deposition to resume with."""
    from .publish import publish_folder

    return _run(lambda c: publish_folder(c, folder, files=files, publish=publish, deposit_id=deposit_id))


def binder_url(doi: str) -> str:
    return _records.binder_url(doi)
