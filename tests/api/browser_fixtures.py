"""A live server over the seeded store, and Debian's chromium driven by Playwright."""
from __future__ import annotations

import os
import socket
import threading
import time

import pytest
import uvicorn

from tollbook.api import ApiSettings, create_app

from .conftest import TOKEN

CHROMIUM = "/usr/bin/chromium"
# Debian's chromium, headless and quiet: no GPU, no background calls home, no first-run pages.
# Playwright's own browser downloads are never used (executable_path points at Debian's).
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def live_server(seeded_store):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(seeded_store, ApiSettings(token=TOKEN)), host="127.0.0.1", port=port,
                            log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: `make chromium` installs Debian's package")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    new_page = context.new_page()
    new_page.dialogs, new_page.errors = [], []
    new_page.on("dialog", lambda dialog: (new_page.dialogs.append(dialog.message), dialog.dismiss()))
    new_page.on("pageerror", lambda error: new_page.errors.append(str(error)))
    yield new_page
    assert new_page.errors == [], "the page threw"
    context.close()
