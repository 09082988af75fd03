"""What "authenticated" means for a Rucio instance, and how to say exactly what is missing.

Credentials are read on the server from files or environment variables named in the configuration; they are never
returned to callers, only a state and a message. Logging in and keeping Rucio tokens is rucio-clients' work
(rucio_client.py: its token files, 0600, in the extension's private state folder); OIDC tokens are re-read
whenever their file changes (mtime), so an external refresher (JupyterHub, oidc-agent) is followed without a restart.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import read_secret
from ..core.credentials import BrokerError, broker_client
from ..core.errors import EscapeError
from ..core.offloop import off_loop
from .instances import Instance, cli_client_section

if TYPE_CHECKING:
    from ..core.credentials import BrokerToken


class AuthError(EscapeError):
    """Credentials missing, expired or refused; ``state`` is missing | expired | failed."""

    def __init__(self, service: str, state: str, message: str, status: int = 401) -> None:
        # status: 401 when the credentials are the problem; 502/504 when the server could not be reached at all
        # (the documented "service down" answer, not a sign-in problem)
        super().__init__(message, service=service, status=status)
        self.state = state
        self.recover_url: str | None = None  # where to sign in again (hub sign-on), when known


def jwt_expiry(token: str) -> float | None:
    """The ``exp`` claim of a JWT, without verifying it (the server verifies; we only want to warn early)."""
    try:
        payload = token.split(".")[1]
        payload += "=" * (-len(payload) % 4)
        return float(json.loads(base64.urlsafe_b64decode(payload))["exp"])
    except (IndexError, KeyError, ValueError, TypeError):
        return None


def _utc(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(epoch))


def _file_problem(path: str | None, what: str, config_key: str) -> str | None:
    if not path:
        return f"{what}: not configured (set '{config_key}' in EscapeConfig.rucio_instances)"
    full = os.path.expanduser(path)
    if not os.path.isfile(full):
        return f"{what}: file {path} does not exist"
    if not os.access(full, os.R_OK):
        return f"{what}: file {path} is not readable by the server"
    return None


def _pem_expiry(path: str) -> float | None:
    """notAfter of the first certificate in a PEM file (an x509 proxy or a user certificate)."""
    try:
        from cryptography import x509

        cert = x509.load_pem_x509_certificate(Path(os.path.expanduser(path)).read_bytes())
        return cert.not_valid_after_utc.timestamp()
    except Exception:
        return None


def userpass_password(inst: Instance) -> str | None:
    """The password of a userpass instance: its password file or variable, else the [client] password of the CLI's
    rucio.cfg it was read from (blocking: a file read)."""
    password = read_secret(inst.get("password_file"), inst.get("password_env"))
    if password is None and inst.get("rucio_cfg") and not (inst.get("password_file") or inst.get("password_env")):
        password = (cli_client_section(inst.get("rucio_cfg")) or {}).get("password") or None
    return password


def credential_problems(inst: Instance) -> tuple[str, str] | None:
    """(state, message) when the configured credentials cannot work, without asking the server; None if usable."""
    auth = inst.auth_type
    if inst.get("rucio_cfg") and not inst.get("rucio_base_url"):
        return "missing", f"rucio.cfg: {inst.get('rucio_cfg')} is missing or has no [client] rucio_host"
    if auth == "userpass" and inst.get("rucio_cfg") and not (inst.get("password_file") or inst.get("password_env")):
        if not inst.get("username"):
            return "missing", f"userpass: no 'username' in [client] of {inst.get('rucio_cfg')}"
        if not userpass_password(inst):
            return "missing", f"userpass: no 'password' in [client] of {inst.get('rucio_cfg')}"
        if not inst.account:
            return "missing", f"userpass: no 'account' in [client] of {inst.get('rucio_cfg')}"
    elif auth == "userpass":
        if not inst.get("username"):
            return "missing", "userpass: 'username' not configured"
        if read_secret(inst.get("password_file"), inst.get("password_env")) is None:
            if inst.get("password_file"):
                return "missing", f"userpass: no password in file {inst.get('password_file')} (missing or empty)"
            if inst.get("password_env"):
                return "missing", f"userpass: environment variable {inst.get('password_env')} is not set"
            return "missing", "userpass: neither 'password_file' nor 'password_env' configured"
        if not inst.account:
            return "missing", "userpass: 'account' not configured"
    elif auth == "oidc" and inst.get("oidc_token_broker"):
        if not os.environ.get("JUPYTERHUB_API_TOKEN"):
            return "missing", (
                "oidc (hub sign-on): this server has no JUPYTERHUB_API_TOKEN, so it was not started by "
                "the hub; configure oidc_token_file or oidc_token_env instead"
            )
    elif auth == "oidc":
        token = read_secret(inst.get("oidc_token_file"), inst.get("oidc_token_env"))
        if token is None:
            if inst.get("oidc_token_file"):
                return "missing", f"oidc: no token in file {inst.get('oidc_token_file')} (missing or empty)"
            if inst.get("oidc_token_env"):
                return "missing", f"oidc: environment variable {inst.get('oidc_token_env')} is not set"
            return "missing", "oidc: neither 'oidc_token_file' nor 'oidc_token_env' configured"
        exp = jwt_expiry(token)
        if exp is not None and exp < time.time():
            return "expired", f"oidc: token expired at {_utc(exp)}; refresh it (e.g. log in to the hub again)"
    elif auth == "x509":
        problem = _file_problem(inst.get("certificate"), "x509 certificate", "certificate") or _file_problem(
            inst.get("key"), "x509 key", "key"
        )
        if problem:
            return "missing", problem
        exp = _pem_expiry(inst.get("certificate"))
        if exp is not None and exp < time.time():
            return "expired", f"x509 certificate expired at {_utc(exp)}"
    elif auth == "x509_proxy":
        proxy = inst.get("proxy") or os.environ.get("X509_USER_PROXY")
        problem = _file_problem(proxy, "x509 proxy", "proxy' or the X509_USER_PROXY variable")
        if problem:
            return "missing", problem
        exp = _pem_expiry(str(proxy))
        if exp is not None and exp < time.time():
            return "expired", f"x509 proxy expired at {_utc(exp)}; create a new one (voms-proxy-init)"
    else:
        return "failed", f"unknown auth_type {auth!r} (userpass, x509, x509_proxy or oidc)"
    return None


class _OidcTokenFiles:
    """OIDC tokens read from their files, read again only when a file changes (mtime)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, tuple[float, str]] = {}

    def read(self, inst: Instance) -> str:
        path = inst.get("oidc_token_file")
        if not path:
            return read_secret(None, inst.get("oidc_token_env")) or ""
        full = os.path.expanduser(path)
        mtime = os.stat(full).st_mtime
        with self._lock:
            seen = self._seen.get(full)
            if seen and seen[0] == mtime:
                return seen[1]
        token = read_secret(path, None) or ""
        with self._lock:
            self._seen[full] = (mtime, token)
        return token


