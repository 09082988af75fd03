"""Citations of a record: BibTeX (biblatex @software/@dataset), CITATION.cff 1.2.0, DataCite JSON (kernel 4)."""

from __future__ import annotations

import json
import re
from typing import Any, TypedDict

from ..core.errors import BadInput

FORMATS = {
    "bibtex": ("application/x-bibtex", "bib"),
    "cff": ("application/yaml", "cff"),
    "datacite": ("application/vnd.datacite.datacite+json", "json"),
}
# Zenodo licence ids are lower-case SPDX ids; SPDX wants its own capitalisation.
SPDX = {
    "mit": "MIT",
    "bsd-3-clause": "BSD-3-Clause",
    "bsd-2-clause": "BSD-2-Clause",
    "apache-2.0": "Apache-2.0",
    "gpl-3.0": "GPL-3.0-or-later",
    "gpl-3.0-or-later": "GPL-3.0-or-later",
    "gpl-2.0": "GPL-2.0-or-later",
    "lgpl-3.0": "LGPL-3.0-or-later",
    "lgpl-2.1": "LGPL-2.1-or-later",
    "cc-by-4.0": "CC-BY-4.0",
    "cc0-1.0": "CC0-1.0",
    "cc-by-sa-4.0": "CC-BY-SA-4.0",
    "mpl-2.0": "MPL-2.0",
    "agpl-3.0": "AGPL-3.0-or-later",
    "eupl-1.2": "EUPL-1.2",
    "cecill-2.1": "CECILL-2.1",
}


def spdx_id(zenodo_license: str | None) -> str | None:
    if not zenodo_license:
        return None
    return SPDX.get(zenodo_license.lower(), zenodo_license)


def _bib_escape(text: str) -> str:
    text = str(text or "")
    for a, b in (
        ("\\", r"\textbackslash{}"),
        ("&", r"\&"),
        ("%", r"\%"),
        ("$", r"\$"),
        ("#", r"\#"),
        ("_", r"\_"),
        ("{", r"\{"),
        ("}", r"\}"),
        ("~", r"\textasciitilde{}"),
        ("^", r"\^{}"),
    ):
        text = text.replace(a, b)
    return text


def _bib_key(view: dict[str, Any]) -> str:
    first = (view["authors"][0]["family"] or view["authors"][0]["name"]) if view.get("authors") else "zenodo"
    year = (view.get("publication_date") or "")[:4]
    word = next((w for w in re.findall(r"[A-Za-z0-9]+", view.get("title", "")) if len(w) > 2), "record")
    return re.sub(r"[^a-z0-9]", "", f"{first}{year}{word}".lower()) or f"zenodo{view.get('id')}"


def bibtex(view: dict[str, Any]) -> str:
    kind = "dataset" if view.get("type") == "dataset" else "software"
    names = " and ".join(
        f"{a['family']}, {a['given']}" if a.get("family") and a.get("given") else "{" + a["name"] + "}"
        for a in view.get("authors") or []
    )
    date = view.get("publication_date") or ""
    fields = [
        ("author", names),
        ("title", view.get("title")),
        ("year", date[:4]),
        ("month", date[5:7]),
        ("version", view.get("version")),
        ("publisher", "Zenodo"),
        ("doi", view.get("doi")),
        ("url", view.get("doi_url")),
        ("license", spdx_id((view.get("license") or {}).get("id"))),
    ]
    lines = [f"@{kind}{{{_bib_key(view)},"]
    for name, value in fields:
        if not value:
            continue
        value = value if name in ("author", "doi", "url") else _bib_escape(value)
        if name == "title":
            value = "{" + value + "}"  # keep capitalisation of names such as LOFAR
        lines.append(f"  {name:<9} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _yaml(value: object) -> str:
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def cff(view: dict[str, Any]) -> str:
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use this software, please cite it as below."',
        f"type: {'dataset' if view.get('type') == 'dataset' else 'software'}",
        f"title: {_yaml(view.get('title'))}",
    ]
    if view.get("version"):
        lines.append(f"version: {_yaml(view['version'])}")
    if view.get("doi"):
        lines.append(f"doi: {_yaml(view['doi'])}")
    if view.get("publication_date"):
        lines.append(f"date-released: {_yaml(view['publication_date'])}")
    lic = spdx_id((view.get("license") or {}).get("id"))
    if lic:
        lines.append(f"license: {_yaml(lic)}")
    if view.get("code_repository"):
        lines.append(f"repository-code: {_yaml(view['code_repository'])}")
    if view.get("doi_url"):
        lines.append(f"url: {_yaml(view['doi_url'])}")
    lines.append("authors:")
    for a in view.get("authors") or [{"name": "Unknown"}]:
        if a.get("family"):
            lines.append(f"  - family-names: {_yaml(a['family'])}")
            if a.get("given"):
                lines.append(f"    given-names: {_yaml(a['given'])}")
        else:
            lines.append(f"  - name: {_yaml(a['name'])}")
        if a.get("orcid_url"):
            lines.append(f"    orcid: {_yaml(a['orcid_url'])}")
        if a.get("affiliation"):
            lines.append(f"    affiliation: {_yaml(a['affiliation'])}")
    if view.get("keywords"):
        lines.append("keywords:")
        lines += [f"  - {_yaml(k)}" for k in view["keywords"]]
    return "\n".join(lines) + "\n"


