"""Writing a basket table, TAP result or data-lake catalogue as HATS from the panel, as a job: its stages as
progress, and cancel. The job has its own Dask client on the panel's cluster, so cancelling closes that client:
the tasks it started stop and ``write_hats`` removes its work folder; the catalogue is moved into place only once
complete, so a cancelled or failed job leaves nothing behind.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from ..core.errors import EscapeError

if TYPE_CHECKING:
    from distributed import Client

    from ..basket.api import Basket
    from .cluster import Cluster

SERVICE = "hats"
STAGES = (
    "reading the input",
    "partitioning and writing on the cluster",
    "moving the complete catalogue into place",
    "adding to the basket",
)


class HatsRun:
    def __init__(self, basket: Basket, cluster: Cluster, ref: Any, name: str) -> None:
        self.basket, self.cluster, self.ref, self.name = basket, cluster, ref, name
        desc = cluster.describe()
        self.cluster_name, self.dashboard_link = desc["name"], desc["dashboard_link"]
        self.stage = STAGES[0]
        self.cancelled = False
        self.started = time.perf_counter()
        self._client: Client | None = None

    def progress(self) -> dict[str, Any]:
        return {
            "done": STAGES.index(self.stage),
            "total": len(STAGES),
            "stage": self.stage,
            "stages": list(STAGES),
            "errors": 0,
            "cancelled": self.cancelled,
            "elapsed_s": round(time.perf_counter() - self.started, 2),
            "dashboard_link": self.dashboard_link,
            "cluster": self.cluster_name,
        }

    def _set_stage(self, name: str) -> None:
        if self.cancelled:
            raise EscapeError("cancelled", service=SERVICE, status=409)
        self.stage = name

    def cancel(self) -> None:
        self.cancelled = True
        client = self._client
        if client is not None:
            client.close()  # type: ignore[no-untyped-call]  # its tasks are released: the pipeline fails fast, its work folder is removed

    def result(self) -> dict[str, Any]:
        from distributed import Client

        from .basket_ops import materialise_hats

        main = self.cluster.client
        scheduler = main.scheduler
        if scheduler is None:  # a closed client
            raise EscapeError(f"the cluster {self.cluster_name} is not connected", service=SERVICE, status=409)
        # a client of its own on the same scheduler (TLS settings too, for a gateway): closing it cancels this job
        client = Client(  # type: ignore[no-untyped-call]  # distributed's constructor is unannotated
            scheduler.address, security=main.security, timeout=15, set_as_default=False
        )
        self._client = client
        try:
            if self.cancelled:
                raise EscapeError("cancelled", service=SERVICE, status=409)
            item, info = materialise_hats(
                self.basket,
                self.ref,
                self.name,
                client,
                cluster_name=self.cluster_name,
                stage=self._set_stage,
                cancelled=lambda: self.cancelled,
            )
        finally:
            client.close()  # type: ignore[no-untyped-call]
        self.stage = STAGES[-1]
        return {
            "item": item.to_json() if hasattr(item, "to_json") else {"id": item.id},
            "rows": info["rows"],
            "partitions": info["partitions"],
            "path": info["path"],
            "build_s": info["build_s"],
            "method": info["method"],
            "cluster": self.cluster_name,
            "provenance": info["provenance"],
        }
