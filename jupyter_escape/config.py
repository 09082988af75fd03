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
from collections.abc import Container
from typing import Any
from urllib.parse import urlparse

from traitlets import Bool, Dict, Float, Int, List, Unicode, validate
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
RUCIO_SECRET_KEYS = (
    "password",
    "password_file",
    "password_env",
    "oidc_token_file",
    "oidc_token_env",
    "certificate",
    "key",
    "proxy",
    "rucio_cfg",  # the CLI's rucio.cfg may hold a password
    "rucio_token_file",
)
SOFTWARE_SECRET_KEYS = ("token", "token_file", "token_env")
PUBLIC_ZOONIVERSE = {"name": "zooniverse", "display_name": "Zooniverse", "endpoint": "https://www.zooniverse.org"}
ZOONIVERSE_SECRET_KEYS = (
    "password",
    "password_file",
    "password_env",
    "client_secret",
    "client_secret_file",
    "client_secret_env",
)


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
            "oidc_token_file|oidc_token_env|oidc_token_broker (the hub's credential broker URL: single sign-on), "
            "ca_cert, destination_rse, rse_mount_path, path_begins_at, default_scope (the scope the panels open on); "
            "or rucio_cfg ('default' or a path: server, account and credentials as the rucio CLI reads them from its "
            "rucio.cfg, sharing the CLI's token file)."
        ),
    ).tag(config=True)

    @validate("rucio_instances")
    def _read_rucio_cfg(self, proposal: dict[str, Any]) -> list[Any]:
        """Instances given as the CLI's rucio.cfg get their server and account from it here, once, so every reader
        of the configuration (routes, status probes, kernels) sees the same instance."""
        instances = [dict(inst) for inst in proposal["value"]]
        if not any(inst.get("rucio_cfg") for inst in instances):
            return instances
        from .datalake.instances import from_rucio_cfg

        return [from_rucio_cfg(inst) for inst in instances]

    software_repository = Dict(
        default_value=PUBLIC_SOFTWARE,
        help="Software repository (Zenodo/InvenioRDM): base_url, community, sandbox_url, token_file|token_env.",
    ).tag(config=True)

    zooniverse = Dict(
        default_value=PUBLIC_ZOONIVERSE,
        help=(
            "Citizen science (the Panoptes API behind Zooniverse): endpoint, display_name, username with "
            "password_file|password_env, or client_id with client_secret_file|client_secret_env."
        ),
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

    # --- Outbound policy and isolation of load (docs/security.md, "Outbound policy" and "Isolation of load")
    block_private_targets = Bool(
        False,
        help=(
            "Refuse outbound connections to loopback, private, link-local and other non-global addresses, "
            "checked after DNS resolution and on every redirect, except those in outbound_allowlist. Off for a "
            "single-user JupyterLab; recommended on a shared JupyterHub."
        ),
    ).tag(config=True)
    outbound_allowlist = List(
        Unicode(),
        default_value=[],
        help=(
            "Addresses still reachable with block_private_targets on: 'CIDR' or 'CIDR:port' "
            "(e.g. '127.0.0.1:8090', '10.1.0.0/16', '[::1]:8091')."
        ),
    ).tag(config=True)
    pillar_workers = Int(
        4,
        help="Worker threads of each pillar (vo, datalake, ossr, basket, sky, core): one slow service can "
        "only occupy its own pillar's workers.",
    ).tag(config=True)
    blocking_timeout = Float(
        300.0,
        help="Seconds a route waits for its blocking work (a worker thread) before answering 504.",
    ).tag(config=True)
    inflight_bytes_budget = Int(
        768 * 1024 * 1024,
        help="Bytes of remote answers all requests together may hold while they arrive; past it, 503.",
    ).tag(config=True)

    def validate(self) -> list[str]:
        """Every problem in the configuration, as messages a user can act on. Never raises."""
        errors = validate_config(
            self.registry_url, self.vo_services, self.rucio_instances, self.software_repository, self.check_timeout
        )
        from .core.netpolicy import parse_allow

        for i, entry in enumerate(self.outbound_allowlist):
            try:
                parse_allow(entry)
            except ValueError as exc:
                errors.append(f"EscapeConfig.outbound_allowlist[{i}]: {exc}")
        return errors


def _bad_url(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parsed = urlparse(value)
    return parsed.scheme not in ("http", "https") or not parsed.netloc


def validate_config(
    registry_url: object,
    vo_services: list[dict[str, Any]],
    rucio_instances: list[dict[str, Any]],
    software_repository: dict[str, Any],
    check_timeout: float,
) -> list[str]:
    errors: list[str] = []
    if _bad_url(registry_url):
        errors.append(f"EscapeConfig.registry_url: {registry_url!r} is not an http(s) URL")
    for i, svc in enumerate(vo_services):
        if _bad_url(svc.get("url")):
            errors.append(f"EscapeConfig.vo_services[{i}].url: {svc.get('url')!r} is not an http(s) URL")
        if svc.get("auth") not in (None, "bearer"):
            errors.append(
                f'EscapeConfig.vo_services[{i}].auth: {svc.get("auth")!r} is not "bearer" (the single '
                "sign-on token) or absent"
            )
    names = set()
    for i, inst in enumerate(rucio_instances):
        where = f"EscapeConfig.rucio_instances[{i}]"
        name = inst.get("name")
        if not name:
            errors.append(f"{where}.name: missing")
        elif name in names:
            errors.append(f"{where}.name: {name!r} is used twice")
        names.add(name)
        if inst.get("rucio_cfg") and not inst.get("rucio_base_url"):
            errors.append(f"{where}.rucio_cfg: no [client] rucio_host in {inst.get('rucio_cfg')}")
            continue
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
            f"EscapeConfig.software_repository.base_url: {software_repository.get('base_url')!r} is not an http(s) URL"
        )
    if check_timeout <= 0:
        errors.append(f"EscapeConfig.check_timeout: {check_timeout} must be positive")
    return errors


def public_view(settings: dict[str, Any], secret_keys: Container[str]) -> dict[str, Any]:
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


def write_private_file(path: str | os.PathLike[str], text: str) -> str:
    """Write ``text`` to a file only its owner can read (0600; folder 0700 when created). For tokens handed to the
    extension by a deployment's configuration (jupyter_server_config.py), as a real token file would be."""
    folder = os.path.dirname(os.fspath(path))
    if folder:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # O_CREAT keeps the mode of an existing file
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return os.fspath(path)


# --- Sharing the server's configuration with kernels -------------------------------------------------------------
# Kernels started by the server inherit its environment. The server extension writes its effective configuration
# (which holds no secret: only the names of files and variables that hold them) to a 0600 file and points
# ESCAPE_SERVER_CONFIG at it, so `jupyter_escape.datalake`, `.vo`, `.basket` in a notebook see what the panels see.
SERVER_CONFIG_ENV = "ESCAPE_SERVER_CONFIG"
STATE_DIR_ENV = "ESCAPE_STATE_DIR"
_TRAITS = (
    "registry_url",
    "vo_services",
    "rucio_instances",
    "software_repository",
    "zooniverse",
    "check_timeout",
    "request_timeout",
    "max_response_bytes",
    "workspace_dir",
    "state_dir",
)


def config_to_dict(cfg: EscapeConfig) -> dict[str, Any]:
    return {name: getattr(cfg, name) for name in _TRAITS}


def write_kernel_config(cfg: EscapeConfig, state_dir: str, root_dir: str) -> str:
    import json

    path = os.path.join(state_dir, "server-config.json")
    payload = {**config_to_dict(cfg), "state_dir": state_dir, "root_dir": root_dir}
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # O_CREAT keeps the mode of a stale temp file left by a crash
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, indent=1)
    os.replace(path + ".tmp", path)
    os.environ[SERVER_CONFIG_ENV] = path
    os.environ[STATE_DIR_ENV] = state_dir
    return path


