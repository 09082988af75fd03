"""The server's Dask cluster and the cross-matches running on it, as the ESCAPE panel drives them: start or attach
to one cluster (local, a scheduler address, or a Dask Gateway cluster), stop it, and run cross-matches as jobs
that report progress (partitions done / total), can be cancelled, and save their result into the basket.

Blocking (Dask client calls, gateway HTTP): the handlers call these methods off the event loop. A job's waiting
runs in its own daemon thread, so no server worker thread is held while a cluster computes.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..core import netpolicy
from ..core.errors import BadInput, EscapeError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..basket.api import Basket
    from .cluster import Cluster
    from .crossmatch import ClusterMatch
    from .hats_job import HatsRun
    from .run import FunctionRun

SERVICE = "dask"
KINDS = ("local", "address", "gateway")
MAX_KEPT_JOBS = 20  # finished jobs kept for the panel to read; older ones are forgotten


def _check_outbound(url: str, default_port: int, field: str) -> None:
    """A scheduler or gateway the user named must pass the server's outbound policy (as every VO URL does)."""
    try:
        parts = urlsplit(url if "://" in url else f"tcp://{url}")
        host, port = parts.hostname, parts.port or default_port
    except ValueError as exc:
        raise BadInput(field, f"{url!r}: {exc}") from exc
    if not host:
        raise BadInput(field, f"{url!r} names no host")
    try:
        netpolicy.current().resolve(host, port)
    except netpolicy.OutboundRefused as exc:
        raise EscapeError(str(exc), service=f"Dask {field}", status=403) from exc
    except Exception as exc:
        raise BadInput(field, str(exc)) from exc


_warmed = threading.Event()


def _warm_lsdb() -> None:
    """LSDB's first call in a process compiles its numba kernels (tens of seconds on a loaded 2-core machine): once
    a cluster is started, do it in the background on a tiny table, so the user's first cross-match does not wait."""
    if _warmed.is_set():
        return
    _warmed.set()

    def warm() -> None:
        import lsdb
        import numpy as np
        import pandas as pd

        from .xmatch_dask import MIN_TABLE_MARGIN_ARCSEC

        points = pd.DataFrame({"ra": np.linspace(10, 11, 50), "dec": np.linspace(-1, 1, 50)})
        lsdb.from_dataframe(points, ra_column="ra", dec_column="dec", margin_threshold=MIN_TABLE_MARGIN_ARCSEC)

    threading.Thread(target=warm, name="escape-warm-lsdb", daemon=True).start()


class Job:
    """One job started from the panel (a cross-match, a function run, a HATS write): its state, progress while on
    a cluster, then summary or error."""

    def __init__(self, job_id: str, request: dict[str, Any], kind: str = "xmatch") -> None:
        self.id, self.request, self.kind = job_id, request, kind
        self.state = "starting"  # starting -> running -> done | error | cancelled
        self.match: ClusterMatch | FunctionRun | HatsRun | None = None  # while it runs on the cluster
        self.summary: dict[str, Any] | None = None
        self.error: dict[str, Any] | None = None
        self.cancel_asked = False
        self.started = time.time()
        self.engine_choice: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        progress = None
        if self.match is not None:
            progress = self.match.progress()
        return {
            "id": self.id,
            "kind": self.kind,
            "state": self.state,
            "request": self.request,
            "progress": progress,
            "engine_choice": self.engine_choice,
            "result": self.summary,
            "error": self.error,
            "elapsed_s": round(time.time() - self.started, 1),
        }


