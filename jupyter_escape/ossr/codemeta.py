"""OSSR compliance of a codemeta.json: eossr's rules, term by term, and the project's additions where eossr has none.

eossr (the OSSR's own library, see eossr_rules.py) decides: the CodeMeta @context and @type, the terms it knows,
the terms the OSSR requires (an error) and recommends (a warning), semver versions (a warning), and the values its
codemeta-to-Zenodo converter would refuse (an author without a given or family name, a codeRepository that is not a
URL, ...). eossr's own ``Codemeta.validate()`` stops at the first failure; here each of its rules gives one result
so that a non-compliant record shows everything that is wrong. Every result names its source: ``eossr <version>``
or ``jupyter-escape``. The project's own rules are only those eossr has no rule for:

- ``json.parse`` / ``json.object``: the file must be a JSON object (eossr is handed a parsed dict);
- ``required.<term>`` for a required term that is present but empty (eossr checks presence only);
- ``license.spdx``: a licence should be an SPDX URL. A bare SPDX identifier is a warning, and is read as its
  https://spdx.org/licenses/ URL for eossr's converter (which refuses anything but a URL);
- ``readme.url``: the readme should be a URL (eossr's converter takes any text);
- ``author.orcid``: an ORCID identifier that is not an ORCID URL (eossr's converter silently drops it).

This checker never raises: it returns one result per rule (ok / warn / error). It blocks (eossr reads its
crosswalk with pandas): from an event loop, call it through ``core.offloop.off_loop``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from . import eossr_rules
from .eossr_rules import CONTEXTS, DEFAULT_CONTEXT, EOSSR, OWN

__all__ = ["CONTEXTS", "DEFAULT_CONTEXT", "check_codemeta", "normalised_license", "parse_codemeta"]

ORCID = re.compile(r"^https?://orcid\.org/\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
SPDX_URL = re.compile(r"^https?://spdx\.org/licenses/[A-Za-z0-9.+-]+(\.html)?$")
SPDX_ID = re.compile(r"^[A-Za-z0-9.+-]+$")
# eossr's converter messages become these rule names (the names the panel and tests have always used)
VALUE_RULES = {"codeRepository": "codeRepository.url", "name": "name.string", "description": "description.string"}
PEOPLE = ("author", "maintainer", "contributor", "copyrightHolder", "funder", "creator")


def _rule(rule: str, level: str, message: str, term: str | None = None, source: str = EOSSR) -> dict[str, Any]:
    return {"rule": rule, "term": term, "level": level, "message": message, "source": source}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def normalised_license(value: Any) -> Any:
    """A bare SPDX identifier as its spdx.org URL (what eossr's converter accepts); anything else unchanged."""
    if isinstance(value, list):
        return [normalised_license(v) for v in value]
    if isinstance(value, str) and SPDX_ID.match(value) and not SPDX_URL.match(value):
        return f"https://spdx.org/licenses/{value}"
    return value


def _context_rules(doc: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    context = doc.get("@context")
    try:
        version = eossr_rules.codemeta_version(context)
    except ValueError as exc:
        return [_rule("context", "error", f"@context: {exc}", "@context")], None
    return [_rule("context", "ok", f"CodeMeta {version}", "@context")], version


def _type_rule(doc: dict[str, Any]) -> dict[str, Any]:
    if doc.get("@type") == "SoftwareSourceCode":
        return _rule("type", "ok", "SoftwareSourceCode", "@type")
    return _rule("type", "error", f"@type must be SoftwareSourceCode, not {doc.get('@type')!r}", "@type")


def _term_rules(doc: dict[str, Any], version: str) -> list[dict[str, Any]]:
    rules = []
    known = set(eossr_rules.terms(version))
    unknown = sorted(k for k in doc if k not in known and k not in ("@context", "@type"))
    if unknown:
        rules.append(
            _rule("terms.known", "error", f"unknown CodeMeta terms: {', '.join(unknown)} (eossr refuses them)")
        )
    for term in eossr_rules.terms(version, "required"):
        if term not in doc:
            msg = f"required term {term} is missing"
            if term == "softwareVersion" and doc.get("version"):
                msg += f" (the document has version={doc['version']!r}: OSSR wants softwareVersion)"
            rules.append(_rule(f"required.{term}", "error", msg, term))
        elif _empty(doc[term]):
            rules.append(_rule(f"required.{term}", "error", f"required term {term} is empty", term, OWN))
        else:
            rules.append(_rule(f"required.{term}", "ok", "present", term))
    for term in eossr_rules.terms(version, "recommended"):
        if _empty(doc.get(term)):
            rules.append(_rule(f"recommended.{term}", "warn", f"recommended term {term} is missing", term))
        else:
            rules.append(_rule(f"recommended.{term}", "ok", "present", term))
    checked = "softwareVersion" if doc.get("softwareVersion") else "version"
    if doc.get(checked):
        version_text = str(doc[checked])
        if eossr_rules.is_semver(version_text):
            rules.append(_rule("version.semver", "ok", version_text, checked))
        else:
            msg = f"version {version_text!r} does not follow semver.org (MAJOR.MINOR.PATCH)"
            rules.append(_rule("version.semver", "warn", msg, checked))
    return rules


def _person_rule(term: str, where: str, person: Any, message: str) -> dict[str, Any]:
    if not isinstance(person, dict):  # eossr's converter fails on it with a Python error: say what it wanted
        message = f"must be an object with @type Person or Organization (eossr: {message})"
    name = "names" if "givenName or familyName" in message else "entry"
    if isinstance(person, dict) and person.get("name") and name == "names":
        message += f" (has name {person['name']!r}: split it into givenName and familyName)"
    return _rule(f"{term}.{name}", "error", f"{where}: {message}", term)


def _value_rules(doc: dict[str, Any], version: str) -> list[dict[str, Any]]:
    """eossr's converter checks, one per value (per list item, so that every bad author is named)."""
    rules = []
    for term, value in doc.items():
        if term.startswith("@") or _empty(value) or term not in eossr_rules.terms(version):
            continue
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            where = f"{term}[{i}]" if isinstance(value, list) else term
            checked = normalised_license(item) if term == "license" else item
            message = eossr_rules.check_value(version, term, checked)
            if message is None:
                continue
            if term in PEOPLE:
                rules.append(_person_rule(term, where, item, message))
            else:
                rules.append(_rule(VALUE_RULES.get(term, f"value.{term}"), "error", f"{where}: {message}", term))
    return rules


def _own_rules(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The project's additions: only where eossr has no rule (see the module docstring)."""
    rules = []
    readme = doc.get("readme")
    if isinstance(readme, str) and readme and not re.match(r"^https?://[^\s/]+\.[^\s]+", readme):
        rules.append(_rule("readme.url", "warn", f"readme {readme!r} should be a URL to the README", "readme", OWN))
    for lic in _as_list(doc.get("license")):
        text = (
            lic
            if isinstance(lic, str)
            else str(lic.get("url") or lic.get("@id") or "")
            if isinstance(lic, dict)
            else ""
        )
        if SPDX_URL.match(text):
            rules.append(_rule("license.spdx", "ok", text, "license", OWN))
        elif SPDX_ID.match(text):
            msg = f"license {text!r}: prefer the SPDX URL https://spdx.org/licenses/{text} (read as that URL)"
            rules.append(_rule("license.spdx", "warn", msg, "license", OWN))
        else:
            rules.append(
                _rule("license.spdx", "warn", f"license {text!r} is not an SPDX identifier or URL", "license", OWN)
            )
    for i, person in enumerate(_as_list(doc.get("author"))):
        ident = person.get("@id") or person.get("identifier") if isinstance(person, dict) else None
        if ident and "orcid" in str(ident) and not ORCID.match(str(ident)):
            msg = f"author[{i}]: {ident!r} is not an ORCID URL (https://orcid.org/0000-0000-0000-0000)"
            rules.append(_rule("author.orcid", "warn", msg, "author", OWN))
    return rules


def check_codemeta(doc: Any) -> dict[str, Any]:
    """One result per OSSR rule, each naming its source; ``compliant`` is True when no rule is an error."""
    if not isinstance(doc, dict):
        return _summary([_rule("json.object", "error", "codemeta.json must hold a JSON object", None, OWN)])
    rules, version = _context_rules(doc)
    rules.append(_type_rule(doc))
    # Without a context eossr knows, the terms are still checked, against CodeMeta 2.0's list, so that the report
    # says everything at once; the context error alone makes the document non-compliant.
    version = version or "2.0"
    rules += _term_rules(doc, version)
    rules += _value_rules(doc, version)
    rules += _own_rules(doc)
    return _summary(rules)


def _summary(rules: list[dict[str, Any]]) -> dict[str, Any]:
    errors = sum(r["level"] == "error" for r in rules)
    warnings = sum(r["level"] == "warn" for r in rules)
    return {
        "compliant": errors == 0,
        "errors": errors,
        "warnings": warnings,
        "rules": rules,
        "sources": {"eossr": eossr_rules.EOSSR_VERSION, "own": OWN},
    }


def parse_codemeta(raw: bytes | str) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """Parse and check; an unparsable file gives a report with one error, never an exception."""
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        return None, _summary([_rule("json.parse", "error", f"codemeta.json is not valid JSON: {exc}", None, OWN)])
    return doc, check_codemeta(doc)
