"""The FITS transport of sync TAP queries (vo/transport/fitspath.py, vo/votable/fits.py): the VOTable result.

The stack tests run every query twice against the local DaCHS, once as FITS rows + MAXREC=0 VOTable metadata and
once as plain BINARY2, and compare the Arrow tables whole (values, nulls, types, column and table metadata).
The other tests read FITS files written by astropy (the library DaCHS writes FITS with)."""

from __future__ import annotations

import io
import json

import numpy as np
import pyarrow as pa
import pytest
from astropy.io import fits

from jupyter_escape.core.errors import EscapeError, RemoteError
from jupyter_escape.core.http import Limits
from jupyter_escape.vo import tap
from jupyter_escape.vo.transport import fitspath
from jupyter_escape.vo.transport import http as vo_http
from jupyter_escape.vo.votable import fits as fits_table
from jupyter_escape.vo.votable.fields import make_spec

SAME_QUERIES = [
    ("SELECT * FROM esc_demo.main ORDER BY source_id", None),  # float nulls (NaN), text
    ("SELECT * FROM esc_spec.main ORDER BY accref", None),  # NULL text, NULL fixed arrays, timestamps as text
    ("SELECT TOP 30000 * FROM esc_bench.big ORDER BY row_id", 30000),  # int null values, char(12), floats
    ("SELECT MAX(flag) AS m, MIN(label) AS l, COUNT(*) AS n FROM esc_bench.big WHERE row_id < 0", None),
    ("SELECT TOP 3 CAST(NULL AS INTEGER) AS x, source_id FROM esc_demo.main ORDER BY source_id", None),
    ("SELECT source_id, ra FROM esc_demo.main WHERE source_id < 0", None),  # no rows at all
]


def _without_sql(infos):
    return [(i["name"], i["value"]) for i in infos if i["name"] != "sql_query"]


@pytest.mark.stack
@pytest.mark.parametrize("query,maxrec", SAME_QUERIES)
async def test_fits_gives_the_votable_result(dachs, query, maxrec):
    fast = await tap.sync_query(dachs["tap"], query, maxrec=maxrec, fmt="fits")
    plain = await tap.sync_query(dachs["tap"], query, maxrec=maxrec, fmt="binary2")
    assert fast.transport == "fits" and plain.transport == "votable"
    assert fast.table.schema.equals(plain.table.schema, check_metadata=True)
    assert fast.table.equals(plain.table), query
    assert (fast.overflow, fast.query_status) == (plain.overflow, plain.query_status)
    # the same INFOs (the SQL differs only in its LIMIT)
    assert _without_sql(fast.infos) == _without_sql(plain.infos)
    assert fast.info_json()["transport"] == "fits"


@pytest.mark.stack
async def test_fits_overflow_is_detected_without_query_status(dachs):
    cut = await tap.sync_query(
        dachs["tap"], "SELECT source_id FROM esc_demo.main ORDER BY source_id", maxrec=3, fmt="fits"
    )
    assert cut.table.num_rows == 3 and cut.overflow and cut.query_status == "OVERFLOW"
    assert cut.table.column("source_id").to_pylist() == sorted(cut.table.column("source_id").to_pylist())
    exact = await tap.sync_query(dachs["tap"], "SELECT TOP 7 source_id FROM esc_demo.main", maxrec=7, fmt="fits")
    assert exact.table.num_rows == 7 and not exact.overflow and exact.query_status == "OK"
    assert not any(i["value"] == "OVERFLOW" for i in exact.infos)
    plain = await tap.sync_query(
        dachs["tap"], "SELECT TOP 10 source_id FROM esc_demo.main ORDER BY source_id", maxrec=3, fmt="binary2"
    )  # DaCHS sends MAXREC+1 rows here: we keep MAXREC
    assert plain.table.num_rows == 3 and plain.overflow


@pytest.mark.stack
async def test_fits_whole_big_table_same_rows_as_votable(dachs):
    """1M rows without ORDER BY (PostgreSQL may start its scan anywhere): same rows, compared after sorting."""
    query = "SELECT row_id, mag, n_obs, label FROM esc_bench.big"
    limits = Limits(timeout=300, max_bytes=2**30)
    fast = await tap.sync_query(dachs["tap"], query, maxrec=1_000_000, fmt="auto", limits=limits)
    plain = await tap.sync_query(dachs["tap"], query, maxrec=1_000_000, fmt="binary2", limits=limits)
    assert fast.transport == "fits" and fast.table.num_rows == 1_000_000 and not fast.overflow
    assert fast.table.sort_by("row_id").equals(plain.table.sort_by("row_id"))


