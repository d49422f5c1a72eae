"""Fit the merge's pair weights (``tollbook/data/merge_weights.json``) by logistic regression.

    python -m bench.fit_merge [--cache DIR]     # after bench.merge_gva has cached the extraction

Candidate pairs (the merge's own blocking) come from the GVA pilot's reports; a pair is positive
when GVA files both articles under one incident. Only incidents with an even GVA id train the
weights; the odd ones are held out, and ``bench.merge_gva --half odd`` measures on them.
The fit is plain Newton's method with a small L2 penalty (numpy only).
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from bench.cached import cached_results
from bench.merge_gva import convert
from tollbook.incidents.merging import item_from_row
from tollbook.incidents.merging.blocking import candidate_pairs
from tollbook.incidents.merging.decide import TEXT_CAP, levels, text_similarity
from tollbook.store.rows import report_row

WEIGHTS = Path(__file__).resolve().parents[1] / "tollbook" / "data" / "merge_weights.json"
L2 = 1.0
# Levels the training pairs never show (GVA reports are all dated, and blocking keeps day-precise
# dates within two days) take the weight of the nearest level they do show: an unknown date says
# no more than a coarse one, a far date no more than a coarse one either.
FALLBACK = {"date:unknown": "date:coarse", "date:far": "date:coarse"}


def items_of(articles: Path, reports: Path, keep) -> list:
    out = []
    for result in cached_results(str(articles), str(reports)):
        if not keep(result.article.id):
            continue
        for n, report in enumerate(result.reports):
            if report.modality == "reported":
                out.append(item_from_row(report_row(report, n)))
    return out


def design(items, gold) -> tuple[np.ndarray, np.ndarray, list[str]]:
    rows, labels = [], []
    for a, b in candidate_pairs(items):
        rows.append((levels(a, b), min(text_similarity(a, b), TEXT_CAP)))
        labels.append(gold[a.article_id] == gold[b.article_id])
    names = sorted({level for found, _ in rows for level in found})
    index = {name: n for n, name in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 2))
    x[:, 0] = 1.0
    for r, (found, similarity) in enumerate(rows):
        for level in found:
            x[r, index[level] + 1] = 1.0
        x[r, -1] = similarity
    return x, np.array(labels, dtype=float), ["bias"] + names + ["text"]


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + L2 * w
        hessian = (x.T * (p * (1 - p))) @ x + L2 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "tollbook-gva"))
    parser.add_argument("--threshold", type=float, default=2.0,
                        help="Link at this log-odds (2.0: odds of about 7 to 1 that both tell one incident; the GVA pairs favour precision).")
    args = parser.parse_args()
    cache = Path(args.cache)
    gold = convert(cache / "articles.jsonl")
    train = items_of(cache / "articles.jsonl", cache / "reports.jsonl", lambda a: int(gold[a]) % 2 == 0)
    x, y, names = design(train, gold)
    w = fit(x, y)
    linked = x @ w >= args.threshold
    tp = float((linked & (y == 1)).sum())
    print(f"{len(y)} candidate pairs ({int(y.sum())} same incident); on them P={tp / max(linked.sum(), 1):.3f} "
          f"R={tp / max(y.sum(), 1):.3f}")
    weights = {name: round(float(v), 3) for name, v in zip(names, w)}
    for missing, like in FALLBACK.items():
        weights.setdefault(missing, weights.get(like, 0.0))
    WEIGHTS.write_text(json.dumps({
        "source": "logistic regression on GVA pilot candidate pairs, incidents with an even id "
                  "(python -m bench.fit_merge); link at log-odds >= threshold",
        "threshold": args.threshold, "weights": weights}, indent=1) + "\n")
    for name, value in weights.items():
        print(f"  {name:26s} {value:+.3f}")


if __name__ == "__main__":
    main()
