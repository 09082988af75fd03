"""OSSR metadata rules for codemeta.json, checked term by term.

Written after the OSSR onboarding rules and eossr's validator (``eossr.metadata.codemeta``): a CodeMeta 2.0/3.0
document of ``@type`` SoftwareSourceCode; the OSSR *required* terms must be present (eossr raises for those), the
*recommended* ones should be (eossr warns); versions should follow semver. This checker never raises: it returns
one result per rule (ok / warn / error) so that non-compliant records are shown with what is wrong.
Differences from eossr, on purpose: unknown terms are a warning (eossr refuses them), and each author is checked.
"""

from __future__ import annotations

import json
import re

CONTEXTS = {
    "https://doi.org/10.5063/schema/codemeta-2.0": "2.0",
    "https://raw.githubusercontent.com/codemeta/codemeta/2.0/codemeta.jsonld": "2.0",
    "https://w3id.org/codemeta/3.0": "3.0",
    "https://raw.githubusercontent.com/codemeta/codemeta/3.0/codemeta.jsonld": "3.0",
}
REQUIRED = ("name", "description", "license", "codeRepository", "softwareVersion", "author", "readme")
RECOMMENDED = (
    "keywords",
    "programmingLanguage",
    "softwareRequirements",
    "operatingSystem",
    "runtimePlatform",
    "developmentStatus",
    "dateCreated",
    "datePublished",
    "issueTracker",
    "contIntegration",
    "funding",
)
# Every CodeMeta 2.0/3.0 term (schema.org + codemeta namespaces) a SoftwareSourceCode may carry.
KNOWN_TERMS = set(REQUIRED + RECOMMENDED) | {
    "@context",
    "@type",
    "@id",
    "id",
    "type",
    "identifier",
    "version",
    "applicationCategory",
    "applicationSubCategory",
    "buildInstructions",
    "citation",
    "contributor",
    "copyrightHolder",
    "copyrightYear",
    "dateModified",
    "downloadUrl",
    "editor",
    "embargoDate",
    "embargoEndDate",
    "encoding",
    "fileFormat",
    "fileSize",
    "funder",
    "hasPart",
    "isAccessibleForFree",
    "isPartOf",
    "maintainer",
    "memoryRequirements",
    "permissions",
    "processorRequirements",
    "producer",
    "provider",
    "publisher",
    "referencePublication",
    "relatedLink",
    "releaseNotes",
    "review",
    "sponsor",
    "storageRequirements",
    "supportingData",
    "targetProduct",
    "url",
    "codemeta:continuousIntegration",
    "continuousIntegration",
    "isSourceCodeOf",
    "softwareHelp",
    "softwareSuggestions",
    "readme",
    "hasSourceCode",
    "alternateName",
    "creativeWorkStatus",
    "developmentStatus",
    "image",
    "inLanguage",
    "keywords",
    "reviewAspect",
    "reviewBody",
}
SEMVER = re.compile(r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")
ORCID = re.compile(r"^https?://orcid\.org/\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
SPDX_URL = re.compile(r"^https?://spdx\.org/licenses/[A-Za-z0-9.+-]+(\.html)?$")
SPDX_ID = re.compile(r"^[A-Za-z0-9.+-]+$")


def _rule(rule: str, level: str, message: str, term: str | None = None) -> dict:
    return {"rule": rule, "term": term, "level": level, "message": message}


def _is_url(value) -> bool:
    return isinstance(value, str) and re.match(r"^https?://[^\s/]+\.[^\s]+", value) is not None


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _check_person(i: int, person) -> list[dict]:
    where = f"author[{i}]"
    if not isinstance(person, dict):
        return [_rule("author.entry", "error", f"{where} is not an object with @type Person/Organization", "author")]
    kind = person.get("@type") or person.get("type")
    out = []
    if kind == "Organization":
        if not person.get("name"):
            out.append(_rule("author.name", "error", f"{where}: an Organization needs a name", "author"))
    else:
        missing = [t for t in ("givenName", "familyName") if not person.get(t)]
        if missing:
            hint = (
                f" (has name {person['name']!r}: split it into givenName and familyName)" if person.get("name") else ""
            )
            out.append(_rule("author.names", "error", f"{where}: missing {', '.join(missing)}{hint}", "author"))
        if kind not in ("Person", None):
            out.append(
                _rule("author.type", "warn", f"{where}: @type {kind!r} is neither Person nor Organization", "author")
            )
    ident = person.get("@id") or person.get("id")
    if ident and "orcid" in str(ident) and not ORCID.match(str(ident)):
        out.append(
            _rule(
                "author.orcid",
                "warn",
                f"{where}: {ident!r} is not an ORCID URL (https://orcid.org/0000-0000-0000-0000)",
                "author",
            )
        )
    return out


def check_codemeta(doc) -> dict:
    """One result per OSSR rule; ``compliant`` is True when no rule is an error."""
    rules: list[dict] = []
    if not isinstance(doc, dict):
        rules.append(_rule("json.object", "error", "codemeta.json must hold a JSON object"))
        return _summary(rules)
    context = doc.get("@context")
    contexts = [c for c in _as_list(context) if isinstance(c, str)]
    known = [c for c in contexts if c in CONTEXTS]
    if known:
        rules.append(_rule("context", "ok", f"CodeMeta {CONTEXTS[known[0]]}", "@context"))
    else:
        rules.append(
            _rule(
                "context",
                "error",
                f"@context {context!r} is not a CodeMeta 2.0 or 3.0 context (e.g. {next(iter(CONTEXTS))})",
                "@context",
            )
        )
    if doc.get("@type") == "SoftwareSourceCode":
        rules.append(_rule("type", "ok", "SoftwareSourceCode", "@type"))
    else:
        rules.append(_rule("type", "error", f"@type must be SoftwareSourceCode, not {doc.get('@type')!r}", "@type"))

    for term in REQUIRED:
        value = doc.get(term)
        if value in (None, "", []):
            msg = f"required term {term} is missing"
            if term == "softwareVersion" and doc.get("version"):
                msg += f" (the document has version={doc['version']!r}: OSSR wants softwareVersion)"
            rules.append(_rule(f"required.{term}", "error", msg, term))
        else:
            rules.append(_rule(f"required.{term}", "ok", "present", term))
    for term in RECOMMENDED:
        if doc.get(term) in (None, "", []):
            rules.append(_rule(f"recommended.{term}", "warn", f"recommended term {term} is missing", term))
        else:
            rules.append(_rule(f"recommended.{term}", "ok", "present", term))

    for key in ("name", "description"):
        if doc.get(key) not in (None, "") and not isinstance(doc.get(key), str):
            rules.append(_rule(f"{key}.string", "error", f"{key} must be a string", key))
    repo = doc.get("codeRepository")
    if repo and not _is_url(repo):
        rules.append(
            _rule("codeRepository.url", "error", f"codeRepository {repo!r} is not an http(s) URL", "codeRepository")
        )
    readme = doc.get("readme")
    if readme and not _is_url(readme):
        rules.append(_rule("readme.url", "warn", f"readme {readme!r} should be a URL to the README", "readme"))
    for lic in _as_list(doc.get("license")):
        text = lic if isinstance(lic, str) else (lic or {}).get("url") or (lic or {}).get("@id") or ""
        if SPDX_URL.match(text):
            rules.append(_rule("license.spdx", "ok", text, "license"))
        elif SPDX_ID.match(text):
            rules.append(
                _rule(
                    "license.spdx",
                    "warn",
                    f"license {text!r}: prefer the SPDX URL https://spdx.org/licenses/{text}",
                    "license",
                )
            )
        else:
            rules.append(_rule("license.spdx", "warn", f"license {text!r} is not an SPDX identifier or URL", "license"))
    version = doc.get("softwareVersion") or doc.get("version")
    if version:
        if SEMVER.match(str(version)):
            rules.append(_rule("version.semver", "ok", str(version), "softwareVersion"))
        else:
            rules.append(
                _rule(
                    "version.semver",
                    "warn",
                    f"version {version!r} does not follow semver.org (MAJOR.MINOR.PATCH)",
                    "softwareVersion",
                )
            )
    for i, person in enumerate(_as_list(doc.get("author"))):
        rules.extend(_check_person(i, person))
    unknown = sorted(k for k in doc if k not in KNOWN_TERMS)
    if unknown:
        rules.append(
            _rule("terms.known", "warn", f"unknown CodeMeta terms: {', '.join(unknown)} (eossr refuses these)", None)
        )
    return _summary(rules)


def _summary(rules: list[dict]) -> dict:
    errors = sum(r["level"] == "error" for r in rules)
    warnings = sum(r["level"] == "warn" for r in rules)
    return {"compliant": errors == 0, "errors": errors, "warnings": warnings, "rules": rules}


def parse_codemeta(raw: bytes | str) -> tuple[dict | None, dict]:
    """Parse and check; an unparsable file gives a report with one error, never an exception."""
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        return None, _summary([_rule("json.parse", "error", f"codemeta.json is not valid JSON: {exc}")])
    return doc, check_codemeta(doc)
