"""Reachability and authentication checks of every configured service, run concurrently with timeouts."""

from .model import ServiceStatus
from .probes import check_all, check_one, service_ids

__all__ = ["ServiceStatus", "check_all", "check_one", "service_ids"]
