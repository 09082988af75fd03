"""Driving the local stack's hub as its users do: sign in on the identity provider's own page, let the hub spawn the
user's server, then use jupyter-escape's routes through the hub's proxy with the browser's cookies and XSRF token.

Nothing here is mocked: the IdP (oidc-provider), JupyterHub, configurable-http-proxy, the credential broker and
Rucio are the real servers of the local stack.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import httpx
from _stack import stack_value

HUB = stack_value("ESCAPE_HUB_URL", "http://127.0.0.1:8094")
IDP = stack_value("ESCAPE_IDP_URL", "http://127.0.0.1:8093")
BROKER = stack_value("ESCAPE_BROKER_URL", "http://127.0.0.1:8097") + "/services/escape-credentials/"
IDP_SECRETS = Path(stack_value("ESCAPE_IDP_STATE")) / "secrets"
HUB_SECRETS = Path(stack_value("ESCAPE_HUB_STATE")) / "secrets"
ACCESS_TTL = float(stack_value("ESCAPE_IDP_ACCESS_TTL", "120"))


def password(user: str) -> str:
    return (IDP_SECRETS / f"{user}.password").read_text().strip()


def operator() -> httpx.Client:
    """The hub's operator token: starts and stops servers, makes API tokens (what an admin script would do)."""
    token = (HUB_SECRETS / "operator-token").read_text().strip()
    return httpx.Client(base_url=f"{HUB}/hub/api", headers={"Authorization": f"token {token}"}, timeout=60)


def submit_login_form(
    client: httpx.Client, page: httpx.Response, user: str, secret: str, idp: str = IDP
) -> httpx.Response:
    """Fill in the IdP's sign-in form on ``page`` and follow the redirects back to the application."""
    match = re.search(r'action="(/interaction/[^"]+)"', page.text)
    assert match, f"no sign-in form on {page.url}: {page.text[:300]}"
    return client.post(f"{idp}{match.group(1)}", data={"username": user, "password": secret})


class HubUser:
    """One person in a browser: a cookie jar, signed in at the hub through the IdP."""

    def __init__(self, name: str):
        self.name = name
        self.client = httpx.Client(follow_redirects=True, timeout=120)
        self.base = f"{HUB}/user/{name}"

    def sign_in(self) -> httpx.Response:
        page = self.client.get(f"{HUB}/hub/oauth_login", params={"next": f"/hub/user/{self.name}/lab"})
        assert page.url.host == httpx.URL(IDP).host and page.url.port == httpx.URL(IDP).port, page.url
        return submit_login_form(self.client, page, self.name, password(self.name))

    def wait_for_server(self, timeout: float = 120) -> None:
        """The hub spawns the server after sign-in; the first visit to /lab also makes the server's own cookie."""
        # As a browser does after sign-in: the hub's spawn page starts the server if it is not running.
        self.client.get(f"{HUB}/hub/spawn/{self.name}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.client.get(f"{self.base}/lab")
            response = self.client.get(f"{self.base}/escape/api/handshake")
            if response.status_code == 200:
                return
            time.sleep(2)
        raise AssertionError(f"{self.name}'s server did not answer within {timeout} s")

    def xsrf(self) -> str:
        for cookie in self.client.cookies.jar:
            if cookie.name == "_xsrf" and cookie.path.startswith(f"/user/{self.name}"):
                return cookie.value
        for cookie in self.client.cookies.jar:
            if cookie.name == "_xsrf":
                return cookie.value
        raise AssertionError("no _xsrf cookie")

    def api(self, method: str, path: str, *, owner: str | None = None, **kwargs) -> httpx.Response:
        """A jupyter-escape route on ``owner``'s server (default: one's own), as the browser would call it."""
        base = f"{HUB}/user/{owner or self.name}"
        headers = {"X-XSRFToken": self.xsrf()} if method != "GET" else {}
        return self.client.request(method, f"{base}/escape/api/{path}", headers=headers, **kwargs)

    def wait_job(self, kind: str, job_id: str, timeout: float = 180) -> dict:
        """Poll a data-lake job (kind: stage | uploads) until it leaves queued/running."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            job = self.api("GET", f"datalake/{kind}/{job_id}").json()
            if job["state"] not in ("queued", "running"):
                return job
            time.sleep(1)
        raise AssertionError(f"{kind} job {job_id} still {job['state']} after {timeout} s")

    def close(self) -> None:
        self.client.close()


def datalake_row(status: dict) -> dict:
    return next(s for s in status["services"] if s["kind"] == "datalake")


def run_as(user: str, *argv: str, env: dict | None = None, cwd: str | None = None, timeout: float = 120):
    """A command as the hub user's Unix account, with the environment their terminal in JupyterLab has."""
    home = f"/home/{user}"
    public = Path(stack_value("ESCAPE_HUB_STATE")) / "public"
    base = {
        "HOME": home,
        "PATH": f"{Path(__import__('sys').executable).parent}:/usr/bin:/bin",
        "RUCIO_CONFIG": str(public / "rucio.cfg"),
        "RUCIO_ACCOUNT": user,
        "BEARER_TOKEN_FILE": f"{home}/.local/share/jupyter/escape/bearer-token",
    }
    command = ["runuser", "-u", user, "--", "env", *(f"{k}={v}" for k, v in {**base, **(env or {})}.items()), *argv]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd or home, timeout=timeout, check=False)


