"""POST /articles: records → Articles (the readers' own contract check) → extraction → the store."""
from __future__ import annotations

from collections.abc import Mapping

from tollbook.records import Rejection
from tollbook.sources.common import build_article, rejection

from .limits import Limits


def ingest_records(records: list, store, limits: Limits, extract=None) -> dict:
    articles, rejected = [], []
    for index, record in enumerate(records):
        item = _article(record, f"request[{index}]", limits.max_chars)
        (rejected if isinstance(item, Rejection) else articles).append(item)
    extract = extract or _default_extract
    results = list(extract(articles)) if articles else []
    rejected += [r for r in results if isinstance(r, Rejection)]
    extracted = [r for r in results if not isinstance(r, Rejection)]
    if results:
        store.ingest(results)
    return {
        "articles": len(extracted),
        "reports": sum(len(result.reports) for result in extracted),
        "article_ids": [result.article.id for result in extracted],
        "rejections": [r.to_dict() for r in rejected],
    }


def _article(record, source: str, max_chars: int):
    if not isinstance(record, Mapping):
        return rejection("E110", f"an article must be a JSON object, not {type(record).__name__}", source)
    return build_article(record, source, max_chars)


def _default_extract(articles):
    from tollbook.extraction import extract_articles
    return extract_articles(articles)
