"""What "authenticated" means for a Rucio instance, and how to say exactly what is missing.

Credentials are read on the server from files or environment variables named in the configuration; they are
never returned to callers, only a state and a message.
"""

from __future__ import annotations

import base64
import json
import os
import time

from ..config import read_secret
from ..core.errors import EscapeError
from ..core.http import Limits, fetch


def _jwt_expiry(token: str) -> float | None:
    """The ``exp`` claim of a JWT, without verifying it (the server verifies; we only want to warn early)."""
    try:
        payload = token.split(".")[1]
        payload += "=" * (-len(payload) % 4)
        return float(json.loads(base64.urlsafe_b64decode(payload))["exp"])
    except (IndexError, KeyError, ValueError, TypeError):
        return None


def _missing_file(path: str | None, what: str) -> str | None:
    if not path:
        return f"{what}: not configured"
    if not os.path.isfile(os.path.expanduser(path)):
        return f"{what}: file {path} does not exist"
    return None


async def check_credentials(inst: dict, *, timeout: float = 5.0) -> tuple[str, str]:
    """(state, message) for the instance's credentials; state is ok | missing | expired | failed."""
    auth_type = inst.get("auth_type", "userpass")
    auth_url = str(inst.get("auth_url") or inst.get("rucio_base_url", "")).rstrip("/")
    account = inst.get("account")
    limits = Limits(timeout=timeout, max_bytes=64 * 1024)
    service = inst.get("display_name") or inst.get("name", "Rucio")
    headers = {"X-Rucio-VO": inst["vo"]} if inst.get("vo") else {}
    if account:
        headers["X-Rucio-Account"] = account

    if auth_type == "oidc":
        token = read_secret(inst.get("oidc_token_file"), inst.get("oidc_token_env"))
        if token is None:
            where = inst.get("oidc_token_file") or f"environment variable {inst.get('oidc_token_env')}"
            return "missing", f"no OIDC token found in {where}"
        exp = _jwt_expiry(token)
        if exp is not None and exp < time.time():
            return "expired", f"OIDC token expired at {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime(exp))}"
        headers["X-Rucio-Auth-Token"] = token
        target = f"{str(inst.get('rucio_base_url')).rstrip('/')}/accounts/whoami"
    elif auth_type == "userpass":
        password = read_secret(inst.get("password_file"), inst.get("password_env"))
        if not inst.get("username"):
            return "missing", "userpass: username not configured"
        if password is None:
            where = inst.get("password_file") or f"environment variable {inst.get('password_env')}"
            return "missing", f"userpass: no password found in {where}"
        if not account:
            return "missing", "userpass: account not configured"
        headers.update({"X-Rucio-Username": inst["username"], "X-Rucio-Password": password})
        target = f"{auth_url}/auth/userpass"
    elif auth_type == "x509":
        problem = _missing_file(inst.get("certificate"), "x509 certificate") or _missing_file(
            inst.get("key"), "x509 key")
        if problem:
            return "missing", problem
        return "ok", "certificate and key present (validated by the server on first use)"
    elif auth_type == "x509_proxy":
        problem = _missing_file(inst.get("proxy") or os.environ.get("X509_USER_PROXY"), "x509 proxy")
        if problem:
            return "missing", problem
        return "ok", "proxy present (validated by the server on first use)"
    else:
        return "failed", f"unknown auth_type {auth_type!r}"

    try:
        response = await fetch(service, "GET", target, limits=limits, headers=headers, raise_for_status=False)
    except EscapeError as exc:
        return "failed", exc.message
    if response.status_code < 300:
        return "ok", f"{auth_type} accepted" + (f" for account {account}" if account else "")
    return "failed", f"{auth_type} refused: HTTP {response.status_code} {response.headers.get('ExceptionMessage', '')}".strip()
