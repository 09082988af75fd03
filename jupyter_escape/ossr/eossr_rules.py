"""eossr, the OSSR's own library, as the authority on codemeta.json and on its conversion to Zenodo metadata.

Two things stand between eossr 2.3 and this server, and this module is where they are handled:

- **Python 3.11.** eossr reads its crosswalk table (the OSSR's list of CodeMeta terms, their requirement level and
  their Zenodo field) with ``importlib.resources.files(<its module name>)``; only Python 3.12 accepts a module there,
  so on 3.11 every eossr check and even ``import eossr.metadata.codemeta2zenodo`` raise "... is not a package".
  eossr's codemeta module is given a ``files`` that resolves a module to its package: the same CSV file is read.
- **No network.** eossr's converter looks Zenodo's licence vocabulary up on zenodo.org (a host hard-coded in the
  library), falls back to the SPDX list on GitHub, and looks communities up on zenodo.org. The server must only talk
  to the repository it is configured for, through its bounded client. So the licence vocabulary is fetched from the
  configured repository by :func:`repository_licenses` (ZenodoClient) and handed to eossr's converter; the SPDX
  fallback raises instead of reaching GitHub; a community lookup answers from the configured community only.
  eossr's validator itself (``Codemeta``, the crosswalk, semver) never touches the network.

Everything here blocks (pandas reads the crosswalk, eossr's converters are synchronous): callers on an event loop
go through ``core.offloop.off_loop``.
"""

from __future__ import annotations

import functools
import importlib
import importlib.resources
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import eossr

if TYPE_CHECKING:
    from importlib.abc import Traversable

from ..core.errors import EscapeError

EOSSR_VERSION: str = eossr.__version__
EOSSR = f"eossr {EOSSR_VERSION}"  # the source named by every rule eossr decides
OWN = "jupyter-escape"  # the source named by the project's own additions (only where eossr has no rule)


def _python311_resources() -> None:
    """Let eossr read its crosswalk on Python 3.11 (see the module docstring); a no-op from 3.12 on."""
    if sys.version_info >= (3, 12):
        return
    import eossr.metadata.codemeta as codemeta_module

    def files(anchor: Any) -> Traversable:  # anchor: a module or its name, as importlib.resources.files takes
        name = anchor if isinstance(anchor, str) else anchor.__name__
        module = importlib.import_module(name)
        package = name if hasattr(module, "__path__") else name.rpartition(".")[0]
        return importlib.resources.files(package)

    codemeta_module.files = files


_python311_resources()

from eossr.api.zenodo import Record  # noqa: E402
from eossr.metadata import valid_semver  # noqa: E402  (after the 3.11 fix above)
from eossr.metadata.codemeta import (  # noqa: E402
    CODEMETA_VERSIONS_CONTEXTS,
    codemeta_crosswalk,
    codemeta_version_from_context,
)
from eossr.metadata.codemeta2zenodo import codemeta2zenodo  # noqa: E402
from eossr.metadata.codemeta2zenodo import converters as eossr_converters  # noqa: E402

CONTEXTS: dict[str, str] = dict(CODEMETA_VERSIONS_CONTEXTS)
DEFAULT_CONTEXT = "https://doi.org/10.5063/schema/codemeta-2.0"
# eossr's converter checks values term by term; these terms need a lookup it would make on zenodo.org
NEEDS_LOOKUP = ("license", "applicationCategory")


class EossrOffline(EscapeError):
    """eossr wanted a lookup this server does not make (it would leave for zenodo.org or GitHub)."""


@functools.lru_cache(maxsize=4)
def crosswalk(codemeta_version: str) -> list[dict[str, str]]:
    """eossr's crosswalk rows for a CodeMeta version: Property, Type, Zenodo, ZenodoContributorType, level."""
    table = codemeta_crosswalk(codemeta_version)
    keep = ("Property", "Type", "Zenodo", "ZenodoContributorType", "OSSR Requirement Level")
    return [{k: str(row[k]) for k in keep} for row in table.to_dict("records")]


def codemeta_version(context: Any) -> str:
    """eossr's reading of @context ("2.0", "3.0", ...); ValueError with eossr's message when it knows none."""
    return str(codemeta_version_from_context(context))


@functools.lru_cache(maxsize=16)
def terms(codemeta_version: str, level: str | None = None) -> tuple[str, ...]:
    """Property names of the crosswalk (all, or those at an OSSR requirement level), first occurrence kept."""
    out: list[str] = []
    for row in crosswalk(codemeta_version):
        if row["Property"] and (level is None or row["OSSR Requirement Level"] == level) and row["Property"] not in out:
            out.append(row["Property"])
    return tuple(out)


def is_semver(version: Any) -> bool:
    return bool(valid_semver(str(version)))


