"""The one way the OSSR code talks to Zenodo (or InvenioRDM's legacy API, or the local replay of it).

Every request is bounded (core/http.py), 429 answers are retried after the Retry-After the server asked for, a
bounded number of times, and every wait is recorded so the user can be told the repository throttled them.
The token, when there is one, goes in the Authorization header only: never in a URL, a log line or a response.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import AsyncIterable, Callable, Collection, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any

import httpx
from typing_extensions import Self

from ..config import read_secret
from ..core.errors import EscapeError, RemoteError
from ..core.http import Limits, fetch, make_client

SERVICE = "OSSR"
MAX_RETRIES = 3
MAX_RETRY_WAIT = 30.0  # seconds: a longer Retry-After is reported instead of waited for


class RateLimited(EscapeError):
    def __init__(self, service: str, retry_after: float, attempts: int) -> None:
        super().__init__(
            f"rate limited (HTTP 429) after {attempts} attempt(s); the repository asks to retry in {retry_after:g} s",
            service=service,
            status=429,
        )
        self.retry_after = retry_after


@dataclass
class RepoSettings:
    """Where the repository is and how to reach it; built from EscapeConfig.software_repository."""

    base_url: str
    community: str = ""
    display_name: str = SERVICE
    sandbox: bool = False
    token: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    max_bytes: int = 512 * 1024 * 1024

    @classmethod
    def from_config(
        cls, repo: dict[str, Any], *, sandbox: bool = False, timeout: float = 60.0, max_bytes: int = 512 * 1024 * 1024
    ) -> RepoSettings:
        repo = repo or {}
        if sandbox:
            base = repo.get("sandbox_url")
            if not base:
                raise EscapeError("sandbox: no software_repository.sandbox_url is configured", status=400)
            token = read_secret(repo.get("sandbox_token_file"), repo.get("sandbox_token_env")) or read_secret(
                repo.get("token_file"), repo.get("token_env")
            )
        else:
            base = repo.get("base_url")
            if not base:
                raise EscapeError(
                    "no software repository is configured (EscapeConfig.software_repository.base_url)", status=400
                )
            token = read_secret(repo.get("token_file"), repo.get("token_env"))
        return cls(
            base_url=str(base).rstrip("/"),
            community=repo.get("community", ""),
            display_name=repo.get("display_name") or repo.get("name") or SERVICE,
            sandbox=sandbox,
            token=token,
            timeout=timeout,
            max_bytes=max_bytes,
        )

    def public(self) -> dict[str, Any]:
        return {
            "base_url": self.base_url,
            "community": self.community,
            "display_name": self.display_name,
            "sandbox": self.sandbox,
            "can_publish": self.token is not None,
        }


def zenodo_message(response: httpx.Response) -> str:
    """Zenodo's own words: {"status", "message", "errors": [{"field", "messages"|"message"}]}."""
    try:
        body = response.json()
    except ValueError:
        text = response.text.strip()[:2000] or response.reason_phrase
        return f"HTTP {response.status_code}: {text}"
    if not isinstance(body, dict):
        return f"HTTP {response.status_code}: {str(body)[:2000]}"
    parts = [str(body.get("message") or response.reason_phrase)]
    for err in body.get("errors") or []:
        msgs = err.get("messages") or [err.get("message", "")]
        parts.append(f"{err.get('field', '?')}: {'; '.join(str(m) for m in msgs)}")
    return f"HTTP {response.status_code}: " + " | ".join(parts)


def retry_after_seconds(value: str | None, default: float = 1.0) -> float:
    if not value:
        return default
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, parsed.timestamp() - time.time()) if parsed else default


class ZenodoClient:
    """Async client; use ``async with ZenodoClient(settings) as zc``."""

    def __init__(
        self, settings: RepoSettings, *, max_retries: int = MAX_RETRIES, max_retry_wait: float = MAX_RETRY_WAIT
    ) -> None:
        self.settings = settings
        self.service = settings.display_name
        self.limits = Limits(timeout=settings.timeout, max_bytes=settings.max_bytes)
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.rate_limit_events: list[dict[str, Any]] = []
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Self:
        self._client = make_client(self.settings.timeout)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def url(self, path_or_url: str) -> str:
        if path_or_url.startswith(("http://", "https://")):
            return path_or_url
        return f"{self.settings.base_url}/{path_or_url.lstrip('/')}"

    def _auth_headers(self, auth: bool) -> dict[str, Any]:
        if not auth:
            return {}
        if not self.settings.token:
            raise EscapeError(
                "publishing needs a token: set software_repository.token_file or token_env on the server",
                service=self.service,
                status=401,
            )
        return {"Authorization": f"Bearer {self.settings.token}"}

    async def request(
        self,
        method: str,
        path_or_url: str,
        *,
        auth: bool = False,
        params: httpx.QueryParams | Mapping[str, Any] | list[tuple[str, str]] | None = None,
        json: Any = None,  # a JSON request body: any JSON value
        content_factory: Callable[[], bytes | AsyncIterable[bytes]] | None = None,
        headers: Mapping[str, str] | None = None,
        expect: Collection[int] = (200, 201, 202, 204),
        limits: Limits | None = None,
    ) -> httpx.Response:
        url = self.url(path_or_url)
        hdrs = {**(headers or {}), **self._auth_headers(auth)}
        attempts = 0
        while True:
            attempts += 1
            kwargs: dict[str, Any] = {"params": params, "headers": hdrs}
            if json is not None:
                kwargs["json"] = json
            if content_factory is not None:
                kwargs["content"] = content_factory()
            response = await fetch(
                self.service,
                method,
                url,
                client=self._client,
                limits=limits or self.limits,
                raise_for_status=False,
                **kwargs,
            )
            if response.status_code == 429:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                self.rate_limit_events.append({"url": url.split("?")[0], "retry_after": wait, "attempt": attempts})
                if attempts > self.max_retries or wait > self.max_retry_wait:
                    raise RateLimited(self.service, wait, attempts)
                await asyncio.sleep(wait)
                continue
            if response.status_code not in expect:
                status = response.status_code if response.status_code in (400, 401, 403, 404, 409) else 502
                raise RemoteError(self.service, zenodo_message(response), status=status)
            return response

    async def get_json(self, path_or_url: str, **kwargs: Any) -> Any:
        """The JSON body of a GET (``kwargs`` as for :meth:`request`): any JSON value, the caller checks it."""
        response = await self.request("GET", path_or_url, **kwargs)
        try:
            return response.json()
        except ValueError:
            raise RemoteError(self.service, f"answered {response.url} with something that is not JSON") from None

    def stream(self, url: str) -> AbstractAsyncContextManager[httpx.Response]:
        """Raw streaming GET (downloads); the caller bounds the size and handles status."""
        assert self._client is not None, "use ZenodoClient as an async context manager"
        return self._client.stream("GET", self.url(url), timeout=self.settings.timeout)
