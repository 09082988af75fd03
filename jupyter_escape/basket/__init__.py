"""The research basket, from a notebook: the same items the ESCAPE panel shows.

    from jupyter_escape import basket
    basket.items()                          # what is in the basket
    t = basket.get(item_id).to_table()      # astropy Table (also .to_pandas(), .to_arrow(), .paths())
    basket.add(my_table, title="my picks")  # rows (astropy / pandas / Arrow) into the basket
    basket.add(kind="vo_query", service_url=url, query="SELECT ...")
    basket.sql("SELECT count(*) FROM gaia_sample")   # the workspace DuckDB
    basket.crossmatch(a, b, radius_arcsec=1)         # see jupyter_escape.basket.xmatch

The store is ``<state_dir>/basket.sqlite``; ``state_dir`` is what the running server uses (handed to kernels
through ``ESCAPE_SERVER_CONFIG``), else ``$ESCAPE_STATE_DIR``, else ``<jupyter data dir>/escape``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .model import KINDS, Item  # noqa: F401

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa
    from astropy.table import Table

    from .api import Basket, Entry
    from .store import GroupInfo
    from .workspace import TableInfo
    from .xmatch import MatchResult

_cache: dict[tuple[str, str, str], Basket] = {}


def basket() -> Basket:
    """The Basket object for this kernel's context (created once per state folder and root)."""
    from .api import Basket
    from .context import BasketContext

    ctx = BasketContext.for_kernel()
    key = (str(ctx.state_dir), str(ctx.root_dir), str(ctx.workspace_dir))
    if key not in _cache:
        _cache[key] = Basket(ctx)
    return _cache[key]


def items(group: str | None = None, kind: str | None = None) -> list[Entry]:
    b = basket()
    return [b.get(i.id) for i in b.items(group=group, kind=kind)]


def get(item_id: str) -> Entry:
    return basket().get(item_id)


def add(
    what: object = None,
    /,
    *,
    kind: str | None = None,
    title: str | None = None,
    group: str | None = None,
    notes: str = "",
    **payload: Any,
) -> Entry:
    """Add to the basket.

    ``add(table)`` (astropy / pandas / Arrow) stores the rows; ``add("path/in/workspace.fits")`` adds a file
    (relative to the server root); ``add(kind=..., **payload)`` adds any item kind, e.g.
    ``add(kind="datalake_did", scope="user.me", name="file.fits")``.
    """
    b = basket()
    fields = {"title": title, "group": group, "notes": notes}
    if what is not None and kind is None:
        if isinstance(what, (str, os.PathLike)):
            path = os.fspath(what)
            root = str(b.ctx.root_dir)
            rel = os.path.relpath(os.path.abspath(path), root) if os.path.isabs(path) or os.path.exists(path) else path
            return b.get(b.add("workspace_file", {"path": rel}, **fields).id)
        return b.get(b.add_table(what, origin=payload.get("origin"), **fields).id)
    if kind is None:
        raise TypeError("add() needs a table, a path, or kind=... with the item's fields")
    return b.get(b.add(kind, payload, **fields).id)


def remove(item_id: str) -> None:
    basket().remove(item_id)


def groups() -> list[GroupInfo]:
    return basket().store.groups()


def sql(
    query: str,
    *,
    limit: int | None = None,
    write: bool = True,
    as_: str = "pandas",
    tables: dict[str, Any] | None = None,
) -> pd.DataFrame | pa.Table | Table:
    """Run SQL on the workspace database. ``tables`` maps names to in-kernel tables (pandas/Arrow) usable in the
    query. Returns a pandas DataFrame (``as_="arrow"`` or ``"astropy"`` for those)."""
    from .tableio import to_arrow, to_astropy

    result = basket().sql(
        query, limit=limit, read_only=not write, tables={k: to_arrow(v) for k, v in (tables or {}).items()}
    )
    if as_ == "arrow":
        return result.table
    if as_ == "astropy":
        return to_astropy(result.table)
    return result.table.to_pandas()


def tables() -> list[TableInfo]:
    return basket().db.tables()


def crossmatch(left: Any, right: Any, radius_arcsec: float = 1.0, **kwargs: Any) -> MatchResult:
    """Cross-match two tables (items, workspace tables, paths or table objects); see xmatch.crossmatch."""
    from .xmatch import crossmatch_in_basket

    return crossmatch_in_basket(basket(), left, right, radius_arcsec=radius_arcsec, **kwargs)


def save_to_notebook(notebook_path: str | os.PathLike[str], item_ids: list[str] | None = None) -> dict[str, Any]:
    from .notebook import save_to_notebook as _save

    return _save(basket().store, notebook_path, item_ids)


def load_from_notebook(notebook_path: str | os.PathLike[str], mode: str = "merge") -> dict[str, Any]:
    from .notebook import load_from_notebook as _load

    return _load(basket(), notebook_path, mode)