@pytest.mark.stack
async def test_auto_falls_back_to_votable_and_says_why(dachs):
    small = await tap.sync_query(dachs["tap"], "SELECT TOP 5 * FROM esc_demo.main", maxrec=100)
    assert small.transport == "votable" and "small" in small.transport_note
    unicode = await tap.sync_query(dachs["tap"], "SELECT * FROM tap_schema.columns", maxrec=50_000)
    assert unicode.transport == "votable" and "unicodeChar" in unicode.transport_note
    assert unicode.table.num_rows > 0
    arrays = await tap.sync_query(dachs["tap"], "SELECT * FROM esc_img.main", maxrec=50_000)
    assert arrays.transport == "votable" and "variable-length" in arrays.transport_note
    with pytest.raises(EscapeError, match="FITS transport: column 'description' is unicodeChar"):
        await tap.sync_query(dachs["tap"], "SELECT * FROM tap_schema.columns", maxrec=10, fmt="fits")


@pytest.mark.stack
async def test_query_errors_are_the_services_words_on_both_paths(dachs):
    messages = []
    for fmt in ("auto", "fits", "binary2"):
        with pytest.raises(RemoteError) as err:
            await tap.sync_query(dachs["tap"], "SELECT nosuchcolumn FROM esc_demo.main", maxrec=50_000, fmt=fmt)
        messages.append(err.value.message)
    assert len(set(messages)) == 1 and "nosuchcolumn" in messages[0]


def test_capabilities_decide_the_plan():
    caps = {
        "output_formats": [
            {"mime": "application/x-votable+xml", "aliases": ["votable"]},
            {"mime": "application/fits", "aliases": ["fits"]},
        ],
        "limits": {
            "outputLimit": {"default": {"value": "20000", "unit": "row"}, "hard": {"value": "2000000", "unit": "row"}}
        },
    }
    plan = fitspath.plan_from_capabilities(caps)
    assert (plan.mime, plan.default_limit, plan.hard_limit) == ("application/fits", 20000, 2000000)
    assert fitspath.plan_from_capabilities({"output_formats": caps["output_formats"][:1]}) is None
    bytes_limit = {**caps, "limits": {"outputLimit": {"default": {"value": "10", "unit": "byte"}}}}
    assert fitspath.plan_from_capabilities(bytes_limit).default_limit is None


# ---------------------------------------------------------------- the FITS reader on astropy-written files
def _fits_bytes(columns: list[fits.Column]) -> bytearray:
    out = io.BytesIO()
    fits.HDUList([fits.PrimaryHDU(), fits.BinTableHDU.from_columns(columns)]).writeto(out)
    return bytearray(out.getvalue())


def _spec(name, datatype, arraysize=None, null=None, i=0):
    attrs = {"name": name, "datatype": datatype, "unit": "deg"}
    if arraysize:
        attrs["arraysize"] = arraysize
    return make_spec(attrs, description=f"about {name}", null=null, index=i)


def _schema(specs):
    return pa.schema([s.arrow_field() for s in specs])


def test_reader_types_nulls_and_padding():
    buf = _fits_bytes(
        [
            fits.Column("id", "K", array=np.array([1, -9, 3]), null=-9),
            fits.Column("ra", "D", array=np.array([1.5, np.nan, 3.25])),
            fits.Column("mag", "E", array=np.array([20.5, 21.0, np.nan], dtype=np.float32)),
            fits.Column("n", "I", array=np.array([5, -1, 7]), null=-1),
            fits.Column("name", "8A", array=np.array([b"abc", b"", b"a b  "])),
            fits.Column("ok", "L", array=np.array([True, False, True])),
            fits.Column("pos", "2D", array=np.array([[1.0, 2.0], [np.nan, np.nan], [3.0, np.nan]])),
        ]
    )
    specs = [
        _spec("id", "long", i=0),
        _spec("ra", "double", i=1),
        _spec("mag", "float", i=2),
        _spec("n", "short", null="-1", i=3),
        _spec("name", "char", "*", i=4),
        _spec("ok", "boolean", i=5),
        _spec("pos", "double", "2", i=6),
    ]
    table = fits_table.to_arrow(buf, specs, _schema(specs))
    assert table.schema.equals(_schema(specs), check_metadata=True)
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [1, None, 3]  # TNULL
    assert [r["ra"] for r in rows] == [1.5, None, 3.25] and rows[2]["mag"] is None  # NaN is null, as in VOTable
    assert [r["n"] for r in rows] == [5, None, 7]
    # NUL padding goes, inner blanks stay, empty is NULL (astropy, DaCHS's FITS writer, drops trailing blanks)
    assert [r["name"] for r in rows] == ["abc", None, "a b"]
    assert [r["ok"] for r in rows] == [True, False, True]
    assert rows[1]["pos"] is None and rows[0]["pos"] == [1.0, 2.0] and np.isnan(rows[2]["pos"][1])


