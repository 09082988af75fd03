"""Fault-injection fixtures: proxies in front of the real stack servers, a data lake configured through them, and
direct (proxy-free) views of the storage and of Rucio to check what a fault left behind."""

from __future__ import annotations

import ssl
from urllib.parse import urlparse

import httpx
import pytest
from _stack import RUCIO_TEST_SCOPE, rucio_test_credentials, stack_value

from jupyter_escape.datalake import browse
from jupyter_escape.datalake.service import Datalake

from .proxy import FaultProxy

RSE = "ESCAPE_USERDISK"
SCOPE = RUCIO_TEST_SCOPE


def _port(url: str) -> int:
    return urlparse(url).port


def rucio_settings() -> dict:
    return {
        "name": "local",
        "display_name": "Local data lake",
        "rucio_base_url": stack_value("ESCAPE_RUCIO_URL"),
        "auth_type": "userpass",
        **rucio_test_credentials(),  # not the demo's account: what the faults leave stays out of its views
        "ca_cert": stack_value("ESCAPE_RUCIO_CA_CERT"),
    }


def via_proxies(rucio: FaultProxy, webdav: FaultProxy) -> dict:
    """The instance as the code under test sees it: Rucio and the WebDAV door both behind fault proxies."""
    webdav_url = stack_value("ESCAPE_RUCIO_WEBDAV_URL").rstrip("/")
    return {
        **rucio_settings(),
        "rucio_base_url": f"http://{rucio.address}",
        "storage_url_rewrite": {webdav_url: f"https://{webdav.address}"},
    }


@pytest.fixture
def proxies():
    made = {
        "rucio": FaultProxy(_port(stack_value("ESCAPE_RUCIO_URL"))),
        "webdav": FaultProxy(_port(stack_value("ESCAPE_RUCIO_WEBDAV_URL"))),
        "dachs": FaultProxy(_port(stack_value("ESCAPE_DACHS_URL", "http://127.0.0.1:8090"))),
    }
    yield made
    for proxy in made.values():
        proxy.stop()


@pytest.fixture
def lake(proxies, tmp_path):
    (tmp_path / "root").mkdir()
    dl = Datalake(
        [via_proxies(proxies["rucio"], proxies["webdav"])],
        state_dir=tmp_path / "state",
        root_dir=str(tmp_path / "root"),
        workspace_dir="ws",
    )
    yield dl
    dl.close()


class Truth:
    """What is really on the storage and in Rucio, asked directly (never through a proxy)."""

    def __init__(self, tmp_path):
        self.lake = Datalake(
            [rucio_settings()], state_dir=tmp_path / "truth-state", root_dir=str(tmp_path), workspace_dir="ws"
        )
        self.ca = ssl.create_default_context(cafile=stack_value("ESCAPE_RUCIO_CA_CERT"))

    def stored(self, pfn: str) -> int | None:
        """Bytes at ``pfn`` on the real WebDAV door, None when nothing is there."""
        r = httpx.head(pfn.replace("davs://", "https://", 1), verify=self.ca, timeout=10)
        return None if r.status_code == 404 else int(r.headers["content-length"])

    def did(self, did: str) -> dict | None:
        scope, name = did.split(":", 1)
        try:
            return browse.get_did(self.lake.session(None), scope, name)
        except Exception as exc:
            if "DataIdentifierNotFound" in str(exc):
                return None
            raise

    def replica_rses(self, did: str) -> list[str]:
        scope, name = did.split(":", 1)
        reps = browse.file_replicas(self.lake.session(None), [(scope, name)], schemes=["https"])
        return sorted(reps[0]["rses"]) if reps else []


@pytest.fixture
def truth(tmp_path):
    t = Truth(tmp_path)
    yield t
    t.lake.close()
