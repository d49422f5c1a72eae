"""POST /articles: records → Articles (the readers' own contract check) → extraction → the store.

Records that break the input contract become Rejections with the readers' codes (E106 no text,
E110 wrong type, E105 too long …); they are stored with the results, as `tollbook ingest` stores them.
"""
from __future__ import annotations

from collections.abc import Mapping

from tollbook.records import Rejection
from tollbook.sources.common import build_article, rejection

from .limits import Limits


def ingest_records(records: list, store, limits: Limits, extract=None) -> dict:
    checked = [_article(record, f"request[{n}]", limits.max_chars) for n, record in enumerate(records)]
    articles = [item for item in checked if not isinstance(item, Rejection)]
    extract = extract or _default_extract
    results = [item for item in checked if isinstance(item, Rejection)]
    results += list(extract(articles)) if articles else []
    summary = store.ingest(results)
    extracted = [r for r in results if not isinstance(r, Rejection)]
    return {
        "articles": len(extracted),
        "reports": sum(len(result.reports) for result in extracted),
        "article_ids": [result.article.id for result in extracted],
        "rejections": [r.to_dict() for r in results if isinstance(r, Rejection)],
        "stored": summary.to_dict(),
    }


def _article(record, source: str, max_chars: int):
    if not isinstance(record, Mapping):
        return rejection("E110", f"an article must be a JSON object, not {type(record).__name__}", source)
    return build_article(record, source, max_chars)


def _default_extract(articles):
    from tollbook.extraction import extract_articles
    return extract_articles(articles)
