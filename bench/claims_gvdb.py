"""Killed and injured on the Gun Violence Database's crowd-annotated US news articles.

    python -m bench.claims_gvdb [--limit N] [--split dev|test|both] [--json FILE]

Data: ../shared/data/gvdb ({dev,test}.tsv, 400 + 500 articles, third-party, never copied into the
repository); both splits by default (tollbook was never tuned on either). Domain shift: US local crime
news, not armed conflict.

Gold, per article: the annotators list one entry per victim with what happened to them. Killed = the
victims marked killed; injured = the victims marked injured or hospitalized and not killed (a victim
who died is counted once, as killed). An article with no victim listed is 0 killed, 0 injured.

Ours, per article: ``fatalities`` and ``injured`` of the main report (``bench/claims_common.py``), or
summed over reported reports; no figure is 0. The text is the title and the body with a paragraph break
between them (the TSV glues them together: "...IDdAn 18-year-old man"); published is the annotated
incident date (the data has no publication date; it only anchors relative dates).

Metrics: exact (our min equals the gold count; our best too, as a second line), within (gold inside
our [min, max]), over all articles; and the invented rate: articles with 0 gold killed where we give a
positive killed figure.
"""
from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tollbook.extraction import extract_articles
from tollbook.records import Article, ExtractionResult, Report

from .claims_common import (Bounds, COMBINES, InventedScore, bench_main, bounds, combined, data_dir, print_table,
                            progress, rate)

SPLITS = ("dev", "test")


def load(folder: Path, splits: tuple[str, ...] = SPLITS, limit: int | None = None) -> list[dict]:
    csv.field_size_limit(10_000_000)
    rows: list[dict] = []
    for split in splits:
        with (folder / f"{split}.tsv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if limit is not None and len(rows) >= limit:
                    return rows
                row["split"] = split
                rows.append(row)
    return rows


def article_of(row: dict) -> Article:
    title, text = row.get("Article title") or "", row.get("Full text") or ""
    if title and text.startswith(title):
        text = title + "\n\n" + text[len(title):]
    annotation = json.loads(row["Json"])
    date = (annotation.get("date-and-time") or {}).get("date") or None
    return Article(id=f"{row['split']}:{row['Article id']}", text=text, url=row.get("Article url") or None,
                   published=date, title=title or None)


def gold_counts(row: dict) -> tuple[int, int]:
    """(killed, injured) victims; a victim who was killed is not also counted injured."""
    victims = json.loads(row["Json"]).get("victim-section") or []
    killed = sum(1 for v in victims if "killed" in (v.get("victim-was") or []))
    hurt = sum(1 for v in victims if "killed" not in (v.get("victim-was") or [])
               and {"injured", "hospitalized"} & set(v.get("victim-was") or []))
    return killed, hurt


def killed(report: Report) -> Bounds | None:
    return bounds(report.fatalities)


def injured(report: Report) -> Bounds | None:
    return bounds(report.injured)


def best_killed(report: Report) -> Bounds | None:
    return None if report.fatalities is None else (report.fatalities.best, report.fatalities.best)


def best_injured(report: Report) -> Bounds | None:
    return None if report.injured is None else (report.injured.best, report.injured.best)


class CountScore:
    """A single gold count against our range; no figure of ours reads as 0."""

    def __init__(self) -> None:
        self.n = self.exact = self.best_exact = self.within = self.positive = self.positive_exact = 0

    def add(self, gold: int, ours: Bounds | None, best: Bounds | None) -> None:
        low, high = ours or (0, 0)
        self.n += 1
        self.exact += low == gold
        self.best_exact += (best or (0, 0))[0] == gold
        self.within += low <= gold <= high
        if gold > 0:
            self.positive += 1
            self.positive_exact += low == gold

    def rates(self) -> dict:
        return {"n": self.n, "min_exact": rate(self.exact, self.n), "best_exact": rate(self.best_exact, self.n),
                "within": rate(self.within, self.n), "n_positive": self.positive,
                "min_exact_positive": rate(self.positive_exact, self.positive)}


class Scores:
    def __init__(self) -> None:
        self.killed, self.injured, self.invented = CountScore(), CountScore(), InventedScore()

    def add(self, row: dict, reports: tuple[Report, ...], combine: str) -> None:
        gold_killed, gold_injured = gold_counts(row)
        ours_killed = combined(reports, killed, combine)
        self.killed.add(gold_killed, ours_killed, combined(reports, best_killed, combine))
        self.injured.add(gold_injured, combined(reports, injured, combine), combined(reports, best_injured, combine))
        if gold_killed == 0:
            self.invented.add(ours_killed, f"{row['split']}:{row['Article id']}")

    def to_dict(self) -> dict:
        return {"killed": self.killed.rates(), "injured": self.injured.rates(),
                "killed_invented": self.invented.rates()}


def results(rows: list[dict]) -> Iterator[tuple[dict, tuple[Report, ...]]]:
    for n, (row, result) in enumerate(zip(rows, extract_articles(article_of(r) for r in rows)), 1):
        progress(n, len(rows))
        yield row, result.reports if isinstance(result, ExtractionResult) else ()


def run(limit: int | None = None, splits: tuple[str, ...] = SPLITS, folder: Path | None = None) -> dict:
    rows = load(folder or data_dir("gvdb"), splits, limit)
    scores = {combine: Scores() for combine in COMBINES}
    started = time.perf_counter()
    for row, reports in results(rows):
        for combine, score in scores.items():
            score.add(row, reports, combine)
    return {"articles": len(rows), "splits": list(splits), "seconds": round(time.perf_counter() - started, 1),
            **{combine: score.to_dict() for combine, score in scores.items()}}


def print_report(metrics: dict, out=sys.stdout) -> None:
    main = metrics["main"]
    rows = [[name, main[name]["n"], main[name]["min_exact"], main[name]["best_exact"], main[name]["within"],
             f"{main[name]['min_exact_positive']:.3f} of {main[name]['n_positive']}"] for name in ("killed", "injured")]
    print_table(f"GVDB {'+'.join(metrics['splits'])}: {metrics['articles']} articles, {metrics['seconds']} s "
                f"(main report; invented killed on {main['killed_invented']['n']} articles with none: "
                f"{main['killed_invented']['invented']:.3f})",
                ["figure", "n", "min exact", "best exact", "within", "min exact where gold > 0"], rows, out)
    summed = metrics["sum"]
    print("sum over reported reports: " + ", ".join(
        f"{name} min {summed[name]['min_exact']:.3f} within {summed[name]['within']:.3f}"
        for name in ("killed", "injured")), file=out)


def main() -> None:
    bench_main(__doc__, "gvdb", "articles",
               lambda args: run(args.limit, SPLITS if args.split == "both" else (args.split,)), print_report,
               options=lambda parser: parser.add_argument("--split", choices=("dev", "test", "both"), default="both"))


if __name__ == "__main__":
    main()
