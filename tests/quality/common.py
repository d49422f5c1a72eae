"""What the quality gates share: pinning floors and the command line."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable


def pinned_floors(scores: dict, keys: Iterable[str], old: dict, allow_regression: bool) -> dict:
    """The floors reached now; a floor that would drop needs --allow-regression (and a commit that says why)."""
    new = {}
    for key in keys:
        value = round(scores.get(key) or 0.0, 3)
        before = old.get(key)
        if before is not None and value < before and not allow_regression:
            raise SystemExit(f"{key} would drop from {before} to {value}; pass --allow-regression and say why")
        new[key] = value
    return new


def gate_main(run_gate: Callable[[bool, bool], list[str]], description: str,
              precheck: Callable[[], None] | None = None) -> None:
    """``python -m tests.quality.X [--update] [--allow-regression]``: exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--update", action="store_true", help="pin the floors at what is reached now")
    parser.add_argument("--allow-regression", action="store_true", help="let --update lower a floor")
    args = parser.parse_args()
    if precheck is not None:
        precheck()
    failures = run_gate(args.update, args.allow_regression)
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)
