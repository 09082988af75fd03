"""Large tables go from the kernel to the sky view by reference: the kernel spools them as Arrow IPC, the output
carries a token, and the authenticated ``sky/tables/<token>`` route serves exactly those bytes."""

from __future__ import annotations

import io
import json

import numpy as np
import pyarrow as pa
import pytest
from tornado.httpclient import HTTPClientError

from jupyter_escape import sky
from jupyter_escape.sky import api, spool

N = spool.INLINE_ROWS + 5


@pytest.fixture
def runtime(monkeypatch, tmp_path):
    """The runtime folder the server and the kernel share (set before jp_fetch starts the server)."""
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    return tmp_path / "runtime"


@pytest.fixture
def published(monkeypatch):
    sent: list[dict] = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj, raw=False: sent.append(obj[api.MIME_TYPE]))
    return sent


def columns():
    rng = np.random.default_rng(3)
    ra = rng.uniform(0, 360, N)
    dec = np.ma.masked_array(rng.uniform(-90, 90, N), mask=np.arange(N) == 7)
    return {
        "source_id": np.arange(N, dtype=np.int64) * 10,
        "RA_ICRS": ra,
        "DE_ICRS": dec,
        "name": np.array([f"s{i}" for i in range(N)]),
    }


def read_back(token: str) -> pa.Table:
    with pa.ipc.open_stream(spool.table_path(token)) as reader:
        return reader.read_all()


def test_every_table_kind_is_spooled_with_the_same_values(runtime, published):
    import pandas as pd
    from astropy.table import Table

    cols = columns()
    plain = {k: np.asarray(v) for k, v in cols.items()}
    for table in (Table(cols, masked=True), pd.DataFrame(plain), pa.table(plain), plain):
        sky.show_table(table, name="big", id="source_id")
        args = published[-1]["args"]
        assert "data" not in args and args["rows"] == N
        assert args["columns"] == {"ra": "RA_ICRS", "dec": "DE_ICRS", "id": "source_id"}
        back = read_back(args["ref"])
        assert back.column_names == ["source_id", "RA_ICRS", "DE_ICRS", "name"]
        assert back["source_id"].to_pylist()[:3] == [0, 10, 20]
        assert np.allclose(back["RA_ICRS"].to_numpy(), cols["RA_ICRS"])
        assert back["name"][N - 1].as_py() == f"s{N - 1}"
    # The astropy table's masked cell became a null (the browser then skips that source and says so).
    first = read_back(published[0]["args"]["ref"])
    assert first["DE_ICRS"].null_count == 1 and first["DE_ICRS"][7].as_py() is None
    assert not list(runtime.glob("escape-sky-tables/.*.partial"))


def test_small_tables_stay_inline(runtime, published):
    sky.show_table({"ra": [1.0], "dec": [2.0]})
    assert published[-1]["args"]["data"] == {"ra": [1.0], "dec": [2.0]} and "ref" not in published[-1]["args"]


def test_a_missing_id_column_is_named(runtime, published):
    with pytest.raises(ValueError, match="id column 'nope' not in the table"):
        sky.show_table(columns(), id="nope")


def test_old_spooled_tables_are_pruned(runtime, published):
    sky.show_table(columns())
    token = published[-1]["args"]["ref"]
    spool.prune(spool.spool_dir(), now=spool.table_path(token).stat().st_mtime + spool.KEEP_SECONDS + 1)
    with pytest.raises(Exception, match="no longer available"):
        spool.table_path(token)


async def test_the_route_serves_the_spooled_bytes(runtime, published, jp_fetch):
    sky.show_table(columns())
    token = published[-1]["args"]["ref"]
    response = await jp_fetch("escape", "api", "sky", "tables", token)
    assert response.headers["Content-Type"] == "application/vnd.apache.arrow.stream"
    assert response.body == spool.table_path(token).read_bytes()
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("escape", "api", "sky", "tables", token, headers={"Authorization": ""})
    assert err.value.code == 403


@pytest.mark.parametrize(
    "token,code,words",
    [
        ("0" * 32, 404, "no longer available"),
        ("..%2F..%2Fetc%2Fpasswd", 400, "32 hexadecimal characters"),
        ("ABC", 400, "32 hexadecimal characters"),
    ],
)
async def test_the_route_refuses_anything_but_a_live_token(runtime, jp_fetch, token, code, words):
    with pytest.raises(HTTPClientError) as err:
        await jp_fetch("escape", "api", "sky", "tables", token)
    assert err.value.code == code
    assert words in json.loads(err.value.response.body)["error"]


