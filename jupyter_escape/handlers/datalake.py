"""Routes of the data lake panel (thin: parse, call jupyter_escape.datalake in a thread, answer JSON).
The JSON of every route is described in docs/api/datalake.md."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, cast

from ..core.errors import BadInput, EscapeError
from ..core.http import Limits
from ..datalake import browse, vo_coverage
from ..datalake.auth import check_credentials
from ..datalake.code import snippet
from ..datalake.dids import parse_did
from ..datalake.service import Datalake
from .base import EscapeHandler, authenticated_and_authorized

if TYPE_CHECKING:
    from ..extension import EscapeState


def setup(state: EscapeState, log: logging.Logger) -> None:
    cfg = state.config
    state.extras["datalake"] = Datalake(
        list(cfg.rucio_instances), state_dir=state.state_dir, root_dir=state.root_dir, workspace_dir=cfg.workspace_dir
    )
    interrupted = [j for j in state.extras["datalake"].jobs.list() if j.get("state") == "interrupted"]
    if interrupted:
        log.info("jupyter-escape data lake: %d interrupted jobs can be resumed", len(interrupted))
    brokers = {i["oidc_token_broker"] for i in cfg.rucio_instances if i.get("oidc_token_broker")}
    if brokers:
        _keep_bearer_token_fresh(min(brokers), log)


def _keep_bearer_token_fresh(broker_url: str, log: logging.Logger, every: float = 20.0) -> None:
    """On a hub: fetch the user's token whenever it nears expiry, so the bearer-token file the rucio CLI reads
    (BEARER_TOKEN_FILE) is always valid, even when no panel is open. The fetch runs off the event loop."""
    import asyncio

    from tornado.ioloop import PeriodicCallback

    from ..core.credentials import bearer_token_path, broker_client
    from ..core.offloop import off_loop

    client = broker_client(broker_url)
    last_error: list[str] = []

    async def tick() -> None:
        try:
            await off_loop("datalake", client.token)
            if last_error:
                log.info("jupyter-escape: hub sign-on token available again")
                last_error.clear()
        except EscapeError as exc:  # BrokerError, or no answer within blocking_timeout
            if exc.message not in last_error:  # say it once, not every 20 s
                log.warning("jupyter-escape: no token from the hub's credential broker: %s", exc.message)
                last_error[:] = [exc.message]

    PeriodicCallback(tick, every * 1000).start()
    asyncio.get_event_loop().call_soon(lambda: asyncio.ensure_future(tick()))
    log.info(
        "jupyter-escape: data lake signed in through the hub (broker %s), bearer token file %s",
        broker_url,
        bearer_token_path(),
    )


class DatalakeHandler(EscapeHandler):
    @property
    def lake(self) -> Datalake:
        return cast(Datalake, self.escape.extras["datalake"])

    def instance_arg(self) -> str | None:
        return self.get_query_argument("instance", None) or None

    def did_arg(self) -> tuple[str, str]:
        return parse_did(self.get_query_argument("did", ""))


class InstancesHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json({"instances": self.lake.public_instances(), "workspace_dir": self.escape_config.workspace_dir})


class AuthHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        inst = self.lake.instance(self.instance_arg())
        state, message, identity = await check_credentials(inst.settings, timeout=self.escape_config.check_timeout)
        self.send_json(
            {
                "instance": inst.name,
                "auth_type": inst.auth_type,
                "state": state,
                "message": message,
                "identity": identity,
            }
        )


class ScopesHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        inst, s = self.lake.session_for(self.instance_arg())
        # default_scope (instance configuration) is the scope the panels open on; without it they choose one.
        self.send_json(
            {
                "scopes": await self.run_blocking(browse.list_scopes, s),
                "default_scope": inst.settings.get("default_scope"),
            }
        )


class SearchHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        s = self.lake.session(self.instance_arg())
        raw = self.get_query_argument("filters", "") or "[]"
        try:
            filters = json.loads(raw)
        except ValueError as exc:
            raise BadInput("filters", f"not JSON ({exc}); expected [{{key, op, value}}]") from exc
        if not isinstance(filters, list):
            raise BadInput("filters", "expected a JSON list of {key, op, value}")
        result = await self.run_blocking(
            browse.search,
            s,
            self.get_query_argument("scope", ""),
            pattern=self.get_query_argument("pattern", "*") or "*",
            did_type=self.get_query_argument("type", "collection"),
            filters=filters,
            offset=self.int_arg("offset", 0),
            limit=self.int_arg("limit", 100),
        )
        self.send_json(result)


class ContentsHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        s = self.lake.session(self.instance_arg())
        scope, name = self.did_arg()
        self.send_json(
            await self.run_blocking(
                browse.contents,
                s,
                scope,
                name,
                offset=self.int_arg("offset", 0),
                limit=self.int_arg("limit", 100),
                refresh=self.get_query_argument("refresh", "") in ("1", "true"),
            )
        )


class DidHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        s = self.lake.session(self.instance_arg())
        scope, name = self.did_arg()
        self.send_json(await self.run_blocking(browse.details, s, scope, name))


class RsesHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        s = self.lake.session(self.instance_arg())
        self.send_json({"rses": await self.run_blocking(browse.list_rses, s)})


class UsageHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        s = self.lake.session(self.instance_arg())
        self.send_json(await self.run_blocking(browse.account_usage, s))


class StageListHandler(DatalakeHandler):
    # Jobs live in a job file (datalake/jobstore.py) whose lock a worker holds while it writes: every job read
    # and action below runs off the loop.
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json({"jobs": await self.run_blocking(self.lake.stager.jobs)})

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        job = await self.run_blocking(
            self.lake.stager.stage, body.get("instance"), body.get("did", ""), body.get("mode", "download")
        )
        self.send_json(job, status=200 if job.get("joined") else 201)


class StageJobHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self, job_id: str) -> None:
        self.send_json(await self.run_blocking(self.lake.stager.get, job_id))

    @authenticated_and_authorized
    async def delete(self, job_id: str) -> None:
        await self.run_blocking(self.lake.stager.remove, job_id)
        self.send_json({"removed": job_id})


class StageActionHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def post(self, job_id: str, action: str) -> None:
        if action == "cancel":
            self.send_json(await self.run_blocking(self.lake.stager.cancel, job_id))
        elif action == "resume":
            self.send_json(await self.run_blocking(self.lake.stager.resume, job_id))
        else:
            raise BadInput("action", f"{action!r} is not cancel or resume")


class CodeHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        inst = self.lake.instance(self.instance_arg())
        scope, name = self.did_arg()
        did = f"{scope}:{name}"
        job = self.lake.stager.find_done(inst.name, did)
        paths = [f["path"] for f in job["files"]] if job else []
        self.send_json(
            {
                "did": did,
                "instance": inst.name,
                "staged": job is not None,
                "paths": paths,
                "mode": job["mode"] if job else None,
                "python": snippet(did, inst.name, paths, job["mode"] if job else "download"),
            }
        )


class CoverageHandler(DatalakeHandler):
    """Which VO data covers this DID: its MOC (staged FITS footprints, else sky metadata), then the registry."""

    @authenticated_and_authorized
    async def get(self) -> None:
        inst = self.lake.instance(self.instance_arg())
        s = self.lake.session(inst.name)
        scope, name = self.did_arg()
        did = f"{scope}:{name}"
        job = self.lake.stager.find_done(inst.name, did)
        paths = [f["path"] for f in job["files"]] if job else []
        radius = float(self.get_query_argument("radius", "") or vo_coverage.DEFAULT_RADIUS_DEG)
        cov = await self.run_blocking(
            vo_coverage.sky_coverage,
            s,
            scope,
            name,
            local_paths=paths,
            default_radius=radius,
            prefer=self.get_query_argument("prefer", "") or "auto",
        )
        servicetype = self.get_query_argument("servicetype", "") or None
        waveband = (self.get_query_argument("waveband", "") or "").split()
        c = self.escape_config
        page = await vo_coverage.covering_resources(
            cov,
            c.registry_url,
            servicetype=servicetype,
            waveband=waveband,
            limit=self.int_arg("limit", 50),
            limits=Limits(timeout=c.request_timeout, max_bytes=c.max_response_bytes),
        )
        page["did"], page["instance"] = did, inst.name
        page["python"] = vo_coverage.snippet(did, inst.name, servicetype, waveband)
        self.send_json(page)


class UploadListHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json({"jobs": await self.run_blocking(self.lake.uploader.jobs)})

    @authenticated_and_authorized
    async def post(self) -> None:
        b = self.json_body()
        job = await self.run_blocking(
            self.lake.uploader.upload,
            b.get("instance"),
            b.get("path", ""),
            b.get("rse", ""),
            b.get("scope", ""),
            name=b.get("name") or None,
            dataset=b.get("dataset") or None,
            metadata=b.get("metadata") or None,
            lifetime=b.get("lifetime"),
        )
        self.send_json(job, status=201)


class UploadJobHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def get(self, job_id: str) -> None:
        self.send_json(await self.run_blocking(self.lake.uploader.get, job_id))


class UploadActionHandler(DatalakeHandler):
    @authenticated_and_authorized
    async def post(self, job_id: str, action: str) -> None:
        if action == "cancel":
            self.send_json(await self.run_blocking(self.lake.uploader.cancel, job_id))
        elif action == "resume":
            self.send_json(await self.run_blocking(self.lake.uploader.resume, job_id))
        elif action == "cleanup":
            self.send_json(await self.run_blocking(self.lake.uploader.clean_up, job_id))
        else:
            raise BadInput("action", f"{action!r} is not cancel, resume or cleanup")


ROUTES = [
    ("datalake/instances", InstancesHandler),
    ("datalake/auth", AuthHandler),
    ("datalake/scopes", ScopesHandler),
    ("datalake/search", SearchHandler),
    ("datalake/contents", ContentsHandler),
    ("datalake/did", DidHandler),
    ("datalake/rses", RsesHandler),
    ("datalake/usage", UsageHandler),
    ("datalake/stage", StageListHandler),
    ("datalake/stage/([^/]+)", StageJobHandler),
    ("datalake/stage/([^/]+)/([^/]+)", StageActionHandler),
    ("datalake/code", CodeHandler),
    ("datalake/coverage", CoverageHandler),
    ("datalake/uploads", UploadListHandler),
    ("datalake/uploads/([^/]+)", UploadJobHandler),
    ("datalake/uploads/([^/]+)/([^/]+)", UploadActionHandler),
]
