"""Publishing to the OSSR while the repository goes away mid-upload: the answer names the deposition, what was
uploaded and what remains; the deposition stays a draft (nothing published); resuming with its id uploads only
what is missing, and the repository then holds every file with the right md5.

Faults are injected by a TCP proxy in front of the REAL Zenodo API replay of the stack (tests/faults/proxy.py); the
replay keeps running for the other sessions. Publishing is one request, not a job: there is no job list to go
stale, so the truth has to be in that request's answer. Drafts only: nothing is published on the shared replay.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
from _stack import stack_value

from jupyter_escape.ossr.client import RepoSettings, ZenodoClient
from jupyter_escape.ossr.publish import PublishIncomplete, publish_folder

from .proxy import FaultProxy
from .test_upload_faults import MB, make_file, wait_until

pytestmark = pytest.mark.stack

CODEMETA = {
    "@context": "https://w3id.org/codemeta/3.0",
    "@type": "SoftwareSourceCode",
    "name": "faultpipe",
    "description": "A pipeline used to test publishing under faults.",
    "version": "0.1.0",
    "softwareVersion": "0.1.0",
    "readme": "https://example.org/faultpipe/README.md",
    "license": "https://spdx.org/licenses/MIT",
    "author": [{"@type": "Person", "givenName": "Ada", "familyName": "Lovelace"}],
    # eossr's crosswalk requires a maintainer and a publication date (issue 17 item 4)
    "maintainer": {"@type": "Person", "givenName": "Ada", "familyName": "Lovelace"},
    "datePublished": "2024-05-01",
    "keywords": ["test"],
    "codeRepository": "https://example.org/faultpipe",
}


@pytest.fixture
def replay(tmp_path):
    url = stack_value("ESCAPE_ZENODO_URL", "http://127.0.0.1:8092/api")
    proxy = FaultProxy(urlparse(url).port)
    token = tmp_path / "token"
    token.write_text(stack_value("ESCAPE_ZENODO_REPLAY_TOKEN", "replay-token") + "\n")
    settings = {
        "name": "ossr",
        "display_name": "OSSR replay",
        "community": "escape2020",
        "token_file": str(token),
        "base_url": url.replace(urlparse(url).netloc, proxy.address, 1),
    }
    yield proxy, settings, url, token.read_text().strip()
    proxy.stop()


async def _publish(settings: dict, folder: Path, files: list[str], deposit_id=None) -> dict:
    async with ZenodoClient(RepoSettings.from_config(settings, timeout=10.0)) as client:
        return await publish_folder(client, folder, codemeta=CODEMETA, files=files, deposit_id=deposit_id)


def test_repository_stops_mid_upload_then_resume(replay, tmp_path):
    proxy, settings, real_url, token = replay
    folder = tmp_path / "faultpipe"
    folder.mkdir()
    make_file(folder / "a.bin", 1, seed=8)
    make_file(folder / "b.bin", 3, seed=9)
    files = ["a.bin", "b.bin"]
    proxy.throttle(1.5 * MB)

    async def cut_mid_upload():
        task = asyncio.ensure_future(_publish(settings, folder, files))
        start = proxy.sent
        await asyncio.to_thread(wait_until, lambda: proxy.sent - start > 2 * MB or task.done(), 60, "2 MB sent")
        proxy.stop()
        return await asyncio.gather(task, return_exceptions=True)

    [err] = asyncio.run(cut_mid_upload())
    assert isinstance(err, PublishIncomplete), err
    body = err.to_json()
    did = body.get("deposit_id") or err.deposit["id"]
    assert err.status == 502 and "stays a draft" in err.message and str(did) in err.message, err.message
    assert "b.bin" in err.message
    # the truth, from the replay itself: a draft, not published
    direct = httpx.get(
        f"{real_url}/deposit/depositions/{did}", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()
    assert not direct.get("submitted")
    proxy.throttle(None)
    proxy.start()
    out = asyncio.run(_publish(settings, folder, files, deposit_id=did))
    assert out["state"] == "draft" and out["deposit_id"] == did
    direct = httpx.get(
        f"{real_url}/deposit/depositions/{did}", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()
    stored = {f["filename"]: str(f.get("checksum", "")).removeprefix("md5:") for f in direct.get("files", [])}
    for name in files:
        assert stored[name] == hashlib.md5((folder / name).read_bytes()).hexdigest(), json.dumps(direct)[:2000]
    assert not direct.get("submitted")
