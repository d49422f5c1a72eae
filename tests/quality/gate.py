"""The quality gate: extract the annotated dev set, score it, compare with pinned floors.

Modelled on trafilatura's golden-corpus gate: floors live in ``floors.json``
with the sha256 of the gold and article files they were measured on, so an
edited corpus trips the gate instead of silently moving the bar. A floor is
raised with ``--update`` and never lowered without ``--allow-regression``
(and a commit message that says why).

    python -m tests.quality.gate            # score and check
    python -m tests.quality.gate --update   # raise floors to what is reached now
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.quality.common import gate_main, pinned_floors
ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "dev"
SCORER = SHARED / "tools" / "score.py"
FLOORS = Path(__file__).with_name("floors.json")
# One article flipping one field moves a rate by about 0.01; don't fail on less than that.
EPSILON = 0.005
GATED = ("incident_f1", "sub_event_type_all", "location_all", "date_all", "country_all", "killed_min_all",
         "claim_value_all", "claimant_all", "injured_min_all", "admin1_all", "event_type_all")


def corpus_sha() -> str:
    digest = hashlib.sha256()
    for name in ("articles.jsonl", "gold.jsonl"):
        digest.update((DEV / name).read_bytes())
    return digest.hexdigest()


def extract_dev(out: Path) -> None:
    from tollbook.export.writers import JsonlWriter
    from tollbook.extraction import extract_articles
    from tollbook.records import Rejection
    from tollbook.sources import read_inputs

    with out.open("w", encoding="utf-8") as handle:
        writer = JsonlWriter(handle)
        for result in extract_articles(read_inputs([str(DEV / "articles.jsonl")])):
            if isinstance(result, Rejection):
                raise SystemExit(f"dev article rejected: {result}")
            for report in result.reports:
                writer.write(report)


def score(reports: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        result_json = Path(tmp) / "score.json"
        run = subprocess.run([sys.executable, str(SCORER), str(DEV / "gold.jsonl"), str(reports),
                              "--json", str(result_json)], capture_output=True, text=True, check=True)
        print(run.stdout, end="")
        return json.loads(result_json.read_text())


def check(scores: dict, floors: dict) -> list[str]:
    failures = []
    for key, floor in floors["floors"].items():
        value = scores.get(key) or 0.0
        if value + EPSILON < floor:
            failures.append(f"{key}: {value:.3f} < floor {floor:.3f}")
    if scores.get("negative_false_reports", 0) > floors.get("max_negative_false_reports", 0):
        failures.append(f"negative_false_reports: {scores['negative_false_reports']}")
    return failures


def run_gate(update: bool = False, allow_regression: bool = False) -> list[str]:
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {"floors": {}}
    with tempfile.TemporaryDirectory() as tmp:
        reports = Path(tmp) / "reports.jsonl"
        extract_dev(reports)
        scores = score(reports)
    if floors.get("corpus_sha256") not in (None, corpus_sha()) and not update:
        return [f"the dev corpus changed (sha {corpus_sha()[:12]}); re-pin floors with --update"]
    if update:
        _update(floors, scores, allow_regression)
        return []
    return check(scores, floors)


def _update(floors: dict, scores: dict, allow_regression: bool) -> None:
    new = pinned_floors(scores, GATED, floors["floors"], allow_regression)
    floors.update({"corpus_sha256": corpus_sha(), "floors": new,
                   "max_negative_false_reports": scores.get("negative_false_reports", 0)})
    FLOORS.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n")
    print(f"floors written to {FLOORS}")


def main() -> None:
    gate_main(run_gate, __doc__.splitlines()[0])


if __name__ == "__main__":
    main()
