"""Listings through panoptes-client against the Panoptes API replay (not Zooniverse), from the domain code and
through the server routes."""

from __future__ import annotations

import pytest
from tornado.httpclient import HTTPClientError

from .conftest import COLLABORATED, LOCKMAN_SET, OWNED


def test_projects_workflows_sets_subjects_from_the_domain(settings):
    from jupyter_escape.zooniverse import catalogue
    from jupyter_escape.zooniverse.client import session

    with session(settings):
        projects = {p["id"]: p for p in catalogue.projects()}
        assert projects[OWNED]["role"] == "owner" and projects[COLLABORATED]["role"] == "collaborator"
        assert projects[OWNED]["display_name"] == "ESCAPE Radio Galaxy Zoo: LOFAR"
        wf = catalogue.workflows(OWNED)
        assert [t["task"] for t in wf[0]["tasks"]] == ["T0", "T1"]
        assert wf[0]["tasks"][0]["answers"] == ["FRI", "FRII", "compact", "other"]
        sets = {s["id"]: s for s in catalogue.subject_sets(OWNED)}
        assert sets[LOCKMAN_SET]["subjects_count"] == 10
        subjects = catalogue.subjects(LOCKMAN_SET)
        assert len(subjects) == 10 and all("ra" in s["metadata"] for s in subjects)
        assert subjects[0]["locations"][0]["image/png"].startswith(settings.endpoint)


async def test_routes_list_the_same(fetch_json):
    projects = (await fetch_json("zooniverse", "projects"))["projects"]
    assert [p["id"] for p in projects] == [OWNED, COLLABORATED]
    workflows = (await fetch_json("zooniverse", "projects", OWNED, "workflows"))["workflows"]
    assert workflows[0]["display_name"] == "Radio morphology"
    sets = (await fetch_json("zooniverse", "projects", COLLABORATED, "subject-sets"))["subject_sets"]
    assert [s["display_name"] for s in sets] == ["HDF-N stamps"]
    subjects = (await fetch_json("zooniverse", "subject-sets", "80003", "subjects"))["subjects"]
    assert len(subjects) == 3
    # An empty integer argument is the default, a bad one a 400 naming it (the fuzz run found a 500 here).
    empty = await fetch_json("zooniverse", "subject-sets", "80003", "subjects", params={"limit": ""})
    assert len(empty["subjects"]) == 3
    with pytest.raises(HTTPClientError) as bad:
        await fetch_json("zooniverse", "subject-sets", "80003", "subjects", params={"limit": "many"})
    assert bad.value.code == 400 and b"limit" in bad.value.response.body
    created = await fetch_json(
        "zooniverse", "projects", OWNED, "subject-sets", method="POST", body={"display_name": "ESCAPE cutouts"}
    )
    assert created["display_name"] == "ESCAPE cutouts"


async def test_config_shows_no_secret(fetch_json, password_file):
    cfg = await fetch_json("zooniverse", "config")
    assert cfg["signed_in"] and cfg["username"] == "escape-scientist" and cfg["replay"]
    text = str(cfg)
    assert "replay-password" not in text and str(password_file) not in text and "password" not in cfg


async def test_snippets_for_each_action(fetch_json):
    for action in (
        "projects",
        "workflows",
        "subject_sets",
        "export_status",
        "request_export",
        "export_to_basket",
        "upload",
        "resume",
    ):
        out = (
            await fetch_json(
                "zooniverse", "snippets", params={"action": action, "project_id": OWNED, "subject_set_id": LOCKMAN_SET}
            )
        )["snippets"]
        code = out[0]["code"]
        compile(code, action, "exec")
        compile(out[1]["code"], action, "exec")
        assert "from jupyter_escape import zooniverse" in code and "replay-password" not in code
