"""The VOTable -> Arrow decoder against astropy's parser, on generated tables in all three serialisations."""

from __future__ import annotations

import io
import math

import numpy as np
import pyarrow as pa
import pytest
from astropy.io.votable import parse_single_table

from jupyter_escape.core.errors import EscapeError, RemoteError
from jupyter_escape.vo.votable import VOTableDecoder, read_votable, schema_json, to_ipc_stream

from .votable_samples import reserialise, tabledata_document

DOC = tabledata_document(400)
SERIALISATIONS = {"tabledata": DOC, "binary": reserialise(DOC, "binary"), "binary2": reserialise(DOC, "binary2")}


def _astropy_cell(value):
    if isinstance(value, np.ma.core.MaskedConstant):
        return None
    if isinstance(value, np.ma.MaskedArray):
        return [None if m else x for x, m in zip(value.data.tolist(), np.ma.getmaskarray(value).tolist(), strict=True)]
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value.item() if hasattr(value, "item") else value


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


@pytest.mark.parametrize("fmt", list(SERIALISATIONS))
def test_every_column_equals_astropy(fmt):
    data = SERIALISATIONS[fmt]
    reference = parse_single_table(io.BytesIO(data), verify="ignore").array
    table = read_votable(data).table
    assert table.num_rows == len(reference) == 400
    assert table.column_names == list(reference.dtype.names)
    for name in reference.dtype.names:
        expected = [_astropy_cell(v) for v in reference[name]]
        got = table.column(name).to_pylist()
        wrong = [(i, g, e) for i, (g, e) in enumerate(zip(got, expected, strict=True)) if not _same(g, e)]
        assert not wrong, f"{fmt} column {name}: first differences {wrong[:3]}"


def test_types_nulls_and_metadata():
    result = read_votable(DOC)
    table = result.table
    schema = table.schema
    assert schema.field("id").type == pa.int64()
    assert schema.field("mag").type == pa.float32()
    assert schema.field("n").type == pa.int16()
    assert schema.field("ub").type == pa.uint8()
    assert schema.field("ok").type == pa.bool_()
    assert schema.field("label").type == pa.string()
    assert schema.field("vec").type == pa.list_(pa.float64(), 3)
    assert schema.field("spec").type == pa.list_(pa.float64())
    meta = schema.field("ra").metadata
    assert meta[b"unit"] == b"deg" and meta[b"ucd"] == b"pos.eq.ra" and meta[b"datatype"] == b"double"
    assert meta[b"utype"].startswith(b"obscore:")
    assert schema.field("id").metadata[b"description"] == b"Row id"
    assert schema.field("t").metadata[b"xtype"] == b"timestamp"
    assert schema.field("n").metadata[b"null"] == b"-1"
    # VALUES null sentinels, empty float cells and empty booleans are nulls
    assert table.column("n").null_count == sum(1 for i in range(400) if i % 7 == 3)
    assert table.column("mag").null_count == sum(1 for i in range(400) if i % 7 == 3)
    assert table.column("i32").null_count == sum(1 for i in range(400) if i % 5 == 2)
    assert table.column("ub").null_count == sum(1 for i in range(400) if i % 9 == 4)
    assert table.column("ok").null_count == sum(1 for i in range(400) if i % 6 == 1)
    assert table.column("comment")[1].as_py() == "row 1 & <more>"  # entities decoded
    assert table.column("uname")[7].as_py() == "é7ü"
    assert table.schema.metadata[b"name"] == b"sample"
    assert result.query_status == "OK" and not result.overflow
    assert {c["name"]: c for c in schema_json(table)}["ra"]["unit"] == "deg"


@pytest.mark.parametrize("fmt", list(SERIALISATIONS))
def test_feeding_tiny_chunks_gives_the_same_table(fmt):
    data = SERIALISATIONS[fmt]
    decoder = VOTableDecoder()
    for i in range(0, len(data), 97):
        decoder.feed(data[i : i + 97])
    assert decoder.close().table.equals(read_votable(data).table)


def test_trailing_overflow_info_is_read():
    data = tabledata_document(5, trailer='<INFO name="QUERY_STATUS" value="OVERFLOW"/>')
    result = read_votable(data)
    assert result.overflow and result.query_status == "OVERFLOW" and result.num_rows == 5
    assert result.info_json()["overflow"] is True


