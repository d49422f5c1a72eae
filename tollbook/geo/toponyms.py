"""Toponym resolution: the place each given name in a document refers to.

Given the spans of a document's toponyms (the setting of the geoparsing
benchmarks' "resolution given gold spans"), each name's candidates come from
the index (exact, article-stripped, then skeleton keys; a demonym such as
"Turkish" is its country) and are ranked by

1. a prior: the place's population (a province's or country's is the sum of
   its towns'), its kind (a country or a continent before a province before a
   town, a district last), whether the name is the place's own name rather
   than one of its alternate names ("Florida" is the state, not Floridablanca,
   which GeoNames also calls Florida), and how loosely the spelling matched;
2. the document's coherence: how well the candidate fits the other names of
   the same document — inside a country or a province the document names, in
   the same district or province as, or near, the places the other names are
   taken to be. The first pass weighs every other name's likely candidates;
   two more passes use the others' current choices ("Paris" beside "Henry
   County" is Paris, Tennessee).

Places are returned as ``Place``; for areas, ``Place.middle`` is where a
gazetteer puts them (their ``latitude``/``longitude`` stay at the capital).
"""
from __future__ import annotations

import functools
import math
from typing import Sequence

from ..nlp.countries import countries as country_table
from .index import CITY, EXACT, SKELETON, STRIPPED, Place, PlaceIndex, keys

__all__ = ["resolve_toponyms"]

MAX_CANDIDATES = 40
KEPT = 40  # candidates per name after the prior, for the coherence passes
PASSES = 3
COHERENCE_WEIGHT = 12.0
NAMESAKE_PENALTY = 1.5
SOFTNESS = 2.0  # how much a less likely reading of another name counts in the first pass
SOFT_KEPT = 8

_KIND_BONUS = {"country": 1.5, "admin1": 0.0, "populated": 0.0, "admin2": -1.0, "feature": 0.0}
_REGION_FEATURES = ("CONT", "RGN", "OCN")
_TIER_PENALTY = {EXACT: 0.0, STRIPPED: 0.5, SKELETON: 2.0}


def resolve_toponyms(names: Sequence[str], index: PlaceIndex | None = None) -> list[Place | None]:
    """The place each of ``names`` (one document's toponyms, in order) refers to."""
    index = index or PlaceIndex.default()
    unique = list(dict.fromkeys(names))
    options = [_ranked(index, n) for n in unique]
    choice = _coherent_choice(options)
    chosen = dict(zip(unique, choice))
    return [chosen[n] for n in names]


def _ranked(index: PlaceIndex, name: str) -> list[tuple[float, Place]]:
    """(prior, place) for the name's best candidates, best first."""
    cands = _candidates(index, name)
    own = keys(name)[:2]
    scored = [(_prior(tier, p, own), p) for tier, p in cands]
    # a province or district named after its capital, or sharing its name with a
    # city of the same country, is by name first the town ("Aleppo", "Moscow", "Washington")
    towns = {(p.iso2, p.latitude, p.longitude) for _, p in cands if p.kind == "populated"}
    cities = {p.iso2 for _, p in cands if p.kind == "populated" and p.population >= CITY}
    scored = [(s - NAMESAKE_PENALTY if p.kind in ("admin1", "admin2")
               and ((p.iso2, p.latitude, p.longitude) in towns or p.iso2 in cities) else s, p)
              for s, p in scored]
    scored.sort(key=lambda sp: -sp[0])
    return scored[:KEPT]


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
    return same[:MAX_CANDIDATES]


@functools.lru_cache(maxsize=200_000)
def _own_keys(name: str) -> tuple[str, str]:
    return keys(name)[:2]


def _prior(tier: int, p: Place, own: tuple[str, str]) -> float:
    s = math.log10(p.population + 10) + _KIND_BONUS.get(p.kind, 0.0) - _TIER_PENALTY[tier]
    if p.kind == "feature" and p.feature in _REGION_FEATURES:
        s += 5.0
    place_keys = _own_keys(p.name)
    if own[0] == place_keys[0] or own[1] == place_keys[1]:
        s += 1.0  # the place's own name, not one of its alternate names
    return s


def _coherent_choice(options: list[list[tuple[float, Place]]]) -> list[Place | None]:
    n = len(options)
    # pass 1: every other name's likely candidates, weighed by how likely they are
    soft = []
    for opts in options:
        if not opts:
            soft.append([])
            continue
        top = opts[0][0]
        soft.append([(math.exp((prior - top) / SOFTNESS), p) for prior, p in opts[:SOFT_KEPT]])
    picks = [_pick(i, options, soft, n) for i in range(n)]
    # then each name in turn against the others' current choices, a change seen at once
    # (updating all together can swing two names back and forth forever)
    hard = [[(1.0, p)] if p is not None else [] for p in picks]
    for _ in range(PASSES - 1):
        changed = False
        for i in range(n):
            new = _pick(i, options, hard, n)
            if new is not picks[i]:
                picks[i], hard[i], changed = new, [(1.0, new)], True
        if not changed:
            break
    return picks


def _pick(i: int, options, others, n: int) -> Place | None:
    opts = options[i]
    if not opts:
        return None
    if len(opts) == 1 or n == 1:
        return opts[0][1]
    best, best_score = None, -math.inf
    for prior, c in opts:
        total = 0.0
        count = 0
        for j in range(n):
            if j == i or not others[j]:
                continue
            count += 1
            total += max(w * _affinity(c, d) for w, d in others[j])
        score = prior + COHERENCE_WEIGHT * total / max(count, 1)
        if score > best_score:
            best, best_score = c, score
    return best


def _affinity(c: Place, d: Place) -> float:
    """How well place ``c`` sits with place ``d`` in one document (0..1)."""
    if c is d:
        return 1.0
    if not c.iso2 or not d.iso2:
        return 0.0
    if c.iso2 != d.iso2:
        return 0.0
    if d.kind == "country" or c.kind == "country":
        return 0.6 if c.kind != d.kind else 0.0
    if c.admin1 is None or d.admin1 is None or c.admin1 != d.admin1:
        km = _km(c, d)
        return 0.6 if km is not None and km < 200 else 0.3
    if d.kind == "admin1" or c.kind == "admin1":
        return 1.0  # one inside the other
    if c.admin2 is not None and c.admin2 == d.admin2:
        return 1.0
    km = _km(c, d)
    return 1.0 if km is not None and km < 50 else 0.7


def _km(a: Place, b: Place) -> float | None:
    (la1, lo1), (la2, lo2) = a.middle, b.middle
    if la1 is None or la2 is None:
        return None
    x = math.radians(lo2 - lo1) * math.cos(math.radians((la1 + la2) / 2))
    y = math.radians(la2 - la1)
    return 6371.0 * math.hypot(x, y)
