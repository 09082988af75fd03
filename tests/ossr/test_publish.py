"""Publishing a workspace folder: codemeta generation, validation, deposit to draft and to published, the sandbox
switch, and an upload failing mid-way. Against the Zenodo API replay (not Zenodo; see tests/ossr/conftest.py)."""

from __future__ import annotations

import hashlib
import json
import zipfile

import eossr

from .conftest import error_of


async def test_generate_codemeta_from_folder(fetch_json, project):
    body = await fetch_json("ossr", "codemeta", "generate", method="POST", body={"path": "work/skyfit"})
    cm = body["codemeta"]
    assert cm["name"] == "skyfit" and cm["softwareVersion"] == "0.3.1"
    assert cm["license"] == "https://spdx.org/licenses/MIT" and body["sources"]["license"] == "LICENSE"
    assert cm["author"][0] == {
        "@type": "Person",
        "givenName": "Ada",
        "familyName": "Lovelace",
        "email": "ada@example.org",
    }
    assert cm["author"][1]["familyName"] == "Hopper" and cm["author"][1]["givenName"] == "Grace"
    assert cm["readme"] == "https://github.com/escape-demo/skyfit/blob/HEAD/README.md"
    assert cm["softwareRequirements"] == ["numpy>=1.24", "astropy"]
    assert body["report"]["compliant"], [r for r in body["report"]["rules"] if r["level"] == "error"]


async def test_validate_route(fetch_json, project):
    report = await fetch_json(
        "ossr",
        "codemeta",
        "validate",
        method="POST",
        body={
            "codemeta": {
                "@context": "https://doi.org/10.5063/schema/codemeta-2.0",
                "@type": "SoftwareSourceCode",
                "name": "x",
            }
        },
    )
    assert not report["compliant"] and report["errors"] == 7
    # The OSSR's required terms are eossr's (its crosswalk): all of them but name are missing, and eossr is named as
    # the source of each. (The hand-written list this replaced had codeRepository instead of datePublished and
    # maintainer, so the same document had 6 errors.)
    required = ("description", "license", "softwareVersion", "author", "readme", "datePublished", "maintainer")
    errors = {r["rule"]: r["source"] for r in report["rules"] if r["level"] == "error"}
    assert errors == {f"required.{term}": f"eossr {eossr.__version__}" for term in required}
    (project / "codemeta.json").write_text("{broken")
    report = await fetch_json("ossr", "codemeta", "validate", method="POST", body={"path": "work/skyfit"})
    assert report["rules"][0]["rule"] == "json.parse" and report["codemeta"] is None


async def test_publish_to_draft(fetch_json, project, zenodo):
    body = await fetch_json("ossr", "publish", method="POST", body={"path": "work/skyfit"})
    assert body["state"] == "draft" and body["doi_reserved"] and body["sandbox"] is False
    assert [u["key"] for u in body["uploaded"]] == ["codemeta.json", "skyfit-0.3.1.zip"]
    [dep] = zenodo.deposits()
    assert dep["id"] == body["deposit_id"] and dep["submitted"] is False
    assert dep["metadata"]["title"].startswith("skyfit") and dep["metadata"]["license"] == "mit"
    assert dep["metadata"]["communities"] == [{"identifier": "escape2020"}]
    assert {f["filename"]: f["checksum"] for f in dep["files"]} == {u["key"]: u["md5"] for u in body["uploaded"]}
    blob = zenodo.state.blobs[(dep["id"], "skyfit-0.3.1.zip")]
    import io

    names = zipfile.ZipFile(io.BytesIO(blob)).namelist()
    assert "skyfit-0.3.1/skyfit/__init__.py" in names and not any(".git" in n for n in names)


async def test_publish_and_find_the_record(fetch_json, project, zenodo):
    body = await fetch_json("ossr", "publish", method="POST", body={"path": "work/skyfit", "publish": True})
    assert body["state"] == "published" and body["doi"] == f"10.5281/zenodo.{body['deposit_id']}"
    rec = await fetch_json("ossr", "records", str(body["deposit_id"]))
    assert rec["version"] == "0.3.1" and rec["codemeta"]["report"]["compliant"]
    assert rec["authors"][0]["name"] == "Lovelace, Ada"
    hits = await fetch_json("ossr", "search", params={"q": "skyfit"})
    assert [h["id"] for h in hits["hits"]] == [body["deposit_id"]]


async def test_noncompliant_codemeta_is_refused_before_any_deposit(fetch_json, project, zenodo):
    status, err = await error_of(
        fetch_json(
            "ossr",
            "publish",
            method="POST",
            body={
                "path": "work/skyfit",
                "codemeta": {
                    "@context": "https://doi.org/10.5063/schema/codemeta-2.0",
                    "@type": "SoftwareSourceCode",
                    "name": "skyfit",
                    "version": "1",
                },
            },
        )
    )
    assert status == 400 and "required term license is missing" in err["error"]
    assert zenodo.deposits() == []


