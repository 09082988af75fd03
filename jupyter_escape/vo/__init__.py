"""Virtual Observatory: registry search, TAP (sync and async), cone/SIA/SSA, DataLink, VOTable -> Arrow.

The notebook API (blocking functions, no Jupyter server needed) is re-exported here::

    from jupyter_escape import vo
    vo.search_registry(keywords="lofar", servicetype="tap")
    vo.query(url, "SELECT TOP 10 * FROM esc_demo.main").to_arrow()

The async building blocks live in the submodules: protocols (tap, uws, registry, dal, datalink), how results travel
(transport/) and the VOTable decoder (votable/); docs/architecture.md has the map.
The notebook API is imported on first use (PEP 562): the server's handlers and ``from jupyter_escape.vo import tap``
do not pay for astropy.table (~0.85 s, ~60 MiB), which only the notebook API's astropy Tables need.
"""

from __future__ import annotations

from typing import Any

_API = (
    "Job",
    "ResultTable",
    "code_for_query",
    "cone_search",
    "download",
    "examples",
    "links",
    "query",
    "read_votable",
    "search_many",
    "search_registry",
    "sia2_search",
    "sia_search",
    "ssa_search",
    "submit",
    "table_columns",
    "tables",
    "to_ipc_stream",
)
__all__ = list(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
