"""Listings through panoptes-client: the user's projects (owned or collaborating), their workflows, subject sets
and subjects, as small JSON-ready dicts. Blocking: call from a worker thread inside ``client.session``."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any

from ..core.errors import BadInput

MAX_SUBJECTS = 500
ROLES = ("owner", "collaborator")


def check_panoptes_id(value: object, what: str) -> str:
    """Panoptes ids are decimal numbers (sent as strings); anything else is refused before a request."""
    text = str(value).strip()
    if not text.isdigit() or len(text) > 18:
        raise BadInput(what, f"expected a Panoptes id (digits), got {value!r}")
    return text


def _links(obj: Any, name: str) -> list[str]:
    value = (obj.raw.get("links") or {}).get(name)
    if value is None:
        return []
    return (
        [str(v) for v in value]
        if isinstance(value, list)
        else [str(value.get("id") if isinstance(value, dict) else value)]
    )


def projects(roles: Iterable[str] = ROLES) -> list[dict[str, Any]]:
    from panoptes_client import Project

    out: list[dict[str, Any]] = []
    for role in roles:  # one query per role, so each project says how the user is related to it
        for p in Project.where(current_user_roles=role):
            if any(x["id"] == str(p.id) for x in out):
                continue
            raw = p.raw
            out.append(
                {
                    "id": str(p.id),
                    "slug": raw.get("slug"),
                    "display_name": raw.get("display_name"),
                    "description": raw.get("description") or "",
                    "role": role,
                    "live": bool(raw.get("live")),
                    "classifications_count": raw.get("classifications_count"),
                    "subjects_count": raw.get("subjects_count"),
                    "workflows": _links(p, "workflows"),
                    "subject_sets": _links(p, "subject_sets"),
                }
            )
    return out


def workflows(project_id: object) -> list[dict[str, Any]]:
    from panoptes_client import Workflow

    pid = check_panoptes_id(project_id, "project_id")
    return [
        {
            "id": str(w.id),
            "display_name": w.raw.get("display_name"),
            "version": w.raw.get("version"),
            "active": w.raw.get("active"),
            "classifications_count": w.raw.get("classifications_count"),
            "subjects_count": w.raw.get("subjects_count"),
            "tasks": task_summaries(w.raw.get("tasks") or {}),
            "subject_sets": _links(w, "subject_sets"),
        }
        for w in Workflow.where(project_id=pid)
    ]


def task_summaries(tasks: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "task": key,
            "type": t.get("type"),
            "question": t.get("question") or t.get("instruction") or "",
            "answers": [a.get("label") for a in t.get("answers") or []],
        }
        for key, t in tasks.items()
    ]


def subject_sets(project_id: object) -> list[dict[str, Any]]:
    from panoptes_client import SubjectSet

    pid = check_panoptes_id(project_id, "project_id")
    return [
        {
            "id": str(s.id),
            "display_name": s.raw.get("display_name"),
            "subjects_count": s.raw.get("set_member_subjects_count"),
            "workflows": _links(s, "workflows"),
        }
        for s in SubjectSet.where(project_id=pid)
    ]


def subjects(subject_set_id: object, limit: int = 100) -> list[dict[str, Any]]:
    from panoptes_client import Subject

    sid = check_panoptes_id(subject_set_id, "subject_set_id")
    limit = max(1, min(int(limit), MAX_SUBJECTS))
    return [
        {"id": str(s.id), "metadata": s.raw.get("metadata") or {}, "locations": s.raw.get("locations") or []}
        for s in islice(Subject.where(subject_set_id=sid), limit)
    ]


def create_subject_set(project_id: object, display_name: str) -> dict[str, Any]:
    from panoptes_client import Project, SubjectSet

    pid = check_panoptes_id(project_id, "project_id")
    if not isinstance(display_name, str) or not display_name.strip() or len(display_name) > 200:
        raise BadInput("display_name", "expected a name of 1 to 200 characters")
    s = SubjectSet()
    s.links.project = Project(pid)
    s.display_name = display_name.strip()
    s.save()
    return {"id": str(s.id), "display_name": s.raw.get("display_name"), "subjects_count": 0, "workflows": []}
