"""The one place where API parameters become a store query."""
from __future__ import annotations

from tollbook.store import IncidentQuery

from .params import Filters

# API sort keys (the store's orders); '-' first means descending.
SORT_KEYS = ("-date", "date", "-fatalities", "fatalities")


def store_query(found: Filters, *, limit: int | None = None, offset: int = 0, sort: str = "date") -> IncidentQuery:
    return IncidentQuery(country=found.country, date_from=found.date_from, date_to=found.date_to,
                         event_type=found.event_type, actor=found.actor, bbox=found.bbox, q=found.q,
                         limit=limit, offset=offset, order=sort)
