"""No hub, a hub that disappears mid-session, a hub started on request: real pyvo hubs on private lockfiles
(no TOPCAT needed), through jupyter_escape.samp's domain objects."""

from __future__ import annotations

import warnings

import pytest

from jupyter_escape.samp import mtypes
from jupyter_escape.samp.hub import SampLink, SampUnavailable


@pytest.fixture
def private_hub(tmp_path, monkeypatch):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pyvo.samp import SAMPHubServer

        lockfile = tmp_path / "samp-lock"
        monkeypatch.setenv("SAMP_HUB", f"std-lockurl:file://{lockfile}")
        hub = SAMPHubServer(web_profile=False, addr="127.0.0.1", lockfile=str(lockfile), label="test")
        hub.start(wait=False)
    yield hub
    if hub.is_running:
        hub.stop()


def test_no_hub_is_a_clear_status(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMP_HUB", f"std-lockurl:file://{tmp_path}/none")
    status = SampLink().status()
    assert status["hub"] is False and status["clients"] == []
    assert "no SAMP hub is running" in status["error"] and str(tmp_path) in status["error"]


def test_hub_that_disappears_mid_session(private_hub):
    link = SampLink()
    try:
        status = link.status()
        assert status["hub"] is True and {c["name"] for c in status["clients"]} == {"PyVO SAMP Hub"}
        private_hub.stop()
        with pytest.raises(SampUnavailable) as err:
            link.send(mtypes.POINT, mtypes.point_params(10, 20))
        assert "hub" in err.value.message and err.value.status == 503
        after = link.status()
        assert after["hub"] is False and after["error"]
        assert any(e["type"] == "hub" and e["state"] in ("lost", "shutdown") for e in link.events.since(0))
    finally:
        link.close()


def test_nobody_to_receive_and_bad_coordinates(private_hub):
    link = SampLink()
    try:
        with pytest.raises(Exception, match=r"no SAMP client accepts coord\.pointAt\.sky"):
            link.send(mtypes.POINT, mtypes.point_params(10, 20))
        with pytest.raises(Exception, match="dec"):
            mtypes.point_params(10, 95)
        with pytest.raises(Exception, match="row indices"):
            mtypes.select_params("t", "file:///t", [1, -2])
    finally:
        link.close()


def test_start_hub_when_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("SAMP_HUB", f"std-lockurl:file://{tmp_path}/lock")
    link = SampLink()
    try:
        assert link.status()["hub"] is False
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            status = link.start_hub()
        assert status["hub"] is True and status["own_hub"] is True
    finally:
        link.close()


def test_concurrent_requests_share_the_link(private_hub):
    """The server answers several SAMP routes at once from worker threads (the fuzz run sent status and
    pointAt together): each must get its own hub connection, not a 500 from a shared one."""
    from concurrent.futures import ThreadPoolExecutor

    link = SampLink()
    try:
        link.status()
        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda _: link.status(), range(32)))
        assert all(s["hub"] is True and s["clients"] for s in statuses)
        assert all({c["name"] for c in s["clients"]} == {"PyVO SAMP Hub"} for s in statuses)
    finally:
        link.close()
