"""Whether two candidate reports tell the same incident: a logistic score from what they share.

Each comparison falls into a level (the same sub-event type, the same place, one day apart, …)
and each level carries a weight; text similarity adds weights by how far it reaches. The pair is
linked when the score (the log-odds that both tell one incident) reaches ``LINK_THRESHOLD``.

The comparisons:

* type: the same sub-event type, only the same event type, or different types;
* place: the same named place, conflicting countries or regions (a pair found by its names), nearby coordinates (≤ 10 km), the same region with different
  place names, the same region only, or not known;
* date: the same day, one or two days apart, within a month, further apart (a follow-up found
  by its names), a coarse date whose span reaches the other date, or none;
* actors: one shared, both named and different, or not known;
* names: how many name-like words (``features.is_name_like``) both reports use: none, one,
  two (a first and a last name), more;
* tolls and injured counts: overlapping ranges, within a factor of two, far apart, or not known;
* weekdays: two reports that cannot be dated (no publication date) but name different weekdays
  for their incidents are never linked (``other_weekdays``), nor joined through a third report
  (``cluster``); naming the same weekday compares as dates a day or two apart;
* text: the cosine of the two reports' distinctive words, each weighted by its rarity in English
  (``features.term_weight``: names count most; three bombings of one market share a place and a
  type, not their words), and the summed weight of the shared words, by how far it reaches;

The weights (``tollbook/data/merge_weights.json``) were fitted by logistic regression
(``python -m bench.fit_merge``) on candidate pairs from half of the GVA pilot's incidents; the
other half and the dev set measure them.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from .blocking import distance_km
from .features import MergeItem, term_weight

TEXT_STEPS = (0.05, 0.1, 0.2, 0.3)
TEXT_CAP = 0.6
SHARED_STEPS = (12, 24, 36, 48)
FAR_DAYS = 31
SPAN_DAYS = {"week": 7, "month": 30, "year": 365}


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    return json.loads(resources.files("tollbook.data").joinpath("merge_weights.json").read_text())["weights"]


def link_threshold() -> float:
    return json.loads(resources.files("tollbook.data").joinpath("merge_weights.json").read_text())["threshold"]


LINK_THRESHOLD = link_threshold()


def levels(a: MergeItem, b: MergeItem) -> list[str]:
    """The comparison levels of a pair: the names of the weights that apply."""
    out = [type_level(a, b), place_level(a, b), date_level(a, b), actor_level(a, b), toll_level(a, b),
           name_level(a, b), "hurt:" + _range_level(a.injured, b.injured)]
    similarity = text_similarity(a, b)
    out.extend(f"text>={step}" for step in TEXT_STEPS if similarity >= step)
    mass = shared_mass(a, b)
    out.extend(f"shared>={step}" for step in SHARED_STEPS if mass >= step)
    return out


def pair_score(a: MergeItem, b: MergeItem) -> float:
    table = weights()
    similarity = text_similarity(a, b)
    return (table["bias"] + sum(table.get(level, 0.0) for level in levels(a, b))
            + table["text"] * min(similarity, TEXT_CAP))


def same_incident(a: MergeItem, b: MergeItem) -> bool:
    return not other_weekdays(a, b) and pair_score(a, b) >= LINK_THRESHOLD


Weekdays = tuple[frozenset[str], frozenset[str]]  # the weekdays of undated reports, of dated reports


NO_WEEKDAYS: Weekdays = (frozenset(), frozenset())


def weekdays_of(item: MergeItem) -> Weekdays:
    if item.weekday is None:
        return NO_WEEKDAYS
    return (frozenset({item.weekday}), frozenset()) if item.day is None else (frozenset(), frozenset({item.weekday}))


def days_conflict(a: Weekdays, b: Weekdays) -> bool:
    """Whether an undated report on one side names another weekday than a report on the other: rockets
    'on Friday' and shelling 'on Wednesday', told by articles with no date to resolve them, are two days'
    incidents. Two dated reports are left to their dates. Not a fitted weight: every GVA article is
    dated, so no pair there shows it."""
    return any(x != y for x in a[0] for y in b[0] | b[1]) or any(x != y for x in a[1] for y in b[0])


def other_weekdays(a: MergeItem, b: MergeItem) -> bool:
    if a.weekday is None or b.weekday is None:
        return False  # nearly every pair: asked of each candidate pair, it must stay cheap
    return days_conflict(weekdays_of(a), weekdays_of(b))


def text_similarity(a: MergeItem, b: MergeItem) -> float:
    if not a.term_norm or not b.term_norm:
        return 0.0
    shared = a.terms & b.terms
    return sum(term_weight(t) ** 2 for t in shared) / (a.term_norm * b.term_norm)


def shared_mass(a: MergeItem, b: MergeItem) -> float:
    """How much the words both reports use say, not scaled by how long the reports are: a page
    that carries other stories around the one it tells has a long word list, and its cosine
    with a short report stays low even when they share the victim's name and the street."""
    return sum(term_weight(t) for t in a.terms & b.terms)