def check_value(codemeta_version: str, term: str, value: Any) -> str | None:
    """eossr's converter check of one term's value (what ``codemeta2zenodo`` would refuse); None when it passes.

    Terms the crosswalk does not map to Zenodo are not converted by eossr, so not checked. For the two terms whose
    conversion needs a lookup, only the converter's own type check runs (no lookup).
    """
    row = next((r for r in crosswalk(codemeta_version) if r["Property"] == term), None)
    if row is None or not row["Zenodo"]:
        return None
    try:
        if term == "license":
            eossr_converters.LicenseConverter(value)
        elif term == "applicationCategory":
            for item in value if isinstance(value, list) else [value]:
                eossr_converters.TextConverter(item)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                eossr_converters.MasterConverter(
                    value, row["Type"], codemeta_key=term, zenodo_contributor_type=row["ZenodoContributorType"]
                )
    except Exception as exc:  # eossr raises ValueError/KeyError/TypeError/ConversionError: all are its verdict
        error = getattr(exc, "error", exc)  # a ConversionError wraps the converter's own message
        return str(error) or type(error).__name__
    return None


def binder_url(doi: str) -> str:
    """eossr's Binder URL for a record's DOI (``Record.get_mybinder_url``: string work on the record, no request)."""
    return str(Record({"id": None, "doi": doi, "metadata": {"title": "", "doi": doi}}).get_mybinder_url())


# ---- conversion (publishing) -----------------------------------------------------------------------------------

_CONVERTING = threading.Lock()  # eossr keeps its licence vocabulary on a class: one conversion at a time


def _refuse_spdx(open_only: bool = True) -> list[str]:
    raise EossrOffline(
        "the licence is not in the repository's licence list; eossr would then read the SPDX list on GitHub, "
        "which this server does not reach: use a licence the repository lists (an https://spdx.org/licenses/ URL)",
        service="eossr",
        status=400,
    )


@contextmanager
def _repository_vocabulary(licenses: list[dict[str, Any]], community: str) -> Iterator[None]:
    """eossr's converter, with its zenodo.org lookups answered from what the configured repository said."""

    def communities(search: str = "", sandbox: bool = False, **kwargs: Any) -> list[dict[str, Any]]:
        return [{"slug": community}] if community and search == community else []

    converter = eossr_converters.LicenseConverter
    with _CONVERTING:
        saved = (
            converter._all_zenodo_licenses,
            converter._all_zenodo_license_ids,
            converter._all_zenodo_license_titles,
            eossr_converters.spdx_licenses,
            eossr_converters.search_communities,
        )
        converter._all_zenodo_licenses = licenses
        converter._all_zenodo_license_ids = None
        converter._all_zenodo_license_titles = None
        eossr_converters.spdx_licenses = _refuse_spdx
        eossr_converters.search_communities = communities
        try:
            yield
        finally:
            (
                converter._all_zenodo_licenses,
                converter._all_zenodo_license_ids,
                converter._all_zenodo_license_titles,
                eossr_converters.spdx_licenses,
                eossr_converters.search_communities,
            ) = saved


def to_zenodo(doc: dict[str, Any], *, licenses: list[dict[str, Any]], community: str = "") -> dict[str, Any]:
    """eossr's ``codemeta2zenodo`` (its validator runs first), offline; eossr's refusal as a 400 naming eossr."""
    with _repository_vocabulary(licenses, community), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # eossr warns about missing recommended terms: the report shows those
        try:
            return dict(codemeta2zenodo(doc))
        except EossrOffline:
            raise
        except Exception as exc:
            cause = getattr(exc, "error", None)
            if isinstance(cause, EossrOffline):  # a ConversionError around it names the term and the value
                where = f"{getattr(exc, 'path', '')} {getattr(exc, 'value', '')!r}".strip()
                raise EossrOffline(f"{where}: {cause.message}", service="eossr", status=400) from exc
            raise EscapeError(
                f"{EOSSR} refuses to convert codemeta.json to Zenodo metadata: {exc}", service="eossr", status=400
            ) from exc


async def repository_licenses(client: Any) -> list[dict[str, Any]]:
    """The configured repository's licence vocabulary (``GET {api}/licenses``), as eossr's converter reads it."""
    try:
        answer = await client.get_json("licenses", params={"size": 1000})
    except EscapeError as exc:  # say what the request was for: the remote's words stay as they were
        raise EscapeError(
            f"licence list (GET licenses, needed by eossr's conversion): {exc.message}",
            service=exc.service,
            status=exc.status,
            detail=exc.detail,
        ) from exc
    hits = ((answer if isinstance(answer, dict) else {}).get("hits") or {}).get("hits") or []
    return [h for h in hits if isinstance(h, dict) and h.get("id")]
