"""Service probes. Each probe answers within the check timeout, whatever the remote does."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from ..config import EscapeConfig, read_secret
from ..core.errors import EscapeError
from ..core.http import Limits, fetch, make_client
from .model import ServiceStatus

PROBE_MAX_BYTES = 1024 * 1024
# A query every RegTAP registry answers quickly; it proves the endpoint is a registry, not just any TAP service.
REGTAP_PROBE = "SELECT TOP 1 ivoid FROM rr.resource"

Probe = Callable[[], Awaitable[ServiceStatus]]


async def _timed(status: ServiceStatus, work: Callable[[], Awaitable[None]], timeout: float) -> ServiceStatus:
    start = time.perf_counter()
    try:
        await asyncio.wait_for(work(), timeout)
        status.reachable = True
    except asyncio.TimeoutError:
        status.reachable = False
        status.error = f"no answer within {timeout:g} s"
    except EscapeError as exc:
        status.reachable = exc.status not in (502, 504) or status.reachable
        status.error = exc.message
    except Exception as exc:  # a probe must report, never raise
        status.error = f"{exc.__class__.__name__}: {exc}"
    status.latency_ms = round((time.perf_counter() - start) * 1000, 1)
    return status


def _registry_probe(cfg: EscapeConfig) -> tuple[ServiceStatus, Probe]:
    url = cfg.registry_url.rstrip("/")
    status = ServiceStatus(id="registry", kind="registry", name="VO registry (RegTAP)", url=url, auth="none")
    limits = Limits(timeout=cfg.check_timeout, max_bytes=PROBE_MAX_BYTES)

    async def work() -> None:
        query = urlencode({"REQUEST": "doQuery", "LANG": "ADQL", "QUERY": REGTAP_PROBE, "MAXREC": "1"})
        response = await fetch("VO registry", "GET", f"{url}/sync?{query}", limits=limits)
        body = response.text
        if "<VOTABLE" not in body.upper():
            raise EscapeError("answered, but not with a VOTable: is this a TAP endpoint?", service="VO registry")
        if 'value="ERROR"' in body:
            raise EscapeError(
                "answered with a TAP error: is this a RegTAP registry?", service="VO registry", detail=body[:2000]
            )

    return status, lambda: _timed(status, work, cfg.check_timeout)


def _vo_service_probe(cfg: EscapeConfig, index: int, svc: dict[str, Any]) -> tuple[ServiceStatus, Probe]:
    url = str(svc.get("url", "")).rstrip("/")
    kind = svc.get("kind", "tap")
    status = ServiceStatus(id=f"vo-{index}", kind=kind, name=svc.get("name") or url, url=url, auth="none")
    limits = Limits(timeout=cfg.check_timeout, max_bytes=PROBE_MAX_BYTES)

    async def work() -> None:
        # VOSI availability where the protocol has it; otherwise any answer below 500 shows the service is up.
        target = f"{url}/availability" if kind == "tap" else url
        response = await fetch(status.name, "GET", target, limits=limits, raise_for_status=False)
        if response.status_code >= 500:
            raise EscapeError(f"HTTP {response.status_code}", service=status.name, status=502)

    return status, lambda: _timed(status, work, cfg.check_timeout)


def _rucio_probe(cfg: EscapeConfig, inst: dict[str, Any]) -> tuple[ServiceStatus, Probe]:
    base = str(inst.get("rucio_base_url", "")).rstrip("/")
    name = inst.get("name", "rucio")
    status = ServiceStatus(id=f"datalake-{name}", kind="datalake", name=inst.get("display_name") or name, url=base)
    limits = Limits(timeout=cfg.check_timeout, max_bytes=PROBE_MAX_BYTES)

    async def work() -> None:
        response = await fetch(status.name, "GET", f"{base}/ping", limits=limits)
        try:
            status.detail = f"Rucio {response.json().get('version', '?')}"
        except ValueError:
            raise EscapeError("answered /ping, but not with Rucio's JSON", service=status.name) from None
        status.reachable = True
        from ..datalake.auth import check_credentials  # the data lake owns what "authenticated" means

        status.auth, status.auth_detail, status.identity = await check_credentials(inst, timeout=cfg.check_timeout)

    return status, lambda: _timed(status, work, cfg.check_timeout)


def _software_probe(cfg: EscapeConfig) -> tuple[ServiceStatus, Probe]:
    repo = cfg.software_repository or {}
    base = str(repo.get("base_url", "")).rstrip("/")
    community = repo.get("community", "")
    status = ServiceStatus(
        id="software", kind="software", name=repo.get("display_name") or "Software repository", url=base
    )
    limits = Limits(timeout=cfg.check_timeout, max_bytes=PROBE_MAX_BYTES)

    async def work() -> None:
        query = urlencode({"communities": community, "size": 1} if community else {"size": 1})
        response = await fetch(status.name, "GET", f"{base}/records?{query}", limits=limits)
        try:
            total = response.json()["hits"]["total"]
        except (ValueError, KeyError, TypeError):
            raise EscapeError("answered, but not with Zenodo/InvenioRDM search JSON", service=status.name) from None
        total = total.get("value", total) if isinstance(total, dict) else total
        status.detail = f"{total} records in community {community}" if community else f"{total} records"
        token = read_secret(repo.get("token_file"), repo.get("token_env"))
        if token is None:
            status.auth = "none"
            status.auth_detail = "no token configured: search and download only, publishing disabled"
            return
        deposit = await fetch(
            status.name,
            "GET",
            f"{base}/deposit/depositions?size=1",
            limits=limits,
            headers={"Authorization": f"Bearer {token}"},
            raise_for_status=False,
        )
        if deposit.status_code == 200:
            status.auth, status.auth_detail = "ok", "token accepted for deposits"
        else:
            status.auth, status.auth_detail = "failed", f"token refused: HTTP {deposit.status_code}"

    return status, lambda: _timed(status, work, cfg.check_timeout)


def _all_probes(cfg: EscapeConfig) -> list[tuple[ServiceStatus, Probe]]:
    probes = [_registry_probe(cfg)]
    probes += [_vo_service_probe(cfg, i, s) for i, s in enumerate(cfg.vo_services)]
    probes += [_rucio_probe(cfg, inst) for inst in cfg.rucio_instances]
    if cfg.software_repository:
        probes.append(_software_probe(cfg))
    return probes


def service_ids(cfg: EscapeConfig) -> list[str]:
    return [status.id for status, _ in _all_probes(cfg)]


async def check_all(cfg: EscapeConfig) -> list[ServiceStatus]:
    """Every service, checked concurrently; the whole call takes about one check timeout at most."""
    return list(await asyncio.gather(*(probe() for _, probe in _all_probes(cfg))))


async def check_one(cfg: EscapeConfig, service_id: str) -> ServiceStatus:
    for status, probe in _all_probes(cfg):
        if status.id == service_id:
            return await probe()
    raise EscapeError(f"service: no configured service has id {service_id!r}", status=404)


__all__ = ["check_all", "check_one", "make_client", "service_ids"]
