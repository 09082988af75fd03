"""The in-memory cross-match's pair search: declination zones, sorted by right ascension (numpy only).

Why not a KD-tree: importing ``scipy.spatial`` costs ~0.5 s of CPU (more than the whole match of 100k rows), and a
tree over 5M unit vectors is built, queried and copied several times. Here both sides get one integer key,
``zone << 42 | quantised RA``, with zones of declination at least twice the radius high; the right side is sorted
once, and each left row looks up two key ranges (its zone and the nearer neighbouring one, the only ones a source
within the radius can be in) whose RA half-width is the exact bound ``asin(sin r / cos dec)``. Candidates are few
(a handful per thousand rows at 1 arcsec on survey densities) and are checked with the haversine separation, so
the result is the exact set of pairs within the radius, on the whole sphere: rows near RA 0/360 are duplicated
shifted by a full turn, and a left row whose circle reaches a pole takes its zones whole (all RA).

Left rows are taken in key order (cache-friendly searches into the sorted right keys) in blocks, so memory stays
a few arrays of the input length however many candidates a dense field gives.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

RA_SCALE = 4.0e9  # quanta per degree: 1080 deg (RA shifted by +/-360) fits in 42 bits; 1 quantum = 0.9 micro-arcsec
RA_BITS = 42
FULL_TURN = round(360 * RA_SCALE)
MAX_ZONES = 1 << 20  # zone numbers fit the 21 bits above the RA: zones are at least 180 / 2^20 deg high
BLOCK_ROWS = 1 << 20
MAX_CANDIDATES = 1 << 23  # pairs checked at once (~0.5 GB of temporaries)
SLACK = 1e-9  # relative widening of every bound, so float rounding never drops a pair the exact check keeps
# (left rows, right rows, separations) or any three parallel arrays
Triple = tuple[np.ndarray, np.ndarray, np.ndarray]


def _zone_height(radius_deg: float) -> float:
    return max(2.0 * radius_deg * (1 + SLACK), 180.0 / (MAX_ZONES - 2))


def _ra_halfwidth(abs_dec: np.ndarray, radius_deg: float) -> np.ndarray:
    """Largest |delta RA| (deg) of a point within ``radius`` of a point at |dec|; 180 where the circle reaches a
    pole (it then spans every RA)."""
    polar = abs_dec + radius_deg >= 90.0 - 1e-6
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.sin(np.radians(radius_deg)) / np.cos(np.radians(np.where(polar, 0.0, abs_dec)))
        w = np.degrees(np.arcsin(np.minimum(ratio, 1.0))) * (1 + SLACK) + 1e-9
    return np.where(polar | (w >= 180.0), 180.0, w)


def _keys(ra_q: np.ndarray, zone: np.ndarray) -> np.ndarray:
    keys: np.ndarray = (zone << RA_BITS) | ra_q
    return keys


def _prepare(lon_deg: np.ndarray, lat_deg: np.ndarray, height: float) -> Triple:
    ra = np.mod(lon_deg, 360.0)
    ra[ra >= 360.0] = 0.0  # np.mod(-1e-20, 360) is 360.0
    ra_q = ((ra + 360.0) * RA_SCALE).astype(np.int64)  # in [360, 720) deg: room to shift by a turn either way
    zone = ((lat_deg + 90.0) / height).astype(np.int64)
    return ra, ra_q, zone


def _haversine_arcsec(ra1: np.ndarray, dec1: np.ndarray, ra2: np.ndarray, dec2: np.ndarray) -> np.ndarray:
    d1, d2 = np.radians(dec1), np.radians(dec2)
    s_dec = np.sin((d2 - d1) / 2.0)
    s_ra = np.sin(np.radians(ra2 - ra1) / 2.0)
    hav = s_dec * s_dec + np.cos(d1) * np.cos(d2) * s_ra * s_ra
    arcsec: np.ndarray = np.degrees(2.0 * np.arcsin(np.sqrt(np.minimum(hav, 1.0)))) * 3600.0
    return arcsec


def _halfwidth_by_zone(n_zones: int, height: float, radius_deg: float) -> np.ndarray:
    """Per zone, the RA half-width (quanta) that covers every row in it: the bound at the zone's edge nearer a
    pole (a table lookup per row instead of trigonometry per row)."""
    lower = np.arange(n_zones + 1) * height - 90.0
    nearer_pole = np.maximum(np.abs(lower[:-1]), np.abs(np.minimum(lower[1:], 90.0)))
    return np.ceil(_ra_halfwidth(nearer_pole, radius_deg) * RA_SCALE).astype(np.int64) + 1


def _right_index(lon2: np.ndarray, lat2: np.ndarray, radius_deg: float, height: float) -> Triple:
    """Sorted keys of the right side (with shifted copies near RA 0/360) and, per key, the right row."""
    ra, ra_q, zone = _prepare(lon2, lat2, height)
    # A left row within the radius has |dec| <= |dec_right| + r: its half-width is at most this one.
    widest = float(_ra_halfwidth(np.array([float(np.abs(lat2).max()) + radius_deg]), radius_deg)[0])
    near_edge = np.flatnonzero((ra < widest) | (ra > 360.0 - widest))
    reach = _ra_halfwidth(np.abs(lat2[near_edge]) + radius_deg, radius_deg)
    low = near_edge[ra[near_edge] < reach]
    high = near_edge[ra[near_edge] > 360.0 - reach]
    keys = np.concatenate(
        [_keys(ra_q, zone), _keys(ra_q[low] + FULL_TURN, zone[low]), _keys(ra_q[high] - FULL_TURN, zone[high])]
    )
    order = np.argsort(keys)
    owner = order.copy()  # positions past the table's rows are copies: map them back to their row
    copies = owner >= len(ra)
    owner[copies] = np.concatenate([low, high])[owner[copies] - len(ra)]
    return keys[order], owner, ra


def candidate_pairs(
    lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray, radius_arcsec: float
) -> Iterator[Triple]:
    """Yield (left rows, right rows, separation arcsec) of every pair within the radius, in pieces: in each piece
    a left row appears in one run (its pairs in one zone). Left rows are taken in blocks of ``BLOCK_ROWS`` in key
    order, so the searches into the sorted right keys move forward."""
    radius_deg = radius_arcsec / 3600.0
    height = _zone_height(radius_deg)
    right_keys, right_owner, ra2 = _right_index(lon2, lat2, radius_deg, height)
    ra1, ra_q1, _ = _prepare(lon1, lat1, height)
    # half-zones: the key says both the zone (>> 1) and which neighbour zone a circle can reach (& 1)
    half_zone = ((lat1 + 90.0) / (height / 2)).astype(np.int64)
    half_by_zone = _halfwidth_by_zone(int(half_zone.max() >> 1) + 2, height, radius_deg)
    left_order = np.argsort(_keys(ra_q1, half_zone))
    half_turn = FULL_TURN // 2
    ra_mask = (1 << RA_BITS) - 1
    for start in range(0, len(left_order), BLOCK_ROWS):
        rows = left_order[start : start + BLOCK_ROWS]
        key = _keys(ra_q1[rows], half_zone[rows])
        q, z, upper = key & ra_mask, key >> (RA_BITS + 1), (key >> RA_BITS) & 1
        half = half_by_zone[z]
        # a whole turn exactly, half-open: with copies a full turn apart each right row is seen once
        half_hi = np.where(half >= half_turn, half_turn - 1, half)
        half = np.minimum(half, half_turn)
        # own zone and the nearer neighbour, by side: each search's keys ascend
        for side in (0, 1):
            sel = np.flatnonzero(upper == side)
            for dz in (0, 2 * side - 1):
                zz = z[sel] + dz
                lo = np.searchsorted(right_keys, _keys(q[sel] - half[sel], zz), side="left")
                hi = np.searchsorted(right_keys, _keys(q[sel] + half_hi[sel], zz), side="right")
                count = hi - lo
                hit = np.flatnonzero(count)
                if len(hit) == 0:
                    continue
                count, first, ends = count[hit], lo[hit], np.cumsum(count[hit])
                # at most MAX_CANDIDATES pairs in memory at once, whatever the density and radius
                cuts = np.searchsorted(ends, np.arange(MAX_CANDIDATES, int(ends[-1]), MAX_CANDIDATES))
                for part in np.split(np.arange(len(hit)), np.unique(cuts[cuts > 0])):
                    n, total = count[part], int(count[part].sum())
                    left = np.repeat(rows[sel[hit[part]]], n)
                    if total == len(part):  # one candidate each: the usual case at arcsecond radii
                        right = right_owner[first[part]]
                    else:
                        offset = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(n) - n, n)
                        right = right_owner[np.repeat(first[part], n) + offset]
                    sep = _haversine_arcsec(ra1[left], lat1[left], ra2[right], lat2[right])
                    keep = np.flatnonzero(sep <= radius_arcsec)
                    yield left[keep], right[keep], sep[keep]


def _nearest_of_runs(group: np.ndarray, sep: np.ndarray) -> np.ndarray:
    """Positions of the smallest separation of each run of equal ``group`` values (runs are contiguous)."""
    if len(group) == 0:
        return np.empty(0, np.int64)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    if len(starts) == len(group):
        return starts
    lengths = np.diff(np.r_[starts, len(group)])
    smallest = np.repeat(np.minimum.reduceat(sep, starts), lengths)
    at_min = np.flatnonzero(sep == smallest)
    first = np.r_[True, group[at_min[1:]] != group[at_min[:-1]]]
    return at_min[first]


def _nearest_per_group(group: np.ndarray, sep: np.ndarray) -> np.ndarray:
    """Positions of the smallest separation of each group value, wherever its pairs are."""
    order = np.lexsort((sep, group))
    g = group[order]
    first = np.ones(len(g), bool)
    first[1:] = g[1:] != g[:-1]
    return order[first]


def match_indices_zones(
    lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray, radius_arcsec: float, find: str = "best"
) -> Triple:
    """(left row, right row, separation arcsec) of the matches: ``best`` per left row, ``mutual`` nearest both
    ways, or ``all`` pairs, ordered by left row (then separation for ``all``)."""
    empty = (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0))
    if find == "best":
        # per left row the nearest so far: a row's candidates come in at most two runs (two zones)
        best_sep = np.full(len(lon1), np.inf)
        best_j = np.full(len(lon1), -1, np.int64)
        for i, j, s in candidate_pairs(lon1, lat1, lon2, lat2, radius_arcsec):
            pick = _nearest_of_runs(i, s)
            i, j, s = i[pick], j[pick], s[pick]
            nearer = s < best_sep[i]
            best_sep[i[nearer]] = s[nearer]
            best_j[i[nearer]] = j[nearer]
        i = np.flatnonzero(best_j >= 0)
        return i, best_j[i], best_sep[i]
    pieces = list(candidate_pairs(lon1, lat1, lon2, lat2, radius_arcsec))
    if not pieces:
        return empty
    i, j, s = (np.concatenate([p[k] for p in pieces]) for k in range(3))
    if find == "mutual":  # each the other's nearest: the nearest pair of its left row and of its right row
        keep = np.zeros(len(i), bool)
        keep[_nearest_per_group(i, s)] = True
        nearest_of_right = np.zeros(len(i), bool)
        nearest_of_right[_nearest_per_group(j, s)] = True
        keep &= nearest_of_right
        i, j, s = i[keep], j[keep], s[keep]
    order = np.lexsort((s, i))
    return i[order], j[order], s[order]
