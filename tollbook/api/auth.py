"""Writing needs the bearer token; reading is open."""
from __future__ import annotations

import hmac

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tollbook.errors import ApiError

_bearer = HTTPBearer(auto_error=False, description="The server's TOLLBOOK_TOKEN")


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> None:
    expected = request.app.state.settings.token
    if not expected:
        raise ApiError("writing is disabled: start the server with TOLLBOOK_TOKEN set", code="E607", status=403)
    given = credentials.credentials if credentials else ""
    # compare_digest: the time taken must not tell how much of a guess was right.
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise ApiError("missing or wrong bearer token (Authorization: Bearer <TOLLBOOK_TOKEN>)",
                       code="E603", status=401)