def test_reader_streams_in_small_pieces(monkeypatch):
    """Fed in 97-byte pieces and converted in 4 KB batches: the same table as in one piece."""
    rng = np.random.default_rng(7)
    buf = _fits_bytes(
        [
            fits.Column("id", "K", array=np.arange(5000), null=-1),
            fits.Column("x", "E", array=rng.normal(size=5000).astype(np.float32)),
            fits.Column("s", "5A", array=np.array([b"ab", b"", b"abcde", b"x", b"zz"] * 1000)),
        ]
    )
    specs = [_spec("id", "long", i=0), _spec("x", "float", i=1), _spec("s", "char", "5", i=2)]
    whole = fits_table.to_arrow(buf, specs, _schema(specs))
    # A small batch size makes this 5,000-row table cross several batch boundaries, as 1M rows do.
    monkeypatch.setattr(fits_table.FitsDecoder, "BATCH", 4096)
    decoder = fits_table.FitsDecoder(specs, _schema(specs))
    for i in range(0, len(buf), 97):
        decoder.feed(bytes(buf[i : i + 97]))
    pieces = decoder.close()
    assert pieces.column("id").num_chunks > 10 and pieces.equals(whole) and whole.num_rows == 5000
    assert whole.column("s").to_pylist()[:3] == ["ab", None, "abcde"]


def test_reader_empty_table_and_narrow_text():
    buf = _fits_bytes(
        [
            fits.Column("label", "1A", array=np.array([], dtype="S1")),
            fits.Column("x", "J", array=np.array([], dtype=np.int32), null=-1),
        ]
    )
    specs = [_spec("label", "char", "12", i=0), _spec("x", "int", i=1)]
    table = fits_table.to_arrow(buf, specs, _schema(specs))
    assert table.num_rows == 0 and table.schema.equals(_schema(specs), check_metadata=True)


@pytest.mark.parametrize(
    "column,spec,why",
    [
        (fits.Column("a", "J", array=np.array([1])), _spec("b", "int"), "where the VOTable has 'b'"),
        (fits.Column("a", "J", array=np.array([1])), _spec("a", "long"), "FITS J for VOTable long"),
        (fits.Column("a", "PJ()", array=np.array([[1], [2, 3]], dtype=object)), _spec("a", "int", "*"), "heap"),
        (fits.Column("a", "J", array=np.array([1]), bzero=2**31), _spec("a", "int"), "TFORM|scaled"),
        (fits.Column("a", "2J", array=np.array([[1, 2]])), _spec("a", "int", "2"), "cannot mark its nulls"),
        (fits.Column("a", "4A", array=np.array([b"abcd"])), _spec("a", "char", "2"), "FITS width 4"),
        (fits.Column("a", "4A", array=np.array([b"abcd"])), _spec("a", "unicodeChar", "*"), "unicodeChar"),
    ],
)
def test_reader_refuses_what_it_cannot_map_exactly(column, spec, why):
    with pytest.raises(fits_table.FitsMismatch, match=why):
        fits_table.to_arrow(_fits_bytes([column]), [spec], _schema([spec]))


def test_reader_refuses_non_fits_and_truncated_data():
    with pytest.raises(fits_table.FitsMismatch, match="not a FITS file"):
        fits_table.to_arrow(bytearray(b"<VOTABLE/>" * 400), [], pa.schema([]))
    buf = _fits_bytes([fits.Column("a", "D", array=np.arange(1000.0))])
    spec = _spec("a", "double")
    with pytest.raises(fits_table.FitsMismatch, match="truncated"):
        fits_table.to_arrow(buf[: len(buf) - 2880 * 2], [spec], _schema([spec]))


