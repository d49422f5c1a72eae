"""The store's page queries at the API bench's typical filters: the plain statements against the planner.

    python -m bench.api_store --db bench/.cache/api-1000000.db

For each filter of bench/api.py: the plain statement (the filters' conditions, the order, the page,
and an exact count — what the store ran before tollbook/store/plan.py) once, then
``Store.incidents`` with ``count_incidents(cap=offset + limit + 500)`` five times (median), and
whether both give the same incident ids in the same order.
"""
from __future__ import annotations

import argparse
import statistics
import time

from sqlalchemy import select

from tollbook.store import IncidentQuery, open_store
from tollbook.store.query import count_of
from tollbook.store.schema import incidents

TYPICAL = {
    "newest page": IncidentQuery(limit=50, order="-date"),
    "country": IncidentQuery(country="Syria", limit=50, order="-date"),
    "country + month": IncidentQuery(country="Iraq", date_from="2023-05-01", date_to="2023-05-31", limit=50,
                                     order="-date"),
    "event type": IncidentQuery(event_type="Battles", limit=50, order="-date"),
    "sub-event type + year": IncidentQuery(event_type="Air/drone strike", date_from="2022-01-01",
                                           date_to="2022-12-31", limit=50, order="-date"),
    "actor": IncidentQuery(actor="Armed group 3", limit=50, order="-date"),
    "bbox": IncidentQuery(bbox=(35, 31, 40, 37), limit=50, order="-date"),
    "text": IncidentQuery(q="syria armed", limit=50, order="-date"),
    "deadliest": IncidentQuery(limit=50, order="-fatalities"),
    "page 20": IncidentQuery(limit=50, offset=1000, order="-date"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="A store built by bench/api.py (its cache).")
    store = open_store(parser.parse_args().db)
    for name, query in TYPICAL.items():
        started = time.perf_counter()
        plain = _plain(store, query)
        plain_ms = (time.perf_counter() - started) * 1000
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            planned = [i["incident_id"] for i in store.incidents(query)]
            store.count_incidents(query, cap=query.offset + query.limit + 500)
            samples.append((time.perf_counter() - started) * 1000)
        print(f"{name:24s} plain {plain_ms:8.0f} ms   planned median {statistics.median(samples):6.1f} ms   "
              f"same rows: {plain == planned}")
    store.close()


def _plain(store, query: IncidentQuery) -> list[str]:
    stmt = (select(incidents.c.incident_id).where(*query.conditions()).order_by(*query.ordering())
            .offset(query.offset).limit(query.limit))
    with store.engine.connect() as conn:
        ids = list(conn.scalars(stmt))
        conn.execute(count_of(query.conditions())).scalar_one()
    return ids


if __name__ == "__main__":
    main()
