"""STIL (through STILTS) as the reference reader and as a writer. Every call starts a JVM (~1 s), so files go in
batches: one `tmulti` reads any number of files and writes every table they hold as one TABLEDATA document, whose
cells are Java's exact text for each value (Long.toString, Float/Double.toString, which round-trip)."""

from __future__ import annotations

import gzip
import pathlib
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

_DATA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?DATA[\s>]")
_RESOURCE = re.compile(rb"<RESOURCE[\s>].*?</RESOURCE>", re.DOTALL)


def stilts() -> str:
    path = shutil.which("stilts")
    if path is None:  # CI installs it (stack/vo-bench/apt-packages.txt): a missing STILTS is a failure, not a skip
        raise AssertionError("STILTS is not installed: apt-get install stilts (stack/install-system.sh does)")
    return path


def _tmulti(inputs: list[pathlib.Path], out: pathlib.Path, ofmt: str) -> subprocess.CompletedProcess:
    listing = out.with_suffix(".list")
    listing.write_text("".join(f"{p}\n" for p in inputs))
    return subprocess.run(
        [
            stilts(),
            "-Djava.awt.headless=true",
            "tmulti",
            f"in=@{listing}",
            "multi=true",
            "ifmt=votable",
            f"ofmt={ofmt}",
            f"out={out}",
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )


def tables_in(path: pathlib.Path) -> int:
    """Tables STIL will read from a file: those with a DATA element (STIL skips tables without one)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return len(_DATA.findall(data))


def write_as(sources: list[pathlib.Path], ofmt: str, out: pathlib.Path) -> list[bytes]:
    """Each source (one table each) re-written by STIL in ``ofmt``: one JVM, then split into documents."""
    done = _tmulti(sources, out, ofmt)
    if done.returncode:
        raise AssertionError(f"stilts tmulti {ofmt} failed: {done.stderr[-2000:]}")
    data = out.read_bytes()
    head = data[: data.index(b"<RESOURCE")]
    docs = [head + m.group(0) + b"</VOTABLE>\n" for m in _RESOURCE.finditer(data)]
    if len(docs) != len(sources):
        raise AssertionError(f"STIL wrote {len(docs)} tables for {len(sources)} sources")
    return docs


def read(groups: list[list[pathlib.Path]], work: pathlib.Path) -> dict[pathlib.Path, list[ET.Element] | str]:
    """STIL's reading of every file: its TABLE elements (re-written as TABLEDATA) or, for a file STIL refuses, its
    error message. Each group is one JVM (two run at once); a group that fails is bisected."""
    out: dict[pathlib.Path, list[ET.Element] | str] = {}
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda ig: _read_batch(ig[1], work, out, f"{ig[0]}"), enumerate(g for g in groups if g)))
    return out


def _read_batch(files, work, out, tag) -> None:
    target = work / f"stil-read-{tag}.vot"
    done = _tmulti(files, target, "votable-tabledata")
    tables = None
    if done.returncode == 0:
        root = ET.parse(target).getroot()
        tables = [el for el in root.iter() if el.tag.endswith("}TABLE") or el.tag == "TABLE"]
        expected = [tables_in(f) for f in files]
        if len(files) == 1:
            expected = [len(tables)]
        elif sum(expected) != len(tables):
            tables = None
    if tables is None and len(files) > 1:
        half = len(files) // 2
        _read_batch(files[:half], work, out, tag + "a")
        _read_batch(files[half:], work, out, tag + "b")
        return
    if tables is None:
        out[files[0]] = (done.stderr.strip().splitlines() or ["STIL read no table"])[-1]
        return
    at = 0
    for f, n in zip(files, expected, strict=True):
        out[f] = tables[at : at + n]
        at += n
