"""Tell what a file is before the sky view tries to show it: a sky image, a HEALPix map, a MOC, a HiPS folder.

The sky view asks this first so that a HEALPix probability map dropped where a HiPS or an image is expected, or
a truncated FITS file, gets a sentence saying what it is and what to do, instead of a blank view.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import EscapeError

SERVICE = "sky"
FITS_SUFFIXES = (".fits", ".fit", ".fts", ".fits.gz", ".fit.gz", ".fz")


@dataclass
class FileKind:
    """``kind`` is one of: image, healpix-map, moc, hips, table."""

    kind: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class NotShowable(EscapeError):
    """The file exists but cannot be shown the way it was asked (status 422: the request was understood)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, service=SERVICE, status=422)


def read_properties(path: Path) -> dict[str, str]:
    """A HiPS ``properties`` file: ``key = value`` lines, ``#`` comments."""
    props: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        props[key.strip()] = value.strip()
    return props


def inspect_path(path: Path, display_name: str | None = None) -> FileKind:
    """Classify ``path``; raise NotShowable with a clear sentence for anything the sky view cannot show."""
    name = display_name or path.name
    if not path.exists():
        raise EscapeError(f"{name}: no such file or folder", service=SERVICE, status=404)
    if path.is_dir():
        props_file = path / "properties"
        if props_file.is_file():
            props = read_properties(props_file)
            return FileKind("hips", f"{name} is a HiPS ({props.get('obs_title', 'untitled')})", props)
        raise NotShowable(f"{name} is a folder without a HiPS 'properties' file: not a HiPS")
    with path.open("rb") as handle:
        head = handle.read(80)
    if path.name.endswith(".gz"):
        import gzip

        with gzip.open(path, "rb") as handle:
            try:
                head = handle.read(80)
            except OSError as exc:
                raise NotShowable(f"{name} is not a readable gzip file: {exc}") from exc
    if not head.startswith(b"SIMPLE  ="):
        if head.lstrip().startswith((b"{", b"[")):
            return FileKind("moc", f"{name} looks like a JSON MOC", {"format": "json"})
        raise NotShowable(f"{name} is not a FITS file (it does not start with a FITS 'SIMPLE' card)")
    return _inspect_fits(path, name)


def _inspect_fits(path: Path, name: str) -> FileKind:
    from astropy.io import fits

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with fits.open(path, memmap=False, lazy_load_hdus=False) as hdul:
                hdul.verify("exception")
                summary = [_hdu_summary(hdu) for hdu in hdul]
                for hdu in hdul:
                    # A truncated file opens but fails when its data is read.
                    if hdu.header.get("NAXIS", 0):
                        _ = hdu.data
    except EscapeError:
        raise
    except Exception as exc:  # astropy raises OSError, VerifyError, ValueError, TypeError for broken files
        raise NotShowable(f"{name} is a broken FITS file: {exc.__class__.__name__}: {exc}") from exc

    for info in summary:
        if info["healpix"]:
            if info["moc"]:
                return FileKind("moc", f"{name} is a MOC (order {info.get('order')})", {"hdus": summary})
            return FileKind(
                "healpix-map",
                f"{name} is a HEALPix sky map ({info['ordering']}, {info['nrows']} cells): "
                "show it as a MOC at a credible level, not as an image or a HiPS",
                {"hdus": summary, "ordering": info["ordering"], "nside": info.get("nside")},
            )
    for info in summary:
        if info["image"] and info["celestial"]:
            return FileKind("image", f"{name} is a sky image ({info['shape']})", {"hdus": summary})
    for info in summary:
        if info["image"]:
            raise NotShowable(
                f"{name} holds an image ({info['shape']}) without a celestial WCS: it cannot be placed on the sky"
            )
    if any(info["table"] for info in summary):
        return FileKind(
            "table",
            f"{name} is a FITS table: load it in the basket or a notebook and show it as a catalogue",
            {"hdus": summary},
        )
    raise NotShowable(f"{name} is a FITS file without an image or a table")


def _hdu_summary(hdu: Any) -> dict[str, Any]:
    from astropy.io import fits

    header = hdu.header
    info = {
        "name": hdu.name,
        "type": type(hdu).__name__,
        "image": False,
        "table": False,
        "healpix": False,
        "moc": False,
        "celestial": False,
    }
    if isinstance(hdu, (fits.PrimaryHDU, fits.ImageHDU, fits.CompImageHDU)) and header.get("NAXIS", 0) >= 2:
        info["image"] = True
        info["shape"] = "x".join(str(header.get(f"NAXIS{i}")) for i in range(1, header["NAXIS"] + 1))
        info["celestial"] = _has_celestial_wcs(header)
    elif isinstance(hdu, fits.BinTableHDU):
        info["table"] = True
        names = [c.name.upper() for c in hdu.columns]
        info["nrows"] = header.get("NAXIS2", 0)
        ordering = str(header.get("ORDERING", "")).upper()
        moc_keys = any(k in header for k in ("MOCDIM", "MOCORDER", "MOCORD_S", "MOCVERS"))
        if len(names) == 1 and names[0] in ("UNIQ", "RANGE") and (moc_keys or names[0] == "UNIQ"):
            # A MOC: cells (UNIQ, MOC 1.x) or ranges (RANGE, MOC 2.0) without values.
            info.update(
                healpix=True,
                moc=True,
                ordering=ordering or names[0],
                order=header.get("MOCORDER") or header.get("MOCORD_S"),
            )
        elif header.get("PIXTYPE", "").upper() == "HEALPIX" or "UNIQ" in names:
            info["healpix"] = True
            info["ordering"] = ordering or ("NUNIQ" if "UNIQ" in names else "unknown")
            info["nside"] = header.get("NSIDE")
            info["columns"] = names
    return info


def _has_celestial_wcs(header: Any) -> bool:
    ctypes = [str(header.get(f"CTYPE{i}", "")).upper() for i in (1, 2)]
    return any(c.startswith(("RA", "GLON", "ELON")) for c in ctypes) and any(
        c.startswith(("DEC", "GLAT", "ELAT")) for c in ctypes
    )
