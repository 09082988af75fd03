"""Where Dask work runs: a local ``distributed`` cluster sized to this machine, a remote scheduler by address, or
a cluster from a Dask Gateway. The same calls run on all three; only :func:`connect` differs.

Which one is chosen, first match wins: the ``address`` / ``gateway`` arguments; ``$ESCAPE_DASK_ADDRESS`` (a
scheduler, e.g. ``tcp://10.0.0.5:8786``); ``$ESCAPE_DASK_GATEWAY_URL`` (with ``$ESCAPE_DASK_GATEWAY_PASSWORD``
or a JupyterHub token); else one LocalCluster per process, started on first use and reused.

The local cluster has one single-threaded worker process per core and a memory limit per worker (half of the
memory available at start, split between the workers, at most ``MAX_WORKER_MEMORY``): past 60 % of it a worker
spills partitions to its local directory, so work larger than memory runs out of core instead of failing.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import BadInput, EscapeError

if TYPE_CHECKING:
    from distributed import Client

SERVICE = "dask"
MAX_WORKER_MEMORY = 8 * 1024**3
MIN_WORKER_MEMORY = 512 * 1024**2
_local: dict[tuple[Any, Any] | str, Cluster] = {}
_local_lock = threading.Lock()


def _memory() -> tuple[int, int]:
    """(total, available) bytes. On Linux read from /proc/meminfo, where psutil reads them too: importing psutil
    costs 0.03-0.1 s of CPU, a tenth of a 100k-row cross-match that asks which engine to use."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            kib = {k: int(v.split()[0]) for k, v in (line.split(":", 1) for line in f if ":" in line)}
        return kib["MemTotal"] * 1024, kib["MemAvailable"] * 1024
    except (OSError, KeyError, ValueError, IndexError):
        import psutil

        mem = psutil.virtual_memory()
        return int(mem.total), int(mem.available)


def machine() -> dict[str, Any]:
    """Cores and memory of this machine (what a local cluster and the engine choice are sized from)."""
    total, available = _memory()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return {"cores": cores, "memory_total": total, "memory_available": available}


