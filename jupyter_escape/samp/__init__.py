"""SAMP from a notebook: send tables, images and spectra to desktop tools (TOPCAT, Aladin, DS9), and receive.

    from jupyter_escape import samp
    samp.status()                          # hub found?, the clients with names and icons
    samp.send_table(table)                 # astropy / pandas / Arrow / a basket item / a path; to="all" or a client id
    samp.send_image("data/m31.fits")       # image.load.fits
    samp.send_spectrum("data/spec.fits")   # spectrum.load.ssa-generic
    samp.select_rows(table_id, [0, 5])     # table.select.rowList (table_id from send_table's answer)
    samp.point_at(10.68, 41.27)            # coord.pointAt.sky
    samp.listen()                          # tables and images sent to "jupyter-escape (notebook)" go to the basket
    samp.received()                        # what arrived: tables, images, selections, positions

The kernel talks to the hub on its own (Standard Profile): it runs where the server runs, so this works in
local mode. From a JupyterHub or Binder use the panel, which sends through the browser (docs/samp.md).
Everything here blocks for at most the given timeouts.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import mtypes  # noqa: F401

_service = None


def service():
    """This kernel's SAMP service (made on first use; registers with the hub only when something is sent)."""
    global _service
    if _service is None:
        from .. import basket as basket_api
        from .service import SampService

        b = basket_api.basket()
        _service = SampService(b.ctx.state_dir, b.ctx.root_dir, b, name="jupyter-escape (notebook)")
    return _service


def status() -> dict:
    return service().link.status()


def clients() -> list[dict]:
    return status()["clients"]


def _prepare(what, name: str | None, kind: str | None):
    from .outbox import prepare_file, prepare_table

    svc = service()
    entry_item = getattr(what, "item", None)
    if entry_item is not None and getattr(entry_item, "kind", None) == "workspace_file":
        what = svc.root_dir / entry_item.payload["path"]
    elif entry_item is not None:
        return prepare_table(what.to_arrow(), f"basket:{entry_item.id}", name or entry_item.title, svc.outbox)
    if isinstance(what, (str, os.PathLike)):
        path = Path(what)
        path = path if path.is_absolute() else Path.cwd() / path
        return prepare_file(path.resolve(), f"file:{path.resolve()}", svc.outbox, kind)
    return prepare_table(what, f"object:{id(what)}", name or "table from a notebook", svc.outbox)


def send_table(what, to: str = "all", name: str | None = None, timeout: int = 20) -> dict:
    """Send a table (or a VOTable/FITS/Parquet/CSV file) with table.load.votable; answers each client's reply."""
    return service().send(_prepare(what, name, "table"), to, timeout)


def send_image(path, to: str = "all", timeout: int = 20) -> dict:
    return service().send(_prepare(path, None, "image"), to, timeout)


def send_spectrum(path, to: str = "all", timeout: int = 20) -> dict:
    return service().send(_prepare(path, None, "spectrum"), to, timeout)


def select_rows(table_id: str, rows, to: str = "all") -> dict:
    return service().select(table_id, list(rows), to)


def point_at(ra: float, dec: float, to: str = "all") -> dict:
    return service().point_at(ra, dec, to)


def listen() -> dict:
    """Register with the hub now, so desktop tools can send to this notebook (tables land in the basket)."""
    service().link.connect()
    return status()


def received(since: int = 0, wait: float = 0) -> list[dict]:
    """Events after ``since``: tables/images (with the basket item id), selections, positions, hub changes."""
    return service().events(since, wait)["events"]


def close() -> None:
    global _service
    if _service is not None:
        _service.close()
        _service = None