def type_level(a: MergeItem, b: MergeItem) -> str:
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        return "type:same_sub"
    if a.event_type and a.event_type == b.event_type:
        return "type:same_event"
    return "type:different"


def place_level(a: MergeItem, b: MergeItem) -> str:
    if a.location and a.location == b.location:
        return "place:same"
    if a.country and b.country and a.country != b.country or a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return "place:conflict"
    if a.location and b.location and distance_km(a, b) <= 10:
        return "place:near"
    if a.admin1 and a.admin1 == b.admin1:
        return "place:region_other_name" if a.location and b.location else "place:region"
    return "place:unknown"


def date_level(a: MergeItem, b: MergeItem) -> str:
    if a.day is None or b.day is None:
        # shelling "on Wednesday" told by two undated articles: at best one day, at worst a week apart;
        # scored as dates a day or two apart (no GVA pair shows it: every GVA article is dated)
        same_weekday = a.weekday is not None and a.weekday == b.weekday
        return "date:near" if same_weekday else "date:unknown"
    gap = date_gap(a, b)
    if gap <= 2 and (a.precision not in ("day", None) or b.precision not in ("day", None)):
        return "date:coarse"
    return ("date:same" if gap == 0 else "date:near" if gap <= 2 else "date:far" if gap <= FAR_DAYS
            else "date:months")


def date_gap(a: MergeItem, b: MergeItem) -> int:
    """Days between the two dates' spans: a 'week' date is its Monday and may be any day up to
    the next Monday (a weekend), a 'month' date its first day and may be any of the month."""
    a_end, b_end = a.day + SPAN_DAYS.get(a.precision, 0), b.day + SPAN_DAYS.get(b.precision, 0)
    return max(0, a.day - b_end, b.day - a_end)


def actor_level(a: MergeItem, b: MergeItem) -> str:
    if a.actors & b.actors:
        return "actor:shared"
    if a.actors and b.actors:
        return "actor:different"
    return "actor:unknown"


def toll_level(a: MergeItem, b: MergeItem) -> str:
    return "toll:" + _range_level(a.killed, b.killed)


def _range_level(a: tuple[int, int] | None, b: tuple[int, int] | None) -> str:
    if a is None or b is None:
        return "unknown"
    (a_lo, a_hi), (b_lo, b_hi) = a, b
    if a_lo <= b_hi and b_lo <= a_hi:
        return "overlap"
    low, high = min(a_hi, b_hi), max(a_lo, b_lo)
    return "close" if high <= 2 * max(low, 1) else "far"


def name_level(a: MergeItem, b: MergeItem) -> str:
    shared = len(a.names & b.names)
    return "names:none" if shared == 0 else "names:one" if shared == 1 else "names:two" if shared == 2 else "names:more"
