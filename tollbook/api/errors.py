"""One JSON error shape for every failure the API answers with.

``{"ok": false, "status": 404, "code": "E604", "error": "no incident 'i1'", "errors": []}``:
the keys never change, whatever failed (a bad parameter, a missing token, an
unknown path, a body over the bound, or a bug). ``errors`` lists per-field
problems for invalid requests; it never echoes the request's own values back.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from tollbook.errors import CODES, ApiError, StoreError

log = logging.getLogger("tollbook.api")

_CODE_FOR_STATUS = {401: "E603", 403: "E603", 404: "E604", 405: "E605", 413: "E602", 414: "E602",
                    431: "E602"}


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str


class ErrorOut(BaseModel):
    ok: bool = False
    status: int
    code: str
    error: str
    errors: list[FieldError] = []


# Documented on every route, so the OpenAPI description says what failures look like.
ERROR_RESPONSES = {status: {"model": ErrorOut} for status in (400, 404, 413, 422, 500, 503)}


def error_body(status: int, code: str, message: str, errors: list[dict] | None = None) -> dict:
    return {"ok": False, "status": status, "code": code, "error": message, "errors": errors or []}


def error_response(status: int, code: str, message: str, errors: list[dict] | None = None,
                   headers: dict | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, code, message, errors), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _server_error)


async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return error_response(exc.status, exc.code, exc.args[0], headers=headers)


async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
    if exc.code == "E403":  # the query itself is wrong (too many words, a bad date): the client's to fix
        return error_response(422, exc.code, exc.args[0])
    log.error("store error on %s %s: %s", request.method, request.url.path, exc)
    return error_response(503, exc.code, CODES.get(exc.code, "the database is unavailable"))


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = _CODE_FOR_STATUS.get(exc.status_code, "E606" if exc.status_code >= 500 else "E601")
    message = exc.detail if isinstance(exc.detail, str) else CODES[code]
    return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"loc": [str(part) if not isinstance(part, int) else part for part in e.get("loc", ())],
               "msg": str(e.get("msg", "invalid"))} for e in exc.errors()]
    return error_response(422, "E601", "invalid request: " + "; ".join(_describe(e) for e in errors), errors)


async def _server_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "E606", CODES["E606"])


def _describe(error: dict) -> str:
    where = ".".join(str(part) for part in error["loc"] if part not in ("query", "path", "body"))
    return f"{where}: {error['msg']}" if where else error["msg"]
