"""Notebook API for Zooniverse (the Panoptes API through panoptes-client), synchronous, usable in a kernel:

    from jupyter_escape import zooniverse
    zooniverse.projects()                               # owned and collaborating
    zooniverse.workflows(21084); zooniverse.subject_sets(21084)
    zooniverse.request_export(21084); zooniverse.export_status(21084)
    item = zooniverse.export_to_basket(21084, mode="subjects")   # a basket table with ra/dec
    job = zooniverse.upload(21084, 80001, [{"item_id": "..."}], stretch="asinh")
    zooniverse.resume(job["job_id"])

Settings: the server's EscapeConfig.zooniverse (kernels see it), ``zooniverse.configure(...)`` or the variables
ESCAPE_ZOONIVERSE_URL, ESCAPE_ZOONIVERSE_USERNAME, ESCAPE_ZOONIVERSE_PASSWORD_FILE. The password stays in its file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..config import PUBLIC_ZOONIVERSE, load_kernel_config
from . import catalogue, exports
from . import upload as _upload
from .bridge import export_to_basket as _to_basket
from .client import ZooniverseSettings, session

if TYPE_CHECKING:
    from ..basket.api import Entry

T = TypeVar("T")

_overrides: dict[str, Any] = {}


def configure(
    endpoint: str | None = None,
    username: str | None = None,
    password_file: str | None = None,
    password_env: str | None = None,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Point the notebook API elsewhere (None keeps the current value). Returns the public settings."""
    for key, value in (
        ("endpoint", endpoint),
        ("username", username),
        ("password_file", password_file),
        ("password_env", password_env),
        ("timeout", timeout),
    ):
        if value is not None:
            _overrides[key] = value
    return settings().public()


def settings() -> ZooniverseSettings:
    cfg = dict(load_kernel_config()[0].zooniverse or PUBLIC_ZOONIVERSE)
    for key, env in (
        ("endpoint", "ESCAPE_ZOONIVERSE_URL"),
        ("username", "ESCAPE_ZOONIVERSE_USERNAME"),
        ("password_file", "ESCAPE_ZOONIVERSE_PASSWORD_FILE"),
    ):
        if os.environ.get(env):
            cfg[key] = os.environ[env]
    cfg.update({k: v for k, v in _overrides.items() if k != "timeout"})
    return ZooniverseSettings.from_config(cfg, timeout=float(_overrides.get("timeout", 60.0)))


def _call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    with session(settings()):
        return fn(*args, **kwargs)


def projects() -> list[dict[str, Any]]:
    return _call(catalogue.projects)


def workflows(project_id: str | int) -> list[dict[str, Any]]:
    return _call(catalogue.workflows, project_id)


def subject_sets(project_id: str | int) -> list[dict[str, Any]]:
    return _call(catalogue.subject_sets, project_id)


def subjects(subject_set_id: str | int, limit: int = 100) -> list[dict[str, Any]]:
    return _call(catalogue.subjects, subject_set_id, limit)


def create_subject_set(project_id: str | int, display_name: str) -> dict[str, Any]:
    return _call(catalogue.create_subject_set, project_id, display_name)


def export_status(project_id: str | int, kind: str = "classifications") -> dict[str, Any]:
    return _call(exports.describe, project_id, kind)


def request_export(project_id: str | int, kind: str = "classifications") -> dict[str, Any]:
    return _call(exports.request, project_id, kind)


def export_to_basket(project_id: str | int, mode: str = "classifications", title: str | None = None) -> Entry:
    """The ready classification export as a basket table; returns the basket entry (``.to_table()``)."""
    from .. import basket

    info = _to_basket(basket.basket(), settings(), project_id, mode=mode, title=title)
    entry: Entry = basket.get(info["item_id"])
    return entry


def _jobs() -> tuple[_upload.UploadJobs, Callable[[dict[str, Any]], Path]]:
    from .. import basket

    b = basket.basket()
    return _upload.UploadJobs(b.ctx.state_dir), _upload.resolver(b, b.ctx.root_dir)


def upload(
    project_id: str | int,
    subject_set_id: str | int,
    items: list[dict[str, Any]],
    *,
    stretch: str = "asinh",
    interval: str = "zscale",
    wait: bool = True,
) -> dict[str, Any]:
    """Upload basket items (``{"item_id"}``) or files (``{"path"}``) as PNG subjects; resumable by job id."""
    jobs, resolve = _jobs()
    job = _upload.new_job(project_id, subject_set_id, items, stretch=stretch, interval=interval)
    if not wait:
        return jobs.start(job, settings(), resolve)
    return _upload.progress(_upload.run(job, jobs.store, settings(), resolve, threading.Event()))


def resume(job_id: str) -> dict[str, Any]:
    """Carry on with what a cancelled or cut upload left; returns the job's progress."""
    jobs, resolve = _jobs()
    job = jobs.store.load(job_id)
    for item in job["items"]:
        if item["status"] == "failed":
            item["status"] = "pending"
    return _upload.progress(_upload.run(job, jobs.store, settings(), resolve, threading.Event()))


def upload_status(job_id: str) -> dict[str, Any]:
    return _jobs()[0].status(job_id)
