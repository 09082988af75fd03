"""Routes of the software repository (OSSR). Thin: parse, call jupyter_escape.ossr, answer JSON (docs/api/ossr.md)."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..config import SOFTWARE_SECRET_KEYS, public_view
from ..core.errors import BadInput, EscapeError
from ..core.paths import confine, relative_to_root
from ..ossr import citation as cite_mod
from ..ossr import codemeta as codemeta_mod
from ..ossr import install as install_mod
from ..ossr import publish as publish_mod
from ..ossr import publish_jobs as publish_jobs_mod
from ..ossr import records as records_mod
from ..ossr import snippets as snippets_mod
from ..ossr import transfer as download_mod
from ..ossr.client import RepoSettings, ZenodoClient
from .base import EscapeHandler, authenticated_and_authorized

if TYPE_CHECKING:
    from ..extension import EscapeState

TRUE = ("1", "true", "yes", "on")


def setup(state: EscapeState, log: logging.Logger) -> None:
    state.extras["ossr"] = {
        "installs": install_mod.InstallRegistry(log, state.state_dir),
        "publishing": publish_jobs_mod.PublishJobs(state.state_dir),
    }


class OssrHandler(EscapeHandler):
    def settings_for(self, sandbox: bool = False) -> RepoSettings:
        cfg = self.escape_config
        return RepoSettings.from_config(
            cfg.software_repository, sandbox=sandbox, timeout=cfg.request_timeout, max_bytes=cfg.max_response_bytes
        )

    def sandbox_arg(self, body: dict[str, Any] | None = None) -> bool:
        if body is not None and "sandbox" in body:
            return bool(body["sandbox"])
        return self.get_query_argument("sandbox", "0").lower() in TRUE

    def client(self, sandbox: bool = False) -> ZenodoClient:
        return ZenodoClient(self.settings_for(sandbox))

    @property
    def installs(self) -> install_mod.InstallRegistry:
        return cast(install_mod.InstallRegistry, self.escape.extras["ossr"]["installs"])

    @property
    def publishing(self) -> publish_jobs_mod.PublishJobs:
        return cast(publish_jobs_mod.PublishJobs, self.escape.extras["ossr"]["publishing"])

    def workspace_path(self, relpath: str) -> Path:
        return confine(self.server_root, relpath)


class ConfigHandler(OssrHandler):
    @authenticated_and_authorized
    def get(self) -> None:
        repo = self.escape_config.software_repository or {}
        secret = set(SOFTWARE_SECRET_KEYS) | {k for k in repo if "token" in k or "password" in k}
        out = {
            "configured": bool(repo.get("base_url")),
            **public_view(repo, secret),
            "sandbox_available": bool(repo.get("sandbox_url")),
        }
        if out["configured"]:
            out["can_publish"] = self.settings_for().token is not None
        self.send_json(out)


def _list_arg(handler: OssrHandler, name: str) -> list[str]:
    out: list[str] = []
    for raw in handler.get_query_arguments(name):
        out += [v.strip() for v in raw.split(",") if v.strip()]
    return out


class SearchHandler(OssrHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        filters: dict[str, Any] = {
            "q": self.get_query_argument("q", ""),
            "types": _list_arg(self, "type"),
            "keywords": _list_arg(self, "keywords"),
            "license": self.get_query_argument("license", ""),
            "language": self.get_query_argument("language", ""),
            "facility": self.get_query_argument("facility", ""),
            "size": self.int_arg("size", 10),
            "page": self.int_arg("page", 1),
            "sort": self.get_query_argument("sort", ""),
            "all_versions": self.get_query_argument("all_versions", "0").lower() in TRUE,
        }
        community = self.get_query_argument("community", None)
        if community is not None:
            filters["community"] = community
        async with self.client(self.sandbox_arg()) as client:
            self.send_json(await records_mod.search(client, **filters))


class RecordHandler(OssrHandler):
    @authenticated_and_authorized
    async def get(self, recid: str) -> None:
        with_versions = self.get_query_argument("versions", "1").lower() in TRUE
        async with self.client(self.sandbox_arg()) as client:
            self.send_json(await records_mod.record_view(client, recid, with_versions=with_versions))


class VersionsHandler(OssrHandler):
    @authenticated_and_authorized
    async def get(self, recid: str) -> None:
        async with self.client(self.sandbox_arg()) as client:
            rec = await records_mod.get_record(client, recid)
            self.send_json(
                {
                    "record_id": rec["id"],
                    "conceptrecid": records_mod._int(rec.get("conceptrecid")),
                    "versions": await records_mod.get_versions(client, rec),
                }
            )


class CodemetaHandler(OssrHandler):
    @authenticated_and_authorized
    async def get(self, recid: str) -> None:
        async with self.client(self.sandbox_arg()) as client:
            rec = await records_mod.get_record(client, recid)
            self.send_json({"record_id": rec["id"], **await records_mod.read_codemeta(client, rec)})


class CiteHandler(OssrHandler):
    @authenticated_and_authorized
    async def get(self, recid: str) -> None:
        fmt = self.get_query_argument("format", "bibtex")
        if fmt not in cite_mod.FORMATS:
            raise BadInput("format", f"must be one of {', '.join(cite_mod.FORMATS)}, got {fmt!r}")
        async with self.client(self.sandbox_arg()) as client:
            view = await records_mod.record_view(client, recid, with_versions=False)
        self.send_json(cite_mod.citation(view, fmt))


class SnippetsHandler(OssrHandler):
    @authenticated_and_authorized
    async def get(self, recid: str) -> None:
        async with self.client(self.sandbox_arg()) as client:
            view = await records_mod.record_view(client, recid, with_versions=False)
        self.send_json({"record_id": view["id"], "snippets": snippets_mod.snippets(view)})


class DownloadHandler(OssrHandler):
    @authenticated_and_authorized
    async def post(self, recid: str) -> None:
        body = self.json_body()
        files = body.get("files")
        if files is not None and (not isinstance(files, list) or not all(isinstance(f, str) for f in files)):
            raise BadInput("files", "must be a list of file names")
        number = records_mod._record_id(recid)  # digits before it names a folder
        dest_rel = body.get("dest") or f"{self.escape_config.workspace_dir}/ossr/{number}"
        if not isinstance(dest_rel, str):
            raise BadInput("dest", "must be a path relative to the server root")
        dest = self.workspace_path(dest_rel)
        async with self.client(self.sandbox_arg(body)) as client:
            result = await download_mod.download_record(client, number, dest, files)
        result["directory"] = relative_to_root(self.server_root, result["directory"])
        for f in result["files"]:
            f["path"] = relative_to_root(self.server_root, f["path"])
        self.send_json(result)


class InstallPlanHandler(OssrHandler):
    @authenticated_and_authorized
    async def post(self, recid: str) -> None:
        body = self.json_body()
        python = body.get("python")
        if not isinstance(python, str):
            raise BadInput("python", "give the absolute path of the kernel's Python executable")
        cache = os.path.join(self.escape.state_dir, "ossr-cache")
        pip_args = body.get("pip_args") or []
        if not isinstance(pip_args, list):
            raise BadInput("pip_args", "must be a list of strings")
        async with self.client(self.sandbox_arg(body)) as client:
            plan = await install_mod.plan_install(client, recid, python, cache, body.get("file"), pip_args)
        self.send_json(self.installs.remember(plan))


class InstallRunHandler(OssrHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json({"jobs": await self.run_blocking(self.installs.list)})  # reads the job files

    @authenticated_and_authorized
    def post(self) -> None:
        body = self.json_body()
        plan_id = body.get("plan_id")
        if not isinstance(plan_id, str):
            raise BadInput("plan_id", "give the plan_id of a plan returned by .../install-plan")
        job = self.installs.run(plan_id)
        self.send_json(job.to_json(), status=202)


class InstallJobHandler(OssrHandler):
    @authenticated_and_authorized
    def get(self, job_id: str) -> None:
        self.send_json(self.installs.get(job_id).to_json(self.int_arg("since", 0)))

    @authenticated_and_authorized
    async def delete(self, job_id: str) -> None:
        job = self.installs.get(job_id)
        await self.run_blocking(job.cancel)  # waits up to 5 s for pip to stop
        self.send_json(job.to_json())


class KernelsHandler(OssrHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json({"kernels": await self.run_blocking(install_mod.kernel_pythons)})


class CodemetaGenerateHandler(OssrHandler):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        if not isinstance(body.get("path"), str):
            raise BadInput("path", "give a folder relative to the server root")
        folder = self.workspace_path(body["path"])
        self.send_json(await self.run_blocking(publish_mod.generate_codemeta, folder))


class CodemetaValidateHandler(OssrHandler):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        if "codemeta" in body:
            self.send_json(await self.run_blocking(codemeta_mod.check_codemeta, body["codemeta"]))
            return
        if not isinstance(body.get("path"), str):
            raise BadInput("codemeta", "give the document as 'codemeta' or a file as 'path'")
        path = self.workspace_path(body["path"])
        self.send_json(await self.run_blocking(_validate_codemeta_file, path, body["path"]))


def _validate_codemeta_file(path: Path, given: str) -> dict[str, Any]:
    """The report on a folder's (or a file's) codemeta.json, read from disk: run off the loop."""
    if path.is_dir():
        path = path / "codemeta.json"
    if not path.is_file():
        raise EscapeError(f"path: {given} has no codemeta.json", status=404)
    doc, report = codemeta_mod.parse_codemeta(path.read_bytes())
    return {**report, "codemeta": doc}


def _publish_request(body: dict[str, Any]) -> dict[str, Any]:
    """The checked fields of a publish request (``path`` still relative to the server root)."""
    if not isinstance(body.get("path"), str):
        raise BadInput("path", "give the folder to publish, relative to the server root")
    codemeta = body.get("codemeta")
    if codemeta is not None and not isinstance(codemeta, dict):
        raise BadInput("codemeta", "must be a JSON object")
    files = body.get("files")
    if files is not None and (not isinstance(files, list) or not all(isinstance(f, str) for f in files)):
        raise BadInput("files", "must be a list of paths relative to the folder")
    deposit_id = body.get("deposit_id")
    if deposit_id is not None and (not isinstance(deposit_id, int) or isinstance(deposit_id, bool)):
        raise BadInput("deposit_id", "must be an integer")
    upload_type = body.get("upload_type", "software")
    if upload_type not in ("software", "dataset"):
        raise BadInput("upload_type", "must be software or dataset")
    return {
        "path": body["path"],
        "codemeta": codemeta,
        "files": files,
        "publish": bool(body.get("publish")),
        "deposit_id": deposit_id,
        "upload_type": upload_type,
    }


class PublishHandler(OssrHandler):
    """Publish in one request (the notebook API's way); the panel runs a publish job instead."""

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        request = _publish_request(body)
        folder = self.workspace_path(request.pop("path"))
        async with self.client(self.sandbox_arg(body)) as client:
            result = await publish_mod.publish_folder(client, folder, **request)
        self.send_json(result, status=201)


class PublishJobsHandler(OssrHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json({"jobs": await self.run_blocking(self.publishing.list)})  # reads the job files

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        request = {**_publish_request(body), "sandbox": self.sandbox_arg(body)}
        folder = self.workspace_path(request["path"])
        settings = self.settings_for(request["sandbox"])
        if settings.token is None:  # answered now, not as a job failing a moment later
            raise EscapeError(
                "publishing needs a token: set software_repository.token_file or token_env on the server",
                service=settings.display_name,
                status=401,
            )
        job = publish_jobs_mod.new_job(request, settings.display_name)
        self.send_json(await self.publishing.start(job, settings, folder), status=202)


class PublishJobHandler(OssrHandler):
    @authenticated_and_authorized
    async def get(self, job_id: str) -> None:
        self.send_json(await self.run_blocking(self.publishing.status, job_id))

    @authenticated_and_authorized
    async def delete(self, job_id: str) -> None:
        self.send_json(await self.run_blocking(self.publishing.cancel, job_id))


class PublishResumeHandler(OssrHandler):
    @authenticated_and_authorized
    async def post(self, job_id: str) -> None:
        body = self.json_body()
        publish = body.get("publish")
        if publish is not None and not isinstance(publish, bool):
            raise BadInput("publish", "must be true or false")
        job = await self.run_blocking(self.publishing.for_resume, job_id, publish)
        folder = self.workspace_path(job["path"])
        self.send_json(await self.publishing.start(job, self.settings_for(job["sandbox"]), folder), status=202)


_ID = r"([^/]+)"
ROUTES = [
    ("ossr/config", ConfigHandler),
    ("ossr/search", SearchHandler),
    ("ossr/kernels", KernelsHandler),
    (f"ossr/records/{_ID}", RecordHandler),
    (f"ossr/records/{_ID}/versions", VersionsHandler),
    (f"ossr/records/{_ID}/codemeta", CodemetaHandler),
    (f"ossr/records/{_ID}/cite", CiteHandler),
    (f"ossr/records/{_ID}/snippets", SnippetsHandler),
    (f"ossr/records/{_ID}/download", DownloadHandler),
    (f"ossr/records/{_ID}/install-plan", InstallPlanHandler),
    ("ossr/install", InstallRunHandler),
    (f"ossr/install/{_ID}", InstallJobHandler),
    ("ossr/codemeta/generate", CodemetaGenerateHandler),
    ("ossr/codemeta/validate", CodemetaValidateHandler),
    ("ossr/publish", PublishHandler),
    ("ossr/publish/jobs", PublishJobsHandler),
    (f"ossr/publish/jobs/{_ID}", PublishJobHandler),
    (f"ossr/publish/jobs/{_ID}/resume", PublishResumeHandler),
]
