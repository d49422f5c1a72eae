"""The merge gate: extract and ingest the dev set, score the incidents' cross-article pairs.

Like ``gate.py``: floors in ``merge_floors.json`` with the corpus sha256; ``--update`` raises
them, lowering needs ``--allow-regression`` (and a commit that says why).

    python -m tests.quality.merge_gate            # merge_f1 / precision / recall vs floors
    python -m tests.quality.merge_gate --update
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.quality.common import gate_main, pinned_floors
from tests.quality.gate import DEV, EPSILON, SCORER, corpus_sha

FLOORS = Path(__file__).with_name("merge_floors.json")
GATED = ("merge_f1", "merge_precision", "merge_recall")


def extract_and_ingest(folder: Path) -> tuple[Path, Path]:
    from tollbook.export.incidents import incident_writer
    from tollbook.extraction import extract_articles
    from tollbook.records import Rejection
    from tollbook.sources import read_inputs
    from tollbook.store import open_store

    results = []
    for result in extract_articles(read_inputs([str(DEV / "articles.jsonl")])):
        if isinstance(result, Rejection):
            raise SystemExit(f"dev article rejected: {result}")
        results.append(result)
    reports, incidents = folder / "reports.jsonl", folder / "incidents.jsonl"
    with reports.open("w", encoding="utf-8") as out:
        for result in results:
            for report in result.reports:
                out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    store = open_store(str(folder / "dev.db"))
    store.ingest(results, batch_size=8)
    with incidents.open("w", encoding="utf-8") as out:
        writer = incident_writer("jsonl", out)
        for incident in store.iter_incidents():
            writer.write(incident)
    store.close()
    return reports, incidents


def measure() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        reports, incidents = extract_and_ingest(Path(tmp))
        result_json = Path(tmp) / "score.json"
        run = subprocess.run([sys.executable, str(SCORER), str(DEV / "gold.jsonl"), str(reports),
                              "--incidents", str(incidents), "--json", str(result_json)],
                             capture_output=True, text=True, check=True)
        print("\n".join(line for line in run.stdout.splitlines() if line.startswith("merge_")))
        return json.loads(result_json.read_text())


def run_gate(update: bool = False, allow_regression: bool = False) -> list[str]:
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {"floors": {}}
    scores = measure()
    if floors.get("corpus_sha256") not in (None, corpus_sha()) and not update:
        return [f"the dev corpus changed (sha {corpus_sha()[:12]}); re-pin floors with --update"]
    if update:
        new = pinned_floors(scores, GATED, floors["floors"], allow_regression)
        FLOORS.write_text(json.dumps({"corpus_sha256": corpus_sha(), "floors": new}, indent=1, sort_keys=True) + "\n")
        return []
    return [f"{key}: {scores.get(key) or 0.0:.3f} < floor {floor:.3f}"
            for key, floor in floors["floors"].items() if (scores.get(key) or 0.0) + EPSILON < floor]


def main() -> None:
    gate_main(run_gate, __doc__.splitlines()[0])


if __name__ == "__main__":
    main()
