"""Browsing a Rucio instance: scopes, DID search with metadata filters, paged container/dataset contents,
DID details (metadata, checksums, replicas per RSE, rules with lock states), RSEs and account usage.

Every function blocks (HTTP to Rucio); handlers call them through ``run_blocking``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from contextlib import closing
from typing import Any

from rucio.client import Client

from ..core.errors import BadInput
from .dids import check_pattern, check_scope, did_str
from .rucio_client import RucioSession

DID_TYPES = ("all", "collection", "container", "dataset", "file")
FILTER_OPS = {"=": "", "==": "", "!=": "ne", ">": "gt", ">=": "gte", "<": "lt", "<=": "lte"}
MAX_PAGE = 1000


def _page_args(offset: Any, limit: Any) -> tuple[int, int]:
    try:
        offset, limit = int(offset or 0), int(limit or 100)
    except (TypeError, ValueError):
        raise BadInput("offset/limit", "must be integers") from None
    if offset < 0:
        raise BadInput("offset", "must be >= 0")
    if not 1 <= limit <= MAX_PAGE:
        raise BadInput("limit", f"must be between 1 and {MAX_PAGE}")
    return offset, limit


def _typed(value: object) -> int | float | str:
    """Filter values typed as numbers when they look like numbers (Rucio compares JSON metadata by type)."""
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


def build_filters(name_pattern: str | None, filters: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """[{key, op, value}] -> Rucio's filter form ([{'key.op': value}], AND within the dict)."""
    group: dict[str, Any] = {}
    if name_pattern:
        group["name"] = check_pattern(name_pattern)
    for i, f in enumerate(filters or []):
        if not isinstance(f, dict) or not f.get("key"):
            raise BadInput(f"filters[{i}].key", "missing")
        key, op = str(f["key"]), str(f.get("op", "="))
        if op not in FILTER_OPS:
            raise BadInput(f"filters[{i}].op", f"{op!r} is not one of {' '.join(FILTER_OPS)}")
        if not key.replace("_", "").replace("-", "").isalnum():
            raise BadInput(f"filters[{i}].key", f"{key!r} is not a metadata key")
        if "value" not in f or f["value"] in (None, ""):
            raise BadInput(f"filters[{i}].value", "missing")
        suffix = FILTER_OPS[op]
        group[f"{key}.{suffix}" if suffix else key] = _typed(f["value"])
    return [group] if group else [{"name": "*"}]


def list_scopes(s: RucioSession) -> list[str]:
    return sorted(s.call("list scopes", Client.list_scopes))


def search(
    s: RucioSession,
    scope: str,
    *,
    pattern: str | None = "*",
    did_type: str = "collection",
    filters: list[dict[str, Any]] | None = None,
    offset: Any = 0,
    limit: Any = 100,
) -> dict[str, Any]:
    """One page of DIDs in ``scope`` matching a name wildcard, a type and metadata filters."""
    check_scope(scope)
    offset, limit = _page_args(offset, limit)
    if did_type not in DID_TYPES:
        raise BadInput("type", f"{did_type!r} is not one of {', '.join(DID_TYPES)}")
    rucio_filters = build_filters(pattern, filters)
    # the filters are copied: rucio-clients rewrites dates in them in place
    search_filters = [dict(group) for group in rucio_filters]
    with closing(
        s.page(f"search {scope}", Client.list_dids, scope, search_filters, did_type=did_type, long=True)
    ) as rows:
        wanted = _matching_rows(s, rows, did_type, offset + limit + 1)
    items = [_did_row(r, scope) for r in wanted[offset : offset + limit]]
    return {
        "scope": scope,
        "items": items,
        "offset": offset,
        "limit": limit,
        "has_more": len(wanted) > offset + limit,
        "filters": rucio_filters,
    }


TYPE_SETS = {
    "all": {"FILE", "DATASET", "CONTAINER"},
    "collection": {"DATASET", "CONTAINER"},
    "container": {"CONTAINER"},
    "dataset": {"DATASET"},
    "file": {"FILE"},
}
BULK = 200


def _kind(row: dict[str, Any]) -> str:
    return str(row.get("did_type") or row.get("type") or "").upper().replace("DIDTYPE.", "")


def _matching_rows(s: RucioSession, rows: Iterable[dict[str, Any]], did_type: str, want: int) -> list[dict[str, Any]]:
    """The first ``want`` rows of the requested type. Searches answered by a metadata plugin (JSON metadata such
    as ``telescope``) give neither the type nor the sizes, and ignore ``type``: those rows are completed with one
    bulk metadata call per batch and filtered here, so a page holds only what was asked for, with real types."""
    allowed = TYPE_SETS[did_type]
    out: list[dict[str, Any]] = []
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if not batch:
            return
        dids = [{"scope": r["scope"], "name": r["name"]} for r in batch]
        meta = {
            (m.get("scope"), m.get("name")): m
            for m in s.page("types of the search results", Client.get_metadata_bulk, dids, inherit=False)
        }
        for r in batch:
            m = meta.get((r["scope"], r["name"]))
            if m is not None and _kind(m) in allowed:
                out.append({**r, **{k: m.get(k) for k in ("did_type", "bytes", "length", "adler32", "md5")}})
        batch.clear()

    for row in rows:
        if len(out) >= want:
            break
        if _kind(row):
            if _kind(row) in allowed:
                out.append(row)
            continue
        batch.append(row)
        if len(batch) >= min(BULK, max(want - len(out), 1)):
            flush()
    if len(out) < want:
        flush()
    return out[:want]


