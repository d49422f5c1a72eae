"""Which representative point of an area lies closest to GeoNames' own point?

    python -m bench.geo_points [--data DIR]

For every country (PCLI) and first-level division (ADM1) that the LGL and
TR-News gold sets name, compares GeoNames' point (from the gold) with points
computed from the towns our index puts in that area, and prints, per method,
the median distance and the share within 161 km, over distinct areas and over
mentions. The chosen methods (``tollbook/geo/middles.py``): a division's
main-landmass bounding box, a country's occupied-cell mean (its box's midpoint
where its towns fill under 40% of the box).
Data: ../shared/data/geoparsing (third-party, never copied into the repository).
"""
from __future__ import annotations

import argparse
import statistics
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

from tollbook.geo.index import PlaceIndex
import tollbook.geo.middles as middles_module
from tollbook.geo.middles import _unwrapped, _wrapped, middle

from .geo import DATA, km


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def _cell_mean(pts: list[tuple[float, float]]) -> tuple[float, float]:
    saved, middles_module.SPARSE_FILL = middles_module.SPARSE_FILL, 0.0
    try:
        return middle(pts, by_cells=True)
    finally:
        middles_module.SPARSE_FILL = saved


def methods(towns: list[tuple], capital: tuple) -> dict[str, tuple[float, float]]:
    """towns: (lat, lon, population); capital: the point the index gives the area."""
    pts = [(t[0], t[1]) for t in towns]
    lats = [t[0] for t in towns]
    lons = _unwrapped(t[1] for t in towns)
    weights = [max(t[2], 1) for t in towns]
    total = sum(weights)
    popw = (sum(a * w for a, w in zip(lats, weights)) / total,
            sum(a * w for a, w in zip(lons, weights)) / total)
    return {
        "capital": capital,
        "median of towns": (statistics.median(lats), _wrapped(statistics.median(lons))),
        "population-weighted": (popw[0], _wrapped(popw[1])),
        "population-weighted, clipped": (
            min(max(popw[0], _pct(lats, .05)), _pct(lats, .95)),
            _wrapped(min(max(popw[1], _pct(lons, .05)), _pct(lons, .95)))),
        "bbox of all towns": ((min(lats) + max(lats)) / 2, _wrapped((min(lons) + max(lons)) / 2)),
        "bbox 2-98%": ((_pct(lats, .02) + _pct(lats, .98)) / 2,
                       _wrapped((_pct(lons, .02) + _pct(lons, .98)) / 2)),
        "main-landmass bbox": middle(pts),
        "main-landmass cell mean": _cell_mean(pts),
        "cell mean, box where sparse": middle(pts, by_cells=True),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=__import__("pathlib").Path, default=DATA)
    args = ap.parse_args()
    gold: dict[int, tuple[float, float]] = {}
    mentions: Counter[int] = Counter()
    for name in ("lgl.xml", "TR-News.xml"):
        path = args.data / name
        if not path.exists():
            print(f"(missing: {path})")
            continue
        for t in ET.parse(path).getroot().iter("toponym"):
            tag = t.find("gaztag")
            if tag is not None and tag.get("geonameid") and tag.findtext("fcode") in ("PCLI", "ADM1"):
                gid = int(tag.get("geonameid"))
                gold[gid] = (float(tag.findtext("lat")), float(tag.findtext("lon")))
                mentions[gid] += 1
    index = PlaceIndex.default()
    rows = [index._rows[i] for i in range(len(index))]
    towns: dict[tuple, list[tuple]] = defaultdict(list)
    for r in rows:
        if r[1] == "populated":
            towns[("country", r[2])].append((r[6], r[7], r[8]))
            if r[5]:
                towns[("admin1", r[2], r[5])].append((r[6], r[7], r[8]))
    found: dict[str, dict[str, list[tuple[float, int]]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r[9] not in gold or r[1] not in ("country", "admin1") or r[6] is None:
            continue
        key = ("country", r[2]) if r[1] == "country" else ("admin1", r[2], r[5])
        if len(towns.get(key, ())) < 3:
            continue
        for name, point in methods(towns[key], (r[6], r[7])).items():
            found[r[1]][name].append((km(*gold[r[9]], *point), mentions[r[9]]))
    for kind, by_method in found.items():
        print(f"{kind} ({len(next(iter(by_method.values())))} areas)")
        print(f"  {'method':<30} {'median km':>9} {'≤161 km, areas':>15} {'≤161 km, mentions':>18}")
        for name, ds in sorted(by_method.items(), key=lambda kv: statistics.median(d for d, _ in kv[1])):
            areas = 100 * sum(d <= 161 for d, _ in ds) / len(ds)
            weighted = 100 * sum(n for d, n in ds if d <= 161) / sum(n for _, n in ds)
            print(f"  {name:<30} {statistics.median(d for d, _ in ds):>9.0f} {areas:>14.1f}% "
                  f"{weighted:>17.1f}%")


if __name__ == "__main__":
    main()
