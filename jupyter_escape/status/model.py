from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class ServiceStatus:
    """What the Services view shows for one service. Carries no secret: only states and remote messages."""

    id: str
    kind: str  # registry | tap | scs | sia | ssa | datalake | software
    name: str
    url: str
    reachable: bool = False
    auth: str = "n/a"  # none | ok | missing | expired | failed | n/a
    auth_detail: str | None = None
    latency_ms: float | None = None
    error: str | None = None
    detail: str | None = None
    # Who we are signed in as: account, method (oidc | x509 | x509_proxy | userpass), expires_at (epoch s),
    # and recover_url when signing in again is the way out. Never a credential.
    identity: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
