"""Reconciling the figures of one incident inside one article into ranges.

The rules, with examples:

1. Claims about the same group from different claimants give a range.
   "at least three police" (officials) and "11 police" (anonymous official)
   → security forces 3..11.
2. Disjoint groups add up. 15 soldiers killed, "about two dozen" militants
   (army) and "10 bodies recovered" of militants (monitor) → soldiers 15..15,
   militants 10..24, killed 25..39.
3. Subsets never add: "12 members of a single family, among them five
   children" is 12 killed, of whom 5 children; children stay inside.
4. A figure for everyone ("28 people") and figures by group describe the same
   dead: groups that fit inside the count of everyone are part of it ("at
   least five people" … "one man" → 5); groups that exceed it are another
   reading, and the total runs from the smaller to the larger ("3 people"
   and "5 civilians" → 3..5).
5. A superseded first figure ("an initial police estimate of 20 dead") still
   counts toward ``min``.
6. ``best`` is ACLED's most conservative credible figure: the lower bound of
   the current (non-superseded) claims; when every claim is superseded, the
   lower bound of them all.
7. A vague count ("dozens" = 24..99) contributes its bounds only where no
   figure counts the same victims: "dozens" and "at least 51" → 51.
8. Women and children are inside a count of everyone: "10 people … 4
   women" → 10.
9. "Others" come on top of the count before them: "one man shot dead … at
   least four others killed" reads as at least 5 in all, beside "at least
   five people" → 5.
10. A conjoined count is also claimed whole: "a soldier and two civilians were
   killed" gives a claim of 3 (kind ``total``) beside the parts 1 and 2
   (``build.claims_of``); the ranges are read from the parts → 3, civilians 2.

``civilian_fatalities`` counts claims about civilians, children and women
(children and women are civilians); ``child_fatalities`` the children.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..records import Claim, Range

CIVILIAN_GROUPS = {"civilians", "children", "women"}


def reconcile(claims: Iterable[Claim], figure: str) -> Range | None:
    """The range of one figure ('killed', 'injured', …) over an incident's claims."""
    relevant = [_with_the_others(c) for c in claims if c.figure == figure and c.kind == "figure"]
    if not relevant:
        return None
    low, high = _total(relevant)
    current = [c for c in relevant if not c.superseded] or relevant
    best = _total(current)[0]
    return Range(min=low, max=high, best=min(max(best, low), high))


def _with_the_others(claim: Claim) -> Claim:
    """Rule 9: the everyone-reading of 'four others' after 'one man' is 5."""
    if claim.adds_to is None:
        return claim
    return replace(claim, min=claim.min + claim.adds_to, max=claim.max + claim.adds_to, group="unknown")


def _at_least_parts(claims: list[Claim], low: int, high: int) -> tuple[int, int]:
    """A whole is never smaller than a part of it: 'no civilians' and '1 child among the dead' → 1."""
    floor = max((c.min for c in claims if c.subset_of), default=0)
    low = max(low, floor)
    return low, max(high, low)


def reconcile_group(claims: Iterable[Claim], figure: str, groups: set[str]) -> Range | None:
    """The range for some victims only: civilians (with children and women), or children."""
    subset = [c for c in claims if c.figure == figure and c.kind == "figure" and c.group in groups]
    if not subset:
        return None
    by_group = _group_ranges(subset, include_subsets=True)
    if groups == CIVILIAN_GROUPS and "civilians" in by_group:
        low, high = by_group["civilians"]
        for other in ("children", "women"):
            if other in by_group:  # the wider count can never be below one of its parts
                low, high = max(low, by_group[other][0]), max(high, by_group[other][1])
    else:
        low = max(r[0] for r in by_group.values())
        high = max(r[1] for r in by_group.values())
    current = [c for c in subset if not c.superseded] or subset
    best = min(c.min for c in current)
    return Range(min=low, max=high, best=min(max(best, low), high))


def _group_ranges(claims: list[Claim], *, include_subsets: bool) -> dict[str, tuple[int, int]]:
    ranges: dict[str, tuple[int, int]] = {}
    for claim in _without_vague_when_counted(claims):
        if claim.subset_of and not include_subsets:
            continue
        low, high = ranges.get(claim.group, (claim.min, claim.max))
        ranges[claim.group] = (min(low, claim.min), max(high, claim.max))
    return ranges


def _without_vague_when_counted(claims: list[Claim]) -> list[Claim]:
    """Rule 7: "dozens" agrees with a stated 51; it is a reading of its own only where nothing is counted."""
    counted = {c.group for c in claims if c.qualifier != "vague"}
    everyone_counted = "unknown" in counted
    return [c for c in claims if c.qualifier != "vague" or
            (c.group not in counted and not (c.group == "unknown" and counted) and not everyone_counted)]


def _total(claims: list[Claim]) -> tuple[int, int]:
    """Rules 1-4: ranges per group, disjoint groups summed, the all-victims reading beside them."""
    ranges = _group_ranges(claims, include_subsets=False)
    if not ranges:  # only subset figures: the largest part is a floor
        ranges = _group_ranges(claims, include_subsets=True)
        return max(r[0] for r in ranges.values()), max(r[1] for r in ranges.values())
    everyone = ranges.pop("unknown", None)
    if everyone is not None:  # "10 people … 4 women": women and children are inside a count of everyone
        for part in ("children", "women"):
            if part in ranges and ranges[part][1] <= everyone[1]:
                ranges.pop(part)
    low, high = _combine(ranges, everyone)
    return _at_least_parts(claims, low, high)


def _combine(ranges: dict[str, tuple[int, int]], everyone: tuple[int, int] | None) -> tuple[int, int]:
    if "civilians" in ranges:  # children and women are inside civilians when both are counted
        for part in ("children", "women"):
            if part in ranges:
                low, high = ranges.pop(part)
                c_low, c_high = ranges["civilians"]
                ranges["civilians"] = (max(low, c_low), max(high, c_high))
    if not ranges:
        return everyone
    parts_low = sum(r[0] for r in ranges.values())
    parts_high = sum(r[1] for r in ranges.values())
    if everyone is None:
        return parts_low, parts_high
    if parts_high <= everyone[1]:  # "at least five people … one man": the man is one of the five
        return everyone
    return min(everyone[0], parts_low), max(everyone[1], parts_high)
