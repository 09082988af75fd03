"""W3C PROV / IVOA ProvDM records for everything the basket materialises or derives, as PROV-JSON.

A record names the entity (a table or file, with its checksum and location), the activity that generated it
(a TAP query, a download, a cross-match: with parameters and start/end times), the agents (the user, and
jupyter-escape as software agent), and the relations used / wasGeneratedBy / wasDerivedFrom / wasAssociatedWith.
Records are kept next to what they describe: in the workspace DB (table escape_provenance) and as a
``<file>.prov.json`` sidecar. ``attach`` is what an upload (e.g. to the data lake) calls to carry it along.
"""

from __future__ import annotations

import getpass
import itertools
import json
import os
import uuid
from pathlib import Path
from typing import Any

from .model import now_iso

PREFIX = {
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "voprov": "http://www.ivoa.net/documents/ProvenanceDM/ns/voprov/",
    "escape": "https://github.com/escape2020/jupyter-escape/ns#",
    "ivo": "ivo://",
    "doi": "https://doi.org/",
}
SECTIONS = ("entity", "activity", "agent", "used", "wasGeneratedBy", "wasDerivedFrom", "wasAssociatedWith")
RELATION_KEYS = {
    "used": ("prov:activity", "prov:entity"),
    "wasGeneratedBy": ("prov:entity", "prov:activity"),
    "wasDerivedFrom": ("prov:generatedEntity", "prov:usedEntity"),
    "wasAssociatedWith": ("prov:activity", "prov:agent"),
}


def _user() -> str:
    try:
        return os.environ.get("JUPYTERHUB_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _software_version() -> str:
    from .. import __version__

    return __version__


# A PROV-JSON attribute value as this module writes it.
ProvValue = str | int | float | bool


def _literal(value: object) -> ProvValue:
    """PROV-JSON attribute values: strings and numbers as they are, anything else as JSON text."""
    if isinstance(value, (str, int, float, bool)):
        return value
    return json.dumps(value, default=str, sort_keys=True)


class ProvDocument:
    """A small builder that only produces what PROV-JSON allows."""

    def __init__(self) -> None:
        self.doc: dict[str, dict[str, Any]] = {"prefix": dict(PREFIX), **{s: {} for s in SECTIONS}}
        self._ids = itertools.count(1)

    def entity(self, ident: str, **attrs: object) -> str:
        self.doc["entity"].setdefault(ident, {}).update({k: _literal(v) for k, v in attrs.items() if v is not None})
        return ident

    def activity(self, ident: str, *, started: str | None = None, ended: str | None = None, **attrs: object) -> str:
        record: dict[str, ProvValue] = {k: _literal(v) for k, v in attrs.items() if v is not None}
        if started:
            record["prov:startTime"] = started
        if ended:
            record["prov:endTime"] = ended
        self.doc["activity"][ident] = record
        return ident

    def agent(self, ident: str, **attrs: object) -> str:
        self.doc["agent"][ident] = {k: _literal(v) for k, v in attrs.items() if v is not None}
        return ident

    def relation(self, kind: str, first: str, second: str, **attrs: str) -> None:
        a, b = RELATION_KEYS[kind]
        self.doc[kind][f"_:{kind[:3]}{next(self._ids)}"] = {a: first, b: second, **attrs}

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.doc.items() if v or k == "prefix"}


def _standard_agents(doc: ProvDocument, activity: str) -> None:
    user = doc.agent(f"escape:user/{_user()}", **{"prov:type": "prov:Person", "prov:label": _user()})
    software = doc.agent(
        "escape:software/jupyter-escape",
        **{"prov:type": "prov:SoftwareAgent", "prov:label": "jupyter-escape", "escape:version": _software_version()},
    )
    doc.relation("wasAssociatedWith", activity, user, **{"prov:role": "escape:requester"})
    doc.relation("wasAssociatedWith", activity, software, **{"prov:role": "escape:executor"})


def record(
    *,
    entity: str,
    entity_attrs: dict[str, Any],
    activity_type: str,
    activity_attrs: dict[str, Any] | None = None,
    used: list[tuple[str, dict[str, Any]]] | None = None,
    started: str | None = None,
    ended: str | None = None,
) -> dict[str, Any]:
    """One generation step: ``entity`` made by an activity of ``activity_type`` from the ``used`` entities.

    ``used`` entities are also recorded as wasDerivedFrom sources of the output.
    """
    doc = ProvDocument()
    out = doc.entity(entity, **entity_attrs)
    act = doc.activity(
        f"escape:activity/{uuid.uuid4().hex[:16]}",
        started=started,
        ended=ended or now_iso(),
        **{"prov:type": activity_type, "prov:label": activity_type.split(":")[-1], **(activity_attrs or {})},
    )
    for ident, attrs in used or []:
        doc.entity(ident, **attrs)
        doc.relation("used", act, ident)
        doc.relation("wasDerivedFrom", out, ident)
    doc.relation("wasGeneratedBy", out, act, **({"prov:time": ended} if ended else {}))
    _standard_agents(doc, act)
    return doc.to_json()


