"""Classification and subject exports of a project: their state, a new request, the CSV once ready.

Panoptes makes an export asynchronously: a request creates it, its state moves on (requested, creating, ready),
and only a ready export has a download URL (a signed storage URL: a credential in itself, so it never leaves the
server). Blocking: call inside ``client.session`` from a worker thread. The export file itself comes through the
project's HTTP layer (core/http.py), not panoptes-client's session.
"""

from __future__ import annotations

from typing import Any

import httpx

from ..core.errors import EscapeError, RemoteError
from ..core.http import make_sync_client, read_bounded
from ..core.load import BUDGET
from .catalogue import check_panoptes_id
from .client import SERVICE, ZooniverseSettings, check_outbound, panoptes_errors

KINDS = ("classifications", "subjects")


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        from ..core.errors import BadInput

        raise BadInput("kind", f"must be one of {', '.join(KINDS)}, got {kind!r}")
    return kind


def _project(project_id: object) -> Any:  # a panoptes_client Project (untyped)
    from panoptes_client import Project

    return Project(check_panoptes_id(project_id, "project_id"))


def _summary(project_id: str, kind: str, described: dict[str, Any] | None) -> dict[str, Any]:
    media = ((described or {}).get("media") or [None])[0]
    if not media:
        return {"project_id": project_id, "kind": kind, "state": "none", "ready": False}
    state = (media.get("metadata") or {}).get("state") or "unknown"
    ready = state in ("ready", "finished") and bool(media.get("src"))
    return {
        "project_id": project_id,
        "kind": kind,
        "state": state,
        "ready": ready,
        "export_id": str(media.get("id")),
        "requested_at": media.get("created_at"),
        "updated_at": media.get("updated_at"),
    }


def describe(project_id: object, kind: str = "classifications") -> dict[str, Any]:
    """The export's state: ``none`` when the project has never had one (not an error: a request starts one)."""
    _check_kind(kind)
    project = _project(project_id)
    try:
        with panoptes_errors():
            return _summary(str(project.id), kind, project.describe_export(kind))
    except RemoteError as err:
        if err.status == 404:
            return {
                "project_id": str(project.id),
                "kind": kind,
                "state": "none",
                "ready": False,
                "message": err.message,
            }
        raise


def request(project_id: object, kind: str = "classifications") -> dict[str, Any]:
    _check_kind(kind)
    project = _project(project_id)
    with panoptes_errors():
        return _summary(str(project.id), kind, project.generate_export(kind))


def download(
    settings: ZooniverseSettings, project_id: object, kind: str = "classifications"
) -> tuple[bytes, dict[str, Any]]:
    """(CSV bytes, export summary) of a ready export; a clear error when there is none or it is not ready yet."""
    _check_kind(kind)
    project = _project(project_id)
    try:
        with panoptes_errors():
            described = project.describe_export(kind)
    except RemoteError as err:
        if err.status != 404:
            raise
        described = None
    summary = _summary(str(project.id), kind, described)
    if summary["state"] == "none":
        raise EscapeError(
            f"project {project.id} has no {kind} export yet: request one first", service=SERVICE, status=404
        )
    if not summary["ready"]:
        raise EscapeError(
            f"the {kind} export of project {project.id} is still being generated (state: "
            f"{summary['state']}); try again when it is ready",
            service=SERVICE,
            status=409,
        )
    src = described["media"][0]["src"]
    return _bounded_get(src, settings), summary


def _bounded_get(url: str, settings: ZooniverseSettings) -> bytes:
    """The export file, at most ``max_bytes``, within the timeout: a partial file is an error, never data."""
    try:
        with (
            make_sync_client(settings.timeout) as client,
            client.stream("GET", check_outbound(url)) as response,
            BUDGET.hold(SERVICE) as held,
        ):
            if response.status_code != 200:
                read_bounded(response)
                raise RemoteError(
                    SERVICE, f"export download: HTTP {response.status_code}: {response.text[:500].strip()}"
                )
            chunks, size = [], 0
            for chunk in response.iter_bytes(64 * 1024):
                size += len(chunk)
                held.add(len(chunk))
                if size > settings.max_bytes:
                    raise RemoteError(
                        SERVICE,
                        f"export larger than {settings.max_bytes} bytes (EscapeConfig.max_response_bytes)",
                        status=413,
                    )
                chunks.append(chunk)
            expected = response.headers.get("Content-Length")
            data = b"".join(chunks)
            if expected and int(expected) != len(data):
                raise RemoteError(SERVICE, f"export download cut short ({len(data)} of {expected} bytes)")
            return data
    except httpx.HTTPError as exc:
        raise RemoteError(SERVICE, f"export download failed: {exc.__class__.__name__}") from None
