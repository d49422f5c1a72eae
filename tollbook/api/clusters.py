"""The map's payload: incidents grouped into grid cells sized for the zoom level.

A whole-world view of a million incidents cannot ship a million points; a grid
of cells about 40 screen pixels wide can. The grouping runs in the database
(one GROUP BY over the filtered incidents, using the store's own filter
conditions). A cell holding one incident is that incident (id, type, place and
date come along); a cell holding many is a count and a sum of fatalities at
the cell's mean position.
"""
from __future__ import annotations

import dataclasses

from sqlalchemy import Integer, cast, func, select

from tollbook.store.schema import incidents

from .cache import ViewCache
from .params import Filters
from .queries import store_query

CELL_PIXELS = 40
WHOLE_WORLD = (-180.0, -85.0, 180.0, 85.0)  # what a web map shows at its widest (Web Mercator's limit)
WORLD_ZOOM = 4  # at this zoom and below, a map's box is grouped from the whole world's grid
_DETAIL = ("incident_id", "event_date", "event_type", "sub_event_type", "location", "country")


def cell_degrees(zoom: int) -> float:
    """Degrees that CELL_PIXELS span at this zoom (256-pixel web-map tiles)."""
    return 360.0 / (256 * 2 ** zoom) * CELL_PIXELS


class ClusterCache:
    """Grids by filters and zoom, kept in a ViewCache; low zooms are cut from the whole world's grid."""

    def __init__(self, views: ViewCache):
        self.views = views

    def get(self, store, found: Filters, zoom: int, max_cells: int) -> dict:
        if zoom <= WORLD_ZOOM and found.bbox:
            # A low zoom shows most of the world anyway: one grid of everything serves every box.
            whole = self.get(store, dataclasses.replace(found, bbox=None), zoom, max_cells)
            return _inside(whole, found.bbox)
        found = _without_whole_world(found)
        key = ("clusters", dataclasses.astuple(found), zoom, max_cells)
        return self.views.get(store, key, lambda: clusters(store, found, zoom, max_cells))


def _inside(collection: dict, box) -> dict:
    west, south, east, north = box
    kept = [f for f in collection["features"]
            if south <= f["geometry"]["coordinates"][1] <= north and west <= f["geometry"]["coordinates"][0] <= east]
    return {**collection, "features": kept}


def _without_whole_world(found: Filters) -> Filters:
    box = found.bbox
    if box and box[0] <= WHOLE_WORLD[0] and box[1] <= WHOLE_WORLD[1] and box[2] >= WHOLE_WORLD[2] \
            and box[3] >= WHOLE_WORLD[3]:
        return dataclasses.replace(found, bbox=None)  # no range scan for a box that holds everything
    return found


def clusters(store, found: Filters, zoom: int, max_cells: int) -> dict:
    size = cell_degrees(zoom)
    with store.engine.connect() as conn:
        cells = conn.execute(_grid(conn.dialect.name, found, size, max_cells)).all()
        single = [cell.first_id for cell in cells if cell.count == 1]
        details = _details(conn, single)
    features = [_feature(cell, details.get(cell.first_id)) for cell in cells[:max_cells]]
    return {"type": "FeatureCollection", "zoom": zoom, "cell_degrees": size,
            "truncated": len(cells) > max_cells, "features": features}


def _grid(dialect: str, found: Filters, size: float, max_cells: int):
    c = incidents.c
    x, y = _cell(c.longitude + 180.0, size, dialect), _cell(c.latitude + 90.0, size, dialect)
    count = func.count().label("count")
    where = [*store_query(found).conditions(), c.latitude.is_not(None), c.longitude.is_not(None)]
    return (select(x.label("x"), y.label("y"), count,
                   func.coalesce(func.sum(c.fatalities_best), 0).label("fatalities"),
                   func.avg(c.latitude).label("lat"), func.avg(c.longitude).label("lon"),
                   func.min(c.incident_id).label("first_id"))
            .where(*where).group_by("x", "y").order_by(count.desc(), "x", "y").limit(max_cells + 1))


def _cell(shifted, size: float, dialect: str):
    # Shifted coordinates are never negative, so SQLite's truncating cast is a floor;
    # PostgreSQL's cast rounds, so it gets floor() itself.
    if dialect == "postgresql":
        return cast(func.floor(shifted / size), Integer)
    return cast(shifted / size, Integer)


def _details(conn, ids: list[str]) -> dict[str, dict]:
    out = {}
    for start in range(0, len(ids), 500):
        stmt = select(*(incidents.c[name] for name in _DETAIL)).where(incidents.c.incident_id.in_(ids[start:start + 500]))
        out.update({row.incident_id: dict(row._mapping) for row in conn.execute(stmt)})
    return out


def _feature(cell, detail: dict | None) -> dict:
    properties = {"count": cell.count, "fatalities": int(cell.fatalities or 0)}
    if cell.count == 1 and detail:
        properties.update(detail)
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(cell.lon, 5), round(cell.lat, 5)]},
            "properties": properties}
