"""Notebook API: the same VO features as the JupyterLab panels, as plain (blocking) functions.

    from jupyter_escape import vo
    resources = vo.search_registry(keywords="lofar", servicetype="tap")
    table = vo.query(resources[0]["capabilities"][0]["interfaces"][0]["access_url"], "SELECT TOP 10 * FROM ...")
    table.to_arrow(); table.meta["overflow"]

Works without a Jupyter server. In a kernel started by JupyterLab the configuration is the server's (see
config.load_kernel_config); environment variables override it: ESCAPE_REGISTRY_URL (or IVOA_REGISTRY),
ESCAPE_REQUEST_TIMEOUT (seconds), ESCAPE_MAX_RESPONSE_BYTES.
The functions run on a private event loop in a background thread, so they also work inside a running kernel.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import pyarrow as pa
from astropy.table import Table

from ..config import PUBLIC_REGISTRY, load_kernel_config
from ..core.http import Limits
from . import blocking, dal, datalink, registry, tap, uws
from .results import pyvo_code, to_astropy
from .votable import VOTableResult, read_votable, to_ipc_stream


def registry_url() -> str:
    """ESCAPE_REGISTRY_URL / IVOA_REGISTRY if set, else what the Jupyter server was configured with."""
    env = os.environ.get("ESCAPE_REGISTRY_URL") or os.environ.get("IVOA_REGISTRY")
    return env or load_kernel_config()[0].registry_url or PUBLIC_REGISTRY


def limits() -> Limits:
    cfg = load_kernel_config()[0]
    return Limits(
        timeout=float(os.environ.get("ESCAPE_REQUEST_TIMEOUT", cfg.request_timeout)),
        max_bytes=int(os.environ.get("ESCAPE_MAX_RESPONSE_BYTES", cfg.max_response_bytes)),
    )


class ResultTable(Table):
    """An astropy Table that also keeps the Arrow table it was made from."""

    _arrow: pa.Table = None  # set by as_table

    def to_arrow(self) -> pa.Table:
        """The result as a pyarrow.Table (with the VOTable column metadata)."""
        return self._arrow

    def to_ipc(self, columns: list[str] | None = None) -> bytes:
        return to_ipc_stream(self._arrow, columns)


def as_table(result: VOTableResult) -> ResultTable:
    table = ResultTable(to_astropy(result.table), copy=False)
    table._arrow = result.table
    table.meta.update(
        overflow=result.overflow,
        query_status=result.query_status,
        infos=result.infos,
        transport=result.transport,
        error=result.error,
        warnings=result.warnings,
    )
    return table


def search_registry(
    keywords: str | list[str] | None = None,
    servicetype: str | None = None,
    waveband: str | list[str] | None = None,
    datamodel: str | None = None,
    cone: Sequence[float] | dict[str, float] | None = None,
    moc: str | None = None,
    temporal: Sequence[float] | dict[str, float] | None = None,
    include_auxiliary: bool = False,
    limit: int = 50,
    offset: int = 0,
    url: str | None = None,
) -> list[registry.Resource]:
    """Registry records (ivoid, title, publisher, description, capabilities with access URLs, coverage).

    ``cone`` is (ra, dec, radius) or {ra, dec, radius} in degrees, ``temporal`` (start, end) or {start, end} as MJD.
    """
    q = registry.RegistryQuery.from_json(
        {
            "keywords": keywords,
            "servicetype": servicetype,
            "waveband": waveband,
            "datamodel": datamodel,
            "cone": cone,
            "moc": moc,
            "temporal": temporal,
            "include_auxiliary": include_auxiliary,
            "limit": limit,
            "offset": offset,
        }
    )
    resources: list[registry.Resource] = blocking.run(registry.search(q, url or registry_url(), limits=limits()))[
        "resources"
    ]
    return resources


def query(service_url: str, adql: str, maxrec: int | None = None) -> ResultTable:
    """Synchronous TAP query. ``table.meta['overflow']`` is True when the service truncated at MAXREC."""
    return as_table(blocking.run(tap.sync_query(service_url, adql, maxrec=maxrec, limits=limits())))


class Job:
    """An asynchronous TAP job: ``job = submit(url, adql); job.wait(); table = job.fetch()``."""

    def __init__(self, info: uws.JobInfo) -> None:
        self.info = info
        self.fits = info.fits  # how create_job chose the rows to travel; status updates do not repeat it

    @property
    def url(self) -> str:
        return self.info.url

    @property
    def phase(self) -> str:
        self.info = blocking.run(tap.job_status(self.url, limits=limits()))
        return self.info.phase

    def wait(self, timeout: float = 600) -> Job:
        self.info = blocking.run(tap.wait_for_job(self.url, timeout=timeout, limits=limits()))
        return self

    def abort(self) -> Job:
        self.info = blocking.run(tap.abort_job(self.url, limits=limits()))
        return self

    def delete(self) -> None:
        blocking.run(tap.delete_job(self.url, limits=limits()))

    def fetch(self) -> ResultTable:
        return as_table(blocking.run(tap.job_result(self.url, limits=limits(), fits=self.fits)))

    def __repr__(self) -> str:
        return f"<Job {self.url} {self.info.phase}>"


def submit(service_url: str, adql: str, maxrec: int | None = None) -> Job:
    return Job(blocking.run(tap.create_job(service_url, adql, maxrec=maxrec, limits=limits())))


def tables(service_url: str) -> list[dict[str, Any]]:
    return blocking.run(tap.tables(service_url, limits=limits()))


def table_columns(service_url: str, table_name: str) -> list[dict[str, Any]]:
    columns: list[dict[str, Any]] = blocking.run(tap.table_detail(service_url, table_name, limits=limits()))["columns"]
    return columns


def examples(service_url: str) -> list[tap.Example]:
    return blocking.run(tap.examples(service_url, limits=limits()))


def cone_search(url: str, ra: float, dec: float, radius: float, maxrec: int | None = None) -> ResultTable:
    return as_table(blocking.run(dal.cone_search(url, ra, dec, radius, maxrec=maxrec, limits=limits())))


def sia_search(url: str, ra: float, dec: float, size: float) -> ResultTable:
    return as_table(blocking.run(dal.sia1_search(url, ra, dec, size, limits=limits())))


def sia2_search(url: str, **constraints: Any) -> ResultTable:
    """SIA 2: circle=(ra, dec, r), band=(lo_m, hi_m), time=(mjd1, mjd2), collection=..., maxrec=...
    (dal.sia2_params's keywords and types)."""
    return as_table(blocking.run(dal.sia2_search(url, limits=limits(), **constraints)))


def ssa_search(url: str, ra: float, dec: float, size: float) -> ResultTable:
    return as_table(blocking.run(dal.ssa_search(url, ra, dec, size, limits=limits())))


def search_many(services: list[dict[str, Any]], timeout: float = 30, **params: Any) -> list[dict[str, Any]]:
    """Several services at once, e.g. [{"kind": "scs", "url": ...}, {"kind": "sia2", "url": ...}] with ra, dec,
    radius (``params``: each service kind's parameters, as JSON): one entry per service with ``table`` or ``error``."""
    requests = [dal.ServiceRequest.from_json(s, params) for s in services]
    out = []
    for outcome in blocking.run(dal.search_all(requests, timeout=timeout, limits=limits())):
        entry = outcome.to_json()
        entry["table"] = as_table(outcome.result) if outcome.result is not None else None
        out.append(entry)
    return out


def links(datalink_url: str, ids: list[str] | str | None = None) -> dict[str, Any]:
    return blocking.run(datalink.links(datalink_url, ids, limits=limits()))


def download(url: str, folder: str = "escape-data", file_name: str | None = None) -> str:
    from pathlib import Path

    path: str = blocking.run(datalink.fetch_to(url, Path(folder), file_name=file_name, limits=limits()))["path"]
    return path


def code_for_query(service_url: str, adql: str, maxrec: int | None = None) -> str:
    """The pyvo code doing the same query."""
    return pyvo_code({"kind": "tap", "url": service_url, "query": adql, "maxrec": maxrec})


__all__ = [
    "Job",
    "ResultTable",
    "code_for_query",
    "cone_search",
    "download",
    "examples",
    "links",
    "query",
    "read_votable",
    "search_many",
    "search_registry",
    "sia2_search",
    "sia_search",
    "ssa_search",
    "submit",
    "table_columns",
    "tables",
    "to_ipc_stream",
]
