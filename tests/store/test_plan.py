"""The planned page and count (tollbook.store.plan) against the plain statement and a brute-force filter.

A few hundred seeded incidents, with NULLs and ties where they hurt (dates, coordinates, actors,
fatalities); the planner's threshold is lowered so that both of its plans (a selective filter
first; the order's index walked) run on this small table. Every query must give the rows of the
plain statement, in its order, and the set a Python filter over every row gives.
"""
import json
import random

import pytest
from sqlalchemy import insert, select

from tollbook.store import IncidentQuery, plan
from tollbook.store.query import ORDERS, query_terms
from tollbook.store.schema import incident_terms, incidents

COUNTRIES = [("Mali", "MLI"), ("Somalia", "SOM"), ("Syria", "SYR"), ("Atlantis", None)]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Violence against civilians", "Attack")]
ACTORS = ["Al Shabaab", "Islamic State", "Military Forces of Mali", "Civilians", None]
WORDS = ["market", "bridge", "convoy", "school", "mosque", "checkpoint"]


def seed(store, n: int = 240, seed: int = 6) -> list[dict]:
    rng = random.Random(seed)
    rows, terms = [], []
    blank = {column.name: None for column in incidents.columns}
    for k in range(n):
        country, iso3 = rng.choice(COUNTRIES)
        event_type, sub = rng.choice(TYPES)
        actor1, actor2 = rng.choice(ACTORS), rng.choice(ACTORS)
        dated = rng.random() > 0.05
        placed = rng.random() > 0.1
        row = {**blank, "incident_id": f"i{rng.randrange(10**6):06d}-{k}",
               "event_date": f"2024-0{rng.randint(1, 3)}-{rng.randint(10, 14)}" if dated else None,
               "event_type": event_type, "sub_event_type": sub, "actor1": actor1, "actor2": actor2,
               "country": country, "iso3": iso3, "location": f"Place{k % 17}",
               "latitude": rng.uniform(-10, 30) if placed else None,
               "longitude": rng.choice([rng.uniform(-20, 60), rng.uniform(170, 180), -179.5]) if placed else None,
               "fatalities_best": rng.choice([None, 0, 0, 1, 2, 3, 5, 8, 13, 40]),
               "report_count": 1, "report_ids": json.dumps([f"r{k}"]), "outlets": "[]"}
        rows.append(row)
        words = {rng.choice(WORDS) for _ in range(rng.randint(0, 3))} | {country.lower()}
        terms.extend({"term": w, "incident_id": row["incident_id"]} for w in sorted(words))
    with store.engine.begin() as conn:
        conn.execute(insert(incidents), rows)
        conn.execute(insert(incident_terms), terms)
    return rows


def matches(row: dict, terms_of: dict, query: IncidentQuery) -> bool:
    """IncidentQuery's meaning, written out in Python."""
    if query.country and query.country != row["country"] and query.country.upper() != row["iso3"]:
        return False
    if query.date_from and not (row["event_date"] and row["event_date"] >= query.date_from):
        return False
    if query.date_to and not (row["event_date"] and row["event_date"] <= query.date_to):
        return False
    if query.event_type and query.event_type not in (row["event_type"], row["sub_event_type"]):
        return False
    if query.actor and query.actor not in (row["actor1"], row["actor2"]):
        return False
    if query.bbox:
        west, south, east, north = query.bbox
        lat, lon = row["latitude"], row["longitude"]
        if lat is None or lon is None or not south <= lat <= north:
            return False
        if not (west <= lon <= east if west <= east else lon >= west or lon <= east):
            return False
    return all(t in terms_of[row["incident_id"]] for t in query_terms(query.q))


def random_query(rng: random.Random) -> IncidentQuery:
    pick = lambda values, chance=0.35: rng.choice(values) if rng.random() < chance else None  # noqa: E731
    box = pick([(-5.0, 0.0, 40.0, 20.0), (170.0, -10.0, -170.0, 30.0), (0.0, 25.0, 1.0, 26.0)], 0.25)
    return IncidentQuery(
        country=pick(["Mali", "SOM", "syr", "Atlantis", "Nowhere"]),
        date_from=pick(["2024-01-12", "2024-02-01", "2024-03-14"], 0.3),
        date_to=pick(["2024-01-13", "2024-02-28", "2024-03-31"], 0.3),
        event_type=pick(["Battles", "Air/drone strike", "Attack", "Protests"]),
        actor=pick(["Al Shabaab", "Civilians", "Islamic State"]),
        bbox=box, q=pick(["market", "bridge school", "mali convoy", "zebra"], 0.3),
        order=rng.choice(list(ORDERS)), limit=rng.choice([None, 1, 7, 50]), offset=rng.choice([0, 0, 3, 30]))


def plain_ids(store, query: IncidentQuery) -> list[str]:
    """The statement before the planner: the conditions, the order, the page."""
    stmt = select(incidents.c.incident_id).where(*query.conditions()).order_by(*query.ordering())
    stmt = stmt.offset(query.offset)
    if query.limit is not None:
        stmt = stmt.limit(query.limit)
    with store.engine.connect() as conn:
        return list(conn.scalars(stmt))


@pytest.mark.parametrize("threshold", [0, 12, 100_000])  # never selective; sometimes; always
def test_planned_pages_are_the_plain_pages_and_the_brute_force_set(store, monkeypatch, threshold):
    monkeypatch.setattr(plan, "SELECTIVE", threshold)
    rows = seed(store)
    terms_of: dict[str, set] = {}
    with store.engine.connect() as conn:
        for term, iid in conn.execute(select(incident_terms.c.term, incident_terms.c.incident_id)):
            terms_of.setdefault(iid, set()).add(term)
    rng = random.Random(threshold)
    for _ in range(60):
        query = random_query(rng)
        got = [i["incident_id"] for i in store.incidents(query)]
        assert got == plain_ids(store, query), query
        everything = IncidentQuery(**{**{k: getattr(query, k) for k in query.__slots__}, "limit": None, "offset": 0})
        expected = {r["incident_id"] for r in rows if matches(r, terms_of, everything)}
        assert {i["incident_id"] for i in store.incidents(everything)} == expected, query
        assert store.count_incidents(everything) == len(expected)
        assert store.count_incidents(everything, cap=5) == min(5, len(expected))


def test_a_selective_filter_is_found_by_counting_through_its_index(store):
    seed(store)
    with store.engine.connect() as conn:
        assert plan.selective_filter(conn, IncidentQuery()) is None
        assert plan.selective_filter(conn, IncidentQuery(q="zebra")) is not None  # no incident has it
        many = IncidentQuery(country="Mali", actor="Nobody")
        driver = plan.selective_filter(conn, many)
        assert driver is not None and "actor" in str(driver[0])


def test_stats_by_groups_are_the_grouping_statements(tmp_path, monkeypatch):
    from tollbook.store import open_store
    monkeypatch.setattr(plan, "SELECTIVE", 12)
    store = open_store(str(tmp_path / "stats.db"))
    rows = seed(store)
    with store.engine.begin() as conn:  # one incident whose two actors are the same side
        conn.execute(incidents.update().where(incidents.c.incident_id == rows[0]["incident_id"])
                     .values(actor1="Civilians", actor2="Civilians"))
    rng = random.Random(5)
    queries = [IncidentQuery(), IncidentQuery(q="zebra")] + [random_query(rng) for _ in range(25)]
    with store.engine.connect() as conn:
        for query in queries:
            assert store.stats(query) == store._stats_by_statements(conn, query.conditions()), query
        assert store.actors() == store._actor_counts(conn, [])
    assert store.stats()["incidents"] == len(rows)
    store.close()
