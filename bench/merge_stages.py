"""Where the GVA pilot's gold article pairs are lost: no report, never compared, or scored too low.

    python -m bench.merge_stages [--half odd|even|all] [--cache DIR]   # after bench.merge_gva has cached the extraction

Each pair of articles GVA files under one incident falls in one stage: one article gave no
reported incident; none of their reports' pairs is a blocking candidate (with the first thing
that keeps the closest pair apart: country, place or date); a candidate pair scores below the
link threshold; or a pair links. In memory, from the cached extraction, as ``bench.fit_merge``.
"""
from __future__ import annotations

import argparse
import itertools
import os
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from bench.fit_merge import items_of
from bench.merge_gva import convert
from tollbook.incidents.merging import LINK_THRESHOLD, pair_score
from tollbook.incidents.merging.blocking import candidate_pairs, dates_compatible, places_compatible


def stage(left: list, right: list, scores: dict) -> str:
    if not left or not right:
        return "no report"
    pairs = [tuple(sorted((a.report_id, b.report_id))) for a in left for b in right]
    found = [scores[p] for p in pairs if p in scores]
    if found:
        return "linked" if max(found) >= LINK_THRESHOLD else "below threshold"
    reasons = {"country" if a.country != b.country else "place" if not places_compatible(a, b)
               else "date" if not dates_compatible(a, b) else "other" for a in left for b in right}
    first = next(r for r in ("other", "date", "place", "country") if r in reasons)
    return f"never compared ({first})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "tollbook-gva"))
    parser.add_argument("--half", choices=("all", "even", "odd"), default="odd")
    args = parser.parse_args()
    cache = Path(args.cache)
    gold = convert(cache / "articles.jsonl")
    if args.half != "all":
        parity = 0 if args.half == "even" else 1
        gold = {a: i for a, i in gold.items() if int(i) % 2 == parity}
    items = items_of(cache / "articles.jsonl", cache / "reports.jsonl", lambda a: a in gold)
    by_article = defaultdict(list)
    for item in items:
        by_article[item.article_id].append(item)
    scores = {(a.report_id, b.report_id): pair_score(a, b) for a, b in candidate_pairs(items)}
    members = defaultdict(list)
    for article, incident in gold.items():
        members[incident].append(article)
    stages = Counter(stage(by_article[x], by_article[y], scores)
                     for articles in members.values() for x, y in itertools.combinations(sorted(articles), 2))
    total = sum(stages.values())
    print(f"GVA pilot ({args.half} incidents): {total} gold article pairs, {len(scores)} candidate report pairs")
    for name, count in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28s} {count:5d}  {count / total:.0%}")


if __name__ == "__main__":
    main()
