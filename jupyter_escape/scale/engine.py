"""Which cross-match engine runs: in memory (``"memory"``: declination zones, a KD-tree past 30 arcsec) for what
fits, LSDB on a Dask cluster (``"dask"``) for what does not or is already HATS on disk. The choice and its reason go
into the result, its provenance and the panel, and ``engine=`` overrides it.

``"scipy"``, the in-memory engine's name while it was a scipy KD-tree, is still accepted: it means ``"memory"``,
with a DeprecationWarning and a note in the result (:func:`engine_name`).
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass
from typing import Any

from ..core.errors import BadInput

ENGINES = ("auto", "memory", "dask")
# Former names, still accepted: name -> the engine it means now
DEPRECATED_ENGINES = {"scipy": "memory"}
# Peak bytes per input row of the KD-tree path beyond the table itself: unit vectors (24), tree nodes and
# indices (~40), query order and results (~40), measured ~3.6 GiB peak at 5M x 5M narrow rows.
KDTREE_BYTES_PER_ROW = 110
# Use at most this share of the memory available now: the server, kernels and other users share the machine.
MEMORY_SHARE = 0.5


@dataclass
class EngineChoice:
    engine: str
    reason: str
    estimated_bytes: int
    available_bytes: int
    requested: str
    # set when the engine was asked for by a deprecated name: says which name to use
    deprecation: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def engine_name(requested: str) -> tuple[str, str | None]:
    """The engine ``requested`` names, and for a deprecated name the note saying so (also warned as a
    DeprecationWarning, pointing at the caller's caller: the notebook line that passed it)."""
    if requested in DEPRECATED_ENGINES:
        name = DEPRECATED_ENGINES[requested]
        note = (
            f"engine={requested!r} is deprecated: the in-memory engine is called {name!r} "
            f"(it searches declination zones and uses scipy only past 30 arcsec)"
        )
        warnings.warn(note, DeprecationWarning, stacklevel=4)
        return name, note
    if requested not in ENGINES:
        raise BadInput("engine", f"{requested!r} is not one of {', '.join(ENGINES)}")
    return requested, None


def estimate_bytes(n_left: int, n_right: int, table_bytes: int = 0) -> int:
    """Peak memory of the in-memory engine: both tables, the trees and the joined result (~ the left table)."""
    return int((n_left + n_right) * KDTREE_BYTES_PER_ROW + table_bytes * 2)


def choose(
    n_left: int,
    n_right: int,
    *,
    table_bytes: int = 0,
    on_disk_hats: bool = False,
    requested: str = "auto",
    available_bytes: int | None = None,
) -> EngineChoice:
    """The engine for inputs of these sizes (``requested``: "auto", "memory" or "dask", or a deprecated name)."""
    requested, deprecation = engine_name(requested)
    choice = _choose(n_left, n_right, table_bytes, on_disk_hats, requested, available_bytes)
    choice.deprecation = deprecation
    return choice


def _choose(
    n_left: int, n_right: int, table_bytes: int, on_disk_hats: bool, requested: str, available_bytes: int | None
) -> EngineChoice:
    if available_bytes is None:
        from .cluster import machine

        available_bytes = machine()["memory_available"]
    need = estimate_bytes(n_left, n_right, table_bytes)
    budget = int(available_bytes * MEMORY_SHARE)
    gib = 1024**3
    if requested != "auto":
        return EngineChoice(
            requested,
            f"engine={requested} requested (estimate {need / gib:.2f} GiB in memory, {budget / gib:.1f} GiB budget)",
            need,
            available_bytes,
            requested,
        )
    if on_disk_hats and need > budget // 8:
        return EngineChoice(
            "dask",
            f"inputs are HATS catalogues on disk and the in-memory estimate "
            f"({need / gib:.2f} GiB) is not small: LSDB reads them partition by partition",
            need,
            available_bytes,
            requested,
        )
    if need <= budget:
        return EngineChoice(
            "memory",
            f"fits in memory: estimate {need / gib:.2f} GiB of {budget / gib:.1f} GiB "
            f"budget (half of the memory available)",
            need,
            available_bytes,
            requested,
        )
    return EngineChoice(
        "dask",
        f"too large for memory: estimate {need / gib:.2f} GiB > {budget / gib:.1f} GiB budget "
        f"(half of the memory available): LSDB on a Dask cluster, out of core",
        need,
        available_bytes,
        requested,
    )
