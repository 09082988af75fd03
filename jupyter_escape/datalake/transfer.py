"""Moving one file's bytes: streaming download with resume (HTTP Range), checksum verification, a temporary name
renamed only once verified. Pure functions of a URL and a target path; no Rucio calls here."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpx

from ..core.errors import EscapeError
from ..core.http import read_bounded

CHUNK = 1024 * 1024


class Cancelled(Exception):
    pass


class Checksums:
    def __init__(self, want_md5: bool) -> None:
        self.adler = 1
        self.md5 = hashlib.md5() if want_md5 else None

    def update(self, data: bytes) -> None:
        self.adler = zlib.adler32(data, self.adler)
        if self.md5 is not None:
            self.md5.update(data)

    def adler32(self) -> str:
        return f"{self.adler & 0xFFFFFFFF:08x}"


def part_path(target: Path) -> Path:
    return target.with_name(target.name + ".part")


def _hash_existing(path: Path, sums: Checksums, cancel: threading.Event) -> int:
    done = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            if cancel.is_set():
                raise Cancelled()
            sums.update(chunk)
            done += len(chunk)
    return done


def verify(sums: Checksums, expected_adler32: str | None, expected_md5: str | None, what: str) -> None:
    if expected_adler32 and sums.adler32() != expected_adler32.lower().zfill(8):
        raise EscapeError(f"{what}: adler32 mismatch (got {sums.adler32()}, Rucio says {expected_adler32})", status=502)
    if expected_md5 and sums.md5 is not None and sums.md5.hexdigest() != expected_md5.lower():
        raise EscapeError(f"{what}: md5 mismatch (got {sums.md5.hexdigest()}, Rucio says {expected_md5})", status=502)


def fetch_file(
    url: str,
    target: Path,
    *,
    size: int | None,
    adler32: str | None,
    md5: str | None,
    client: httpx.Client,
    progress: Callable[[int], None],
    cancel: threading.Event,
) -> str:
    """Download ``url`` to ``target`` through ``target.part``; resume an existing part; verify; rename.

    Returns how the file was obtained: "downloaded", "resumed" or "copied". The target never holds unverified
    bytes: on any failure the part file stays for a later resume (or is removed when its bytes are wrong).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    part = part_path(target)
    sums = Checksums(want_md5=bool(md5) and not adler32)
    done = _hash_existing(part, sums, cancel) if part.exists() else 0
    if size is not None and done > size:
        part.unlink()
        sums, done = Checksums(want_md5=bool(md5) and not adler32), 0
    progress(done)
    how = "resumed" if done else "downloaded"
    parsed = urlparse(url)
    if size is None or done < size:
        if parsed.scheme == "file":
            how = "copied"
            with open(unquote(parsed.path), "rb") as src, open(part, "ab") as out:
                src.seek(done)
                while chunk := src.read(CHUNK):
                    if cancel.is_set():
                        raise Cancelled()
                    out.write(chunk)
                    sums.update(chunk)
                    done += len(chunk)
                    progress(done)
        elif parsed.scheme in ("https", "http", "davs"):
            headers = {"Range": f"bytes={done}-"} if done else {}
            http_url = url.replace("davs://", "https://", 1)
            with client.stream("GET", http_url, headers=headers) as response:
                if response.status_code == 200 and done:
                    # The storage ignored Range: start over rather than append a second copy.
                    part.unlink()
                    sums, done, how = Checksums(want_md5=bool(md5) and not adler32), 0, "downloaded"
                elif response.status_code not in (200, 206):
                    read_bounded(response)
                    raise EscapeError(f"GET {http_url}: HTTP {response.status_code} {response.text[:300]}", status=502)
                with open(part, "ab") as out:
                    for chunk in response.iter_bytes(CHUNK):
                        if cancel.is_set():
                            raise Cancelled()
                        if size is not None and done + len(chunk) > size:
                            # Rucio said how big the file is: a longer body (an endless or wrong answer from
                            # the storage) must not fill the disk.
                            raise EscapeError(
                                f"{target.name}: the storage sent more than the {size} bytes Rucio lists; stopped",
                                status=502,
                            )
                        out.write(chunk)
                        sums.update(chunk)
                        done += len(chunk)
                        progress(done)
        else:
            raise EscapeError(f"no supported protocol for {url} (https or file)", status=502)
    if size is not None and done != size:
        raise EscapeError(f"{target.name}: got {done} bytes, Rucio says {size}", status=502)
    try:
        verify(sums, adler32, md5, target.name)
    except EscapeError:
        part.unlink(missing_ok=True)  # wrong bytes are never resumed
        raise
    os.replace(part, target)
    return how


def free_bytes(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    return shutil.disk_usage(folder).free


def local_file_matches(path: Path, size: int | None, adler32: str | None) -> bool:
    """An existing target with the right size and adler32 is already staged (checked without re-downloading)."""
    if not path.is_file() or (size is not None and path.stat().st_size != size):
        return False
    if not adler32:
        return True
    sums = Checksums(False)
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            sums.update(chunk)
    return sums.adler32() == adler32.lower().zfill(8)
