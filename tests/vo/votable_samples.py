"""Generated VOTables for decoder tests: one hand-written TABLEDATA document covering every datatype, arraysize
and null convention, re-serialised by astropy as BINARY and BINARY2."""

from __future__ import annotations

import io

import numpy as np

FIELDS = """
<FIELD name="id" datatype="long" ucd="meta.id;meta.main"><DESCRIPTION>Row id</DESCRIPTION></FIELD>
<FIELD name="ra" datatype="double" unit="deg" ucd="pos.eq.ra" utype="obscore:Char.SpatialAxis.Coverage.Location.Coordinates.Position2D.Value2.C1"/>
<FIELD name="mag" datatype="float" unit="mag"/>
<FIELD name="n" datatype="short"><VALUES null="-1"/></FIELD>
<FIELD name="i32" datatype="int"><VALUES null="-2147483648"/></FIELD>
<FIELD name="ub" datatype="unsignedByte"><VALUES null="255"/></FIELD>
<FIELD name="ok" datatype="boolean"/>
<FIELD name="label" datatype="char" arraysize="8"/>
<FIELD name="comment" datatype="char" arraysize="*"/>
<FIELD name="uname" datatype="unicodeChar" arraysize="6"/>
<FIELD name="vec" datatype="double" arraysize="3"/>
<FIELD name="spec" datatype="double" arraysize="*"/>
<FIELD name="t" datatype="char" arraysize="*" xtype="timestamp"/>
"""


def _row(i: int, rng) -> str:
    def cell(value):
        return "<TD/>" if value is None else f"<TD>{value}</TD>"

    null = i % 7 == 3
    spec_len = i % 4
    return (
        "<TR>"
        + "".join(
            [
                cell(i),
                cell(repr(float(rng.uniform(0, 360)))),
                cell(None if null else repr(float(np.float32(rng.normal(18, 2))))),
                cell(-1 if null else i % 300),
                cell(None if i % 5 == 2 else i * 1000),
                cell(255 if i % 9 == 4 else i % 200),
                cell(None if i % 6 == 1 else ("T" if i % 2 else "F")),
                cell(f"L{i:05d}"),
                cell(None if i % 8 == 5 else f"row {i} &amp; &lt;more&gt;" if i % 3 else f"r{i}"),
                cell(f"é{i % 100}ü"),
                cell(" ".join(repr(float(x)) for x in rng.normal(size=3))),
                cell(" ".join(repr(float(x)) for x in rng.normal(size=spec_len)) if spec_len else None),
                cell(f"2024-01-{1 + i % 28:02d}T00:00:00"),
            ]
        )
        + "</TR>\n"
    )


def tabledata_document(n_rows: int = 300, seed: int = 1, trailer: str = "") -> bytes:
    rng = np.random.default_rng(seed)
    rows = "".join(_row(i, rng) for i in range(n_rows))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<VOTABLE version="1.4" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">\n'
        '<RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/>\n'
        f'<TABLE name="sample"><DESCRIPTION>sample table</DESCRIPTION>{FIELDS}<DATA><TABLEDATA>\n{rows}'
        f"</TABLEDATA></DATA></TABLE>{trailer}</RESOURCE></VOTABLE>\n"
    ).encode()


def reserialise(document: bytes, fmt: str) -> bytes:
    """The same table written by astropy in another serialisation ('binary', 'binary2', 'tabledata')."""
    from astropy.io.votable import parse

    vot = parse(io.BytesIO(document), verify="ignore")
    for resource in vot.resources:
        for table in resource.tables:
            table.format = fmt
    out = io.BytesIO()
    vot.to_xml(out)
    return out.getvalue()
