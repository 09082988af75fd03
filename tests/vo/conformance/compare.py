"""Cell-by-cell and column-metadata comparison of our Arrow reading with STIL's (a TABLEDATA TABLE element).

Both sides are normalised to the distinctions VOTable 1.5 makes, and no further:
- sec. 5.5: NaN and null need not be distinguished for floating point values; in TABLEDATA a null and an empty
  array (hence an empty string) are not distinguished, and a whole fixed-size array cannot be marked null;
- sec. 6: bit values are booleans (STIL reads them as datatype boolean); complex values are pairs (STIL reads a
  floatComplex as a float array of 2 per value).
Where STIL departs from the text, the rule below says which clause decides:
- sec. 5.5 / 4.7 (VALUES null): the magic value marks single elements of an integer array as null. STIL keeps the
  magic number in arrays (and drops the VALUES null when writing them), so the source FIELD's null is applied to
  its elements;
- sec. 6 'Logical': a NUL, space or '?' boolean is null, also inside an array. STIL reads boolean arrays into a
  Java boolean[] and reports those elements as false; a null of ours against STIL's false is accepted;
- sec. 6 'Character'/'Unicode Character': char is ASCII ended by NUL, unicodeChar is UCS-2, so NUL, unpaired
  surrogates and characters beyond the BMP are outside 1.5. STIL's TABLEDATA writer replaces each such character
  (each UTF-16 unit) with '¿'; both sides drop them before comparing, and a fixed-width array of strings holding
  one is not compared (the widths count different units);
- sec. 6 'Bit Array': in TABLEDATA a bit array is a run of '0'/'1', separators optional. STIL reads an unseparated
  run as one token (its first element from the run, the others false); there ours is compared with the rule;
- sec. 6 'Byte': an unsignedByte is 0..255. STIL keeps 256 or -23; we read such a cell as null with a warning.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import numpy as np
import pyarrow as pa

NULL = "null"  # the one spelling of "no value" after normalisation
INT_TYPES = {"unsignedByte", "short", "int", "long"}
FLOAT_TYPES = {"float", "double", "floatComplex", "doubleComplex"}
# STIL re-declares some datatypes when it writes what it read: these are renamings, not disagreements
STIL_DATATYPE = {"bit": "boolean", "floatComplex": "float", "doubleComplex": "double"}
_OUTSIDE = {c: None for c in [*range(9), 11, 12, *range(14, 32), 0xFFFD, 0xBF]}
META_KEYS = ("name", "unit", "ucd", "utype", "xtype", "description")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if _local(c.tag) == name]


def stil_fields(table: ET.Element) -> list[dict]:
    out = []
    for f in _children(table, "FIELD"):
        meta = dict(f.attrib)
        desc = _children(f, "DESCRIPTION")
        if desc:
            meta["description"] = "".join(desc[0].itertext()).strip()
        values = _children(f, "VALUES")
        if values and values[0].get("null") is not None:
            meta["null"] = values[0].get("null")
        out.append(meta)
    return out


def stil_rows(table: ET.Element) -> list[list[str]]:
    rows = []
    for data in _children(table, "DATA"):
        for td in _children(data, "TABLEDATA"):
            for tr in _children(td, "TR"):
                rows.append([c.text or "" for c in _children(tr, "TD")])
    return rows


def _float(text: str, single: bool):
    if text in ("", "NaN"):
        return NULL
    value = float(text)
    return ("f", float(np.float32(value)) if single else value, math.copysign(1, value))


def _our_float(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NULL
    return ("f", float(value), math.copysign(1, value))


def _text(value: str) -> str:
    return "".join(c for c in value.translate(_OUTSIDE) if ord(c) < 0x10000 and not 0xD800 <= ord(c) < 0xE000)


def stil_cell(text: str, meta: dict, source_null: str | None = None):
    """STIL's TABLEDATA text of one cell, normalised."""
    datatype, arraysize = meta["datatype"], meta.get("arraysize")
    if datatype in ("char", "unicodeChar"):
        return _text(text)
    null = meta.get("null", source_null if arraysize else None)
    is_list = arraysize is not None or datatype.endswith("Complex")
    items = text.split() if is_list else [text.strip()]
    out = []
    for t in items:
        if datatype in FLOAT_TYPES:
            out.append(NULL if null is not None and _same_number(t, null) else _float(t, datatype.startswith("float")))
        elif datatype in INT_TYPES:
            out.append(NULL if t == "" or t == null else int(t))
        elif datatype == "boolean":
            out.append(NULL if t in ("", "?") else t.lower() in ("true", "t", "1"))
        else:
            raise AssertionError(f"STIL wrote datatype {datatype}")
    return _array(out) if is_list else out[0]


