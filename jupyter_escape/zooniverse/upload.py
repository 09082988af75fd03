"""Subject-set upload: basket items (FITS cutouts from SODA, staged files) -> PNG subjects -> a project's subject set.

Each item goes through: render (FITS -> PNG with the chosen stretch), create the subject (Panoptes answers a
signed upload URL), PUT the image there, link the subject to the set. An item counts as done only once linked.
The job's state is a 0600 JSON file under ``<state_dir>/zooniverse/uploads``, written after every step, so a
cancelled or cut upload lists exactly what remains and ``resume`` carries on with those items only. A subject
created whose image never arrived is never linked (volunteers do not see it) and is listed as ``orphans``.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from ..core.errors import BadInput, EscapeError
from ..core.http import make_sync_client, read_bounded
from ..core.jobfiles import JobFiles
from .catalogue import check_panoptes_id
from .client import SERVICE, ZooniverseSettings, check_outbound, session, translate
from .images import check_rendering, fits_to_png

if TYPE_CHECKING:
    from ..basket.api import Basket

MAX_ITEMS = 1000
TERMINAL = ("done", "cancelled", "interrupted", "failed")


def new_job(
    project_id: object, subject_set_id: object, items: object, *, stretch: str = "asinh", interval: str = "zscale"
) -> dict[str, Any]:
    """A job description; ``items`` are ``{"item_id": ...}`` (basket) or ``{"path": ...}`` (below the root)."""
    check_rendering(stretch, interval)
    if not isinstance(items, list) or not items or len(items) > MAX_ITEMS:
        raise BadInput("items", f"expected 1 to {MAX_ITEMS} basket items or paths")
    entries = []
    for i, it in enumerate(items):
        if not isinstance(it, dict) or not (isinstance(it.get("item_id"), str) or isinstance(it.get("path"), str)):
            raise BadInput(f"items[{i}]", 'expected {"item_id": ...} or {"path": ...}')
        source = {"item_id": it["item_id"]} if it.get("item_id") else {"path": it["path"]}
        entries.append(
            {
                "index": i,
                "source": source,
                "label": it.get("label") or next(iter(source.values())),
                "status": "pending",
                "subject_id": None,
                "error": None,
            }
        )
    return {
        "job_id": uuid.uuid4().hex[:16],
        "project_id": check_panoptes_id(project_id, "project_id"),
        "subject_set_id": check_panoptes_id(subject_set_id, "subject_set_id"),
        "stretch": stretch,
        "interval": interval,
        "state": "pending",
        "items": entries,
        "orphans": [],
        "message": None,
    }


def progress(job: dict[str, Any]) -> dict[str, Any]:
    """What a panel shows: counts, the remaining items, the state."""
    done = sum(1 for it in job["items"] if it["status"] == "done")
    remaining = [
        {"index": it["index"], "label": it["label"], "status": it["status"], "error": it["error"]}
        for it in job["items"]
        if it["status"] != "done"
    ]
    return {
        **{
            k: job[k]
            for k in ("job_id", "project_id", "subject_set_id", "stretch", "interval", "state", "message", "orphans")
        },
        "total": len(job["items"]),
        "done": done,
        "remaining": remaining,
        "subjects": [it["subject_id"] for it in job["items"] if it["status"] == "done"],
    }


class UploadStore(JobFiles):
    """Upload job files in a private folder (0700, files 0600): ``<state_dir>/zooniverse/uploads/<job_id>.json``."""

    def __init__(self, state_dir: str | os.PathLike[str]) -> None:
        super().__init__(Path(state_dir) / "zooniverse" / "uploads", noun="upload job", service=SERVICE)


def _put(url: str, data: bytes, media_type: str, timeout: float) -> None:
    headers = {"Content-Type": media_type, "x-ms-blob-type": "BlockBlob"}
    with (
        make_sync_client(timeout) as client,
        client.stream("PUT", check_outbound(url), content=data, headers=headers) as response,
    ):
        if response.status_code >= 300:
            read_bounded(response)
            raise EscapeError(
                f"image upload refused: HTTP {response.status_code}: {response.text[:300].strip()}",
                service=SERVICE,
                status=502,
            )


def _one(job: dict[str, Any], item: dict[str, Any], path: Path, settings: ZooniverseSettings) -> None:
    """Render, create, upload, link one item (inside a signed-in session)."""
    from panoptes_client import Subject, SubjectSet
    from panoptes_client.panoptes import PanoptesObject

    png, meta = fits_to_png(path, stretch=job["stretch"], interval=job["interval"])
    subject = Subject()
    subject.links.project = job["project_id"]
    subject.locations.append("image/png")
    subject.modified_attributes.add("locations")
    subject.metadata.update({**meta, "#escape_source": json.dumps(item["source"])})
    subject.modified_attributes.add("metadata")
    # PanoptesObject.save, not Subject.save: the latter uploads in background threads whose failures it
    # swallows, and a lost image must be seen and listed.
    response = PanoptesObject.save(subject)
    item["subject_id"] = str(subject.id)
    url = response["subjects"][0]["locations"][0]["image/png"]
    try:
        _put(url, png, "image/png", settings.timeout)
    except httpx.HTTPError as exc:
        job["orphans"].append(item["subject_id"])
        raise EscapeError(
            f"image upload cut ({exc.__class__.__name__}); subject {item['subject_id']} was created "
            "without its image and is not linked",
            service=SERVICE,
            status=502,
        ) from None
    SubjectSet(job["subject_set_id"]).add(item["subject_id"])


def run(
    job: dict[str, Any],
    store: UploadStore,
    settings: ZooniverseSettings,
    resolve: Callable[[dict[str, Any]], Path],
    cancel: threading.Event,
) -> dict[str, Any]:
    """Upload every item not done yet; stops at the first transport failure (state ``interrupted``) or on cancel.
    ``resolve(source) -> Path`` turns an item's source into a local FITS file (materialising basket items)."""
    job["state"], job["message"] = "running", None
    store.save(job)
    try:
        with session(settings):
            for item in job["items"]:
                if item["status"] == "done":
                    continue
                if cancel.is_set():
                    job["state"], job["message"] = "cancelled", "cancelled: the remaining items can be resumed"
                    return job
                try:
                    _one(job, item, Path(resolve(item["source"])), settings)
                    item["status"], item["error"] = "done", None
                except EscapeError as exc:
                    item["status"], item["error"] = "failed", str(exc)
                    if exc.status >= 500 or exc.status == 401:
                        job["state"], job["message"] = "interrupted", f"stopped: {exc}"
                        return job
                except Exception as exc:
                    err = translate(exc, settings.display_name)
                    item["status"], item["error"] = "failed", str(err)
                    job["state"], job["message"] = "interrupted", f"stopped: {err}"
                    return job
                finally:
                    store.save(job)
        failed = [it for it in job["items"] if it["status"] != "done"]
        job["state"] = "failed" if failed else "done"
        job["message"] = f"{len(failed)} item(s) could not be uploaded" if failed else None
        return job
    except EscapeError as exc:
        job["state"], job["message"] = "interrupted", f"stopped: {exc}"
        return job
    finally:
        store.save(job)


