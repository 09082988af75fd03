"""Each hub user's OpenID Connect tokens, kept fresh: the core of the credential broker (no tornado, no JupyterHub).

The hub stores the tokens of a login in the user's encrypted auth state. The broker reads them from there, refreshes
the access token at the identity provider before it expires, and hands out only the access token: the refresh token
never leaves the hub side. Refreshed tokens are kept here (and in a 0600 file), because the hub's copy goes stale
after the first refresh; a new login shows up as a different refresh token in the auth state, and then the auth
state wins again.

One refresh per user at a time: many requests arriving when a token expires wait for the same refresh.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from ..core.http import aread_bounded, make_client
from ..core.offloop import off_loop

# A token with less than this left is refreshed before it is handed out. Users' servers cache what they get until
# it has less than CLIENT_MARGIN left, so whatever they fetch lives at least this long.
REFRESH_MARGIN = 60.0
CLIENT_MARGIN = 45.0
IDP_TIMEOUT = 10.0
# Past this difference between a fresh token's issue time and this machine's clock, the IdP's clock is called skewed.
SKEW_TOLERANCE = 60.0
IDP_BODY_BYTES = 256 * 1024
# Users' token requests save from worker threads at once: one writer of the tokens file (and its .tmp) at a time.
_SAVE_LOCK = threading.Lock()


class CredentialError(Exception):
    """Why no access token can be handed out; ``kind`` is login_required | idp_unreachable | idp_refused |
    clock_skew."""

    def __init__(self, kind: str, message: str, *, status: int) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status


def jwt_claims(token: str) -> dict[str, Any]:
    """The payload of a JWT, unverified: the broker only reads expiry and identity; Rucio verifies signatures."""
    try:
        payload = token.split(".")[1]
        payload += "=" * (-len(payload) % 4)
        claims = json.loads(base64.urlsafe_b64decode(payload))
        return claims if isinstance(claims, dict) else {}
    except (IndexError, ValueError):
        return {}


def fingerprint(secret: str | None) -> str:
    return hashlib.sha256((secret or "").encode()).hexdigest()[:24]


@dataclass
class UserTokens:
    access_token: str
    refresh_token: str | None
    expires_at: float  # on this machine's clock (see from_token_response)
    source: str  # fingerprint of the auth state's refresh token these tokens descend from
    refreshed_at: float = 0.0
    refreshes: int = 0

    def remaining(self, now: float | None = None) -> float:
        return self.expires_at - (time.time() if now is None else now)

    def public(self, username: str) -> dict[str, Any]:
        """What a user's server receives: the access token and what it says, never the refresh token."""
        claims = jwt_claims(self.access_token)
        return {
            "access_token": self.access_token,
            "token_type": "Bearer",
            "expires_at": self.expires_at,
            "username": username,
            "issuer": claims.get("iss"),
            "subject": claims.get("sub"),
            "audience": claims.get("aud"),
            "scope": claims.get("scope", ""),
            "groups": claims.get("wlcg.groups") or claims.get("groups") or [],
            "method": "oidc",
            "refreshed_at": self.refreshed_at or None,
            "refreshes": self.refreshes,
        }


def expiry_of(access_token: str, expires_in: Any, received_at: float) -> float:
    """When a token stops working for the services that check it, on our clock. They compare the JWT's ``exp`` with
    their own clock (on a hub, synchronised with this machine's), so it bounds ``received_at + expires_in``: with
    an IdP clock behind ours, a token lives shorter than ``expires_in`` says."""
    exp = jwt_claims(access_token).get("exp")
    try:
        relative = received_at + float(expires_in)
        return min(relative, float(exp)) if isinstance(exp, (int, float)) else relative
    except (TypeError, ValueError):
        claims = jwt_claims(access_token)
        if "exp" in claims and "iat" in claims:
            # Lifetime from the token itself, anchored at the IdP's issue time: skew shows as tokens that look
            # older or younger by the skew, never as a negative lifetime.
            return float(claims["exp"])
        return received_at + 60.0


def clock_skew(access_token: str, received_at: float) -> float:
    """Seconds the IdP's clock runs ahead of ours (negative: behind), from a token received just now."""
    iat = jwt_claims(access_token).get("iat")
    return float(iat) - received_at if isinstance(iat, (int, float)) else 0.0


def skew_message(idp: str, skew: float) -> str:
    direction = "ahead of" if skew > 0 else "behind"
    effect = "not yet valid" if skew > 0 else "already expired or about to expire"
    return (
        f"{idp}'s clock is {abs(skew):.0f} s {direction} this machine's, so its tokens are {effect} for the "
        "services that check them: the hub's operators must synchronise the clocks (NTP) of the identity "
        "provider and the hub"
    )


def from_auth_state(auth_state: dict[str, Any]) -> UserTokens | None:
    """The tokens of the login stored by oauthenticator (``access_token``, ``refresh_token``, ``token_response``)."""
    access = auth_state.get("access_token")
    if not access:
        return None
    response = auth_state.get("token_response") or {}
    refresh = auth_state.get("refresh_token") or response.get("refresh_token")
    claims = jwt_claims(access)
    expires = float(claims["exp"]) if "exp" in claims else time.time() + float(response.get("expires_in") or 60)
    return UserTokens(access, refresh, expires, fingerprint(refresh or access))


