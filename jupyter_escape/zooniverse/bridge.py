"""Zooniverse to the basket: a classification export becomes a basket table with its provenance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import exports, table
from .client import ZooniverseSettings, session

if TYPE_CHECKING:
    from ..basket.api import Basket


def export_to_basket(
    basket: Basket,
    settings: ZooniverseSettings,
    project_id: object,
    *,
    mode: str = "classifications",
    title: str | None = None,
    group: str | None = None,
) -> dict[str, Any]:
    """Download the project's ready classification export, flatten it (``mode``: one row per classification, or
    ``subjects``: aggregated per subject) and add it to the basket. Blocking."""
    with session(settings):
        data, summary = exports.download(settings, project_id, "classifications")
    rows, info = table.export_table(data, mode)
    origin = {
        "service_url": f"{settings.endpoint}/api/projects/{summary['project_id']}/classifications_export",
        "query": f"classifications export {summary.get('export_id')} of Zooniverse project "
        f"{summary['project_id']} ({summary.get('updated_at')})",
        "selection": f"{mode}: annotations flattened, subject metadata joined",
        "source": "zooniverse",
        "export_id": summary.get("export_id"),
        "project_id": summary["project_id"],
    }
    item = basket.add_table(
        rows, title=title or f"Zooniverse project {summary['project_id']}: {mode}", origin=origin, group=group
    )
    return {"item_id": item.id, "title": item.title, **info, "export": summary}
