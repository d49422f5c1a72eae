"""The share of ``extract``'s time spent geocoding (place mentions, focus, resolution).

    python -m bench.geo_share [--repeat N]

Wraps the geocoding entry points the pipeline calls (``find_places`` in the
sentence facts, ``article_focus`` and ``resolve_place``) with timers and runs
``extract_articles`` over the dev articles (the index loaded beforehand, as a
long run would have it).
"""
from __future__ import annotations

import argparse
import functools
import time

import tollbook.extraction as extraction
import tollbook.incidents.facts as facts
from tollbook.geo.index import PlaceIndex
from tollbook.records import Article
from tollbook.sources import read_inputs

from .extract import DEV, ROOT


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    spent = [0.0]

    def timed(f):
        @functools.wraps(f)
        def wrapper(*a, **k):
            t = time.perf_counter()
            try:
                return f(*a, **k)
            finally:
                spent[0] += time.perf_counter() - t
        return wrapper

    PlaceIndex.default()
    facts.find_places = timed(facts.find_places)
    extraction.article_focus = timed(extraction.article_focus)
    extraction.resolve_place = timed(extraction.resolve_place)
    source = DEV if DEV.exists() else ROOT / "samples"
    articles = [a for a in read_inputs([str(source)]) if isinstance(a, Article)]
    list(extraction.extract_articles(articles[:10]))  # load the model
    spent[0] = 0.0
    started = time.perf_counter()
    reports = sum(len(r.reports) for r in extraction.extract_articles(articles * args.repeat))
    total = time.perf_counter() - started
    print(f"{len(articles) * args.repeat} articles, {reports} reports: extract {total:.2f}s, "
          f"geocoding {spent[0]:.2f}s = {100 * spent[0] / total:.1f}% of extract")


if __name__ == "__main__":
    main()
