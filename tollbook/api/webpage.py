"""The web page, served by the same process: static files, with vendored libraries under /static/vendor."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from tollbook.web import STATIC_DIR, vendor_missing


def mount_web(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        missing = vendor_missing()
        if missing:
            # A checkout where `make web` has not run: say what to do instead of a blank map.
            from tollbook.errors import ApiError
            raise ApiError(f"the web page's libraries are not built ({', '.join(missing)}): run `make web`",
                           code="E606", status=503)
        return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})
