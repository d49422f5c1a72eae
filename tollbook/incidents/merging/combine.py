"""One incident record from the reports that tell it.

* Dates: the most precise date the reports give; among those, the one most reports agree on
  (ties: the earliest).
* Place: the most precise place (lowest ``geo_precision``, a named location before a region);
  among equals, the one most reports name (ties: alphabetical). Its coordinates and regions come
  with it, from the same report.
* Type and actors: the value most reports give (ties: alphabetical), nulls not counted.
* Figures: ``tollbook.incidents.reconcile`` over every claim of every report — the same rules as
  inside one article: claims about the same victims give a range (min over claims, max over
  claims), ``best`` is the lower bound of the claims still standing. Where a report carries a
  figure but no claims, its range takes part directly.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..reconcile import CIVILIAN_GROUPS, reconcile, reconcile_group
from ...records import Claim, Range

PLACE_FIELDS = ("country", "iso3", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision")
VOTED_FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "actor1_text", "actor2_text")
FIGURES = {"fatalities": ("killed", None), "civilian_fatalities": ("killed", CIVILIAN_GROUPS),
           "child_fatalities": ("killed", {"children"}), "injured": ("injured", None)}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def combine(reports: Sequence[dict], claims: Sequence[tuple[str, Claim]]) -> dict:
    """The incident's event fields from its reports (dicts with the report fields, ranges as dicts)
    and their claims, as (report id, claim) pairs."""
    reports = sorted(reports, key=lambda r: r["report_id"])
    out: dict = {}
    out.update(_date(reports))
    out.update(_place(reports))
    event_type = _vote([r["event_type"] for r in reports])
    out["event_type"] = event_type
    out["sub_event_type"] = _vote([r["sub_event_type"] for r in reports if r["event_type"] == event_type])
    for name in VOTED_FIELDS[2:]:
        out[name] = _vote([r[name] for r in reports])
    for name, (figure, groups) in FIGURES.items():
        value = _figure(reports, claims, name, figure, groups)
        out[name] = value.to_dict() if value else None
    return out


def _vote(values: list) -> object:
    counted = Counter(v for v in values if v is not None)
    if not counted:
        return None
    return min(counted, key=lambda v: (-counted[v], str(v)))


def _date(reports: Sequence[dict]) -> dict:
    dated = [r for r in reports if r["event_date"]]
    if not dated:
        return {"event_date": None, "date_precision": None}
    finest = min(_PRECISION_RANK.get(r["date_precision"], 4) for r in dated)
    dates = Counter(r["event_date"] for r in dated if _PRECISION_RANK.get(r["date_precision"], 4) == finest)
    date = min(dates, key=lambda d: (-dates[d], d))
    precision = next(r["date_precision"] for r in dated if r["event_date"] == date
                     and _PRECISION_RANK.get(r["date_precision"], 4) == finest)
    return {"event_date": date, "date_precision": precision}


def _place(reports: Sequence[dict]) -> dict:
    def rank(r: dict) -> tuple:
        named = 0 if r["location"] else 1 if r["admin1"] else 2 if r["country"] else 3
        return named, r["geo_precision"] if r["geo_precision"] is not None else 9

    best = min(rank(r) for r in reports)
    tied = [r for r in reports if rank(r) == best]
    votes = Counter((r["location"], r["admin1"], r["country"]) for r in tied)
    key = min(votes, key=lambda k: (-votes[k], tuple(str(v) for v in k)))
    chosen = next(r for r in tied if (r["location"], r["admin1"], r["country"]) == key)
    return {name: chosen[name] for name in PLACE_FIELDS}


def _figure(reports, claims, name, figure, groups) -> Range | None:
    with_claims = {report_id for report_id, _ in claims}
    ranges = [Range(**r[name]) for r in reports if r[name] and r["report_id"] not in with_claims]
    plain = [claim for _, claim in claims]
    if groups is None:
        value = reconcile(plain, figure)
    else:
        value = reconcile_group(plain, figure, groups)
    if value is not None:
        ranges.append(value)
    if not ranges:
        return None
    low, high = min(r.min for r in ranges), max(r.max for r in ranges)
    best = min(r.best for r in ranges)
    return Range(min=low, max=high, best=min(max(best, low), high))
