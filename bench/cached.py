"""Extraction results rebuilt from `tollbook extract --format jsonl` output, so merge measurements
can re-run the store without re-running the language model."""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator

from tollbook.records import Article, Claim, Denial, Evidence, ExtractionResult, Range, Report


def report_from_dict(d: dict) -> Report:
    fields = dict(d)
    for name in ("fatalities", "civilian_fatalities", "child_fatalities", "injured"):
        fields[name] = Range(**d[name]) if d.get(name) else None
    fields["claims"] = tuple(Claim(**c) for c in d.get("claims") or [])
    fields["evidence"] = tuple(Evidence(**e) for e in d.get("evidence") or [])
    fields["denials"] = tuple(Denial(**x) for x in d.get("denials") or [])
    if d.get("place_evidence"):
        fields["place_evidence"] = Evidence(**d["place_evidence"])
    return Report(**fields)


def cached_results(articles_path: str, reports_path: str) -> Iterator[ExtractionResult]:
    by_article: dict[str, list[Report]] = defaultdict(list)
    with open(reports_path, encoding="utf-8") as lines:
        for line in lines:
            report = report_from_dict(json.loads(line))
            by_article[report.article_id].append(report)
    with open(articles_path, encoding="utf-8") as lines:
        for line in lines:
            a = json.loads(line)
            if not (a.get("text") or "").strip():
                continue
            article = Article(id=a["id"], text=a["text"], url=a.get("url"), outlet=a.get("outlet"),
                              published=a.get("published"), title=a.get("title"))
            yield ExtractionResult(article=article, reports=tuple(by_article.get(article.id, ())))
