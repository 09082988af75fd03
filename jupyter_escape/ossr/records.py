"""Search the community and turn Zenodo records into what the UI and notebooks show."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import bleach

from ..core.errors import BadInput, EscapeError, RemoteError
from ..core.http import safe_link
from ..core.names import check_record_id
from ..core.offloop import off_loop
from . import eossr_rules
from .client import ZenodoClient
from .codemeta import parse_codemeta

SORTS = ("bestmatch", "mostrecent", "-mostrecent")
TYPES = ("software", "dataset")
MAX_PAGE_SIZE = 100
CODEMETA_MAX_BYTES = 2 * 1024 * 1024
ALLOWED_TAGS = [
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
]
ALLOWED_ATTRS = {"a": ["href", "title"], "abbr": ["title"]}
REPO_HOSTS = ("github.com", "gitlab", "bitbucket.org", "git.", "codeberg.org")
CODE_RELATIONS = ("isSupplementTo", "isDerivedFrom", "isIdenticalTo", "isSourceOf")


def binder_url(doi: str) -> str:
    """The Binder launch URL of a record's DOI, as eossr's Record.get_mybinder_url builds it (no request made)."""
    return eossr_rules.binder_url(doi)


def sanitize_description(html: str) -> str:
    """Record descriptions are author-written HTML: keep formatting, drop scripts, styles and event handlers."""
    html = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", html or "")
    return bleach.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRS, protocols=["http", "https", "mailto"], strip=True
    )


def plain_text(html: str, limit: int = 300) -> str:
    text = re.sub(
        r"\s+", " ", bleach.clean(re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", html or ""), tags=[], strip=True)
    ).strip()
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def search_params(
    *,
    q: str = "",
    community: str = "",
    types: Iterable[str] | None = (),
    keywords: Iterable[str] | None = (),
    license: str = "",
    language: str = "",
    facility: str = "",
    size: int = 10,
    page: int = 1,
    sort: str = "",
    all_versions: bool = False,
) -> list[tuple[str, str]]:
    """Zenodo search parameters; every filter is checked here so bad input names its field."""
    if not isinstance(size, int) or not 1 <= size <= MAX_PAGE_SIZE:
        raise BadInput("size", f"must be an integer from 1 to {MAX_PAGE_SIZE}, got {size!r}")
    if not isinstance(page, int) or page < 1:
        raise BadInput("page", f"must be a positive integer, got {page!r}")
    if sort and sort not in SORTS:
        raise BadInput("sort", f"must be one of {', '.join(SORTS)}, got {sort!r}")
    types = [t for t in (types or []) if t]
    for t in types:
        if t not in TYPES:
            raise BadInput("type", f"must be one of {', '.join(TYPES)}, got {t!r}")
    clauses = [q.strip()] if q and q.strip() else []
    for name, value in (("license", license), ("language", language)):
        if value and not re.fullmatch(r"[\w.+# -]{1,64}", value):
            raise BadInput(name, f"unexpected characters in {value!r}")
    if license:
        clauses.append(f'metadata.license.id:"{license.lower()}"')
    if language:
        # Programming languages are keywords on OSSR records (codemeta's programmingLanguage is in the file).
        clauses.append(f'keywords:"{language}"')
    params: list[tuple[str, str]] = [("q", " AND ".join(clauses))]
    if community:
        params.append(("communities", community))
    params += [("type", t) for t in types]
    params += [("keywords", k) for k in list(keywords or []) + ([facility] if facility else []) if k]
    params += [("size", str(size)), ("page", str(page))]
    params.append(("sort", sort or ("bestmatch" if clauses else "mostrecent")))
    if all_versions:
        params.append(("all_versions", "true"))
    return params


def _total(hits: dict[str, Any]) -> int:
    total = hits.get("total", 0)
    return int(total.get("value", 0) if isinstance(total, dict) else total)


def _buckets(aggs: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [{"key": b.get("key"), "count": b.get("doc_count", 0)} for b in (aggs.get(name) or {}).get("buckets", [])]


def summary(rec: dict[str, Any]) -> dict[str, Any]:
    meta = rec.get("metadata") or {}
    doi = rec.get("doi") or meta.get("doi") or ""
    files = rec.get("files") or []
    return {
        "id": rec.get("id"),
        "conceptrecid": _int(rec.get("conceptrecid")),
        "doi": doi,
        "title": meta.get("title") or rec.get("title") or "(untitled)",
        "version": meta.get("version"),
        "publication_date": meta.get("publication_date"),
        "type": (meta.get("resource_type") or {}).get("type"),
        "license": _license_id(meta),
        "keywords": meta.get("keywords") or [],
        "creators": [c.get("name") for c in meta.get("creators") or []],
        "summary": plain_text(meta.get("description", "")),
        "files": len(files),
        "has_codemeta": any(f.get("key") == "codemeta.json" for f in files),
        "binder_url": binder_url(doi) if doi else None,
        "html_url": safe_link((rec.get("links") or {}).get("self_html") or (rec.get("links") or {}).get("html")),
        "is_latest": _version_relation(meta).get("is_last", True),
    }


def _int(value: object) -> object:
    """An id as the number it names, or the value as it came (a repository may send anything there)."""
    if not isinstance(value, (str, int, float)):
        return value
    try:
        return int(value)
    except (ValueError, OverflowError):  # not digits; a float infinity
        return value


def _license_id(meta: dict[str, Any]) -> str | None:
    lic = meta.get("license")
    if isinstance(lic, dict):
        return lic.get("id")
    return lic


def _version_relation(meta_or_rec: dict[str, Any]) -> dict[str, Any]:
    relations = meta_or_rec.get("relations") or (meta_or_rec.get("metadata") or {}).get("relations") or {}
    versions = relations.get("version") or [{}]
    return versions[0] or {}


async def search(client: ZenodoClient, **filters: Any) -> dict[str, Any]:
    community = filters.pop("community", None)
    if community is None:
        community = client.settings.community
    params = search_params(community=community, **filters)
    body = await client.get_json("records", params=params)
    hits = (body or {}).get("hits") or {}
    aggs = body.get("aggregations") or {}
    page = int(dict(params)["page"])
    size = int(dict(params)["size"])
    return {
        "total": _total(hits),
        "page": page,
        "size": size,
        "has_next": bool((body.get("links") or {}).get("next")),
        "hits": [summary(h) for h in hits.get("hits", [])],
        "facets": {name: _buckets(aggs, name) for name in ("type", "keywords", "license") if name in aggs},
        "sort": dict(params)["sort"],
        "community": community,
        "rate_limited": list(client.rate_limit_events),
    }


async def get_record(client: ZenodoClient, recid: object) -> dict[str, Any]:
    """The raw record (the repository's JSON); a concept id is redirected by the repository to its latest version."""
    number = _record_id(recid)
    answer = await client.get_json(f"records/{number}")
    rec: dict[str, Any] = answer if isinstance(answer, dict) else {}
    # The id the repository answers with names cache folders and goes into snippets: digits, or refused.
    try:
        check_record_id(rec.get("id") if rec else None, "id")
    except BadInput:
        raise RemoteError(
            client.service,
            f"record {number}: the repository's answer has no valid record id "
            f"({str(rec.get('id') if rec else answer)[:80]!r})",
        ) from None
    return rec


def _record_id(recid: object) -> int:
    try:
        value = int(check_record_id(str(recid).strip() if isinstance(recid, str) else recid))
    except BadInput:
        raise BadInput("record", f"{recid!r} is not a Zenodo record id (digits)") from None
    if value <= 0:
        raise BadInput("record", f"{recid!r} is not a Zenodo record id")
    return value


async def get_versions(client: ZenodoClient, rec: dict[str, Any]) -> list[dict[str, Any]]:
    url = (rec.get("links") or {}).get("versions") or f"records/{rec['id']}/versions"
    body = await client.get_json(url, params=[("size", "100"), ("sort", "mostrecent"), ("all_versions", "true")])
    out = []
    for h in (body.get("hits") or {}).get("hits", []):
        meta = h.get("metadata") or {}
        out.append(
            {
                "id": h.get("id"),
                "version": meta.get("version"),
                "publication_date": meta.get("publication_date"),
                "doi": h.get("doi") or meta.get("doi"),
                "is_latest": _version_relation(meta).get("is_last", False),
                "index": _version_relation(meta).get("index"),
            }
        )
    return sorted(out, key=lambda v: (v["index"] if v["index"] is not None else -1, v["id"]), reverse=True)


def authors(meta: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for c in meta.get("creators") or []:
        name = c.get("name") or ""
        family, _, given = name.partition(",")
        orcid = c.get("orcid")
        out.append(
            {
                "name": name,
                "family": family.strip() if given else None,
                "given": given.strip() or None,
                "orcid": orcid,
                "orcid_url": f"https://orcid.org/{orcid}" if orcid else None,
                "affiliation": c.get("affiliation"),
            }
        )
    return out


def files_of(rec: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for f in rec.get("files") or []:
        checksum = f.get("checksum") or ""
        algo, _, value = checksum.partition(":")
        if not value:  # legacy deposit shape: a bare md5
            algo, value = "md5", checksum
        links = f.get("links") or {}
        out.append(
            {
                "key": f.get("key") or f.get("filename"),
                "size": f.get("size") or f.get("filesize"),
                "checksum": f"{algo}:{value}" if value else None,
                "md5": value if algo == "md5" else None,
                "url": links.get("content") or links.get("self") or links.get("download"),
            }
        )
    return out


async def read_codemeta(client: ZenodoClient, rec: dict[str, Any]) -> dict[str, Any]:
    """{"present", "codemeta", "report"}; a missing or broken file is reported, never raised."""
    entry = next((f for f in files_of(rec) if f["key"] == "codemeta.json"), None)
    if entry is None:
        return {"present": False, "codemeta": None, "report": None}
    from ..core.http import Limits

    response = await client.request("GET", entry["url"], limits=Limits(client.settings.timeout, CODEMETA_MAX_BYTES))
    doc, report = await off_loop("ossr", parse_codemeta, response.content)  # eossr's checks block (pandas)
    return {"present": True, "codemeta": doc, "report": report}


def code_repository(meta: dict[str, Any], codemeta: dict[str, Any] | None) -> str | None:
    if codemeta and safe_link(codemeta.get("codeRepository")):
        return safe_link(codemeta["codeRepository"])
    for rel in meta.get("related_identifiers") or []:
        ident = str(rel.get("identifier", ""))
        if rel.get("relation") in CODE_RELATIONS and safe_link(ident) and any(h in ident for h in REPO_HOSTS):
            return safe_link(ident)
    return None


def requirements(codemeta: dict[str, Any] | None) -> list[str]:
    if not codemeta:
        return []
    reqs = codemeta.get("softwareRequirements") or []
    reqs = reqs if isinstance(reqs, list) else [reqs]
    return [r if isinstance(r, str) else (r.get("name") or r.get("identifier") or str(r)) for r in reqs]


async def record_view(client: ZenodoClient, recid: object, *, with_versions: bool = True) -> dict[str, Any]:
    import asyncio

    rec = await get_record(client, recid)
    meta = rec.get("metadata") or {}
    if with_versions:  # two independent requests: run them together
        codemeta, versions = await asyncio.gather(read_codemeta(client, rec), get_versions(client, rec))
    else:
        codemeta, versions = await read_codemeta(client, rec), []
    doi = rec.get("doi") or meta.get("doi") or ""
    relation = _version_relation(meta)
    view = {
        **summary(rec),
        "requested_id": _record_id(recid),
        "concept_doi": rec.get("conceptdoi"),
        "description_html": sanitize_description(meta.get("description", "")),
        "authors": authors(meta),
        "license": {
            "id": _license_id(meta),
            "url": f"https://spdx.org/licenses/{_license_id(meta)}" if _license_id(meta) else None,
        },
        "code_repository": code_repository(meta, codemeta["codemeta"]),
        "requirements": requirements(codemeta["codemeta"]),
        "programming_language": (codemeta["codemeta"] or {}).get("programmingLanguage"),
        "files": files_of(rec),
        "latest_id": _int((relation.get("last_child") or {}).get("pid_value")) or rec.get("id"),
        "version_count": relation.get("count"),
        "codemeta": codemeta,
        "doi_url": f"https://doi.org/{doi}" if doi else None,
        "communities": [c.get("id") for c in meta.get("communities") or []],
        "related": meta.get("related_identifiers") or [],
        "rate_limited": list(client.rate_limit_events),
    }
    view["versions"] = versions
    if not view["files"]:
        view["notice"] = "This record has no files (metadata only)" + (
            f": the code is at {view['code_repository']}" if view["code_repository"] else "."
        )
    return view


def require_files(rec: dict[str, Any]) -> list[dict[str, Any]]:
    files = files_of(rec)
    if not files:
        meta = rec.get("metadata") or {}
        where = code_repository(meta, None)
        raise EscapeError(
            f"record {rec.get('id')} has no files (metadata-only record)"
            + (f"; its code is at {where}" if where else ""),
            status=409,
        )
    return files
