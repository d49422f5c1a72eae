"""Toponym resolution: the place each given name in a document refers to.

Given the spans of a document's toponyms (the setting of the geoparsing
benchmarks' "resolution given gold spans"), each name's candidates come from
the index (exact, article-stripped, then skeleton keys) and are ranked by what
the rest of the document says:

1. countries and first-level regions the document names without ambiguity
   (their candidates' own country and region);
2. the country most of the document's names point to;
3. distance to the places already resolved with confidence;
4. importance: country, then large city, province, town, district, village.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Sequence

from ..nlp.countries import countries as country_table
from .index import EXACT, SKELETON, Place, PlaceIndex, bulk_keys

__all__ = ["resolve_toponyms"]

MAX_CANDIDATES = 40


def resolve_toponyms(names: Sequence[str], index: PlaceIndex | None = None) -> list[Place | None]:
    """The place each of ``names`` (one document's toponyms, in order) refers to."""
    index = index or PlaceIndex.default()
    cands = [_candidates(index, n) for n in names]
    countries, regions = _context(cands)
    anchors = [c[0][1] for c in cands if len(c) == 1 or (c and c[0][1].kind == "country")]
    out = []
    for options in cands:
        if not options:
            out.append(None)
            continue
        out.append(max(options, key=lambda tp: _score(tp, countries, regions, anchors))[1])
    return out


def _candidates(index: PlaceIndex, name: str) -> list[tuple[int, Place]]:
    demonym = country_table().by_demonym(name)
    if demonym is not None and index.country(demonym.iso2) is not None:
        # "Turkish", "Russians": the country, as a place ("Turkish troops", "a Russian city")
        return [(EXACT, index.country(demonym.iso2))]
    scored = index.lookup_scored(name)
    if not scored:
        return []
    best = scored[0][0]
    same = [tp for tp in scored if tp[0] == best]
    if best == SKELETON:  # fuzzy only: keep the few most important
        same = same[:3]
    # a province or district named after its capital is, by name, the town ("Paris", "Aleppo")
    towns = {(p.iso2, p.latitude, p.longitude) for _, p in same if p.kind == "populated"}
    same = [(t, p) for t, p in same if p.kind not in ("admin1", "admin2")
            or (p.iso2, p.latitude, p.longitude) not in towns]
    return same[:MAX_CANDIDATES]


def _context(cands) -> tuple[Counter, Counter]:
    """Votes for countries and (country, admin1) pairs: a name counts for every
    country its candidates lie in, a country or a province named outright counts more."""
    countries: Counter[str] = Counter()
    regions: Counter[tuple[str, str]] = Counter()
    for options in cands:
        if not options:
            continue
        top = options[0][1]
        if top.kind in ("country", "admin1") and options[0][0] == 0:
            countries[top.iso2] += 3
            if top.kind == "admin1" and top.admin1:
                regions[(top.iso2, top.admin1)] += 3
        seen = {p.iso2 for _, p in options}
        for cc in seen:
            countries[cc] += 1 / len(seen)
        areas = {(p.iso2, p.admin1) for _, p in options if p.admin1}
        for a in areas:
            regions[a] += 1 / len(areas)
    return countries, regions


_KIND_BONUS = {"country": 3.0, "admin1": 2.0, "populated": 0.0, "admin2": 0.5, "feature": 0.5}


def _score(tp: tuple[int, Place], countries: Counter, regions: Counter, anchors: list[Place]) -> float:
    _, p = tp
    people = p.population if p.kind in ("populated", "country") else 0  # a district's is a sum
    s = math.log10(people + 10) + _KIND_BONUS.get(p.kind, 0.0)
    total = sum(countries.values()) or 1.0
    s += 6.0 * countries.get(p.iso2, 0) / total
    if p.admin1:
        s += 2.0 * min(regions.get((p.iso2, p.admin1), 0), 3) / 3
    if p.latitude is not None and anchors:
        near = min((_km(p, a) for a in anchors if a is not p and a.latitude is not None
                    and a.kind != "country"), default=None)
        if near is not None:
            s += 1.5 if near < 50 else 0.8 if near < 200 else 0.0
    return s


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))
