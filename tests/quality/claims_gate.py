"""Floors for the claims benchmarks (Airwars, GVDB, PolNeAR), measured on fixed subsets so CI stays quick.

The subsets are the first documents of each set (``SUBSETS``); the figures are
the ones ``bench/claims_*.py`` and ``bench/attribution_polnear.py`` print, for the
``main`` report rule. Floors and ceilings live in ``claims_floors.json`` with the
sha256 of the data they were measured on. A figure may move by ``TOLERANCE``
(one document in a hundred) before the gate fails.

    python -m tests.quality.claims_gate            # measure and check
    python -m tests.quality.claims_gate --update   # pin the floors at what is reached now
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.quality.common import gate_main
from bench import attribution_polnear, claims_airwars, claims_gvdb
from bench.claims_common import data_dir

FLOORS = Path(__file__).with_name("claims_floors.json")
TOLERANCE = 0.01
SUBSETS = {"airwars": 150, "gvdb": 100, "polnear": 20}
DATA = {"airwars": "airwars_gaza_2023", "gvdb": "gvdb", "polnear": "polnear"}
# higher is better
GATED = {
    "airwars": [f"main.{figure}.{metric}" for figure in ("civilian_killed", "children_killed", "injured")
                for metric in ("coverage", "min_exact", "max_exact", "within")],
    "gvdb": [f"main.{figure}.{metric}" for figure in ("killed", "injured") for metric in ("min_exact", "within")],
    "polnear": ["source_exact", "source_overlap", "source_head", "sentence_source_precision",
                "sentence_source_recall", "cue_recall"],
}
# lower is better
CAPPED = {
    "airwars": ["main.civilian_killed_invented.invented", "main.children_killed_invented.invented"],
    "gvdb": ["main.killed_invented.invented"],
    "polnear": ["source_named_without_gold_source"],
}


def missing_data() -> list[str]:
    return [str(data_dir(name)) for name in DATA.values() if not data_dir(name).is_dir()]


def data_sha(name: str) -> str:
    """The sha256 of every file of one data set, in name order."""
    digest = hashlib.sha256()
    folder = data_dir(DATA[name])
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def measure() -> dict[str, dict]:
    return {"airwars": claims_airwars.run(SUBSETS["airwars"]),
            "gvdb": claims_gvdb.run(SUBSETS["gvdb"]),
            "polnear": attribution_polnear.run(SUBSETS["polnear"])}


def flatten(metrics: dict[str, dict]) -> tuple[dict[str, float], dict[str, float]]:
    """(gated, capped): 'airwars.main.civilian_killed.within' → value."""
    gated = {f"{name}.{key}": _lookup(metrics[name], key) for name, keys in GATED.items() for key in keys}
    capped = {f"{name}.{key}": _lookup(metrics[name], key) for name, keys in CAPPED.items() for key in keys}
    return gated, capped


def _lookup(metrics: dict, dotted: str) -> float:
    value = metrics
    for part in dotted.split("."):
        value = value[part]
    return float(value)


def check(metrics: dict[str, dict], pinned: dict) -> list[str]:
    gated, capped = flatten(metrics)
    failures = [f"{key}: {gated.get(key, 0.0):.3f} < floor {floor:.3f}"
                for key, floor in pinned["floors"].items() if gated.get(key, 0.0) + TOLERANCE < floor]
    failures += [f"{key}: {capped.get(key, 1.0):.3f} > ceiling {ceiling:.3f}"
                 for key, ceiling in pinned["ceilings"].items() if capped.get(key, 1.0) - TOLERANCE > ceiling]
    return failures


def data_changed(pinned: dict) -> list[str]:
    return [f"{name}: the data changed (sha {data_sha(name)[:12]}); re-pin floors with --update"
            for name, sha in pinned.get("data_sha256", {}).items() if sha != data_sha(name)]


def run_gate(update: bool = False, allow_regression: bool = False) -> list[str]:
    pinned = json.loads(FLOORS.read_text()) if FLOORS.exists() else None
    if not update:
        if pinned is None:
            return [f"no floors pinned in {FLOORS.name}; measure them with --update"]
        changed = data_changed(pinned)
        if changed:
            return changed
        if pinned.get("subsets") != SUBSETS:
            return [f"subsets changed ({pinned.get('subsets')} pinned, {SUBSETS} now); re-pin with --update"]
    metrics = measure()
    if update:
        _update(pinned, metrics, allow_regression)
        return []
    return check(metrics, pinned)


def _update(pinned: dict | None, metrics: dict[str, dict], allow_regression: bool) -> None:
    """Pin what is reached now; a worse figure on the same data and subsets needs --allow-regression."""
    gated, capped = flatten(metrics)
    comparable = pinned is not None and pinned.get("subsets") == SUBSETS and not data_changed(pinned)
    if comparable and not allow_regression:
        worse = [f"{k}: {gated[k]:.3f} < {v:.3f}" for k, v in pinned["floors"].items() if gated.get(k, 0.0) < v]
        worse += [f"{k}: {capped[k]:.3f} > {v:.3f}" for k, v in pinned["ceilings"].items() if capped.get(k, 1.0) > v]
        if worse:
            raise SystemExit("figures would get worse: " + "; ".join(worse) + "; pass --allow-regression and say why")
    FLOORS.write_text(json.dumps({"subsets": SUBSETS, "data_sha256": {n: data_sha(n) for n in DATA},
                                  "floors": gated, "ceilings": capped}, indent=1, sort_keys=True) + "\n")
    print(f"floors written to {FLOORS}")


def main() -> None:
    gate_main(run_gate, __doc__.splitlines()[0], precheck=_require_data)


def _require_data() -> None:
    if missing_data():
        raise SystemExit(f"benchmark data not found: {', '.join(missing_data())}")


if __name__ == "__main__":
    main()
