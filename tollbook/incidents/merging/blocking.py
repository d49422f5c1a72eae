"""Which pairs of reports are worth comparing at all (blocking).

Two reports are candidates when they share a country and a place bucket and their dates fall in
one window:

* place: the same location (even across countries: outlets disagree on a border town's country);
  or the same first-level region (a town and its district); or one of them names no location and
  no other region; or coordinates within ``NEARBY_KM``.
* date: within ± ``WINDOW_DAYS[precision]`` of each other, the wider of the two precisions
  (a 'week' date may be any day of that week). A report with no event date is anchored on its
  article's publication day, looking back ``UNDATED_BACK_DAYS``; with neither it meets every
  report of its place bucket.
* names: two reports of one country (or of no known country) that share ``MIN_SHARED_NAMES``
  name-like words (``features.is_name_like``: a victim's first and last name) are candidates
  within ± ``NAME_WINDOW_DAYS`` whatever places they give: a follow-up (an arrest, a trial, a
  funeral) comes weeks after the shooting, and it often names the town differently or the
  extraction places it wrongly, while it names the same people. A name that more than
  ``MAX_NAME_REACH`` reports of the country use within that window around a report (a warlord's,
  a province's) identifies nothing: it is not followed for that report, which keeps the pass
  near-linear on dense conflict news.

Candidate pairs are symmetric and depend only on the two reports, never on the order they come
in: that is what makes the merge order-independent and incremental. Each bucket is sorted by
day once, so the whole pass is O(n log n) plus the pairs inside windows.
"""
from __future__ import annotations

import bisect
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator

from .features import MergeItem

WINDOW_DAYS = {"day": 2, "week": 9, "month": 33, "year": 370, None: 2}
UNDATED_BACK_DAYS = 31
NEARBY_KM = 30.0
NAME_WINDOW_DAYS = 366
MIN_SHARED_NAMES = 1
MAX_NAME_REACH = 64
GRID_DEGREES = 0.5


def window(item: MergeItem) -> int:
    if item.day is None:
        return UNDATED_BACK_DAYS
    return WINDOW_DAYS.get(item.precision, 2)


def dates_compatible(a: MergeItem, b: MergeItem) -> bool:
    if a.day is None and a.anchor is None or b.day is None and b.anchor is None:
        return True
    return abs(_day(a) - _day(b)) <= max(window(a), window(b))


def names_compatible(a: MergeItem, b: MergeItem) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    if len(a.names & b.names) < MIN_SHARED_NAMES:
        return False
    day_a, day_b = _day(a), _day(b)
    return day_a is None or day_b is None or abs(day_a - day_b) <= NAME_WINDOW_DAYS


def compatible(a: MergeItem, b: MergeItem) -> bool:
    return places_compatible(a, b) and dates_compatible(a, b) or names_compatible(a, b)


def places_compatible(a: MergeItem, b: MergeItem) -> bool:
    if a.country != b.country:  # one outlet places El Adde in Kenya (whose base it was), another in Somalia
        return bool(a.location) and a.location == b.location
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False
    if a.location and b.location and a.location != b.location:
        return distance_km(a, b) <= NEARBY_KM or bool(a.admin1 and a.admin1 == b.admin1)
    return True


def distance_km(a: MergeItem, b: MergeItem) -> float:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def candidate_pairs(items: Iterable[MergeItem]) -> Iterator[tuple[MergeItem, MergeItem]]:
    """Every candidate pair once, ``(a, b)`` with ``a.report_id < b.report_id``."""
    seen: set[tuple[str, str]] = set()
    items = list(items)
    for a, b in itertools.chain(_place_pairs(items), _name_pairs(items)):
        if a.report_id == b.report_id or a.article_id == b.article_id:
            continue
        if a.report_id > b.report_id:
            a, b = b, a
        key = (a.report_id, b.report_id)
        if key in seen or not compatible(a, b):
            continue
        seen.add(key)
        yield a, b


def _place_pairs(items: list[MergeItem]) -> Iterator[tuple[MergeItem, MergeItem]]:
    for bucket_a, bucket_b in _bucket_pairs(_buckets(items)):
        yield from _dated_pairs(bucket_a, bucket_b)


