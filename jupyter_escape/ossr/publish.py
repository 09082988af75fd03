"""Publish a workspace folder to the software repository: codemeta.json, deposit, uploads, publish or draft.

The flow follows Zenodo's deposit API (what eossr does too): create a deposition, set its metadata (converted from
codemeta.json by eossr's ``codemeta2zenodo``, see eossr_rules.py), PUT each file into the deposition's bucket, then publish or leave it as a draft. A failure half-way
leaves the deposition a draft and the error names the files uploaded and the files remaining, with the deposition
id to resume with.
"""

from __future__ import annotations

import configparser
import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypedDict
from urllib.parse import quote

from ..core.errors import BadInput, EscapeError
from ..core.http import safe_link
from ..core.names import check_record_id, safe_file_name
from ..core.offloop import off_loop
from . import eossr_rules
from .citation import spdx_id
from .client import ZenodoClient
from .codemeta import DEFAULT_CONTEXT, check_codemeta, normalised_license

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: codemeta is drafted without pyproject.toml
    tomllib = None

SKIP_DIRS = {
    ".git",
    "__pycache__",
    ".ipynb_checkpoints",
    ".venv",
    "venv",
    "node_modules",
    ".tox",
    ".mypy_cache",
    ".pytest_cache",
    "build",
    "dist",
    ".eggs",
}
LICENSE_PATTERNS = (
    (r"MIT License|Permission is hereby granted, free of charge", "MIT"),
    (r"Apache License,?\s+Version 2\.0", "Apache-2.0"),
    (r"BSD 3-Clause|Redistributions of source code must retain.*Neither the name", "BSD-3-Clause"),
    (r"BSD 2-Clause", "BSD-2-Clause"),
    (r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3", "LGPL-3.0-or-later"),
    (r"GNU GENERAL PUBLIC LICENSE\s+Version 3", "GPL-3.0-or-later"),
    (r"Mozilla Public License,? (Version|v\.) ?2\.0", "MPL-2.0"),
    (r"European Union Public Licen[cs]e.*1\.2", "EUPL-1.2"),
)
CHUNK = 1024 * 1024


class UploadedFile(TypedDict):
    """A file that is in the deposition."""

    key: str  # its name in the deposition
    size: int
    md5: str
    status: Literal["uploaded", "already uploaded"]  # sent now, or found there with the same md5


class PublishIncomplete(EscapeError):
    """The deposition exists but not every step succeeded: it stays a draft; says what is done and what remains."""

    def __init__(
        self,
        message: str,
        *,
        service: str,
        deposit: dict[str, Any],
        uploaded: list[UploadedFile],
        remaining: list[str],
        status: int = 502,
    ) -> None:
        super().__init__(message, service=service, status=status)
        self.deposit, self.uploaded, self.remaining = deposit, uploaded, remaining

    def to_json(self) -> dict[str, Any]:
        out = super().to_json()
        out.update(
            state="draft",
            deposit_id=self.deposit.get("id"),
            uploaded=self.uploaded,
            remaining=self.remaining,
            html_url=safe_link((self.deposit.get("links") or {}).get("html")),
            resume_hint="call publish again with this deposit_id to upload the remaining files",
        )
        return out


class PublishCancelled(PublishIncomplete):
    """Stopped on request between two steps: the deposition (if one was created) keeps what went up, to resume."""


class DepositWatch:
    """What a publish job learns as the deposit goes (publish_jobs.py); this one ignores it all and never cancels.

    Every hook is awaited on the loop: a watcher that saves its state does it through off_loop."""

    def cancelled(self) -> bool:
        return False

    async def stage(self, stage: str, deposit: dict[str, Any] | None = None) -> None:
        """``stage``: "deposit" (creating or reading the deposition), "metadata", "uploading", "publishing"."""

    async def files(self, upload: list[tuple[str, int]]) -> None:
        """The files to upload, in order, with their sizes (known once the zip is built)."""

    async def sending(self, key: str) -> None:
        """``key`` starts going up (again, after a rate-limit retry: its byte count restarts)."""

    async def sent(self, key: str, nbytes: int) -> None:
        """``nbytes`` more of ``key`` went into the request body."""

    async def file_done(self, entry: UploadedFile) -> None:
        """``key`` is in the deposition (``status`` "uploaded" or "already uploaded")."""


# ---- codemeta from a folder ------------------------------------------------------------------------------------


def _split_name(full: str) -> tuple[str, str]:
    full = re.sub(r"\s*<[^>]*>\s*", "", full or "").strip()
    if "," in full:
        family, given = (p.strip() for p in full.split(",", 1))
        return given, family
    parts = full.split()
    return (" ".join(parts[:-1]), parts[-1]) if len(parts) > 1 else ("", full)


def _person(name: str, email: str | None = None) -> dict[str, Any]:
    given, family = _split_name(name)
    out = {"@type": "Person", "givenName": given, "familyName": family}
    if email:
        out["email"] = email
    return out


def detect_license(folder: Path) -> str | None:
    for name in ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "COPYING"):
        path = folder / name
        if path.is_file():
            text = path.read_text(errors="replace")[:20000]
            for pattern, spdx in LICENSE_PATTERNS:
                if re.search(pattern, text, re.DOTALL | re.IGNORECASE):
                    return spdx
    return None


