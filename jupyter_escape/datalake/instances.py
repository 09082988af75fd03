"""Rucio instances as configured in ``EscapeConfig.rucio_instances``: lookup, defaults, the browser-safe view."""

from __future__ import annotations

import functools
import os
import ssl
from dataclasses import dataclass

from ..config import RUCIO_SECRET_KEYS, public_view
from ..core.errors import EscapeError

SERVICE = "Rucio"


@functools.lru_cache(maxsize=16)
def _ssl_context(cafile: str) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=cafile)


@dataclass(frozen=True)
class Instance:
    """One configured Rucio instance. ``settings`` is the raw config dict (it may name secret files)."""

    settings: dict

    @property
    def name(self) -> str:
        return self.settings["name"]

    @property
    def service(self) -> str:
        """How errors name this instance: the display name the user sees in the Services view."""
        return self.settings.get("display_name") or f"Rucio {self.name}"

    @property
    def base_url(self) -> str:
        return str(self.settings.get("rucio_base_url", "")).rstrip("/")

    @property
    def auth_url(self) -> str:
        return str(self.settings.get("auth_url") or self.base_url).rstrip("/")

    @property
    def auth_type(self) -> str:
        return self.settings.get("auth_type", "userpass")

    @property
    def account(self) -> str | None:
        return self.settings.get("account")

    @property
    def vo(self) -> str | None:
        return self.settings.get("vo")

    @property
    def verify(self):
        """TLS verification for the Rucio server and https storage: the configured CA file, else the system's."""
        ca = self.settings.get("ca_cert")
        return _ssl_context(os.path.expanduser(ca)) if ca else True

    def get(self, key: str, default=None):
        return self.settings.get(key, default)

    def public(self) -> dict:
        view = public_view(self.settings, RUCIO_SECRET_KEYS)
        view.setdefault("auth_type", self.auth_type)
        return view


def find_instance(instances: list[dict], name: str | None) -> Instance:
    """The instance called ``name``; the first configured one when ``name`` is empty."""
    if not instances:
        raise EscapeError(
            "no Rucio instance is configured (EscapeConfig.rucio_instances is empty)", service=SERVICE, status=404
        )
    if not name:
        return Instance(instances[0])
    for inst in instances:
        if inst.get("name") == name:
            return Instance(inst)
    known = ", ".join(str(i.get("name")) for i in instances)
    raise EscapeError(f"instance: no Rucio instance named {name!r} (configured: {known})", service=SERVICE, status=404)
