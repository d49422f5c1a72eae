"""``Store.stats`` on SQLite from three small groupings instead of five walks of an index.

SQLite answers each GROUP BY of the plain statements by walking the grouped column's index and
reading every row it points to, whatever the filter: five such walks for one /stats answer
(seconds at a million incidents, even under a filter that matches a few thousand). Here the
matches are grouped three times — by day; by (type, country); by (actor1, actor2) — with the
grouped columns kept off their indexes (so SQLite reads the matches through the filter's own
index, or the table in order, and sorts), and the few hundred or thousand groups are added up
in Python. The grouping stays in SQLite, which lets other threads run meanwhile (a Python loop
over a million rows would hold the interpreter for seconds). The answer is that of the
statements, key order included (SQLite puts NULL first and compares text as code points, as
Python does); PostgreSQL keeps the statements.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, func

from .plan import matching, unindexed
from .query import IncidentQuery
from .schema import incidents


def stats_by_groups(conn: Connection, query: IncidentQuery) -> dict:
    found = matching(conn, query, walk=None)
    deaths = func.coalesce(func.sum(incidents.c.fatalities_best), 0)

    def grouped(*names: str):
        keys = [unindexed(name).label(name) for name in names]
        return conn.execute(found.with_only_columns(*keys, func.count(), deaths).group_by(*keys)).all()

    by_day = grouped("event_date")
    out = {"incidents": sum(row[1] for row in by_day), "fatalities": sum(int(row[2]) for row in by_day),
           "by_day": _ranked_keys({row[0]: (row[1], int(row[2])) for row in by_day})}
    types, countries = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for event_type, country, n, killed in grouped("event_type", "country"):
        for table, key in ((types, event_type), (countries, country)):
            table[key][0] += n
            table[key][1] += int(killed)
    out["by_event_type"], out["by_country"] = _ranked_keys(types), _ranked_keys(countries)
    out["by_actor"] = actor_counts(grouped("actor1", "actor2"))
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
