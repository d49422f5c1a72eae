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

An answer is also kept, whatever the version, for ``cost_factor`` times as long as it took
to compute: during an ingest the version changes every few seconds, and a view that takes
seconds to compute would otherwise be recomputed without pause, taking the CPU from the
requests (the load test's timeouts). So recomputing a view takes at most about
1/``cost_factor`` of one core, and a slow view may lag by that long.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable


class ViewCache:
    def __init__(self, ttl: float = 15.0, stale_for: float = 600.0, size: int = 512, cost_factor: float = 10.0):
        self.ttl, self.stale_for, self.size, self.cost_factor = ttl, stale_for, size, cost_factor
        self._entries: dict = {}  # key -> (version, computed at, value, seconds it took)
        self._refreshing: set = set()
        self._pending: dict = {}  # key -> Event set when its first computation is stored
        self._lock = threading.Lock()

    def get(self, store, key: Hashable, compute: Callable[[], object]):
        version = store.version()
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(key)
            if hit and (hit[0] == version and (not _ingesting(version) or now - hit[1] < self.ttl)
                        or now - hit[1] < self.cost_factor * hit[3]):
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
            return self._store(key, version, *_timed(compute))
        finally:
            with self._lock:
                event = self._pending.pop(key, None)
            if event:
                event.set()

    def _refresh(self, store, key, compute) -> None:
        try:
            self._store(key, store.version(), *_timed(compute))
        finally:
            with self._lock:
                self._refreshing.discard(key)

    def _store(self, key, version, value, seconds: float):
        with self._lock:
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[key] = (version, time.monotonic(), value, seconds)
        return value


def _timed(compute: Callable[[], object]) -> tuple[object, float]:
    started = time.monotonic()
    value = compute()
    return value, time.monotonic() - started


def _ingesting(version: tuple) -> bool:
    return bool(version[2])  # a run killed mid-way stays unfinished: its views then expire by ttl
