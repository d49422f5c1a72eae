"""Answers that cost a scan of the incidents table, kept until the data changes.

Grouping a million incidents (the map's grid, the counts by day, type, country
and actor) takes seconds; the same views are asked again and again. An answer is
kept until an ingest run starts or finishes (the store's ``runs`` table); while
a run is going on its batches commit one by one, so then an answer is kept for
at most ``ttl`` seconds.

When an answer is out of date but younger than ``stale_for`` seconds, it is
served as it is while one background thread computes the new one; a view never
asked before is computed once however many ask for it at the same time. So a
burst of requests during an ingest costs one computation per view, not one per
request, and a view may lag the database by one computation. Lists, counts and single
incidents are never cached.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

from sqlalchemy import case, func, select

from tollbook.store.schema import runs


class ViewCache:
    def __init__(self, ttl: float = 15.0, stale_for: float = 600.0, size: int = 512):
        self.ttl, self.stale_for, self.size = ttl, stale_for, size
        self._entries: dict = {}  # key -> (version, computed at, value)
        self._refreshing: set = set()
        self._pending: dict = {}  # key -> Event set when its first computation is stored
        self._lock = threading.Lock()

    def get(self, store, key: Hashable, compute: Callable[[], object]):
        version = data_version(store)
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(key)
            if hit and hit[0] == version and (not _ingesting(version) or now - hit[1] < self.ttl):
                return hit[2]
            if hit and now - hit[1] < self.stale_for:
                if key not in self._refreshing:
                    self._refreshing.add(key)
                    threading.Thread(target=self._refresh, args=(store, key, compute), daemon=True).start()
                return hit[2]
            waiting = self._pending.get(key)
            if waiting is None:
                self._pending[key] = threading.Event()
        if waiting is not None:  # the same view is being computed: wait for it rather than compute it twice
            waiting.wait()
            return self.get(store, key, compute)
        try:
            return self._store(key, version, compute())
        finally:
            with self._lock:
                event = self._pending.pop(key, None)
            if event:
                event.set()

    def _refresh(self, store, key, compute) -> None:
        try:
            self._store(key, data_version(store), compute())
        finally:
            with self._lock:
                self._refreshing.discard(key)

    def _store(self, key, version, value):
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
