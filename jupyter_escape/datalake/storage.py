"""Writing to a storage door for uploads: PUT under a temporary name, MOVE into place, DELETE, size and adler32 of a
stored file. https doors speak WebDAV (MOVE is what lets an upload appear at its final address only when whole, as
the Rucio CLI's temporary-name-then-rename does); a ``file:`` door is a local folder (rename).

Every failure to reach the door is an EscapeError naming the RSE's storage, status 502, so the upload job can say
which service failed and what it left behind.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote, urlparse

import httpx

from ..core.errors import EscapeError
from .instances import Instance
from .stage import storage_client
from .transfer import CHUNK, Cancelled, Checksums


def temp_pfn(pfn: str, job_id: str) -> str:
    """Where an upload's bytes go until they are complete: next to the final name, so MOVE stays on one share."""
    return f"{pfn}.{job_id}.escape-upload"


class Door:
    """One RSE's storage door as the uploader uses it (``with Door(...) as door``)."""

    def __init__(self, inst: Instance, rse: str) -> None:
        self.inst = inst
        self.service = f"{rse} storage"
        # Instance option: PFN prefix -> URL prefix, for a door reached through another address than the one Rucio
        # publishes (a gateway, or the fault-injection proxy of the tests).
        self.rewrite: dict[str, Any] = inst.get("storage_url_rewrite") or {}
        self._client: httpx.Client | None = None

    def __enter__(self) -> Door:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = storage_client(self.inst, parallel=1)
        return self._client

    def url(self, pfn: str) -> str:
        url = pfn.replace("davs://", "https://", 1)
        for prefix, target in self.rewrite.items():
            if url.startswith(prefix):
                return cast(str, target + url[len(prefix) :])  # the rewrite table is JSON config: str to str
        return url

    @staticmethod
    def _local(pfn: str) -> Path | None:
        parsed = urlparse(pfn)
        return Path(unquote(parsed.path)) if parsed.scheme == "file" else None

    def _request(self, method: str, pfn: str, what: str, **kwargs: Any) -> httpx.Response:
        try:
            return self.client.request(method, self.url(pfn), **kwargs)
        except httpx.HTTPError as exc:
            raise EscapeError(
                f"{what} {pfn}: cannot reach the storage: {exc.__class__.__name__}: {exc}",
                status=502,
                service=self.service,
            ) from None

    def size(self, pfn: str) -> int | None:
        """Bytes stored at ``pfn``, None when nothing is there."""
        local = self._local(pfn)
        if local is not None:
            return local.stat().st_size if local.is_file() else None
        response = self._request("HEAD", pfn, "HEAD")
        if response.status_code == 404:
            return None
        if response.status_code >= 300:
            raise EscapeError(f"HEAD {pfn}: HTTP {response.status_code}", status=502, service=self.service)
        return int(response.headers.get("content-length", 0))

    def adler32(self, pfn: str, cancel: threading.Event | None = None) -> tuple[int, str]:
        """(size, adler32) of the stored bytes, read back from the door."""
        sums, size = Checksums(False), 0
        local = self._local(pfn)
        if local is not None:
            with open(local, "rb") as fh:
                while chunk := fh.read(CHUNK):
                    sums.update(chunk)
                    size += len(chunk)
            return size, sums.adler32()
        try:
            with self.client.stream("GET", self.url(pfn)) as response:
                if response.status_code != 200:
                    raise EscapeError(
                        f"read-back of {pfn}: HTTP {response.status_code}", status=502, service=self.service
                    )
                for chunk in response.iter_bytes(CHUNK):
                    if cancel is not None and cancel.is_set():
                        raise Cancelled()
                    sums.update(chunk)
                    size += len(chunk)
        except httpx.HTTPError as exc:
            raise EscapeError(
                f"read-back of {pfn}: cannot reach the storage: {exc.__class__.__name__}: {exc}",
                status=502,
                service=self.service,
            ) from None
        return size, sums.adler32()

    def put(self, local: Path, pfn: str, progress: Callable[[int], None], cancel: threading.Event) -> None:
        """Send the whole file to ``pfn`` (storage doors take whole PUTs: no resuming a short one)."""
        target = self._local(pfn)
        if target is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            done = 0
            with open(local, "rb") as src, open(target, "wb") as out:
                while chunk := src.read(CHUNK):
                    if cancel.is_set():
                        raise Cancelled()
                    out.write(chunk)
                    done += len(chunk)
                    progress(done)
            return
        for attempt in (1, 2):
            response = self._request(
                "PUT",
                pfn,
                "PUT",
                content=self._body(local, progress, cancel),
                headers={"Content-Length": str(local.stat().st_size)},
            )
            if response.status_code == 409 and attempt == 1:
                self._mkcol_parents(pfn)  # plain WebDAV servers need the folders first
                continue
            if response.status_code >= 300:
                raise EscapeError(
                    f"PUT {pfn}: HTTP {response.status_code} {response.text[:300]}", status=502, service=self.service
                )
            return

    @staticmethod
    def _body(local: Path, progress: Callable[[int], None], cancel: threading.Event) -> Iterator[bytes]:
        done = 0
        progress(0)
        with open(local, "rb") as fh:
            while chunk := fh.read(CHUNK):
                if cancel.is_set():
                    raise Cancelled()  # aborts the PUT: the storage gets a short body under the temporary name
                done += len(chunk)
                progress(done)
                yield chunk

    def _mkcol_parents(self, pfn: str) -> None:
        parsed = urlparse(pfn)
        parts = parsed.path.strip("/").split("/")[:-1]
        for i in range(1, len(parts) + 1):
            folder = f"{parsed.scheme}://{parsed.netloc}/" + "/".join(parts[:i]) + "/"
            self._request("MKCOL", folder, "MKCOL")

    def move(self, src: str, dst: str) -> None:
        """Rename on the storage, refusing to overwrite: the final name appears only with complete bytes."""
        local_src, local_dst = self._local(src), self._local(dst)
        if local_src is not None and local_dst is not None:
            if local_dst.exists():
                raise EscapeError(f"MOVE to {dst}: a file is already there", status=409, service=self.service)
            os.replace(local_src, local_dst)
            return
        response = self._request("MOVE", src, "MOVE", headers={"Destination": self.url(dst), "Overwrite": "F"})
        if response.status_code not in (201, 204):
            raise EscapeError(
                f"MOVE {src} to {dst}: HTTP {response.status_code} {response.text[:300]}",
                status=502 if response.status_code != 412 else 409,
                service=self.service,
            )

    def delete(self, pfn: str) -> None:
        """Remove ``pfn``; nothing there counts as removed."""
        local = self._local(pfn)
        if local is not None:
            local.unlink(missing_ok=True)
            return
        response = self._request("DELETE", pfn, "DELETE")
        if response.status_code not in (200, 202, 204, 404):
            raise EscapeError(f"DELETE {pfn}: HTTP {response.status_code}", status=502, service=self.service)
