"""A REPLAY of the Zenodo REST API, for offline tests and demos. This is not Zenodo.

Zenodo (InvenioRDM with OpenSearch, Redis, Celery) cannot run on this machine, so this small stdlib HTTP server
answers the requests the OSSR tools make (jupyter-escape, eossr) with responses in the shape of Zenodo's REST API:
search (``/api/records?q=&communities=&type=&keywords=&sort=&size=&page=&all_versions=``), records, versions,
conceptrecid redirects, file content, the licence vocabulary (``/api/licenses``, which eossr's codemeta-to-Zenodo
converter reads), and the deposit API (create, bucket PUT, legacy files POST, metadata update,
publish, new version, discard). The records are hand-written (replay_records.py); deposits live in memory and are
lost on restart.

Fault switches, for tests:
  * per request: query ``_fault=<mode>`` or header ``X-Replay-Fault: <mode>``;
  * for the next N matching requests: ``POST /_replay/faults`` with JSON
    ``{"mode": <mode>, "count": N, "skip": 0, "path": "/api/files", "retry_after": 2, "delay": 3}``
    (``skip`` lets that many matching requests through first).
  Modes: ``429`` (with Retry-After), ``500``, ``slow`` (sleep ``delay`` s, then answer), ``drop`` (read half of
  the request body, then close the connection: an upload failing mid-way), ``truncate`` (file content: send half,
  then close), ``corrupt`` (file content with altered bytes: a checksum mismatch);
  * ``GET /_replay/faults`` lists pending faults, ``DELETE /_replay/faults`` clears them,
    ``POST /_replay/reset`` forgets every deposit and fault.

Tokens accepted by the deposit API: ``ESCAPE_ZENODO_REPLAY_TOKENS`` (comma-separated), default ``replay-token``.

Run: ``python zenodo_replay.py --port 8092`` (127.0.0.1 only). From Python: ``start_replay(port=0)``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import html
import json
import os
import re
import socket
import threading
import time
import uuid
from datetime import datetime, timezone
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

try:
    from replay_records import COMMUNITY, build_records, license_vocabulary
except ImportError:  # imported as part of a package
    from .replay_records import COMMUNITY, build_records, license_vocabulary

BANNER = (
    "Zenodo API replay (jupyter-escape test stack): hand-written records in Zenodo's REST API shape. "
    "This is not Zenodo."
)
MAX_PAGE_SIZE = 100
FAULT_MODES = ("429", "500", "slow", "drop", "truncate", "corrupt")
SORTS = ("bestmatch", "mostrecent", "-mostrecent", "publication-desc", "publication-asc")
DOI_PREFIX = "10.5281/zenodo"
FIELD_ALIASES = {
    "title": "title",
    "metadata.title": "title",
    "description": "description",
    "keywords": "keywords",
    "metadata.keywords": "keywords",
    "creators.name": "creators",
    "metadata.creators.name": "creators",
    "license": "license",
    "metadata.license.id": "license",
    "license.id": "license",
    "resource_type.type": "type",
    "metadata.resource_type.type": "type",
    "version": "version",
    "metadata.version": "version",
    "doi": "doi",
    "conceptrecid": "conceptrecid",
}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def _strip_html(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text or ""))


class ReplayError(Exception):
    def __init__(self, status: int, message: str, errors=None, headers=None):
        super().__init__(message)
        self.status, self.message, self.errors, self.headers = status, message, errors, headers or {}


class ReplayState:
    """Records (read-only, hand-written), deposits (in memory), pending faults."""

    def __init__(self, tokens: list[str]):
        self.tokens = set(tokens)
        self.lock = threading.RLock()
        self.reset()

    def reset(self):
        with self.lock:
            self.records: dict[int, dict] = {}
            self.blobs: dict[tuple[int, str], bytes] = {}
            for rec in build_records():
                self._add_record(rec)
            self.deposits: dict[int, dict] = {}
            self.buckets: dict[str, int] = {}
            self.faults: list[dict] = []
            self.next_id = 9000

    def _add_record(self, rec: dict):
        for f in rec["files"]:
            self.blobs[(rec["id"], f["key"])] = f.pop("data")
            f.setdefault("id", str(uuid.uuid5(uuid.NAMESPACE_URL, f"{rec['id']}/{f['key']}")))
            f["size"] = len(self.blobs[(rec["id"], f["key"])])
        self.records[rec["id"]] = rec

    def versions_of(self, concept: int) -> list[dict]:
        return sorted(
            (r for r in self.records.values() if r["conceptrecid"] == concept),
            key=lambda r: (r["publication_date"], r["id"]),
        )

    def latest(self, concept: int) -> dict | None:
        versions = self.versions_of(concept)
        return versions[-1] if versions else None

    def take_fault(self, path: str) -> dict | None:
        with self.lock:
            for fault in self.faults:
                if path.startswith(fault.get("path", "/api")):
                    if fault.get("skip", 0) > 0:
                        fault["skip"] -= 1
                        return None
                    fault["count"] -= 1
                    if fault["count"] <= 0:
                        self.faults.remove(fault)
                    return fault
        return None


# ---- serialisation in Zenodo's record shape --------------------------------------------------------------------


def serialize_record(state: ReplayState, rec: dict, api: str) -> dict:
    recid, concept = rec["id"], rec["conceptrecid"]
    versions = state.versions_of(concept)
    index = [v["id"] for v in versions].index(recid)
    latest = versions[-1]["id"]
    html_base = api.removesuffix("/api")
    files = [
        {
            "id": f["id"],
            "key": f["key"],
            "size": f["size"],
            "checksum": f"md5:{f['md5']}",
            "links": {"self": f"{api}/records/{recid}/files/{quote(f['key'])}/content"},
        }
        for f in rec["files"]
    ]
    metadata = {
        "title": rec["title"],
        "doi": f"{DOI_PREFIX}.{recid}",
        "publication_date": rec["publication_date"],
        "description": rec["description"],
        "access_right": "open",
        "creators": copy.deepcopy(rec["creators"]),
        "keywords": list(rec["keywords"]),
        "version": rec["version"],
        "language": rec["language"],
        "resource_type": dict(rec["resource_type"]),
        "license": {"id": rec["license"]},
        "related_identifiers": copy.deepcopy(rec["related_identifiers"]),
        "communities": [{"id": c} for c in rec["communities"]],
        "relations": {
            "version": [
                {
                    "index": index,
                    "is_last": recid == latest,
                    "count": len(versions),
                    "parent": {"pid_type": "recid", "pid_value": str(concept)},
                    "last_child": {"pid_type": "recid", "pid_value": str(latest)},
                }
            ]
        },
    }
    if rec.get("notes"):
        metadata["notes"] = rec["notes"]
    return {
        "created": f"{rec['publication_date']}T10:00:00+00:00",
        "modified": f"{rec['publication_date']}T10:00:00+00:00",
        "updated": f"{rec['publication_date']}T10:00:00+00:00",
        "id": recid,
        "recid": str(recid),
        "conceptrecid": str(concept),
        "doi": f"{DOI_PREFIX}.{recid}",
        "conceptdoi": f"{DOI_PREFIX}.{concept}",
        "doi_url": f"https://doi.org/{DOI_PREFIX}.{recid}",
        "title": rec["title"],
        "metadata": metadata,
        "links": {
            "self": f"{api}/records/{recid}",
            "self_html": f"{html_base}/records/{recid}",
            "doi": f"https://doi.org/{DOI_PREFIX}.{recid}",
            "parent": f"{api}/records/{concept}",
            "parent_doi": f"https://doi.org/{DOI_PREFIX}.{concept}",
            "versions": f"{api}/records/{recid}/versions",
            "latest": f"{api}/records/{latest}",
            "latest_html": f"{html_base}/records/{latest}",
            "files": f"{api}/records/{recid}/files",
            "archive": f"{api}/records/{recid}/files-archive",
        },
        "files": files,
        "owners": [1],
        "revision": 3,
        "status": "published",
        "state": "done",
        "submitted": True,
        "stats": {"downloads": 10 * (recid % 17), "unique_downloads": 7 * (recid % 17), "views": 30 * (recid % 13)},
    }


# ---- search ----------------------------------------------------------------------------------------------------


def _tokens(q: str) -> list[tuple[str | None, str]]:
    out = []
    for m in re.finditer(r'(?:([\w.]+):)?(?:"([^"]*)"|(\S+))', q or ""):
        field, phrase, word = m.group(1), m.group(2), m.group(3)
        value = phrase if phrase is not None else word
        if field is None and value.upper() in ("AND", "+"):
            continue
        if field is not None and field not in FIELD_ALIASES:
            value, field = f"{field}:{value}", None
        out.append((FIELD_ALIASES.get(field) if field else None, value.lower()))
    return out


def _field_text(rec: dict, field: str) -> str:
    if field == "title":
        return rec["title"].lower()
    if field == "description":
        return _strip_html(rec["description"]).lower()
    if field == "keywords":
        return " | ".join(k.lower() for k in rec["keywords"])
    if field == "creators":
        return " | ".join(c["name"].lower() for c in rec["creators"])
    if field == "license":
        return rec["license"].lower()
    if field == "type":
        return rec["resource_type"]["type"]
    if field == "version":
        return rec["version"].lower()
    if field == "doi":
        return f"{DOI_PREFIX}.{rec['id']}"
    if field == "conceptrecid":
        return str(rec["conceptrecid"])
    return ""


def _score(rec: dict, tokens) -> float | None:
    """None when the record does not match every token; otherwise a relevance score (title counts most)."""
    score = 0.0
    for field, value in tokens:
        if field in ("license", "type", "version", "doi", "conceptrecid"):
            if _field_text(rec, field) != value:
                return None
            continue
        if field == "keywords":
            if value not in [k.lower() for k in rec["keywords"]]:
                return None
            score += 2
            continue
        if field:
            if value not in _field_text(rec, field):
                return None
            score += 1
            continue
        weights = (("title", 3.0), ("keywords", 2.0), ("creators", 1.5), ("description", 1.0))
        hit = sum(w * _field_text(rec, f).count(value) for f, w in weights)
        if not hit:
            return None
        score += hit
    return score


def _bucket_counts(values) -> list[dict]:
    counts: dict[str, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return [{"key": k, "doc_count": n} for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def search(
    state: ReplayState, params: dict[str, list[str]], api: str, path: str, only_concept: int | None = None
) -> dict:
    def one(name, default=None):
        values = params.get(name)
        return values[-1] if values else default

    q = one("q", "") or ""
    sort = one("sort") or ("bestmatch" if q.strip() else "mostrecent")
    if sort not in SORTS:
        raise ReplayError(400, f"Invalid sort option '{sort}'.")
    try:
        size = int(one("size", "10"))
        page = int(one("page", "1"))
    except ValueError:
        raise ReplayError(400, "size and page must be integers.") from None
    if size < 1 or page < 1:
        raise ReplayError(400, "size and page must be positive.")
    if size > MAX_PAGE_SIZE:
        raise ReplayError(400, f"Page size cannot be greater than {MAX_PAGE_SIZE}.")
    all_versions = only_concept is not None or one("all_versions", "false").lower() in ("1", "true", "yes")
    communities = [c for c in params.get("communities", []) if c]
    types = [t for t in params.get("type", []) if t]
    keywords = [k.lower() for k in params.get("keywords", []) if k]
    tokens = _tokens(q)

    matches = []
    for rec in state.records.values():
        if only_concept is not None and rec["conceptrecid"] != only_concept:
            continue
        if not all_versions and state.latest(rec["conceptrecid"])["id"] != rec["id"]:
            continue
        if communities and not set(communities) & set(rec["communities"]):
            continue
        if types and rec["resource_type"]["type"] not in types:
            continue
        if keywords and not set(keywords) <= {k.lower() for k in rec["keywords"]}:
            continue
        score = _score(rec, tokens)
        if score is None:
            continue
        matches.append((score, rec))

    if sort == "bestmatch":
        matches.sort(key=lambda sr: (-sr[0], sr[1]["publication_date"]), reverse=False)
    else:
        newest_first = sort in ("mostrecent", "publication-desc")
        matches.sort(key=lambda sr: (sr[1]["publication_date"], sr[1]["id"]), reverse=newest_first)
    recs = [r for _, r in matches]
    window = recs[(page - 1) * size : page * size]

    def link(p):
        query = {k: v for k, v in params.items() if not k.startswith("_")}
        query.update({"page": [str(p)], "size": [str(size)], "sort": [sort]})
        return f"{api}{path}?{urlencode(query, doseq=True)}"

    links = {"self": link(page)}
    if page * size < len(recs):
        links["next"] = link(page + 1)
    if page > 1:
        links["prev"] = link(page - 1)
    return {
        "aggregations": {
            "access_right": {"buckets": _bucket_counts("open" for _ in recs)},
            "type": {"buckets": _bucket_counts(r["resource_type"]["type"] for r in recs)},
            "keywords": {"buckets": _bucket_counts(k for r in recs for k in r["keywords"])[:30]},
            "license": {"buckets": _bucket_counts(r["license"] for r in recs)},
            "file_type": {
                "buckets": _bucket_counts(
                    f["key"].rsplit(".", 1)[-1].lower() for r in recs for f in r["files"] if "." in f["key"]
                )
            },
        },
        "hits": {"hits": [serialize_record(state, r, api) for r in window], "total": len(recs)},
        "links": links,
        "sortBy": sort,
    }


# ---- deposits --------------------------------------------------------------------------------------------------

REQUIRED_DEPOSIT_FIELDS = ("title", "upload_type", "description", "creators")


def deposit_json(dep: dict, api: str) -> dict:
    did = dep["id"]
    out = {k: copy.deepcopy(v) for k, v in dep.items() if not k.startswith("_")}
    out["files"] = [
        {
            "id": f["id"],
            "filename": f["key"],
            "filesize": f["size"],
            "checksum": f["md5"],
            "links": {
                "self": f"{api}/deposit/depositions/{did}/files/{f['id']}",
                "download": f"{api}/files/{dep['_bucket']}/{quote(f['key'])}",
            },
        }
        for f in dep["_files"]
    ]
    out["links"] = {
        "self": f"{api}/deposit/depositions/{did}",
        "bucket": f"{api}/files/{dep['_bucket']}",
        "files": f"{api}/deposit/depositions/{did}/files",
        "publish": f"{api}/deposit/depositions/{did}/actions/publish",
        "edit": f"{api}/deposit/depositions/{did}/actions/edit",
        "discard": f"{api}/deposit/depositions/{did}/actions/discard",
        "newversion": f"{api}/deposit/depositions/{did}/actions/newversion",
        "html": f"{api.removesuffix('/api')}/deposit/{did}",
    }
    if dep["submitted"]:
        out["links"]["record"] = f"{api}/records/{did}"
        out["links"]["doi"] = f"https://doi.org/{DOI_PREFIX}.{did}"
    if dep.get("_latest_draft"):
        out["links"]["latest_draft"] = f"{api}/deposit/depositions/{dep['_latest_draft']}"
    return out


def new_deposit(state: ReplayState, metadata: dict, concept: int | None = None, files=()) -> dict:
    with state.lock:
        if concept is None:
            concept = state.next_id
            state.next_id += 1
        did = state.next_id
        state.next_id += 1
        bucket = str(uuid.uuid4())
        meta = dict(metadata or {})
        meta["prereserve_doi"] = {"doi": f"{DOI_PREFIX}.{did}", "recid": did}
        dep = {
            "id": did,
            "record_id": did,
            "conceptrecid": str(concept),
            "created": _now(),
            "modified": _now(),
            "owner": 1,
            "state": "unsubmitted",
            "submitted": False,
            "title": meta.get("title", ""),
            "metadata": meta,
            "_bucket": bucket,
            "_files": [dict(f) for f in files],
        }
        for f in dep["_files"]:
            state.blobs[(did, f["key"])] = state.blobs[(f["_from"], f["key"])] if "_from" in f else f.pop("_data")
            f.pop("_from", None)
        state.deposits[did] = dep
        state.buckets[bucket] = did
        return dep


def validate_for_publish(dep: dict) -> list[dict]:
    meta = dep["metadata"]
    errors = [
        {"field": f"metadata.{name}", "messages": ["Missing data for required field."]}
        for name in REQUIRED_DEPOSIT_FIELDS
        if not meta.get(name)
    ]
    for i, c in enumerate(meta.get("creators") or []):
        if not isinstance(c, dict) or not c.get("name"):
            errors.append({"field": f"metadata.creators.{i}.name", "messages": ["Missing data for required field."]})
    if meta.get("upload_type") and meta["upload_type"] not in (
        "software",
        "dataset",
        "publication",
        "poster",
        "presentation",
        "image",
        "video",
        "lesson",
        "other",
    ):
        errors.append({"field": "metadata.upload_type", "messages": [f"Invalid upload type {meta['upload_type']}."]})
    if not dep["_files"]:
        errors.append({"field": "files", "messages": ["Minimum one file must be provided."]})
    return errors


def publish(state: ReplayState, dep: dict) -> None:
    meta = dep["metadata"]
    license_id = meta.get("license") or "cc-by-4.0"
    if isinstance(license_id, dict):
        license_id = license_id.get("id", "cc-by-4.0")
    rec = {
        "id": dep["id"],
        "conceptrecid": int(dep["conceptrecid"]),
        "title": meta["title"],
        "version": str(meta.get("version", "")),
        "publication_date": meta.get("publication_date") or datetime.now(timezone.utc).date().isoformat(),
        "resource_type": {"type": meta["upload_type"], "title": meta["upload_type"].capitalize()},
        "license": str(license_id).lower(),
        "keywords": list(meta.get("keywords") or []),
        "creators": copy.deepcopy(meta["creators"]),
        "description": meta["description"],
        "files": [],
        "related_identifiers": copy.deepcopy(meta.get("related_identifiers") or []),
        "communities": [c.get("identifier") or c.get("id") for c in meta.get("communities") or []],
        "language": meta.get("language", "eng"),
        "notes": meta.get("notes"),
    }
    for f in dep["_files"]:
        rec["files"].append(
            {"key": f["key"], "md5": f["md5"], "id": f["id"], "data": state.blobs[(dep["id"], f["key"])]}
        )
    with state.lock:
        state._add_record(rec)
        dep["submitted"], dep["state"], dep["modified"] = True, "done", _now()
        dep["doi"] = f"{DOI_PREFIX}.{dep['id']}"
        dep["doi_url"] = f"https://doi.org/{dep['doi']}"


# ---- HTTP ------------------------------------------------------------------------------------------------------


class ReplayHandler(BaseHTTPRequestHandler):
    server_version = "ZenodoReplay/1.0"
    protocol_version = "HTTP/1.1"

    @property
    def state(self) -> ReplayState:
        return self.server.replay_state

    def log_message(self, fmt, *args):  # quiet unless asked: tests start many requests
        if os.environ.get("ESCAPE_ZENODO_REPLAY_LOG"):
            super().log_message(fmt, *args)

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_DELETE(self):
        self._dispatch("DELETE")

    # -- plumbing --
    def _api(self) -> str:
        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_address[1]}"
        return f"http://{host}/api"

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _json_body(self) -> dict:
        raw = self._body()
        if not raw:
            return {}
        try:
            body = json.loads(raw)
        except ValueError:
            raise ReplayError(400, "Request body is not valid JSON.") from None
        if not isinstance(body, dict):
            raise ReplayError(400, "Request body must be a JSON object.")
        return body

    def _send(self, status: int, payload=None, *, raw: bytes | None = None, ctype="application/json", headers=None):
        data = raw if raw is not None else (json.dumps(payload).encode() if payload is not None else b"")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _send_content(self, data: bytes, key: str):
        if self._content_fault == "corrupt":
            data = bytes(b ^ 0x5A for b in data[:64]) + data[64:]
        if self._content_fault != "truncate":
            return self._send(
                200,
                raw=data,
                ctype="application/octet-stream",
                headers={"Content-Disposition": f'attachment; filename="{key}"'},
            )
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def _error(self, status, message, errors=None, headers=None):
        payload = {"status": status, "message": message}
        if errors:
            payload["errors"] = errors
        self._send(status, payload, headers=headers)

    def _redirect(self, location: str):
        self._send(302, {"status": 302, "location": location}, headers={"Location": location})

    def _require_token(self, params):
        auth = self.headers.get("Authorization", "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else (params.get("access_token") or [""])[-1]
        if token not in self.state.tokens:
            raise ReplayError(
                401,
                "The server could not verify that you are authorized to access the URL requested. "
                "You either supplied the wrong credentials (e.g. a bad password), or your browser "
                "doesn't understand how to supply the credentials required.",
            )

    def _apply_fault(self, path, params) -> bool:
        """True when a fault answered (or dropped) the request."""
        mode = (params.get("_fault") or [None])[-1] or self.headers.get("X-Replay-Fault")
        fault = {"mode": mode} if mode else None
        if fault is None and not path.startswith("/_replay"):
            fault = self.state.take_fault(path)
        if not fault:
            return False
        mode = str(fault["mode"])
        if mode in ("truncate", "corrupt"):
            self._content_fault = mode
            return False
        if mode == "slow":
            time.sleep(float(fault.get("delay", 5)))
            return False
        if mode == "429":
            retry = fault.get("retry_after", 1)
            self._body()
            self._error(
                429,
                "Too many requests: rate limit exceeded (replay fault).",
                headers={"Retry-After": retry, "X-RateLimit-Limit": 60, "X-RateLimit-Remaining": 0},
            )
            return True
        if mode == "500":
            self._body()
            self._error(500, "Internal server error (replay fault).")
            return True
        if mode == "drop":
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(max(1, length // 2))
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return True
        raise ReplayError(400, f"unknown replay fault mode {mode!r}")

    def _dispatch(self, method):
        self._content_fault = None
        split = urlsplit(self.path)
        path = re.sub(r"/{2,}", "/", unquote(split.path))  # eossr builds api_url + "/records": tolerate '//'
        params = parse_qs(split.query, keep_blank_values=True)
        try:
            if self._apply_fault(path, params):
                return
            self._route(method, path, params)
        except ReplayError as err:
            self._error(err.status, err.message, err.errors, err.headers)
        except (BrokenPipeError, ConnectionResetError):
            pass

    # -- routes --
    def _route(self, method, path, params):
        api = self._api()
        if path in ("/", "/api", "/api/"):
            return self._send(200, {"replay": True, "about": BANNER, "community": COMMUNITY})
        if path.startswith("/_replay"):
            return self._admin(method, path)
        if not path.startswith("/api/"):
            raise ReplayError(404, "The requested URL was not found on the server.")
        rest = path[len("/api") :]
        parts = [p for p in rest.split("/") if p]

        if parts[:1] == ["records"]:
            if method != "GET":
                raise ReplayError(405, "The method is not allowed for the requested URL.")
            return self._records(parts[1:], params, api)
        if parts[:2] == ["deposit", "depositions"]:
            self._require_token(params)
            return self._deposit(method, parts[2:], params, api)
        if parts[:1] == ["files"] and len(parts) >= 2:
            self._require_token(params)
            return self._bucket(method, parts[1], "/".join(parts[2:]), api)
        if parts == ["licenses"] and method == "GET":  # what eossr's codemeta-to-Zenodo converter looks up
            q = (params.get("q") or [""])[-1].lower()
            hits = [h for h in license_vocabulary() if q in h["id"] or q in h["title"]["en"].lower()]
            return self._send(200, {"hits": {"hits": hits, "total": len(hits)}})
        if parts[:1] == ["communities"] and len(parts) == 2 and method == "GET":
            if parts[1] != COMMUNITY:
                raise ReplayError(404, "Community not found.")
            return self._send(
                200,
                {
                    "id": COMMUNITY,
                    "slug": COMMUNITY,
                    "metadata": {"title": "ESCAPE 2020 (replay)", "description": "OSSR community, replayed"},
                },
            )
        raise ReplayError(404, "The requested URL was not found on the server.")

    def _records(self, parts, params, api):
        st = self.state
        if not parts:
            return self._send(200, search(st, params, api, "/records"))
        try:
            recid = int(parts[0])
        except ValueError:
            raise ReplayError(404, "PID does not exist.") from None
        rec = st.records.get(recid)
        if rec is None:
            latest = st.latest(recid)
            if latest is None:
                raise ReplayError(404, "PID does not exist.")
            # A concept record id: Zenodo answers with a redirect to its latest version.
            tail = "/".join(parts[1:])
            return self._redirect(f"{api}/records/{latest['id']}" + (f"/{tail}" if tail else ""))
        if len(parts) == 1:
            return self._send(200, serialize_record(st, rec, api))
        if parts[1] == "versions":
            if parts[2:] == ["latest"]:
                return self._redirect(f"{api}/records/{st.latest(rec['conceptrecid'])['id']}")
            params = {**params, "sort": params.get("sort") or ["mostrecent"]}
            return self._send(
                200, search(st, params, api, f"/records/{recid}/versions", only_concept=rec["conceptrecid"])
            )
        if parts[1] == "files":
            entries = serialize_record(st, rec, api)["files"]
            if len(parts) == 2:
                return self._send(
                    200,
                    {
                        "enabled": True,
                        "entries": [
                            {
                                **e,
                                "links": {
                                    "self": e["links"]["self"][: -len("/content")],
                                    "content": e["links"]["self"],
                                },
                            }
                            for e in entries
                        ],
                    },
                )
            key = "/".join(parts[2:])
            want_content = key.endswith("/content")
            key = key[: -len("/content")] if want_content else key
            match = [f for f in rec["files"] if f["key"] == key]
            if not match:
                raise ReplayError(404, f"File {key!r} does not exist in record {recid}.")
            if not want_content and "download" not in params:
                entry = next(e for e in entries if e["key"] == key)
                return self._send(200, entry)
            data = st.blobs[(recid, key)]
            return self._send_content(data, key)
        raise ReplayError(404, "The requested URL was not found on the server.")

    def _deposit(self, method, parts, params, api):
        st = self.state
        if not parts:
            if method == "GET":
                deps = sorted(st.deposits.values(), key=lambda d: -d["id"])
                size = int((params.get("size") or ["10"])[-1])
                return self._send(200, [deposit_json(d, api) for d in deps[:size]])
            if method == "POST":
                body = self._json_body()
                dep = new_deposit(st, body.get("metadata") or {})
                return self._send(201, deposit_json(dep, api))
            raise ReplayError(405, "The method is not allowed for the requested URL.")
        try:
            dep = st.deposits[int(parts[0])]
        except (ValueError, KeyError):
            raise ReplayError(404, "Deposition not found.") from None
        rest = parts[1:]
        if not rest:
            if method == "GET":
                return self._send(200, deposit_json(dep, api))
            if method == "PUT":
                if dep["submitted"]:
                    raise ReplayError(400, "Deposition is published: use actions/edit before changing metadata.")
                body = self._json_body()
                meta = body.get("metadata")
                if not isinstance(meta, dict):
                    raise ReplayError(400, "Validation error.", [{"field": "metadata", "messages": ["Missing data."]}])
                if "creators" in meta and not isinstance(meta["creators"], list):
                    raise ReplayError(
                        400, "Validation error.", [{"field": "metadata.creators", "messages": ["Not a valid list."]}]
                    )
                meta = dict(meta)
                meta["prereserve_doi"] = dep["metadata"]["prereserve_doi"]
                dep["metadata"], dep["title"], dep["modified"] = meta, meta.get("title", ""), _now()
                return self._send(200, deposit_json(dep, api))
            if method == "DELETE":
                if dep["submitted"]:
                    raise ReplayError(403, "Published depositions cannot be deleted.")
                st.deposits.pop(dep["id"])
                return self._send(204, raw=b"")
        if rest[0] == "files":
            if len(rest) == 1 and method == "GET":
                return self._send(200, deposit_json(dep, api)["files"])
            if len(rest) == 1 and method == "POST":
                return self._legacy_upload(dep, api)
            if len(rest) == 2 and method == "DELETE":
                before = len(dep["_files"])
                dep["_files"] = [f for f in dep["_files"] if f["id"] != rest[1]]
                if len(dep["_files"]) == before:
                    raise ReplayError(404, "File not found.")
                return self._send(204, raw=b"")
        if rest[0] == "actions" and len(rest) == 2 and method == "POST":
            self._body()
            action = rest[1]
            if action == "publish":
                if dep["submitted"]:
                    raise ReplayError(400, "Deposition is already published.")
                errors = validate_for_publish(dep)
                if errors:
                    raise ReplayError(400, "Validation error.", errors)
                publish(st, dep)
                return self._send(202, deposit_json(dep, api))
            if action == "discard":
                st.deposits.pop(dep["id"], None)
                return self._send(201, deposit_json(dep, api))
            if action == "edit":
                return self._send(201, deposit_json(dep, api))
            if action == "newversion":
                if not dep["submitted"]:
                    raise ReplayError(400, "Only a published deposition can get a new version.")
                files = [{**f, "_from": dep["id"]} for f in dep["_files"]]
                meta = {k: v for k, v in dep["metadata"].items() if k not in ("prereserve_doi", "doi")}
                draft = new_deposit(st, meta, concept=int(dep["conceptrecid"]), files=files)
                dep["_latest_draft"] = draft["id"]
                return self._send(201, deposit_json(dep, api))
        raise ReplayError(404, "The requested URL was not found on the server.")

    def _store_file(self, dep, key, data) -> dict:
        if dep["submitted"]:
            raise ReplayError(400, "Files of a published deposition cannot change.")
        if not key or "/" in key or key in (".", ".."):
            raise ReplayError(400, f"Invalid file name {key!r}.")
        md5 = hashlib.md5(data).hexdigest()
        with self.state.lock:
            dep["_files"] = [f for f in dep["_files"] if f["key"] != key]
            entry = {"id": str(uuid.uuid4()), "key": key, "size": len(data), "md5": md5}
            dep["_files"].append(entry)
            self.state.blobs[(dep["id"], key)] = data
        return entry

    def _legacy_upload(self, dep, api):
        ctype = self.headers.get("Content-Type", "")
        body = self._body()
        if not ctype.startswith("multipart/form-data"):
            raise ReplayError(400, "Expected multipart/form-data with fields 'name' and 'file'.")
        msg = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {ctype}\r\n\r\n".encode() + body)
        fields = {}
        for part in msg.iter_parts():
            name = part.get_param("name", header="content-disposition")
            fields[name] = (part.get_filename(), part.get_payload(decode=True) or b"")
        if "file" not in fields:
            raise ReplayError(400, "Missing 'file' field.")
        name = fields.get("name", (None, b""))[1].decode() or fields["file"][0]
        entry = self._store_file(dep, name, fields["file"][1])
        return self._send(
            201,
            {
                "id": entry["id"],
                "filename": entry["key"],
                "filesize": entry["size"],
                "checksum": entry["md5"],
                "links": {
                    "self": f"{api}/deposit/depositions/{dep['id']}/files/{entry['id']}",
                    "download": f"{api}/files/{dep['_bucket']}/{quote(entry['key'])}",
                },
            },
        )

    def _bucket(self, method, bucket, key, api):
        st = self.state
        did = st.buckets.get(bucket)
        if did is None or did not in st.deposits:
            raise ReplayError(404, "Bucket does not exist.")
        dep = st.deposits[did]
        if method == "PUT":
            entry = self._store_file(dep, key, self._body())
            return self._send(
                201,
                {
                    "key": entry["key"],
                    "size": entry["size"],
                    "checksum": f"md5:{entry['md5']}",
                    "mimetype": "application/octet-stream",
                    "version_id": entry["id"],
                    "is_head": True,
                    "delete_marker": False,
                    "created": _now(),
                    "updated": _now(),
                    "links": {
                        "self": f"{api}/files/{bucket}/{quote(key)}",
                        "version": f"{api}/files/{bucket}/{quote(key)}?versionId={entry['id']}",
                    },
                },
            )
        if method == "GET":
            if not key:
                return self._send(200, {"id": bucket, "contents": deposit_json(dep, api)["files"]})
            if (did, key) not in st.blobs or not any(f["key"] == key for f in dep["_files"]):
                raise ReplayError(404, "Object does not exist.")
            return self._send(200, raw=st.blobs[(did, key)], ctype="application/octet-stream")
        if method == "DELETE":
            dep["_files"] = [f for f in dep["_files"] if f["key"] != key]
            return self._send(204, raw=b"")
        raise ReplayError(405, "The method is not allowed for the requested URL.")

    def _admin(self, method, path):
        st = self.state
        if path == "/_replay/faults":
            if method == "GET":
                return self._send(200, {"faults": st.faults})
            if method == "DELETE":
                st.faults.clear()
                return self._send(200, {"faults": []})
            if method == "POST":
                body = self._json_body()
                mode = str(body.get("mode", ""))
                if mode not in FAULT_MODES:
                    raise ReplayError(400, f"mode must be one of {', '.join(FAULT_MODES)}")
                fault = {
                    "mode": mode,
                    "count": int(body.get("count", 1)),
                    "skip": int(body.get("skip", 0)),
                    "path": body.get("path", "/api"),
                    "retry_after": body.get("retry_after", 1),
                    "delay": float(body.get("delay", 5)),
                }
                with st.lock:
                    st.faults.append(fault)
                return self._send(201, fault)
        if path == "/_replay/reset" and method == "POST":
            self._body()
            st.reset()
            return self._send(200, {"reset": True})
        if path == "/_replay/deposits" and method == "GET":
            return self._send(200, {"deposits": [deposit_json(d, self._api()) for d in st.deposits.values()]})
        raise ReplayError(404, "Unknown replay admin route.")


class ReplayServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def tokens_from_env() -> list[str]:
    raw = os.environ.get("ESCAPE_ZENODO_REPLAY_TOKENS", "replay-token")
    return [t.strip() for t in raw.split(",") if t.strip()]


def start_replay(port: int = 0, host: str = "127.0.0.1", tokens: list[str] | None = None):
    """Start the replay in a background thread; returns (server, base_api_url). Stop with server.shutdown()."""
    server = ReplayServer((host, port), ReplayHandler)
    server.replay_state = ReplayState(tokens or tokens_from_env())
    thread = threading.Thread(target=server.serve_forever, name="zenodo-replay", daemon=True)
    thread.start()
    return server, f"http://{host}:{server.server_address[1]}/api"


def main(argv=None):
    parser = argparse.ArgumentParser(description=BANNER)
    parser.add_argument("--port", type=int, default=int(os.environ.get("ESCAPE_ZENODO_PORT", "8092")))
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    server = ReplayServer((args.host, args.port), ReplayHandler)
    server.replay_state = ReplayState(tokens_from_env())
    print(f"{BANNER}\nlistening on http://{args.host}:{args.port}/api", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
