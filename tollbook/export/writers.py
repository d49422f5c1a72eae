"""Writers for ``tollbook extract``: JSON lines, CSV and a readable table."""
from __future__ import annotations

import csv
import json
import shutil
from typing import TextIO

from ..records import Report, Statistic
from .flat import COLUMNS, flat_row

FORMATS = ("jsonl", "csv", "table")


class JsonlWriter:
    def __init__(self, out: TextIO):
        self.out = out

    def write(self, report: Report) -> None:
        self.out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")

    def close(self, statistics: list[Statistic]) -> None:
        self.out.flush()


class CsvWriter:
    def __init__(self, out: TextIO):
        self.out = out
        self.writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore")
        self.writer.writeheader()

    def write(self, report: Report) -> None:
        self.writer.writerow({k: ("" if v is None else v) for k, v in flat_row(report).items()})

    def close(self, statistics: list[Statistic]) -> None:
        self.out.flush()


class TableWriter:
    """A table for people: one line per report, figures as min-max, then the statistics."""
    HEADER = ("date", "type", "location", "country", "actor1", "actor2", "killed", "injured", "claims", "denied by",
              "article")

    def __init__(self, out: TextIO):
        self.out = out
        self.rows: list[tuple[str, ...]] = []

    def write(self, report: Report) -> None:
        self.rows.append((
            report.event_date or "?", report.sub_event_type + ("" if report.modality == "reported"
                                                                 else f" [{report.modality}]"),
            report.location or report.admin1 or "?", report.country or "?", report.actor1 or "-",
            report.actor2 or "-", _range(report.fatalities), _range(report.injured), str(len(report.claims)),
            "; ".join(dict.fromkeys(d.claimant for d in report.denials)) or "-", report.article_id))

    def close(self, statistics: list[Statistic]) -> None:
        width = shutil.get_terminal_size((160, 20)).columns
        rows = [self.HEADER] + self.rows
        sizes = [min(max(len(r[i]) for r in rows), 28) for i in range(len(self.HEADER))]
        for n, row in enumerate(rows):
            line = "  ".join(_cut(cell, size).ljust(size) for cell, size in zip(row, sizes))
            self.out.write(line[:max(width, 80)].rstrip() + "\n")
            if n == 0:
                self.out.write("  ".join("-" * s for s in sizes)[:max(width, 80)] + "\n")
        if statistics:
            self.out.write(f"\nstatistics (aggregates, not incidents): {len(statistics)}\n")
            for stat in statistics:
                value = str(stat.min) if stat.min == stat.max else f"{stat.min}-{stat.max}"
                self.out.write(f"  {stat.article_id}  {stat.figure} {stat.qualifier} {value}: "
                               f"{_cut(stat.text, 90)}\n")
        self.out.flush()


def _range(value) -> str:
    if value is None:
        return "-"
    return str(value.min) if value.min == value.max else f"{value.min}-{value.max}"


def _cut(text: str, size: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= size else text[:size - 1] + "…"


def writer_for(fmt: str, out: TextIO):
    return {"jsonl": JsonlWriter, "csv": CsvWriter, "table": TableWriter}[fmt](out)