def test_colour_and_size_by_column_travel_in_the_style(runtime, published):
    sky.show_table(columns(), color_by="DE_ICRS", size_by="RA_ICRS", size=6)
    assert published[-1]["args"]["style"] == {"size": 6, "colorBy": "DE_ICRS", "sizeBy": "RA_ICRS"}
    sky.show_table({"ra": [1.0], "dec": [2.0], "mag": [3.0]}, color_by="mag")
    assert published[-1]["args"]["style"] == {"colorBy": "mag"}
    with pytest.raises(ValueError, match="color_by column 'nope' not in the table"):
        sky.show_table({"ra": [1.0], "dec": [2.0]}, color_by="nope")


def test_numeric_columns_keep_values_nulls_and_types_without_pandas():
    """Numbers go to Arrow over numpy's buffers: NaN becomes null, booleans and big-endian
    integers keep their values, and pandas is never imported (it took over a second of a fresh kernel)."""
    import subprocess
    import sys

    code = (
        "import sys, numpy as np; from jupyter_escape.sky import spool; "
        "t = spool.arrow_table({'f': np.array([1.5, np.nan, 3.0]), 'b': np.array([True, False, True]), "
        "'i': np.array([1, 2, 3], dtype='>i4')}); "
        "print(t.to_pydict(), str(t.schema.field('i').type), 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ("{'f': [1.5, None, 3.0], 'b': [True, False, True], 'i': [1, 2, 3]} int32 False")


def _votable_with_array_columns(rows: int) -> bytes:
    """A VOTable (TABLEDATA, written by astropy) with a fixed-size array column (arraysize="3", one element masked
    in row 1, all of row 2 masked) and a variable-length one (arraysize="*", row 2 empty)."""
    from astropy.io.votable import from_table, writeto
    from astropy.table import Table

    flux = np.ma.masked_array(np.arange(3 * rows, dtype=float).reshape(rows, 3), mask=False)
    flux.mask[1, 1] = True
    flux.mask[2] = True
    table = Table({"ra": np.linspace(0, 10, rows), "dec": np.linspace(-5, 5, rows), "flux": flux})
    table["spec"] = np.array([np.arange(i % 4, dtype=np.int64) + 1 for i in range(rows)], dtype=object)
    out = io.BytesIO()
    writeto(from_table(table), out)
    return out.getvalue()


def test_array_columns_of_a_votable_are_spooled_as_text_like_the_inline_path(runtime, published, monkeypatch):
    """Multi-value cells (VOTable arraysize) used to raise in spool._array ('list' has no dtype). Read by astropy
    and by our own VOTable reader, they are spooled as the text the inline path shows; a cell with every element
    masked (an empty TD) is null in both."""
    from astropy.io.votable import parse_single_table

    from jupyter_escape.vo.votable.decoder import read_votable

    # Tables past 5 rows are spooled here (20,000 in use): the same code path with a table small enough to read.
    monkeypatch.setattr(spool, "INLINE_ROWS", 5)
    payload = _votable_with_array_columns(8)
    field = {f.name: f for f in parse_single_table(io.BytesIO(payload)).fields}
    assert field["flux"].arraysize == "3" and field["spec"].arraysize == "*"
    expected_flux = ["[0.0, 1.0, 2.0]", "[3.0, None, 5.0]", None, "[9.0, 10.0, 11.0]"]
    expected_spec = ["[]", "[1]", "[1, 2]", "[1, 2, 3]"]
    by_astropy = parse_single_table(io.BytesIO(payload)).to_table()
    by_ours = read_votable(payload).table
    for table in (by_astropy, by_ours):
        sky.show_table(table, name="arrays")
        back = read_back(published[-1]["args"]["ref"])
        assert back.num_rows == 8
        assert back.schema.field("flux").type == pa.string() and back.schema.field("spec").type == pa.string()
        assert back["flux"].to_pylist()[:4] == expected_flux
        assert back["spec"].to_pylist()[:4] == expected_spec
        assert np.allclose(back["ra"].to_numpy(), by_astropy["ra"])
    # The same cells inline (a table of 4 rows) read the same.
    small = parse_single_table(io.BytesIO(_votable_with_array_columns(4))).to_table()
    sky.show_table(small, name="small")
    data = published[-1]["args"]["data"]
    assert data["flux"] == expected_flux and data["spec"] == expected_spec
