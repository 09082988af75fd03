"""Routes of the Dask cluster and its cross-match jobs (thin: parse, call jupyter_escape.scale.service, answer).
See docs/scale.md."""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Any

from ..core.errors import BadInput, EscapeError
from ..core.paths import confine, relative_to_root
from .base import EscapeHandler, authenticated_and_authorized
from .basket import table_ref

if TYPE_CHECKING:
    from ..extension import EscapeState
    from ..scale.service import ScaleService


def setup(state: EscapeState, log: logging.Logger) -> None:
    from ..scale.service import ScaleService

    state.extras["scale"] = ScaleService(state.extras["basket"])


class ScaleBase(EscapeHandler):
    @property
    def service(self) -> ScaleService:
        service: ScaleService = self.escape.extras["scale"]
        return service


class ClusterHandler(ScaleBase):
    """GET: the panel's cluster (or none), the machine and defaults. POST {kind, address?, gateway?, n_workers?,
    cluster_name?}: start or attach. DELETE: stop it."""

    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json(await self.run_blocking(self.service.status))

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        self.send_json(
            await self.run_blocking(
                self.service.start,
                body["kind"],
                address=body.get("address"),
                gateway=body.get("gateway"),
                n_workers=body.get("n_workers"),
                cluster_name=body.get("cluster_name"),
            )
        )

    @authenticated_and_authorized
    async def delete(self) -> None:
        self.send_json(await self.run_blocking(self.service.stop))


class JobsHandler(ScaleBase):
    """POST {left, right, radius_arcsec, find?, engine?, filter?, table?}: start a cross-match on the cluster."""

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        left = table_ref(self.server_root, body.get("left"), "left")
        right = table_ref(self.server_root, body.get("right"), "right")
        job = await self.run_blocking(
            self.service.start_crossmatch,
            left,
            right,
            body.get("radius_arcsec", 1.0),
            find=body.get("find") or "best",
            engine=body.get("engine") or "dask",
            filter=body.get("filter"),
            table_name=body.get("table") or "xmatch_result",
            request=body,
        )
        self.send_json(job, status=202)


class RunHandler(ScaleBase):
    """POST {inputs: [table...], module?: workspace .py path | code?: pasted cell, function?, table?,
    partitions?}: run the function on the cluster over the inputs (the first split into partitions)."""

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        inputs = body.get("inputs")
        if not isinstance(inputs, list):
            raise BadInput("inputs", "a list of basket item ids, workspace table names or {path}")
        refs = [table_ref(self.server_root, ref, f"inputs[{k}]") for k, ref in enumerate(inputs)]
        source, origin = await self.run_blocking(self._source, body)
        job = await self.run_blocking(
            self.service.start_function,
            refs,
            source=source,
            origin=origin,
            function=body.get("function") or None,
            table_name=body.get("table") or "cluster_result",
            partitions=body.get("partitions"),
        )
        self.send_json(job, status=202)

    def _source(self, body: dict[str, Any]) -> tuple[str, str]:
        module, code = body.get("module"), body.get("code")
        if bool(module) == bool(code):
            raise BadInput("module", "give either module (a .py file in the workspace) or code (a pasted cell)")
        if code:
            if not isinstance(code, str):
                raise BadInput("code", "Python source text")
            return code, "pasted cell"
        if not isinstance(module, str) or not module.endswith(".py"):
            raise BadInput("module", f"{module!r} is not a .py file")
        path = confine(self.server_root, module)
        if not path.is_file():
            raise BadInput("module", f"{module} does not exist")
        try:
            return path.read_text(encoding="utf-8"), module
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput("module", f"cannot read {module}: {exc}") from exc


class HatsHandler(ScaleBase):
    """POST {input: table, name}: write it as HATS (hats-import) into <workspace>/hats/<name> on the cluster."""

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        ref = table_ref(self.server_root, body.get("input"), "input")
        name = body.get("name")
        if not isinstance(name, str) or not name:
            raise BadInput("name", "the catalogue's name (letters, digits, _)")
        self.send_json(await self.run_blocking(self.service.start_hats, ref, name), status=202)


class JobHandler(ScaleBase):
    """GET: a job's state, progress (partitions or stages done / total, dashboard link) and result. DELETE:
    cancel it."""

    def _answer(self, job: dict[str, Any]) -> None:
        saved = (job.get("result") or {}).get("saved")
        for key in ("path", "provenance_file"):
            if saved and saved.get(key):
                saved[key] = relative_to_root(self.server_root, saved[key])
        self.send_json(job)

    @authenticated_and_authorized
    async def get(self, job_id: str) -> None:
        self._answer(await self.run_blocking(lambda: self.service.job(job_id).to_json()))

    @authenticated_and_authorized
    async def delete(self, job_id: str) -> None:
        self._answer(await self.run_blocking(self.service.cancel, job_id))


def close(state: EscapeState) -> None:
    service = state.extras.get("scale")
    if service is not None:
        with contextlib.suppress(EscapeError):
            service.close()


ROUTES = [
    ("scale/cluster", ClusterHandler),
    ("scale/xmatch", JobsHandler),
    ("scale/xmatch/([^/]+)", JobHandler),
    ("scale/run", RunHandler),
    ("scale/hats", HatsHandler),
    ("scale/jobs/([^/]+)", JobHandler),
]
