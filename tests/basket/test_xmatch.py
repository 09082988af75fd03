"""Cross-match correctness against brute force, on the whole sphere, at the poles and across RA = 0."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from astropy.coordinates import angular_separation

from jupyter_escape.basket.xmatch import crossmatch
from jupyter_escape.core.errors import EscapeError


def _brute(ra1, dec1, ra2, dec2):
    r1, d1, r2, d2 = (np.radians(x) for x in (ra1, dec1, ra2, dec2))
    return np.degrees(angular_separation(r1[:, None], d1[:, None], r2[None, :], d2[None, :])) * 3600.0


def _field(rng, n, kind):
    if kind == "sky":
        return rng.uniform(0, 360, n), np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    if kind == "north_pole":
        return rng.uniform(0, 360, n), 90 - np.abs(rng.normal(0, 0.01, n))
    if kind == "south_pole":
        return rng.uniform(0, 360, n), -90 + np.abs(rng.normal(0, 0.01, n))
    if kind == "ra_wrap":
        return (rng.uniform(-0.02, 0.02, n)) % 360, rng.uniform(-0.02, 0.02, n)
    raise ValueError(kind)


def _catalogues(seed, kind, n1=300, n2=400, radius=20.0):
    rng = np.random.default_rng(seed)
    ra1, dec1 = _field(rng, n1, kind)
    ra2, dec2 = _field(rng, n2, kind)
    # a third of the second catalogue are near neighbours of the first, offset up to ~1.5 radius
    k = n2 // 3
    src = rng.integers(0, n1, k)
    offset = rng.uniform(0, 1.5 * radius / 3600, k)
    angle = rng.uniform(0, 2 * np.pi, k)
    from astropy import units as u
    from astropy.coordinates import SkyCoord

    moved = SkyCoord(ra1[src] * u.deg, dec1[src] * u.deg).directional_offset_by(angle * u.rad, offset * u.deg)
    ra2[:k], dec2[:k] = moved.ra.deg, moved.dec.deg
    return ra1, dec1, ra2, dec2


@pytest.mark.parametrize("kind", ["sky", "north_pole", "south_pole", "ra_wrap"])
def test_best_and_all_equal_brute_force(kind):
    radius = 20.0
    ra1, dec1, ra2, dec2 = _catalogues(7, kind, radius=radius)
    seps = _brute(ra1, dec1, ra2, dec2)
    a = pa.table({"id": np.arange(len(ra1)), "ra": ra1, "dec": dec1})
    b = pa.table({"id": np.arange(len(ra2)), "ra": ra2, "dec": dec2})

    best = crossmatch(a, b, radius, find="best").table
    nearest = seps.argmin(axis=1)
    expected_i = np.flatnonzero(seps[np.arange(len(ra1)), nearest] <= radius)
    assert len(expected_i) > 20  # the test has real matches in it
    assert best["id_1"].to_pylist() == expected_i.tolist()
    assert best["id_2"].to_pylist() == nearest[expected_i].tolist()
    np.testing.assert_allclose(
        best["separation_arcsec"].to_numpy(), seps[expected_i, nearest[expected_i]], rtol=1e-7, atol=1e-6
    )

    every = crossmatch(a, b, radius, find="all").table
    ei, ej = np.nonzero(seps <= radius)
    got = sorted(zip(every["id_1"].to_pylist(), every["id_2"].to_pylist(), strict=True))
    assert got == sorted(zip(ei.tolist(), ej.tolist(), strict=True))
    assert len(got) >= len(expected_i)


def test_pairs_across_ra_zero_and_pole_are_found():
    a = pa.table({"ra": [359.9999, 10.0, 0.0], "dec": [0.0, 89.99999, -89.99999]})
    b = pa.table({"ra": [0.0001, 190.0, 123.0], "dec": [0.0, 89.99999, -89.99999]})
    t = crossmatch(a, b, 1.0).table
    assert t.num_rows == 3
    np.testing.assert_allclose(
        t["separation_arcsec"].to_numpy(), [0.72, 0.072, 0.072 * np.sin(np.radians(61.5))], atol=1e-4
    )


@pytest.mark.parametrize("find", ["best", "mutual", "all"])
def test_two_threads_find_the_kdtree_pairs(find):
    """Past MIN_ROWS_PER_THREAD left rows per thread the search is shared between threads: the same pairs as one
    thread and as the KD-tree, in a field dense enough for several candidates per row (and across RA 0)."""
    from jupyter_escape.basket.xmatch import match_indices_kdtree
    from jupyter_escape.basket.xmatch_zones import MIN_ROWS_PER_THREAD, match_indices_zones

    rng = np.random.default_rng(11)
    n = 2 * MIN_ROWS_PER_THREAD + 5_000
    ra1, dec1 = rng.uniform(-0.3, 0.3, n) % 360, rng.uniform(-0.3, 0.3, n)
    ra2, dec2 = rng.uniform(-0.3, 0.3, n) % 360, rng.uniform(-0.3, 0.3, n)
    # ~125,000 rows per square degree: ~3 right rows within 10" of each left row
    one = match_indices_zones(ra1, dec1, ra2, dec2, 10.0, find, threads=1)
    two = match_indices_zones(ra1, dec1, ra2, dec2, 10.0, find, threads=2)
    tree = match_indices_kdtree(ra1, dec1, ra2, dec2, 10.0, find)
    assert len(one[0]) > n // 2
    for got in (two, tree):
        assert sorted(zip(got[0].tolist(), got[1].tolist(), strict=True)) == sorted(
            zip(one[0].tolist(), one[1].tolist(), strict=True)
        )
    np.testing.assert_array_equal(one[0], two[0])
    np.testing.assert_allclose(np.sort(two[2]), np.sort(tree[2]), rtol=1e-7, atol=1e-6)


def test_right_keys_are_sorted_exactly_and_equal_keys_keep_row_order():
    """The right side is ordered by sorting values with row numbers in their low bits, then fixing the keys that
    differ only there: the result must be the stable argsort (searches need exact order; ties go by row). The left
    order only has to keep zones ascending."""
    from jupyter_escape.basket.xmatch_zones import RA_BITS, _left_keys, _right_index, _zone_height

    rng = np.random.default_rng(5)
    n = 50_000
    ra, dec = rng.uniform(-0.05, 0.05, n) % 360, rng.uniform(-0.05, 0.05, n)  # dense, across RA 0 (copies)
    ra[:500], dec[:500] = ra[500:1000], dec[500:1000]  # duplicated positions: equal keys
    height = _zone_height(1.0 / 3600)
    keys, owner, _ = _right_index(ra, dec, 1.0 / 3600, height)
    assert len(keys) > n  # rows near RA 0 have shifted copies
    assert np.all(np.diff(keys) >= 0)
    ra_q = ((np.mod(ra, 360.0) + 360.0) * 4.0e9).astype(np.int64)
    row_keys = ((((dec + 90.0) / height).astype(np.int64)) << RA_BITS) | ra_q
    original = keys == row_keys[owner]  # the others are copies shifted by a full turn
    assert sorted(owner[original].tolist()) == list(range(n))
    k, o = keys[original], owner[original]
    tie = k[1:] == k[:-1]
    assert tie.sum() >= 500  # the duplicated positions
    assert np.all(o[1:][tie] > o[:-1][tie])
    _, left_keys, left_order = _left_keys(ra, dec, height)
    assert sorted(left_order.tolist()) == list(range(n))
    assert np.all(np.diff(left_keys[left_order] >> RA_BITS) >= 0)


@pytest.mark.parametrize("join", ["inner", "left"])
def test_joined_columns_keep_types_nulls_and_chunks(join):
    """Numeric columns are gathered by numpy over their buffers, the rest by Arrow: both give the same table."""
    a = pa.table(
        {
            "ra": [1.0, 2.0, 3.0],
            "dec": [0.0, 0.0, 0.0],
            "s": ["x", "y", "z"],
            "m": pa.array([1.5, None, 2.5], pa.float32()),
            "k": pa.array([1, 2, 3], pa.int16()),
        }
    )
    b = pa.table(
        {
            "ra": pa.chunked_array([[1.0000001], [3.0000001, 50.0]]),
            "dec": [0.0, 0.0, 0.0],
            "f": pa.array([7, 8, 9], pa.uint8()),
        }
    )
    t = crossmatch(a, b, 1.0, join=join).table
    assert [t.schema.field(c).type for c in ("m", "k", "f")] == [pa.float32(), pa.int16(), pa.uint8()]
    if join == "inner":
        assert t.select(["s", "m", "k", "ra_2", "f"]).to_pylist() == [
            {"s": "x", "m": 1.5, "k": 1, "ra_2": 1.0000001, "f": 7},
            {"s": "z", "m": 2.5, "k": 3, "ra_2": 3.0000001, "f": 8},
        ]
    else:
        assert t["m"].to_pylist() == [1.5, None, 2.5]
        assert t["f"].to_pylist() == [7, None, 8] and t["ra_2"].to_pylist() == [1.0000001, None, 3.0000001]
        empty = crossmatch(a, b.slice(0, 0), 1.0, join="left").table
        assert empty["f"].to_pylist() == [None] * 3 and empty["s"].to_pylist() == ["x", "y", "z"]


def test_engine_memory_and_its_deprecated_name_scipy():
    a = pa.table({"ra": [10.0, 20.0], "dec": [0.0, 0.0]})
    b = pa.table({"ra": [10.0 + 0.5 / 3600], "dec": [0.0]})
    now = crossmatch(a, b, 1.0, engine="memory")
    assert now.params["engine"] == "memory" and now.n_matches == 1
    assert not any("deprecated" in n for n in now.notes)
    with pytest.warns(DeprecationWarning, match="engine='scipy' is deprecated"):
        former = crossmatch(a, b, 1.0, engine="scipy")
    assert former.params["engine"] == "memory" and former.n_matches == 1
    assert any("engine='scipy' is deprecated: the in-memory engine is called 'memory'" in n for n in former.notes)


def test_mutual_keeps_each_row_once():
    a = pa.table({"ra": [10.0, 10.0 + 0.5 / 3600], "dec": [0.0, 0.0]})
    b = pa.table({"ra": [10.0 + 0.2 / 3600], "dec": [0.0]})
    assert crossmatch(a, b, 1.0, find="best").n_matches == 2
    mutual = crossmatch(a, b, 1.0, find="mutual").table
    assert mutual.num_rows == 1 and mutual["ra_1"].to_pylist() == [10.0]


def test_left_join_keeps_unmatched_rows_and_metadata():
    a = pa.table({"ra": pa.array([10.0, 50.0]), "dec": [0.0, 0.0]})
    a = a.cast(
        pa.schema(
            [
                pa.field("ra", pa.float64(), metadata={"unit": "deg", "ucd": "pos.eq.ra;meta.main"}),
                pa.field("dec", pa.float64(), metadata={"unit": "deg"}),
            ]
        )
    )
    b = pa.table({"RAJ2000": [10.0], "DEJ2000": [0.0001], "mag": [12.5]})
    t = crossmatch(a, b, 1.0, join="left").table
    assert t.num_rows == 2 and t["mag"].to_pylist() == [12.5, None]
    assert t.schema.field("ra").metadata[b"ucd"] == b"pos.eq.ra;meta.main"
    assert t.schema.field("separation_arcsec").metadata[b"unit"] == b"arcsec"


def test_units_hourangle_and_radians_are_converted():
    a = pa.table({"ra": [12.0], "dec": [45.0]}).cast(
        pa.schema(
            [
                pa.field("ra", pa.float64(), metadata={"unit": "h"}),
                pa.field("dec", pa.float64(), metadata={"unit": "deg"}),
            ]
        )
    )
    b = pa.table({"ra": [np.pi], "dec": [np.pi / 4]}).cast(
        pa.schema(
            [
                pa.field("ra", pa.float64(), metadata={"unit": "rad"}),
                pa.field("dec", pa.float64(), metadata={"unit": "rad"}),
            ]
        )
    )
    r = crossmatch(a, b, 0.01)
    assert r.n_matches == 1


def test_galactic_against_icrs_is_converted():
    from astropy import units as u
    from astropy.coordinates import SkyCoord

    c = SkyCoord([10.0, 200.0] * u.deg, [20.0, -30.0] * u.deg, frame="icrs")
    a = pa.table({"ra": c.ra.deg, "dec": c.dec.deg})
    b = pa.table({"glon": c.galactic.l.deg, "glat": c.galactic.b.deg})
    r = crossmatch(a, b, 0.001)
    assert r.n_matches == 2 and any("converted to ICRS" in n for n in r.notes)


def test_text_coordinates_are_parsed():
    a = pa.table({"ra": ["00:40:00.0", "13:20:00"], "dec": ["+20:00:00", "-30:00:00"]})
    b = pa.table({"ra": [10.0, 200.0], "dec": [20.0, -30.0]})
    assert crossmatch(a, b, 0.1).n_matches == 2


@pytest.mark.parametrize(
    ("left", "kwargs", "message"),
    [
        (pa.table({"x": [1.0], "y": [2.0]}), {}, "left: no sky coordinates found"),
        (pa.table({"ra": [1.0], "dec": [200.0]}), {}, "outside \\[-90, 90\\]"),
        (pa.table({"ra": [1.0], "dec": [2.0]}), {"left_ra": "alpha", "left_dec": "dec"}, "no column 'alpha'"),
        (pa.table({"ra": [1.0], "dec": [2.0]}), {"left_frame": "martian"}, "not a frame"),
        (pa.table({"ra": [1.0], "dec": [2.0]}), {"radius_arcsec": -1}, "radius_arcsec: must be > 0"),
        (pa.table({"ra": [1.0], "dec": [2.0]}), {"find": "nearest"}, "find: 'nearest' is not one of"),
        (pa.table({"ra": ["a"], "dec": ["b"]}), {}, "cannot read text coordinates"),
    ],
)
def test_bad_input_is_named(left, kwargs, message):
    right = pa.table({"ra": [1.0], "dec": [2.0]})
    kwargs = {"radius_arcsec": 1.0, **kwargs}
    with pytest.raises(EscapeError, match=message):
        crossmatch(left, right, **kwargs)


def test_unit_that_is_not_an_angle_is_refused():
    a = pa.table({"ra": [1.0], "dec": [2.0]}).cast(
        pa.schema([pa.field("ra", pa.float64(), metadata={"unit": "km"}), pa.field("dec", pa.float64())])
    )
    with pytest.raises(EscapeError, match="unit 'km' is not an angle unit"):
        crossmatch(a, a, 1.0)


def test_null_coordinates_never_match():
    a = pa.table({"ra": [10.0, None], "dec": [0.0, 0.0]})
    b = pa.table({"ra": [10.0, 10.0], "dec": [0.0, None]})
    assert crossmatch(a, b, 1.0, find="all").n_matches == 1


def test_dask_engine_agrees_with_scipy():
    # the [scale] extra is installed by the project (make install): no skip; runs on the shared LocalCluster
    ra1, dec1, ra2, dec2 = _catalogues(3, "sky", n1=500, n2=600, radius=30)
    a = pa.table({"ra": ra1, "dec": dec1})
    b = pa.table({"ra": ra2, "dec": dec2})
    ours = crossmatch(a, b, 30, find="best").table
    lsdb_result = crossmatch(a, b, 30, find="best", engine="dask").table
    assert ours.num_rows == lsdb_result.num_rows > 50
    np.testing.assert_allclose(
        np.sort(ours["separation_arcsec"].to_numpy()), np.sort(lsdb_result["separation_arcsec"].to_numpy()), atol=1e-3
    )
