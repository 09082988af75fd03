"""Which VO data covers this data-lake dataset? A DID's sky coverage as a MOC, then the VO registry by that MOC.

    cov = sky_coverage(session, "escape_demo", "lotss_m51", local_paths=staged_paths)
    found = await covering_resources(cov, registry_url, servicetype="scs")

The coverage comes from what the data say best: the footprints of the DID's staged FITS files (an image's WCS,
a catalogue's positions), else the sky metadata of the DID or of its children (ra, dec and a radius or field of
view; without one an assumed radius that the answer states). The registry part is RegTAP 1.2's ``rr.stc_spatial``:
one ADQL ``INTERSECTS(MOC(...), coverage)`` query, so any registry with coverage answers it (GAVO's, the stack's).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.errors import BadInput, EscapeError
from ..core.http import Limits
from ..core.snippets import comment, py, py_call
from ..vo import registry
from . import browse
from .dids import did_str

if TYPE_CHECKING:
    from mocpy import MOC

    from .rucio_client import RucioSession

SERVICE = "data lake coverage"
RADIUS_KEYS = ("radius_deg", "radius", "fov_radius", "s_radius")  # degrees
DIAMETER_KEYS = ("fov_deg", "fov", "s_fov")  # degrees, full width
DEFAULT_RADIUS_DEG = 0.5
MAX_CHILDREN = 50  # children whose metadata a collection's coverage reads (one request each)
MAX_MOC_CHARS = 3000  # ASCII MOC sent inside the ADQL text; coarser orders until it fits
FITS_SUFFIXES = (".fits", ".fit", ".fts", ".fits.gz")


@dataclass
class Coverage:
    """A MOC and, in words, what it was built from (each part: the DID or file and how)."""

    moc: MOC
    basis: list[str] = field(default_factory=list)

    def ascii(self, max_chars: int = MAX_MOC_CHARS) -> str:
        moc = self.moc
        text = moc.to_string("ascii").strip()
        while len(text) > max_chars and moc.max_order > 3:
            moc = moc.degrade_to_order(moc.max_order - 1)
            text = moc.to_string("ascii").strip()
        ascii_moc: str = text
        return ascii_moc

    def bounding_cone(self) -> tuple[float, float, float]:
        """Centre and radius (degrees) of a cone containing the MOC: what a cone search of a service needs."""
        centre = self.moc.barycenter()
        radius = self.moc.largest_distance_from_coo_to_vertices(centre)
        return float(centre.ra.deg), float(centre.dec.deg), float(radius.to("deg").value)

    def to_json(self) -> dict[str, Any]:
        ra, dec, radius = self.bounding_cone()
        return {
            "moc": self.ascii(),
            "max_order": int(self.moc.max_order),
            "area_deg2": round(float(self.moc.sky_fraction) * 4 * math.pi * (180 / math.pi) ** 2, 4),
            "cone": {"ra": round(ra, 6), "dec": round(dec, 6), "radius": round(radius, 6)},
            "basis": self.basis,
        }


def order_for(radius_deg: float) -> int:
    """HEALPix order whose cells are about an eighth of the radius (3 to 12): fine enough to follow a field's
    edge, coarse enough to keep the MOC a few hundred characters."""
    cell = max(radius_deg, 1e-4) / 8
    return int(min(12, max(3, math.ceil(math.log2(58.6 / cell)))))


def _number(meta: dict[str, Any], keys: tuple[str, ...], what: str) -> float | None:
    for key in keys:
        if meta.get(key) not in (None, ""):
            try:
                value = float(meta[key])
            except (TypeError, ValueError):
                raise BadInput(key, f"{what} {meta[key]!r} is not a number") from None
            if math.isfinite(value):
                return value
    return None


def metadata_cone(
    meta: dict[str, Any], default_radius: float = DEFAULT_RADIUS_DEG
) -> tuple[float, float, float, str] | None:
    """(ra, dec, radius, where the radius came from) from sky metadata, or None without ra and dec."""
    ra = _number(meta, ("ra", "s_ra", "ra_deg"), "ra")
    dec = _number(meta, ("dec", "s_dec", "dec_deg"), "dec")
    if ra is None or dec is None:
        return None
    if not (0 <= ra < 360 and -90 <= dec <= 90):
        raise BadInput("ra/dec", f"metadata ra={ra}, dec={dec} are not ICRS degrees")
    radius = _number(meta, RADIUS_KEYS, "radius")
    if radius is not None:
        return ra, dec, radius, "metadata radius"
    diameter = _number(meta, DIAMETER_KEYS, "field of view")
    if diameter is not None:
        return ra, dec, diameter / 2, "half the metadata field of view"
    return ra, dec, default_radius, "assumed: the metadata give no radius or field of view"


def cone_moc(ra: float, dec: float, radius: float) -> MOC:
    import astropy.units as u
    from astropy.coordinates import Latitude, Longitude
    from mocpy import MOC

    if not 0 < radius <= 90:
        raise BadInput("radius", f"{radius!r} deg is not between 0 and 90")
    return MOC.from_cone(
        Longitude(ra * u.deg), Latitude(dec * u.deg), radius=radius * u.deg, max_depth=order_for(radius)
    )


def _position_columns(table: Any) -> tuple[str, str] | None:  # an astropy.io.fits table HDU's data
    names = {c.lower(): c for c in table.columns.names}
    for ra, dec in (("ra", "dec"), ("raj2000", "dej2000"), ("ra_deg", "dec_deg"), ("alpha_j2000", "delta_j2000")):
        if ra in names and dec in names:
            return names[ra], names[dec]
    return None


def fits_moc(path: str) -> MOC | None:
    """The footprint of a FITS file: each image HDU with a celestial WCS, each table HDU's positions (cells of the
    positions' typical spacing); None when the file has neither."""
    import astropy.units as u
    import numpy as np
    from astropy.coordinates import SkyCoord
    from astropy.io import fits
    from astropy.wcs import WCS
    from mocpy import MOC

    mocs = []
    with fits.open(path, memmap=True) as hdul:
        for hdu in hdul:
            if hdu.is_image and hdu.header.get("NAXIS", 0) >= 2:
                wcs = WCS(hdu.header).celestial
                if not wcs.has_celestial:
                    continue
                corners = wcs.calc_footprint(axes=(hdu.header["NAXIS1"], hdu.header["NAXIS2"]))
                width = float(np.ptp(corners[:, 1])) or 1.0
                mocs.append(
                    MOC.from_polygon_skycoord(
                        SkyCoord(corners[:, 0], corners[:, 1], unit="deg"), max_depth=order_for(width / 2)
                    )
                )
            elif isinstance(hdu, (fits.BinTableHDU, fits.TableHDU)) and hdu.data is not None and len(hdu.data):
                cols = _position_columns(hdu)
                if cols is None:
                    continue
                ra, dec = (np.asarray(hdu.data[c], dtype=float) for c in cols)
                ok = np.isfinite(ra) & np.isfinite(dec)
                if not ok.any():
                    continue
                # spacing of the positions: area of their spread over their number, so cells join up
                spread = max(float(np.ptp(dec[ok])), 1e-3) * max(
                    float(np.ptp(ra[ok])) * math.cos(math.radians(float(np.median(dec[ok])))), 1e-3
                )
                spacing = math.sqrt(spread / ok.sum())
                depth = int(min(12, max(3, math.floor(math.log2(58.6 / (2 * spacing))))))
                mocs.append(MOC.from_lonlat(ra[ok] * u.deg, dec[ok] * u.deg, max_norder=depth))
    if not mocs:
        return None
    out = mocs[0]
    for m in mocs[1:]:
        out = out.union(m)
    return out


