"""Download record files into the workspace, verified against the repository's md5.

Each file is written under a temporary name next to its destination and renamed only once its checksum matched,
so the workspace never holds a partial or corrupt file under the real name.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import httpx

from ..core.errors import BadInput, EscapeError, RemoteError, ServiceTimeout
from ..core.http import aread_bounded
from ..core.names import is_plain_file_name
from ..core.offloop import off_loop
from ..core.paths import confine
from .client import ZenodoClient, zenodo_message
from .records import get_record, require_files

CHUNK = 1024 * 1024
# Bytes handed to a worker per write: a few MiB keep the thread hops few without holding much more in memory.
WRITE_BATCH = 4 * CHUNK

# Told of each chunk received: the file's key, the bytes received so far, the size the repository lists (or None).
Progress = Callable[[str, int, "int | None"], object]


class Digest(Protocol):
    """What hashlib's objects offer and the writer uses."""

    def update(self, data: bytes, /) -> None: ...


def _md5_of(path: Path) -> str:
    h = hashlib.md5()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def _size_if_present(target: Path, md5: str | None) -> int | None:
    """The size of ``target`` when it is already there with the repository's md5, else None (reads the file)."""
    if md5 and target.exists() and _md5_of(target) == md5:
        return target.stat().st_size
    return None


def _open_partial(path: Path) -> BinaryIO:
    return open(path, "wb")


def _write_hashed(fh: BinaryIO, digest: Digest, data: bytes) -> None:
    digest.update(data)  # hashlib lets go of the GIL on large buffers: the loop keeps running meanwhile
    fh.write(data)


def _discard(path: Path) -> None:
    if path.exists():
        path.unlink()


async def download_file(
    client: ZenodoClient, entry: dict[str, Any], dest_dir: Path, progress: Progress | None = None
) -> dict[str, Any]:
    """One file of a record into ``dest_dir``, md5-verified. Runs on the server's loop: the file checks, hashing
    and writes go to the OSSR pillar's workers (core/offloop.py), WRITE_BATCH bytes at a time."""
    key = entry["key"]
    # A repository's file key becomes a file name only if it already is a plain one (no separator, no leading
    # dot, no control character): renaming it silently would break the md5 line users check it with.
    if not is_plain_file_name(key):
        raise BadInput("files", f"refusing the file name {str(key)[:120]!r} from the repository")
    target = await off_loop("ossr", confine, dest_dir, key)
    present = await off_loop("ossr", _size_if_present, target, entry.get("md5"))
    if present is not None:
        return {"key": key, "path": str(target), "size": present, "md5": entry["md5"], "status": "already present"}
    limit = client.settings.max_bytes
    if entry.get("size") and entry["size"] > limit:
        raise EscapeError(
            f"{key} is {entry['size']} bytes, above the configured limit of {limit}", service=client.service, status=413
        )
    tmp = target.with_name(f".{key}.part-{uuid.uuid4().hex[:8]}")
    digest, size = hashlib.md5(), 0
    try:
        async with client.stream(entry["url"]) as response:
            if response.status_code >= 400:
                await aread_bounded(response)
                raise RemoteError(
                    client.service,
                    f"{key}: {zenodo_message(response)}",
                    status=404 if response.status_code == 404 else 502,
                )
            fh = await off_loop("ossr", _open_partial, tmp)
            try:
                pending = bytearray()
                async for chunk in response.aiter_bytes(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise EscapeError(
                            f"{key}: larger than the configured limit of {limit} bytes",
                            service=client.service,
                            status=413,
                        )
                    pending += chunk
                    if len(pending) >= WRITE_BATCH:
                        await off_loop("ossr", _write_hashed, fh, digest, bytes(pending))
                        pending.clear()
                    if progress:
                        progress(key, size, entry.get("size"))
                await off_loop("ossr", _write_hashed, fh, digest, bytes(pending))
            finally:
                await off_loop("ossr", fh.close)
        got = digest.hexdigest()
        if entry.get("md5") and got != entry["md5"]:
            raise EscapeError(
                f"{key}: checksum mismatch (repository says md5:{entry['md5']}, received md5:{got}); "
                "the file was not kept",
                service=client.service,
                status=502,
            )
        if entry.get("size") is not None and size != entry["size"]:
            raise EscapeError(
                f"{key}: received {size} bytes, the repository lists {entry['size']}",
                service=client.service,
                status=502,
            )
        await off_loop("ossr", os.replace, tmp, target)
    except httpx.TimeoutException as exc:
        raise ServiceTimeout(client.service, client.settings.timeout) from exc
    except httpx.HTTPError as exc:
        raise RemoteError(client.service, f"{key}: download interrupted: {exc.__class__.__name__}: {exc}") from exc
    finally:
        await off_loop("ossr", _discard, tmp)
    return {
        "key": key,
        "path": str(target),
        "size": size,
        "md5": got,
        "status": "downloaded",
        "verified": bool(entry.get("md5")),
    }


async def download_record(
    client: ZenodoClient,
    recid: object,
    dest_dir: str | os.PathLike[str],
    keys: Collection[str] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Download some or all files of a record into ``dest_dir`` (created); returns what was written."""
    rec = await get_record(client, recid)
    files = require_files(rec)
    if keys:
        known = {f["key"] for f in files}
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise BadInput(
                "files", f"not in record {rec['id']}: {', '.join(unknown)} (it has {', '.join(sorted(known))})"
            )
        files = [f for f in files if f["key"] in keys]
    dest = Path(dest_dir)
    await off_loop("ossr", dest.mkdir, parents=True, exist_ok=True)
    results = [await download_file(client, f, dest, progress) for f in files]
    return {
        "record_id": rec["id"],
        "doi": rec.get("doi"),
        "directory": str(dest),
        "files": results,
        "rate_limited": list(client.rate_limit_events),
    }
