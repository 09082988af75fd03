"""Virtual Observatory routes (thin): parse input, call jupyter_escape.vo, answer JSON or Arrow IPC.

Route shapes are documented in docs/api/vo.md.
"""

from __future__ import annotations

import importlib
import json
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from tornado.ioloop import IOLoop
from tornado.iostream import StreamClosedError

from ..core.errors import BadInput, EscapeError
from ..core.http import Limits
from ..core.paths import confine, relative_to_root
from ..vo import dal, datalink, registry, tap
from ..vo.jobs import JobStore
from ..vo.results import EXPORT_FORMATS, ResultCache, export, pyvo_code
from ..vo.votable import ipc_stream_pieces
from .base import EscapeHandler, authenticated_and_authorized

if TYPE_CHECKING:
    import pyarrow as pa

    from ..extension import EscapeState
    from ..vo.votable import VOTableResult

ARROW = "application/vnd.apache.arrow.stream"
HEADER_LIMIT = 6000  # keep response headers small; the full info is at /vo/results/<id>


@dataclass
class VOState:
    jobs: JobStore
    results: ResultCache


def setup(state: EscapeState, log: logging.Logger) -> None:
    store = JobStore(state.state_dir)
    if getattr(store, "load_error", None):
        log.error("jupyter-escape VO job list unreadable, started empty: %s", store.load_error)
    state.extras["vo"] = VOState(jobs=store, results=ResultCache())
    # The TABLEDATA decoder is imported on first use (a process reading only binary VOTables or FITS never needs
    # pyarrow.compute/csv): a running server pays that import here, in the background, not in a request.
    threading.Thread(
        target=importlib.import_module,
        args=("jupyter_escape.vo.votable.tabledata",),
        name="escape-warm-tabledata",
        daemon=True,
    ).start()

    async def refresh() -> None:
        try:
            await store.refresh_unfinished()
        except Exception as exc:
            log.warning("jupyter-escape: re-polling VO jobs: %s", exc)

    IOLoop.current().add_callback(refresh)


class VOHandler(EscapeHandler):
    @property
    def vo(self) -> VOState:
        return cast(VOState, self.escape.extras["vo"])

    @property
    def limits(self) -> Limits:
        c = self.escape_config
        return Limits(timeout=c.request_timeout, max_bytes=c.max_response_bytes)

    @overload
    def arg(self, name: str, required: Literal[True] = True) -> str: ...
    @overload
    def arg(self, name: str, required: bool) -> str | None: ...
    def arg(self, name: str, required: bool = True) -> str | None:
        value = self.get_query_argument(name, None)
        if required and not value:
            raise BadInput(name, "missing")
        return value

    def field(self, body: dict[str, Any], name: str, required: bool = True) -> Any:
        value = body.get(name)
        if required and value in (None, ""):
            raise BadInput(name, "missing")
        return value

    async def send_result(
        self, result: VOTableResult, provenance: dict[str, Any], columns: list[str] | None = None
    ) -> None:
        """Keep the result, answer it as an Arrow IPC stream with the id and summary in headers."""
        stored = self.vo.results.put(result, provenance)
        info = {"id": stored.id, **result.info_json()}
        text = json.dumps(info, separators=(",", ":"))
        if len(text) > HEADER_LIMIT:
            text = json.dumps({**info, "infos": info["infos"][:5], "infos_truncated": True}, separators=(",", ":"))
        self.set_header("X-Escape-Result-Id", stored.id)
        self.set_header("X-Escape-Result-Info", text[:HEADER_LIMIT])
        self.set_header("Access-Control-Expose-Headers", "X-Escape-Result-Id, X-Escape-Result-Info")
        await self.send_arrow(result.table, columns)

    async def send_arrow(self, table: pa.Table, columns: list[str] | None = None) -> None:
        """The table as an Arrow IPC stream, sent record batch by record batch: each piece is written and flushed
        before the next is made, so the server holds the table plus one piece, never a second copy of the table
        (docs/vo.md). Content-Length is known in advance, so the browser can show progress."""
        size, pieces = await self.run_blocking(ipc_stream_pieces, table, columns)
        self.set_header("Content-Type", ARROW)
        self.set_header("Content-Length", str(size))
        try:
            while (piece := await self.run_blocking(next, pieces, None)) is not None:
                self.write(piece)
                del piece
                await self.flush()
        except StreamClosedError:  # the browser went away (cancelled): nothing left to send it
            return
        self.finish(set_content_type=ARROW)  # APIHandler.finish would otherwise say JSON


def _columns(value: object) -> list[str] | None:
    if not value:
        return None
    return value if isinstance(value, list) else [c for c in str(value).split(",") if c]


# ---------------------------------------------------------------- registry and services
class RegistrySearchHandler(VOHandler):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        query = registry.RegistryQuery.from_json(body)
        url = body.get("registry_url") or self.escape_config.registry_url
        page = await registry.search(query, url, limits=self.limits)
        page["registry_url"] = url
        page["code"] = pyvo_code({"kind": "registry", "url": url, "params": body})
        self.send_json(page)