def datacite(view: dict[str, Any]) -> dict[str, Any]:
    creators = []
    for a in view.get("authors") or []:
        person = bool(a.get("family"))
        entry = {"name": a["name"], "nameType": "Personal" if person else "Organizational"}
        if person:
            entry.update(givenName=a.get("given"), familyName=a["family"])
        if a.get("affiliation"):
            entry["affiliation"] = [{"name": a["affiliation"]}]
        if a.get("orcid_url"):
            entry["nameIdentifiers"] = [
                {"nameIdentifier": a["orcid_url"], "nameIdentifierScheme": "ORCID", "schemeUri": "https://orcid.org"}
            ]
        creators.append(entry)
    lic = spdx_id((view.get("license") or {}).get("id"))
    related = [
        {
            "relatedIdentifier": r["identifier"],
            "relatedIdentifierType": "URL",
            "relationType": r["relation"][0].upper() + r["relation"][1:],
        }
        for r in view.get("related") or []
        if r.get("identifier") and r.get("relation")
    ]
    if view.get("concept_doi"):
        related.append(
            {"relatedIdentifier": view["concept_doi"], "relatedIdentifierType": "DOI", "relationType": "IsVersionOf"}
        )
    return {
        "schemaVersion": "http://datacite.org/schema/kernel-4",
        "doi": view.get("doi"),
        "identifiers": [{"identifier": view.get("doi_url"), "identifierType": "DOI"}],
        "creators": creators,
        "titles": [{"title": view.get("title")}],
        "publisher": "Zenodo",
        "publicationYear": (view.get("publication_date") or "")[:4],
        "types": {
            "resourceTypeGeneral": "Dataset" if view.get("type") == "dataset" else "Software",
            "resourceType": view.get("type"),
        },
        "version": view.get("version"),
        "subjects": [{"subject": k} for k in view.get("keywords") or []],
        "rightsList": [
            {"rightsIdentifier": lic, "rightsIdentifierScheme": "SPDX", "rightsUri": f"https://spdx.org/licenses/{lic}"}
        ]
        if lic
        else [],
        "relatedIdentifiers": related,
        "descriptions": [{"description": view.get("summary"), "descriptionType": "Abstract"}],
        "url": view.get("html_url") or view.get("doi_url"),
    }


class Citation(TypedDict):
    format: str  # one of FORMATS
    mime: str
    filename: str  # what a download of it is called
    text: str


def citation(view: dict[str, Any], fmt: str) -> Citation:
    """{"format", "mime", "filename", "text"} for one of FORMATS."""
    if fmt not in FORMATS:
        raise BadInput("format", f"must be one of {', '.join(FORMATS)}, got {fmt!r}")
    mime, ext = FORMATS[fmt]
    if fmt == "bibtex":
        text = bibtex(view)
    elif fmt == "cff":
        text = cff(view)
    else:
        text = json.dumps(datacite(view), indent=2, ensure_ascii=False) + "\n"
    name = "CITATION.cff" if fmt == "cff" else f"zenodo-{view.get('id')}.{ext}"
    return {"format": fmt, "mime": mime, "filename": name, "text": text}
