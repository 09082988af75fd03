"""Server-extension wiring: configuration, shared state and routes. Everything else lives in the domain modules."""

from __future__ import annotations

import importlib.util
import logging
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jupyter_core.paths import jupyter_data_dir
from jupyter_server.utils import url_path_join

from .config import EscapeConfig, write_kernel_config
from .handlers import basket, datalake, ossr, plots, samp, scale, sky, vo, zooniverse
from .handlers.status import HandshakeHandler, OpenAPIHandler, StatusHandler

if TYPE_CHECKING:
    from jupyter_server.serverapp import ServerApp


API_PREFIX = ("escape", "api")


@dataclass
class EscapeState:
    """What every handler shares: the configuration, its problems, and where state may be kept."""

    config: EscapeConfig
    config_errors: list[str]
    root_dir: str
    state_dir: str
    extras: dict[str, Any] = field(
        default_factory=dict
    )  # per-pillar registries (jobs, basket store), set by their setup()


# Every pillar's handlers module: its ROUTES, and setup(state, log) run in this order at start. The basket before
# scale (its service reads basket tables); SAMP last: received tables go into the basket, results come from VO.
PILLARS = (vo, datalake, ossr, basket, scale, sky, plots, zooniverse, samp)

# Optional extras (pyproject.toml): the pillars import them only when used, so their routes are served without
# them; the log says at start what is missing instead of leaving it to the first request that needs it.
OPTIONAL_EXTRAS = (
    ("scale", "lsdb", "the Scale panel's LSDB cross-matches over HATS catalogues"),
    ("scale", "dask_gateway", "the Scale panel's Dask Gateway clusters"),
    ("zooniverse", "panoptes_client", "the Zooniverse panel"),
)


def routes() -> list[tuple[str, type]]:
    """(path below /escape/api, handler) for every route."""
    table: list[tuple[str, type]] = [
        ("handshake", HandshakeHandler),
        ("status", StatusHandler),
        ("openapi.json", OpenAPIHandler),
    ]
    for pillar in PILLARS:
        table += pillar.ROUTES
    return table


def route_pattern(handler: type) -> str | None:
    """The pattern ``handler`` is registered under (each handler class serves one route)."""
    global _PATTERNS
    if _PATTERNS is None:
        _PATTERNS = {h: pattern for pattern, h in routes()}
    return _PATTERNS.get(handler)


_PATTERNS: dict[type, str] | None = None


def _setup_pillars(state: EscapeState, log: logging.Logger) -> None:
    for pillar in PILLARS:
        pillar.setup(state, log)


def _report_missing_extras(log: logging.Logger) -> None:
    for extra, module, what in OPTIONAL_EXTRAS:
        if importlib.util.find_spec(module) is None:
            log.warning(
                "jupyter-escape: %s unavailable: %s is not installed (pip install 'jupyter-escape[%s]')",
                what,
                module,
                extra,
            )


def load_extension(server_app: ServerApp) -> None:
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
    _report_missing_extras(server_app.log)
    base_url = web_app.settings["base_url"]
    handlers = [(url_path_join(base_url, *API_PREFIX, path), handler) for path, handler in routes()]
    # jupyter_server overrides tornado's (typed) add_handlers without annotations.
    web_app.add_handlers(".*$", handlers)  # type: ignore[no-untyped-call]
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

    return str(__version__)  # str already; typed Any where the build has not written _version.py


def unload_extension(server_app: ServerApp) -> None:
    """On server stop: unregister from the SAMP hub (a hub keeps dead clients listed otherwise)."""
    state = server_app.web_app.settings.get("escape")
    service = state.extras.get("samp") if state is not None else None
    if service is not None:
        service.close()
    if state is not None:
        scale.close(state)  # a cluster the panel started ends with the server
