"""Answers that cost a scan of the incidents table, kept until the data changes.

Grouping a million incidents (the map's grid, the counts by day, type, country
and actor) takes seconds; the same views are asked again and again. An answer is
kept until an ingest run starts or finishes (the store's ``runs`` table), and
for at most ``ttl`` seconds, so while a long ingest runs a view may lag the
database by up to ``ttl``; lists, counts and single incidents are never cached.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

from sqlalchemy import func, select

from tollbook.store.schema import runs


class ViewCache:
    def __init__(self, ttl: float = 15.0, size: int = 512):
        self.ttl, self.size = ttl, size
        self._entries: dict = {}
        self._lock = threading.Lock()

    def get(self, store, key: Hashable, compute: Callable[[], object]):
        version = data_version(store)
        with self._lock:
            hit = self._entries.get(key)
        if hit and hit[0] == version and time.monotonic() - hit[1] < self.ttl:
            return hit[2]
        value = compute()
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[key] = (version, time.monotonic(), value)
        return value


def data_version(store) -> tuple:
    """Changes whenever an ingest run starts or finishes (one indexed query)."""
    with store.engine.connect() as conn:
        return tuple(conn.execute(select(func.max(runs.c.run_id), func.max(runs.c.finished))).one())
