"""Pairwise merge precision and recall on the GVA long-tail pilot (3,659 US gun-violence incidents,
6,335 articles; gold: which articles tell the same incident).

    python -m bench.merge_gva [--cache DIR]

Extraction of all 6,335 articles takes about 20 minutes here, so it runs once and its output is
cached in DIR (default: $TMPDIR/tollbook-gva, outside the repository): ``articles.jsonl`` (the
pilot in the input-article contract) and ``reports.jsonl``. The merge then runs from the cache
through the store (a temporary SQLite file), as ``tollbook ingest`` would.

Pairs are pairs of articles: predicted together when one of their reports shares an incident,
gold-together when GVA files them under the same incident. Recall is given over all articles
(an article with no report can join nothing) and over articles that gave a report.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from bench.cached import cached_results

PILOT = Path(__file__).resolve().parents[2] / "shared" / "data" / "gva_longtail_semeval2018t5_pilot"


def convert(out: Path) -> dict[str, str]:
    """The pilot's articles in the input contract; returns article id -> GVA incident id."""
    gold = {}
    with gzip.open(PILOT / "articles.jsonl.gz", "rt", encoding="utf-8") as lines, out.open("w") as handle:
        for line in lines:
            a = json.loads(line)
            gold[a["doc_id"]] = a["incident_uri"]
            original = (a.get("uri") or "").split("/http", 1)
            host = urlsplit("http" + original[1]).hostname if len(original) == 2 else None
            handle.write(json.dumps({"id": a["doc_id"], "url": a.get("uri"),
                                     "outlet": host[4:] if host and host.startswith("www.") else host,
                                     "published": a.get("dct"), "title": a.get("title"),
                                     "text": a.get("content") or ""}) + "\n")
    return gold


def extract(articles: Path, reports: Path) -> None:
    from tollbook.extraction import extract_articles
    from tollbook.records import Rejection
    from tollbook.sources import read_inputs

    with reports.open("w", encoding="utf-8") as out:
        for result in extract_articles(read_inputs([str(articles)])):
            if not isinstance(result, Rejection):
                for report in result.reports:
                    out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")


def pair_counts(groups: dict[str, set[str]], gold: dict[str, str], articles: list[str]) -> tuple[int, int, int]:
    """True-positive, predicted and gold pair counts over ``articles``."""
    by_incident: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for incident in groups.get(article, ()):
            by_incident[incident].add(article)
    predicted = set()
    for members in by_incident.values():
        ordered = sorted(members)
        predicted.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
    tp = sum(gold[a] == gold[b] for a, b in predicted)
    sizes = Counter(gold[a] for a in articles)
    return tp, len(predicted), sum(k * (k - 1) // 2 for k in sizes.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "tollbook-gva"))
    parser.add_argument("--half", choices=("all", "even", "odd"), default="all",
                        help="Only incidents with an even (the weights' training half) or odd GVA id.")
    args = parser.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    articles, reports = cache / "articles.jsonl", cache / "reports.jsonl"
    gold = convert(articles)
    if args.half != "all":
        parity = 0 if args.half == "even" else 1
        gold = {a: i for a, i in gold.items() if int(i) % 2 == parity}
    if not reports.exists():
        started = time.perf_counter()
        extract(articles, reports)
        print(f"extracted in {time.perf_counter() - started:.0f}s, cached in {reports}")

    from tollbook.store import open_store
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "gva.db"))
        started = time.perf_counter()
        store.ingest((r for r in cached_results(str(articles), str(reports)) if r.article.id in gold),
                     batch_size=256)
        seconds = time.perf_counter() - started
        with store.engine.connect() as conn:
            from sqlalchemy import select
            from tollbook.store.schema import reports as table
            rows = conn.execute(select(table.c.article_id, table.c.incident_id)
                                .where(table.c.incident_id.is_not(None))).all()
        incidents = store.count_incidents()
        store.close()
    groups: dict[str, set[str]] = defaultdict(set)
    for article, incident in rows:
        groups[article].add(incident)
    everyone = sorted(gold)
    with_report = sorted(a for a in gold if groups.get(a))
    tp, predicted, gold_pairs = pair_counts(groups, gold, everyone)
    tp2, _, gold_pairs2 = pair_counts(groups, gold, with_report)
    precision = tp / predicted if predicted else 0.0
    print(f"GVA pilot ({args.half} incidents): {len(everyone)} articles ({len(with_report)} with a reported incident), "
          f"{incidents} incidents, ingest+merge {seconds:.0f}s")
    print(f"pairwise precision {precision:.3f} ({tp}/{predicted})")
    print(f"pairwise recall    {tp / gold_pairs:.3f} over all articles ({tp}/{gold_pairs}); "
          f"{tp2 / gold_pairs2:.3f} over articles with a report ({tp2}/{gold_pairs2})")


if __name__ == "__main__":
    main()
