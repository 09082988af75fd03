"""What a plot asks for, checked: the source it reads and the plot's spec (kind, axes, bins, ranges, selection).

Plain Python on purpose: ``jupyter_escape.plot`` checks a call in the notebook with these before it publishes the
plot, and a kernel that has not imported numpy or pyarrow yet should not pay ~0.1-0.2 s to import them for that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, overload

from ..core.errors import BadInput

SCATTER_LIMIT = 200_000
KINDS = ("scatter", "histogram", "density")
# each kind of source and the key that names its table
SOURCE_KINDS = {"vo-result": "id", "basket": "item", "workspace": "table", "sql": "sql", "file": "path"}


def check_source(source: object) -> tuple[str, str]:
    if not isinstance(source, dict) or source.get("kind") not in SOURCE_KINDS:
        raise BadInput("source.kind", f"expected one of {', '.join(SOURCE_KINDS)}")
    key = SOURCE_KINDS[source["kind"]]
    value = source.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BadInput(f"source.{key}", f"a {source['kind']} source needs a non-empty {key!r}")
    return source["kind"], value


@dataclass
class PlotSpec:
    kind: str
    x: str
    y: str | None = None
    color: str | None = None
    logx: bool = False
    logy: bool = False
    bins: int = 60
    nx: int = 200
    ny: int = 200
    xrange: list[Any] | None = None
    yrange: list[Any] | None = None
    limit: int = SCATTER_LIMIT
    selection: list[Any] = field(default_factory=list)

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> PlotSpec:
        kind = body.get("kind")
        if kind not in KINDS:
            raise BadInput("kind", f"expected one of {', '.join(KINDS)}")
        spec = cls(
            kind=kind,
            x=expression(body.get("x"), "x"),
            y=expression(body.get("y"), "y", kind == "histogram"),
            color=expression(body.get("color"), "color", True),
            logx=bool(body.get("logx")),
            logy=bool(body.get("logy")),
        )
        for name, low, high in (("bins", 1, 2000), ("nx", 2, 2000), ("ny", 2, 2000), ("limit", 1, 1_000_000)):
            if body.get(name) is not None:
                value = body[name]
                if not isinstance(value, int) or not low <= value <= high:
                    raise BadInput(name, f"expected an integer between {low} and {high}")
                setattr(spec, name, value)
        spec.xrange, spec.yrange = data_range(body.get("xrange"), "xrange"), data_range(body.get("yrange"), "yrange")
        spec.selection = _rows(body.get("selection"))
        return spec


@overload
def expression(value: object, name: str, optional: Literal[False] = False) -> str: ...
@overload
def expression(value: object, name: str, optional: bool) -> str | None: ...
def expression(value: object, name: str, optional: bool = False) -> str | None:
    if value is None or value == "":
        if optional:
            return None
        raise BadInput(name, "an expression (a column name or a DuckDB expression over the columns) is needed")
    if not isinstance(value, str) or len(value) > 2000 or ";" in value:
        raise BadInput(name, "expected one DuckDB expression (no ';', at most 2000 characters)")
    return value


def data_range(value: object, name: str) -> list[float] | None:
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, (int, float)) for v in value)
        or not value[0] < value[1]
    ):
        raise BadInput(name, "expected [low, high] with low < high")
    return [float(value[0]), float(value[1])]


def _rows(value: object) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, int) and v >= 0 for v in value):
        raise BadInput("selection", "expected a list of row ids (non-negative integers)")
    return value
