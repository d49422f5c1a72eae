"""How a page of incidents is read from a big table: the same rows as the plain query, found fast.

A page is a few rows in a given order out of the matches of some filters. There are two fast ways
to find them, and which one is fast depends on how many incidents a filter matches:

- a filter that matches few incidents (at most ``SELECTIVE``) is read through its own index, and
  those few rows are checked against the other filters and sorted;
- when every filter matches many, the index of the order is walked from its start and each row is
  checked against the filters until the page is full — a few hundred rows, not a sort of all of
  them.

Each filter is first counted through its own index up to ``SELECTIVE + 1`` rows (a bounded cost),
which says which case holds. SQLite's planner cannot know this (its statistics treat every value
of a column alike), so on SQLite the statement says it: columns wrapped in a unary ``+`` are not
used for an index. PostgreSQL's planner keeps per-value statistics and gets the plain statement.
Whatever the plan, the statement's conditions and order are those of ``IncidentQuery``, so the rows
and their order do not change.
"""
from __future__ import annotations

from sqlalchemy import Connection, Select, func, literal_column, select, union
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression

from .query import IncidentQuery
from .schema import incidents

SELECTIVE = 2000


def page_statement(conn: Connection, query: IncidentQuery) -> Select:
    """The incidents of ``query``'s page, in its order."""
    limit, offset = query.page()
    stmt = matching(conn, query, walk=query.order_column()).order_by(*query.ordering()).offset(offset)
    return stmt if limit is None else stmt.limit(limit)


def capped_count_statement(conn: Connection, query: IncidentQuery, cap: int) -> Select:
    """How many incidents match, counted up to ``cap`` (a bounded cost, whatever the filters)."""
    found = matching(conn, query, walk=None).with_only_columns(incidents.c.incident_id).limit(cap)
    return select(func.count()).select_from(found.subquery())


def matching(conn: Connection, query: IncidentQuery, walk: str | None) -> Select:
    """Every incident matching ``query``; on SQLite, with the plan chosen as the module says.

    ``walk`` is the column whose index is walked when no filter is selective; with None (a count
    up to a cap, in no order) SQLite picks the indexes, and each word is a lookup per row."""
    if conn.dialect.name != "sqlite":
        return select(incidents).where(*query.conditions())
    driver = selective_filter(conn, query, skip=walk)
    if walk is None and driver is None:
        return select(incidents).where(*query.conditions(terms="exists"))
    if driver is not None:
        ids = union(*driver) if len(driver) > 1 else driver[0]
        return select(incidents).where(incidents.c.incident_id.in_(ids),
                                       *query.conditions(column=unindexed, terms="exists"))
    keep = lambda name: incidents.c[name] if name == walk else unindexed(name)  # noqa: E731
    return select(incidents).where(*query.conditions(column=keep, terms="exists"))


def selective_filter(conn: Connection, query: IncidentQuery, skip: str | None = None) -> list[Select] | None:
    """The probes of the filter matching fewest incidents, if it matches at most SELECTIVE.

    A filter on the ``skip`` column is left out: walking that column's index reads only its range."""
    best, fewest = None, SELECTIVE + 1
    for column, probes in query.probes():
        if column == skip:
            continue
        found = sum(conn.execute(_count_upto(probe, fewest)).scalar_one() for probe in probes)
        if found < fewest:
            best, fewest = probes, found
    return best


def _count_upto(probe: Select, cap: int) -> Select:
    rows = probe.with_only_columns(literal_column("1")).limit(cap)
    return select(func.count()).select_from(rows.subquery())


def unindexed(name: str) -> ColumnElement:
    # SQLite's documented way to keep a term from using an index: a unary plus on the column.
    column = incidents.c[name]
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)
