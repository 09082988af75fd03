"""Request validation from the OpenAPI description: the one check every route's input passes before its handler.

Wrong JSON types, too deep nesting, over-long names, unknown enum values and malformed numbers become
BadInput (HTTP 400) naming the field, e.g. ``services[0].url: 5 is not of type 'string'``, instead of reaching
code that would fail on them with a 500.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from ..core.errors import BadInput
from .schemas import Op

MAX_DEPTH = 32  # JSON nesting any route accepts; far beyond what the frontend sends (about 5)
SHOWN = 120  # how much of an offending value a message repeats


def _field(prefix: str, path: Iterable[str | int]) -> str:
    out = prefix
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "body"


def _message(error: ValidationError) -> str:
    text = error.message
    if error.validator in ("not", "pattern") and isinstance(error.schema, dict) and error.schema.get("description"):
        # A regular expression tells a user nothing: the schema's own words say what is expected.
        text = f"{str(error.instance)[:SHOWN]!r}: {error.schema['description']}"
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


def _check(schema: dict[str, Any], value: object, prefix: str) -> None:
    errors = sorted(Draft202012Validator(schema).iter_errors(value), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        path = list(first.absolute_path)
        if first.validator == "required" and isinstance(first.instance, dict):
            # Name the missing field itself, as the handlers always did ("query: missing").
            missing = next(k for k in first.validator_value if k not in first.instance)
            raise BadInput(_field(prefix, [*path, missing]), "missing")
        raise BadInput(_field(prefix, path), _message(first))


def _depth(value: object, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of parsed JSON, without recursion (a hostile body may nest thousands of levels)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def parse_body(raw: bytes) -> dict[str, Any]:
    """The JSON object in a request body ({} when empty); BadInput when it is not one, or nests too deep."""
    if not raw or not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except RecursionError:
        raise BadInput("body", f"nested deeper than {MAX_DEPTH} levels") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadInput("body", f"not valid JSON ({str(exc)[:SHOWN]})") from None
    if not isinstance(body, dict):
        raise BadInput("body", "expected a JSON object")
    if _depth(body) > MAX_DEPTH:
        raise BadInput("body", f"nested deeper than {MAX_DEPTH} levels")
    return body


def _convert(name: str, raw: str, schema: dict[str, Any]) -> object:
    """A query string value as the type its schema says (query values arrive as text)."""
    kind = schema.get("type")
    try:
        if kind == "integer":
            return int(raw)
        if kind == "number":
            value = float(raw)
            if not math.isfinite(value):
                raise ValueError(raw)
            return value
    except ValueError:
        raise BadInput(name, f"{raw[:SHOWN]!r} is not {'an integer' if kind == 'integer' else 'a number'}") from None
    return raw


def check_query(operation: Op, arguments: dict[str, list[bytes]]) -> None:
    for name in operation.required:
        if not any(v for v in arguments.get(name, [])):
            raise BadInput(name, "missing")
    for name, schema in operation.query.items():
        for raw in arguments.get(name, []):
            text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
            if text == "" and name not in operation.required:
                continue  # an empty optional parameter means "the default" to every handler
            _check(schema, _convert(name, text, schema), name)


def check_path(operation: Op, names: list[str], values: Sequence[str]) -> None:
    for name, value in zip(names, values, strict=False):
        schema = operation.path.get(name)
        if schema is not None:
            _check(schema, value, schema.get("title", name))


def check_body(operation: Op, body: dict[str, Any]) -> None:
    if operation.body is not None:
        _check(operation.body, body, "")
