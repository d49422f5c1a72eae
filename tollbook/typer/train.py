"""Training the event typer from ACLED-coded notes: ``tollbook train typer --data PATH --out DIR``.

Splits (by origin, so no evaluated row shares a source file with training):

* test: the ``RPanlilio/acled`` rows (the ``acled_notes_may2020`` set), never trained on;
* held-out: the origin files in ``HELD_OUT_ORIGINS``, used to fit the temperature and report
  held-out scores;
* train: every other origin with a sub-event type, plus old-schema rows whose event type names one
  sub-type unambiguously (``OLD_SCHEMA``: "Battle-Government regains territory" ...), plus
  tollbook's own non-conflict sentences (label ``NONE``; their held-out templates are tested apart).
  A note that opens with its coder's tag ("Looting: ...") is trained on twice, with and without the
  tag (``with_untagged_copies``): news text carries no tag.

Two fits with the same settings: the first on train alone gives the held-out scores and the
temperature; the shipped model is then fitted on train + held-out (more origins, more phrasings)
and keeps that temperature. The test rows are never trained on.

The model is multinomial logistic regression on hashed features (``features.py``), fitted by
AdaGrad over mini-batches with L2, class-balanced by ``count ** -CLASS_POWER``. Fixed seeds
throughout, so the same data gives the same weights.
"""
from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from ..nlp.triggers import strip_label_prefix
from . import features
from .metrics import confusion, scores
from .model import NONE, Typer
from .negatives import negatives

TEST_ORIGIN = "RPanlilio/acled"
HELD_OUT_ORIGINS = frozenset({
    ("y5z2rmg7y8-bit/Somalia-Conflict-Monitor", "acled_data.csv"),
    ("ElliottMess/WSC_bfa_analysis", "data/1997-01-01-2020-12-10-Burkina_Faso.csv"),
    ("ElliottMess/WSC_bfa_analysis", "data/acled_Burkina_Faso.csv"),
    ("JoshMerfeld/saereplication", "data/acled.csv"),
    ("dkoban/geo_stuff", "ACLED.csv"),
})
OLD_SCHEMA = {
    "Battle-Government regains territory": "Government regains territory",
    "Battle-Non-state actor overtakes territory": "Non-state actor overtakes territory",
    "Battle-non-state actor overtakes territory": "Non-state actor overtakes territory",
    "Non-violent transfer of territory": "Non-violent transfer of territory",
    "Headquarters or base established": "Headquarters or base established",
}
SEED = 8
EPOCHS = 6
BATCH = 128
LEARNING_RATE = 0.4
L2 = 1e-6
CLASS_POWER = 0.7
ORIGIN_POWER = 0.3  # origins weigh count ** -ORIGIN_POWER each row, so one big file does not set the style
NEGATIVE_WEIGHT = 2.0
THRESHOLD = 0.03  # P(conflict event) = 1 - P(NONE) below this: no type, no report
VERSION = "2"  # 2: tagged notes also read without their tag (8 December)


class TrainingDataError(ConfigError):
    code = "E904"


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: str
    origin: str