def _name_pairs(items: list[MergeItem]) -> Iterator[tuple[MergeItem, MergeItem]]:
    """Pairs sharing a name-like word, in one country (or with a report of no known country),
    within the name window: each name's reports sorted by day once, then a binary search."""
    by_name: dict[str, dict[str | None, list[MergeItem]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        for name in item.names:
            by_name[name][item.country].append(item)
    for countries in by_name.values():
        nowhere = countries.get(None, [])
        for country, members in countries.items():
            yield from _within(members, members, NAME_WINDOW_DAYS)
            if country is not None and nowhere:
                yield from _within(members, nowhere, NAME_WINDOW_DAYS)


def _within(left: list[MergeItem], right: list[MergeItem], reach: int,
            cap: int = MAX_NAME_REACH) -> Iterator[tuple[MergeItem, MergeItem]]:
    """Pairs of ``left`` and ``right`` within ``reach`` days (an undated report meets all), for the
    reports of ``left`` that meet at most ``cap`` reports of ``right``."""
    undated = [i for i in right if _day_or_none(i) is None]
    dated = sorted((i for i in right if _day_or_none(i) is not None), key=_day)
    days = [_day(i) for i in dated]
    for a in left:
        if _day_or_none(a) is None:
            met = dated + undated
        else:
            lo = bisect.bisect_left(days, _day(a) - reach)
            hi = bisect.bisect_right(days, _day(a) + reach)
            met = dated[lo:hi] + undated
        if len(met) <= cap:
            yield from ((a, b) for b in met)


def _day(item: MergeItem) -> int:
    return item.day if item.day is not None else item.anchor


def _buckets(items: Iterable[MergeItem]) -> dict[tuple, list[MergeItem]]:
    buckets: dict[tuple, list[MergeItem]] = defaultdict(list)
    for item in items:
        if not item.country and not item.location:
            continue  # nowhere known: nothing to block on, it stays an incident of its own
        if item.location:
            buckets[("loc", item.country, item.location)].append(item)
            buckets[("name", item.location)].append(item)
            if item.latitude is not None and item.longitude is not None:
                buckets[("grid", item.country) + _cell(item)].append(item)
        buckets[("region", item.country, item.admin1)].append(item)
        buckets[("country", item.country)].append(item)
    return buckets


def _cell(item: MergeItem) -> tuple[int, int]:
    return int(item.latitude // GRID_DEGREES), int(item.longitude // GRID_DEGREES)


def _bucket_pairs(buckets: dict[tuple, list[MergeItem]]) -> Iterator[tuple[list, list]]:
    """Same location; a located report against the unlocated ones of its region and country;
    neighbouring grid cells for nearby places."""
    unlocated = {key: [i for i in members if not i.location]
                 for key, members in buckets.items() if key[0] in ("region", "country")}
    for key, members in buckets.items():
        kind = key[0]
        if kind == "loc":
            yield members, members
        elif kind == "name" and len({i.country for i in members}) > 1:
            yield members, members
        elif kind == "region":
            yield members, members if key[2] is not None else unlocated[key]
            if key[2] is not None:
                yield members, unlocated.get(("region", key[1], None), [])
        elif kind == "country":
            yield unlocated[key], unlocated[key]
        elif kind == "grid":
            for dlat in (0, 1):
                for dlon in (-1, 0, 1) if dlat else (0, 1):
                    other = buckets.get(("grid", key[1], key[2] + dlat, key[3] + dlon))
                    if other:
                        yield members, other


def _dated_pairs(left: list[MergeItem], right: list[MergeItem]) -> Iterator[tuple[MergeItem, MergeItem]]:
    """Pairs whose days lie within the wider window, found by binary search on a day-sorted list."""
    if not left or not right:
        return
    undated = [i for i in right if _day_or_none(i) is None]
    by_window: dict[int, list[MergeItem]] = defaultdict(list)
    for item in right:
        if _day_or_none(item) is not None:
            by_window[window(item)].append(item)
    sorted_groups = []
    for width, group in sorted(by_window.items()):
        group.sort(key=_day)
        sorted_groups.append((width, group, [_day(i) for i in group]))
    for a in left:
        for b in undated:
            yield a, b
        if _day_or_none(a) is None:
            for _, group, _ in sorted_groups:
                yield from ((a, b) for b in group)
            continue
        for width, group, days in sorted_groups:
            reach = max(window(a), width)
            lo = bisect.bisect_left(days, _day(a) - reach)
            hi = bisect.bisect_right(days, _day(a) + reach)
            for b in group[lo:hi]:
                yield a, b


def _day_or_none(item: MergeItem) -> int | None:
    return item.day if item.day is not None else item.anchor
