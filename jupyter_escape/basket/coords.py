"""Finding and checking the sky coordinates of a table: which columns, which frame, which unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from ..core.errors import BadInput

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

SERVICE = "crossmatch"
# (frame family, lon UCDs, lat UCDs, lon names, lat names), first match wins; names compared case-insensitively
FAMILIES = [
    (
        "equatorial",
        ("pos.eq.ra;meta.main", "pos.eq.ra"),
        ("pos.eq.dec;meta.main", "pos.eq.dec"),
        (
            "ra",
            "ra_icrs",
            "raj2000",
            "_raj2000",
            "ra_j2000",
            "radeg",
            "ra_deg",
            "ra2000",
            "s_ra",
            "alpha",
            "ramean",
            "ra_d",
            "raj2000_deg",
            "ra_fk5",
        ),
        (
            "dec",
            "dec_icrs",
            "dej2000",
            "_dej2000",
            "dec_j2000",
            "decj2000",
            "dedeg",
            "dec_deg",
            "decl",
            "dec2000",
            "s_dec",
            "delta",
            "de",
            "decmean",
            "dec_d",
            "dej2000_deg",
            "dec_fk5",
        ),
    ),
    (
        "galactic",
        ("pos.galactic.lon;meta.main", "pos.galactic.lon"),
        ("pos.galactic.lat;meta.main", "pos.galactic.lat"),
        ("glon", "gal_l", "lii", "l"),
        ("glat", "gal_b", "bii", "b"),
    ),
    (
        "ecliptic",
        ("pos.ecliptic.lon;meta.main", "pos.ecliptic.lon"),
        ("pos.ecliptic.lat;meta.main", "pos.ecliptic.lat"),
        ("elon", "ecl_lon", "lambda"),
        ("elat", "ecl_lat", "beta"),
    ),
]
FRAMES = {
    "icrs": "icrs",
    "fk5": "fk5",
    "j2000": "fk5",
    "fk4": "fk4",
    "b1950": "fk4",
    "galactic": "galactic",
    "ecliptic": "geocentricmeanecliptic",
    "geocentricmeanecliptic": "geocentricmeanecliptic",
    "barycentricmeanecliptic": "barycentricmeanecliptic",
    "supergalactic": "supergalactic",
}
UNITS = {
    "deg": 1.0,
    "degree": 1.0,
    "degrees": 1.0,
    "d": 1.0,
    "rad": 180.0 / np.pi,
    "radian": 180.0 / np.pi,
    "h": 15.0,
    "hr": 15.0,
    "hour": 15.0,
    "hourangle": 15.0,
    "hourangle_deg": 15.0,
    "arcsec": 1 / 3600.0,
    "arcmin": 1 / 60.0,
    "mas": 1 / 3.6e6,
}


@dataclass
class Coords:
    lon: str
    lat: str
    frame: str
    lon_deg: np.ndarray
    lat_deg: np.ndarray
    notes: list[Any]


def _meta(field: pa.Field, key: str) -> str:
    return ((field.metadata or {}).get(key.encode(), b"") or b"").decode().strip()


def find_columns(table: pa.Table, side: str, lon: str | None = None, lat: str | None = None) -> tuple[str, str, str]:
    """(lon column, lat column, frame family) by explicit names, else UCDs, else well-known names."""
    names = table.column_names
    if lon or lat:

        def named(value: str | None, what: str) -> str:
            if not value:
                raise BadInput(f"{side}.{what}", "give both coordinate columns, or neither")
            if value not in names:
                raise BadInput(f"{side}.{what}", f"no column {value!r} (columns: {', '.join(names[:30])})")
            return value

        lon, lat = named(lon, "ra"), named(lat, "dec")
        family = next(
            (
                fam
                for fam, lu, _, ln, _ in FAMILIES
                if _meta(table.schema.field(lon), "ucd").lower() in lu or lon.lower() in ln
            ),
            "equatorial",
        )
        return lon, lat, family
    ucds = {n: _meta(table.schema.field(n), "ucd").lower() for n in names}
    for family, lon_ucds, lat_ucds, _, _ in FAMILIES:
        for lu, la in zip(lon_ucds, lat_ucds, strict=True):
            lon_c = [n for n in names if ucds[n] == lu]
            lat_c = [n for n in names if ucds[n] == la]
            if lon_c and lat_c:
                return lon_c[0], lat_c[0], family
    lower = {n.lower(): n for n in names}
    for family, _, _, lon_names, lat_names in FAMILIES:
        lon_name = next((lower[n] for n in lon_names if n in lower), None)
        lat_name = next((lower[n] for n in lat_names if n in lower), None)
        if lon_name and lat_name:
            return lon_name, lat_name, family
    raise BadInput(
        side,
        "no sky coordinates found: no columns with UCD pos.eq.ra/pos.eq.dec (or galactic) and "
        f"none named ra/dec, RAJ2000/DEJ2000, glon/glat (columns: {', '.join(names[:30])}); "
        "name them with ra=..., dec=...",
    )


def _unit_factor(field: pa.Field, side: str, given: str | None) -> tuple[float, str | None]:
    unit = (given or _meta(field, "unit")).lower().replace(" ", "")
    if not unit:
        return 1.0, None
    if unit in UNITS:
        return UNITS[unit], unit
    raise BadInput(
        f"{side}.{field.name}",
        f"unit {unit!r} is not an angle unit this cross-match understands (deg, rad, h/hourangle, arcsec, arcmin, mas)",
    )


def _values(table: pa.Table, name: str, side: str, is_lon: bool, unit: str | None) -> tuple[np.ndarray, list[Any]]:
    col = table.column(name)
    notes: list[Any] = []
    if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
        from astropy.coordinates import Angle

        try:
            strings = col.to_pylist()
            default = unit or ("hourangle" if is_lon else "deg")
            values = np.array([Angle(s, unit=default).deg if s not in (None, "") else np.nan for s in strings])
        except Exception as exc:
            raise BadInput(f"{side}.{name}", f"cannot read text coordinates ({exc})") from exc
        notes.append(f"{side}.{name}: sexagesimal text read as {default}")
        return values, notes
    if not (pa.types.is_floating(col.type) or pa.types.is_integer(col.type) or pa.types.is_decimal(col.type)):
        raise BadInput(f"{side}.{name}", f"type {col.type} is not a number")
    factor, found = _unit_factor(table.schema.field(name), side, unit)
    if pa.types.is_float64(col.type) and not col.null_count:
        # straight from the buffers: pyarrow's to_numpy imports pandas (~0.5 s of CPU on a first call)
        chunks = [np.frombuffer(c.buffers()[1], np.float64, count=len(c), offset=c.offset * 8) for c in col.chunks]
        values = chunks[0] if len(chunks) == 1 else np.concatenate(chunks) if chunks else np.empty(0)
    else:
        import pyarrow.compute as pc  # 0.2 s of CPU to import: only for columns that need a cast

        values = pc.cast(col, pa.float64()).to_numpy(zero_copy_only=False)
    if col.null_count:
        values = np.where(col.is_null().to_numpy(zero_copy_only=False), np.nan, values)
    if found is None:
        notes.append(f"{side}.{name}: no unit given, taken as degrees")
    return values * factor if factor != 1.0 else values, notes


def read_coords(
    table: pa.Table,
    side: str,
    *,
    ra: str | None = None,
    dec: str | None = None,
    unit: str | None = None,
    frame: str | None = None,
) -> Coords:
    lon, lat, family = find_columns(table, side, ra, dec)
    lon_deg, n1 = _values(table, lon, side, True, unit)
    lat_deg, n2 = _values(table, lat, side, False, unit)
    finite = np.isfinite(lat_deg)
    if finite.any():
        lo, hi = np.nanmin(lat_deg), np.nanmax(lat_deg)
        if lo < -90.0000001 or hi > 90.0000001:
            raise BadInput(
                f"{side}.{lat}",
                f"latitudes from {lo:g} to {hi:g} deg are outside [-90, 90]: wrong unit? (say unit='rad' or 'deg')",
            )
        lon_max = np.nanmax(np.abs(lon_deg))
        if lon_max > 720:
            raise BadInput(f"{side}.{lon}", f"longitudes up to {lon_max:g} deg: wrong unit?")
        if (
            f"{side}.{lon}: no unit given, taken as degrees" in n1
            and np.nanmax(np.abs(lat_deg)) <= np.pi / 2
            and np.nanmax(lon_deg) <= 2 * np.pi
            and np.nanmax(lon_deg) - np.nanmin(lon_deg) > 0.5
            and len(lat_deg) > 10
        ):
            n1.append(f"{side}: all coordinates fit radians; if they are radians pass unit='rad'")
    frame_name = resolve_frame(frame, family, lon, side)
    return Coords(lon, lat, frame_name, lon_deg, lat_deg, n1 + n2)


def resolve_frame(frame: str | None, family: str, lon: str, side: str) -> str:
    if frame:
        key = frame.lower().replace(" ", "")
        if key not in FRAMES:
            raise BadInput(
                f"{side}.frame", f"{frame!r} is not a frame this cross-match converts ({', '.join(sorted(FRAMES))})"
            )
        resolved = FRAMES[key]
        if family != "equatorial" and resolved != FRAMES.get(family, family):
            raise BadInput(f"{side}.frame", f"columns {lon} look {family} but frame {frame!r} was given")
        return resolved
    if family == "galactic":
        return "galactic"
    if family == "ecliptic":
        return "geocentricmeanecliptic"
    return "icrs"


def to_icrs(c: Coords) -> tuple[np.ndarray, np.ndarray]:
    """Convert to ICRS with astropy (only called when the two sides are in different frames)."""
    if c.frame == "icrs":
        return c.lon_deg, c.lat_deg
    from astropy import units as u
    from astropy.coordinates import SkyCoord

    sc = SkyCoord(c.lon_deg * u.deg, c.lat_deg * u.deg, frame=c.frame).icrs
    return sc.ra.deg, sc.dec.deg


def unit_vectors(lon_deg: ArrayLike, lat_deg: ArrayLike) -> np.ndarray:
    lon = np.radians(lon_deg)
    lat = np.radians(lat_deg)
    cos_lat = np.cos(lat)
    out = np.empty((len(lon), 3))
    np.multiply(cos_lat, np.cos(lon), out=out[:, 0])
    np.multiply(cos_lat, np.sin(lon), out=out[:, 1])
    np.sin(lat, out=out[:, 2])
    return out
