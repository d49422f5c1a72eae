"""Incidents grouped into grid cells (the map's payload), and the store's data version.

The grouping runs in the database: one GROUP BY over the filtered incidents. A cell holding one
incident carries that incident's id, type, place and date; a cell holding many is a count and a
sum of fatalities at the cell's mean position.
"""
from __future__ import annotations

from sqlalchemy import Connection, Integer, case, cast, func, select

from .query import IncidentQuery
from .schema import incidents, runs

DETAIL = ("incident_id", "event_date", "event_type", "sub_event_type", "location", "country")
CHUNK = 500


def grid_cells(conn: Connection, query: IncidentQuery, size: float, max_cells: int) -> list[dict]:
    """Cells of ``size`` degrees holding incidents with coordinates, fullest first, at most
    ``max_cells + 1`` (one more says that more were left out)."""
    c = incidents.c
    x, y = _cell(c.longitude + 180.0, size, conn.dialect.name), _cell(c.latitude + 90.0, size, conn.dialect.name)
    count = func.count().label("count")
    where = [*query.conditions(), c.latitude.is_not(None), c.longitude.is_not(None)]
    stmt = (select(x.label("x"), y.label("y"), count,
                   func.coalesce(func.sum(c.fatalities_best), 0).label("fatalities"),
                   func.avg(c.latitude).label("lat"), func.avg(c.longitude).label("lon"),
                   func.min(c.incident_id).label("first_id"))
            .where(*where).group_by("x", "y").order_by(count.desc(), "x", "y").limit(max_cells + 1))
    cells = [dict(row._mapping) for row in conn.execute(stmt)]
    details = _details(conn, [cell["first_id"] for cell in cells if cell["count"] == 1])
    for cell in cells:
        cell["incident"] = details.get(cell["first_id"]) if cell["count"] == 1 else None
    return cells


def data_version(conn: Connection) -> tuple:
    """(last run, last finish, runs not finished): changes whenever an ingest run starts or ends."""
    unfinished = func.sum(case((runs.c.finished.is_(None), 1), else_=0))
    return tuple(conn.execute(select(func.max(runs.c.run_id), func.max(runs.c.finished), unfinished)).one())


def _cell(shifted, size: float, dialect: str):
    # Shifted coordinates are never negative, so SQLite's truncating cast is a floor;
    # PostgreSQL's cast rounds, so it gets floor() itself.
    if dialect == "postgresql":
        return cast(func.floor(shifted / size), Integer)
    return cast(shifted / size, Integer)


def _details(conn: Connection, ids: list[str]) -> dict[str, dict]:
    out = {}
    for start in range(0, len(ids), CHUNK):
        stmt = select(*(incidents.c[name] for name in DETAIL)).where(incidents.c.incident_id.in_(ids[start:start + CHUNK]))
        out.update({row.incident_id: dict(row._mapping) for row in conn.execute(stmt)})
    return out