def _union(parts: list[MOC]) -> MOC:
    out = parts[0]
    for m in parts[1:]:
        out = out.union(m)
    return out


def from_files(paths: list[str]) -> Coverage | None:
    parts, basis = [], []
    for path in paths:
        if not str(path).lower().endswith(FITS_SUFFIXES) or not os.path.isfile(path):
            continue
        try:
            moc = fits_moc(str(path))
        except Exception as exc:
            basis.append(f"{os.path.basename(path)}: not read ({exc})")
            continue
        if moc is not None:
            parts.append(moc)
            basis.append(f"{os.path.basename(path)}: footprint of the FITS file (WCS or positions)")
    return Coverage(_union(parts), basis) if parts else None


def from_metadata(
    s: RucioSession, scope: str, name: str, meta: dict[str, Any], default_radius: float
) -> Coverage | None:
    """Cones of the DID's own sky metadata, else of its children's (up to MAX_CHILDREN)."""
    own = metadata_cone(meta, default_radius)
    if own is not None:
        ra, dec, radius, how = own
        return Coverage(
            cone_moc(ra, dec, radius),
            [f"{did_str(scope, name)}: metadata ra={ra:g}, dec={dec:g}, radius {radius:g} deg ({how})"],
        )
    parts, basis = [], []
    listing = browse.contents(s, scope, name, limit=MAX_CHILDREN)
    for child in listing.get("items", []):
        cone = metadata_cone(browse.metadata(s, child["scope"], child["name"]), default_radius)
        if cone is None:
            continue
        ra, dec, radius, how = cone
        parts.append(cone_moc(ra, dec, radius))
        basis.append(f"{child['did']}: metadata ra={ra:g}, dec={dec:g}, radius {radius:g} deg ({how})")
    return Coverage(_union(parts), basis) if parts else None


