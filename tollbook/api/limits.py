"""Bounds on what a client may send: query strings and bodies.

An ASGI middleware rather than a route check, so a huge body is refused while
it streams in (chunked uploads with no Content-Length included), before any
route reads it into memory.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.exceptions import HTTPException

from .errors import error_body


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    max_body_bytes: int = 4_000_000
    max_query_bytes: int = 4096
    max_articles: int = 100  # articles in one POST /articles
    max_chars: int = 200_000  # characters of one article's text, as `tollbook extract --max-chars`
    max_page: int = 1000  # incidents in one page of /incidents
    max_features: int = 5000  # incidents in one GeoJSON answer


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body over the bound of {limit} bytes")


class RequestBounds:
    """Refuse over-long query strings (414) and bodies (413) with the API's error shape."""

    def __init__(self, app, limits: Limits):
        self.app = app
        self.limits = limits

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if len(scope.get("query_string", b"")) > self.limits.max_query_bytes:
            return await _refuse(send, 414, f"query string over the bound of {self.limits.max_query_bytes} bytes")
        declared = _content_length(scope)
        if declared is not None and declared > self.limits.max_body_bytes:
            return await _refuse(send, 413, f"request body over the bound of {self.limits.max_body_bytes} bytes")
        await self.app(scope, _counting(receive, self.limits.max_body_bytes), send)


def _content_length(scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _counting(receive, limit: int):
    seen = 0

    async def wrapped():
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
        return message
    return wrapped


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps(error_body(status, "E602", message)).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
