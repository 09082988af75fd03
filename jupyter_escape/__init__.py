"""jupyter-escape: JupyterLab as an ESCAPE research environment.

The server extension proxies the Rucio data lake, the Virtual Observatory and the OSSR software repository;
the notebook API (``jupyter_escape.datalake``, ``jupyter_escape.vo``, ``jupyter_escape.basket``,
``jupyter_escape.sky``) gives the same features to code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jupyter_server.serverapp import ServerApp

try:
    from ._version import __version__ as __version__
except ImportError:  # running from a source tree that was never built
    import warnings

    warnings.warn("Importing 'jupyter_escape' outside a proper installation.", stacklevel=2)
    __version__ = "dev"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyter-escape"}]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "jupyter_escape"}]


def _load_jupyter_server_extension(server_app: ServerApp) -> None:
    # Imported lazily so that `import jupyter_escape` in a kernel does not pull in tornado/jupyter_server.
    from .extension import load_extension

    load_extension(server_app)


def _unload_jupyter_server_extension(server_app: ServerApp) -> None:
    # Leave what the server registered with outside services (the SAMP hub) when it stops.
    from .extension import unload_extension

    unload_extension(server_app)