def read_corpus(path: str | Path) -> dict[str, list[Example]]:
    """The corpus (JSONL, gzip or not) split into ``train``, ``held_out`` and ``test``."""
    path = Path(path)
    if path.is_dir():
        path = path / "acled_notes.jsonl.gz"
    if not path.exists():
        raise TrainingDataError(f"no training data at {path}")
    opener = gzip.open if path.suffix == ".gz" else open
    splits: dict[str, list[Example]] = {"train": [], "held_out": [], "test": []}
    with opener(path, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TrainingDataError(f"{path}:{n}: not JSON: {exc}") from exc
            label = row.get("sub_event_type") or OLD_SCHEMA.get(row.get("event_type") or "")
            if not label or not (row.get("notes") or "").strip():
                continue
            origin = (row.get("origin_repo") or "", row.get("origin_path") or "")
            split = "test" if origin[0] == TEST_ORIGIN else "held_out" if origin in HELD_OUT_ORIGINS else "train"
            splits[split].append(Example(row["notes"], label, "/".join(origin)))
    if not splits["train"]:
        raise TrainingDataError(f"{path}: no rows with notes and a sub_event_type")
    return splits


def with_negatives(splits: dict[str, list[Example]]) -> dict[str, list[Example]]:
    out = dict(splits)
    out["train"] = splits["train"] + [Example(t, NONE, "tollbook:" + d) for d, t in negatives("train")]
    out["negatives_test"] = [Example(t, NONE, "tollbook:" + d) for d, t in negatives("test")]
    return out


class _Sparse:
    """Rows of hashed feature ids as one CSR-like structure (binary features scaled by 1/sqrt(n))."""

    def __init__(self, texts: list[str], reader: str = "plain"):
        rows = [features.hashed(t, reader) for t in texts]
        lengths = np.array([max(len(r), 1) for r in rows])
        self.indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])])
        self.indices = np.concatenate(rows) if rows else np.zeros(0, np.int32)
        self.scale = (1.0 / np.sqrt(lengths)).astype(np.float32)
        self.n = len(rows)

    def batch(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(feature ids, their row within the batch, their value) of the given rows."""
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        counts = ends - starts
        which = np.repeat(np.arange(len(rows)), counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        ids = self.indices[np.repeat(starts, counts) + offsets]
        return ids, which, self.scale[rows][which]


def _logits(weights: np.ndarray, bias: np.ndarray, x: _Sparse, rows: np.ndarray) -> np.ndarray:
    ids, which, value = x.batch(rows)
    out = np.zeros((len(rows), weights.shape[1]), np.float32)
    np.add.at(out, which, weights[ids] * value[:, None])
    return out + bias


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit(x: _Sparse, y: np.ndarray, n_labels: int, sample_weight: np.ndarray, *, seed: int = SEED,
        epochs: int = EPOCHS, log=None) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    weights = np.zeros((features.N_BUCKETS, n_labels), np.float32)
    bias = np.zeros(n_labels, np.float32)
    g2 = np.full((features.N_BUCKETS, n_labels), 1e-6, np.float32)
    b2 = np.full(n_labels, 1e-6, np.float32)
    for epoch in range(epochs):
        order = rng.permutation(x.n)
        loss = 0.0
        for start in range(0, x.n, BATCH):
            rows = order[start:start + BATCH]
            p = _softmax(_logits(weights, bias, x, rows))
            loss -= float((np.log(p[np.arange(len(rows)), y[rows]] + 1e-9) * sample_weight[rows]).sum())
            p[np.arange(len(rows)), y[rows]] -= 1.0
            grad_out = p * sample_weight[rows][:, None] / len(rows)
            ids, which, value = x.batch(rows)
            order_ids = np.argsort(ids, kind="stable")
            uniq, first = np.unique(ids[order_ids], return_index=True)
            grad = np.add.reduceat(grad_out[which[order_ids]] * value[order_ids, None], first, axis=0)
            grad += L2 * weights[uniq]
            g2[uniq] += grad * grad
            weights[uniq] -= LEARNING_RATE * grad / np.sqrt(g2[uniq])
            gb = grad_out.sum(axis=0)
            b2 += gb * gb
            bias -= LEARNING_RATE * gb / np.sqrt(b2)
        if log:
            log(f"epoch {epoch + 1}/{epochs}: loss {loss / x.n:.4f}")
    return weights, bias


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises held-out negative log-likelihood (a grid; deterministic)."""
    best, best_nll = 1.0, float("inf")
    for t in np.round(np.arange(0.2, 4.01, 0.05), 2):
        p = _softmax(logits / t)
        nll = -float(np.log(p[np.arange(len(y)), y] + 1e-12).mean())
        if nll < best_nll:
            best, best_nll = float(t), nll
    return best


def all_logits(weights, bias, x: _Sparse) -> np.ndarray:
    return np.concatenate([_logits(weights, bias, x, np.arange(s, min(s + 2048, x.n)))
                           for s in range(0, x.n, 2048)]) if x.n else np.zeros((0, len(bias)), np.float32)


def evaluate(typer: Typer, examples: list[Example]) -> tuple[list[str], list[str]]:
    gold = [e.label for e in examples]
    guesses = [typer.guess(e.text) for e in examples]
    return gold, [g.sub_event_type or NONE for g in guesses]


def _sample_weights(examples: list[Example], y: np.ndarray, labels: list[str]) -> np.ndarray:
    counts = np.bincount(y, minlength=len(labels)).astype(np.float64)
    weight_of = counts.clip(1) ** -CLASS_POWER
    weight_of[labels.index(NONE)] *= NEGATIVE_WEIGHT
    per_origin = Counter(e.origin for e in examples)
    origin_weight = np.array([1.0 if e.origin.startswith("tollbook:") else per_origin[e.origin] ** -ORIGIN_POWER
                              for e in examples])
    weights = weight_of[y] * origin_weight
    return (weights / weights.mean()).astype(np.float32)


def with_untagged_copies(examples: list[Example]) -> list[Example]:
    """Each note that opens with a coder's tag ("Property destruction: On 4 May ... police seized a
    ton of marijuana") once more without it. The tag names the type, so from the tagged note alone
    the model learns the tag; news text has none, and the copy makes the model learn the words that
    tell the event."""
    out = []
    for e in examples:
        out.append(e)
        untagged = strip_label_prefix(e.text)
        if untagged != e.text:
            out.append(Example(untagged, e.label, e.origin))
    return out


def _fit_on(examples: list[Example], labels: list[str], log, reader: str) -> tuple[np.ndarray, np.ndarray]:
    examples = with_untagged_copies(examples)
    index = {label: i for i, label in enumerate(labels)}
    x = _Sparse([e.text for e in examples], reader)
    y = np.array([index[e.label] for e in examples])
    return fit(x, y, len(labels), _sample_weights(examples, y, labels), log=log)


def train(data: str | Path, out: str | Path, log=lambda m: print(m, file=sys.stderr), reader: str = "plain") -> dict:
    """Train, calibrate, evaluate and write ``typer.npz``, ``metrics.json`` and ``MODEL.md`` to ``out``.

    ``reader``: the feature reader (``features.READERS``); the shipped model is ``plain``."""
    if reader not in features.READERS:
        raise TrainingDataError(f"unknown feature reader {reader!r}; known: {', '.join(features.READERS)}")
    splits = with_negatives(read_corpus(data))
    for name, rows in splits.items():
        log(f"{name}: {len(rows)} examples")
    labels = sorted({e.label for e in splits["train"]} | {e.label for e in splits["held_out"]} | {NONE})
    index = {label: i for i, label in enumerate(labels)}
    name = f"tollbook-typer-{VERSION}-linear-hash{features.N_BUCKETS.bit_length() - 1}" \
        + ("" if reader == "plain" else f"-{reader}")
    log("fit 1/2: train")
    weights, bias = _fit_on(splits["train"], labels, log, reader)
    held = splits["held_out"]
    temperature = fit_temperature(all_logits(weights, bias, _Sparse([e.text for e in held], reader)),
                                  np.array([index[e.label] for e in held]))
    log(f"temperature {temperature}")
    first = Typer(weights.astype(np.float16), bias, labels, temperature, THRESHOLD, name, reader)
    report = {"name": name, "reader": reader, "seed": SEED, "epochs": EPOCHS, "threshold": THRESHOLD,
              "temperature": temperature, "labels": labels,
              "sizes": {k: len(v) for k, v in splits.items()},
              "train_origins": sorted({e.origin for e in splits["train"] if not e.origin.startswith("tollbook:")}),
              "held_out_origins": sorted({e.origin for e in held})}
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    first.save(out / "typer-train-only.npz", {"version": VERSION, "fit": "train only (for held-out analysis)"})
    gold, predicted = evaluate(first, held)
    report["held_out"] = scores(gold, predicted)
    gold, predicted = evaluate(first, [Example(strip_label_prefix(e.text), e.label, e.origin) for e in held])
    report["held_out_untagged"] = scores(gold, predicted)
    log(f"held_out: weighted F1 {report['held_out']['weighted_f1']}, macro F1 {report['held_out']['macro_f1']}")
    log("fit 2/2: train + held-out")
    weights, bias = _fit_on(splits["train"] + held, labels, log, reader)
    typer = Typer(weights.astype(np.float16), bias, labels, temperature, THRESHOLD, name, reader)
    for split in ("test", "negatives_test"):
        gold, predicted = evaluate(typer, splits[split])
        report[split] = scores(gold, predicted)
        if split == "test":
            report["test_confusion"] = confusion(gold, predicted)
        else:
            report[split]["abstained"] = sum(p == NONE for p in predicted)
        log(f"{split}: weighted F1 {report[split]['weighted_f1']}, macro F1 {report[split]['macro_f1']}")
    typer.save(out / "typer.npz", {"version": VERSION})
    (out / "metrics.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    from .card import write_card
    write_card(report, out / "MODEL.md")
    return report
