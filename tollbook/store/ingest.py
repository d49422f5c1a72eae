"""Writing extraction results: one transaction per batch, content-hash ids, merge of what is new.

A batch either lands whole or not at all, and an article already stored is skipped, so a run
killed at any point and started again ends with the same database as one that was never
interrupted. The merge re-clusters only the components new reports link to (see
``tollbook.incidents.merging``); the result does not depend on batch size or input order.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from ..records import EXTRACTOR_VERSION, ExtractionResult, Rejection
from .dialect import insert_ignore
from .merge import merge_new_reports
from .rows import article_row, claim_rows, rejection_row, report_row
from .schema import articles, claims, rejections, reports


@dataclass(slots=True)
class IngestSummary:
    """What one ``Store.ingest`` call did; ``skipped`` articles were already stored."""
    articles: int = 0
    skipped: int = 0
    reports: int = 0
    rejections: int = 0
    batches: int = 0
    incidents_touched: int = 0
    rejection_codes: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"articles": self.articles, "skipped": self.skipped, "reports": self.reports,
                "rejections": self.rejections, "batches": self.batches,
                "incidents_touched": self.incidents_touched, "rejection_codes": dict(self.rejection_codes)}


def batches(results: Iterable[ExtractionResult | Rejection], size: int) -> Iterator[list]:
    batch: list = []
    for result in results:
        batch.append(result)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_batch(conn: Connection, batch: list[ExtractionResult | Rejection], summary: IngestSummary) -> None:
    """Store one batch (inside the caller's transaction) and merge its new reports."""
    results = _first_of_each_article([r for r in batch if isinstance(r, ExtractionResult)])
    stored = _stored_article_ids(conn, [r.article.id for r in results])
    fresh = [r for r in results if r.article.id not in stored]
    summary.skipped += len(results) - len(fresh)
    new_reports = []
    for result in fresh:
        conn.execute(insert_ignore(conn, articles), [article_row(result.article, _extractor(result),
                                                                 len(result.reports))])
        rows = [report_row(report, n) for n, report in enumerate(result.reports)]
        if rows:
            conn.execute(insert_ignore(conn, reports), rows)
            claim_list = [c for report in result.reports for c in claim_rows(report)]
            if claim_list:
                conn.execute(insert_ignore(conn, claims), claim_list)
        new_reports.extend(rows)
    rejected = [rejection_row(r) for r in batch if isinstance(r, Rejection)]
    if rejected:
        conn.execute(insert_ignore(conn, rejections), rejected)
        for r in batch:
            if isinstance(r, Rejection):
                summary.rejection_codes[r.code] = summary.rejection_codes.get(r.code, 0) + 1
    summary.articles += len(fresh)
    summary.reports += len(new_reports)
    summary.rejections += len(rejected)
    summary.batches += 1
    summary.incidents_touched += merge_new_reports(conn, [r for r in new_reports if r["modality"] == "reported"])


def _first_of_each_article(results: list[ExtractionResult]) -> list[ExtractionResult]:
    seen: dict[str, ExtractionResult] = {}
    for result in results:
        seen.setdefault(result.article.id, result)
    return list(seen.values())


def _stored_article_ids(conn: Connection, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    found = conn.execute(select(articles.c.article_id).where(articles.c.article_id.in_(ids)))
    return {row[0] for row in found}


def _extractor(result: ExtractionResult) -> str:
    return result.reports[0].extractor if result.reports else EXTRACTOR_VERSION


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
