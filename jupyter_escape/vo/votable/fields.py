"""VOTable FIELD descriptions: the wire layout (BINARY/BINARY2) and the Arrow type of each column."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from ...core.errors import EscapeError

# datatype -> (big-endian numpy element type, arrow element type). char/unicodeChar/boolean/bit are special.
NUMERIC = {
    "unsignedByte": (">u1", pa.uint8()),
    "short": (">i2", pa.int16()),
    "int": (">i4", pa.int32()),
    "long": (">i8", pa.int64()),
    "float": (">f4", pa.float32()),
    "double": (">f8", pa.float64()),
    "floatComplex": (">f4", pa.float32()),
    "doubleComplex": (">f8", pa.float64()),
}
TEXT = {"char": 1, "unicodeChar": 2}
SPECIAL = {"boolean", "bit"}
METADATA_KEYS = ("name", "ID", "datatype", "arraysize", "unit", "ucd", "utype", "xtype", "width", "precision", "ref")


@dataclass
class FieldSpec:
    """One FIELD: what it means (attrs, description, null) and how its values are laid out."""

    name: str
    datatype: str
    arraysize: str | None
    attrs: dict[str, Any]
    description: str = ""
    null: str | None = None  # VALUES null="..." as written
    count: int = 1  # elements per value for fixed layouts (chars for text)
    variable: bool = False  # arraysize ends with "*": a 4-byte count precedes the value in BINARY
    elem_dtype: str = ""  # big-endian numpy type of one element
    elem_size: int = 1
    factor: int = 1  # numbers per element: 2 for complex datatypes (real, imaginary)
    arrow_type: pa.DataType = field(default=None)
    strings: int = 0  # a multidimensional char array ("8x3"): this many strings of count // strings characters
    unknown: str | None = None  # a datatype VOTable does not define: the cells are kept as text

    @property
    def is_text(self) -> bool:
        return self.datatype in TEXT

    @property
    def is_list(self) -> bool:
        """Numeric/boolean values with more than one element per cell (arrays, complex numbers)."""
        return not self.is_text and (self.variable or self.count * self.factor != 1)

    @property
    def fixed_size(self) -> int:
        """Bytes of one value in BINARY when not variable."""
        if self.datatype == "bit":
            return (self.count + 7) // 8
        return self.count * self.elem_size * self.factor

    def arrow_field(self, warnings: int | None = None) -> pa.Field:
        meta = {k: str(self.attrs[k]) for k in METADATA_KEYS if self.attrs.get(k) not in (None, "")}
        if warnings:  # cells read as null because they were not a valid value: the grid header shows the count
            meta["warnings"] = str(warnings)
        if self.description:
            meta["description"] = self.description
        if self.null is not None:
            meta["null"] = self.null
        return pa.field(self.name, self.arrow_type, nullable=True, metadata=meta or None)


def parse_arraysize(arraysize: str | None, where: str) -> tuple[int, bool]:
    """(element count of a fixed value, variable?) from an arraysize like None, "12", "*", "10*", "3x4", "2x*"."""
    if arraysize is None or arraysize == "":
        return 1, False
    dims = arraysize.strip().split("x")
    total = 1
    variable = False
    for i, dim in enumerate(dims):
        dim = dim.strip()
        if dim.endswith("*"):
            if i != len(dims) - 1:
                raise EscapeError(f"VOTable FIELD {where}: arraysize {arraysize!r}: only the last dimension may be '*'")
            variable = True
            dim = dim[:-1]
            if dim == "":
                continue
        if not dim.isdigit():
            raise EscapeError(f"VOTable FIELD {where}: arraysize {arraysize!r} is not valid")
        if not variable:
            total *= int(dim)
    return total, variable


def make_spec(attrs: dict[str, Any], description: str = "", null: str | None = None, index: int = 0) -> FieldSpec:
    name = attrs.get("name") or attrs.get("ID") or f"col{index}"
    datatype = attrs.get("datatype")
    where = repr(name)
    if not datatype:
        raise EscapeError(f"VOTable FIELD {where} has no datatype")
    unknown = None
    if datatype not in NUMERIC and datatype not in TEXT and datatype not in SPECIAL:
        # VOTable 1.5 sec. 2.1 lists the datatypes; STIL reads another one as a string, and so do we (TABLEDATA
        # only: its width in BINARY is unknowable), with a warning
        unknown, datatype, attrs = datatype, "char", {**attrs, "arraysize": "*"}
    count, variable = parse_arraysize(attrs.get("arraysize"), where)
    spec = FieldSpec(
        name=name,
        datatype=datatype,
        arraysize=attrs.get("arraysize"),
        attrs=dict(attrs),
        description=description,
        null=null,
        count=count,
        variable=variable,
        unknown=unknown,
    )
    if datatype in NUMERIC:
        spec.elem_dtype, elem = NUMERIC[datatype]
        spec.elem_size = np.dtype(spec.elem_dtype).itemsize
        spec.factor = 2 if datatype.endswith("Complex") else 1  # complex values become flat (re, im) lists
    elif datatype in TEXT:
        spec.elem_dtype = "u1" if datatype == "char" else ">u2"
        spec.elem_size = TEXT[datatype]
        spec.arrow_type = pa.string()
        dims = (attrs.get("arraysize") or "").split("x")
        if len(dims) > 1 and not variable and dims[0].strip().isdigit() and int(dims[0]) > 0:
            # "8x3": three strings of 8 characters (VOTable 1.5 sec. 2.2), each ended by its own NUL
            spec.strings = count // int(dims[0])
            spec.arrow_type = pa.list_(pa.string(), spec.strings)
        return spec
    elif datatype == "boolean":
        spec.elem_dtype, spec.elem_size, elem = "S1", 1, pa.bool_()
    elif datatype == "bit":
        spec.elem_dtype, spec.elem_size, elem = "u1", 1, pa.bool_()
    else:
        raise EscapeError(f"VOTable FIELD {where}: unknown datatype {datatype!r}")
    if variable:
        spec.arrow_type = pa.list_(elem)
    elif count * spec.factor != 1:
        spec.arrow_type = pa.list_(elem, count * spec.factor)
    else:
        spec.arrow_type = elem
    return spec


def null_sentinel(spec: FieldSpec) -> int | float | None:
    """The VALUES null of a numeric field as a number, or None (NaN marks float nulls without it)."""
    if spec.null is None or spec.datatype not in NUMERIC:
        return None
    text = spec.null.strip()
    try:
        if spec.datatype in ("float", "double", "floatComplex", "doubleComplex"):
            value = float(text)
            return None if math.isnan(value) else value
        return int(text, 16) if text.lower().startswith("0x") else int(text)
    except ValueError:
        return None  # not a value of the type (e.g. null=""), so no cell can equal it: STIL ignores it too
