"""The identity provider down at login, for real: the IdP process of the stack is stopped, and the hub must say
which service is away and what still works, on its own page, instead of the browser's "unable to connect" or a bare
500. The IdP is started again before each test ends, whatever happens."""

from __future__ import annotations

import re
import subprocess
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from _hub import HUB, IDP, password

pytestmark = pytest.mark.stack

ROOT = Path(__file__).resolve().parents[2]


def _stack(action: str) -> None:
    done = subprocess.run(
        ["bash", str(ROOT / "stack" / "escape-stack"), action, "idp"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, f"escape-stack {action} idp: {done.stdout[-800:]}{done.stderr[-800:]}"


@contextmanager
def idp_stopped():
    _stack("down")
    try:
        yield
    finally:
        _stack("up")


def _page_text(response: httpx.Response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text))


def test_idp_down_when_signing_in_is_named_on_the_hubs_page(hub_stack):
    with idp_stopped(), httpx.Client(follow_redirects=False, timeout=30) as browser:
        response = browser.get(f"{HUB}/hub/oauth_login")
    assert response.status_code == 503
    text = _page_text(response)
    assert f"Cannot sign in: ESCAPE IAM (local) at {IDP} is not answering" in text
    assert "Servers that are already running keep working" in text
    assert "Traceback" not in response.text
    # Once the IdP is back, signing in goes to its page again.
    with httpx.Client(follow_redirects=False, timeout=30) as browser:
        again = browser.get(f"{HUB}/hub/oauth_login")
    assert again.status_code == 302 and again.headers["location"].startswith(f"{IDP}/auth")


def test_idp_gone_between_its_page_and_the_callback_is_named(hub_stack):
    """The user signed in on the IdP's page, then the IdP went away before the hub fetched the tokens."""
    with httpx.Client(follow_redirects=False, timeout=60) as browser:
        response = browser.get(f"{HUB}/hub/oauth_login")
        while response.is_redirect and not response.headers["location"].startswith(f"{HUB}/hub/oauth_callback"):
            location = response.headers["location"]
            response = browser.get(location if location.startswith("http") else IDP + location)
            if response.status_code == 200 and 'action="/interaction/' in response.text:
                action = re.search(r'action="(/interaction/[^"]+)"', response.text).group(1)
                response = browser.post(
                    f"{IDP}{action}", data={"username": "test-bob", "password": password("test-bob")}
                )
        callback = response.headers["location"]
        assert callback.startswith(f"{HUB}/hub/oauth_callback?code=")
        with idp_stopped():
            answered = browser.get(callback)
    assert answered.status_code == 503
    text = _page_text(answered)
    assert f"Cannot sign in: ESCAPE IAM (local) at {IDP} is not answering at its token endpoint" in text
    assert "Traceback" not in answered.text