def _git(folder: Path, *args: str) -> str | None:
    """git's answer about ``folder``'s own repository, or None.

    A folder that is not the top of a git repository has no history of its own: git would answer for an enclosing
    repository (the demo workspace lies inside jupyter-escape's clone, a user's folder inside their home's dotfiles
    repository), and the proposal would carry that project's creation date, remote and tag.
    """

    def run(*argv: str) -> str | None:
        try:
            out = subprocess.run(
                ["git", "-C", str(folder), *argv], capture_output=True, text=True, timeout=10, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        return out.stdout.strip() or None if out.returncode == 0 else None

    top = run("rev-parse", "--show-toplevel")
    if not top or Path(top).resolve() != Path(folder).resolve():
        return None
    return run(*args)


def _https_repo(url: str | None) -> str | None:
    if not url:
        return None
    m = re.match(r"^git@([^:]+):(.+?)(\.git)?$", url)
    if m:
        return f"https://{m.group(1)}/{m.group(2)}"
    url = re.sub(r"^(https?://)[^@/]+@", r"\1", url)  # never publish credentials embedded in a remote URL
    return url.removesuffix(".git")


def generate_codemeta(folder: str | os.PathLike[str]) -> dict[str, Any]:
    """A codemeta.json for ``folder`` from pyproject.toml / setup.cfg / LICENSE / README / git; plus its check."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BadInput("path", f"{folder} is not a folder")
    doc: dict[str, Any] = {"@context": DEFAULT_CONTEXT, "@type": "SoftwareSourceCode"}
    sources: dict[str, str] = {}

    def put(term: str, value: object, source: str) -> None:
        if value not in (None, "", []) and term not in doc:
            doc[term] = value
            sources[term] = source

    existing = folder / "codemeta.json"
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and tomllib is not None:
        try:
            project = tomllib.loads(pyproject.read_text()).get("project", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise BadInput("pyproject.toml", f"cannot be parsed: {exc}") from exc
        put("name", project.get("name"), "pyproject.toml")
        put("description", project.get("description"), "pyproject.toml")
        put("softwareVersion", project.get("version"), "pyproject.toml")
        put("keywords", project.get("keywords"), "pyproject.toml")
        put("softwareRequirements", project.get("dependencies"), "pyproject.toml")
        put(
            "author",
            [_person(a.get("name", ""), a.get("email")) for a in project.get("authors", []) if a.get("name")],
            "pyproject.toml",
        )
        lic = project.get("license")
        lic = lic.get("text") if isinstance(lic, dict) else lic
        if lic and re.fullmatch(r"[A-Za-z0-9.+-]+", str(lic)):
            put("license", f"https://spdx.org/licenses/{lic}", "pyproject.toml")
        urls = {k.lower(): v for k, v in (project.get("urls") or {}).items()}
        put("codeRepository", urls.get("repository") or urls.get("source") or urls.get("source code"), "pyproject.toml")
        put("issueTracker", urls.get("issues") or urls.get("bug tracker"), "pyproject.toml")
        if project.get("requires-python"):
            put("runtimePlatform", f"Python {project['requires-python']}", "pyproject.toml")
        put("programmingLanguage", "Python", "pyproject.toml")
    setup_cfg = folder / "setup.cfg"
    if setup_cfg.is_file():
        cp = configparser.ConfigParser(interpolation=None)
        try:
            cp.read(setup_cfg)
        except configparser.Error as exc:
            raise BadInput("setup.cfg", f"cannot be parsed: {exc}") from exc
        if cp.has_section("metadata"):
            md = dict(cp.items("metadata"))
            put("name", md.get("name"), "setup.cfg")
            put("description", md.get("description"), "setup.cfg")
            if md.get("version") and not md["version"].startswith(("attr:", "file:")):
                put("softwareVersion", md["version"], "setup.cfg")
            if md.get("author"):
                put(
                    "author", [_person(n.strip(), md.get("author_email")) for n in md["author"].split(",")], "setup.cfg"
                )
            put("codeRepository", md.get("url"), "setup.cfg")
            put("programmingLanguage", "Python", "setup.cfg")
    spdx = detect_license(folder)
    if spdx:
        put("license", f"https://spdx.org/licenses/{spdx}", "LICENSE")
    remote = _https_repo(_git(folder, "config", "--get", "remote.origin.url"))
    put("codeRepository", remote, "git remote")
    tag = _git(folder, "describe", "--tags", "--abbrev=0")
    put("softwareVersion", tag, "git tag")
    readme = next((p for p in ("README.md", "README.rst", "README.txt", "README") if (folder / p).is_file()), None)
    if readme:
        repo = doc.get("codeRepository")
        put("readme", f"{repo}/blob/HEAD/{readme}" if repo else readme, readme)
        if "description" not in doc:
            first = next(
                (
                    ln.strip("# ").strip()
                    for ln in (folder / readme).read_text(errors="replace").splitlines()
                    if ln.strip() and not ln.startswith("#")
                ),
                None,
            )
            put("description", first, readme)
    put("name", folder.name, "folder name")
    put("dateCreated", _git(folder, "log", "--reverse", "--format=%as", "--max-count=1") or None, "git log")
    put("datePublished", date.today().isoformat(), "today")
    authors = [a for a in doc.get("author") or [] if a.get("familyName") or a.get("givenName")]
    if authors:  # the OSSR requires a maintainer (eossr): the proposal names the first author
        put("maintainer", dict(authors[0]), "first author")
    if existing.is_file():
        sources["_note"] = "codemeta.json already exists in the folder: the generated one is a proposal"
    return {"codemeta": doc, "sources": sources, "report": check_codemeta(doc)}


# ---- codemeta -> Zenodo deposit metadata -----------------------------------------------------------------------


def _zenodo_name(person: dict[str, Any]) -> str | None:
    """Zenodo's deposit API asks for creator names as "Family name, Given names"; eossr 2.3 writes "Given Family"."""
    family, given = str(person.get("familyName") or "").strip(), str(person.get("givenName") or "").strip()
    if person.get("@type") != "Person" or not family:
        return None
    return f"{family}, {given}" if given else family


def codemeta_to_zenodo(
    doc: dict[str, Any], *, licenses: list[dict[str, Any]], community: str = "", upload_type: str = "software"
) -> dict[str, Any]:
    """Zenodo deposit metadata from codemeta.json: eossr's conversion, then the project's few additions.

    eossr decides every field it maps (title, description, version, creators, contributors, licence, keywords,
    related identifiers, grants, publication date, access right). Added here, where eossr has no say: creator
    names in the "Family, Given" form Zenodo's deposit API documents, the configured community (eossr only knows
    escape2020), and upload_type "dataset" when asked (eossr converts software). ``licenses``: the repository's
    licence vocabulary (eossr_rules.repository_licenses).
    """
    source = {**doc, "license": normalised_license(doc["license"])} if doc.get("license") else doc
    meta = eossr_rules.to_zenodo(source, licenses=licenses, community=community)
    zenodo_names: dict[str, str] = {}  # eossr's "Given Family" -> "Family, Given", for each person the document names
    for term in ("author", "maintainer", "contributor", "copyrightHolder", "funder", "creator"):
        value = doc.get(term)
        for person in value if isinstance(value, list) else [value]:
            name = _zenodo_name(person) if isinstance(person, dict) else None
            if name and isinstance(person, dict):
                given_family = " ".join(p for p in (person.get("givenName"), person.get("familyName")) if p)
                zenodo_names[given_family] = name
    for entry in (meta.get("creators") or []) + (meta.get("contributors") or []):
        entry["name"] = zenodo_names.get(entry.get("name"), entry.get("name"))
    meta["upload_type"] = upload_type
    if community:
        meta["communities"] = [{"identifier": community}]
    return {k: v for k, v in meta.items() if v not in (None, "", [])}


# ---- the deposit flow ------------------------------------------------------------------------------------------


def _md5(path: Path) -> str:
    h = hashlib.md5()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def zip_folder(folder: Path, name: str, out_dir: Path) -> Path:
    """A release zip of the folder (version-control and build clutter left out), top folder ``name/``."""
    target = out_dir / f"{name}.zip"
    inside = Path(folder).resolve()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            for f in sorted(files):
                if f.startswith(".") and f not in (".zenodo.json",):
                    continue
                path = Path(root) / f
                if inside not in path.resolve().parents:
                    continue  # a symlink leading out of the folder (~/.ssh, a token file) is never published
                zf.write(path, f"{name}/{path.relative_to(folder).as_posix()}")
    return target


def _md5_and_size(path: Path) -> tuple[str, int]:
    return _md5(path), path.stat().st_size


def _file_chunks(path: Path, key: str = "", watch: DepositWatch | None = None) -> AsyncIterator[bytes]:
    """The file's bytes for an upload body, read a chunk at a time in the OSSR pillar's workers; ``watch`` hears of
    each chunk as it goes into the request."""

    async def gen() -> AsyncIterator[bytes]:
        if watch is not None:
            await watch.sending(key)
        fh = await off_loop("ossr", open, path, "rb")
        try:
            while block := await off_loop("ossr", fh.read, CHUNK):
                if watch is not None:
                    await watch.sent(key, len(block))
                yield block
        finally:
            await off_loop("ossr", fh.close)

    return gen()


def _prepare(
    folder: Path, codemeta: dict[str, Any] | None, files: list[str] | None, tmp: Path
) -> tuple[dict[str, Any], dict[str, Any], list[tuple[str, Path]]]:
    """Everything publishing does before its first request, all of it blocking (files, git, eossr's checks): the
    codemeta document, its OSSR report, and the files to upload with codemeta.json first (written to
    ``tmp``, like the release zip). Raises when the folder, the document or the files are not fit to publish."""
    if not folder.is_dir():
        raise BadInput("path", f"{folder} is not a folder")
    if codemeta is None:
        path = folder / "codemeta.json"
        if path.is_file():
            import json

            try:
                codemeta = json.loads(path.read_text())
            except ValueError as exc:
                raise BadInput("codemeta.json", f"not valid JSON: {exc}") from exc
        else:
            codemeta = generate_codemeta(folder)["codemeta"]
    assert codemeta is not None
    report = check_codemeta(codemeta)
    if not report["compliant"]:
        failing = "; ".join(f"{r['message']} ({r['source']})" for r in report["rules"] if r["level"] == "error")
        err = EscapeError(f"codemeta.json does not meet the OSSR rules: {failing}", status=400)
        err.detail = "fix codemeta.json (see the compliance report) before publishing"
        raise err
    version = str(codemeta.get("softwareVersion") or codemeta.get("version") or "")

    import json

    cm_path = tmp / "codemeta.json"
    cm_path.write_text(json.dumps(codemeta, indent=2, ensure_ascii=False) + "\n")
    if files:
        from ..core.paths import confine

        paths = [confine(folder, f) for f in files]
        missing = [f for f, p in zip(files, paths, strict=True) if not p.is_file()]
        if missing:
            raise BadInput("files", f"not files in {folder.name}: {', '.join(missing)}")
        upload = [(p.name, p) for p in paths if p.name != "codemeta.json"]
        names = [k for k, _ in upload]
        twice = sorted({k for k in names if names.count(k) > 1})
        if twice:
            raise BadInput("files", f"a deposition holds flat file names; these appear twice: {', '.join(twice)}")
    else:
        release = f"{codemeta.get('name', folder.name)}-{version or 'release'}"
        release = safe_file_name(release, "release")  # codemeta's name is the author's text, not a file name
        upload = [(f"{release}.zip", zip_folder(folder, release, tmp))]
    upload.insert(0, ("codemeta.json", cm_path))
    return codemeta, report, upload


async def publish_folder(
    client: ZenodoClient,
    folder: str | os.PathLike[str],
    *,
    codemeta: dict[str, Any] | None = None,
    files: list[str] | None = None,
    publish: bool = False,
    deposit_id: int | None = None,
    upload_type: str = "software",
    allow_warnings: bool = True,
    watch: DepositWatch | None = None,
) -> dict[str, Any]:
    """Create (or resume) a deposition for ``folder``; upload; publish when asked. Returns the outcome.

    Runs on the server's loop: its file work (checks, codemeta.json, the release zip, md5s, the upload bodies) goes
    to the OSSR pillar's workers (core/offloop.py). ``watch`` hears of every step and byte, and may stop the
    deposit between two steps (publish_jobs.py); a stop raises PublishCancelled (a PublishIncomplete) once a
    deposition exists."""
    watch = watch or DepositWatch()
    tmp = Path(await off_loop("ossr", tempfile.mkdtemp, prefix="ossr-publish-"))
    try:
        document, report, upload = await off_loop("ossr", _prepare, Path(folder), codemeta, files, tmp)
        return await _deposit(client, document, report, upload, publish, deposit_id, upload_type, watch)
    finally:
        await off_loop("ossr", shutil.rmtree, tmp, ignore_errors=True)


async def _deposit(
    client: ZenodoClient,
    codemeta: dict[str, Any],
    report: dict[str, Any],
    upload: list[tuple[str, Path]],
    publish: bool,
    deposit_id: int | None,
    upload_type: str,
    watch: DepositWatch,
) -> dict[str, Any]:
    """The requests of :func:`publish_folder`, once its files are ready."""
    sizes = await off_loop("ossr", lambda: [(k, p.stat().st_size) for k, p in upload])
    await watch.files(sizes)
    if watch.cancelled():
        raise EscapeError("publishing cancelled before anything was sent: no deposition was created", status=409)
    await watch.stage("deposit")
    if deposit_id is None:
        deposit = (await client.request("POST", "deposit/depositions", auth=True, json={})).json()
    else:
        deposit = (await client.request("GET", f"deposit/depositions/{int(deposit_id)}", auth=True)).json()
        if deposit.get("submitted"):
            raise BadInput("deposit_id", f"deposition {deposit_id} is already published")
    try:  # the repository's id goes into the next URLs, which carry the token: digits only
        did = int(check_record_id(deposit.get("id"), "id"))
    except BadInput:
        raise EscapeError(
            f"the repository answered a deposition without a valid id ({str(deposit.get('id'))[:80]!r})",
            service=client.service,
            status=502,
        ) from None
    try:
        # eossr converts once the deposition exists: the conversion needs the repository's licence list (one
        # more request), and a licence the repository does not list is refused like Zenodo refusing metadata.
        # The OSSR rules were checked above, before anything was created.
        await watch.stage("metadata", deposit)
        licenses = await eossr_rules.repository_licenses(client) if codemeta.get("license") else []
        metadata = codemeta_to_zenodo(
            codemeta, licenses=licenses, community=client.settings.community, upload_type=upload_type
        )
        deposit = (
            await client.request("PUT", f"deposit/depositions/{did}", auth=True, json={"metadata": metadata})
        ).json()
    except EscapeError as exc:
        raise PublishIncomplete(
            f"metadata refused: {exc.message}",
            service=client.service,
            deposit=deposit,
            uploaded=[],
            remaining=[k for k, _ in upload],
            status=exc.status,
        ) from exc
    already = {f.get("filename"): f.get("checksum") for f in deposit.get("files") or []}
    bucket = (deposit.get("links") or {}).get("bucket")
    if not bucket:
        raise PublishIncomplete(
            "the deposition has no bucket link: cannot upload",
            service=client.service,
            deposit=deposit,
            uploaded=[],
            remaining=[k for k, _ in upload],
        )
    uploaded: list[UploadedFile] = []
    remaining = [k for k, _ in upload]
    await watch.stage("uploading", deposit)
    for key, path in upload:
        if watch.cancelled():
            raise PublishCancelled(
                f"Upload cancelled before {key}; deposition {did} stays a draft",
                service=client.service,
                deposit=deposit,
                uploaded=uploaded,
                remaining=remaining,
                status=409,
            )
        md5, size = await off_loop("ossr", _md5_and_size, path)
        if already.get(key) in (md5, f"md5:{md5}"):
            uploaded.append({"key": key, "size": size, "md5": md5, "status": "already uploaded"})
            remaining.remove(key)
            await watch.file_done(uploaded[-1])
            continue
        try:
            answer = (
                await client.request(
                    "PUT",
                    f"{bucket}/{quote(key)}",
                    auth=True,
                    content_factory=functools.partial(_file_chunks, path, key, watch),  # a fresh body per attempt
                    headers={
                        "Content-Type": "application/octet-stream",
                        "Content-Length": str(size),
                    },
                )
            ).json()
        except EscapeError as exc:
            raise PublishIncomplete(
                f"upload of {key} failed ({exc.message}); deposition {did} stays a draft; "
                f"uploaded: {', '.join(u['key'] for u in uploaded) or 'nothing'}; remaining: {', '.join(remaining)}",
                service=client.service,
                deposit=deposit,
                uploaded=uploaded,
                remaining=remaining,
            ) from exc
        got = str(answer.get("checksum", "")).removeprefix("md5:")
        if got and got != md5:
            raise PublishIncomplete(
                f"{key}: the repository stored md5:{got}, the file has md5:{md5}",
                service=client.service,
                deposit=deposit,
                uploaded=uploaded,
                remaining=remaining,
            )
        uploaded.append({"key": key, "size": size, "md5": md5, "status": "uploaded"})
        remaining.remove(key)
        await watch.file_done(uploaded[-1])

    state = "draft"
    if publish and watch.cancelled():
        raise PublishCancelled(
            f"cancelled before publishing; every file is uploaded and deposition {did} stays a draft",
            service=client.service,
            deposit=deposit,
            uploaded=uploaded,
            remaining=[],
            status=409,
        )
    if publish:
        await watch.stage("publishing", deposit)
        try:
            deposit = (await client.request("POST", f"deposit/depositions/{did}/actions/publish", auth=True)).json()
            state = "published"
        except EscapeError as exc:
            raise PublishIncomplete(
                f"files uploaded but publishing was refused: {exc.message}",
                service=client.service,
                deposit=deposit,
                uploaded=uploaded,
                remaining=[],
                status=exc.status,
            ) from exc
    links = deposit.get("links") or {}
    doi = deposit.get("doi") or ((deposit.get("metadata") or {}).get("prereserve_doi") or {}).get("doi")
    return {
        "deposit_id": did,
        "state": state,
        "doi": doi,
        "doi_reserved": state == "draft",
        "html_url": safe_link(links.get("html")),
        "record_url": safe_link(links.get("record")),
        "uploaded": uploaded,
        "remaining": [],
        "metadata": metadata,
        "report": report,
        "sandbox": client.settings.sandbox,
        "rate_limited": list(client.rate_limit_events),
    }


__all__ = [
    "DepositWatch",
    "PublishCancelled",
    "PublishIncomplete",
    "codemeta_to_zenodo",
    "generate_codemeta",
    "publish_folder",
    "spdx_id",
]
