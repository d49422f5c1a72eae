"""Answers that cost a scan of the incidents table, kept until the data changes.

Grouping a million incidents (the map's grid, the counts by day, type, country
and actor) takes seconds; the same views are asked again and again. An answer is
kept until an ingest run starts or finishes (the store's ``runs`` table); while
a run is going on, its batches commit one by one, so then an answer is kept for
at most ``ttl`` seconds and a view may lag the database by that much. Lists,
counts and single incidents are never cached.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

from sqlalchemy import case, func, select

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
        if hit and hit[0] == version and (not _ingesting(version) or time.monotonic() - hit[1] < self.ttl):
            return hit[2]
        value = compute()
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[key] = (version, time.monotonic(), value)
        return value


def data_version(store) -> tuple:
    """(last run, last finish, runs not finished): changes whenever an ingest run starts or ends."""
    unfinished = func.sum(case((runs.c.finished.is_(None), 1), else_=0))
    with store.engine.connect() as conn:
        return tuple(conn.execute(select(func.max(runs.c.run_id), func.max(runs.c.finished), unfinished)).one())


def _ingesting(version: tuple) -> bool:
    return bool(version[2])  # a run killed mid-way stays unfinished: its views then expire by ttl
