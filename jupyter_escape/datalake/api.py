"""The data lake from any notebook kernel: ``from jupyter_escape import datalake``.

    paths = datalake.get("escape_demo:lofar_L123456_m51")          # stage if needed, list local paths
    hits = datalake.search("escape_demo", "*", filters={"telescope": "LOFAR", "frequency_mhz>": 145})
    sky = datalake.coverage("escape_demo:lotss_m51")   # its MOC, for vo.search_registry(moc=sky["moc"])
    job = datalake.upload("results/m51_spectral_index.fits", rse="ESCAPE_POSIX", scope="user.jdoe",
                          dataset="user.jdoe:m51_results", metadata={"telescope": "LOFAR+HST"})

It reads the same configuration as the server (the file the running server hands its kernels, see
``config.load_kernel_config``) and shares the server's state folder, so files the panel staged are found here and vice versa.
Environment overrides for kernels started elsewhere: ``JUPYTER_ESCAPE_RUCIO_INSTANCES`` (JSON list),
``JUPYTER_ESCAPE_ROOT_DIR``, ``JUPYTER_ESCAPE_STATE_DIR``, ``JUPYTER_ESCAPE_WORKSPACE_DIR``.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from ..core.errors import EscapeError
from . import browse
from .dids import did_str, parse_did
from .service import Datalake

_lock = threading.Lock()
_lake: Datalake | None = None


def configure(
    *,
    instances: list[dict[str, Any]] | None = None,
    root_dir: str | None = None,
    state_dir: str | None = None,
    workspace_dir: str | None = None,
) -> Datalake:
    """Set up (or replace) the data lake this kernel uses; every argument defaults to the Jupyter server's
    configuration (config.load_kernel_config: what the running server handed its kernels)."""
    global _lake
    from ..config import load_kernel_config

    escape, folders = load_kernel_config()
    env_instances = os.environ.get("JUPYTER_ESCAPE_RUCIO_INSTANCES")
    if instances is None and env_instances:
        instances = json.loads(env_instances)
    root = root_dir or os.environ.get("JUPYTER_ESCAPE_ROOT_DIR") or folders["root_dir"]
    state_dir = state_dir or os.environ.get("JUPYTER_ESCAPE_STATE_DIR") or folders["state_dir"]
    with _lock:
        if _lake is not None:
            _lake.close()
        _lake = Datalake(
            list(instances if instances is not None else escape.rucio_instances),
            state_dir=state_dir,
            root_dir=os.path.abspath(os.path.expanduser(root)),
            workspace_dir=workspace_dir or os.environ.get("JUPYTER_ESCAPE_WORKSPACE_DIR") or escape.workspace_dir,
        )
    return _lake


def lake() -> Datalake:
    with _lock:
        current = _lake
    return current or configure()


def get(did: str, instance: str | None = None, *, mode: str | None = None, timeout: float | None = None) -> list[Path]:
    """Local paths of the DID's files, staging it first when needed (download, or replica mode when the instance
    has a destination_rse and mode is not given)."""
    dl = lake()
    scope, name = parse_did(did)
    inst = dl.instance(instance)
    done = dl.stager.find_done(inst.name, did_str(scope, name))
    if done is not None:
        return [Path(f["path"]) for f in done["files"]]
    mode = mode or ("replica" if inst.get("destination_rse") and inst.get("mode") == "replica" else "download")
    job = dl.stager.stage(inst.name, did_str(scope, name), mode)
    job = dl.stager.wait(job["id"], timeout)
    if job["state"] != "done":
        raise EscapeError(
            f"staging {did} did not finish: {job['state']}: {job.get('error') or ''}".strip(),
            service=inst.service,
            status=502,
        )
    return [Path(f["path"]) for f in job["files"]]


def _filters(filters: Any) -> list[dict[str, Any]]:
    """{'telescope': 'LOFAR', 'ra>=': 200} or [(key, op, value)] or [{'key','op','value'}] -> [{key, op, value}]."""
    if not filters:
        return []
    if isinstance(filters, dict):
        out = []
        for key, value in filters.items():
            op = "="
            for candidate in (">=", "<=", "!=", ">", "<", "="):
                if key.endswith(candidate):
                    key, op = key[: -len(candidate)], candidate
                    break
            out.append({"key": key, "op": op, "value": value})
        return out
    return [f if isinstance(f, dict) else {"key": f[0], "op": f[1], "value": f[2]} for f in filters]


def search(
    scope: str,
    pattern: str = "*",
    *,
    type: str = "all",
    filters: Any = None,
    instance: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """DIDs in ``scope`` matching a name wildcard, a type and metadata filters (one page)."""
    s = lake().session(instance)
    return browse.search(  # type: ignore[no-any-return]  # the session's results are the JSON the panel gets
        s, scope, pattern=pattern, did_type=type, filters=_filters(filters), offset=offset, limit=limit
    )["items"]


def details(did: str, instance: str | None = None) -> dict[str, Any]:
    """Metadata, size, checksums, replicas per RSE and rules of one DID."""
    scope, name = parse_did(did)
    return browse.details(lake().session(instance), scope, name)


def coverage(
    did: str, instance: str | None = None, *, prefer: str = "auto", radius: float | None = None
) -> dict[str, Any]:
    """The DID's sky coverage: ``moc`` (ASCII MOC), ``area_deg2``, a bounding ``cone`` and ``basis`` (what it was
    built from: the footprints of its staged FITS files, else the ra/dec metadata of the DID or its children)."""
    from . import vo_coverage as cov

    dl = lake()
    scope, name = parse_did(did)
    inst = dl.instance(instance)
    done = dl.stager.find_done(inst.name, did_str(scope, name))
    paths = [f["path"] for f in done["files"]] if done else []
    return cov.sky_coverage(
        dl.session(inst.name),
        scope,
        name,
        local_paths=paths,
        prefer=prefer,
        default_radius=radius or cov.DEFAULT_RADIUS_DEG,
    ).to_json()


def upload(
    path: str | os.PathLike[str],
    rse: str,
    scope: str,
    *,
    name: str | None = None,
    dataset: str | None = None,
    metadata: dict[str, Any] | None = None,
    lifetime: int | None = None,
    instance: str | None = None,
    wait: bool = True,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Upload a file (under the server root) to ``rse`` as ``scope:name``; returns the job (with checksums)."""
    dl = lake()
    p = Path(path)
    rel = os.path.relpath(p.resolve(), dl.root_dir) if p.is_absolute() else str(p)
    job = dl.uploader.upload(
        instance, rel, rse, scope, name=name, dataset=dataset, metadata=metadata, lifetime=lifetime
    )
    if not wait:
        return job
    job = dl.uploader.wait(job["id"], timeout)
    if job["state"] != "done":
        raise EscapeError(f"upload of {path} failed: {job.get('error')}", status=502)
    return job
