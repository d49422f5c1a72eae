"""``Store.stats`` on SQLite from one read of the matches grouped three ways, not five index walks.

SQLite answers each GROUP BY of the plain statements by walking the grouped column's index and
reading every row it points to, whatever the filter: five such walks for one /stats answer
(seconds at a million incidents, even under a filter that matches a few thousand). Here the
matches are read once, through the store's planner (a selective filter's own index, or the
table in order), into a materialized table, which is grouped three times — by day; by (type,
country); by (actor1, actor2) — and the few hundred or thousand groups are added up in Python. The grouping stays in SQLite, which lets other threads run meanwhile (a Python loop
over a million rows would hold the interpreter for seconds). The answer is that of the
statements, key order included (SQLite puts NULL first and compares text as code points, as
Python does); PostgreSQL keeps the statements.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, func, literal, null, select, union_all

from .plan import matching
from .query import IncidentQuery
from .schema import incidents


def stats_by_groups(conn: Connection, query: IncidentQuery) -> dict:
    c = incidents.c
    found = matching(conn, query, walk=None).with_only_columns(
        c.event_date, c.event_type, c.country, c.actor1, c.actor2, c.fatalities_best)
    matches = found.cte("matches").prefix_with("MATERIALIZED")  # the matches are read once, then grouped thrice
    m = matches.c

    def grouped(part: str, first, second):
        keys = [first.label("first"), (second if second is not None else null()).label("second")]
        return (select(literal(part).label("part"), *keys, func.count().label("n"),
                       func.coalesce(func.sum(m.fatalities_best), 0).label("deaths"))
                .group_by(*[k for k in (first, second) if k is not None]))

    rows = conn.execute(union_all(grouped("day", m.event_date, None), grouped("place", m.event_type, m.country),
                                  grouped("actors", m.actor1, m.actor2))).all()
    by_day = {first: (n, int(deaths)) for part, first, _, n, deaths in rows if part == "day"}
    out = {"incidents": sum(n for n, _ in by_day.values()), "fatalities": sum(d for _, d in by_day.values()),
           "by_day": _ranked_keys(by_day)}
    types, countries = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for part, event_type, country, n, deaths in rows:
        if part == "place":
            for table, key in ((types, event_type), (countries, country)):
                table[key][0] += n
                table[key][1] += int(deaths)
    out["by_event_type"], out["by_country"] = _ranked_keys(types), _ranked_keys(countries)
    out["by_actor"] = actor_counts([row[1:] for row in rows if row[0] == "actors"])
    return out


def actor_counts(pairs) -> list[dict]:
    """Per actor: incidents naming it on either side, and the fatalities of each side it is on
    (an incident with the same actor on both sides counts once and adds its deaths twice, as the
    statements' UNION ALL of the two sides does)."""
    actors: dict = defaultdict(lambda: [0, 0])
    for actor1, actor2, n, killed in pairs:
        for actor in {actor1, actor2} - {None}:
            actors[actor][0] += n
        for actor in (actor1, actor2):
            if actor is not None:
                actors[actor][1] += int(killed)
    ranked = sorted(actors.items(), key=lambda item: (-item[1][0], item[0]))
    return [{"actor": a, "incidents": n, "fatalities": d} for a, (n, d) in ranked]


def _ranked_keys(groups: dict) -> list[dict]:
    keys = sorted(groups, key=lambda k: (k is not None, k or ""))
    return [{"key": k, "incidents": groups[k][0], "fatalities": groups[k][1]} for k in keys]