@dataclass
class IdentityProvider:
    token_url: str
    client_id: str
    client_secret: str
    name: str = "identity provider"

    async def refresh(self, refresh_token: str) -> dict[str, Any]:
        """A token response for the refresh grant; CredentialError naming the IdP on any failure."""
        try:
            # The project's HTTP layer (core/http.py): its TLS context and User-Agent, and a body read only up to
            # IDP_BODY_BYTES + 1 (enough to tell a token response from an oversized one).
            async with (
                make_client(IDP_TIMEOUT, auth=None) as client,
                client.stream(
                    "POST",
                    self.token_url,
                    auth=(self.client_id, self.client_secret),
                    data={"grant_type": "refresh_token", "refresh_token": refresh_token},
                ) as response,
            ):
                await aread_bounded(response, IDP_BODY_BYTES + 1)
        except httpx.HTTPError as exc:
            raise CredentialError(
                "idp_unreachable",
                f"{self.name} at {self.token_url} did not answer: {exc.__class__.__name__}: {exc}",
                status=502,
            ) from exc
        body: dict[str, Any] = {}
        if len(response.content) <= IDP_BODY_BYTES:
            try:
                body = response.json()
            except ValueError:
                body = {}
        if response.status_code == 200 and body.get("access_token"):
            return body
        error = body.get("error") or f"HTTP {response.status_code}"
        detail = body.get("error_description") or response.text[:300]
        if error in ("invalid_grant", "unauthorized_client"):
            raise CredentialError(
                "login_required",
                f"{self.name} refused the refresh ({error}: {detail}): the sign-in was revoked or has expired",
                status=401,
            )
        raise CredentialError("idp_refused", f"{self.name} refused the refresh ({error}: {detail})", status=502)


@dataclass
class TokenBroker:
    """Fresh access tokens per user. ``auth_state_of(username)`` is an async callable returning the hub's auth
    state (or None); ``store`` is a 0600 JSON file keeping refreshed tokens across restarts."""

    idp: IdentityProvider
    auth_state_of: object
    store: Path | None = None
    _tokens: dict[str, UserTokens] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.store and self.store.exists():
            try:
                raw = json.loads(self.store.read_text())
                self._tokens = {name: UserTokens(**value) for name, value in raw.items()}
            except (ValueError, TypeError, OSError):
                self._tokens = {}

    async def token(self, username: str) -> UserTokens:
        lock = self._locks.setdefault(username, asyncio.Lock())
        async with lock:
            auth_state = await self.auth_state_of(username)  # type: ignore[operator]
            stored = from_auth_state(auth_state or {})
            if stored is None:
                await self._forget(username)
                raise CredentialError(
                    "login_required", f"the hub holds no tokens for {username}: log in again", status=401
                )
            current = self._tokens.get(username)
            if current is None or current.source != stored.source:
                current = stored  # first use, or a new login since the last refresh
                if clock_skew(current.access_token, time.time()) > SKEW_TOLERANCE:
                    # Issued "in the future": only an IdP clock ahead of ours does that (a login is never younger
                    # than now); such tokens are not yet valid for the services that check them.
                    raise CredentialError(
                        "clock_skew",
                        skew_message(self.idp.name, clock_skew(current.access_token, time.time())),
                        status=502,
                    )
            if current.remaining() < REFRESH_MARGIN:
                current = await self._refresh(username, current)
            self._tokens[username] = current
            await off_loop("hub", self._save)
            return current

    async def _refresh(self, username: str, current: UserTokens) -> UserTokens:
        if not current.refresh_token:
            raise CredentialError(
                "login_required",
                f"the access token of {username} has expired and the login gave "
                "no refresh token (scope offline_access): log in again",
                status=401,
            )
        try:
            response = await self.idp.refresh(current.refresh_token)
        except CredentialError as exc:
            if exc.kind == "login_required":
                await self._forget(username)
            elif current.remaining() > 5:
                return current  # IdP briefly away: the token still works for a while; try again next time
            raise
        now = time.time()
        access = response["access_token"]
        fresh = UserTokens(
            access,
            response.get("refresh_token") or current.refresh_token,
            expiry_of(access, response.get("expires_in"), now),
            current.source,
            now,
            current.refreshes + 1,
        )
        skew = clock_skew(access, now)
        if skew > SKEW_TOLERANCE or (skew < -SKEW_TOLERANCE and fresh.remaining(now) < CLIENT_MARGIN):
            # A token that is born expired (IdP behind) or not yet valid (IdP ahead) would be refused by every
            # service with a bare "invalid token"; the cause is the clocks, so say that.
            raise CredentialError("clock_skew", skew_message(self.idp.name, skew), status=502)
        return fresh

    async def _forget(self, username: str) -> None:
        if self._tokens.pop(username, None) is not None:
            await off_loop("hub", self._save)

    def _save(self) -> None:
        """Write the tokens file: in a worker, never on the hub's event loop, one writer at a time. The copy is
        taken under the lock (a dict copy is atomic under the GIL), so whichever save runs last writes the newest
        state, whatever order the workers run in."""
        if not self.store:
            return
        with _SAVE_LOCK:
            tokens = dict(self._tokens)
            tmp = self.store.with_suffix(".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w") as fh:
                json.dump({name: asdict(t) for name, t in tokens.items()}, fh)
            os.replace(tmp, self.store)
