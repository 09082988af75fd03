"""What "authenticated" means for a Rucio instance, how tokens are obtained and cached, and how to say exactly
what is missing.

Credentials are read on the server from files or environment variables named in the configuration; they are never
returned to callers, only a state and a message. Rucio tokens are cached in memory and in a 0600 file in the
extension's private state folder (so a restart does not log in again); OIDC tokens are re-read whenever their file
changes (mtime), so an external refresher (JupyterHub, oidc-agent) is followed without a restart.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import json
import os
import threading
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from ..config import read_secret
from ..core.credentials import BrokerError, broker_client
from ..core.errors import EscapeError
from ..core.http import USER_AGENT, make_sync_client, read_bounded
from .instances import Instance

# A token this close to its expiry is renewed before use, so a long listing does not fail half-way.
EXPIRY_MARGIN = 120.0
AUTH_TIMEOUT = 15.0
# Login and whoami answers are a few hundred bytes: anything past this is not read (bounded memory).
AUTH_BODY_BYTES = 1024 * 1024


class AuthError(EscapeError):
    """Credentials missing, expired or refused; ``state`` is missing | expired | failed."""

    def __init__(self, service: str, state: str, message: str, status: int = 401):
        # status: 401 when the credentials are the problem; 502/504 when the server could not be reached at all
        # (the documented "service down" answer, not a sign-in problem)
        super().__init__(message, service=service, status=status)
        self.state = state


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


def credential_problems(inst: Instance) -> tuple[str, str] | None:
    """(state, message) when the configured credentials cannot work, without asking the server; None if usable."""
    auth = inst.auth_type
    if auth == "userpass":
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
        exp = _pem_expiry(proxy)
        if exp is not None and exp < time.time():
            return "expired", f"x509 proxy expired at {_utc(exp)}; create a new one (voms-proxy-init)"
    else:
        return "failed", f"unknown auth_type {auth!r} (userpass, x509, x509_proxy or oidc)"
    return None


def _rucio_exception(response: httpx.Response) -> str:
    cls = response.headers.get("ExceptionClass", "")
    msg = response.headers.get("ExceptionMessage", "")
    if not msg:
        try:
            body = response.json()
            cls, msg = body.get("ExceptionClass", cls), body.get("ExceptionMessage", "")
        except ValueError:
            msg = response.text[:500]
    return f"{cls}: {msg}".strip(": ") or f"HTTP {response.status_code}"


class TokenCache:
    """Rucio tokens per instance, renewed before expiry, persisted 0600 under ``state_dir``."""

    def __init__(self, state_dir: str | os.PathLike | None = None):
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[str, float]] = {}
        self._oidc_seen: dict[str, tuple[float, str]] = {}
        self._file = Path(state_dir) / "datalake" / "tokens.json" if state_dir else None
        if self._file and self._file.exists():
            try:
                raw = json.loads(self._file.read_text())
                self._tokens = {k: (v[0], float(v[1])) for k, v in raw.items()}
            except (ValueError, OSError, IndexError, TypeError):
                self._tokens = {}

    def _key(self, inst: Instance) -> str:
        """Tokens belong to a credential: a changed password or certificate must not reuse an old token.
        The key holds a digest of the credential, never the credential itself."""
        if inst.auth_type == "userpass":
            material = f"{inst.get('username')}|{read_secret(inst.get('password_file'), inst.get('password_env'))}"
        else:
            path = (
                inst.get("certificate")
                if inst.auth_type == "x509"
                else (inst.get("proxy") or os.environ.get("X509_USER_PROXY", ""))
            )
            try:
                material = f"{path}|{os.stat(os.path.expanduser(path)).st_mtime}"
            except (OSError, TypeError):
                material = str(path)
        digest = hashlib.sha256(material.encode()).hexdigest()[:16]
        return f"{inst.name}|{inst.auth_url}|{inst.account}|{inst.auth_type}|{digest}"

    def _save(self) -> None:
        if not self._file:
            return
        self._file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = self._file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)  # O_CREAT keeps the mode of a stale temp file left by a crash
        with os.fdopen(fd, "w") as fh:
            json.dump({k: list(v) for k, v in self._tokens.items()}, fh)
        os.replace(tmp, self._file)

    def forget(self, inst: Instance) -> None:
        if inst.auth_type == "oidc" and inst.get("oidc_token_broker"):
            broker_client(inst.get("oidc_token_broker")).forget()
            return
        with self._lock:
            self._tokens.pop(self._key(inst), None)
            self._save()

    def token(self, inst: Instance, *, timeout: float = AUTH_TIMEOUT) -> str:
        """A valid X-Rucio-Auth-Token for the instance (blocking; may log in)."""
        problem = credential_problems(inst)
        if problem:
            raise AuthError(inst.service, *problem)
        if inst.auth_type == "oidc":
            return self._oidc_token(inst)
        key = self._key(inst)
        with self._lock:
            cached = self._tokens.get(key)
            if cached and cached[1] - EXPIRY_MARGIN > time.time():
                return cached[0]
            token, expires = self._login(inst, timeout)
            self._tokens[key] = (token, expires)
            self._save()
            return token

    def _oidc_token(self, inst: Instance) -> str:
        if inst.get("oidc_token_broker"):
            return hub_token(inst).access_token
        path = inst.get("oidc_token_file")
        if path:
            full = os.path.expanduser(path)
            mtime = os.stat(full).st_mtime
            seen = self._oidc_seen.get(full)
            if seen and seen[0] == mtime:
                return seen[1]
            token = read_secret(path, None)
            self._oidc_seen[full] = (mtime, token)
            return token
        return read_secret(None, inst.get("oidc_token_env"))

    def _login(self, inst: Instance, timeout: float) -> tuple[str, float]:
        headers = {"User-Agent": USER_AGENT}
        if inst.account:
            headers["X-Rucio-Account"] = inst.account
        if inst.vo:
            headers["X-Rucio-VO"] = inst.vo
        cert = None
        if inst.auth_type == "userpass":
            headers["X-Rucio-Username"] = inst.get("username")
            headers["X-Rucio-Password"] = read_secret(inst.get("password_file"), inst.get("password_env"))
            path = "/auth/userpass"
        elif inst.auth_type == "x509":
            cert = (os.path.expanduser(inst.get("certificate")), os.path.expanduser(inst.get("key")))
            path = "/auth/x509"
        else:  # x509_proxy: the proxy file holds certificate and key
            proxy = os.path.expanduser(inst.get("proxy") or os.environ["X509_USER_PROXY"])
            cert = (proxy, proxy)
            path = "/auth/x509_proxy"
        try:
            with (
                make_sync_client(timeout, verify=inst.verify, cert=cert) as client,
                client.stream("GET", inst.auth_url + path, headers=headers) as response,
            ):
                read_bounded(response, AUTH_BODY_BYTES)
        except httpx.TimeoutException:
            raise AuthError(
                inst.service,
                "failed",
                f"{inst.auth_type}: no answer from {inst.auth_url} within {timeout:g} s",
                status=504,
            ) from None
        except (httpx.HTTPError, OSError, ValueError) as exc:
            raise AuthError(
                inst.service, "failed", f"{inst.auth_type}: cannot reach {inst.auth_url}: {exc}", status=502
            ) from exc
        if response.status_code >= 300 or "X-Rucio-Auth-Token" not in response.headers:
            raise AuthError(
                inst.service,
                "failed",
                f"{inst.auth_type} refused by {inst.auth_url} (HTTP {response.status_code}): "
                f"{_rucio_exception(response)}",
            )
        token = response.headers["X-Rucio-Auth-Token"]
        expires = time.time() + 3600
        if response.headers.get("X-Rucio-Auth-Token-Expires"):
            with contextlib.suppress(TypeError, ValueError):
                expires = parsedate_to_datetime(response.headers["X-Rucio-Auth-Token-Expires"]).timestamp()
        return token, expires


def hub_token(inst: Instance):
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


def identity_of(inst: Instance, account: str) -> dict:
    """Who the data lake knows us as, and how: for the Services view (no secret in it)."""
    identity: dict = {"account": account, "method": inst.auth_type, "expires_at": None}
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


_probe_cache = TokenCache(None)
# Seconds before asking again after Rucio refused a bearer token (see check_credentials).
FIRST_USE_RETRY = 0.5


async def check_credentials(inst: dict, *, timeout: float = 5.0) -> tuple[str, str, dict | None]:
    """(state, message, identity) for the instance's credentials; state is ok | missing | expired | failed, and
    identity (when the login worked) says who we are signed in as, how, and until when.

    Used by the Services status probe: it really authenticates (every auth type) and asks the server who we are.
    """
    instance = Instance(inst)
    problem = credential_problems(instance)
    if problem:
        return (*problem, None)

    def whoami() -> httpx.Response:
        token = _probe_cache.token(instance, timeout=timeout)
        with (
            make_sync_client(timeout, verify=instance.verify) as client,
            client.stream(
                "GET",
                f"{instance.base_url}/accounts/whoami",
                headers={"X-Rucio-Auth-Token": token, "User-Agent": USER_AGENT},
                follow_redirects=True,
            ) as response,
        ):
            read_bounded(response, AUTH_BODY_BYTES)
        return response

    def work() -> str:
        response = whoami()
        if response.status_code == 401 and instance.auth_type == "oidc":
            # A Rucio worker sets up its OpenID Connect client on the first bearer token it sees, and concurrent
            # requests meanwhile are refused with CannotAuthenticate (5 of 6 after a worker restart, Rucio 41.5).
            # The Services view and the Data lake panel check at the same moment when a page opens; by now the
            # worker is ready, so one more try tells a lost race from a refused token.
            time.sleep(FIRST_USE_RETRY)
            response = whoami()
        if response.status_code == 401:
            _probe_cache.forget(instance)
            raise AuthError(
                instance.service,
                "failed",
                f"{instance.auth_type}: token refused: {_rucio_exception(response)}{refused_hint(instance)}",
            )
        if response.status_code >= 300:
            raise AuthError(
                instance.service, "failed", f"whoami: HTTP {response.status_code}: {_rucio_exception(response)}"
            )
        account = response.json().get("account", "?")
        return account, identity_of(instance, account)

    try:
        account, identity = await asyncio.wait_for(asyncio.to_thread(work), timeout + 1)
    except AuthError as exc:
        recover = getattr(exc, "recover_url", None)
        return exc.state, exc.message, ({"recover_url": recover} if recover else None)
    except asyncio.TimeoutError:
        return "failed", f"no answer within {timeout:g} s", None
    except (httpx.HTTPError, ValueError) as exc:
        return "failed", f"{exc.__class__.__name__}: {exc}", None
    how = "hub single sign-on (oidc)" if identity.get("source") == "hub single sign-on" else instance.auth_type
    return "ok", f"{how} accepted for account {account}", identity
