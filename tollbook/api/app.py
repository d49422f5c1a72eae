"""The FastAPI application: routers over store queries, the web page, and the bounds around them."""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from tollbook import __version__

from .cache import ViewCache
from .clusters import ClusterCache
from .errors import install_error_handlers
from .headers import SecurityHeaders
from .limits import Limits, RequestBounds
from .params import Filters
from .queries import store_query
from .routes import actors, articles, incidents, stats
from .routes.actors import ACTORS_KEY
from .routes.stats import stats_key
from .webpage import mount_web

DESCRIPTION = """Incidents merged from news reports, every figure with who claims it.

Reading is open. `POST /articles` needs `Authorization: Bearer <TOLLBOOK_TOKEN>`.
Every error has one shape: `{"ok": false, "status", "code", "error", "errors"}`."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiSettings:
    token: str | None = None  # TOLLBOOK_TOKEN; without one, POST /articles is refused
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def from_env(cls, **overrides) -> "ApiSettings":
        return cls(token=os.environ.get("TOLLBOOK_TOKEN") or None, **overrides)


def warm_views(app: FastAPI) -> threading.Thread:
    """Compute what the page asks first — the whole-world map at low zooms, the counts behind the
    timeline and the filter choices — in the background, so the first visitor does not wait."""
    store, limits = app.state.store, app.state.settings.limits

    def run():
        for zoom in (1, 2, 3):
            app.state.cluster_cache.get(store, Filters(), zoom, limits.max_features)
        app.state.views.get(store, stats_key(Filters()), lambda: store.stats(store_query(Filters())))
        app.state.views.get(store, ACTORS_KEY, store.actors)
    thread = threading.Thread(target=run, name="tollbook-warm-views", daemon=True)
    thread.start()
    return thread


def create_app(store, settings: ApiSettings | None = None, *, extract=None) -> FastAPI:
    """The app over ``store`` (a ``tollbook.store.Store``).

    ``extract`` maps an iterable of Articles to ExtractionResults; by default
    ``tollbook.extract_articles`` (the spaCy pipeline, loaded on first use).
    """
    settings = settings or ApiSettings.from_env()
    app = FastAPI(title="tollbook", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None)  # the stock docs pages load scripts from a CDN
    app.state.store = store
    app.state.settings = settings
    app.state.extract = extract
    app.state.views = ViewCache()
    app.state.cluster_cache = ClusterCache(app.state.views)
    install_error_handlers(app)
    for module in (incidents, articles, stats, actors):
        app.include_router(module.router)
    mount_web(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=6)  # 9 costs 2.5x the CPU for 5% less
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestBounds, limits=settings.limits)
    return app
