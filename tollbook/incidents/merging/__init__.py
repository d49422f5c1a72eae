"""Merging reports of the same real-world incident across articles.

``features`` (what a report shows the merge) → ``blocking`` (which pairs to compare) →
``decide`` (are they the same incident) → ``cluster`` (pairs to incidents) → ``combine``
(one incident record from its reports). ``merge_items`` runs the whole chain in memory; the
store runs it on the components that new reports touch.
"""
from __future__ import annotations

from collections.abc import Iterable

from .blocking import candidate_pairs
from .cluster import Link, components, groups, incident_id
from .decide import LINK_THRESHOLD, other_weekdays, pair_score, same_incident
from .features import MergeItem, item_from_row, norm, text_terms

__all__ = ["MergeItem", "merge_items", "links_between", "components", "groups", "incident_id", "item_from_row",
           "norm", "text_terms", "pair_score", "same_incident", "LINK_THRESHOLD"]


def links_between(items: Iterable[MergeItem]) -> list[Link]:
    """Every linked candidate pair, as (score, report id, report id)."""
    links = []
    for a, b in candidate_pairs(items):
        if other_weekdays(a, b):
            continue
        score = pair_score(a, b)
        if score >= LINK_THRESHOLD:
            links.append((score, a.report_id, b.report_id))
    return links


def merge_items(items: list[MergeItem]) -> dict[str, str]:
    """report id -> incident id for a whole set of reports at once."""
    return groups(items, links_between(items))
