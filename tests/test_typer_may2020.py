"""The shipped event typer on acled_notes_may2020 (never trained on) stays above its pinned floors.

The model alone is scored on every note (a few seconds); the product's decision, rules plus model,
on a fixed sample of every tenth note (the rules need a spaCy pass). Floors live in
``tests/quality/typer_floors.json``; raise them when the model improves, never lower them quietly.
"""
import json
from pathlib import Path

import pytest

from bench.typer import MAY2020, may2020_rows
from tollbook.typer.metrics import scores

FLOORS = json.loads((Path(__file__).parent / "quality" / "typer_floors.json").read_text())
needs_data = pytest.mark.skipif(not MAY2020.exists(), reason="../shared/data/acled_notes_may2020 is not beside this checkout")
SAMPLE_EVERY = 10


@needs_data
def test_model_alone_stays_above_floors():
    from tollbook.typer.model import load_typer

    rows = may2020_rows(MAY2020)
    typer = load_typer()
    s = scores([r["sub_event_type"] for r in rows], [typer.guess(r["notes"]).best for r in rows])
    assert s["weighted_f1"] >= FLOORS["model_weighted_f1"]
    assert s["macro_f1"] >= FLOORS["model_macro_f1"]


@needs_data
@pytest.mark.model
def test_rules_plus_model_on_a_fixed_sample_stay_above_floors():
    from tollbook.nlp.pipeline import load_nlp
    from tollbook.nlp.triggers import best_cue, strip_label_prefix
    from tollbook.typer.decide import decide

    rows = may2020_rows(MAY2020)[::SAMPLE_EVERY]
    texts = [strip_label_prefix(r["notes"]) for r in rows]
    decided = [decide(best_cue(doc[:]), row["notes"]).sub_event_type or "NONE"
               for doc, row in zip(load_nlp().pipe(texts, batch_size=64), rows)]
    s = scores([r["sub_event_type"] for r in rows], decided)
    assert s["weighted_f1"] >= FLOORS["sample_decided_weighted_f1"]
    assert s["macro_f1"] >= FLOORS["sample_decided_macro_f1"]
