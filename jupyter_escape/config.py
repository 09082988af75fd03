"""Configuration of jupyter-escape, through traitlets.

Usable from jupyter_server_config.py, JupyterHub's ``c.Spawner.args``/config files and Binder, e.g.::

    c.EscapeConfig.registry_url = "http://127.0.0.1:8090/__system__/tap/run"
    c.EscapeConfig.rucio_instances = [{"name": "escape", "rucio_base_url": "...", "auth_type": "oidc",
                                       "oidc_token_file": "/tmp/rucio_token"}]

Secrets are never config values themselves: they are named by a file path or an environment variable, read on
the server only when needed.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from traitlets import Dict, Float, Int, List, Unicode
from traitlets.config import Configurable

PUBLIC_REGISTRY = "https://reg.g-vo.org/tap"
PUBLIC_RUCIO = {
    "name": "escape",
    "display_name": "ESCAPE data lake (CERN VRE)",
    "rucio_base_url": "https://vre-rucio.cern.ch",
    "auth_url": "https://vre-rucio-auth.cern.ch",
    "auth_type": "oidc",
    "oidc_token_env": "RUCIO_ACCESS_TOKEN",
    "vo": "def",
}
PUBLIC_SOFTWARE = {
    "name": "ossr",
    "display_name": "OSSR (Zenodo community escape2020)",
    "base_url": "https://zenodo.org/api",
    "community": "escape2020",
    "sandbox_url": "https://sandbox.zenodo.org/api",
}

AUTH_TYPES = ("userpass", "x509", "x509_proxy", "oidc")
# The secret-bearing keys of a Rucio instance: named here so they can be dropped from anything sent to a browser.
RUCIO_SECRET_KEYS = ("password", "password_file", "password_env", "oidc_token_file", "oidc_token_env",
                     "certificate", "key", "proxy")
SOFTWARE_SECRET_KEYS = ("token", "token_file", "token_env")


class EscapeConfig(Configurable):
    """Where the data lake, the VO registry and the software repository are, and how far to trust them."""

    registry_url = Unicode(
        PUBLIC_REGISTRY,
        help="TAP endpoint of the RegTAP registry used for VO service discovery.",
    ).tag(config=True)

    vo_services = List(
        Dict(),
        default_value=[],
        help="Extra VO services shown in the Services view: [{'name', 'url', 'kind': 'tap'|'scs'|'sia'|'ssa'}].",
    ).tag(config=True)

    rucio_instances = List(
        Dict(),
        default_value=[PUBLIC_RUCIO],
        help=(
            "Rucio instances: dicts with name, display_name, rucio_base_url, auth_url, vo, account, auth_type "
            "(userpass|x509|x509_proxy|oidc), username, password_file|password_env, certificate, key, proxy, "
            "oidc_token_file|oidc_token_env, ca_cert, destination_rse, rse_mount_path, path_begins_at."
        ),
    ).tag(config=True)

    software_repository = Dict(
        default_value=PUBLIC_SOFTWARE,
        help="Software repository (Zenodo/InvenioRDM): base_url, community, sandbox_url, token_file|token_env.",
    ).tag(config=True)

    check_timeout = Float(5.0, help="Seconds a service status check may take.").tag(config=True)
    request_timeout = Float(60.0, help="Seconds an outbound query may take before it is abandoned.").tag(config=True)
    max_response_bytes = Int(
        512 * 1024 * 1024, help="Largest response body accepted from a remote service, in bytes."
    ).tag(config=True)
    workspace_dir = Unicode(
        "escape-data", help="Folder, relative to the server root, where staged and downloaded data go."
    ).tag(config=True)
    state_dir = Unicode(
        "", help="Folder for the extension's own state (jobs, basket). Default: <jupyter data dir>/escape."
    ).tag(config=True)

    def validate(self) -> list[str]:
        """Every problem in the configuration, as messages a user can act on. Never raises."""
        return validate_config(self.registry_url, self.vo_services, self.rucio_instances, self.software_repository,
                               self.check_timeout)


def _bad_url(value) -> bool:
    if not isinstance(value, str):
        return True
    parsed = urlparse(value)
    return parsed.scheme not in ("http", "https") or not parsed.netloc


def validate_config(registry_url, vo_services, rucio_instances, software_repository, check_timeout) -> list[str]:
    errors: list[str] = []
    if _bad_url(registry_url):
        errors.append(f"EscapeConfig.registry_url: {registry_url!r} is not an http(s) URL")
    for i, svc in enumerate(vo_services):
        if _bad_url(svc.get("url")):
            errors.append(f"EscapeConfig.vo_services[{i}].url: {svc.get('url')!r} is not an http(s) URL")
    names = set()
    for i, inst in enumerate(rucio_instances):
        where = f"EscapeConfig.rucio_instances[{i}]"
        name = inst.get("name")
        if not name:
            errors.append(f"{where}.name: missing")
        elif name in names:
            errors.append(f"{where}.name: {name!r} is used twice")
        names.add(name)
        if _bad_url(inst.get("rucio_base_url")):
            errors.append(f"{where}.rucio_base_url: {inst.get('rucio_base_url')!r} is not an http(s) URL")
        if inst.get("auth_url") is not None and _bad_url(inst.get("auth_url")):
            errors.append(f"{where}.auth_url: {inst.get('auth_url')!r} is not an http(s) URL")
        auth = inst.get("auth_type", "userpass")
        if auth not in AUTH_TYPES:
            errors.append(f"{where}.auth_type: {auth!r} is not one of {', '.join(AUTH_TYPES)}")
        if "password" in inst:
            errors.append(f"{where}.password: give password_file or password_env instead of the password itself")
    if software_repository and _bad_url(software_repository.get("base_url")):
        errors.append(
            f"EscapeConfig.software_repository.base_url: {software_repository.get('base_url')!r} "
            "is not an http(s) URL")
    if check_timeout <= 0:
        errors.append(f"EscapeConfig.check_timeout: {check_timeout} must be positive")
    return errors


def public_view(settings: dict, secret_keys) -> dict:
    """A copy of a config dict safe to send to a browser: secret-bearing keys removed."""
    return {k: v for k, v in settings.items() if k not in secret_keys}


def read_secret(file_path: str | None, env_name: str | None) -> str | None:
    """A secret named by a file or an environment variable; None when neither gives one."""
    if file_path:
        try:
            with open(os.path.expanduser(file_path), encoding="utf-8") as fh:
                value = fh.read().strip()
                return value or None
        except OSError:
            return None
    if env_name:
        return os.environ.get(env_name) or None
    return None