def load_kernel_config() -> tuple[EscapeConfig, dict[str, Any]]:
    """The configuration as a notebook kernel sees it: (EscapeConfig, extras with state_dir and root_dir).

    Order: the file the running server wrote (ESCAPE_SERVER_CONFIG), else the defaults. Outside a server
    (a plain python script), ESCAPE_STATE_DIR and the current directory stand in for the server's folders.
    """
    import json

    path = os.environ.get(SERVER_CONFIG_ENV)
    data: dict[str, Any] = {}
    if path and os.path.isfile(path):
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    extras = {
        "state_dir": data.pop("state_dir", "") or os.environ.get(STATE_DIR_ENV) or _default_state_dir(),
        "root_dir": data.pop("root_dir", "") or os.getcwd(),
    }
    cfg = EscapeConfig()
    for name, value in data.items():
        if name in _TRAITS:
            setattr(cfg, name, value)
    # Imported here: it pulls in httpx, which config itself does not need.
    from .core.service_auth import SERVICE_CREDENTIALS

    SERVICE_CREDENTIALS.configure(cfg.vo_services)
    return cfg, extras


def _default_state_dir() -> str:
    try:
        from jupyter_core.paths import jupyter_data_dir
    except ImportError:
        return os.path.expanduser("~/.local/share/jupyter/escape")
    return os.path.join(jupyter_data_dir(), "escape")
