"""What routes get injected: the store and the settings (tests swap the store for a seeded one)."""
from __future__ import annotations

from fastapi import Request


def get_store(request: Request):
    return request.app.state.store


def get_settings(request: Request):
    return request.app.state.settings