def local_sizing(n_workers: int | None = None, memory_limit: int | None = None) -> dict[str, Any]:
    m = machine()
    n = n_workers or max(1, m["cores"])
    limit = memory_limit or int(min(MAX_WORKER_MEMORY, max(MIN_WORKER_MEMORY, m["memory_available"] // 2 // n)))
    return {"n_workers": n, "threads_per_worker": 1, "memory_limit": limit}


@dataclass
class Cluster:
    """A connected Dask client and what the user should know about where it runs."""

    client: Client
    kind: str  # "local", "address" or "gateway"
    name: str
    dashboard_link: str | None
    workers: int = 0
    memory_limit: int | None = None
    _owner: Any = field(default=None, repr=False)  # the LocalCluster / GatewayCluster we started, if any

    def describe(self) -> dict[str, Any]:
        info = self.client.scheduler_info(n_workers=-1) if hasattr(self.client, "scheduler_info") else {}
        workers = info.get("workers", {})
        scheduler = getattr(self.client, "scheduler", None)
        return {
            "kind": self.kind,
            "name": self.name,
            "dashboard_link": self.dashboard_link,
            "scheduler": scheduler and scheduler.address,
            "workers": len(workers),
            "memory_limit_per_worker": sorted({w.get("memory_limit") for w in workers.values()}) or None,
        }

    def shutdown(self) -> None:
        """Stop this cluster for good (see :func:`shutdown`)."""
        shutdown(self)

    def close(self) -> None:
        """Disconnect; a gateway cluster this object started is shut down, the shared local one stays."""
        if self.kind == "gateway" and self._owner is not None:
            self._owner.shutdown()
        if self.kind != "local":
            self.client.close()  # type: ignore[no-untyped-call]  # distributed's close() is unannotated


def local_cluster(
    n_workers: int | None = None, memory_limit: int | None = None, local_directory: str | os.PathLike[str] | None = None
) -> Cluster:
    """This process's LocalCluster of that size (started on first use, then reused)."""
    from distributed import Client, LocalCluster

    sizing = local_sizing(n_workers, memory_limit)
    key = (sizing["n_workers"], sizing["memory_limit"]) if (n_workers or memory_limit) else "default"
    with _local_lock:
        found = _local.get(key)
        if found is not None and found.client.status == "running":
            return found
        spill = Path(
            local_directory
            or os.environ.get("ESCAPE_DASK_SPILL_DIR")
            or Path(os.environ.get("TMPDIR", "/tmp")) / "escape-dask"
        )
        spill.mkdir(parents=True, exist_ok=True)
        cluster = LocalCluster(  # type: ignore[no-untyped-call]  # distributed's constructors are unannotated
            processes=True, dashboard_address="127.0.0.1:0", host="127.0.0.1", local_directory=str(spill), **sizing
        )
        client = Client(cluster, set_as_default=False)  # type: ignore[no-untyped-call]
        found = Cluster(
            client,
            "local",
            f"local ({sizing['n_workers']} workers x {sizing['memory_limit'] / 1024**3:.1f} GiB)",
            client.dashboard_link,
            sizing["n_workers"],
            sizing["memory_limit"],
            cluster,
        )
        _local[key] = found
        return found


def gateway_auth(password: str | None = None, user: str | None = None) -> Any:
    """Basic auth (the local stack's gateway) when a password is given or set, else JupyterHub token auth."""
    from dask_gateway.auth import BasicAuth, JupyterHubAuth

    password = password or os.environ.get("ESCAPE_DASK_GATEWAY_PASSWORD")
    if password is None and os.environ.get("ESCAPE_DASK_GATEWAY_PASSWORD_FILE"):
        password = Path(os.environ["ESCAPE_DASK_GATEWAY_PASSWORD_FILE"]).read_text().strip()
    if password is not None:
        return BasicAuth(
            user or os.environ.get("ESCAPE_DASK_GATEWAY_USER") or os.environ.get("USER", "escape"), password
        )
    if os.environ.get("JUPYTERHUB_API_TOKEN"):
        return JupyterHubAuth()
    raise BadInput(
        "gateway",
        "no credentials for the Dask Gateway: set ESCAPE_DASK_GATEWAY_PASSWORD(_FILE) or run "
        "under JupyterHub (JUPYTERHUB_API_TOKEN)",
    )


def _gateway_cluster(
    url: str, *, cluster_name: str | None, n_workers: int, password: str | None, user: str | None
) -> Cluster:
    from dask_gateway import Gateway

    gateway = Gateway(url, auth=gateway_auth(password, user))
    try:
        if cluster_name:
            gc = gateway.connect(cluster_name)
        else:
            gc = gateway.new_cluster()
            gc.scale(n_workers)
    except Exception as exc:
        raise EscapeError(f"{type(exc).__name__}: {exc}", service=f"Dask Gateway {url}", status=502) from exc
    client = gc.get_client(set_as_default=False)
    if n_workers and not cluster_name:
        client.wait_for_workers(n_workers, timeout=120)
    return Cluster(client, "gateway", gc.name, gc.dashboard_link, n_workers, None, gc if not cluster_name else None)


def connect(
    address: str | None = None,
    *,
    kind: str | None = None,
    gateway: str | None = None,
    cluster_name: str | None = None,
    n_workers: int | None = None,
    memory_limit: int | None = None,
    password: str | None = None,
    user: str | None = None,
) -> Cluster:
    """A Dask cluster to run on (see the module docstring for which); ``kind="local"`` asks for the LocalCluster
    whatever the environment names. Blocking: call it off the server's loop."""
    if kind == "local":
        return local_cluster(n_workers, memory_limit)
    if kind not in (None, "address", "gateway"):
        raise BadInput("kind", f"{kind!r} is not one of local, address, gateway")
    address = address or (None if gateway else os.environ.get("ESCAPE_DASK_ADDRESS"))
    gateway = gateway or (None if address else os.environ.get("ESCAPE_DASK_GATEWAY_URL"))
    if address:
        from distributed import Client

        try:
            client = Client(address, timeout="15s", set_as_default=False)  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise EscapeError(
                f"cannot reach the scheduler: {exc}", service=f"Dask scheduler {address}", status=502
            ) from exc
        return Cluster(client, "address", address, client.dashboard_link)
    if gateway:
        return _gateway_cluster(
            gateway, cluster_name=cluster_name, n_workers=n_workers or 2, password=password, user=user
        )
    return local_cluster(n_workers, memory_limit)


def shutdown(cluster: Cluster) -> None:
    """Stop ``cluster`` for good: a local one is closed (workers and scheduler end) and forgotten, a gateway
    cluster we started is shut down by the gateway, an attached scheduler is only disconnected."""
    if cluster.kind != "local":
        cluster.close()
        return
    with _local_lock:
        for key, found in list(_local.items()):
            if found is cluster:
                del _local[key]
    cluster.client.close()  # type: ignore[no-untyped-call]
    if cluster._owner is not None:
        cluster._owner.close()


def describe_local() -> list[dict[str, Any]]:
    return [c.describe() for c in _local.values() if c.client.status == "running"]
