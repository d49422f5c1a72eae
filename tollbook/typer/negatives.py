"""Non-conflict text the typer must abstain on, generated from tollbook's own templates.

``tollbook/data/typer_negatives.json`` holds sentence templates per domain (natural disasters,
accidents, crime, sport, diplomacy, economy, text that borrows war words, civic life) and slot
fillers. Filling is seeded, so the set is the same on every run. Every fifth template of a domain is
kept for testing, so the test sentences are phrasings the model never saw.
"""
from __future__ import annotations

import json
import random
import re
from importlib import resources

NEGATIVES_FILE = "typer_negatives.json"
HELD_OUT_EVERY = 5
_SLOT = re.compile(r"\{(\w+)\}")


def _data() -> dict:
    return json.loads((resources.files("tollbook") / "data" / NEGATIVES_FILE).read_text(encoding="utf-8"))


def _fill(template: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    text = _SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), template)
    return text[0].upper() + text[1:]


def negatives(split: str, per_template: int = 30, seed: int = 13) -> list[tuple[str, str]]:
    """(domain, sentence) pairs; ``split`` is ``train`` or ``test`` (held-out templates)."""
    if split not in {"train", "test"}:
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    data = _data()
    rng = random.Random(seed)
    out = []
    for domain, templates in data["domains"].items():
        for i, template in enumerate(templates):
            if (i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1) != (split == "test"):
                continue
            seen = set()
            for _ in range(per_template):
                text = _fill(template, data["slots"], rng)
                if text not in seen:
                    seen.add(text)
                    out.append((domain, text))
    return out