@pytest.mark.stack
async def test_sync_route_uses_fits_by_default_and_says_so(dachs, jp_fetch):
    query = "SELECT TOP 20000 row_id, flux, n_obs, label FROM esc_bench.big ORDER BY row_id"
    tables = {}
    for fmt, expected in ((None, "fits"), ("binary2", "votable")):
        body = {"url": dachs["tap"], "query": query, "maxrec": 20000} | ({"format": fmt} if fmt else {})
        response = await jp_fetch("escape", "api", "vo", "tap", "sync", method="POST", body=json.dumps(body))
        info = json.loads(response.headers["X-Escape-Result-Info"])
        assert info["transport"] == expected and info["rows"] == 20000 and not info["overflow"]
        tables[expected] = pa.ipc.open_stream(response.body).read_all()
    assert tables["fits"].equals(tables["votable"])
    assert tables["fits"].schema.equals(tables["votable"].schema, check_metadata=True)


@pytest.mark.stack
async def test_async_jobs_take_the_fits_path_and_give_the_sync_result(dachs):
    """An asynchronous job writes FITS when sync_query would; its rows get the MAXREC=0 VOTable's meaning, so the
    result equals the sync BINARY2 one (overflow included); small or inexact cases stay VOTable and say why."""
    query = "SELECT TOP 30000 * FROM esc_bench.big ORDER BY row_id"
    job = await tap.create_job(dachs["tap"], query, maxrec=25_000)
    assert job.fits == {"mime": "application/fits", "maxrec": 25_000, "ask": 25_001, "hard": job.fits["hard"]}
    assert job.parameters.get("responseformat") == "application/fits"
    done = await tap.wait_for_job(job.url, timeout=120)
    fast = await tap.job_result(job.url, info=done, fits=job.fits)
    plain = await tap.sync_query(dachs["tap"], query, maxrec=25_000, fmt="binary2")
    assert fast.transport == "fits" and fast.overflow and fast.query_status == "OVERFLOW"
    assert fast.table.schema.equals(plain.table.schema, check_metadata=True)
    assert fast.table.equals(plain.table) and fast.table.num_rows == 25_000
    await tap.delete_job(job.url)
    small = await tap.create_job(dachs["tap"], "SELECT TOP 5 * FROM esc_demo.main", maxrec=100)
    unicode = await tap.create_job(dachs["tap"], "SELECT * FROM tap_schema.columns", maxrec=50_000)
    assert small.fits is None and "small" in small.transport_note
    assert unicode.fits is None and "unicodeChar" in unicode.transport_note
    assert (await tap.job_result(unicode.url, info=await tap.wait_for_job(unicode.url, timeout=120))).num_rows
    failing = await tap.create_job(dachs["tap"], "SELECT nosuchcolumn FROM esc_bench.big", maxrec=50_000)
    assert failing.fits is None and "nosuchcolumn" in failing.transport_note  # the job reports it as usual
    assert (await tap.wait_for_job(failing.url, timeout=120)).phase == "ERROR"
    for j in (small, unicode, failing):
        await tap.delete_job(j.url)


@pytest.mark.stack
async def test_job_route_results_travel_as_fits(dachs, jp_fetch, fetch_json):
    query = "SELECT TOP 12000 row_id, flux, n_obs, label FROM esc_bench.big ORDER BY row_id"
    job = await fetch_json(
        "vo", "tap", "jobs", method="POST", body={"url": dachs["tap"], "query": query, "maxrec": 20_000}
    )
    assert job["fits"]["mime"] == "application/fits" and job["transport_note"] is None
    await tap.wait_for_job(job["url"], timeout=120)
    response = await jp_fetch("escape", "api", "vo", "tap", "jobs", job["id"], "results")
    info = json.loads(response.headers["X-Escape-Result-Info"])
    assert info["transport"] == "fits" and info["rows"] == 12_000 and not info["overflow"]
    table = pa.ipc.open_stream(response.body).read_all()
    plain = await tap.sync_query(dachs["tap"], query, maxrec=20_000, fmt="binary2")
    assert table.equals(plain.table) and table.schema.equals(plain.table.schema, check_metadata=True)
    listed = await fetch_json("vo", "tap", "jobs", params={"refresh": "0"})
    assert next(j for j in listed["jobs"] if j["id"] == job["id"])["fits"]["ask"] == 20_001
    await fetch_json("vo", "tap", "jobs", job["id"], method="DELETE")


@pytest.mark.parametrize(
    "url,identity",
    [
        ("http://127.0.0.1:8090/tap", True),
        ("http://localhost:8090/tap", True),
        ("http://[::1]/tap", True),
        ("http://10.0.0.7/tap", True),
        ("http://192.168.1.2/tap", True),
        ("https://dc.g-vo.org/tap", False),
        ("http://8.8.8.8/tap", False),
    ],
)
def test_no_compression_asked_from_local_services(url, identity):
    assert (vo_http.transfer_headers(url) == {"Accept-Encoding": "identity"}) is identity
