"""Per-class precision/recall/F1, weighted and macro F1, and the confusion matrix."""
from __future__ import annotations

from collections import Counter


def scores(gold: list[str], predicted: list[str]) -> dict:
    """Metrics over the labels present in ``gold``; a prediction of any other label (an abstention
    included) counts against recall and, for the label predicted, against precision."""
    present = sorted(set(gold))
    support = Counter(gold)
    guessed = Counter(predicted)
    right = Counter(g for g, p in zip(gold, predicted) if g == p)
    per_class = {}
    for label in present:
        p = right[label] / guessed[label] if guessed[label] else 0.0
        r = right[label] / support[label]
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_class[label] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                            "support": support[label]}
    n = len(gold)
    return {
        "n": n,
        "accuracy": round(sum(right.values()) / n, 4) if n else 0.0,
        "weighted_f1": round(sum(c["f1"] * c["support"] for c in per_class.values()) / n, 4) if n else 0.0,
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(per_class), 4) if per_class else 0.0,
        "per_class": per_class,
    }


def confusion(gold: list[str], predicted: list[str]) -> dict[str, dict[str, int]]:
    """gold label → predicted label → count."""
    out: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted):
        row = out.setdefault(g, {})
        row[p] = row.get(p, 0) + 1
    return out
