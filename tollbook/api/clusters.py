"""The map's payload: incidents grouped into grid cells sized for the zoom level.

A whole-world view of a million incidents cannot ship a million points; a grid
of cells about 40 screen pixels wide can. A cell holding one incident is that
incident (its id, type, place and date come along); a cell holding many is a
count and a sum of fatalities at the cells' mean position.
"""
from __future__ import annotations

import math

from .params import Filters
from .queries import store_query

CELL_PIXELS = 40


def cell_degrees(zoom: int) -> float:
    """Degrees of longitude that CELL_PIXELS span at this zoom (256-pixel tiles)."""
    return 360.0 / (256 * 2 ** zoom) * CELL_PIXELS


def clusters(store, found: Filters, zoom: int) -> dict:
    size = cell_degrees(zoom)
    cells: dict[tuple[int, int], list] = {}
    for incident_id, lat, lon, best, row in store.points(store_query(found)):
        key = (math.floor(lon / size), math.floor(lat / size))
        cell = cells.setdefault(key, [0, 0, 0.0, 0.0, None])
        cell[0] += 1
        cell[1] += best or 0
        cell[2] += lat
        cell[3] += lon
        cell[4] = row
    return {"type": "FeatureCollection", "zoom": zoom, "cell_degrees": size,
            "features": [_feature(*cell) for cell in cells.values()]}


def _feature(count, fatalities, lat_sum, lon_sum, row) -> dict:
    properties = {"count": count, "fatalities": fatalities}
    if count == 1:
        properties.update({key: row.get(key) for key in ("incident_id", "event_date", "event_type",
                                                          "sub_event_type", "location", "country")})
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [round(lon_sum / count, 5),
                                                                             round(lat_sum / count, 5)]},
            "properties": properties}
