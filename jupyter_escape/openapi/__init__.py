"""The REST API's OpenAPI 3.1 document, generated from the registered routes and operations.py.

Paths and verbs come from the routes themselves (extension.routes() and each handler's methods); what each
operation takes and answers comes from operations.OPERATIONS. :func:`coverage_problems` lists any route without a
description and any description without a route (tests/test_openapi.py requires none).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable
from typing import Any

from .operations import OPERATIONS
from .schemas import Op

VERBS = ("get", "post", "put", "patch", "delete")
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string"}, "service": {"type": ["string", "null"]}, "detail": {"type": "string"}},
}
ERROR_CODES = {
    400: "Bad input: the message names the field",
    401: "A remote service refused the configured credentials",
    403: "Not allowed (authentication, authorisation, path confinement or outbound policy)",
    404: "No such thing",
    405: "Verb not allowed",
    409: "Conflict with the current state",
    413: "Too large",
    422: "Understood, but the thing cannot be used (e.g. a file the sky view cannot show)",
    429: "Too many requests (a remote service's rate limit)",
    507: "Not enough disk space",
    502: "A remote service failed",
    503: "Busy: the in-flight byte budget is spent",
    504: "A remote service or worker timed out",
}
CONTENT = {
    "json": {"application/json": {"schema": {"type": "object"}}},
    "arrow": {"application/vnd.apache.arrow.stream": {"schema": {"type": "string", "format": "binary"}}},
    "file": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
}
CONTENT["json-or-arrow"] = {**CONTENT["json"], **CONTENT["arrow"]}


def served_verbs(handler: type) -> list[str]:
    from tornado.web import RequestHandler

    return [v for v in VERBS if getattr(handler, v) is not getattr(RequestHandler, v)]


def path_names(handler: type, verb: str) -> list[str]:
    """The names of a verb's path arguments: its own parameters after ``self`` (the decorators keep them)."""
    fn = inspect.unwrap(getattr(handler, verb))
    return [p for p in inspect.signature(fn).parameters if p != "self"]


def openapi_path(pattern: str, names: list[str]) -> str:
    groups = iter(names)
    return "/" + re.sub(r"\([^)]*\)", lambda _m: "{" + next(groups) + "}", pattern)


def operation_for(pattern: str, verb: str) -> Op | None:
    return OPERATIONS.get((pattern, verb))


def coverage_problems(routes: Iterable[tuple[str, type]]) -> list[str]:
    problems, seen = [], set()
    for pattern, handler in routes:
        for verb in served_verbs(handler):
            seen.add((pattern, verb))
            if (pattern, verb) not in OPERATIONS:
                problems.append(f"{verb.upper()} {pattern}: served by {handler.__name__}, not described")
            elif set(OPERATIONS[(pattern, verb)].path) != set(path_names(handler, verb)):
                problems.append(
                    f"{verb.upper()} {pattern}: path parameters {path_names(handler, verb)} "
                    f"described as {sorted(OPERATIONS[(pattern, verb)].path)}"
                )
    problems += [f"{v.upper()} {p}: described, but no such route or verb" for p, v in OPERATIONS if (p, v) not in seen]
    return problems


def _parameters(operation: Op, names: list[str]) -> list[dict[str, Any]]:
    params = [{"name": n, "in": "path", "required": True, "schema": operation.path[n]} for n in names]
    params += [
        {
            "name": n,
            "in": "query",
            "required": n in operation.required,
            "schema": s if n in operation.required else _empty_allowed(s),
        }
        for n, s in operation.query.items()
    ]
    return params


def _empty_allowed(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional query parameter given empty means its default (validate.check_query skips it): say so."""
    return {"anyOf": [schema, {"type": "string", "maxLength": 0}]}


def _operation(pattern: str, verb: str, operation: Op, names: list[str]) -> dict[str, Any]:
    pillar = pattern.split("/", 1)[0] if "/" in pattern else "core"
    responses: dict[str, dict[str, Any]] = {
        str(code): {
            "description": "OK" if code != 204 else "No content",
            **({"content": CONTENT[operation.produces]} if code not in (204, 304) else {}),
        }
        for code in operation.ok
    }
    responses.update(
        {
            str(code): {"description": text, "content": {"application/json": {"schema": ERROR}}}
            for code, text in ERROR_CODES.items()
        }
    )
    out = {
        "summary": operation.summary,
        "operationId": f"{verb}_{re.sub(r'[^A-Za-z0-9]+', '_', pattern)}",
        "tags": [pillar],
        "parameters": _parameters(operation, names),
        "responses": responses,
    }
    if operation.body is not None:
        out["requestBody"] = {"required": False, "content": {"application/json": {"schema": operation.body}}}
    return out


def document(routes: Iterable[tuple[str, type]], base_path: str = "/escape/api", version: str = "") -> dict[str, Any]:
    """The OpenAPI document of ``routes`` [(pattern, handler)], as served at ``<base_path>/openapi.json``."""
    paths: dict[str, dict[str, Any]] = {}
    for pattern, handler in routes:
        for verb in served_verbs(handler):
            operation = operation_for(pattern, verb)
            if operation is None:
                continue
            names = path_names(handler, verb)
            paths.setdefault(openapi_path(pattern, names), {})[verb] = _operation(pattern, verb, operation, names)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "jupyter-escape server extension",
            "version": version or "0",
            "description": "Every route needs an authenticated Jupyter user (token or login cookie, "
            "with XSRF for cookie-authenticated writes).",
        },
        "servers": [{"url": base_path}],
        "components": {"securitySchemes": {"token": {"type": "apiKey", "in": "header", "name": "Authorization"}}},
        "security": [{"token": []}],
        "paths": paths,
    }
