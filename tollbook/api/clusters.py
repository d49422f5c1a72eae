"""The map's payload: incidents grouped into grid cells sized for the zoom level.

A whole-world view of a million incidents cannot ship a million points; a grid
of cells about 40 screen pixels wide can. The grouping runs in the database
(``Store.grid``: one GROUP BY over the filtered incidents). A cell holding one
incident is that incident (id, type, place and date come along); a cell holding
many is a count and a sum of fatalities at the cell's mean position.
"""
from __future__ import annotations

import dataclasses

from .cache import ViewCache
from .params import Filters
from .queries import store_query

CELL_PIXELS = 40
WHOLE_WORLD = (-180.0, -85.0, 180.0, 85.0)  # what a web map shows at its widest (Web Mercator's limit)
WORLD_ZOOM = 4  # at this zoom and below, a map's box is grouped from the whole world's grid


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
    cells = store.grid(store_query(found), size, max_cells)
    features = [_feature(cell) for cell in cells[:max_cells]]
    return {"type": "FeatureCollection", "zoom": zoom, "cell_degrees": size,
            "truncated": len(cells) > max_cells, "features": features}


def _feature(cell: dict) -> dict:
    properties = {"count": cell["count"], "fatalities": int(cell["fatalities"] or 0)}
    if cell["incident"]:
        properties.update(cell["incident"])
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(cell["lon"], 5), round(cell["lat"], 5)]},
            "properties": properties}
