"""The incident filter shared by the CLI, the API and exports: ``IncidentQuery`` → SQL conditions.

Every value goes in as a bound parameter; every filter has an index to use (see ``schema``).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from ..errors import StoreError
from ..incidents.merging.features import norm
from .schema import incident_terms, incidents

ORDERS = {
    "date": (incidents.c.event_date.asc(), incidents.c.incident_id.asc()),
    "-date": (incidents.c.event_date.desc(), incidents.c.incident_id.desc()),
    "fatalities": (incidents.c.fatalities_best.asc(), incidents.c.incident_id.asc()),
    "-fatalities": (incidents.c.fatalities_best.desc(), incidents.c.incident_id.asc()),
    "id": (incidents.c.incident_id.asc(),),
}
MAX_LIMIT = 100_000
MAX_TERMS = 8
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentQuery:
    """Which incidents, in what order. Every field is optional; ``limit=None`` means all.

    ``country`` matches the name or the ISO3 code; ``actor`` either actor; ``bbox`` is
    (west, south, east, north) in degrees; ``q`` is words that must all appear in the incident's
    place, actors, type or evidence (case-insensitive, whole words).
    """
    country: str | None = None
    date_from: dt.date | str | None = None
    date_to: dt.date | str | None = None
    event_type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None
    limit: int | None = None
    offset: int = 0
    order: str = "date"

    def conditions(self, column: Callable[[str], ColumnElement] | None = None,
                   terms: str = "in") -> list[ColumnElement]:
        """The WHERE clauses. ``column(name)`` may stand in for ``incidents.c[name]`` (the planner
        wraps columns so that SQLite does not use their indexes); ``terms="exists"`` checks each word
        with a lookup per incident instead of a list of every incident holding it."""
        c = column or incidents.c.__getitem__
        where: list[ColumnElement] = []
        if self.country:
            where.append(or_(c("country") == self.country, c("iso3") == self.country.upper()))
        if self.date_from:
            where.append(c("event_date") >= _iso(self.date_from, "date_from"))
        if self.date_to:
            where.append(c("event_date") <= _iso(self.date_to, "date_to"))
        if self.event_type:
            where.append(or_(c("event_type") == self.event_type, c("sub_event_type") == self.event_type))
        if self.actor:
            where.append(or_(c("actor1") == self.actor, c("actor2") == self.actor))
        if self.bbox:
            where.append(_bbox(self.bbox, c))
        for term in query_terms(self.q):
            where.append(_has_term(term, terms))
        return where

    def probes(self) -> list[tuple[str, list[Select]]]:
        """Per filter, its first column and the statements whose rows together are its matches,
        each answered by one index: what the planner counts to find a filter that matches few."""
        c = incidents.c
        ids = lambda *where: select(c.incident_id).where(*where)  # noqa: E731
        out: list[tuple[str, list[Select]]] = []
        if self.country:
            out.append(("country", [ids(c.country == self.country), ids(c.iso3 == self.country.upper())]))
        dates = [w for w in self.conditions() if _is_date(w)]
        if dates:
            out.append(("event_date", [ids(*dates)]))
        if self.event_type:
            out.append(("event_type", [ids(c.event_type == self.event_type),
                                       ids(c.sub_event_type == self.event_type)]))
        if self.actor:
            out.append(("actor1", [ids(c.actor1 == self.actor), ids(c.actor2 == self.actor)]))
        if self.bbox:
            out.append(("latitude", [ids(_bbox(self.bbox, c.__getitem__))]))
        for term in query_terms(self.q):
            out.append(("term", [select(incident_terms.c.incident_id).where(incident_terms.c.term == term)]))
        return out

    def order_column(self) -> str:
        """The column the order's index starts with."""
        return self.ordering()[0].element.name

    def ordering(self):
        if self.order not in ORDERS:
            raise StoreError(f"unknown order {self.order!r}; one of {', '.join(ORDERS)}", code="E403")
        return ORDERS[self.order]

    def page(self) -> tuple[int | None, int]:
        if self.limit is not None and not 0 <= self.limit <= MAX_LIMIT:
            raise StoreError(f"limit must be between 0 and {MAX_LIMIT}, not {self.limit}", code="E403")
        if self.offset < 0:
            raise StoreError(f"offset must not be negative, not {self.offset}", code="E403")
        return self.limit, self.offset


def query_terms(text: str | None) -> list[str]:
    if not text:
        return []
    words = [w for w in (norm(w)[:64] if norm(w) else "" for w in _WORD.findall(text[:1000])) if w]
    if len(words) > MAX_TERMS:
        raise StoreError(f"--q takes at most {MAX_TERMS} words", code="E403")
    return sorted(set(words))


def _iso(value: dt.date | str, name: str) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise StoreError(f"{name} must be a date YYYY-MM-DD, not {value!r}", code="E403") from None


def _has_term(term: str, how: str) -> ColumnElement:
    t = incident_terms.c
    if how == "exists":
        return exists().where(t.term == term, t.incident_id == incidents.c.incident_id)
    return incidents.c.incident_id.in_(select(t.incident_id).where(t.term == term))


def _is_date(condition) -> bool:
    return getattr(getattr(condition, "left", None), "name", None) == "event_date"


def _bbox(box, c) -> ColumnElement:
    try:
        west, south, east, north = (float(v) for v in box)
    except (TypeError, ValueError):
        raise StoreError(f"bbox must be west,south,east,north in degrees, not {box!r}", code="E403") from None
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise StoreError(f"bbox out of range: {box!r}", code="E403")
    lat = and_(c("latitude") >= south, c("latitude") <= north)
    if west <= east:
        return and_(lat, c("longitude") >= west, c("longitude") <= east)
    return and_(lat, or_(c("longitude") >= west, c("longitude") <= east))  # across the antimeridian


def count_of(where):
    return select(func.count()).select_from(incidents).where(*where)