def sky_coverage(
    s: RucioSession,
    scope: str,
    name: str,
    *,
    local_paths: list[str] | None = None,
    default_radius: float = DEFAULT_RADIUS_DEG,
    prefer: str = "auto",
) -> Coverage:
    """The DID's coverage: staged FITS footprints first (``prefer="files"`` requires them), else sky metadata
    (``prefer="metadata"`` uses only that). Raises an EscapeError (422) saying what is missing."""
    if prefer not in ("auto", "files", "metadata"):
        raise BadInput("prefer", f"{prefer!r} is not auto, files or metadata")
    if not 0 < float(default_radius) <= 90:
        raise BadInput("radius", f"{default_radius!r} deg is not between 0 and 90")
    did = did_str(scope, name)
    if prefer != "metadata" and local_paths:
        cov = from_files(local_paths)
        if cov is not None:
            return cov
    if prefer == "files":
        raise EscapeError(
            f"{did}: no staged FITS file with a celestial WCS or ra/dec columns; stage it first",
            service=SERVICE,
            status=422,
        )
    cov = from_metadata(s, scope, name, browse.metadata(s, scope, name), float(default_radius))
    if cov is None:
        raise EscapeError(
            f"{did}: neither its metadata nor its children's have ra and dec, and no staged FITS file "
            "has a footprint: stage it, or set ra/dec (and radius_deg) metadata",
            service=SERVICE,
            status=422,
        )
    return cov


async def covering_resources(
    cov: Coverage,
    registry_url: str,
    *,
    servicetype: str | None = None,
    waveband: list[str] | None = None,
    keywords: list[str] | None = None,
    limit: int = 50,
    limits: Limits | None = None,
) -> dict[str, Any]:
    """Registry records whose spatial coverage intersects the MOC (one page), with the MOC and the cone to ask
    each service for."""
    q = registry.RegistryQuery(
        moc=cov.ascii(),
        servicetype=servicetype or None,
        waveband=list(waveband or []),
        keywords=list(keywords or []),
        limit=limit,
    )
    page = await registry.search(q, registry_url, limits=limits)
    return {**page, "coverage": cov.to_json(), "registry_url": registry_url}


def snippet(did: str, instance: str | None, servicetype: str | None, waveband: list[str] | None) -> str:
    """The notebook lines doing the same as the panel's button (values quoted by core.snippets)."""
    kwargs = {"instance": instance} if instance is not None else {}
    search = {k: v for k, v in (("servicetype", servicetype), ("waveband", waveband or None)) if v}
    return (
        "\n".join(
            [
                "from jupyter_escape import datalake, vo",
                "",
                comment(f"sky coverage of {did} (staged FITS footprints, else its ra/dec metadata) as a MOC"),
                f"coverage = {py_call('datalake.coverage', did, **kwargs)}",
                "print(coverage['basis'], coverage['area_deg2'], 'deg2')",
                "",
                comment("VO resources whose registered coverage intersects it (RegTAP rr.stc_spatial)"),
                f"resources = vo.search_registry(moc=coverage['moc']{''.join(f', {k}={py(v)}' for k, v in search.items())})",
                "for r in resources:",
                "    print(r['title'], [c['service'] for c in r['capabilities']])",
            ]
        )
        + "\n"
    )
