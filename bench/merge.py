"""Merge N synthetic reports (1,000,000 by default) in memory and time it.

    python -m bench.merge [N]

Synthetic world: 80 countries of 40 places each (with coordinates), events over three years,
each event told by 1 to 5 reports that agree on place, vary the date by up to a day in half the
cases, and share most of their distinctive words; a few reports lack a date (they keep their
article's publication day) or a location. The
blocking + decision + clustering pipeline is the one the store runs. Prints the time, the
pairwise precision and recall against the synthetic truth, and the peak memory.
"""
from __future__ import annotations

import datetime as dt
import random
import resource
import sys
import time

from tollbook.incidents.merging import MergeItem, merge_items

COUNTRIES, PLACES, DAYS = 80, 40, 3 * 365
SUB_TYPES = ["Attack", "Armed clash", "Air/drone strike", "Remote explosive/landmine/IED", "Shelling/artillery/missile attack"]
VOCABULARY = [f"w{n}" for n in range(200_000)]


def synthetic(n: int, seed: int = 5) -> tuple[list[MergeItem], dict[str, int]]:
    rng = random.Random(seed)
    day0 = dt.date(2022, 1, 1).toordinal()
    places = [[(f"c{c}p{p}", f"c{c}r{p % 5}", rng.uniform(-30, 40), rng.uniform(-20, 60)) for p in range(PLACES)]
                for c in range(COUNTRIES)]
    items, truth, event = [], {}, 0
    while len(items) < n:
        event += 1
        country = rng.randrange(COUNTRIES)
        name, region, lat, lon = places[country][rng.randrange(PLACES)]
        day = day0 + rng.randrange(DAYS)
        sub = rng.choice(SUB_TYPES)
        words = rng.sample(VOCABULARY, 10)
        actor = f"actor{rng.randrange(300)}"
        killed = rng.randrange(0, 30)
        for telling in range(min(rng.choice((1, 1, 2, 2, 3, 4, 5)), n - len(items))):
            rid = f"r{len(items):08d}"
            own_day = None if rng.random() < 0.01 else day + (rng.choice((-1, 0, 1)) if rng.random() < 0.5 else 0)
            published = day + rng.randrange(0, 3)
            located = rng.random() > 0.03
            items.append(MergeItem(
                report_id=rid, article_id=f"a{event}-{telling}", country=f"c{country}", day=own_day,
                anchor=published if own_day is None else None,
                precision="day" if own_day is not None else None, admin1=region,
                location=name if located else None, latitude=lat if located else None,
                longitude=lon if located else None, event_type="E", sub_event_type=sub,
                actors=frozenset((actor,)), killed=(killed, killed + rng.randrange(0, 3)),
                terms=frozenset(rng.sample(words, 7) + rng.sample(VOCABULARY, 2))))
            truth[rid] = event
    return items, truth


def pairwise(predicted: dict[str, str], truth: dict[str, int]) -> tuple[float, float]:
    from collections import Counter
    def pairs(counter):
        return sum(k * (k - 1) // 2 for k in counter.values())
    both = Counter((predicted[r], truth[r]) for r in truth)
    tp = pairs(both)
    p_all, t_all = pairs(Counter(predicted.values())), pairs(Counter(truth.values()))
    return (tp / p_all if p_all else 1.0), (tp / t_all if t_all else 1.0)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    started = time.perf_counter()
    items, truth = synthetic(n)
    built, cpu_built = time.perf_counter(), time.process_time()
    incident_of = merge_items(items)
    merged, cpu_merged = time.perf_counter(), time.process_time()
    precision, recall = pairwise(incident_of, truth)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"merge: {n:,} synthetic reports -> {len(set(incident_of.values())):,} incidents "
          f"({len(set(truth.values())):,} true) in {merged - built:.1f}s wall, {cpu_merged - cpu_built:.1f}s CPU "
          f"(+{built - started:.1f}s to generate); pairwise P={precision:.3f} R={recall:.3f}; peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
