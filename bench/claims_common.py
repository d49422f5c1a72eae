"""What the claims benchmarks share: which report of an article is scored, ranges compared, tables printed.

A benchmark's gold gives one incident per document; tollbook may give several
reports for it (a second strike the text mentions, a re-told toll it splits
off). Two ways to turn reports into one figure, both computed from the same run:

* ``main`` (the headline figure): the report with ``modality == "reported"``
  that carries the most figure claims (the first such report on a tie). The
  incident a document is written about is the one it gives the most figures
  for; the others are side stories an analyst would not add to its toll.
* ``sum``: the sum over every reported report (min over mins, max over maxes).
  It forgives an incident split in two, and punishes a side story counted in.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tollbook.records import Range, Report

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
COMBINES = ("main", "sum")
Bounds = tuple[int, int]


def data_dir(name: str) -> Path:
    """The third-party data set beside the checkout (``TOLLBOOK_SHARED_DATA`` overrides the folder)."""
    root = Path(os.environ["TOLLBOOK_SHARED_DATA"]) if os.environ.get("TOLLBOOK_SHARED_DATA") else SHARED_DATA
    return root / name


def require(folder: Path) -> None:
    """A benchmark without its data says so and steps aside (``make bench`` goes on with the others)."""
    if not folder.is_dir():
        print(f"skipped: {folder} not found (third-party data beside the checkout; set TOLLBOOK_SHARED_DATA)",
              file=sys.stderr)
        raise SystemExit(0)


def reported(reports: Iterable[Report]) -> list[Report]:
    return [r for r in reports if r.modality == "reported"]


def main_report(reports: Iterable[Report]) -> Report | None:
    """The reported report with the most figure claims; the first on a tie."""
    best, most = None, -1
    for report in reported(reports):
        figures = sum(1 for c in report.claims if c.kind == "figure")
        if figures > most:
            best, most = report, figures
    return best


def bounds(value: Range | None) -> Bounds | None:
    return None if value is None else (value.min, value.max)


def combined(reports: Iterable[Report], figure_of: Callable[[Report], Bounds | None], combine: str) -> Bounds | None:
    """One figure for the document: the main report's, or the sum over reported reports."""
    if combine == "main":
        report = main_report(reports)
        return None if report is None else figure_of(report)
    found = [b for b in (figure_of(r) for r in reported(reports)) if b is not None]
    if not found:
        return None
    return sum(b[0] for b in found), sum(b[1] for b in found)


@dataclass
class RangeScore:
    """Predicted ranges against gold ranges, over the documents whose gold has the figure.

    ``within``: the whole gold range lies inside the predicted [min, max]. A
    document with no predicted figure counts as a miss everywhere but ``coverage``'s
    denominator.
    """
    n: int = 0
    covered: int = 0
    min_exact: int = 0
    max_exact: int = 0
    within: int = 0

    def add(self, gold: Bounds, predicted: Bounds | None) -> None:
        self.n += 1
        if predicted is None:
            return
        self.covered += 1
        self.min_exact += predicted[0] == gold[0]
        self.max_exact += predicted[1] == gold[1]
        self.within += predicted[0] <= gold[0] and gold[1] <= predicted[1]

    def rates(self) -> dict[str, float]:
        return {"n": self.n, "coverage": rate(self.covered, self.n), "min_exact": rate(self.min_exact, self.n),
                "max_exact": rate(self.max_exact, self.n), "within": rate(self.within, self.n)}


@dataclass
class InventedScore:
    """Documents whose gold has no such figure (or zero) on which a positive figure was given anyway."""
    n: int = 0
    invented: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, predicted: Bounds | None, doc_id: str) -> None:
        self.n += 1
        if predicted is not None and predicted[1] > 0:
            self.invented += 1
            self.examples.append(doc_id)

    def rates(self) -> dict[str, float]:
        return {"n": self.n, "invented": rate(self.invented, self.n)}


def rate(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def print_table(title: str, header: list[str], rows: list[list], out=sys.stdout) -> None:
    """A small aligned table (markdown pipes, so it pastes into the README)."""
    cells = [header] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(title, file=out)
    for k, row in enumerate(cells):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |", file=out)
        if k == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|", file=out)


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def progress(done: int, total: int) -> None:
    if done % 50 == 0 or done == total:
        print(f"\r{done}/{total}", end="\n" if done == total else "", file=sys.stderr, flush=True)


def bench_main(doc: str, dataset: str, unit: str, measure: Callable[[argparse.Namespace], dict],
               print_report: Callable[[dict], None], options: Callable[[argparse.ArgumentParser], None] | None = None
               ) -> None:
    """The command line every claims benchmark shares: --limit, --json, and the data folder checked first."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--limit", type=int, help=f"the first N {unit} only")
    parser.add_argument("--json", type=Path, help="write the metrics here")
    if options is not None:
        options(parser)
    args = parser.parse_args()
    require(data_dir(dataset))
    metrics = measure(args)
    print_report(metrics)
    if args.json:
        args.json.write_text(json.dumps(metrics, indent=1) + "\n")
