"""Chunk independence: the same bytes give the same table however the network cuts them. Every single cut in the
structural parts of small documents (all three serialisations, self-closing and empty DATA, comments, gzip) is
tried exhaustively; hypothesis tries arbitrary multi-cut splits."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jupyter_escape.core.errors import EscapeError
from jupyter_escape.vo.votable import VOTableDecoder, read_votable

from ..votable_samples import reserialise
from . import cases


def _documents() -> dict[str, bytes]:
    table = cases.table_xml("long", "scalar", "attr", rows=5)
    td = cases.document(
        [table, cases.table_xml("unicodeChar", "fixed", "none", rows=3)],
        trailer='<INFO name="QUERY_STATUS" value="OVERFLOW"/>',
    )
    docs = {"tabledata": td, "binary": reserialise(td, "binary"), "binary2": reserialise(td, "binary2")}
    empty = (
        '<TABLE><FIELD name="a" datatype="int"/><DATA><TABLEDATA/></DATA></TABLE>'
        '<TABLE><FIELD name="b" datatype="int"/><DATA><BINARY2><STREAM encoding="base64"/></BINARY2></DATA>'
        '</TABLE><TABLE><FIELD name="c" datatype="int"/><DATA> </DATA></TABLE>'
    )
    docs["self-closing"] = cases.document([empty])
    docs["comments"] = (
        docs["binary2"]
        .replace(b"<STREAM", b"<!-- c1 --><STREAM", 1)
        .replace(b"</STREAM>", b"<!-- c2 --></STREAM>", 1)
        .replace(b"<DATA>", b"<DATA><!-- <DATA> -->", 1)
    )
    docs["markup"] = cases.special_documents()["special-markup"]
    docs["gzip"] = gzip.compress(td)
    return docs


DOCS = _documents()
EXPECTED = {name: read_votable(doc) for name, doc in DOCS.items()}


def _decode(doc: bytes, cuts: list[int]):
    decoder = VOTableDecoder()
    last = 0
    for cut in [*sorted(set(cuts)), len(doc)]:
        decoder.feed(doc[last:cut])
        last = cut
    return decoder.close()


def _same(a, b) -> None:
    assert len(a.tables) == len(b.tables)
    for x, y in zip(a.tables, b.tables, strict=True):
        assert x.equals(y, check_metadata=True)
    assert (a.overflow, a.query_status, a.warnings) == (b.overflow, b.query_status, b.warnings)


def _structural_positions(doc: bytes) -> list[int]:
    """Every byte outside long runs of row data: the tags, the base64 edges, the prolog."""
    if doc[:2] == b"\x1f\x8b":
        return list(range(min(len(doc), 400)))
    keep = set()
    at = 0
    while True:
        at = doc.find(b"<", at)
        if at < 0:
            break
        end = doc.find(b">", at)
        keep.update(range(max(at - 3, 0), min(end + 4, len(doc) + 1)))
        at = end + 1
    return sorted(keep)


@pytest.mark.parametrize("name", list(DOCS))
def test_every_single_cut_in_the_structure_gives_the_same_table(name):
    doc = DOCS[name]
    for cut in _structural_positions(doc):
        _same(_decode(doc, [cut]), EXPECTED[name])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(DOCS)), data=st.data())
def test_any_split_gives_the_same_table(name, data):
    doc = DOCS[name]
    cuts = data.draw(st.lists(st.integers(0, len(doc)), max_size=40))
    _same(_decode(doc, cuts), EXPECTED[name])


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_truncated_document_is_a_clear_error_at_any_cut(data):
    doc = DOCS[data.draw(st.sampled_from(["tabledata", "binary2", "gzip"]))]
    cut = data.draw(st.integers(1, len(doc) - 12))
    with pytest.raises(EscapeError) as err:
        _decode(doc[:cut], [cut // 2])
    assert err.value.message