def merge(*docs: dict[str, Any]) -> dict[str, Any]:
    """One document holding several records (e.g. a cross-match output with the history of both inputs)."""
    out: dict[str, dict[str, Any]] = {"prefix": dict(PREFIX)}
    counter = itertools.count(1)
    for d in docs:
        if not d:
            continue
        out["prefix"].update(d.get("prefix", {}))
        for section in SECTIONS:
            for key, value in d.get(section, {}).items():
                target = out.setdefault(section, {})
                if key.startswith("_:"):
                    key = f"_:{section[:3]}m{next(counter)}"
                    target[key] = value
                else:
                    target.setdefault(key, {}).update(value)
    return out


def validate(doc: dict[str, Any]) -> list[str]:
    """Structural problems of a PROV-JSON document (empty list when it is well-formed)."""
    problems = []
    if not isinstance(doc, dict):
        return ["a PROV-JSON document is a JSON object"]
    allowed = {
        "prefix",
        "bundle",
        "wasInformedBy",
        "wasAttributedTo",
        "actedOnBehalfOf",
        "wasStartedBy",
        "wasEndedBy",
        "wasInvalidatedBy",
        "specializationOf",
        "alternateOf",
        "hadMember",
        "wasInfluencedBy",
        *SECTIONS,
    }
    for key in doc:
        if key not in allowed:
            problems.append(f"unknown top-level key {key!r}")
    prefixes = set(doc.get("prefix", {})) | {"prov", "xsd"}
    ids = {s: set(doc.get(s, {})) for s in ("entity", "activity", "agent")}
    for section in ("entity", "activity", "agent"):
        for ident in doc.get(section, {}):
            if ":" not in ident or ident.split(":", 1)[0] not in prefixes:
                problems.append(f"{section} {ident!r}: not a qualified name with a declared prefix")
    for kind, (a, b) in RELATION_KEYS.items():
        for rid, rel in doc.get(kind, {}).items():
            for key in (a, b):
                if key not in rel:
                    problems.append(f"{kind} {rid}: missing {key}")
            kinds = {
                "prov:activity": "activity",
                "prov:entity": "entity",
                "prov:agent": "agent",
                "prov:generatedEntity": "entity",
                "prov:usedEntity": "entity",
            }
            for key in (a, b):
                target = rel.get(key)
                if target is not None and target not in ids[kinds[key]]:
                    problems.append(f"{kind} {rid}: {key} {target!r} is not declared")
    return problems


def sidecar_path(path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    return path.with_name(path.name + ".prov.json")


def write_sidecar(path: str | os.PathLike[str], doc: dict[str, Any]) -> Path:
    target = sidecar_path(path)
    tmp = target.with_name(target.name + ".part")
    tmp.write_text(json.dumps(doc, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, target)
    return target


def read_sidecar(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    target = sidecar_path(path)
    if not target.exists():
        return None
    # The PROV-JSON object write_sidecar wrote (JSON of any shape inside, hence Any).
    doc: dict[str, Any] | None = json.loads(target.read_text(encoding="utf-8"))
    return doc


def attach(
    path: str | os.PathLike[str], *, activity_type: str = "escape:upload", destination: str | None = None
) -> dict[str, Any]:
    """Provenance for a file about to leave the workspace (e.g. a data lake upload).

    Keeps the file's existing history (its sidecar, if any), adds the upload step with the file's checksum and
    the destination (e.g. ``rucio:escape/user.jdoe:result.parquet``), rewrites the sidecar and returns the
    document, which the uploader can store as DID metadata or upload next to the file.
    """
    from .tableio import checksum_file

    path = Path(path)
    checksum = checksum_file(path)
    local = f"escape:file/{checksum.split(':', 1)[1][:16]}"
    history = read_sidecar(path) or {}
    attrs = {
        "prov:label": path.name,
        "prov:location": str(path),
        "escape:checksum": checksum,
        "escape:size": path.stat().st_size,
    }
    if destination:
        uploaded = f"escape:copy/{uuid.uuid4().hex[:16]}"
        step = record(
            entity=uploaded,
            entity_attrs={"prov:label": path.name, "prov:location": destination, "escape:checksum": checksum},
            activity_type=activity_type,
            activity_attrs={"escape:destination": destination},
            used=[(local, attrs)],
        )
    else:
        step = record(entity=local, entity_attrs=attrs, activity_type=activity_type)
    doc = merge(history, step)
    write_sidecar(path, doc)
    return doc