def code_flow(
    user: str, scope: str = "openid profile offline_access wlcg.groups storage.read:/", idp: str = IDP
) -> dict:
    """A login of ``user`` at the IdP for the hub's client, done as the hub does it (authorization code, then the
    token endpoint); returns the token response. Used where a test needs tokens without a hub in between."""
    from urllib.parse import parse_qs, urlparse

    redirect = f"{HUB}/hub/oauth_callback"
    with httpx.Client(follow_redirects=False, timeout=30) as client:
        response = client.get(
            f"{idp}/auth",
            params={
                "client_id": "jupyterhub",
                "response_type": "code",
                "redirect_uri": redirect,
                "scope": scope,
                "state": "test",
                "prompt": "consent",
            },
        )
        page = client.get(idp + response.headers["location"])
        response = submit_login_form(client, page, user, password(user), idp)
        while not response.headers["location"].startswith(redirect):
            location = response.headers["location"]
            response = client.get(location if location.startswith("http") else idp + location)
        code = parse_qs(urlparse(response.headers["location"]).query)["code"][0]
    secret = (IDP_SECRETS / "jupyterhub.client-secret").read_text().strip()
    token = httpx.post(
        f"{idp}/token",
        auth=("jupyterhub", secret),
        timeout=30,
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect},
    )
    token.raise_for_status()
    return token.json()


def hub_client_secret() -> str:
    return (IDP_SECRETS / "jupyterhub.client-secret").read_text().strip()


def user_api_token(name: str) -> str:
    """An API token of ``name``'s own, as the user would make on the hub's token page."""
    with operator() as hub:
        response = hub.post(f"/users/{name}/tokens", json={"note": "escape tests", "expires_in": 900})
        response.raise_for_status()
        return response.json()["token"]


class Kernel:
    """A kernel on a user's server, driven over the Jupyter websocket protocol as JupyterLab drives it."""

    def __init__(self, owner: str, token: str):
        self.base = f"{HUB}/user/{owner}/api/kernels"
        self.headers = {"Authorization": f"token {token}"}
        response = httpx.post(self.base, headers=self.headers, json={"name": "python3"}, timeout=60)
        response.raise_for_status()
        self.id = response.json()["id"]

    async def run(self, code: str, timeout: float = 120) -> str:
        """stdout of ``code``; AssertionError with the traceback when it raises."""
        import asyncio
        import json as _json
        import uuid

        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = self.base.replace("http", "ws", 1) + f"/{self.id}/channels"
        ws = await websocket_connect(HTTPRequest(url, headers=self.headers, request_timeout=60))
        msg_id = uuid.uuid4().hex
        ws.write_message(
            _json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "username": "test",
                        "session": uuid.uuid4().hex,
                        "msg_type": "execute_request",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": False,
                        "user_expressions": {},
                        "allow_stdin": False,
                    },
                }
            )
        )
        out: list[str] = []
        try:
            while True:
                raw = await asyncio.wait_for(ws.read_message(), timeout)
                assert raw is not None, "kernel websocket closed"
                msg = _json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind, content = msg["msg_type"], msg["content"]
                if kind == "stream":
                    out.append(content["text"])
                elif kind == "error":
                    raise AssertionError("\n".join(content["traceback"]))
                elif kind == "status" and content["execution_state"] == "idle":
                    return "".join(out)
        finally:
            ws.close()

    def shutdown(self) -> None:
        httpx.delete(f"{self.base}/{self.id}", headers=self.headers, timeout=60)
