"""Sky view routes: files the view loads (workspace FITS/MOC, local HiPS tiles, Aladin Lite itself), file
checks, and MOCs from HEALPix probability sky maps. Every file is confined to the server root or to a
configured HiPS folder, and only authenticated users get it."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from ..core.errors import BadInput, EscapeError
from ..sky import fitscheck, hips, moc, names, spool
from ..sky.config import SkyConfig
from ..sky.files import content_type, workspace_file
from .base import EscapeHandler, authenticated_and_authorized

if TYPE_CHECKING:
    from ..extension import EscapeState

# The Aladin Lite ES module for the offline ipyaladin widget: copied next to the package by the frontend build
# (jlpm build:sky-esm); a development checkout also has it in node_modules.
_PACKAGE_ESM = Path(__file__).resolve().parents[1] / "sky" / "static" / "aladin-lite.js"
_CHECKOUT_ESM = Path(__file__).resolve().parents[2] / "node_modules" / "aladin-lite" / "dist" / "aladin.js"


def setup(state: EscapeState, log: logging.Logger) -> None:
    cfg = SkyConfig(parent=state.config)
    state.extras["sky"] = cfg
    roots = hips.hips_roots(cfg.hips_dirs)
    log.info("jupyter-escape sky: local HiPS folders: %s", ", ".join(map(str, roots)) or "none")


class SkyHandler(EscapeHandler):
    @property
    def sky_config(self) -> SkyConfig:
        cfg = self.escape.extras.get("sky")
        return cfg if cfg is not None else SkyConfig()

    def hips_roots(self) -> list[Path]:
        return hips.hips_roots(self.sky_config.hips_dirs)

    def root_relative(self, path: str | None) -> str:
        """Accept a path relative to the server root, or an absolute one inside it (the notebook API sends
        absolute paths because the kernel does not know the root); confine() still refuses anything outside."""
        if not path:
            raise BadInput("path", "missing")
        if os.path.isabs(path):
            root = Path(self.server_root).resolve()
            absolute = Path(path)
            try:
                return absolute.relative_to(root).as_posix()
            except ValueError:
                try:
                    return absolute.resolve().relative_to(root).as_posix()
                except ValueError:
                    raise EscapeError(f"path: {path!r} is outside the server root", status=403) from None
        return path

    async def send_file(self, path: Path, cache_seconds: int = 0) -> None:
        self.set_header("Cache-Control", f"private, max-age={cache_seconds}" if cache_seconds else "no-cache")
        ctype = content_type(path)
        self.set_header("Content-Type", ctype)  # before the first flush, which sends the headers
        handle, size = await self.run_blocking(_open_for_reading, path)
        self.set_header("Content-Length", str(size))
        try:
            # Read in the worker pool, one MiB at a time: a large FITS image never blocks the loop or fills memory.
            while chunk := await self.run_blocking(handle.read, 1 << 20):
                self.write(chunk)
                await self.flush()
        finally:
            handle.close()
        await self.finish(set_content_type=ctype)


def _open_for_reading(path: Path) -> tuple[BinaryIO, int]:
    handle = path.open("rb")
    return handle, os.fstat(handle.fileno()).st_size


def _bundled_esm() -> Path | None:
    return next((p for p in (_PACKAGE_ESM, _CHECKOUT_ESM) if p.is_file()), None)


class HipsListHandler(SkyHandler):
    @authenticated_and_authorized
    async def get(self) -> None:
        roots = self.hips_roots()
        surveys = await self.run_blocking(hips.list_hips, roots)
        self.send_json({"surveys": surveys, "roots": len(roots)})


class HipsFileHandler(SkyHandler):
    """``sky/hips/<id>/<file>``: Aladin Lite asks for <survey url>/properties, /NorderK/DirD/NpixN.png..."""

    @authenticated_and_authorized
    async def get(self, hips_id: str, relpath: str) -> None:
        path = await self.run_blocking(hips.hips_file, self.hips_roots(), hips_id, relpath)
        # Tiles never change for a given HiPS; properties may be regenerated.
        await self.send_file(path, cache_seconds=0 if path.name == "properties" else 3600)


class FileHandler(SkyHandler):
    """``sky/file?path=<relative to the server root>``: a FITS image or MOC the view loads."""

    @authenticated_and_authorized
    async def get(self) -> None:
        relpath = self.root_relative(self.get_query_argument("path", None))
        await self.send_file(await self.run_blocking(workspace_file, self.server_root, relpath))


class InspectHandler(SkyHandler):
    """``sky/inspect?path=``: what the file is (image, healpix-map, moc, hips, table) or why it cannot be shown."""

    @authenticated_and_authorized
    async def get(self) -> None:
        relpath = self.root_relative(self.get_query_argument("path", None))
        from ..core.paths import confine

        path = confine(self.server_root, relpath)
        kind = await self.run_blocking(fitscheck.inspect_path, path, relpath)
        self.send_json({"path": relpath, **kind.to_json()})


class MocHandler(SkyHandler):
    """``sky/moc?path=&credible_level=``: MOC JSON from a MOC file, or from a HEALPix probability sky map at a
    credible level (default: SkyConfig.default_credible_level)."""

    @authenticated_and_authorized
    async def get(self) -> None:
        relpath = self.root_relative(self.get_query_argument("path", None))
        path = await self.run_blocking(workspace_file, self.server_root, relpath)
        level_arg = self.get_query_argument("credible_level", None)
        kind = await self.run_blocking(fitscheck.inspect_path, path, relpath)
        if kind.kind == "moc":
            result = await self.run_blocking(moc.load_moc, path, relpath)
        elif kind.kind == "healpix-map":
            try:
                level = float(level_arg) if level_arg else self.sky_config.default_credible_level
            except ValueError:
                raise BadInput("credible_level", f"{level_arg!r} is not a number") from None
            max_order = self.get_query_argument("max_order", None)
            result = await self.run_blocking(
                moc.moc_from_skymap, path, level, relpath, int(max_order) if max_order and max_order.isdigit() else None
            )
        else:
            raise fitscheck.NotShowable(f"{kind.message}; it is neither a MOC nor a HEALPix sky map")
        self.send_json({"path": relpath, "kind": kind.kind, **result})


class ResolveHandler(SkyHandler):
    """``sky/resolve?name=``: a common object name from the packaged offline catalogue (sky/names.py), used by
    the sky view when Sesame cannot be reached."""

    @authenticated_and_authorized
    async def get(self) -> None:
        name = self.get_query_argument("name", "").strip()
        if not name:
            raise BadInput("name", "missing: give an object name such as M51")
        found = await self.run_blocking(names.resolve, name)
        if found is None:
            raise EscapeError(
                f"name: {name!r} is not in the offline catalogue of {names.size()} objects "
                "(Messier, bright NGC/IC, bright stars, demo fields)",
                service="sky",
                status=404,
            )
        self.send_json({"query": name, **found})


class SpooledTableHandler(SkyHandler):
    """``sky/tables/<token>``: a large catalogue a kernel's ``sky.show_table`` spooled, as an Arrow IPC stream."""

    @authenticated_and_authorized
    async def get(self, token: str) -> None:
        path = await self.run_blocking(spool.table_path, token)
        await self.send_file(path)


class AladinEsmHandler(SkyHandler):
    """``sky/aladin-lite.js``: the Aladin Lite ES module the frontend bundles, for the offline ipyaladin widget."""

    @authenticated_and_authorized
    async def get(self) -> None:
        bundled = await self.run_blocking(_bundled_esm)
        if bundled is not None:
            await self.send_file(bundled, cache_seconds=3600)
            return
        raise EscapeError(
            "Aladin Lite is not bundled with this installation (run `jlpm build` in the jupyter-escape source tree)",
            service="sky",
            status=404,
        )


ROUTES = [
    ("sky/hips", HipsListHandler),
    (r"sky/hips/([^/]+)/(.+)", HipsFileHandler),
    ("sky/file", FileHandler),
    ("sky/inspect", InspectHandler),
    ("sky/moc", MocHandler),
    ("sky/resolve", ResolveHandler),
    ("sky/aladin-lite.js", AladinEsmHandler),
    (r"sky/tables/([^/]+)", SpooledTableHandler),
]
