"""Whether two candidate reports tell the same incident: a score from the evidence they share.

Each piece of evidence adds or takes away points; the pair is linked when the sum reaches
``LINK_THRESHOLD``. The weights say how much each kind of agreement is worth:

* the same sub-event type (+2) or only the same event type (+1); different event types (-1: outlets type one event differently);
* the same named place (+2); a place only one of them names (0); nearby coordinates (+1);
* the same day (+1.5), one or two days apart (+0.5), known dates further apart (-1);
* a shared actor (+1); perpetrators both named and different (-1.5);
* death tolls whose ranges overlap or lie within a factor of two (+0.5); far apart (-1) — tolls
  rise as news comes in, so figures weigh little;
* text similarity: cosine of the two reports' distinctive words (names, numbers, rare words),
  from 0 to ``TEXT_WEIGHT`` points; below ``TEXT_FLOOR`` the reports share nothing but the setting
  (three bombings of one market in one year share a place and a type, not their words: -2).
"""
from __future__ import annotations

import math

from .blocking import distance_km
from .features import MergeItem

LINK_THRESHOLD = 5.5
TEXT_WEIGHT = 5.0
TEXT_FLOOR = 0.08


def pair_score(a: MergeItem, b: MergeItem) -> float:
    return (_type_score(a, b) + _place_score(a, b) + _date_score(a, b) + _actor_score(a, b)
            + _toll_score(a, b) + _text_score(a, b))


def same_incident(a: MergeItem, b: MergeItem) -> bool:
    return pair_score(a, b) >= LINK_THRESHOLD


def text_similarity(a: MergeItem, b: MergeItem) -> float:
    if not a.terms or not b.terms:
        return 0.0
    return len(a.terms & b.terms) / math.sqrt(len(a.terms) * len(b.terms))


def _type_score(a: MergeItem, b: MergeItem) -> float:
    if a.sub_event_type and a.sub_event_type == b.sub_event_type:
        return 2.0
    if a.event_type and a.event_type == b.event_type:
        return 1.0
    return -1.0


def _place_score(a: MergeItem, b: MergeItem) -> float:
    if a.location and a.location == b.location:
        return 2.0
    if a.location and b.location:
        return 1.0 if distance_km(a, b) <= 10 else 0.0
    if a.admin1 and a.admin1 == b.admin1:
        return 0.5
    return 0.0


def _date_score(a: MergeItem, b: MergeItem) -> float:
    if a.day is None or b.day is None:
        return 0.0
    gap = abs(a.day - b.day)
    coarse = a.precision not in ("day", None) or b.precision not in ("day", None)
    if gap == 0:
        return 0.5 if coarse else 1.5
    if gap <= 2:
        return 0.5
    return 0.0 if coarse else -1.0


def _actor_score(a: MergeItem, b: MergeItem) -> float:
    if a.actors & b.actors:
        return 1.0
    if a.actors and b.actors:
        return -1.5
    return 0.0


def _toll_score(a: MergeItem, b: MergeItem) -> float:
    if a.killed is None or b.killed is None:
        return 0.0
    (a_lo, a_hi), (b_lo, b_hi) = a.killed, b.killed
    if a_lo <= b_hi and b_lo <= a_hi:
        return 0.5
    low, high = min(a_hi, b_hi), max(a_lo, b_lo)
    return 0.5 if high <= 2 * max(low, 1) else -1.0


def _text_score(a: MergeItem, b: MergeItem) -> float:
    similarity = text_similarity(a, b)
    if similarity < TEXT_FLOOR:
        return -2.0
    return TEXT_WEIGHT * min(1.0, similarity / 0.5)
