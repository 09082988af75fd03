"""Fixtures for the hub tests: the local stack's IdP, JupyterHub and credential broker must be up (escape-stack up).
A missing hub fails the tests, it never skips them.

The tests sign in as their own users, test-alice, test-bob and test-carol (stack/idp/users.json, "test": true), in
the roles of the demo's alice, bob and carol: what they stage and upload stays out of the demo users' Transfers and
Explore views. The fixtures keep the roles' names."""

from __future__ import annotations

import httpx
import pytest
from _hub import BROKER, HUB, IDP, HubUser, operator


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.fixture(scope="session")
def hub_stack():
    for what, url in (
        ("identity provider", f"{IDP}/.well-known/openid-configuration"),
        ("JupyterHub", f"{HUB}/hub/health"),
        ("credential broker", f"{BROKER}health"),
    ):
        if not _answers(url):
            pytest.fail(f"the {what} does not answer at {url}: run stack/escape-stack up (components idp, hub)")
    yield
    # Leave the machine as we found it: the users' servers these tests started are stopped (their state stays).
    with operator() as hub:
        for user in hub.get("/users").json():
            if user.get("servers"):
                hub.delete(f"/users/{user['name']}/server")


def _signed_in(name: str):
    user = HubUser(name)
    user.sign_in()
    user.wait_for_server()
    return user


@pytest.fixture(scope="module")
def alice(hub_stack):
    user = _signed_in("test-alice")
    yield user
    user.close()


@pytest.fixture(scope="module")
def bob(hub_stack):
    user = _signed_in("test-bob")
    yield user
    user.close()
