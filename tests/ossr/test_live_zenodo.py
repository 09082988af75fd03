"""Opt-in checks against the real Zenodo (production search and the sandbox deposit API).

Every other OSSR test uses the local Zenodo API replay. These are skipped unless ESCAPE_LIVE_TESTS=1, because this
machine and CI have no route to zenodo.org; they exist to catch drift between the replay's shapes and Zenodo's.
The sandbox publish test also needs a sandbox token in ESCAPE_ZENODO_SANDBOX_TOKEN.
"""

from __future__ import annotations

import os

import pytest

from jupyter_escape.config import PUBLIC_SOFTWARE
from jupyter_escape.ossr import records
from jupyter_escape.ossr.client import RepoSettings, ZenodoClient
from jupyter_escape.ossr.publish import publish_folder

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        os.environ.get("ESCAPE_LIVE_TESTS") != "1",
        reason="talks to zenodo.org, unreachable offline; set ESCAPE_LIVE_TESTS=1 to run",
    ),
]


async def test_live_community_search_and_record():
    settings = RepoSettings.from_config(PUBLIC_SOFTWARE, timeout=30)
    async with ZenodoClient(settings) as client:
        result = await records.search(client, types=["software"], size=5)
        assert result["total"] > 0 and result["hits"]
        view = await records.record_view(client, result["hits"][0]["id"])
        assert view["doi"] and view["versions"] and view["files"] is not None
        assert view["codemeta"]["report"] is None or "compliant" in view["codemeta"]["report"]


@pytest.mark.skipif(
    not os.environ.get("ESCAPE_ZENODO_SANDBOX_TOKEN"),
    reason="publishing to the Zenodo sandbox needs ESCAPE_ZENODO_SANDBOX_TOKEN",
)
async def test_live_sandbox_draft(tmp_path):
    (tmp_path / "README.md").write_text("# escape live test\n")
    codemeta = {
        "@context": "https://doi.org/10.5063/schema/codemeta-2.0",
        "@type": "SoftwareSourceCode",
        "name": "jupyter-escape-live-test",
        "description": "Draft made by jupyter-escape's live test",
        "license": "https://spdx.org/licenses/MIT",
        "codeRepository": "https://example.org/escape-live",
        "softwareVersion": "0.0.1",
        "readme": "https://example.org/escape-live/README.md",
        "author": [{"@type": "Person", "givenName": "Test", "familyName": "Escape"}],
    }
    repo = {**PUBLIC_SOFTWARE, "community": "", "sandbox_token_env": "ESCAPE_ZENODO_SANDBOX_TOKEN"}
    async with ZenodoClient(RepoSettings.from_config(repo, sandbox=True, timeout=60)) as client:
        result = await publish_folder(client, tmp_path, codemeta=codemeta, publish=False)
        assert result["state"] == "draft" and result["doi"]
        await client.request("DELETE", f"deposit/depositions/{result['deposit_id']}", auth=True)
