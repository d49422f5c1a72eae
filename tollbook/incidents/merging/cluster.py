"""From linked pairs to incidents, the same whatever order the reports came in.

1. Components: reports joined by any link (union-find). A component is the unit of re-merging:
   a new report re-clusters only the components it links to.
2. Inside a component, links are taken strongest first (ties by report ids) and join two groups
   unless that would put two reports of one article together (one article's reports are
   different incidents by construction: segmentation already split them), or an undated report
   with a report that names another weekday (``decide.other_weekdays``), even through a third.

The incident id is a content hash of the group's smallest report id, so it does not depend on
the order of ingest, and an incident keeps its id while reports join it.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from .decide import NO_WEEKDAYS, Weekdays, days_conflict, weekdays_of
from .features import MergeItem

Link = tuple[float, str, str]  # (score, report id, report id)


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        parent = self.parent.setdefault(key, key)
        if parent == key:
            return key
        root = self.find(parent)
        self.parent[key] = root
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        low, high = sorted((ra, rb))
        self.parent[high] = low
        return low


def components(report_ids: Iterable[str], links: Iterable[Link]) -> dict[str, str]:
    """report id -> component id (the smallest report id in its component)."""
    found = UnionFind()
    for rid in report_ids:
        found.find(rid)
    for _, a, b in links:
        found.union(a, b)
    return {rid: found.find(rid) for rid in list(found.parent)}


def groups(items: list[MergeItem], links: list[Link]) -> dict[str, str]:
    """report id -> incident id, for the reports of one or more whole components."""
    found = UnionFind()
    articles: dict[str, set[str]] = {}
    days: dict[str, Weekdays] = {}  # only the groups where a report names a weekday
    for item in items:
        found.find(item.report_id)
        articles[item.report_id] = {item.article_id}
        if item.weekday is not None:
            days[item.report_id] = weekdays_of(item)
    for _, a, b in sorted(links, key=lambda link: (-link[0], link[1], link[2])):
        ra, rb = found.find(a), found.find(b)
        day_a, day_b = days.get(ra, NO_WEEKDAYS), days.get(rb, NO_WEEKDAYS)
        if ra == rb or articles[ra] & articles[rb] or days_conflict(day_a, day_b):
            continue
        root = found.union(ra, rb)
        articles[root] = articles[ra] | articles[rb]
        if day_a is not NO_WEEKDAYS or day_b is not NO_WEEKDAYS:
            days[root] = (day_a[0] | day_b[0], day_a[1] | day_b[1])
    members: dict[str, list[str]] = defaultdict(list)
    for item in items:
        members[found.find(item.report_id)].append(item.report_id)
    return {rid: incident_id(min(rids)) for rids in members.values() for rid in rids}


def incident_id(first_report_id: str) -> str:
    return "i" + hashlib.sha1(f"incident:{first_report_id}".encode()).hexdigest()[:20]
