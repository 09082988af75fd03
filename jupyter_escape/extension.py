"""Server-extension wiring: configuration, shared state and routes. Everything else lives in the domain modules."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from jupyter_core.paths import jupyter_data_dir
from jupyter_server.utils import url_path_join

from .config import EscapeConfig, write_kernel_config
from .handlers.status import HandshakeHandler, OpenAPIHandler, StatusHandler

API_PREFIX = ("escape", "api")


@dataclass
class EscapeState:
    """What every handler shares: the configuration, its problems, and where state may be kept."""

    config: EscapeConfig
    config_errors: list[str]
    root_dir: str
    state_dir: str
    extras: dict = field(default_factory=dict)  # per-pillar registries (jobs, basket store), set by their setup()


def routes() -> list[tuple[str, type]]:
    """(path below /escape/api, handler) for every route; pillars add theirs here."""
    table = [
        ("handshake", HandshakeHandler),
        ("status", StatusHandler),
        ("openapi.json", OpenAPIHandler),
    ]
    for module_name in ("vo", "datalake", "ossr", "basket", "scale", "sky", "plots", "zooniverse"):
        table += _pillar_routes(module_name)
    table += _pillar_routes("samp")  # after the basket: received tables go into it
    return table


def route_pattern(handler: type) -> str | None:
    """The pattern ``handler`` is registered under (each handler class serves one route)."""
    global _PATTERNS
    if _PATTERNS is None:
        _PATTERNS = {h: pattern for pattern, h in routes()}
    return _PATTERNS.get(handler)


_PATTERNS: dict | None = None


def _pillar_routes(module_name: str) -> list[tuple[str, type]]:
    """A pillar's handlers module exposes ``ROUTES``; a pillar not built yet simply has none."""
    import importlib

    try:
        module = importlib.import_module(f"jupyter_escape.handlers.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"jupyter_escape.handlers.{module_name}":
            return []
        raise
    return list(getattr(module, "ROUTES", []))


def _setup_pillars(state: EscapeState, log) -> None:
    import importlib

    for module_name in ("vo", "datalake", "ossr", "basket", "scale", "sky", "plots", "zooniverse"):
        try:
            module = importlib.import_module(f"jupyter_escape.handlers.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"jupyter_escape.handlers.{module_name}":
                continue
            raise
        setup = getattr(module, "setup", None)
        if setup is not None:
            setup(state, log)
    from .handlers import samp

    samp.setup(state, log)  # needs the basket's and the VO pillar's state, set up above


def load_extension(server_app) -> None:
    config = EscapeConfig(parent=server_app)
    errors = config.validate()
    for message in errors:
        # Invalid configuration is reported, in the log and in the Services view, but never stops the server.
        server_app.log.error("jupyter-escape configuration: %s", message)
    root_dir = os.path.abspath(os.path.expanduser(server_app.root_dir))
    state_dir = config.state_dir or os.path.join(jupyter_data_dir(), "escape")
    os.makedirs(state_dir, mode=0o700, exist_ok=True)
    state = EscapeState(config=config, config_errors=errors, root_dir=root_dir, state_dir=state_dir)
    write_kernel_config(config, state_dir, root_dir)
    _apply_limits(config)
    # VO services configured with "auth": "bearer" get the single sign-on token on every request.
    from .core.service_auth import SERVICE_CREDENTIALS

    SERVICE_CREDENTIALS.configure(config.vo_services)
    web_app = server_app.web_app
    web_app.settings["escape"] = state
    _setup_pillars(state, server_app.log)
    base_url = web_app.settings["base_url"]
    handlers = [(url_path_join(base_url, *API_PREFIX, path), handler) for path, handler in routes()]
    web_app.add_handlers(".*$", handlers)
    server_app.log.info(
        "jupyter-escape %s: %d routes under %s", _version(), len(handlers), url_path_join(base_url, *API_PREFIX)
    )


def _apply_limits(config: EscapeConfig) -> None:
    """Process-wide: the outbound policy every client checks, the pillars' pools, the byte budget, and how long a
    caller waits off the loop."""
    from .core import load, netpolicy, offloop

    try:
        policy = netpolicy.OutboundPolicy.from_settings(config.block_private_targets, config.outbound_allowlist)
    except ValueError:  # reported by validate(); refuse everything the switch covers rather than allow it
        policy = netpolicy.OutboundPolicy(config.block_private_targets, ())
    netpolicy.configure(policy)
    load.POOLS.configure(config.pillar_workers)
    load.BUDGET.configure(config.inflight_bytes_budget)
    offloop.configure(config.blocking_timeout)


def _version() -> str:
    from . import __version__

    return __version__


def unload_extension(server_app) -> None:
    """On server stop: unregister from the SAMP hub (a hub keeps dead clients listed otherwise)."""
    state = server_app.web_app.settings.get("escape")
    service = state.extras.get("samp") if state is not None else None
    if service is not None:
        service.close()
    if state is not None:
        from .handlers import scale

        scale.close(state)  # a cluster the panel started ends with the server