async def test_upload_failing_midway_stays_draft_and_resumes(fetch_json, project, zenodo):
    zenodo.fault("drop", path="/api/files", skip=1)  # codemeta.json goes through, the zip upload is cut
    status, err = await error_of(
        fetch_json("ossr", "publish", method="POST", body={"path": "work/skyfit", "publish": True})
    )
    assert status == 502 and err["state"] == "draft"
    assert [u["key"] for u in err["uploaded"]] == ["codemeta.json"] and err["remaining"] == ["skyfit-0.3.1.zip"]
    assert "skyfit-0.3.1.zip" in err["error"] and "stays a draft" in err["error"]
    [dep] = zenodo.deposits()
    assert dep["submitted"] is False and [f["filename"] for f in dep["files"]] == ["codemeta.json"]
    done = await fetch_json(
        "ossr", "publish", method="POST", body={"path": "work/skyfit", "publish": True, "deposit_id": err["deposit_id"]}
    )
    assert done["state"] == "published" and done["deposit_id"] == err["deposit_id"]
    assert [u["status"] for u in done["uploaded"]] == ["already uploaded", "uploaded"]


async def test_sandbox_switch(fetch_json, project, zenodo, zenodo_sandbox):
    body = await fetch_json("ossr", "publish", method="POST", body={"path": "work/skyfit", "sandbox": True})
    assert body["sandbox"] is True
    assert [d["id"] for d in zenodo_sandbox.deposits()] == [body["deposit_id"]]
    assert zenodo.deposits() == []


async def test_publish_without_token(fetch_json, project, escape_config, jp_serverapp):
    jp_serverapp.web_app.settings["escape"].config.software_repository = {
        k: v for k, v in escape_config["software_repository"].items() if k != "token_file"
    }
    status, err = await error_of(fetch_json("ossr", "publish", method="POST", body={"path": "work/skyfit"}))
    assert status == 401 and "token" in err["error"]
    config = await fetch_json("ossr", "config")
    assert config["can_publish"] is False and "token_file" not in json.dumps(config)


async def test_config_never_shows_the_token(fetch_json, token_file):
    config = await fetch_json("ossr", "config")
    assert config["can_publish"] is True and config["sandbox_available"] is True
    assert token_file.read_text().strip() not in json.dumps(config) and "token_file" not in config


async def test_publish_honours_rate_limit(fetch_json, project, zenodo):
    zenodo.fault("429", path="/api/deposit/depositions", retry_after=1)
    body = await fetch_json("ossr", "publish", method="POST", body={"path": "work/skyfit"})
    assert body["state"] == "draft"
    assert body["rate_limited"] and body["rate_limited"][0]["retry_after"] == 1


def test_md5_helper_matches_hashlib(tmp_path):
    from jupyter_escape.ossr.publish import _md5

    path = tmp_path / "f.bin"
    path.write_bytes(b"x" * 3_000_000)
    assert _md5(path) == hashlib.md5(b"x" * 3_000_000).hexdigest()


def _git_in(folder, *args, env=None):
    import subprocess

    subprocess.run(
        ["git", "-C", str(folder), *args],
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@x",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@x",
            "GIT_AUTHOR_DATE": "2001-02-03T04:05:06",
            "GIT_COMMITTER_DATE": "2001-02-03T04:05:06",
            "PATH": "/usr/bin:/bin",
            **(env or {}),
        },
    )


def test_a_folder_inside_another_repository_takes_nothing_from_its_history(tmp_path):
    """The demo workspace lies inside jupyter-escape's clone: its proposal must not carry the clone's creation date,
    remote or tag (it did: dateCreated came from the enclosing project's first commit)."""
    from jupyter_escape.ossr.publish import generate_codemeta

    outer = tmp_path / "outer"
    inner = outer / "analysis"
    inner.mkdir(parents=True)
    (inner / "README.md").write_text("# analysis\n\nA radio/optical cross-match.\n")
    _git_in(outer, "init", "-q")
    _git_in(outer, "remote", "add", "origin", "git@github.com:someone/unrelated.git")
    _git_in(outer, "add", "-A")
    _git_in(outer, "commit", "-qm", "first")
    _git_in(outer, "tag", "v9.9.9")
    cm = generate_codemeta(inner)
    assert "dateCreated" not in cm["codemeta"], cm["sources"]
    assert "codeRepository" not in cm["codemeta"] and cm["codemeta"].get("softwareVersion") != "v9.9.9"
    # The enclosing repository itself still gets its own history.
    top = generate_codemeta(outer)["codemeta"]
    assert top["dateCreated"] == "2001-02-03" and top["softwareVersion"] == "v9.9.9"
    assert top["codeRepository"] == "https://github.com/someone/unrelated"
