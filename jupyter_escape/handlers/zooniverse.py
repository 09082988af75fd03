"""Routes of the Zooniverse section. Thin: parse, call jupyter_escape.zooniverse in the pillar's worker pool (every
panoptes-client call blocks), answer JSON. Credentials never leave the server (docs/zooniverse.md)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..core.errors import BadInput
from ..zooniverse import catalogue, exports
from ..zooniverse import snippets as snippets_mod
from ..zooniverse.bridge import export_to_basket
from ..zooniverse.client import ZooniverseSettings, session
from ..zooniverse.upload import UploadJobs, new_job, progress, resolver
from .base import EscapeHandler, authenticated_and_authorized

if TYPE_CHECKING:
    from ..extension import EscapeState

T = TypeVar("T")


def setup(state: EscapeState, log: logging.Logger) -> None:
    state.extras["zooniverse"] = {"uploads": UploadJobs(state.state_dir)}


class ZooniverseHandler(EscapeHandler):
    def settings_(self) -> ZooniverseSettings:
        cfg = self.escape_config
        return ZooniverseSettings.from_config(
            cfg.zooniverse, timeout=cfg.request_timeout, max_bytes=cfg.max_response_bytes
        )

    async def in_session(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a catalogue/export call signed in, in a worker thread."""
        settings = self.settings_()

        def work() -> T:
            with session(settings):
                return fn(*args)

        return await self.run_blocking(work)

    @property
    def uploads(self) -> UploadJobs:
        return cast(UploadJobs, self.escape.extras["zooniverse"]["uploads"])

    def resolve(self) -> Callable[[dict[str, Any]], Path]:
        return resolver(self.escape.extras["basket"], self.server_root)


class ConfigHandler(ZooniverseHandler):
    @authenticated_and_authorized
    def get(self) -> None:
        self.send_json(self.settings_().public())


class ProjectsHandler(ZooniverseHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json({"projects": await self.in_session(catalogue.projects)})


class WorkflowsHandler(ZooniverseHandler):
    @authenticated_and_authorized
    async def get(self, project_id: str) -> None:
        self.send_json({"workflows": await self.in_session(catalogue.workflows, project_id)})


class SubjectSetsHandler(ZooniverseHandler):
    @authenticated_and_authorized
    async def get(self, project_id: str) -> None:
        self.send_json({"subject_sets": await self.in_session(catalogue.subject_sets, project_id)})

    @authenticated_and_authorized
    async def post(self, project_id: str) -> None:
        name = self.json_body().get("display_name")
        self.send_json(await self.in_session(catalogue.create_subject_set, project_id, name), status=201)


class SubjectsHandler(ZooniverseHandler):
    @authenticated_and_authorized
    async def get(self, subject_set_id: str) -> None:
        limit = self.int_arg("limit", 100)
        self.send_json({"subjects": await self.in_session(catalogue.subjects, subject_set_id, limit)})


class ExportHandler(ZooniverseHandler):
    @authenticated_and_authorized
    async def get(self, project_id: str) -> None:
        kind = self.get_query_argument("kind", "classifications")
        self.send_json(await self.in_session(exports.describe, project_id, kind))

    @authenticated_and_authorized
    async def post(self, project_id: str) -> None:
        kind = self.json_body().get("kind") or "classifications"
        self.send_json(await self.in_session(exports.request, project_id, kind), status=202)


class ExportToBasketHandler(ZooniverseHandler):
    @authenticated_and_authorized
    async def post(self, project_id: str) -> None:
        body = self.json_body()
        result = await self.run_blocking(
            export_to_basket,
            self.escape.extras["basket"],
            self.settings_(),
            project_id,
            mode=body.get("mode") or "classifications",
            title=body.get("title"),
            group=body.get("group"),
        )
        self.send_json(result, status=201)


class UploadsHandler(ZooniverseHandler):
    # Upload jobs live in job files (zooniverse/upload.py): every read and write of them runs off the loop.
    @authenticated_and_authorized
    async def get(self) -> None:
        jobs = await self.run_blocking(self.uploads.store.jobs)
        await self.send_large_json({"jobs": [progress(j) for j in jobs]})

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        job = new_job(
            body.get("project_id"),
            body.get("subject_set_id"),
            body.get("items"),
            stretch=body.get("stretch") or "asinh",
            interval=body.get("interval") or "zscale",
        )
        self.send_json(await self.run_blocking(self.uploads.start, job, self.settings_(), self.resolve()), status=202)


class UploadJobHandler(ZooniverseHandler):
    @authenticated_and_authorized
    async def get(self, job_id: str) -> None:
        self.send_json(await self.run_blocking(self.uploads.status, job_id))


class UploadActionHandler(ZooniverseHandler):
    @authenticated_and_authorized
    async def post(self, job_id: str, action: str) -> None:
        if action == "cancel":
            self.send_json(await self.run_blocking(self.uploads.cancel, job_id))
        elif action == "resume":
            self.send_json(
                await self.run_blocking(self.uploads.resume, job_id, self.settings_(), self.resolve()), status=202
            )
        else:
            raise BadInput("action", f"must be cancel or resume, got {action!r}")


class SnippetsHandler(ZooniverseHandler):
    @authenticated_and_authorized
    def get(self) -> None:
        action = self.get_query_argument("action", "projects")
        args = {
            k: self.get_query_argument(k, None)
            for k in ("project_id", "subject_set_id", "job_id", "mode", "stretch", "interval")
        }
        self.send_json({"snippets": snippets_mod.snippets(action, self.settings_().public(), **args)})


_ID = r"([^/]+)"
ROUTES = [
    ("zooniverse/config", ConfigHandler),
    ("zooniverse/projects", ProjectsHandler),
    (f"zooniverse/projects/{_ID}/workflows", WorkflowsHandler),
    (f"zooniverse/projects/{_ID}/subject-sets", SubjectSetsHandler),
    (f"zooniverse/subject-sets/{_ID}/subjects", SubjectsHandler),
    (f"zooniverse/projects/{_ID}/export", ExportHandler),
    (f"zooniverse/projects/{_ID}/export/basket", ExportToBasketHandler),
    ("zooniverse/uploads", UploadsHandler),
    ("zooniverse/snippets", SnippetsHandler),
    (f"zooniverse/uploads/{_ID}", UploadJobHandler),
    (f"zooniverse/uploads/{_ID}/{_ID}", UploadActionHandler),
]
