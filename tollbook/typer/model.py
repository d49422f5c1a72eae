"""The event typer: a calibrated linear model over hashed text features (numpy only, CPU).

One ``.npz`` holds everything: the weight matrix (float16, buckets × labels), the bias, the label
names, the temperature fitted on held-out data, the abstention threshold (the least calibrated
probability of being a conflict event, ``1 - P(NONE)``, that still gets a type) and the model's
versioned name. ``NONE`` is the label of non-conflict text (natural disasters, accidents, crime, sport ...).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from . import features

NONE = "NONE"
MODEL_FILE = "typer.npz"


class TyperModelError(ConfigError):
    code = "E903"


@dataclass(frozen=True, slots=True)
class TypeGuess:
    """The model's reading of a text: its best sub-event type, calibrated probability, and the name of the model."""
    sub_event_type: str | None  # None: not a conflict event (abstain)
    probability: float  # calibrated probability of ``sub_event_type`` (of NONE when it abstains)
    best: str  # the best conflict type even when abstaining
    typer: str


class Typer:
    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: list[str], temperature: float,
                 threshold: float, name: str, reader: str = "plain"):
        if weights.shape != (features.N_BUCKETS, len(labels)) or bias.shape != (len(labels),):
            raise TyperModelError(f"typer weights have shape {weights.shape}, expected "
                                  f"({features.N_BUCKETS}, {len(labels)})")
        self.weights = weights
        self.bias = bias.astype(np.float32)
        self.labels = labels
        self.temperature = float(temperature)
        self.threshold = float(threshold)
        self.name = name
        if reader not in features.READERS:
            raise TyperModelError(f"typer model reads features with {reader!r}, which this tollbook does not know")
        self.reader = reader  # the feature reader the model was trained with (``features.READERS``)
        self._none = labels.index(NONE) if NONE in labels else -1

    @classmethod
    def load(cls, path: str | Path) -> "Typer":
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                return cls(data["weights"], data["bias"], meta["labels"], meta["temperature"],
                           meta["threshold"], meta["name"], meta.get("reader", "plain"))
        except (OSError, KeyError, ValueError) as exc:
            raise TyperModelError(f"cannot load the typer model from {path}: {exc}") from exc

    def save(self, path: str | Path, extra: dict | None = None) -> None:
        meta = {"labels": self.labels, "temperature": self.temperature, "threshold": self.threshold,
                "name": self.name, "reader": self.reader, **(extra or {})}
        np.savez_compressed(path, weights=self.weights.astype(np.float16), bias=self.bias,
                            meta=np.array(json.dumps(meta)))

    def logits(self, ids: np.ndarray) -> np.ndarray:
        if len(ids) == 0:
            return self.bias.copy()
        value = 1.0 / np.sqrt(len(ids))
        return self.weights[ids].sum(axis=0, dtype=np.float32) * value + self.bias

    def probabilities(self, text: str) -> np.ndarray:
        z = self.logits(features.hashed(text, self.reader)) / self.temperature
        z = np.exp(z - z.max())
        return z / z.sum()

    def guess(self, text: str) -> TypeGuess:
        """The best conflict type, unless the text is not about a conflict event: the calibrated
        probability of ``NONE`` reaches ``1 - threshold`` (no type, no report)."""
        return self.guess_from(self.probabilities(text))

    def guess_from(self, p: np.ndarray) -> TypeGuess:
        none_p = float(p[self._none]) if self._none >= 0 else 0.0
        ranked = np.argsort(-p)
        best = int(ranked[0] if ranked[0] != self._none else ranked[1])
        label = self.labels[best]
        if 1.0 - none_p < self.threshold:
            return TypeGuess(None, none_p, label, self.name)
        return TypeGuess(label, float(p[best]), label, self.name)

    def probability_in(self, p: np.ndarray, label: str) -> float:
        """``label``'s share of the probabilities ``p``; 0 for a label the model does not know."""
        return float(p[self.labels.index(label)]) if label in self.labels else 0.0


@lru_cache(maxsize=1)
def load_typer() -> Typer:
    """The shipped model, loaded once per process."""
    path = resources.files("tollbook") / "data" / MODEL_FILE
    with resources.as_file(path) as real:
        return Typer.load(real)
