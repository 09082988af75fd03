"""Download record files into the workspace, verified against the repository's md5.

Each file is written under a temporary name next to its destination and renamed only once its checksum matched,
so the workspace never holds a partial or corrupt file under the real name.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

import httpx

from ..core.errors import BadInput, EscapeError, RemoteError, ServiceTimeout
from ..core.http import aread_bounded
from ..core.names import is_plain_file_name
from ..core.paths import confine
from .client import ZenodoClient, zenodo_message
from .records import get_record, require_files

CHUNK = 1024 * 1024


def _md5_of(path: Path) -> str:
    h = hashlib.md5()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


async def download_file(client: ZenodoClient, entry: dict, dest_dir: Path, progress=None) -> dict:
    key = entry["key"]
    # A repository's file key becomes a file name only if it already is a plain one (no separator, no leading
    # dot, no control character): renaming it silently would break the md5 line users check it with.
    if not is_plain_file_name(key):
        raise BadInput("files", f"refusing the file name {str(key)[:120]!r} from the repository")
    target = confine(dest_dir, key)
    if target.exists() and entry.get("md5") and _md5_of(target) == entry["md5"]:
        return {
            "key": key,
            "path": str(target),
            "size": target.stat().st_size,
            "md5": entry["md5"],
            "status": "already present",
        }
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
            with open(tmp, "wb") as fh:  # noqa: ASYNC230 - handlers run downloads in a worker thread
                async for chunk in response.aiter_bytes(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise EscapeError(
                            f"{key}: larger than the configured limit of {limit} bytes",
                            service=client.service,
                            status=413,
                        )
                    digest.update(chunk)
                    fh.write(chunk)
                    if progress:
                        progress(key, size, entry.get("size"))
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
        os.replace(tmp, target)
    except httpx.TimeoutException as exc:
        raise ServiceTimeout(client.service, client.settings.timeout) from exc
    except httpx.HTTPError as exc:
        raise RemoteError(client.service, f"{key}: download interrupted: {exc.__class__.__name__}: {exc}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return {
        "key": key,
        "path": str(target),
        "size": size,
        "md5": got,
        "status": "downloaded",
        "verified": bool(entry.get("md5")),
    }


async def download_record(client: ZenodoClient, recid, dest_dir: str | os.PathLike, keys=None, progress=None) -> dict:
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
    dest.mkdir(parents=True, exist_ok=True)
    results = [await download_file(client, f, dest, progress) for f in files]
    return {
        "record_id": rec["id"],
        "doi": rec.get("doi"),
        "directory": str(dest),
        "files": results,
        "rate_limited": list(client.rate_limit_events),
    }