class ServicesHandler(VOHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json(
            {"registry_url": self.escape_config.registry_url, "services": list(self.escape_config.vo_services)}
        )


class CapabilitiesHandler(VOHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json(await tap.capabilities(self.arg("url"), limits=self.limits))


class TablesHandler(VOHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json({"tables": await tap.tables(self.arg("url"), limits=self.limits)})


class TableDetailHandler(VOHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json(await tap.table_detail(self.arg("url"), self.arg("name"), limits=self.limits))


class ExamplesHandler(VOHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        self.send_json({"examples": await tap.examples(self.arg("url"), limits=self.limits)})


# ---------------------------------------------------------------- TAP queries and jobs
class SyncQueryHandler(VOHandler):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        url, query = self.field(body, "url"), self.field(body, "query")
        maxrec = body.get("maxrec")
        result = await tap.sync_query(url, query, maxrec=maxrec, fmt=body.get("format") or "auto", limits=self.limits)
        await self.send_result(
            result,
            {"kind": "tap", "mode": "sync", "url": url, "query": query, "maxrec": maxrec},
            _columns(body.get("columns")),
        )


class JobsHandler(VOHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        service = self.get_query_argument("url", None)
        if self.get_query_argument("refresh", "1") != "0":
            await self.vo.jobs.refresh_unfinished(self.limits)
        self.send_json({"jobs": self.vo.jobs.list(service)})

    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        url, query = self.field(body, "url"), self.field(body, "query")
        info = await tap.create_job(
            url,
            query,
            maxrec=body.get("maxrec"),
            fmt=body.get("format") or "auto",
            run=body.get("run", True),
            run_id=body.get("label"),
            limits=self.limits,
        )
        record = await self.run_blocking(self.vo.jobs.add, url, info, query, body.get("label"))
        record["maxrec"] = body.get("maxrec")
        self.send_json(record, status=201)


class JobHandler(VOHandler):
    @authenticated_and_authorized
    async def get(self, key: str) -> None:
        record = self.vo.jobs.by_id(key)
        wait = self.get_query_argument("wait", None)
        if wait and not record.get("final"):
            info = await tap.job_status(record["url"], wait=min(float(wait), 60), limits=self.limits)
            record = await self.run_blocking(self.vo.jobs.update, info)
        elif not record.get("final"):
            record = await self.vo.jobs.refresh(record["url"], self.limits)
        self.send_json(record)

    @authenticated_and_authorized
    async def delete(self, key: str) -> None:
        record = self.vo.jobs.by_id(key)
        remote_error = None
        try:
            await tap.delete_job(record["url"], limits=self.limits)
        except EscapeError as exc:  # the job may already be gone on the service: forget it anyway
            remote_error = exc.to_json()
        await self.run_blocking(self.vo.jobs.remove, record["url"])
        self.send_json({"deleted": key, "remote_error": remote_error})


class JobAbortHandler(VOHandler):
    @authenticated_and_authorized
    async def post(self, key: str) -> None:
        record = self.vo.jobs.by_id(key)
        info = await tap.abort_job(record["url"], limits=self.limits)
        self.send_json(await self.run_blocking(self.vo.jobs.update, info))


class JobResultsHandler(VOHandler):
    @authenticated_and_authorized
    async def get(self, key: str) -> None:
        record = self.vo.jobs.by_id(key)
        info = await tap.job_status(record["url"], limits=self.limits)
        await self.run_blocking(self.vo.jobs.update, info)
        result = await tap.job_result(
            record["url"], limits=self.limits, info=info, fits=record.get("fits"), query=record["query"]
        )
        result.transport_note = result.transport_note or record.get("transport_note")
        await self.send_result(
            result,
            {
                "kind": "tap",
                "mode": "async",
                "url": record["service_url"],
                "query": record["query"],
                "job": record["url"],
            },
            _columns(self.get_query_argument("columns", None)),
        )


# ---------------------------------------------------------------- simple DAL, one or many services
class DALHandler(VOHandler):
    @authenticated_and_authorized
    async def post(self, kind: str) -> None:
        body = self.json_body()
        request = dal.ServiceRequest.from_json({"kind": kind, "url": body.get("url"), "params": body})
        result = await dal.run_request(request, self.limits)
        await self.send_result(
            result, {"kind": kind, "url": request.url, "params": request.params}, _columns(body.get("columns"))
        )


class MultiSearchHandler(VOHandler):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        services = self.field(body, "services")
        if not isinstance(services, list) or not services:
            raise BadInput("services", "expected a non-empty list of {kind, url, params}")
        common = body.get("params") or {}
        requests = [dal.ServiceRequest.from_json(s, common) for s in services]
        timeout = float(body.get("timeout") or min(30.0, self.escape_config.request_timeout))
        outcomes = await dal.search_all(requests, timeout=timeout, limits=self.limits)
        out = []
        for outcome in outcomes:
            entry = outcome.to_json()
            if outcome.result is not None:
                stored = self.vo.results.put(
                    outcome.result,
                    {"kind": outcome.request.kind, "url": outcome.request.url, "params": outcome.request.params},
                )
                entry["result_id"] = stored.id
            out.append(entry)
        self.send_json({"results": out})


# ---------------------------------------------------------------- kept results
class ResultHandler(VOHandler):
    @authenticated_and_authorized
    async def get(self, result_id: str) -> None:
        self.send_json(self.vo.results.get(result_id).to_json())

    @authenticated_and_authorized
    async def delete(self, result_id: str) -> None:
        self.vo.results.drop(result_id)
        self.send_json({"deleted": result_id})


class ResultArrowHandler(VOHandler):
    @authenticated_and_authorized
    async def get(self, result_id: str) -> None:
        stored = self.vo.results.get(result_id)
        await self.send_arrow(stored.result.table, _columns(self.get_query_argument("columns", None)))


class ResultExportHandler(VOHandler):
    @authenticated_and_authorized
    async def post(self, result_id: str) -> None:
        body = self.json_body()
        stored = self.vo.results.get(result_id)
        fmt = (body.get("format") or "parquet").lower()
        if fmt not in EXPORT_FORMATS:
            raise BadInput("format", f"{fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
        rel = body.get("path") or f"{self.escape_config.workspace_dir}/result-{result_id}{EXPORT_FORMATS[fmt]}"
        target = confine(self.server_root, rel)
        table = stored.result.table
        if body.get("columns"):
            table = table.select(_columns(body["columns"]))
        written = await self.run_blocking(export, table, target, fmt, overwrite=bool(body.get("overwrite")))
        written["path"] = relative_to_root(self.server_root, written["path"])
        self.send_json(written, status=201)


class ResultCodeHandler(VOHandler):
    @authenticated_and_authorized
    async def get(self, result_id: str) -> None:
        stored = self.vo.results.get(result_id)
        self.send_json({"language": "python", "code": pyvo_code(stored.provenance)})


class CodeHandler(VOHandler):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        provenance = {
            "kind": self.field(body, "kind"),
            "url": self.field(body, "url"),
            "query": body.get("query"),
            "maxrec": body.get("maxrec"),
            "params": body.get("params") or {},
            "mode": body.get("mode"),
        }
        self.send_json({"language": "python", "code": pyvo_code(provenance)})


# ---------------------------------------------------------------- DataLink
class DatalinkHandler(VOHandler):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        url = body.get("url")
        if not url and body.get("result_id") is not None:
            stored = self.vo.results.get(body["result_id"])
            url = datalink.datalink_for_row(stored.result, int(self.field(body, "row")))
            if url is None:
                raise EscapeError(
                    "this result row has no DataLink (no datalink access_url or service descriptor)", status=404
                )
        if not url:
            raise BadInput("url", "give a DataLink url, or result_id and row")
        out = await datalink.links(url, body.get("ids"), limits=self.limits)
        out["url"] = url
        self.send_json(out)


class DatalinkFetchHandler(VOHandler):
    @authenticated_and_authorized
    async def post(self) -> None:
        body = self.json_body()
        url = body.get("access_url")
        if not url:
            descriptor = self.field(body, "service")
            if not isinstance(descriptor, dict):
                raise BadInput("service", "expected a service descriptor from the links answer")
            url = str(
                datalink.soda_url(
                    descriptor,
                    self.field(body, "id"),
                    circle=body.get("circle"),
                    pos=body.get("pos"),
                    band=body.get("band"),
                    extra=body.get("params"),
                )
            )
        folder = confine(self.server_root, body.get("folder") or self.escape_config.workspace_dir)
        saved = await datalink.fetch_to(url, folder, file_name=body.get("file_name"), limits=self.limits)
        saved["path"] = relative_to_root(self.server_root, saved["path"])
        saved["url"] = url
        self.send_json(saved, status=201)


ROUTES = [
    (r"vo/registry/search", RegistrySearchHandler),
    (r"vo/services", ServicesHandler),
    (r"vo/tap/capabilities", CapabilitiesHandler),
    (r"vo/tap/tables", TablesHandler),
    (r"vo/tap/table", TableDetailHandler),
    (r"vo/tap/examples", ExamplesHandler),
    (r"vo/tap/sync", SyncQueryHandler),
    (r"vo/tap/jobs", JobsHandler),
    (r"vo/tap/jobs/([^/]+)", JobHandler),
    (r"vo/tap/jobs/([^/]+)/abort", JobAbortHandler),
    (r"vo/tap/jobs/([^/]+)/results", JobResultsHandler),
    (r"vo/dal/([^/]+)", DALHandler),
    (r"vo/multi", MultiSearchHandler),
    (r"vo/results/([^/]+)", ResultHandler),
    (r"vo/results/([^/]+)/arrow", ResultArrowHandler),
    (r"vo/results/([^/]+)/export", ResultExportHandler),
    (r"vo/results/([^/]+)/code", ResultCodeHandler),
    (r"vo/code", CodeHandler),
    (r"vo/datalink", DatalinkHandler),
    (r"vo/datalink/fetch", DatalinkFetchHandler),
]
