"""A REPLAY of the Panoptes API (the API behind Zooniverse), for offline tests and demos. This is not Zooniverse.

Panoptes (Rails, PostgreSQL, Sidekiq, Azure blob storage) is not something this machine runs, so this standard
library HTTP server answers the requests ``panoptes-client`` makes, in the shapes of the Panoptes API:
  * sign-in and OAuth as the client does it: ``GET /users/sign_in`` (CSRF token header), ``POST /users/sign_in``
    (JSON login, session cookie), ``POST /oauth/token`` (grants ``password``, ``client_credentials``,
    ``refresh_token``); ``/api/*`` takes ``Authorization: Bearer``;
  * ``/api/me``, ``/api/projects?current_user_roles=owner,collaborator``, ``/api/workflows?project_id=``,
    ``/api/subject_sets?project_id=``, ``/api/subjects?subject_set_id=`` (JSON:API-like, with ``meta`` paging);
  * exports: ``POST|GET /api/projects/<id>/<classifications|subjects>_export``; a requested export moves
    ``requested`` -> ``creating`` -> ``ready`` one step per status request, then its ``src`` serves a CSV in the
    columns of a Zooniverse export;
  * subject creation: ``POST /api/subjects`` answers signed upload URLs (local ``PUT /_uploads/<token>``, like
    the Azure blob URLs Panoptes hands out), ``POST /api/subject_sets/<id>/links/subjects`` links them.
The data are hand-written (replay_seed.py); what clients add lives in memory and is lost on restart.

Fault switches, for tests: per request ``X-Replay-Fault: <mode>``, or for the next N requests whose path starts
with ``path``: ``POST /_replay/faults {"mode", "count": 1, "path": "/api"}``. ``DELETE /_replay/faults`` clears,
``POST /_replay/reset`` forgets everything added. ``GET /_replay/state`` lists subjects and uploads. Modes:
  ``expired``     the bearer token is refused as expired (401, as Panoptes' OAuth layer answers);
  ``generating``  an export status request finds the export still being generated (it does not advance);
  ``no_exports``  the project has never had an export (404);
  ``cut``         an upload PUT is cut mid-way: half the body is read, then the connection is closed;
  ``500``         an internal server error.

Run: ``python panoptes_replay.py --port 8100`` (127.0.0.1 only). From Python: ``start_replay(port=0)``.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import csv
import io
import json
import re
import secrets
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

try:
    import replay_seed as seed_mod
except ImportError:  # imported as part of a package
    from . import replay_seed as seed_mod

BANNER = (
    "Panoptes API replay (jupyter-escape test stack): hand-written data in the shape of the API behind "
    "Zooniverse. This is not Zooniverse."
)
FAULT_MODES = ("expired", "generating", "no_exports", "cut", "500")
EXPORT_TYPES = ("classifications", "subjects")
TOKEN_TTL = 7200
EXPORT_STEPS = ("requested", "creating", "ready")


class ReplayError(Exception):
    def __init__(self, status: int, message: str, headers=None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


class ReplayState:
    def __init__(self):
        self.lock = threading.RLock()
        self.reset()

    def reset(self):
        with self.lock:
            self.data = copy.deepcopy(_SEED)
            self.tokens: dict[str, float] = {}
            self.refresh: set[str] = set()
            self.sessions: set[str] = set()
            self.uploads: dict[str, dict] = {}
            self.blobs: dict[str, tuple[bytes, str]] = {}
            self.faults: list[dict] = []
            self.next_id = 7_800_001
            # The LOFAR project has a ready classification export from before; the other project has none.
            self.exports = {("21084", "classifications"): {"id": "4400001", "step": 2, "updated_at": seed_mod.CREATED}}
            for s in self.data["subjects"]:
                self.blobs[f"subject-{s['id']}.png"] = (seed_mod.tiny_png(int(s["id"])), "image/png")

    def take_fault(self, path: str) -> dict | None:
        with self.lock:
            for fault in self.faults:
                if path.startswith(fault.get("path", "/api")):
                    fault["count"] -= 1
                    if fault["count"] <= 0:
                        self.faults.remove(fault)
                    return fault
        return None

    def new_id(self) -> str:
        with self.lock:
            self.next_id += 1
            return str(self.next_id)


_SEED = seed_mod.build()


# ---- serialisation in Panoptes' shapes -------------------------------------------------------------------------


def _meta(slug: str, items: list, page: int, page_size: int, base: str) -> dict:
    count = len(items)
    pages = max(1, -(-count // page_size))
    href = f"/{slug}?page_size={page_size}&page="
    return {
        slug: {
            "page": page,
            "page_size": page_size,
            "count": count,
            "include": [],
            "page_count": pages,
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if page < pages else None,
            "first_href": f"{href}1",
            "previous_href": f"{href}{page - 1}" if page > 1 else None,
            "next_href": f"{href}{page + 1}" if page < pages else None,
            "last_href": f"{href}{pages}",
        }
    }


def project_json(p: dict, state: ReplayState) -> dict:
    wf = [w["id"] for w in state.data["workflows"] if w["project"] == p["id"]]
    ss = [s["id"] for s in state.data["subject_sets"] if s["project"] == p["id"]]
    n_subjects = sum(1 for s in state.data["subjects"] if s["project"] == p["id"])
    n_class = sum(1 for c in state.data["classifications"] if c["workflow_id"] in wf)
    return {
        "id": p["id"],
        "slug": p["slug"],
        "display_name": p["display_name"],
        "description": p["description"],
        "live": p["live"],
        "launch_approved": False,
        "private": not p["live"],
        "primary_language": "en",
        "classifications_count": n_class,
        "subjects_count": n_subjects,
        "retired_subjects_count": 0,
        "created_at": seed_mod.CREATED,
        "updated_at": seed_mod.CREATED,
        "href": f"/projects/{p['id']}",
        "links": {"workflows": wf, "subject_sets": ss, "owner": {"id": seed_mod.USER["id"], "type": "users"}},
    }


def workflow_json(w: dict, state: ReplayState) -> dict:
    sets = [s["id"] for s in state.data["subject_sets"] if w["id"] in s["workflows"]]
    n_class = sum(1 for c in state.data["classifications"] if c["workflow_id"] == w["id"])
    return {
        "id": w["id"],
        "display_name": w["display_name"],
        "version": w["version"],
        "active": True,
        "tasks": w["tasks"],
        "first_task": "T0",
        "classifications_count": n_class,
        "completeness": 0.4,
        "subjects_count": sum(1 for s in state.data["subjects"] if s["set"] in sets),
        "created_at": seed_mod.CREATED,
        "href": f"/workflows/{w['id']}",
        "links": {"project": w["project"], "subject_sets": sets},
    }


def subject_set_json(s: dict, state: ReplayState) -> dict:
    return {
        "id": s["id"],
        "display_name": s["display_name"],
        "metadata": {},
        "created_at": seed_mod.CREATED,
        "set_member_subjects_count": sum(1 for x in state.data["subjects"] if x["set"] == s["id"]),
        "href": f"/subject_sets/{s['id']}",
        "links": {"project": s["project"], "workflows": s["workflows"]},
    }


def subject_json(s: dict, root: str) -> dict:
    uploaded = s.get("uploaded", True)
    locations = [{"image/png": f"{root}/_media/subject-{s['id']}.png"}] if uploaded else []
    return {
        "id": s["id"],
        "metadata": s["metadata"],
        "locations": locations,
        "zooniverse_id": None,
        "created_at": s.get("created_at", seed_mod.CREATED),
        "href": f"/subjects/{s['id']}",
        "links": {"project": s["project"], "subject_sets": [s["set"]] if s.get("set") else []},
    }


def export_json(project_id: str, kind: str, export: dict, root: str) -> dict:
    state = EXPORT_STEPS[export["step"]]
    src = f"{root}/_media/export-{project_id}-{kind}-{export['id']}.csv" if state == "ready" else None
    return {
        "media": [
            {
                "id": export["id"],
                "media_type": "project_" + kind + "_export",
                "content_type": "text/csv",
                "src": src,
                "href": f"/projects/{project_id}/{kind}_export",
                "created_at": export["updated_at"],
                "updated_at": export["updated_at"],
                "metadata": {"state": state, "recipients": [seed_mod.USER["id"]]},
                "links": {"linked": {"href": f"/projects/{project_id}", "id": project_id, "type": "projects"}},
            }
        ]
    }


def export_csv(state: ReplayState, project_id: str, kind: str, root: str) -> bytes:
    out = io.StringIO()
    if kind == "classifications":
        wf = {w["id"] for w in state.data["workflows"] if w["project"] == project_id}
        rows = [r for r in seed_mod.classification_rows(state.data) if r["workflow_id"] in wf]
        fields = list(rows[0]) if rows else ["classification_id"]
    else:
        sets = {s["id"]: s for s in state.data["subject_sets"]}
        rows = [
            {
                "subject_id": s["id"],
                "project_id": s["project"],
                "workflow_id": (sets[s["set"]]["workflows"] or [""])[0] if s.get("set") in sets else "",
                "subject_set_id": s.get("set") or "",
                "metadata": json.dumps(s["metadata"]),
                "locations": json.dumps(
                    {"0": subject_json(s, root)["locations"][0]["image/png"]} if s.get("uploaded", True) else {}
                ),
                "classifications_count": sum(1 for c in state.data["classifications"] if c["subject_id"] == s["id"]),
                "retired_at": "",
                "retirement_reason": "",
                "created_at": s.get("created_at", seed_mod.CREATED),
                "updated_at": s.get("created_at", seed_mod.CREATED),
            }
            for s in state.data["subjects"]
            if s["project"] == project_id
        ]
        fields = list(rows[0]) if rows else ["subject_id"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


# ---- HTTP ------------------------------------------------------------------------------------------------------


class ReplayHandler(BaseHTTPRequestHandler):
    server_version = "PanoptesReplay/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: tests make many requests
        pass

    @property
    def state(self) -> ReplayState:
        return self.server.replay_state

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def _root(self) -> str:
        port = self.server.server_address[1]
        return f"http://{self.headers.get('Host') or f'127.0.0.1:{port}'}"

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _json_body(self) -> dict:
        try:
            body = json.loads(self._body() or b"{}")
        except ValueError:
            raise ReplayError(400, "Request body is not valid JSON") from None
        if not isinstance(body, dict):
            raise ReplayError(400, "Request body must be a JSON object")
        return body

    def _send(
        self,
        status,
        payload=None,
        *,
        raw: bytes | None = None,
        ctype="application/vnd.api+json; charset=utf-8",
        headers=None,
    ):
        data = raw if raw is not None else (json.dumps(payload).encode() if payload is not None else b"")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, str(v))
        self.end_headers()
        self.wfile.write(data)

    def _dispatch(self, method):
        split = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        try:
            mode = self.headers.get("X-Replay-Fault")
            fault = (
                {"mode": mode}
                if mode
                else (None if split.path.startswith("/_replay") else self.state.take_fault(split.path))
            )
            self._fault = fault["mode"] if fault else None
            if self._fault not in (None, *FAULT_MODES):
                raise ReplayError(400, f"unknown replay fault mode {self._fault!r}")
            if self._fault == "500":
                self._body()
                raise ReplayError(500, "Internal server error (replay fault)")
            self._route(method, split.path, params)
        except ReplayError as err:
            self._send(err.status, {"errors": [{"message": err.message}]}, headers=err.headers)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _route(self, method, path, params):
        if path in ("/", "/api", "/api/"):
            return self._send(200, {"replay": True, "about": BANNER}, ctype="application/json")
        if path.startswith("/_replay"):
            return self._admin(method, path)
        if path == "/users/sign_in":
            return self._sign_in(method)
        if path == "/oauth/token" and method == "POST":
            return self._token()
        if path.startswith("/_uploads/") and method == "PUT":
            return self._upload(path.rsplit("/", 1)[1])
        if path.startswith("/_media/") and method == "GET":
            blob = self.state.blobs.get(path.rsplit("/", 1)[1])
            if blob is None:
                raise ReplayError(404, "BlobNotFound: The specified blob does not exist.")
            return self._send(200, raw=blob[0], ctype=blob[1])
        if path.startswith("/api/"):
            self._require_token()
            return self._api(method, path[len("/api") :].rstrip("/"), params)
        raise ReplayError(404, "Not found")

    # -- sign-in and OAuth, as panoptes-client uses them --
    def _sign_in(self, method):
        if method == "GET":
            return self._send(200, {}, ctype="application/json", headers={"X-CSRF-Token": secrets.token_urlsafe(24)})
        body = self._json_body().get("user") or {}
        if body.get("login") != seed_mod.USER["login"] or body.get("password") != seed_mod.PASSWORD:
            return self._send(401, {"error": "Invalid login or password."}, ctype="application/json")
        session = secrets.token_hex(16)
        self.state.sessions.add(session)
        self._send(
            200,
            {"users": [seed_mod.USER]},
            ctype="application/json",
            headers={"Set-Cookie": f"_replay_session={session}; Path=/; HttpOnly"},
        )

    def _token(self):
        form = {k: v[-1] for k, v in parse_qs(self._body().decode()).items()}
        grant = form.get("grant_type")
        cookie = re.search(r"_replay_session=([0-9a-f]+)", self.headers.get("Cookie", ""))
        ok = (
            (grant == "password" and cookie and cookie.group(1) in self.state.sessions)
            or (
                grant == "client_credentials"
                and form.get("client_id") == seed_mod.CLIENT["client_id"]
                and form.get("client_secret") == seed_mod.CLIENT["client_secret"]
            )
            or (grant == "refresh_token" and form.get("refresh_token") in self.state.refresh)
        )
        if not ok:
            return self._send(
                401,
                {
                    "error": "invalid_grant",
                    "error_description": "The provided authorization "
                    "grant is invalid, expired, revoked, or was issued to another client.",
                },
                ctype="application/json",
            )
        token, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self.state.lock:
            self.state.tokens[token] = time.time() + TOKEN_TTL
            self.state.refresh.add(refresh)
        self._send(
            200,
            {
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": TOKEN_TTL,
                "refresh_token": refresh,
                "scope": "public user project",
                "created_at": int(time.time()),
            },
            ctype="application/json",
        )

    def _require_token(self):
        auth = self.headers.get("Authorization", "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        if token and token not in self.state.tokens and self._fault != "expired":
            raise ReplayError(401, "The access token is invalid")
        if token and (self._fault == "expired" or self.state.tokens[token] < time.time()):
            raise ReplayError(
                401,
                "The access token expired",
                headers={
                    "WWW-Authenticate": 'Bearer realm="Panoptes", error="invalid_token", '
                    'error_description="The access token expired"'
                },
            )
        if not token:
            raise ReplayError(401, "You must be logged in to access this resource.")

    # -- the API --
    def _listing(self, slug, items, params, render):
        page = max(1, int(params.get("page") or 1))
        size = min(100, max(1, int(params.get("page_size") or 20)))
        if params.get("id"):
            wanted = set(params["id"].split(","))
            items = [x for x in items if x["id"] in wanted]
        chunk = items[(page - 1) * size : page * size]
        self._send(200, {slug: [render(x) for x in chunk], "links": {}, "meta": _meta(slug, items, page, size, "")})

    def _api(self, method, rest, params):
        data, root = self.state.data, self._root()
        parts = rest.strip("/").split("/")
        if rest == "/me":
            return self._send(200, {"users": [seed_mod.USER]})
        if parts[0] == "projects" and method == "GET" and len(parts) <= 2:
            roles = set((params.get("current_user_roles") or "owner,collaborator").split(","))
            items = [p for p in data["projects"] if p["role"] in roles or len(parts) == 2]
            if len(parts) == 2:
                params = {**params, "id": parts[1]}
            return self._listing("projects", items, params, lambda p: project_json(p, self.state))
        if parts[0] == "projects" and len(parts) == 3 and parts[2].endswith("_export"):
            return self._export(method, parts[1], parts[2][: -len("_export")])
        if parts == ["workflows"] and method == "GET":
            items = [w for w in data["workflows"] if params.get("project_id") in (None, w["project"])]
            return self._listing("workflows", items, params, lambda w: workflow_json(w, self.state))
        if parts[0] == "subject_sets":
            return self._subject_sets(method, parts, params)
        if parts == ["subjects"] and method == "GET":
            items = [
                s
                for s in data["subjects"]
                if params.get("subject_set_id") in (None, s.get("set"))
                and params.get("project_id") in (None, s["project"])
                and s.get("uploaded", True)
            ]
            return self._listing("subjects", items, params, lambda s: subject_json(s, root))
        if parts == ["set_member_subjects"] and method == "GET":  # panoptes-client asks before linking
            items = [
                {"id": f"{s['set']}-{s['id']}", "subject": s["id"], "set": s["set"]}
                for s in data["subjects"]
                if s.get("set")
                and params.get("subject_set_id") in (None, s["set"])
                and params.get("subject_id") in (None, s["id"])
            ]
            return self._listing(
                "set_member_subjects",
                items,
                params,
                lambda m: {
                    "id": m["id"],
                    "priority": None,
                    "links": {"subject": m["subject"], "subject_set": m["set"]},
                },
            )
        if parts == ["subjects"] and method == "POST":
            return self._create_subject(self._json_body().get("subjects") or {})
        raise ReplayError(404, f"Not found: {method} /api{rest}")

    def _project(self, project_id) -> dict:
        project = next((p for p in self.state.data["projects"] if p["id"] == project_id), None)
        if project is None:
            raise ReplayError(404, f"Could not find project with id='{project_id}'")
        return project

    def _export(self, method, project_id, kind):
        project = self._project(project_id)
        if kind not in EXPORT_TYPES:
            raise ReplayError(404, f"Not found: {kind}_export")
        key = (project_id, kind)
        with self.state.lock:
            if method == "POST":
                if project["role"] != "owner" and not project["exports"]:
                    raise ReplayError(403, "You do not have access to export this project's data")
                self._body()
                self.state.exports[key] = {
                    "id": self.state.new_id(),
                    "step": 0,
                    "updated_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
                }
                return self._send(201, export_json(project_id, kind, self.state.exports[key], self._root()))
            export = self.state.exports.get(key)
            if export is None or self._fault == "no_exports":
                raise ReplayError(404, f"No {kind} export exists for project {project_id}")
            if self._fault != "generating" and export["step"] < len(EXPORT_STEPS) - 1:
                export["step"] += 1
            if EXPORT_STEPS[export["step"]] == "ready":
                name = f"export-{project_id}-{kind}-{export['id']}.csv"
                self.state.blobs.setdefault(name, (export_csv(self.state, project_id, kind, self._root()), "text/csv"))
            self._send(200, export_json(project_id, kind, export, self._root()))

    def _subject_sets(self, method, parts, params):
        data = self.state.data

        def render(s):
            return subject_set_json(s, self.state)

        if method == "GET" and len(parts) <= 2:
            items = [s for s in data["subject_sets"] if params.get("project_id") in (None, s["project"])]
            if len(parts) == 2:
                params = {**params, "id": parts[1]}
            return self._listing("subject_sets", items, params, render)
        if method == "POST" and len(parts) == 1:
            body = self._json_body().get("subject_sets") or {}
            project = self._project(str((body.get("links") or {}).get("project")))
            if not body.get("display_name"):
                raise ReplayError(422, "Validation failed: Display name can't be blank")
            new = {
                "id": self.state.new_id(),
                "project": project["id"],
                "display_name": body["display_name"],
                "workflows": [],
            }
            data["subject_sets"].append(new)
            return self._send(201, {"subject_sets": [render(new)]})
        if method == "POST" and len(parts) == 4 and parts[2:] == ["links", "subjects"]:
            target = next((s for s in data["subject_sets"] if s["id"] == parts[1]), None)
            if target is None:
                raise ReplayError(404, f"Could not find subject_set with id='{parts[1]}'")
            ids = [str(i) for i in (self._json_body().get("subjects") or [])]
            with self.state.lock:
                subjects = {s["id"]: s for s in data["subjects"]}
                missing = [i for i in ids if i not in subjects]
                if missing:
                    raise ReplayError(422, f"Could not find subjects with ids='{','.join(missing)}'")
                for i in ids:
                    subjects[i]["set"] = target["id"]
            return self._send(200, {"subject_sets": [render(target)]})
        raise ReplayError(404, "Not found")

    def _create_subject(self, body):
        project = self._project(str((body.get("links") or {}).get("project")))
        locations = body.get("locations") or []
        if not locations or not all(isinstance(x, str) for x in locations):
            raise ReplayError(422, "Validation failed: Locations must be a list of media types")
        subject = {
            "id": self.state.new_id(),
            "set": None,
            "project": project["id"],
            "metadata": body.get("metadata") or {},
            "uploaded": False,
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
        }
        signed = []
        with self.state.lock:
            self.state.data["subjects"].append(subject)
            for index, media_type in enumerate(locations):
                token = secrets.token_urlsafe(16)
                self.state.uploads[token] = {
                    "subject": subject["id"],
                    "index": index,
                    "type": media_type,
                    "done": False,
                }
                expiry = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 1800))
                signed.append(
                    {
                        media_type: f"{self._root()}/_uploads/{token}?sv=2021-08-06&se={expiry}&sp=cw&sig="
                        f"{secrets.token_urlsafe(12)}"
                    }
                )
        self._send(201, {"subjects": [{**subject_json(subject, self._root()), "locations": signed}]})

    def _upload(self, token):
        upload = self.state.uploads.get(token)
        if upload is None:
            raise ReplayError(403, "AuthenticationFailed: signature not valid for this blob")
        if self._fault == "cut":
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(max(1, length // 2))
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        data = self._body()
        with self.state.lock:
            upload["done"] = True
            subject = next(s for s in self.state.data["subjects"] if s["id"] == upload["subject"])
            subject["uploaded"] = True
            self.state.blobs[f"subject-{subject['id']}.png"] = (data, upload["type"])
        self._send(201, raw=b"", ctype="text/plain")

    # -- test harness --
    def _admin(self, method, path):
        state = self.state
        if path == "/_replay/reset" and method == "POST":
            state.reset()
            return self._send(200, {"reset": True}, ctype="application/json")
        if path == "/_replay/faults":
            if method == "POST":
                body = self._json_body()
                if body.get("mode") not in FAULT_MODES:
                    raise ReplayError(400, f"mode must be one of {', '.join(FAULT_MODES)}")
                fault = {"mode": body["mode"], "count": int(body.get("count", 1)), "path": body.get("path", "/api")}
                with state.lock:
                    state.faults.append(fault)
                return self._send(201, fault, ctype="application/json")
            if method == "DELETE":
                state.faults.clear()
            return self._send(200, {"faults": state.faults}, ctype="application/json")
        if path == "/_replay/state" and method == "GET":
            return self._send(
                200,
                {
                    "subjects": state.data["subjects"],
                    "subject_sets": state.data["subject_sets"],
                    "uploads": list(state.uploads.values()),
                },
                ctype="application/json",
            )
        raise ReplayError(404, "Not found")


class ReplayServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start_replay(port: int = 0, host: str = "127.0.0.1"):
    """Start the replay in a background thread; returns (server, endpoint URL). Stop with server.shutdown()."""
    server = ReplayServer((host, port), ReplayHandler)
    server.replay_state = ReplayState()
    threading.Thread(target=server.serve_forever, name="panoptes-replay", daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=BANNER)
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    server = ReplayServer((args.host, args.port), ReplayHandler)
    server.replay_state = ReplayState()
    print(f"{BANNER}\nlistening on http://{args.host}:{args.port}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
