"""``Store``: the incident database behind one URL. Writes through ``ingest``; everything else reads."""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator

from sqlalchemy import func, insert, select, union_all, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..records import EXTRACTOR_VERSION, ExtractionResult, Rejection
from . import migrate
from .engine import make_engine
from .ingest import IngestSummary, batches, now, write_batch
from .grid import data_version, grid_cells
from .plan import capped_count_statement, page_statement
from .query import IncidentQuery, count_of
from .rows import EVENT_FIELDS, claim_dict, claims_by_report, ranges_of, report_dict
from .schema import articles, incidents, reports, runs
from .summary import stats_by_groups

CHUNK = 500
EXPORT_PAGE = 2000


def open_store(url: str) -> "Store":
    """Open (creating and migrating as needed) the database at ``url``."""
    try:
        engine = make_engine(url)
        migrate.upgrade(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open or migrate the database {url!r}: {exc.__class__.__name__}: "
                         f"{str(exc).splitlines()[0]}", code="E401") from exc
    return Store(engine)


class Store:
    """One incident database (SQLite or PostgreSQL). Safe to read from many threads/processes."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def close(self) -> None:
        self.engine.dispose()

    # -- writing -----------------------------------------------------------------------------

    def ingest(self, results: Iterable[ExtractionResult | Rejection], batch_size: int = 64) -> IngestSummary:
        """Store results in batches, one transaction each; merge new reports into incidents."""
        summary = IngestSummary()
        run_id = self._start_run()
        for batch in batches(results, max(1, batch_size)):
            with self._write() as conn:
                write_batch(conn, batch, summary)
        self._finish_run(run_id, summary)
        return summary

    def _write(self):
        return _WriteTransaction(self.engine)

    def _start_run(self) -> int:
        with self._write() as conn:
            result = conn.execute(insert(runs).values(started=now(), extractor=EXTRACTOR_VERSION, articles=0,
                                                      reports=0, rejections=0, status="running"))
            return result.inserted_primary_key[0]

    def _finish_run(self, run_id: int, summary: IngestSummary) -> None:
        with self._write() as conn:
            conn.execute(update(runs).where(runs.c.run_id == run_id).values(
                finished=now(), articles=summary.articles, reports=summary.reports,
                rejections=summary.rejections, status="done"))

    # -- reading -----------------------------------------------------------------------------

    def incidents(self, query: IncidentQuery = IncidentQuery()) -> list[dict]:
        """Incidents in the contract's shape, filtered, ordered and paged by ``query``."""
        with self.engine.connect() as conn:
            rows = [r._mapping for r in conn.execute(page_statement(conn, query))]
            return self._incident_dicts(conn, rows)

    def iter_incidents(self, query: IncidentQuery = IncidentQuery()) -> Iterator[dict]:
        """All incidents matching ``query`` (its limit and offset ignored), page by page."""
        offset = 0
        while True:
            page = self.incidents(IncidentQuery(**{**_fields(query), "limit": EXPORT_PAGE, "offset": offset}))
            yield from page
            if len(page) < EXPORT_PAGE:
                return
            offset += EXPORT_PAGE

    def count_incidents(self, query: IncidentQuery = IncidentQuery(), cap: int | None = None) -> int:
        """How many incidents match; with ``cap``, counted up to ``cap`` only (a bounded cost on a
        big table: the answer is ``cap`` when at least that many match)."""
        with self.engine.connect() as conn:
            if cap is not None:
                return conn.execute(capped_count_statement(conn, query, cap)).scalar_one()
            return conn.execute(count_of(query.conditions())).scalar_one()

    def incident(self, incident_id: str) -> dict | None:
        """One incident with its reports, each with its claims, denials and evidence offsets."""
        with self.engine.connect() as conn:
            row = conn.execute(select(incidents).where(incidents.c.incident_id == incident_id)).first()
            if row is None:
                return None
            out = self._incident_dicts(conn, [row._mapping])[0]
            report_rows = conn.execute(select(reports).where(reports.c.incident_id == incident_id)
                                       .order_by(reports.c.report_id)).all()
            claim_map = claims_by_report(conn, [r.report_id for r in report_rows], claim_dict)
            out["reports"] = [report_dict(r._mapping, claim_map.get(r.report_id, [])) for r in report_rows]
            return out

    def article(self, article_id: str) -> dict | None:
        """The article (text included) and the ids of its reports and their incidents."""
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.article_id == article_id)).first()
            if row is None:
                return None
            found = conn.execute(select(reports.c.report_id, reports.c.incident_id)
                                 .where(reports.c.article_id == article_id).order_by(reports.c.position)).all()
            out = {k: row._mapping[k] for k in ("article_id", "url", "outlet", "published", "title", "text",
                                                "extractor")}
            out["id"] = out["article_id"]
            out["report_ids"] = [r.report_id for r in found]
            out["incident_ids"] = sorted({r.incident_id for r in found if r.incident_id})
            return out

    def report(self, report_id: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(reports).where(reports.c.report_id == report_id)).first()
            if row is None:
                return None
            return report_dict(row._mapping, claims_by_report(conn, [report_id], claim_dict).get(report_id, []))

    def stats(self, query: IncidentQuery = IncidentQuery()) -> dict:
        """Incident counts and fatalities (sum of ``best``) in total and by day, type, country and actor."""
        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                return stats_by_groups(conn, query)
            return self._stats_by_statements(conn, query.conditions())

    def _stats_by_statements(self, conn, where) -> dict:
        deaths = func.coalesce(func.sum(incidents.c.fatalities_best), 0)
        total = conn.execute(select(func.count(), deaths).select_from(incidents).where(*where)).one()
        out = {"incidents": total[0], "fatalities": int(total[1] or 0)}
        for name, column in (("by_day", incidents.c.event_date), ("by_event_type", incidents.c.event_type),
                             ("by_country", incidents.c.country)):
            stmt = select(column, func.count(), deaths).where(*where).group_by(column).order_by(column)
            out[name] = [{"key": k, "incidents": n, "fatalities": int(d or 0)} for k, n, d in conn.execute(stmt)]
        out["by_actor"] = self._actor_counts(conn, where)
        return out

    def actors(self) -> list[dict]:
        """Every actor with its number of incidents and fatalities, most incidents first."""
        with self.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                return stats_by_groups(conn, IncidentQuery())["by_actor"]
            return self._actor_counts(conn, [])

    def grid(self, query: IncidentQuery, cell_degrees: float, max_cells: int) -> list[dict]:
        """Incidents with coordinates grouped into cells of ``cell_degrees``, fullest first; at most
        ``max_cells + 1`` cells, each {x, y, count, fatalities, lat, lon, first_id, incident}, where
        ``incident`` (id, date, type, place) is given for a cell holding one."""
        with self.engine.connect() as conn:
            return grid_cells(conn, query, cell_degrees, max_cells)

    def version(self) -> tuple:
        """Changes whenever an ingest run starts or finishes: a key for answers kept between requests."""
        with self.engine.connect() as conn:
            return data_version(conn)

    def counts(self) -> dict:
        """Rows per table: a quick look at what the database holds."""
        from .schema import CONTENT_TABLES
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in CONTENT_TABLES}

    # -- helpers -------------------------------------------------------------------------------

    def _actor_counts(self, conn, where) -> list[dict]:
        sides = [select(getattr(incidents.c, side).label("actor"), incidents.c.incident_id,
                        incidents.c.fatalities_best).where(getattr(incidents.c, side).is_not(None), *where)
                 for side in ("actor1", "actor2")]
        both = union_all(*sides).subquery()
        stmt = (select(both.c.actor, func.count(func.distinct(both.c.incident_id)),
                       func.coalesce(func.sum(both.c.fatalities_best), 0))
                .group_by(both.c.actor).order_by(func.count(func.distinct(both.c.incident_id)).desc(), both.c.actor))
        return [{"actor": a, "incidents": n, "fatalities": int(d or 0)} for a, n, d in conn.execute(stmt)]

    def _incident_dicts(self, conn, rows) -> list[dict]:
        ids = [r["incident_id"] for r in rows]
        claim_lists: dict[str, list] = defaultdict(list)
        evidence: dict[str, list] = defaultdict(list)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            report_rows = conn.execute(select(reports.c.report_id, reports.c.incident_id, reports.c.article_id,
                                              reports.c.evidence).where(reports.c.incident_id.in_(chunk))
                                       .order_by(reports.c.report_id)).all()
            claim_map = claims_by_report(conn, [r.report_id for r in report_rows], claim_dict)
            for r in report_rows:
                claim_lists[r.incident_id].extend({**c, "report_id": r.report_id}
                                                  for c in claim_map.get(r.report_id, []))
                evidence[r.incident_id].extend({**e, "report_id": r.report_id, "article_id": r.article_id}
                                               for e in json.loads(r.evidence))
        return [incident_dict(r, claim_lists[r["incident_id"]], evidence[r["incident_id"]]) for r in rows]


def incident_dict(row, claim_list: list[dict], evidence: list[dict]) -> dict:
    out = {"incident_id": row["incident_id"]}
    out.update({name: row[name] for name in EVENT_FIELDS})
    out.update(ranges_of(row))
    out["modality"] = "reported"
    out["report_count"] = row["report_count"]
    out["report_ids"] = json.loads(row["report_ids"])
    out["outlets"] = json.loads(row["outlets"])
    out["claims"] = claim_list
    out["evidence"] = evidence
    return out



def _fields(query: IncidentQuery) -> dict:
    return {name: getattr(query, name) for name in query.__slots__}


class _WriteTransaction:
    """A write transaction; on SQLite opened with BEGIN IMMEDIATE (one writer, readers unblocked)."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def __enter__(self):
        self.conn = self.engine.connect()
        if self.conn.dialect.name == "sqlite":
            self.conn.info["sqlite_begin"] = "BEGIN IMMEDIATE"
        self.transaction = self.conn.begin()
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.transaction.commit()
            else:
                self.transaction.rollback()
        finally:
            self.conn.info.pop("sqlite_begin", None)
            self.conn.close()
        return False
