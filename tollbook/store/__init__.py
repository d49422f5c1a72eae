"""The incident database: SQLite (one file, WAL) by default, PostgreSQL by URL.

Public interface (stable; the API and the CLI build on it)::

    from tollbook.store import open_store, IncidentQuery

    store = open_store("incidents.db")            # or "sqlite:///incidents.db", "postgresql://u@host:5432/db"
    summary = store.ingest(extract_articles(articles), batch_size=64)   # -> IngestSummary
    store.incidents(IncidentQuery(country="Somalia", date_from="2017-10-01", limit=50))  # -> list[dict]
    store.count_incidents(IncidentQuery(actor="Al Shabaab"))                             # -> int
    store.count_incidents(query, cap=1000)   # -> int, counted up to 1000 only (a bounded cost)
    store.incident(incident_id)    # -> dict | None: the incident plus "reports" (claims, denials, evidence)
    store.article(article_id)      # -> dict | None: the article with its text, "report_ids", "incident_ids"
    store.report(report_id)        # -> dict | None
    store.stats(query)             # -> {"incidents", "fatalities", "by_day", "by_event_type", "by_country", "by_actor"}
    store.actors()                 # -> [{"actor", "incidents", "fatalities"}, …]
    store.iter_incidents(query)    # every match, page by page (exports)
    store.grid(query, cell_degrees, max_cells)   # -> the map's cells (count, fatalities, mean position)
    store.version()                # changes whenever an ingest run starts or ends (cache keys)

``open_store`` creates the schema or brings it up to date with the Alembic migrations shipped in
``tollbook/store/migrations``. An incident dict has the contract's incident shape: the report
fields reconciled over its reports, ``incident_id``, ``report_ids``, ``outlets``, ``report_count``,
every claim of every report (each with its ``report_id``) and the reports' ``evidence``.
``IncidentQuery`` is a frozen dataclass: ``country`` (name or ISO3), ``date_from``, ``date_to``,
``event_type`` (event or sub-event type), ``actor`` (either side), ``bbox`` (west, south, east,
north), ``q`` (words), ``limit``, ``offset``, ``order`` (``date``, ``-date``, ``fatalities``,
``-fatalities``, ``id``). Every value is a bound parameter and every filter is indexed.

Writes: one transaction per batch; ids are content hashes, so ingesting the same articles again
changes nothing, and a run killed mid-way and started again leaves the same database.
"""
from .ingest import IngestSummary
from .query import IncidentQuery
from .store import Store, open_store

__all__ = ["open_store", "Store", "IncidentQuery", "IngestSummary"]
