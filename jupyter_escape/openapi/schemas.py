"""Building blocks of the REST API's description: JSON Schemas for the values routes take, and ``op()``.

Limits are part of the contract: names, ids and URLs have a maximum length, and free-form JSON a maximum
nesting depth (checked in validate.py), so a hostile or broken client gets a 400 naming the field instead of
whatever the code behind would have done with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

NAME = {"type": "string", "minLength": 1, "maxLength": 256}
ID = {"type": "string", "minLength": 1, "maxLength": 128, "pattern": r"^[^/\x00-\x1f]+$"}
TEXT = {"type": "string", "maxLength": 4096}
LONG_TEXT = {"type": "string", "maxLength": 1_000_000}  # ADQL/SQL queries, notes
URL = {"type": "string", "minLength": 1, "maxLength": 4096}
PATH = {"type": "string", "minLength": 1, "maxLength": 4096}
BOOL = {"type": "boolean"}
BOOL_ARG = {"type": "string", "maxLength": 8}  # query flags: 1/0/true/false/yes/no
INT = {"type": "integer", "minimum": -(2**53), "maximum": 2**53}
NUMBER = {"type": "number", "minimum": -1e308, "maximum": 1e308}
ANY_OBJECT = {"type": "object"}
STRINGS = {"type": "array", "items": NAME, "maxItems": 10_000}


def obj(properties: dict[str, Any], required: tuple[str, ...] = (), extra: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        out["required"] = list(required)
    if not extra:
        out["additionalProperties"] = False
    return out


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def enum(*values: object) -> dict[str, Any]:
    return {"enum": list(values)}


def bounded_int(low: int, high: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": low, "maximum": high}


@dataclass
class Op:
    """One (route, verb): what it takes and what it answers."""

    summary: str
    query: dict[str, Any] = field(default_factory=dict)  # name -> schema (strings in the URL, converted by type)
    required: tuple[str, ...] = ()  # required query parameters
    body: dict[str, Any] | None = None  # JSON body schema (an object), None when the verb takes no body
    path: dict[str, Any] = field(default_factory=dict)  # path parameter name -> schema (default: ID)
    ok: tuple[int, ...] = (200,)
    produces: str = "json"  # json | arrow | file | json-or-arrow
    tags: tuple[str, ...] = ()


def op(summary: str, **kwargs: Any) -> Op:
    return Op(summary, **kwargs)
