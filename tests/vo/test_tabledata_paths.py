"""TABLEDATA's two decoding paths agree: the fast path (cell views, runs cut into pieces decoded in threads) and
the careful path (markup rewritten for Arrow's CSV reader) give the same table and the same warnings, including
the first bad row of each column when the bad cells fall in different pieces. The fast path must also really be
taken on regular rows: a fallback would still give right answers, only slowly, and no other test would notice."""

from __future__ import annotations

import multiprocessing

import pytest

from jupyter_escape.vo.votable import read_votable
from jupyter_escape.vo.votable import tabledata as td

from .votable_samples import tabledata_document

FIELDS = (
    '<FIELD name="id" datatype="long"/><FIELD name="ra" datatype="double"/>'
    '<FIELD name="mag" datatype="float"><VALUES null="99"/></FIELD><FIELD name="n" datatype="short"/>'
    '<FIELD name="flag" datatype="unsignedByte"/><FIELD name="label" datatype="char" arraysize="4"/>'
    '<FIELD name="name" datatype="char" arraysize="*"/><FIELD name="ok" datatype="boolean"/>'
    '<FIELD name="vec" datatype="float" arraysize="2"/>'
)


def _cell(i: int, column: int) -> str:
    """Mostly clean numbers and short labels; a few bad, null, infinite or too long cells far apart."""
    bad = {
        0: {700: "x", 2900: "0x1F", 3100: ""},
        1: {150: "Infinity", 900: "Inf", 2200: "NaN", 3000: "-"},
        2: {5: "99", 1200: "1e39", 2500: "nan"},
        3: {400: "40000", 2600: " 7 "},
        4: {1800: "-1", 1801: "255"},
        5: {600: "abcdef", 3300: "é&amp;ü"},
        6: {1000: "a &lt; b", 2000: "  spaced  "},
    }
    if i in bad.get(column, {}):
        return bad[column][i]
    return [
        str(i),
        repr(i * 0.37),
        repr(16.0 + (i % 100) / 8),
        str(i % 300),
        str(i % 250),
        f"L{i % 1000:03d}",
        f"source {i}",
        "T" if i % 3 else "F",
        f"{i % 7} {i % 5}.5",
    ][column]


def _document(rows: int, cell: str = "<TD>{}</TD>", row: str = "<TR>{}</TR>\n") -> bytes:
    body = "".join(row.format("".join(cell.format(_cell(i, c)) for c in range(9))) for i in range(rows))
    return (
        '<?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">'
        f'<RESOURCE type="results"><TABLE name="t">{FIELDS}<DATA><TABLEDATA>\n{body}'
        "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"
    ).encode()


def _short_last_cells(rows: int) -> bytes:
    """The last cell of a run is empty or one byte, so its 16-byte view reaches past the end of the run."""
    body = "".join(f"<TR><TD>{i}</TD><TD>{'' if i % 2 else i % 10}</TD></TR>" for i in range(rows))
    fields = '<FIELD name="i" datatype="int"/><FIELD name="s" datatype="char" arraysize="*"/>'
    return (
        '<?xml version="1.0"?><VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">'
        f'<RESOURCE type="results"><TABLE name="t">{fields}<DATA><TABLEDATA>{body}'
        "</TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>"
    ).encode()


DOCUMENTS = {
    "compact": _document(3500),
    "short last cells": _short_last_cells(20000),
    "indented (as STILTS writes)": _document(3500, "\n    <TD>{}</TD>", "  <TR>{}\n  </TR>\n"),
    "every datatype (tests/vo/votable_samples)": tabledata_document(2000),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_fast_path_in_pieces_matches_the_careful_path(name, monkeypatch):
    doc = DOCUMENTS[name]
    with monkeypatch.context() as patch:
        patch.setattr(td.TableDataRows, "_fast", lambda self, chunk: None)
        careful = read_votable(doc)

    def refuse(self, chunk):
        raise AssertionError(f"regular rows took the careful path: {chunk[:200]!r}")

    monkeypatch.setattr(td.TableDataRows, "_careful", refuse)
    monkeypatch.setattr(td, "_MIN_PIECE", 4096)  # many pieces per run, decoded in threads
    monkeypatch.setattr(td, "_CORES", 4)
    monkeypatch.setattr("jupyter_escape.vo.votable.decoder.TABLEDATA_BATCH", 64 * 1024)  # many runs
    fast = read_votable(doc)
    assert fast.table.num_rows == careful.table.num_rows > 1000
    assert fast.table.equals(careful.table), name
    assert fast.warnings == careful.warnings
    if name in ("compact", "indented (as STILTS writes)"):
        # the bad cells above are read as null, each column's first one named with its row
        first_rows = {w["column"]: w["row"] for w in fast.warnings}
        assert first_rows == {"id": 701, "ra": 901, "n": 401, "flag": 1801, "label": 601}


def _decode_in_child(doc: bytes, rows: int) -> None:
    assert read_votable(doc).table.num_rows == rows


def test_a_forked_child_decodes_in_pieces(monkeypatch):
    """A forked child's copy of the parent's worker pool has no threads: the child must make its own, or its
    pieces wait forever (multiprocessing's default start method on Linux is fork)."""
    monkeypatch.setattr(td, "_MIN_PIECE", 4096)
    monkeypatch.setattr(td, "_CORES", 2)
    doc = DOCUMENTS["compact"]
    _decode_in_child(doc, 3500)  # the parent's pool exists
    child = multiprocessing.get_context("fork").Process(target=_decode_in_child, args=(doc, 3500))
    child.start()
    child.join(60)
    if child.is_alive():
        child.kill()
    assert child.exitcode == 0