_oidc_files = _OidcTokenFiles()


def read_oidc_token(inst: Instance) -> str:
    """The bearer token of an ``oidc`` instance configured with a token file or variable (blocking: a file read)."""
    problem = credential_problems(inst)
    if problem:
        raise AuthError(inst.service, *problem)
    return _oidc_files.read(inst)


def hub_token(inst: Instance) -> BrokerToken:
    """This user's token from the hub's credential broker, as an AuthError naming the data lake when there is none."""
    try:
        return broker_client(inst.get("oidc_token_broker")).token()
    except BrokerError as exc:
        state = "expired" if exc.kind == "login_required" else "failed"
        hint = f" Sign in again: {exc.recover_url}" if exc.recover_url else ""
        error = AuthError(inst.service, state, f"oidc (hub sign-on): {exc.message}.{hint}")
        error.recover_url = exc.recover_url
        raise error from exc


def refused_hint(inst: Instance) -> str:
    """What to do when Rucio refuses a hub sign-on token it could verify: the usual cause is an identity that no
    Rucio account maps (a new user), which Rucio reports only as "Cannot authenticate"."""
    if not (inst.auth_type == "oidc" and inst.get("oidc_token_broker")):
        return ""
    try:
        token = hub_token(inst)
    except AuthError:
        return ""
    return (
        f'. The data lake may have no account for your identity "SUB={token.subject}, ISS={token.issuer}": '
        "ask its administrators to add this OIDC identity to your Rucio account"
    )


def identity_of(inst: Instance, account: str) -> dict[str, Any]:
    """Who the data lake knows us as, and how: for the Services view (no secret in it)."""
    identity: dict[str, Any] = {"account": account, "method": inst.auth_type, "expires_at": None}
    if inst.auth_type == "oidc" and inst.get("oidc_token_broker"):
        identity.update(hub_token(inst).identity(), method="oidc", account=account)
    elif inst.auth_type == "oidc":
        token = read_secret(inst.get("oidc_token_file"), inst.get("oidc_token_env")) or ""
        identity["expires_at"] = jwt_expiry(token)
        identity["source"] = "token file" if inst.get("oidc_token_file") else "environment variable"
    elif inst.auth_type == "userpass":
        identity["username"] = inst.get("username")
    elif inst.auth_type in ("x509", "x509_proxy"):
        pem = (
            inst.get("certificate")
            if inst.auth_type == "x509"
            else (inst.get("proxy") or os.environ.get("X509_USER_PROXY"))
        )
        identity["expires_at"] = _pem_expiry(pem) if pem else None
    return identity


# Seconds before asking again after Rucio refused a bearer token (see check_credentials).
FIRST_USE_RETRY = 0.5


async def check_credentials(inst: dict[str, Any], *, timeout: float = 5.0) -> tuple[str, str, dict[str, Any] | None]:
    """(state, message, identity) for the instance's credentials; state is ok | missing | expired | failed, and
    identity (when the login worked) says who we are signed in as, how, and until when.

    Used by the Services status probe: it really authenticates (every auth type, through rucio-clients) and asks the
    server who we are. A Rucio worker sets up its OpenID Connect client on the first bearer token it sees, and
    concurrent requests meanwhile are refused with CannotAuthenticate (5 of 6 after a worker restart, Rucio 41.5);
    the Services view and the Data lake panel check at the same moment when a page opens, so a refused bearer token
    is tried again after a moment (rucio_client.LakeClient) before the refusal stands.
    """
    from rucio.client import Client

    from .rucio_client import RucioSession

    instance = Instance(inst)
    problem = credential_problems(instance)
    if problem:
        return (*problem, None)

    def work() -> tuple[str, dict[str, Any]]:
        session = RucioSession(instance, None, timeout=timeout)
        try:
            answer = session.call("whoami", Client.whoami) or {}
        finally:
            session.close()
        account = answer.get("account", "?")
        return account, identity_of(instance, account)

    try:
        account, identity = await asyncio.wait_for(off_loop("datalake", work), timeout + 1)
    except AuthError as exc:
        recover = getattr(exc, "recover_url", None)
        return exc.state, exc.message, ({"recover_url": recover} if recover else None)
    except EscapeError as exc:
        return "failed", exc.message, None
    except TimeoutError:
        return "failed", f"no answer within {timeout:g} s", None
    how = "hub single sign-on (oidc)" if identity.get("source") == "hub single sign-on" else instance.auth_type
    return "ok", f"{how} accepted for account {account}", identity