def _array(items: list):
    # sec. 5.5: an all-null fixed array is how a null one travels in BINARY; TABLEDATA cannot tell null from []
    return () if all(i == NULL for i in items) else tuple(items)


def _same_number(text: str, null: str) -> bool:
    try:
        return float(text) == float(null)
    except ValueError:
        return False


def our_cell(value, arrow_type: pa.DataType, width: int = 0):
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "" if value is None else _text(value)
    if width:  # a multidimensional char array: STIL writes its strings padded to the width, one after the other
        return _text("".join((v or "").ljust(width) for v in value or []))
    if pa.types.is_list(arrow_type) or pa.types.is_fixed_size_list(arrow_type):
        return _array([our_cell(v, arrow_type.value_type) for v in (value or [])])
    if pa.types.is_floating(arrow_type):
        return _our_float(value)
    if value is None:
        return NULL
    return value


def compare_table(ours: pa.Table, stil: ET.Element, where: str) -> list[str]:
    """Every disagreement between our table and STIL's, as readable lines (empty: they agree)."""
    problems = []
    fields = stil_fields(stil)
    if len(fields) != ours.num_columns:
        return [f"{where}: {ours.num_columns} columns, STIL {len(fields)}"]
    for i, meta in enumerate(fields):
        ours_meta = {k.decode(): v.decode().strip() for k, v in (ours.schema.field(i).metadata or {}).items()}
        datatype = ours_meta.get("datatype")
        known = datatype in INT_TYPES | FLOAT_TYPES | {"char", "unicodeChar", "boolean", "bit"}
        if (STIL_DATATYPE.get(datatype, datatype) if known else "char") != meta["datatype"]:
            problems.append(f"{where} column {i}: datatype {datatype}, STIL {meta['datatype']}")
        for key in META_KEYS:
            mine = ours_meta.get(key) if key != "name" else ours_meta.get("name", ours.schema.field(i).name)
            if (mine or None) != (meta.get(key) or None):
                problems.append(f"{where} column {i}: {key} {mine!r}, STIL {meta.get(key)!r}")
    rows = stil_rows(stil)
    if len(rows) != ours.num_rows:
        return [*problems, f"{where}: {ours.num_rows} rows, STIL {len(rows)}"]
    for i, meta in enumerate(fields):
        column = ours.column(i)
        field = ours.schema.field(i)
        source_null = (field.metadata or {}).get(b"null", b"").decode() or None
        width = 0
        if pa.types.is_fixed_size_list(field.type) and pa.types.is_string(field.type.value_type):
            width = int(meta["arraysize"].split("x")[0])
        expected = [stil_cell(r[i], meta, source_null) for r in rows]
        got = [our_cell(v, column.type, width) for v in column.to_pylist()]
        boolean = meta["datatype"] == "boolean" and meta.get("arraysize")
        bits = (field.metadata or {}).get(b"datatype") == b"bit"
        byte = meta["datatype"] == "unsignedByte" and not meta.get("arraysize")
        raw = column.to_pylist()
        wrong = [
            (r, g, e)
            for r, (g, e) in enumerate(zip(got, expected, strict=False))
            if g != e
            and not (boolean and (_null_as_false(g, e) or (bits and _bit_run(g, e))))
            and not (byte and _byte_range(g, e))
            and not (width and _outside(raw[r], rows[r][i]))
        ]
        if wrong:
            problems.append(
                f"{where} column {meta.get('name')}: {len(wrong)} cells differ, first (row, ours, STIL): {wrong[:3]}"
            )
    return problems


def _null_as_false(ours, stil) -> bool:
    """sec. 6 'Logical': our null elements where STIL's boolean[] says false (see the module docstring)."""
    ours = ours or (NULL,) * len(stil)
    return len(ours) == len(stil) and all(o == s or (o == NULL and s is False) for o, s in zip(ours, stil, strict=True))


def _bit_run(ours, stil) -> bool:
    """sec. 6 'Bit Array': STIL's reading of an unseparated run (see the module docstring)."""
    return len(ours) == len(stil) > 1 and stil[0] == ours[0] and stil[1:] == (False,) * (len(stil) - 1)


def _byte_range(ours, stil) -> bool:
    """sec. 6 'Byte': an unsignedByte is 0..255; STIL keeps 256 or -23 (it holds bytes in a Java short), we read
    such a cell as null with a warning."""
    return ours == NULL and isinstance(stil, int) and not 0 <= stil <= 255


def _outside(ours, stil_text: str) -> bool:
    strings = ours if isinstance(ours, list) else [ours or ""]
    return "¿" in stil_text or any(ord(c) > 0xFFFF or c == "\ufffd" for v in strings for c in (v or ""))
