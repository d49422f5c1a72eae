"""The store's tables, as SQLAlchemy Core metadata (the migrations create exactly these).

articles ─< reports ─< claims          one row per article, per report, per claim
             │
             └─> incidents            reports.incident_id: the merged real-world event
incident_terms                        words of an incident, for the indexed text filter (--q)
rejections, runs                      inputs that could not be read; one row per ingest run

Ids are content hashes (articles and reports from extraction, incidents from their reports), so
writing the same articles twice changes nothing. Lists and nested objects are stored as JSON text,
the same on SQLite and PostgreSQL.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, Float, Index, Integer, MetaData, String, Table, Text)

metadata = MetaData()

RANGE_FIELDS = ("fatalities", "civilian_fatalities", "child_fatalities", "injured")


def _range_columns() -> list[Column]:
    return [Column(f"{name}_{key}", Integer) for name in RANGE_FIELDS for key in ("min", "max", "best")]


def _event_columns() -> list[Column]:
    """What a report and an incident both say about the event."""
    return [
        Column("event_date", String(10)), Column("date_precision", String(8)),
        Column("event_type", String(64)), Column("sub_event_type", String(64)),
        Column("actor1", String(200)), Column("actor2", String(200)),
        Column("actor1_text", Text), Column("actor2_text", Text),
        Column("country", String(100)), Column("iso3", String(3)), Column("admin1", String(200)),
        Column("admin2", String(200)), Column("location", String(200)),
        Column("latitude", Float), Column("longitude", Float), Column("geo_precision", Integer),
        *_range_columns(),
    ]


articles = Table(
    "articles", metadata,
    Column("article_id", String(64), primary_key=True),
    Column("url", Text), Column("outlet", String(200)), Column("published", String(32)),
    Column("title", Text), Column("text", Text, nullable=False),
    Column("extractor", String(64), nullable=False),
    Column("report_count", Integer, nullable=False),
)

reports = Table(
    "reports", metadata,
    Column("report_id", String(64), primary_key=True),
    Column("article_id", String(64), nullable=False),
    Column("position", Integer, nullable=False),
    Column("outlet", String(200)), Column("url", Text), Column("published", String(32)),
    *_event_columns(),
    Column("modality", String(16), nullable=False),
    Column("evidence", Text, nullable=False), Column("denials", Text, nullable=False),
    Column("field_evidence", Text, nullable=False),
    Column("trigger", Text), Column("extractor", String(64), nullable=False),
    Column("gazetteer_id", String(64)), Column("place_evidence", Text),  # migration 0002
    Column("typer", String(64)), Column("type_source", String(16)), Column("type_probability", Float),  # 0003
    Column("event_weekday", String(9)),  # migration 0006
    Column("terms", Text, nullable=False),  # the report's words for text similarity (merge)
    Column("incident_id", String(64)),
    Column("component_id", String(64)),  # reports linked by any merge edge (the unit of re-merging)
    Index("ix_reports_article", "article_id"),
    Index("ix_reports_incident", "incident_id"),
    Index("ix_reports_component", "component_id"),
    Index("ix_reports_block_date", "country", "event_date"),
    Index("ix_reports_block_place", "country", "location"),
    Index("ix_reports_iso3_date", "iso3", "event_date"),  # migration 0005
    Index("ix_reports_iso3_precision_date", "iso3", "date_precision", "event_date"),  # migration 0005
)

claims = Table(
    "claims", metadata,
    Column("report_id", String(64), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("figure", String(16), nullable=False), Column("group", String(24), nullable=False),
    Column("victims_text", Text, nullable=False),
    Column("min", Integer, nullable=False), Column("max", Integer, nullable=False),
    Column("qualifier", String(16), nullable=False),
    Column("claimant", Text, nullable=False), Column("claimant_type", String(24), nullable=False),
    Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
    Column("claimant_person", Text), Column("includes_attacker", Boolean, nullable=False),
    Column("superseded", Boolean, nullable=False), Column("subset_of", String(24)),
    Column("kind", String(16), nullable=False),
    Column("adds_to", Integer),  # migration 0002
)

incidents = Table(
    "incidents", metadata,
    Column("incident_id", String(64), primary_key=True),
    *_event_columns(),
    Column("report_count", Integer, nullable=False),
    Column("report_ids", Text, nullable=False),  # JSON list, sorted
    Column("outlets", Text, nullable=False),  # JSON list, sorted
    Index("ix_incidents_date", "event_date", "incident_id"),
    Index("ix_incidents_country_date", "country", "event_date"),
    Index("ix_incidents_iso3_date", "iso3", "event_date"),
    Index("ix_incidents_type_date", "event_type", "event_date"),
    Index("ix_incidents_subtype_date", "sub_event_type", "event_date"),
    Index("ix_incidents_actor1", "actor1", "event_date"),
    Index("ix_incidents_actor2", "actor2", "event_date"),
    # migration 0004: a place index that also answers the map's grid, and one for the deaths order
    Index("ix_incidents_place", "latitude", "longitude", "fatalities_best", "incident_id"),
    Index("ix_incidents_fatalities", "fatalities_best", "incident_id"),
)

incident_terms = Table(
    "incident_terms", metadata,
    Column("term", String(64), primary_key=True),
    Column("incident_id", String(64), primary_key=True),
    Index("ix_incident_terms_incident", "incident_id"),
)

rejections = Table(
    "rejections", metadata,
    Column("rejection_id", String(64), primary_key=True),
    Column("code", String(8), nullable=False), Column("reason", Text, nullable=False),
    Column("source", Text, nullable=False), Column("article_id", String(64)),
    Index("ix_rejections_code", "code"),
)

runs = Table(
    "runs", metadata,
    Column("run_id", Integer, primary_key=True, autoincrement=True),
    Column("started", String(32), nullable=False), Column("finished", String(32)),
    Column("extractor", String(64), nullable=False),
    Column("articles", Integer, nullable=False), Column("reports", Integer, nullable=False),
    Column("rejections", Integer, nullable=False), Column("status", String(16), nullable=False),
)

CONTENT_TABLES = (articles, reports, claims, incidents, incident_terms, rejections)
