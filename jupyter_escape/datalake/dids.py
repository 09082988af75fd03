"""DID strings: parsing and validation with messages that say what is wrong (before any request is made)."""

from __future__ import annotations

import re

from ..core.errors import BadInput

# Rucio's generic schema (41.x): scopes ^[a-zA-Z_\-.0-9]+$ (25 chars), names ^[/A-Za-z0-9][/A-Za-z0-9.\-_]*$.
SCOPE_RE = re.compile(r"^[a-zA-Z_\-.0-9]{1,25}$")
NAME_RE = re.compile(r"^[/A-Za-z0-9][/A-Za-z0-9.\-_]{0,249}$")
PATTERN_RE = re.compile(r"^[/A-Za-z0-9.\-_*]{1,250}$")


def parse_did(did: str, field: str = "did") -> tuple[str, str]:
    """'scope:name' -> (scope, name); explains what is wrong otherwise (spaces, unicode, missing scope)."""
    if not isinstance(did, str) or not did.strip():
        raise BadInput(field, "missing (expected 'scope:name')")
    if ":" not in did:
        raise BadInput(field, f"{did!r} has no scope: write it as 'scope:name'")
    scope, name = did.split(":", 1)
    check_scope(scope, field)
    if not NAME_RE.fullmatch(name):
        bad = sorted({ch for ch in name if not re.match(r"[/A-Za-z0-9.\-_]", ch)})
        why = f"characters not allowed in Rucio names: {' '.join(repr(c) for c in bad)}" if bad else "bad form"
        raise BadInput(field, f"{name!r}: {why} (allowed: letters, digits, . - _ /; at most 250)")
    return scope, name


def check_scope(scope: str, field: str = "scope") -> str:
    if not scope or not SCOPE_RE.fullmatch(scope):
        raise BadInput(field, f"scope {scope!r} is not valid (letters, digits, _ - .; at most 25 characters)")
    return scope


def check_pattern(pattern: str, field: str = "pattern") -> str:
    if not PATTERN_RE.fullmatch(pattern or ""):
        raise BadInput(field, f"{pattern!r} is not a name pattern (letters, digits, . - _ / and * wildcards)")
    return pattern


def did_str(scope: str, name: str) -> str:
    return f"{scope}:{name}"