def _did_row(row: dict[str, Any], scope: str | None = None) -> dict[str, Any]:
    sc = row.get("scope", scope)
    kind = _kind(row)
    return {
        "did": did_str(str(sc), row["name"]),
        "scope": sc,
        "name": row["name"],
        "type": kind,
        "bytes": row.get("bytes"),
        "length": row.get("length"),
        "adler32": row.get("adler32"),
        "md5": row.get("md5"),
    }


def get_did(s: RucioSession, scope: str, name: str, *, dynamic: bool = False) -> dict[str, Any]:
    """The DID record. ``dynamic`` asks Rucio to compute sizes of open collections (costly on big datasets)."""
    return s.call(did_str(scope, name), Client.get_did, scope, name, dynamic_depth="FILE" if dynamic else None)


class _ListingCache:
    """Rows already streamed from a collection's listing, kept briefly so the next pages cost nothing.

    Rucio has no server-side paging for contents; each request makes the server read the whole listing, so a page
    read also reads ahead (``READ_AHEAD`` rows) and keeps them for ``TTL`` seconds.
    """

    TTL = 60.0
    READ_AHEAD = 1000
    MAX_ENTRIES = 8

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[tuple[Any, ...], tuple[float, list[Any], bool]] = {}

    def page(
        self, s: RucioSession, scope: str, name: str, offset: int, limit: int, refresh: bool = False
    ) -> list[dict[str, Any]]:
        key = (s.inst.name, s.inst.base_url, scope, name)
        now = time.monotonic()
        with self._lock:
            hit = None if refresh else self._rows.get(key)
        if hit and now - hit[0] < self.TTL and (hit[2] or len(hit[1]) >= offset + limit + 1):
            return hit[1][offset : offset + limit + 1]
        want = offset + limit + 1 + self.READ_AHEAD
        with closing(s.page(f"contents of {did_str(scope, name)}", Client.list_content, scope, name, limit=want)) as it:
            rows = list(it)
        with self._lock:
            self._rows[key] = (now, rows, len(rows) < want)
            while len(self._rows) > self.MAX_ENTRIES:
                self._rows.pop(min(self._rows, key=lambda k: self._rows[k][0]))
        return rows[offset : offset + limit + 1]

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()


LISTINGS = _ListingCache()


def contents(
    s: RucioSession, scope: str, name: str, *, offset: Any = 0, limit: Any = 100, refresh: bool = False
) -> dict[str, Any]:
    """One page of a container's or dataset's direct children.

    Rucio streams the listing; we read up to the page (plus a read-ahead) and close the stream, so the first page
    of a 100,000-file dataset does not wait for the whole listing. The total is the DID's ``length`` (None while an
    open collection has not been counted).
    """
    offset, limit = _page_args(offset, limit)
    parent = get_did(s, scope, name)
    kind = str(parent.get("type", "")).upper()
    if kind == "FILE":
        raise BadInput("did", f"{did_str(scope, name)} is a file: it has no contents")
    rows = LISTINGS.page(s, scope, name, offset, limit, refresh)
    return {
        "did": did_str(scope, name),
        "type": kind,
        "total": parent.get("length"),
        "items": [_did_row(r) for r in rows[:limit]],
        "offset": offset,
        "limit": limit,
        "has_more": len(rows) > limit,
    }


def metadata(s: RucioSession, scope: str, name: str) -> dict[str, Any]:
    return s.call(f"metadata of {did_str(scope, name)}", Client.get_metadata, scope, name, plugin="ALL") or {}


def rules(s: RucioSession, scope: str, name: str) -> list[dict[str, Any]]:
    rows = s.list(f"rules of {did_str(scope, name)}", Client.list_did_rules, scope, name)
    return [rule_view(r) for r in rows]


def rule_view(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r.get("id"),
        "account": r.get("account"),
        "rse_expression": r.get("rse_expression"),
        "state": r.get("state"),
        "copies": r.get("copies"),
        "expires_at": r.get("expires_at"),
        "created_at": r.get("created_at"),
        "error": r.get("error"),
        "locks": {
            "ok": r.get("locks_ok_cnt", 0),
            "replicating": r.get("locks_replicating_cnt", 0),
            "stuck": r.get("locks_stuck_cnt", 0),
        },
        "did": did_str(str(r.get("scope")), str(r.get("name"))) if r.get("scope") else None,
    }


