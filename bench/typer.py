"""The event typer on ACLED's own notes, on non-conflict text, and what it costs extract.

    python -m bench.typer [--csv CSV] [--skip-rules] [--skip-speed]

* may2020 (``../shared/data/acled_notes_may2020``, 5,071 events, never trained on): weighted and
  macro F1 over the sub-types present, for the model alone and for the product's decision (rules
  where the model finds them plausible, the model for the rest: ``tollbook.typer.decide``). The
  rules read each note without a leading ``Label:`` tag (as ``bench.typing_acled`` does); the model
  reads the note as published (117 notes carry such a tag) and, for comparison, without it.
* Non-conflict sentences from the held-out negative templates: reports ``extract`` gives (want 0).
* Model load time, and ``extract``'s CPU time over the dev articles with and without the typer.
"""
from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from tollbook.typer.metrics import scores

ROOT = Path(__file__).resolve().parents[1]
MAY2020 = ROOT.parent / "shared" / "data" / "acled_notes_may2020" / "acled_2020-04-25_2020-05-09_global.csv"


def may2020_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle) if r.get("notes") and r.get("sub_event_type")]


def report(name: str, gold: list[str], predicted: list[str], per_class: bool = False) -> None:
    s = scores(gold, predicted)
    print(f"{name}: n={s['n']} accuracy={s['accuracy']:.4f} weighted_f1={s['weighted_f1']:.4f} "
          f"macro_f1={s['macro_f1']:.4f}")
    if per_class:
        for label, c in sorted(s["per_class"].items(), key=lambda kv: -kv[1]["support"]):
            print(f"  {label:40s} n={c['support']:5d} P={c['precision']:.2f} R={c['recall']:.2f} F1={c['f1']:.2f}")


def model_only(rows: list[dict]) -> None:
    from tollbook.typer.model import NONE, load_typer

    typer = load_typer()
    gold = [r["sub_event_type"] for r in rows]
    guesses = [typer.guess(r["notes"]) for r in rows]
    report("model, best type", gold, [g.best for g in guesses])
    report("model, abstaining below threshold", gold, [g.sub_event_type or NONE for g in guesses])


def hybrid(rows: list[dict]) -> None:
    from tollbook.nlp.pipeline import load_nlp
    from tollbook.nlp.triggers import best_cue, classify_docs, strip_label_prefix
    from tollbook.typer.decide import decide

    texts = [strip_label_prefix(r["notes"]) for r in rows]
    docs = list(load_nlp().pipe(texts, batch_size=64))
    gold = [r["sub_event_type"] for r in rows]
    rules = [(c[1] if c else "NONE") for c in classify_docs(docs)]
    report("rules alone", gold, rules)
    cues = [best_cue(doc[:]) for doc in docs]
    stripped = [decide(cue, text).sub_event_type or "NONE" for cue, text in zip(cues, texts)]
    report("rules + model, model reading notes without their 'Label:' tags", gold, stripped)
    decided = [decide(cue, row["notes"]).sub_event_type or "NONE" for cue, row in zip(cues, rows)]
    report("rules + model (tollbook.typer.decide), notes as published", gold, decided, per_class=True)


def negatives() -> None:
    from tollbook.extraction import extract
    from tollbook.typer.negatives import negatives as held_out_negatives

    sentences = held_out_negatives("test", per_template=6)
    reported = [(d, t) for d, t in sentences if extract(t).reports]
    print(f"non-conflict sentences (held-out templates): {len(sentences)}, with a report: {len(reported)}")
    for domain, text in reported[:10]:
        print(f"  [{domain}] {text}")


def speed() -> None:
    import tollbook.incidents.build as build
    from tollbook.typer import model
    from tollbook.typer.decide import TypeDecision
    from bench.extract import corpus, full_extract

    model.load_typer.cache_clear()
    started = time.perf_counter()
    model.load_typer()
    print(f"typer load: {time.perf_counter() - started:.3f}s")
    articles = corpus(2)
    real = build.decide
    rules_only = lambda cue, text, typer=None: TypeDecision(cue.event_type, cue.sub_event_type, "rules", "rules", 1.0)  # noqa: E731
    best = {"with typer": float("inf"), "without": float("inf")}
    full_extract(articles[:8])  # warm the caches
    for _ in range(3):
        for name, fn in (("without", rules_only), ("with typer", real)):
            build.decide = fn
            best[name] = min(best[name], full_extract(articles)[1])
    build.decide = real
    print(f"extract CPU s over {len(articles)} articles: without typer {best['without']:.2f}, "
          f"with typer {best['with typer']:.2f} (+{100 * (best['with typer'] / best['without'] - 1):.1f}%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=MAY2020)
    parser.add_argument("--skip-rules", action="store_true", help="model alone (no spaCy pass over the notes)")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    if args.csv.exists():
        rows = may2020_rows(args.csv)
        model_only(rows)
        if not args.skip_rules:
            hybrid(rows)
    else:
        print(f"no may2020 set at {args.csv}: skipped")
    negatives()
    if not args.skip_speed:
        speed()


if __name__ == "__main__":
    main()
