"""Cell-level helpers shared by the TABLEDATA and BINARY decoders: per-column warnings for cells read as null, and
the XML text rules (entities, CDATA, comments) that TABLEDATA cells follow."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:
    from .fields import FieldSpec


_ENTITY_DECL = re.compile(rb"<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(\"[^\"]*\"|'[^']*')\s*>")
_ENTITY_REF = re.compile(r"&([A-Za-z_][\w.-]*);")
_COMMENT_OR_PI = re.compile(rb"<!--.*?-->|<\?.*?\?>", re.DOTALL)
_CDATA = re.compile(rb"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)


class CellWarnings:
    """Cells of one table that could not be read as their datatype and became null (VOTable readers such as STIL
    and astropy do the same and warn): a count per column, the first row and the offending text."""

    def __init__(self, specs: list[FieldSpec]) -> None:
        self.specs = specs
        self.by_column: dict[int, dict[str, Any]] = {}
        for i, spec in enumerate(specs):
            if spec.unknown:
                self.by_column[i] = {
                    "column": spec.name,
                    "count": 0,
                    "row": None,
                    "example": spec.unknown,
                    "problem": f"datatype {spec.unknown!r} is not a VOTable datatype: read as text",
                }

    def add(self, column: int, count: int, first_row: int, example: str, problem: str) -> None:
        if count <= 0:
            return
        entry = self.by_column.get(column)
        if entry is None:
            self.by_column[column] = {
                "column": self.specs[column].name,
                "count": count,
                "row": first_row + 1,
                "example": example[:80],
                "problem": problem,
            }
        else:
            entry["count"] += count
            if entry["row"] is not None and first_row + 1 < entry["row"]:
                # the earliest bad row, whichever check found it first (the same for any cut of the rows)
                entry.update(row=first_row + 1, example=example[:80], problem=problem)

    def counts(self) -> dict[int, int]:
        return {i: e["count"] for i, e in self.by_column.items() if e["count"]}

    def as_list(self, table: str | None) -> list[dict[str, Any]]:
        return [{"table": table, **e} for _, e in sorted(self.by_column.items())]


def declared_entities(prolog: bytes) -> dict[str, str]:
    """Internal entities of a DOCTYPE (<!ENTITY name "text">): expat expands them in the XML we parse, but cell
    text bypasses expat, so the decoder expands them itself (one level: no entity bombs)."""
    out = {}
    for name, value in _ENTITY_DECL.findall(prolog):
        out[name.decode()] = html.unescape(value[1:-1].decode("utf-8", "replace"))
    return out


def unescape_texts(column: pa.Array, entities: dict[str, str]) -> pa.Array:
    """XML character and entity references in cell texts (only cells holding '&' pay the Python cost)."""

    def one(v: str | None) -> str | None:
        if v is None or "&" not in v:
            return v
        if entities:
            # the replacement text is parsed again (XML 1.0 sec. 4.4.5): character references in it apply
            v = _ENTITY_REF.sub(lambda m: entities.get(m.group(1), m.group(0)), v)
        return html.unescape(v)

    return pa.array([one(v) for v in column.to_pylist()], type=pa.string())


def strip_markup_noise(chunk: bytes) -> bytes:
    """Comments and processing instructions dropped, CDATA sections turned into escaped text: after this, every
    '<' in TABLEDATA is a TR or TD tag (XML 1.0 sec. 2.5, 2.6, 2.7 allow all three inside TD and between rows)."""
    if b"<![CDATA[" in chunk:
        chunk = _CDATA.sub(
            lambda m: m.group(1).replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;"), chunk
        )
    if b"<!--" in chunk or b"<?" in chunk:
        chunk = _COMMENT_OR_PI.sub(b"", chunk)
    return chunk