def test_query_status_error_keeps_the_message_and_position():
    doc = (
        b'<?xml version="1.0"?><VOTABLE version="1.3" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">'
        b'<RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">Could not parse your query: '
        b"Expected end of text, found 'FRM'  (at char 9), (line:1, col:10)</INFO></RESOURCE></VOTABLE>"
    )
    with pytest.raises(RemoteError) as err:
        read_votable(doc, service="TAP http://x/tap")
    assert err.value.message.startswith("Could not parse your query: Expected end of text, found 'FRM'")
    assert err.value.service == "TAP http://x/tap"
    assert err.value.to_json()["position"] == {"line": 1, "column": 10, "char": 9}


def test_metadata_only_result_has_columns_and_no_rows():
    doc = DOC.split(b"<DATA>")[0] + b"</TABLE></RESOURCE></VOTABLE>"
    table = read_votable(doc).table
    assert table.num_rows == 0 and "ra" in table.column_names


@pytest.mark.parametrize(
    "mangle, words",
    [
        (lambda d: d[: len(d) // 2], "never closed"),
        (lambda d: d.replace(b"</TR>", b"", 1), "TABLEDATA"),
        (lambda d: b"<html><body>Service unavailable</body></html>", "not a VOTable"),
    ],
)
def test_malformed_documents_give_readable_errors(mangle, words):
    with pytest.raises(EscapeError) as err:
        read_votable(mangle(DOC))
    assert words in str(err.value)


def test_a_bad_cell_is_null_with_a_warning_not_a_failed_table():
    result = read_votable(DOC.replace(b"<TD>1</TD>", b"<TD>one</TD>", 1), service="TAP x")
    assert result.table.column("id")[1].as_py() is None and result.table.column("id")[2].as_py() == 2
    assert result.warnings == [
        {"table": "sample", "column": "id", "count": 1, "row": 2, "example": "one", "problem": "not a long"}
    ]
    assert result.table.schema.field("id").metadata[b"warnings"] == b"1"
    assert result.info_json()["warnings"][0]["column"] == "id"


def test_broken_base64_is_reported():
    data = SERIALISATIONS["binary2"].replace(b'<STREAM encoding="base64">', b'<STREAM encoding="base64">!!', 1)
    with pytest.raises(EscapeError, match="base64"):
        read_votable(data)


def test_ipc_stream_round_trip_and_column_selection():
    table = read_votable(SERIALISATIONS["binary2"]).table
    payload = to_ipc_stream(table, ["id", "ra", "comment"])
    back = pa.ipc.open_stream(payload).read_all()
    assert back.column_names == ["id", "ra", "comment"]
    assert back.equals(table.select(["id", "ra", "comment"]))
    assert back.schema.field("ra").metadata[b"unit"] == b"deg"
    with pytest.raises(EscapeError, match="no column named 'nope'"):
        to_ipc_stream(table, ["nope"])


def test_irregular_tabledata_markup_takes_the_careful_path():
    doc = (
        b'<?xml version="1.0"?><vot:VOTABLE xmlns:vot="http://www.ivoa.net/xml/VOTable/v1.3" version="1.3">'
        b'<vot:RESOURCE type="results"><vot:TABLE><vot:FIELD name="a" datatype="int"/>'
        b'<vot:FIELD name="s" datatype="char" arraysize="*"/><vot:DATA><vot:TABLEDATA>\n'
        b"<vot:TR><vot:TD>1</vot:TD><vot:TD>two\nlines</vot:TD></vot:TR>\n"
        b'<vot:TR ID="r2"><vot:TD> 2 </vot:TD><vot:TD/></vot:TR>'
        b"</vot:TABLEDATA></vot:DATA></vot:TABLE></vot:RESOURCE></vot:VOTABLE>"
    )
    table = read_votable(doc).table
    assert table.column("a").to_pylist() == [1, 2]
    assert table.column("s").to_pylist() == ["two\nlines", ""]
    reference = parse_single_table(io.BytesIO(doc), verify="ignore").array
    assert [str(v) for v in reference["s"]] == ["two\nlines", ""]
