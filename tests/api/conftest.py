"""A seeded SQLite store and the app over it, shared by the API, schema and browser tests."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tollbook.api import ApiSettings, create_app
from tollbook.store import open_store

from .seed import seed_results

TOKEN = "test-token-not-secret"


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory):
    store = open_store(str(tmp_path_factory.mktemp("api") / "seeded.db"))
    store.ingest(seed_results())
    yield store
    store.close()


@pytest.fixture(scope="session")
def app(seeded_store):
    return create_app(seeded_store, ApiSettings(token=TOKEN))


@pytest.fixture(scope="session")
def client(app):
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def fresh_client(tmp_path):
    """An app over an empty store of its own, for tests that write."""
    store = open_store(str(tmp_path / "fresh.db"))
    with TestClient(create_app(store, ApiSettings(token=TOKEN)), raise_server_exceptions=False) as test_client:
        yield test_client
    store.close()
