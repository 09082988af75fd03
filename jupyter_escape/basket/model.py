"""Basket items: the kinds, what each payload must hold, and the dataclass every layer passes around."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..core.errors import BadInput
from ..core.names import check_id, check_record_id, check_url

# kind -> (required payload keys, how to name the item's source when the caller gives none)
KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "vo_service": (("url",), "url"),
    "vo_query": (("service_url", "query"), "service_url"),
    "vo_rows": ((), "origin"),
    "datalink_product": (("access_url",), "access_url"),
    "datalake_did": (("scope", "name"), "did"),
    "ossr_record": (("record_id",), "record_id"),
    "workspace_file": (("path",), "path"),
    "hats_catalog": (("path",), "path"),  # a HATS folder under the server root (jupyter_escape.scale)
}
# Payloads are JSON in SQLite and in notebook metadata: keep them small, put bulk rows in parquet.
MAX_PAYLOAD_BYTES = 1024 * 1024
MAX_TEXT = 10_000
# Payload keys that a materialiser or a snippet fetches or re-runs: http(s) only, whoever added the item.
URL_KEYS = {"vo_service": ("url",), "vo_query": ("service_url",), "datalink_product": ("access_url",)}
# What of ``extra`` travels in a notebook (the rest is this user's local materialisation state).
PORTABLE_EXTRA = ("provenance", "checksum", "table")
PARQUET_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}\.parquet")


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
    payload: dict[str, Any]
    group: str | None = None
    notes: str = ""
    updated: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # materialisation state: table name, stored files, checksums

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Item:
        known = {
            k: data[k]
            for k in ("id", "kind", "title", "source", "created", "payload", "group", "notes", "updated", "extra")
            if k in data
        }
        return cls(**known)


def default_source(kind: str, payload: dict[str, Any]) -> str:
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


def validate_new(kind: object, title: object, payload: object, group: object, notes: object, source: object) -> None:
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
    _check_payload_shapes(kind, payload)
    size = len(json.dumps(payload, default=str))
    if size > MAX_PAYLOAD_BYTES:
        raise BadInput("payload", f"{size} bytes is more than {MAX_PAYLOAD_BYTES}: store large row sets as parquet")


def _check_payload_shapes(kind: str, payload: dict[str, Any]) -> None:
    """The values that later become a URL, a file name or a record id have a strict shape (URL policy included)."""
    for key in URL_KEYS.get(kind, ()):
        check_url(payload[key], f"payload.{key}")
    origin = payload.get("origin")
    if origin is not None and not isinstance(origin, dict):
        raise BadInput("payload.origin", "expected a JSON object")
    if kind == "vo_rows" and origin and origin.get("service_url"):
        check_url(origin["service_url"], "payload.origin.service_url")
    if payload.get("parquet") is not None and not (
        isinstance(payload["parquet"], str) and PARQUET_NAME.fullmatch(payload["parquet"])
    ):
        raise BadInput("payload.parquet", "expected the plain name of a stored parquet file")
    if kind == "ossr_record":
        check_record_id(payload["record_id"], "payload.record_id")
    if kind == "datalake_did":
        from ..datalake.dids import parse_did  # Rucio's own shapes, as the data-lake panel checks them

        parse_did(f"{payload['scope']}:{payload['name']}", "payload")
        if payload.get("instance") is not None:
            check_id(payload["instance"], "payload.instance")


def check_stored_fields(item_id: object, created: object, extra: object) -> dict[str, Any]:
    """The fields a caller may set beyond the panel's (an id, a creation time, materialisation state), as they
    arrive from a notebook: the id has the local id shape, ``extra`` keeps only its portable keys, each checked."""
    if item_id is not None:
        check_id(item_id, "id")
    if created is not None and (not isinstance(created, str) or len(created) > 40):
        raise BadInput("created", "expected an ISO 8601 time")
    if extra is None:
        return {}
    if not isinstance(extra, dict):
        raise BadInput("extra", "expected a JSON object")
    if extra.get("table") is not None:
        from .workspace import check_name

        check_name(extra["table"])
    if extra.get("checksum") is not None and not isinstance(extra["checksum"], str):
        raise BadInput("extra.checksum", "expected a string")
    if extra.get("provenance") is not None and not isinstance(extra["provenance"], dict):
        raise BadInput("extra.provenance", "expected a JSON object")
    return extra
