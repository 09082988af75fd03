"""One error type for every domain module, so handlers can report any failure the same way."""

from __future__ import annotations

from typing import Any


class EscapeError(Exception):
    """A failure the user should read: what went wrong, and which service said so.

    ``message`` is shown verbatim; when a remote service produced the error its own words go in it.
    ``status`` is the HTTP status the handler answers with (400 for bad input, 502 for a remote failure,
    504 for a timeout, 404 for something that does not exist).
    """

    def __init__(
        self, message: str, *, service: str | None = None, status: int = 400, detail: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.service = service
        self.status = status
        self.detail = detail

    def to_json(self) -> dict[str, Any]:
        out = {"error": self.message, "service": self.service}
        if self.detail:
            out["detail"] = self.detail
        return out

    def __str__(self) -> str:
        return f"{self.service}: {self.message}" if self.service else self.message


class BadInput(EscapeError):
    """The caller asked for something malformed; names the offending field."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}", status=400)
        self.field = field


class RemoteError(EscapeError):
    """A remote service answered with an error; its message is kept verbatim."""

    def __init__(self, service: str, message: str, *, status: int = 502, detail: str | None = None) -> None:
        super().__init__(message, service=service, status=status, detail=detail)


class ServiceTimeout(EscapeError):
    def __init__(self, service: str, seconds: float) -> None:
        super().__init__(f"no answer within {seconds:g} s", service=service, status=504)