def file_replicas(
    s: RucioSession, dids: list[tuple[str, str]], schemes: list[str] | None = None, rse_expression: str | None = None
) -> list[dict[str, Any]]:
    """Replicas of files (or of all files in collections) with PFNs per RSE."""
    out = []
    for r in s.page(
        "list replicas",
        Client.list_replicas,
        [{"scope": sc, "name": n} for sc, n in dids],
        schemes=schemes or None,
        ignore_availability=False,
        all_states=False,
        rse_expression=rse_expression,
    ):
        out.append(
            {
                "did": did_str(r["scope"], r["name"]),
                "scope": r["scope"],
                "name": r["name"],
                "bytes": r.get("bytes"),
                "adler32": r.get("adler32"),
                "md5": r.get("md5"),
                "rses": {rse: list(pfns) for rse, pfns in (r.get("rses") or {}).items()},
                "states": r.get("states") or {},
            }
        )
    return out


def dataset_replicas(s: RucioSession, scope: str, name: str) -> list[dict[str, Any]]:
    rows = s.list(f"dataset replicas of {did_str(scope, name)}", Client.list_dataset_replicas, scope, name, deep=True)
    return [
        {
            "rse": r.get("rse"),
            "state": r.get("state"),
            "available_files": r.get("available_length"),
            "files": r.get("length"),
            "available_bytes": r.get("available_bytes"),
            "bytes": r.get("bytes"),
        }
        for r in rows
    ]


def details(s: RucioSession, scope: str, name: str) -> dict[str, Any]:
    """Everything the details pane shows about one DID, in one call."""
    did = get_did(s, scope, name, dynamic=True)
    kind = str(did.get("type", "")).upper()
    meta = metadata(s, scope, name)
    out = {
        "did": did_str(scope, name),
        "scope": scope,
        "name": name,
        "type": kind,
        "bytes": did.get("bytes"),
        "length": did.get("length"),
        "open": did.get("open"),
        "adler32": did.get("adler32") or meta.get("adler32"),
        "md5": did.get("md5") or meta.get("md5"),
        "metadata": _user_metadata(meta),
        "system": _system_metadata(meta),
        "rules": rules(s, scope, name),
    }
    if kind == "FILE":
        reps = file_replicas(s, [(scope, name)])
        out["replicas"] = [
            {"rse": rse, "state": (reps[0]["states"] or {}).get(rse, "AVAILABLE"), "pfns": pfns}
            for rse, pfns in (reps[0]["rses"].items() if reps else [])
        ]
    elif kind == "DATASET":
        out["replicas"] = dataset_replicas(s, scope, name)
    else:
        out["replicas"] = []
    return out


SYSTEM_KEYS = {
    "scope",
    "name",
    "account",
    "did_type",
    "is_open",
    "monotonic",
    "hidden",
    "obsolete",
    "complete",
    "is_new",
    "availability",
    "suppressed",
    "bytes",
    "length",
    "md5",
    "adler32",
    "expired_at",
    "purge_replicas",
    "deleted_at",
    "created_at",
    "updated_at",
    "closed_at",
    "eol_at",
    "is_archive",
    "constituent",
    "access_cnt",
    "accessed_at",
    "guid",
    "events",
    "transient",
    "task_id",
    "panda_id",
    "lumiblocknr",
    "provenance",
    "phys_group",
    "prod_step",
    "datatype",
    "run_number",
    "stream_name",
    "version",
    "campaign",
    "project",
}


def _user_metadata(meta: dict[str, Any]) -> dict[str, Any]:
    """Metadata the user set (astronomy keys such as telescope, ra, dec, band, obs_date), without Rucio's columns."""
    return {
        k: v
        for k, v in meta.items()
        if k not in SYSTEM_KEYS or (k in ("datatype", "project", "version", "campaign", "run_number") and v)
    }


def _system_metadata(meta: dict[str, Any]) -> dict[str, Any]:
    keep = ("account", "did_type", "is_open", "availability", "created_at", "updated_at", "expired_at", "guid")
    return {k: meta.get(k) for k in keep if meta.get(k) is not None}


def list_rses(s: RucioSession) -> list[dict[str, Any]]:
    rows = s.list("list RSEs", Client.list_rses)
    return sorted(
        (
            {
                "rse": r.get("rse"),
                "id": r.get("id"),
                "type": r.get("rse_type"),
                "deterministic": r.get("deterministic"),
                "volatile": r.get("volatile"),
                "availability_read": r.get("availability_read"),
                "availability_write": r.get("availability_write"),
            }
            for r in rows
        ),
        key=lambda r: r["rse"],
    )


def whoami(s: RucioSession) -> dict[str, Any]:
    return s.call("whoami", Client.whoami) or {}


def account_usage(s: RucioSession, account: str | None = None) -> dict[str, Any]:
    """Per-RSE usage and quota of the account: bytes used, limit, remaining, files."""
    account = account or s.inst.account or whoami(s).get("account")
    rows = s.list(f"usage of account {account}", Client.get_local_account_usage, account)
    return {
        "account": account,
        "rses": [
            {
                "rse": r.get("rse"),
                "bytes": r.get("bytes"),
                "files": r.get("files"),
                "bytes_limit": r.get("bytes_limit"),
                "bytes_remaining": r.get("bytes_remaining"),
            }
            for r in rows
        ],
    }
