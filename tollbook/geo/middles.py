"""Representative "middle" points of areas (countries, admin1, admin2), from their towns.

ACLED places a report about a province at the province's capital; a gazetteer
such as GeoNames puts a province or a country near the middle of its area.
Both are kept: ``Place.latitude``/``longitude`` hold the capital (report
semantics), ``Place.middle`` the middle (toponym resolution).

The middle is found from the towns an area holds, in its main landmass only
(the largest group of towns on a 2-degree grid whose cells touch, so that
Alaska and Hawaii do not pull the United States into the Pacific):

* a first- or second-level division: the midpoint of that group's bounding box;
* a country: the mean of the centres of the 1-degree cells the group's towns
  occupy, which approximates the centroid of its area (dense regions count no
  more than sparse ones) — unless its towns occupy less than ``SPARSE_FILL`` of
  the cells of their bounding box: a country with wide empty lands (Egypt's
  deserts, Russia's tundra) keeps the box's midpoint, as its empty cells are
  still its own.

Measured against GeoNames' own points for the countries and provinces the
geoparsing gold sets name (``bench/geo_points.py``), these beat the median of
the towns, population-weighted centroids (clipped or not) and trimmed bounding
boxes; see the README's place section for the figures.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

__all__ = ["middle", "main_landmass"]

CLUSTER_DEGREES = 2.0
CELL_DEGREES = 1.0
SPARSE_FILL = 0.4
_COLUMNS = int(360 / CLUSTER_DEGREES)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int((lat + 90) // CLUSTER_DEGREES), int((lon + 180) // CLUSTER_DEGREES) % _COLUMNS


def main_landmass(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points in the largest group of 2-degree cells that touch (8 neighbours,
    longitude wrapping at the antimeridian)."""
    cells = Counter(_cell(lat, lon) for lat, lon in points)
    seen: set[tuple[int, int]] = set()
    best: tuple[int, set] = (0, set())
    for start in cells:
        if start in seen:
            continue
        seen.add(start)
        group, stack = {start}, [start]
        while stack:
            a, b = stack.pop()
            for da in (-1, 0, 1):
                for db in (-1, 0, 1):
                    nb = (a + da, (b + db) % _COLUMNS)
                    if nb in cells and nb not in seen:
                        seen.add(nb)
                        group.add(nb)
                        stack.append(nb)
        weight = sum(cells[c] for c in group)
        if weight > best[0]:
            best = (weight, group)
    return [p for p in points if _cell(*p) in best[1]]


def _unwrapped(lons: Iterable[float]) -> list[float]:
    """Longitudes shifted past 180 where that makes their spread smaller (Chukotka, Fiji)."""
    lons = list(lons)
    if lons and max(lons) - min(lons) > 180:
        alt = [x + 360 if x < 0 else x for x in lons]
        if max(alt) - min(alt) < max(lons) - min(lons):
            return alt
    return lons


def _wrapped(lon: float) -> float:
    return lon - 360 if lon > 180 else lon


def middle(points: Sequence[tuple[float, float]], *,
           by_cells: bool = False) -> tuple[float, float] | None:
    """The middle of an area whose towns lie at ``points`` (``None`` without towns);
    ``by_cells``: the mean of occupied 1-degree cells (countries; the box's
    midpoint where they fill under ``SPARSE_FILL`` of it), else the bounding
    box's midpoint (divisions)."""
    if not points:
        return None
    core = main_landmass(points)
    lats = [p[0] for p in core]
    lons = _unwrapped(p[1] for p in core)
    box_middle = (round((min(lats) + max(lats)) / 2, 5),
                  round(_wrapped((min(lons) + max(lons)) / 2), 5))
    if not by_cells:
        return box_middle
    cells = {(int((la + 90) // CELL_DEGREES), int((lo + 180) // CELL_DEGREES))
             for la, lo in zip(lats, lons)}
    rows = {a for a, _ in cells}
    columns = {b for _, b in cells}
    box_cells = (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1)
    if len(cells) < SPARSE_FILL * box_cells:
        return box_middle
    lat = sum((a + 0.5) * CELL_DEGREES - 90 for a, _ in cells) / len(cells)
    lon = sum((b + 0.5) * CELL_DEGREES - 180 for _, b in cells) / len(cells)
    return round(lat, 5), round(_wrapped(lon), 5)