class UploadJobs:
    """Running jobs of one server (a thread each) over the job files; cancel and resume by id."""

    def __init__(self, state_dir: str | os.PathLike[str]) -> None:
        self.store = UploadStore(state_dir)
        self._running: dict[str, tuple[threading.Thread, threading.Event]] = {}
        self._lock = threading.Lock()

    def start(
        self, job: dict[str, Any], settings: ZooniverseSettings, resolve: Callable[[dict[str, Any]], Path]
    ) -> dict[str, Any]:
        with self._lock:
            previous = self._running.get(job["job_id"])
            if previous and previous[0].is_alive() and job["state"] in TERMINAL:
                previous[0].join(5)  # it has written its last state and is returning: not a second runner
            if previous and previous[0].is_alive():
                raise EscapeError(f"upload job {job['job_id']} is already running", service=SERVICE, status=409)
            cancel = threading.Event()
            job["state"] = "running"
            self.store.save(job)
            thread = threading.Thread(
                target=run,
                args=(job, self.store, settings, resolve, cancel),
                name=f"zooniverse-upload-{job['job_id']}",
                daemon=True,
            )
            self._running[job["job_id"]] = (thread, cancel)
            thread.start()
        return progress(job)

    def resume(
        self, job_id: str, settings: ZooniverseSettings, resolve: Callable[[dict[str, Any]], Path]
    ) -> dict[str, Any]:
        job = self.store.load(job_id)
        if job["state"] == "done":
            return progress(job)
        for item in job["items"]:
            if item["status"] == "failed":
                item["status"] = "pending"
        return self.start(job, settings, resolve)

    def cancel(self, job_id: str) -> dict[str, Any]:
        with self._lock:
            running = self._running.get(job_id)
        if running:
            running[1].set()
        return self.status(job_id)

    def status(self, job_id: str) -> dict[str, Any]:
        return progress(self.store.load(job_id))

    def wait(self, job_id: str, timeout: float | None = None) -> dict[str, Any]:
        running = self._running.get(job_id)
        if running:
            running[0].join(timeout)
        return self.status(job_id)


def resolver(basket: Basket, root_dir: str | os.PathLike[str]) -> Callable[[dict[str, Any]], Path]:
    """``resolve(source)`` for jobs: a basket item's first FITS file (materialised: a SODA cutout is fetched), or a
    path confined to the server root."""
    from ..core.paths import confine

    def resolve(source: dict[str, Any]) -> Path:
        if source.get("item_id"):
            paths = basket.paths(source["item_id"])[0]
            fits_paths = [p for p in paths if str(p).lower().endswith((".fits", ".fit", ".fts", ".fits.gz"))]
            if not fits_paths and paths:
                fits_paths = paths  # a cutout service's file may have no FITS suffix; fits_to_png checks it
            if not fits_paths:
                raise EscapeError(f"basket item {source['item_id']} has no file to render", status=400)
            return Path(fits_paths[0])
        return Path(confine(root_dir, source["path"]))

    return resolve
