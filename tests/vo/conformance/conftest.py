"""The conformance corpus, generated once per session: the grid of cases.py written as TABLEDATA here, re-written
as TABLEDATA/BINARY/BINARY2 by STILTS (one JVM per serialisation) and as BINARY/BINARY2 by astropy, the special
documents, and astropy's own VOTable test files; then STIL's reading of all of them (one JVM, bisected only when a
file is refused)."""

from __future__ import annotations

import io
import pathlib
import re
import warnings
from dataclasses import dataclass, field

import pytest

from . import cases, stil

ASTROPY_DATA = pathlib.Path(__import__("astropy").__file__).parent / "io" / "votable" / "tests" / "data"
STIL_WRITERS = {
    "stil-tabledata": "votable-tabledata",
    "stil-binary": "votable-binary-inline",
    "stil-binary2": "votable-binary2-inline",
}
ASTROPY_WRITERS = {"astropy-binary": "binary", "astropy-binary2": "binary2"}
WRITERS = ["source", *STIL_WRITERS, *ASTROPY_WRITERS]


# Generated files whose writer broke VOTable 1.5, so STIL's reading is no reference: id regex -> (what we must do,
# why). STIL_REFUSES classes are still given to STIL, one representative each, to notice a STIL that reads them.
STIL_REFUSES = {
    r"bit-scalar-\w+@astropy-binary2?": (
        "warn",
        (
            "astropy 8 writes a true scalar bit as 0x08; VOTable 1.5 sec. 6 'Bit Array': bits are stored most "
            "significant first and padding bits shall be 0, so the cell is false with non-zero padding; STIL "
            "fails with a ClassCastException; we read the rule and warn"
        ),
    ),
}
WRITER_BROKE = {
    r"((unsignedByte|short|int|float|bit)-(variable|multivar)|boolean-multivar)-\w+@astropy-binary2?": (
        "error",
        (
            "astropy 8 writes variable-length arrays of 1, 2 and 4-byte types with 8-byte elements (its "
            "in-memory int64/float64), against VOTable 1.5 sec. 6 (element widths) and sec. 5.3 (count then "
            "elements); STIL fails or reads garbage; we refuse the table with a readable error"
        ),
    ),
    r"(floatComplex|doubleComplex|long|double)-(variable|multivar)-\w+@astropy-binary2?": (
        "any",
        (
            "astropy 8 writes variable-length arrays with its in-memory element type; where that is not the "
            "declared one the stream is corrupt: we either read it or refuse it with a readable error"
        ),
    ),
}


# astropy's test files that break VOTable 1.5 on purpose; STIL reads them leniently, we refuse them clearly
ASTROPY_FILES_INVALID = {
    "too_many_columns.xml.gz": "sec. 5.1: the number of TD elements in each TR must equal the number of FIELDs",
    "parquet_binary.xml": "sec. 5: the serialisations are TABLEDATA, BINARY, BINARY2 and FITS (PARQUET is not one)",
}


def refused_reason(case_id: str):
    return next((v for k, v in {**STIL_REFUSES, **WRITER_BROKE}.items() if re.fullmatch(k, case_id)), None)


def grid_ids() -> list[str]:
    return [f"{cases.case_name(*c)}@{w}" for c in cases.grid() for w in WRITERS]


def astropy_files() -> list[pathlib.Path]:
    return sorted(p for p in ASTROPY_DATA.iterdir() if p.name.endswith((".xml", ".xml.gz", ".vot")))


@dataclass
class Corpus:
    files: dict[str, pathlib.Path] = field(default_factory=dict)  # case id -> file
    stil: dict[pathlib.Path, object] = field(default_factory=dict)  # file -> STIL's TABLE elements or its error
    # (files of a class STIL refuses are not given to it, except one representative per class)
    not_written: dict[str, str] = field(default_factory=dict)  # case id -> why a writer could not write it


def _astropy_write(source: bytes, fmt: str) -> bytes:
    from astropy.io.votable import parse

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        vot = parse(io.BytesIO(source), verify="ignore")
        for resource in vot.resources:
            for table in resource.tables:
                table.format = fmt
        out = io.BytesIO()
        vot.to_xml(out)
    return out.getvalue()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Corpus:
    work = tmp_path_factory.mktemp("votable-conformance")
    result = Corpus()
    sources = []
    for case in cases.grid():
        name = cases.case_name(*case)
        path = work / f"{name}@source.vot"
        path.write_bytes(cases.document([cases.table_xml(*case)]))
        result.files[f"{name}@source"] = path
        sources.append((name, path))
    for writer, ofmt in STIL_WRITERS.items():
        docs = stil.write_as([p for _, p in sources], ofmt, work / f"all-{writer}.vot")
        for (name, _), doc in zip(sources, docs, strict=False):
            path = work / f"{name}@{writer}.vot"
            path.write_bytes(doc)
            result.files[f"{name}@{writer}"] = path
    for writer, fmt in ASTROPY_WRITERS.items():
        for name, source in sources:
            try:
                doc = _astropy_write(source.read_bytes(), fmt)
            except Exception as exc:
                result.not_written[f"{name}@{writer}"] = f"{type(exc).__name__}: {exc}"
                continue
            path = work / f"{name}@{writer}.vot"
            path.write_bytes(doc)
            result.files[f"{name}@{writer}"] = path
    for name, doc in cases.special_documents().items():
        path = work / f"{name}.vot"
        path.write_bytes(doc)
        result.files[name] = path
    for path in astropy_files():
        result.files[f"astropy-data-{path.name}"] = path
    # one representative of each refused class confirms that STIL still refuses it (a JVM each)
    alone = [[next(p for k, p in result.files.items() if re.fullmatch(pattern, k))] for pattern in STIL_REFUSES]
    data = [p for k, p in result.files.items() if k.startswith("astropy-data-")]
    rest = [p for k, p in result.files.items() if not refused_reason(k) and not k.startswith("astropy-data-")]
    result.stil = stil.read([rest[::2], rest[1::2], data, *alone], work)
    return result
