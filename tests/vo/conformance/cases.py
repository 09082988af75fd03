"""The grid of generated VOTables: every datatype x shape x null style, written once as TABLEDATA here, then
re-written as BINARY and BINARY2 by STILTS and by astropy (see conftest.py). Names are computed without writing
anything, so pytest can parametrize over them at collection time."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

import numpy as np

INTS = {
    "unsignedByte": [0, 1, 127, 128, 254, 255, 7, 0x10],
    "short": [0, 1, -1, 32767, -32768, 12345, -300, 2],
    "int": [0, 1, -1, 2**31 - 1, -(2**31), 123456789, -99, 5],
    "long": [0, 1, -1, 2**63 - 1, -(2**63), 2**53 + 1, -(2**53 + 1), 9007199254740993, 123456789012345678],
}
FLOATS = {
    "float": [0.0, -0.0, 1.1, 3.4028235e38, 1.4e-45, math.inf, -math.inf, 0.1, 16777217.0, -2.5],
    "double": [0.0, -0.0, 1 / 3, 1.7976931348623157e308, 5e-324, math.inf, -math.inf, 0.1, 2.0**53 + 2, -2.5],
}
COMPLEX = {"floatComplex": "float", "doubleComplex": "double"}
BOOLEANS = ["T", "F", "true", "False", "1", "0", "t", "f", "TRUE"]
BITS = ["1", "0", "1", "1", "0", "0", "1"]
CHARS = ["abc", "x", " lead", "trail", "a&b<c>'\"", "tab\tin", "L0123456", "q"]
UNICODE = ["é", "Я", "日本語", "ü ö", "😀", "a😀b", "Ωmega", "z"]
DATATYPES = [*INTS, *FLOATS, *COMPLEX, "boolean", "bit", "char", "unicodeChar"]
# shape -> arraysize; "multi" is a two-dimensional array (a string array for char types)
SHAPES = {"scalar": None, "fixed": "3", "variable": "*", "multi": "2x3", "multivar": "2x*"}
TEXT_SHAPES = {"scalar": None, "fixed": "8", "variable": "*", "multi": "4x2"}


def null_styles(datatype: str) -> list[str]:
    """none; attr: VALUES null (integers only, VOTable 1.5 sec. 5.5); empty: an empty TD, which STIL writes as a
    BINARY2 null flag (the 'mask' style) and a magic value in BINARY; nan: floating point NaN."""
    styles = ["none", "empty"]
    if datatype in INTS:
        styles.append("attr")
    if datatype in FLOATS or datatype in COMPLEX:
        styles.append("nan")
    return styles


def grid() -> list[tuple[str, str, str]]:
    out = []
    for datatype in DATATYPES:
        shapes = TEXT_SHAPES if datatype in ("char", "unicodeChar") else SHAPES
        for shape in shapes:
            for style in null_styles(datatype):
                out.append((datatype, shape, style))
    return out


def case_name(datatype: str, shape: str, style: str) -> str:
    return f"{datatype}-{shape}-{style}"


def _scalar_texts(datatype: str, n: int, rng) -> list[str]:
    if datatype in INTS:
        values = INTS[datatype]
        # every fifth non-negative value in hexadecimal (VOTable 1.5 sec. 6: "0x followed by 1 to 4 hexadigits"
        # for a short; whether 0xFFFF is -1 is not said, and STIL reads it as out of range: not generated)
        return [
            hex(v) if i % 5 == 3 and v >= 0 else str(v) for i, v in ((i, values[i % len(values)]) for i in range(n))
        ]
    if datatype in FLOATS or datatype in COMPLEX:
        base = FLOATS[COMPLEX.get(datatype, datatype)]
        cast = np.float32 if COMPLEX.get(datatype, datatype) == "float" else np.float64
        values = [
            base[i % len(base)] if i < len(base) else float(cast(rng.normal() * 10.0 ** rng.integers(-30, 30)))
            for i in range(n)
        ]
        return [_float_text(v, cast) for v in values]
    if datatype == "boolean":
        return [BOOLEANS[i % len(BOOLEANS)] for i in range(n)]
    if datatype == "bit":
        return [BITS[i % len(BITS)] for i in range(n)]
    raise AssertionError(datatype)


def _float_text(v: float, cast) -> str:
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    return repr(float(cast(v))) if cast is np.float64 else str(cast(v))


def _cell(datatype: str, shape: str, row: int, rng) -> str:
    if datatype in ("char", "unicodeChar"):
        words = CHARS if datatype == "char" else UNICODE
        word = words[row % len(words)]
        if shape == "scalar":
            return word[0]
        if shape == "fixed":
            return word[:8]
        if shape == "multi":
            return "".join(w[:4].ljust(4) for w in (word, words[(row + 1) % len(words)]))
        return word
    per = 2 if datatype in COMPLEX else 1
    count = {"scalar": 1, "fixed": 3, "multi": 6, "variable": row % 5, "multivar": 2 * (row % 3)}[shape]
    return " ".join(_scalar_texts(datatype, count * per + row, rng)[row:])


def table_xml(datatype: str, shape: str, style: str, rows: int = 14, seed: int = 0) -> str:
    """One TABLE element: a FIELD of the case's datatype and shape, a long row index, a char label."""
    rng = np.random.default_rng(seed)
    sizes = TEXT_SHAPES if datatype in ("char", "unicodeChar") else SHAPES
    arraysize = sizes[shape]
    values = ""
    sentinel = None
    if style == "attr":
        sentinel = str(INTS[datatype][4])  # a legal value of the type, also present in the data
        values = f'<VALUES null="{sentinel}"/>'
    size_attr = f' arraysize="{arraysize}"' if arraysize else ""
    fields = (
        '<FIELD name="row" datatype="long" ucd="meta.id;meta.main"><DESCRIPTION>row index</DESCRIPTION></FIELD>'
        f'<FIELD name="v" ID="col_v" datatype="{datatype}"{size_attr} unit="m/s" ucd="phys.veloc" '
        f'utype="test:case.v"><DESCRIPTION>{datatype} {shape} {style}</DESCRIPTION>{values}</FIELD>'
        '<FIELD name="label" datatype="char" arraysize="*"/>'
    )
    body = []
    for r in range(rows):
        text = _cell(datatype, shape, r, rng)
        if r % 4 == 2:
            if style == "empty":
                text = ""
            elif style == "nan":
                text = " ".join(["NaN"] * max(1, len(text.split())))
            elif style == "attr":
                text = " ".join([sentinel] * max(1, len(text.split())))
        body.append(f"<TR><TD>{r}</TD><TD>{escape(text)}</TD><TD>r{r}</TD></TR>")
    return (
        f'<TABLE name="{case_name(datatype, shape, style)}" nrows="{rows}">{fields}<DATA><TABLEDATA>\n'
        + "\n".join(body)
        + "\n</TABLEDATA></DATA></TABLE>"
    )