class ScaleService:
    """One per server: the cluster the panel started or attached to, and its cross-match jobs."""

    def __init__(self, basket: Basket) -> None:
        self.basket = basket
        self.cluster: Cluster | None = None
        self.jobs: dict[str, Job] = {}
        self._lock = threading.Lock()  # the fields below
        self._control = threading.Lock()  # start / stop
        self._ids = itertools.count(1)

    # --- the cluster -------------------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        from .cluster import local_sizing, machine

        described = None
        if self.cluster is not None:
            try:
                described = self.cluster.describe()
            except Exception as exc:
                described = {"kind": self.cluster.kind, "name": self.cluster.name, "lost": str(exc)}
        return {
            "cluster": described,
            "machine": machine(),
            "local_sizing": local_sizing(),
            "defaults": {
                "gateway": os.environ.get("ESCAPE_DASK_GATEWAY_URL") or "",
                "address": os.environ.get("ESCAPE_DASK_ADDRESS") or "",
            },
            "running_jobs": [j.id for j in self.jobs.values() if j.state in ("starting", "running")],
        }

    def start(
        self,
        kind: str,
        *,
        address: str | None = None,
        gateway: str | None = None,
        n_workers: int | None = None,
        cluster_name: str | None = None,
    ) -> dict[str, Any]:
        """Start a cluster (local; a new gateway cluster) or attach to one (an address; a named gateway cluster).
        Replaces the current one, which is stopped first unless a job runs on it."""
        from .cluster import connect, local_cluster, machine

        if kind not in KINDS:
            raise BadInput("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
        if n_workers is not None and not 1 <= int(n_workers) <= 64:
            raise BadInput("n_workers", "between 1 and 64")
        if kind == "local" and n_workers is not None:
            cores = machine()["cores"]
            if n_workers > cores:
                raise BadInput(
                    "n_workers",
                    f"this machine has {cores} cores: a local cluster of more single-threaded "
                    "workers than cores is only slower",
                )
        if kind == "address":
            if not address:
                raise BadInput("address", "give the scheduler's address, e.g. tcp://10.0.0.5:8786")
            _check_outbound(address, 8786, "address")
        if kind == "gateway":
            if not gateway:
                raise BadInput("gateway", "give the Dask Gateway's URL, e.g. http://127.0.0.1:8099")
            if not gateway.startswith(("http://", "https://")):
                raise BadInput("gateway", f"{gateway!r} is not an http(s) URL")
            _check_outbound(gateway, 443 if gateway.startswith("https") else 80, "gateway")
        with self._control:  # one start or stop at a time: two would stop each other's cluster
            self._stop()
            try:
                if kind == "local":
                    cluster = local_cluster(n_workers)
                elif kind == "address":
                    cluster = connect(address)
                else:
                    cluster = connect(gateway=gateway, n_workers=n_workers or 2, cluster_name=cluster_name or None)
            except EscapeError:
                raise
            except Exception as exc:
                where = {
                    "local": "local cluster",
                    "address": f"Dask scheduler {address}",
                    "gateway": f"Dask Gateway {gateway}",
                }[kind]
                raise EscapeError(f"{type(exc).__name__}: {exc}", service=where, status=502) from exc
            with self._lock:
                self.cluster = cluster
        _warm_lsdb()
        return self.status()

    def stop(self) -> dict[str, Any]:
        """Stop the cluster the panel started (a gateway cluster is shut down, a local one closed); an attached
        scheduler is only disconnected. Refused while a job runs on it."""
        with self._control:
            self._stop()
        return self.status()

    def _stop(self) -> None:
        from .cluster import shutdown

        with self._lock:
            running = [j.id for j in self.jobs.values() if j.state in ("starting", "running")]
            if running:
                raise EscapeError(
                    f"job {running[0]} is running on the cluster: cancel it first", service=SERVICE, status=409
                )
            cluster, self.cluster = self.cluster, None
        if cluster is not None:
            shutdown(cluster)

    def _current(self) -> Cluster:
        from .cluster import local_cluster

        with self._lock:
            if self.cluster is None:
                # No cluster chosen in the panel: a local one sized to the machine, as scale.cluster() would
                self.cluster = local_cluster()
            return self.cluster

    # --- cross-match jobs --------------------------------------------------------------------------------------
    def start_crossmatch(
        self,
        left: Any,
        right: Any,
        radius_arcsec: float,
        *,
        find: str = "best",
        engine: str = "dask",
        filter: dict[str, Any] | None = None,
        table_name: str = "xmatch_result",
        request: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        from . import filters as sky_filters
        from .crossmatch import resolve

        # Bad input is answered now, not found later in the job: the filter, and inputs that do not exist
        sky_filters.check(filter)
        left, right = resolve(self.basket, left), resolve(self.basket, right)
        with self._lock:
            job = Job(str(next(self._ids)), request or {})
            self.jobs[job.id] = job
            self._prune()
        thread = threading.Thread(
            target=self._run,
            name=f"escape-xmatch-{job.id}",
            daemon=True,
            args=(job, left, right, radius_arcsec),
            kwargs={"find": find, "engine": engine, "filter": filter, "table_name": table_name},
        )
        thread.start()
        return job.to_json()

    def _run(self, job: Job, left: Any, right: Any, radius_arcsec: float, **kwargs: Any) -> None:
        from .crossmatch import ClusterMatch, crossmatch

        try:
            cluster = self._current()
            got = crossmatch(self.basket, left, right, radius_arcsec, cluster=cluster, wait=False, **kwargs)
            if isinstance(got, ClusterMatch):
                job.engine_choice = got.params["engine_choice"]
                job.match, job.state = got, "running"
                if job.cancel_asked:
                    got.cancel()
                got = got.result()
            else:
                job.engine_choice = got.params.get("engine_choice")
            job.summary, job.state = got.summary(), "done"
        except EscapeError as exc:
            job.error = exc.to_json()
            job.state = "cancelled" if job.cancel_asked else "error"
        except Exception as exc:
            job.error = {"error": f"{type(exc).__name__}: {exc}", "service": SERVICE}
            job.state = "cancelled" if job.cancel_asked else "error"

    # --- a function the user chose, HATS writing ---------------------------------------------------------------
    def start_function(
        self,
        inputs: list[Any],
        *,
        source: str,
        origin: str,
        function: str | None,
        table_name: str,
        partitions: int | None = None,
    ) -> dict[str, Any]:
        """Run a function from a workspace module or a pasted cell over basket tables on the cluster."""
        from . import run

        args = run.prepare(
            self.basket,
            inputs,
            source=source,
            origin=origin,
            function=function,
            table_name=table_name,
            parts=partitions,
        )
        request = {"inputs": [str(i) for i in inputs], "function": args["name"], "origin": origin, "table": table_name}
        return self._start("run", request, lambda cluster: run.FunctionRun(self.basket, cluster, **args))

    def start_hats(self, ref: Any, name: str) -> dict[str, Any]:
        """Write a basket table / TAP result / data-lake catalogue as HATS into the workspace on the cluster."""
        from pathlib import Path

        from ..basket.workspace import check_name
        from .hats_job import HatsRun

        check_name(name)
        if (Path(self.basket.ctx.workspace_dir) / "hats" / name).exists():
            raise BadInput("name", f"hats/{name} exists already in the workspace: choose another name")
        return self._start("hats", {"input": str(ref), "name": name}, lambda c: HatsRun(self.basket, c, ref, name))

    def _start(
        self, kind: str, request: dict[str, Any], make: Callable[[Cluster], FunctionRun | HatsRun]
    ) -> dict[str, Any]:
        with self._lock:
            job = Job(str(next(self._ids)), request, kind)
            self.jobs[job.id] = job
            self._prune()
        threading.Thread(target=self._follow, name=f"escape-{kind}-{job.id}", daemon=True, args=(job, make)).start()
        return job.to_json()

    def _follow(self, job: Job, make: Callable[[Cluster], FunctionRun | HatsRun]) -> None:
        try:
            task = make(self._current())
            job.match, job.state = task, "running"
            if job.cancel_asked:
                task.cancel()
            job.summary, job.state = task.result(), "done"
        except EscapeError as exc:
            job.error = exc.to_json()
            job.state = "cancelled" if job.cancel_asked else "error"
        except Exception as exc:
            job.error = {"error": f"{type(exc).__name__}: {exc}", "service": SERVICE}
            job.state = "cancelled" if job.cancel_asked else "error"

    def job(self, job_id: str) -> Job:
        found = self.jobs.get(job_id)
        if found is None:
            raise EscapeError(f"no job {job_id} on this server", service=SERVICE, status=404)
        return found

    def cancel(self, job_id: str) -> dict[str, Any]:
        job = self.job(job_id)
        if job.state in ("starting", "running"):
            job.cancel_asked = True
            if job.match is not None:
                job.match.cancel()
        return job.to_json()

    def _prune(self) -> None:
        finished = [j for j in self.jobs.values() if j.state not in ("starting", "running")]
        for old in finished[: max(0, len(self.jobs) - MAX_KEPT_JOBS)]:
            del self.jobs[old.id]

    def close(self) -> None:
        """On server stop: cancel what runs and stop the cluster the panel started."""
        for job in list(self.jobs.values()):
            if job.match is not None and job.state == "running":
                job.cancel_asked = True
                job.match.cancel()
        with self._lock:
            cluster, self.cluster = self.cluster, None
        if cluster is not None:
            from .cluster import shutdown

            shutdown(cluster)
