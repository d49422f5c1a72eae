"""Sub-event typing on ACLED's own event notes: tollbook's event cues against ACLED's coding.

    python -m bench.typing_acled [CSV]

Default CSV: ../shared/data/acled_notes_may2020/acled_2020-04-25_2020-05-09_global.csv (5,071 events,
never used for tuning). Each note is typed by the strongest event cue (``triggers.classify_docs``)
after stripping a leading "Label:" tag that some exports prepend. Prints accuracy and per-type recall.
"""
from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from tollbook.nlp.pipeline import load_nlp
from tollbook.nlp.triggers import classify_docs, strip_label_prefix

DEFAULT = (Path(__file__).resolve().parents[2] / "shared" / "data" / "acled_notes_may2020"
           / "acled_2020-04-25_2020-05-09_global.csv")


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("notes") and r.get("sub_event_type")]
    docs = load_nlp().pipe((strip_label_prefix(r["notes"]) for r in rows), batch_size=64)
    predicted = classify_docs(docs)
    sub_ok, type_ok = Counter(), Counter()
    totals = Counter(r["sub_event_type"] for r in rows)
    for row, guess in zip(rows, predicted):
        if guess is None:
            continue
        type_ok[row["event_type"] == guess[0]] += 1
        if row["sub_event_type"] == guess[1]:
            sub_ok[row["sub_event_type"]] += 1
    n = len(rows)
    print(f"events: {n}")
    print(f"sub-event type accuracy: {sum(sub_ok.values()) / n:.3f}")
    print(f"event type accuracy: {type_ok[True] / n:.3f}")
    for sub, count in totals.most_common():
        print(f"  {sub:40s} n={count:5d} recall={sub_ok[sub] / count:.2f}")


if __name__ == "__main__":
    main()
