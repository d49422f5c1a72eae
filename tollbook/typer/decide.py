"""Rules where they are sure, the model for the rest.

The trigger rules (``nlp/triggers.py``) know ACLED's codebook (civilians harmed in a battle stay in
the battle, a surrender is an Agreement ...) but guess on phrasings nobody wrote a rule for; the
model has read 70k coded events but knows no grammar. So the rule's type stands wherever the model
finds it plausible (calibrated probability at least ``PLAUSIBLE``) or the model is itself unsure
(its best type under ``MODEL_SURE``); the model's best type replaces it where the model is
confident the rule is wrong, and types what no rule typed. Types too rare in ACLED's notes for the
model to learn (``RULE_ONLY``) are the rule's unless the model is all but sure the incident is of
another event type (``OTHER_KIND_SURE``: an armed clash that a suicide car bomb opened). Types the
model names but has not learnt to tell (``MODEL_BLIND``) are never its guess: whether ground changed
hands without a fight is grammar a bag of words cannot see, and on the held-out origins all 42 of
the model's own "Non-violent transfer of territory" guesses were wrong; the rules still give that
type. A text the model reads as no conflict event
(calibrated ``P(NONE)`` past its threshold) gives no report, unless a strong cue (score at least
``SURE_CUE``: "a car bomb exploded") holds it: the model's non-conflict examples ("a gas cylinder
exploded in a restaurant") share words with real attacks, the rules know which is which.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..nlp.triggers import EventCue, sub_event_types
from .model import TypeGuess, Typer, load_typer

PLAUSIBLE = 0.05
MODEL_SURE = 0.6
SURE_CUE = 0.85
RULE_ONLY = frozenset({"Suicide bomb", "Chemical weapon"})
OTHER_KIND_SURE = 0.95
MODEL_BLIND = frozenset({"Non-violent transfer of territory"})


@dataclass(frozen=True, slots=True)
class TypeDecision:
    event_type: str | None  # None: no conflict event, no report
    sub_event_type: str | None
    typer: str  # the model's versioned name
    source: str  # "rules" (the rule's type, found plausible) or "model" (the model's type)
    probability: float  # the model's calibrated probability of the decided type (of NONE when there is none)


def decide(cue: EventCue | None, text: str, typer: Typer | None = None, victims_counted: bool = False) -> TypeDecision:
    """The type of an incident told by ``text`` whose strongest rule cue is ``cue``.

    ``victims_counted``: the incident counts people killed or hurt by a rule's event ("the ministry
    issued a statement saying 12 people were killed"), which holds it like a strong cue; tolls of
    storms and crashes never get this far (``borrowed_war_words``)."""
    typer = typer or load_typer()
    p = typer.probabilities(text)
    guess = typer.guess_from(_without(typer, p, MODEL_BLIND))
    held = cue is not None and (cue.score >= SURE_CUE or victims_counted)
    if guess.sub_event_type is None and not held:
        return TypeDecision(None, None, typer.name, "model", guess.probability)
    if cue is not None:
        rule_p = typer.probability_in(p, cue.sub_event_type)
        if guess.sub_event_type is None or rule_p >= PLAUSIBLE or guess.probability < MODEL_SURE \
                or (cue.sub_event_type in RULE_ONLY and not _another_kind(cue, guess)):
            return TypeDecision(cue.event_type, cue.sub_event_type, typer.name, "rules", rule_p)
    return TypeDecision(sub_event_types()[guess.sub_event_type], guess.sub_event_type, typer.name, "model",
                        guess.probability)


def _another_kind(cue: EventCue, guess: TypeGuess) -> bool:
    """The model is all but certain the incident is of another event type altogether: "the clash was
    initiated with an SVBIED" is a battle, "the suicide squad was seen gathering" a movement of
    forces. The model cannot tell a suicide bomb from another explosion (it has read too few), but it
    knows a battle or a troop movement from any explosion."""
    return guess.probability >= OTHER_KIND_SURE and sub_event_types()[guess.sub_event_type] != cue.event_type


def _without(typer: Typer, p: np.ndarray, labels: frozenset[str]) -> np.ndarray:
    """``p`` with ``labels`` given no share, the rest untouched (so the abstention, read from
    ``P(NONE)``, does not move)."""
    out = p.copy()
    for label in labels:
        if label in typer.labels:
            out[typer.labels.index(label)] = 0.0
    return out