def document(tables: list[str], version: str = "1.4", infos: str = "", trailer: str = "") -> bytes:
    resources = "".join(f'<RESOURCE type="results">{infos}{t}{trailer}</RESOURCE>' for t in tables)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<VOTABLE version="{version}" xmlns="http://www.ivoa.net/xml/VOTable/v1.3">{resources}</VOTABLE>\n'
    ).encode()


def special_documents() -> dict[str, bytes]:
    """Hand-written documents for what the grid does not cover: xtypes, several RESOURCEs, INFO states,
    markup legal in TABLEDATA (CDATA, comments, entities, attributes, namespace prefixes)."""
    xtypes = (
        '<TABLE name="xtypes">'
        '<FIELD name="t" datatype="char" arraysize="*" xtype="timestamp"/>'
        '<FIELD name="pt" datatype="double" arraysize="2" xtype="point" unit="deg"/>'
        '<FIELD name="circ" datatype="double" arraysize="3" xtype="circle" unit="deg"/>'
        '<FIELD name="poly" datatype="double" arraysize="*" xtype="polygon" unit="deg"/>'
        '<FIELD name="moc" datatype="char" arraysize="*" xtype="moc"/>'
        '<FIELD name="iv" datatype="double" arraysize="2" xtype="interval"/>'
        '<FIELD name="hms" datatype="char" arraysize="12" xtype="hms"/>'
        "<DATA><TABLEDATA>"
        "<TR><TD>2024-01-02T03:04:05.678</TD><TD>10.5 -20.25</TD><TD>1 2 0.5</TD><TD>0 0 1 0 1 1</TD>"
        "<TD>3/1-3 4/</TD><TD>1 2</TD><TD>12:30:00.123</TD></TR>"
        "<TR><TD/><TD/><TD/><TD/><TD/><TD/><TD/></TR>"
        "</TABLEDATA></DATA></TABLE>"
    )
    markup = (
        '<TABLE name="markup"><FIELD name="i" datatype="int"/><FIELD name="s" datatype="char" arraysize="*"/>'
        '<FIELD name="u" datatype="unicodeChar" arraysize="*"/>'
        "<DATA><!-- before --><TABLEDATA><!-- rows follow -->\n"
        '<TR ID="r1"><TD> 1 </TD><TD><![CDATA[a<b & c]]></TD><TD>&#x042F;&#233;</TD></TR>\n'
        "<?pi stuff?><TR><TD>0x1F</TD><TD>x&amp;y<!-- inside --></TD><TD>&lt;&gt;</TD></TR>\n"
        '<TR><TD encoding="">3</TD><TD>line\nbreak</TD><TD>&foo;</TD></TR>'
        "</TABLEDATA></DATA></TABLE>"
    )
    entity_doc = document([markup]).replace(
        b"<VOTABLE", b'<!DOCTYPE VOTABLE [<!ENTITY foo "declared &#38;#38; expanded">]>\n<VOTABLE', 1
    )
    two = [table_xml("double", "scalar", "nan", rows=5), table_xml("long", "scalar", "empty", rows=6)]
    multi = document(two).replace(
        b"</VOTABLE>",
        b'<RESOURCE type="meta"><TABLE name="meta"><FIELD name="x" datatype="int"/></TABLE></RESOURCE></VOTABLE>',
    )
    overflow = document(
        [table_xml("int", "scalar", "none", rows=4)], trailer='<INFO name="QUERY_STATUS" value="OVERFLOW"/>'
    )
    ok_first = document(
        [table_xml("short", "fixed", "attr", rows=4)], infos='<INFO name="QUERY_STATUS" value="OK">fine</INFO>'
    )
    # the defect classes with STIL as the oracle: unparsable cells (null, counted), a short out of range,
    # exact longs at the int64 limits next to an empty cell, a trailing QUERY_STATUS=ERROR after the rows (both
    # keep the rows), fewer rows than nrows
    bad_cells = (
        '<TABLE name="bad-cells" nrows="5"><FIELD name="i" datatype="int"/><FIELD name="d" datatype="double"/>'
        '<FIELD name="s" datatype="short"/><FIELD name="l" datatype="long"/><FIELD name="b" datatype="boolean"/>'
        "<DATA><TABLEDATA>"
        "<TR><TD>1</TD><TD>2.5</TD><TD>3</TD><TD>9007199254740993</TD><TD>T</TD></TR>"
        "<TR><TD>-</TD><TD>x</TD><TD>40000</TD><TD></TD><TD>yes</TD></TR>"
        "<TR><TD>   </TD><TD>1e400</TD><TD>n/a</TD><TD>-9223372036854775808</TD><TD>?</TD></TR>"
        "<TR><TD>7</TD><TD>-</TD><TD>0x10</TD><TD>9223372036854775807</TD><TD>F</TD></TR>"
        "</TABLEDATA></DATA></TABLE>"
    )
    # fixed char ended by NUL (what follows is undefined), UTF-16 surrogate pairs in fixed unicodeChar, in BINARY2
    rows = b"".join(
        b"\x00" + c + u.encode("utf-16-be")
        for c, u in [
            (b"ab\x00cd", "a\U0001f600"),
            (b"xyzw\x00", "\u00e9\u00e9\u00e9"),
            (b"\x00\x00\x00\x00\x00", "z\x00\x00"),
        ]
    )
    nul = (
        '<TABLE name="nul-and-pairs"><FIELD name="c" datatype="char" arraysize="5"/>'
        '<FIELD name="u" datatype="unicodeChar" arraysize="3"/><DATA><BINARY2><STREAM encoding="base64">'
        f"{__import__('base64').b64encode(rows).decode()}</STREAM></BINARY2></DATA></TABLE>"
    )
    return {
        "special-xtypes": document([xtypes]),
        "special-markup": entity_doc,
        "special-multi-resource": multi,
        "special-bad-cells": document(
            [bad_cells], trailer='<INFO name="QUERY_STATUS" value="ERROR">timeout after 4 rows</INFO>'
        ),
        "special-nul-and-pairs": document([nul]),
        "special-overflow": overflow,
        "special-info-ok": ok_first,
        "special-v1.1": document([table_xml("float", "fixed", "nan", rows=4)], version="1.1"),
    }
