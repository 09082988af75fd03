"""Basket items: the kinds, what each payload must hold, and the dataclass every layer passes around."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from ..core.errors import BadInput

# kind -> (required payload keys, how to name the item's source when the caller gives none)
KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "vo_service": (("url",), "url"),
    "vo_query": (("service_url", "query"), "service_url"),
    "vo_rows": ((), "origin"),
    "datalink_product": (("access_url",), "access_url"),
    "datalake_did": (("scope", "name"), "did"),
    "ossr_record": (("record_id",), "record_id"),
    "workspace_file": (("path",), "path"),
}
# Payloads are JSON in SQLite and in notebook metadata: keep them small, put bulk rows in parquet.
MAX_PAYLOAD_BYTES = 1024 * 1024
MAX_TEXT = 10_000


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return uuid.uuid4().hex[:16]


@dataclass
class Item:
    id: str
    kind: str
    title: str
    source: str
    created: str
    payload: dict
    group: str | None = None
    notes: str = ""
    updated: str = ""
    extra: dict = field(default_factory=dict)  # materialisation state: table name, stored files, checksums

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Item:
        known = {k: data[k] for k in ("id", "kind", "title", "source", "created", "payload", "group", "notes",
                                      "updated", "extra") if k in data}
        return cls(**known)


def default_source(kind: str, payload: dict) -> str:
    if kind == "datalake_did":
        instance = payload.get("instance")
        did = f"{payload.get('scope')}:{payload.get('name')}"
        return f"rucio:{instance}/{did}" if instance else f"rucio:{did}"
    if kind == "vo_rows":
        origin = payload.get("origin") or {}
        return origin.get("service_url") or origin.get("source") or "selected rows"
    if kind == "ossr_record":
        return payload.get("doi") or f"zenodo:{payload.get('record_id')}"
    key = KINDS[kind][1]
    return str(payload.get(key, ""))


def validate_new(kind, title, payload, group, notes, source) -> None:
    """Refuse a malformed item before it reaches the store, naming the field at fault."""
    if kind not in KINDS:
        raise BadInput("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    if not isinstance(payload, dict):
        raise BadInput("payload", "expected a JSON object")
    missing = [k for k in KINDS[kind][0] if payload.get(k) in (None, "")]
    if missing:
        raise BadInput("payload", f"a {kind} item needs {', '.join(missing)}")
    if kind == "vo_rows" and not ({"columns", "rows"} <= payload.keys() or payload.get("parquet")):
        raise BadInput("payload", "a vo_rows item needs columns and rows (or a stored parquet file)")
    for name, value in (("title", title), ("group", group), ("notes", notes), ("source", source)):
        if value is not None and not isinstance(value, str):
            raise BadInput(name, "expected a string")
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise BadInput(name, f"longer than {MAX_TEXT} characters")
    size = len(json.dumps(payload, default=str))
    if size > MAX_PAYLOAD_BYTES:
        raise BadInput("payload", f"{size} bytes is more than {MAX_PAYLOAD_BYTES}: store large row sets as parquet")
