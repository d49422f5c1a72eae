"""Civilian killed (min/max), children killed and injured on Airwars' Gaza incident assessments.

    python -m bench.claims_airwars [--limit N] [--json FILE]

Data: ../shared/data/airwars_gaza_2023 (939 Airwars incident narratives from October 2023, third-party,
never copied into the repository). Each narrative becomes an ``Article`` (published = the incident date,
outlet "airwars.org") and goes through ``tollbook.extraction.extract_articles``.

Gold, per incident:

* civilian killed: ``civilians_killed_min``/``max`` (Airwars' range); "Unknown" (no killed figure) and
  0 are the incidents on which a killed figure would be invented;
* children killed: the children count inside the breakdown of ``civilians_reported_killed``
  ("18 ( 5–6 children 4–5 women 7 men )" → 5..6); a breakdown without children is 0 children (an
  invented-figure incident); no breakdown, no gold;
* injured: ``civilians_injured_min``/``max``, where Airwars gives them.

Ours, per incident: one report's figures (``main``, see ``bench/claims_common.py``), or the sum over
reported reports (``sum``). Civilian killed is the report's ``civilian_fatalities``; when a report has
none but has ``fatalities`` and no killed claim about combatants or security forces, ``fatalities`` stands
in: an Airwars narrative tells a strike on people its analysts count as civilians, and "18 members of
the same family" is a civilian toll that names no group. Children are ``child_fatalities``, injured
``injured``.

Metrics (see ``RangeScore``): coverage (share with any figure), exact min, exact max, within (the gold
range inside ours), and the invented rate on incidents whose gold has no such figure.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from tollbook.extraction import extract_articles
from tollbook.records import Article, ExtractionResult, Report

from .claims_common import (Bounds, COMBINES, InventedScore, RangeScore, bench_main, bounds, combined, data_dir,
                            print_table, progress)

FILE = "airwars_gaza_incidents.jsonl"
OUTLET = "airwars.org"
NOT_CIVILIAN = {"combatants", "security_forces"}
BREAKDOWN = re.compile(r"\((.*)\)")
CHILDREN = re.compile(r"(\d+)(?:\s*[–-]\s*(\d+))?\s+child(?:ren)?\b")


def load(path: Path, limit: int | None = None) -> list[dict]:
    incidents = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(incidents) >= limit:
                break
            incidents.append(json.loads(line))
    return incidents


def article_of(incident: dict) -> Article:
    return Article(id=incident["incident_code"], text=incident["narrative"] or "", outlet=OUTLET,
                   published=incident_date(incident["incident_date"]))


def incident_date(text: str | None) -> str | None:
    """'October 7, 2023' → '2023-10-07'."""
    try:
        return dt.datetime.strptime((text or "").strip(), "%B %d, %Y").date().isoformat()
    except ValueError:
        return None


def gold_killed(incident: dict) -> Bounds | None:
    low, high = incident.get("civilians_killed_min"), incident.get("civilians_killed_max")
    return None if low is None or high is None else (low, high)


def gold_children(incident: dict) -> Bounds | None:
    """Children inside the killed breakdown; a breakdown that lists none means 0 children."""
    breakdown = BREAKDOWN.search(incident.get("civilians_reported_killed") or "")
    if breakdown is None:
        return None
    count = CHILDREN.search(breakdown.group(1))
    if count is None:
        return 0, 0
    low = int(count.group(1))
    return low, int(count.group(2) or low)


def gold_injured(incident: dict) -> Bounds | None:
    low, high = incident.get("civilians_injured_min"), incident.get("civilians_injured_max")
    return None if low is None or high is None else (low, high)


def civilian_killed(report: Report) -> Bounds | None:
    """``civilian_fatalities``, else ``fatalities`` when no killed claim names combatants or security forces."""
    if report.civilian_fatalities is not None:
        return bounds(report.civilian_fatalities)
    if any(c.figure == "killed" and c.group in NOT_CIVILIAN for c in report.claims):
        return None
    return bounds(report.fatalities)


def children_killed(report: Report) -> Bounds | None:
    return bounds(report.child_fatalities)


def injured(report: Report) -> Bounds | None:
    return bounds(report.injured)


class Scores:
    """Every metric of one combine rule."""

    def __init__(self) -> None:
        self.killed, self.children, self.injured = RangeScore(), RangeScore(), RangeScore()
        self.killed_invented, self.children_invented = InventedScore(), InventedScore()

    def add(self, incident: dict, reports: tuple[Report, ...], combine: str) -> None:
        code = incident["incident_code"]
        ours_killed = combined(reports, civilian_killed, combine)
        gold = gold_killed(incident)
        if gold is None or gold[1] == 0:
            self.killed_invented.add(ours_killed, code)
        else:
            self.killed.add(gold, ours_killed)
        ours_children = combined(reports, children_killed, combine)
        gold = gold_children(incident)
        if gold == (0, 0):
            self.children_invented.add(ours_children, code)
        elif gold is not None:
            self.children.add(gold, ours_children)
        gold = gold_injured(incident)
        if gold is not None and gold[1] > 0:
            self.injured.add(gold, combined(reports, injured, combine))

    def to_dict(self) -> dict:
        return {"civilian_killed": self.killed.rates(), "children_killed": self.children.rates(),
                "injured": self.injured.rates(), "civilian_killed_invented": self.killed_invented.rates(),
                "children_killed_invented": self.children_invented.rates()}


def results(incidents: list[dict]) -> Iterator[tuple[dict, tuple[Report, ...]]]:
    """Each incident with the reports extracted from its narrative (none when the article was rejected)."""
    for n, (incident, result) in enumerate(zip(incidents, extract_articles(article_of(i) for i in incidents)), 1):
        progress(n, len(incidents))
        yield incident, result.reports if isinstance(result, ExtractionResult) else ()


def run(limit: int | None = None, path: Path | None = None) -> dict:
    """Extract and score; metrics for each combine rule, and the run's size and time."""
    incidents = load(path or data_dir("airwars_gaza_2023") / FILE, limit)
    scores = {combine: Scores() for combine in COMBINES}
    started = time.perf_counter()
    for incident, reports in results(incidents):
        for combine, score in scores.items():
            score.add(incident, reports, combine)
    return {"incidents": len(incidents), "seconds": round(time.perf_counter() - started, 1),
            **{combine: score.to_dict() for combine, score in scores.items()}}


def print_report(metrics: dict, out=sys.stdout) -> None:
    main = metrics["main"]
    rows = []
    for name in ("civilian_killed", "children_killed", "injured"):
        m = main[name]
        invented = main.get(f"{name}_invented", {})
        rows.append([name.replace("_", " "), m["n"], m["coverage"], m["min_exact"], m["max_exact"], m["within"],
                     f"{invented['invented']:.3f} of {invented['n']}" if invented else "-"])
    print_table(f"Airwars Gaza 2023: {metrics['incidents']} incidents, {metrics['seconds']} s (main report)",
                ["figure", "n", "coverage", "min exact", "max exact", "within", "invented"], rows, out)
    summed = metrics["sum"]
    print("sum over reported reports: " + ", ".join(
        f"{name.replace('_', ' ')} min {summed[name]['min_exact']:.3f} within {summed[name]['within']:.3f}"
        for name in ("civilian_killed", "children_killed", "injured")), file=out)


def main() -> None:
    bench_main(__doc__, "airwars_gaza_2023", "incidents", lambda args: run(args.limit), print_report)


if __name__ == "__main__":
    main()
