"""SAMP from a notebook: send tables, images and spectra to desktop tools (TOPCAT, Aladin, DS9), and receive.

    from jupyter_escape import samp
    samp.status()                          # hub found?, the clients with names and icons
    samp.send_table(table)                 # astropy / pandas / Arrow / a basket item / a path; to="all" or a client id
    send = samp.send_table(big, wait=False)  # a handle: send.progress, send.state, send.cancel(), send.wait()
    samp.send_image("data/m31.fits")       # image.load.fits
    samp.send_spectrum("data/spec.fits")   # spectrum.load.ssa-generic
    samp.select_rows(table_id, [0, 5])     # table.select.rowList (table_id from send_table's answer)
    samp.point_at(10.68, 41.27)            # coord.pointAt.sky
    samp.listen()                          # tables and images sent to "jupyter-escape (notebook)" go to the basket
    samp.received()                        # what arrived: tables, images, selections, positions

The kernel talks to the hub on its own (Standard Profile): it runs where the server runs, so this works in
local mode. From a JupyterHub or Binder use the panel, which sends through the browser (docs/samp.md).
Everything here blocks for at most the given timeouts. With ``wait=False`` a send runs in the background and
answers a :class:`SendHandle` at once: ``progress`` is the share of the VOTable written while it is prepared;
the desktop then reads the file straight from disk (a kernel serves no links), so the transfer ends when the
clients answer. ``cancel()`` stops the preparation and removes the outbox file; the send is also listed in
``<state_dir>/samp-sends`` (``jupyter_escape.activity.attach("samp-send", id)``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import mtypes  # noqa: F401
from .sends import SendCancelled, answer

# Imported before ``service()`` below is defined: importing the submodule later (inside the function) would set
# this package's attribute ``service`` to the module, and the next ``samp.service()`` would call a module.
from .service import SampService

if TYPE_CHECKING:
    from .outbox import Prepared
    from .sends import Watch

_service: SampService | None = None


def service() -> SampService:
    """This kernel's SAMP service (made on first use; registers with the hub only when something is sent)."""
    global _service
    if _service is None:
        from .. import basket as basket_api

        b = basket_api.basket()
        _service = SampService(b.ctx.state_dir, b.ctx.root_dir, b, name="jupyter-escape (notebook)", owner="notebook")
    return _service


def status() -> dict[str, Any]:
    return service().link.status()


def clients() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = status()["clients"]
    return found


def _prepare(what: Any, name: str | None, kind: str | None) -> tuple[str, Callable[[Watch], Prepared]]:
    """(a name, prepare(watch)) for what a notebook sends: a basket entry, a path, or a table object."""
    from .outbox import prepare_file, prepare_table

    svc = service()
    entry_item = getattr(what, "item", None)
    if entry_item is not None and getattr(entry_item, "kind", None) == "workspace_file":
        what = svc.root_dir / entry_item.payload["path"]
    elif entry_item is not None:
        title = name or entry_item.title
        return title, lambda watch: prepare_table(what.to_arrow(), f"basket:{entry_item.id}", title, svc.outbox, watch)
    if isinstance(what, (str, os.PathLike)):
        path = Path(what)
        path = (path if path.is_absolute() else Path.cwd() / path).resolve()
        return path.name, lambda watch: prepare_file(path, f"file:{path}", svc.outbox, kind, watch)
    title = name or "table from a notebook"
    return title, lambda watch: prepare_table(what, f"object:{id(what)}", title, svc.outbox, watch)


class SendHandle:
    """A send running in this kernel (``wait=False``): follow it, cancel it, or wait for the replies."""

    def __init__(self, svc: SampService, job: dict[str, Any], future: Future[dict[str, Any]]) -> None:
        self._svc, self.id, self._future = svc, job["id"], future

    @property
    def job(self) -> dict[str, Any]:
        """State, rows, bytes written of the estimate, replies, error."""
        view: dict[str, Any] = self._svc.sends.view(self.id)
        return view

    @property
    def state(self) -> str:
        state: str = self.job["state"]
        return state

    @property
    def progress(self) -> float | None:
        progress: float | None = self.job["progress"]
        return progress

    def cancel(self) -> dict[str, Any]:
        """Stops the preparation (nothing is sent) and removes the outbox file; a finished send stays as it was."""
        cancelled: dict[str, Any] = self._svc.sends.cancel(self.id)
        return cancelled

    def wait(self, timeout: float | None = None) -> dict[str, Any]:
        """The replies (as ``send_table`` answers them) once every client answered; raises why it failed."""
        job = self._future.result(timeout)
        if job["state"] == "failed":
            raise self._svc.sends.exception(self.id) or RuntimeError(job["error"])
        if job["state"] == "cancelled":
            raise SendCancelled(self.id)
        return answer(job)

    def __repr__(self) -> str:
        job = self.job
        shown = "" if job["progress"] is None else f" {job['progress']:.0%}"
        return f"<SAMP send {self.id} {job['name']!r} {job['state']}{shown}>"


def _send(what: Any, name: str | None, kind: str, to: str, timeout: int, wait: bool) -> dict[str, Any] | SendHandle:
    svc = service()
    title, prepare = _prepare(what, name, kind)
    job, future = svc.start_send(prepare, name=title, to=to, timeout=timeout)
    handle = SendHandle(svc, job, future)
    return handle.wait() if wait else handle


def send_table(
    what: Any, to: str = "all", name: str | None = None, timeout: int = 20, wait: bool = True
) -> dict[str, Any] | SendHandle:
    """Send a table (or a VOTable/FITS/Parquet/CSV file) with table.load.votable; answers each client's reply,
    or with ``wait=False`` a SendHandle at once."""
    return _send(what, name, "table", to, timeout, wait)


def send_image(
    path: str | os.PathLike[str], to: str = "all", timeout: int = 20, wait: bool = True
) -> dict[str, Any] | SendHandle:
    return _send(path, None, "image", to, timeout, wait)


def send_spectrum(
    path: str | os.PathLike[str], to: str = "all", timeout: int = 20, wait: bool = True
) -> dict[str, Any] | SendHandle:
    return _send(path, None, "spectrum", to, timeout, wait)


def select_rows(table_id: str, rows: Iterable[int], to: str = "all") -> dict[str, Any]:
    return service().select(table_id, list(rows), to)


def point_at(ra: float, dec: float, to: str = "all") -> dict[str, Any]:
    return service().point_at(ra, dec, to)


def listen() -> dict[str, Any]:
    """Register with the hub now, so desktop tools can send to this notebook (tables land in the basket)."""
    service().link.connect()
    return status()


def received(since: int = 0, wait: float = 0) -> list[dict[str, Any]]:
    """Events after ``since``: tables/images (with the basket item id), selections, positions, hub changes."""
    events: list[dict[str, Any]] = service().events(since, wait)["events"]
    return events


def close() -> None:
    global _service
    if _service is not None:
        _service.close()
        _service = None
