"""Running the app under uvicorn: one store per process, opened from the database URL.

The URL travels in the environment so that every worker process uvicorn starts
opens the same database (``--workers N``).
"""
from __future__ import annotations

import functools
import os

from .app import ApiSettings, create_app, warm_views

DB_ENV = "TOLLBOOK_DB"
APP_FACTORY = "tollbook.api.server:app_from_env"


def use_database(db_url: str) -> None:
    os.environ[DB_ENV] = db_url


@functools.lru_cache(maxsize=1)
def app_from_env():
    from tollbook.store import open_store
    store = open_store(os.environ[DB_ENV])
    app = create_app(store, ApiSettings.from_env())
    warm_views(app)
    return app
