"""Rucio instances as configured in ``EscapeConfig.rucio_instances``: lookup, defaults, the browser-safe view, and
instances read from the rucio CLI's own ``rucio.cfg`` (``{"name": ..., "rucio_cfg": "default" | path}``)."""

from __future__ import annotations

import configparser
import functools
import getpass
import os
import ssl
from dataclasses import dataclass
from typing import Any

from ..config import RUCIO_SECRET_KEYS, public_view
from ..core.errors import EscapeError

SERVICE = "Rucio"


@functools.lru_cache(maxsize=16)
def _ssl_context(cafile: str) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=cafile)


def cli_config_path(value: str | bool | None) -> str:
    """The rucio.cfg the rucio CLI reads: an explicit path, else RUCIO_CONFIG, else the first rucio.cfg in
    rucio-clients' own configuration folders ($RUCIO_HOME/etc, $VIRTUAL_ENV/etc, $CONDA_PREFIX/etc, /opt/rucio/etc)."""
    if isinstance(value, str) and value not in ("", "default"):
        return os.path.expanduser(value)
    if os.environ.get("RUCIO_CONFIG"):
        return os.path.expanduser(os.environ["RUCIO_CONFIG"])
    from rucio.common.config import get_config_dirs

    folders = get_config_dirs()
    for folder in folders:
        if os.path.isfile(os.path.join(folder, "rucio.cfg")):
            return os.path.join(folder, "rucio.cfg")
    return os.path.join(folders[0], "rucio.cfg")


def cli_client_section(path: str) -> dict[str, str] | None:
    """The ``[client]`` section of a rucio.cfg, None when the file cannot be read or has none."""
    parser = configparser.RawConfigParser()
    try:
        if not parser.read(path) or not parser.has_section("client"):
            return None
    except (configparser.Error, OSError, UnicodeDecodeError):
        return None
    return dict(parser.items("client"))


# rucio.cfg [client] option -> instance setting
_CLI_KEYS = {
    "rucio_host": "rucio_base_url",
    "auth_host": "auth_url",
    "auth_type": "auth_type",
    "account": "account",
    "vo": "vo",
    "ca_cert": "ca_cert",
    "username": "username",
    "client_cert": "certificate",
    "client_key": "key",
    "client_x509_proxy": "proxy",
}


def from_rucio_cfg(settings: dict[str, Any]) -> dict[str, Any]:
    """An instance whose server, account and credentials are the rucio CLI's: read from its rucio.cfg, with the
    token file the CLI uses (``auth_token_file_path``, else rucio-clients' default per user and account), so the
    extension and the ``rucio`` command in a terminal share one login. Keys given in the instance's own settings
    win; the password stays in the rucio.cfg (read when logging in, never copied)."""
    if not settings.get("rucio_cfg") or settings.get("rucio_token_file"):
        return settings
    path = cli_config_path(settings["rucio_cfg"])
    client = cli_client_section(path) or {}
    mapped = {ours: client[theirs] for theirs, ours in _CLI_KEYS.items() if client.get(theirs)}
    merged = {**mapped, **{k: v for k, v in settings.items() if k != "rucio_cfg"}, "rucio_cfg": path}
    from rucio.client.baseclient import BaseClient

    account, vo = merged.get("account"), merged.get("vo")
    folder = BaseClient.TOKEN_PATH_PREFIX + getpass.getuser() + (f"@{vo}" if vo and vo != "def" else "")
    suffix = f"for_account_{account}" if account else "for_default_account"
    merged["rucio_token_file"] = client.get("auth_token_file_path") or f"{folder}/{BaseClient.TOKEN_PREFIX}{suffix}"
    return merged


@dataclass(frozen=True)
class Instance:
    """One configured Rucio instance. ``settings`` is the raw config dict (it may name secret files)."""

    settings: dict[str, Any]

    def __post_init__(self) -> None:
        if self.settings.get("rucio_cfg"):
            object.__setattr__(self, "settings", from_rucio_cfg(self.settings))

    @property
    def name(self) -> str:
        name: str = self.settings["name"]
        return name

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
        auth_type: str = self.settings.get("auth_type", "userpass")
        return auth_type

    @property
    def account(self) -> str | None:
        return self.settings.get("account")

    @property
    def vo(self) -> str | None:
        return self.settings.get("vo")

    @property
    def verify(self) -> ssl.SSLContext | bool:
        """TLS verification for the Rucio server and https storage: the configured CA file, else the system's."""
        ca = self.settings.get("ca_cert")
        return _ssl_context(os.path.expanduser(ca)) if ca else True

    def get(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    def public(self) -> dict[str, Any]:
        view = public_view(self.settings, RUCIO_SECRET_KEYS)
        view.setdefault("auth_type", self.auth_type)
        return view


def find_instance(instances: list[dict[str, Any]], name: str | None) -> Instance:
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
