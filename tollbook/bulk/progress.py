"""The progress display of ``tollbook bulk``, on stderr: a live line on a terminal, a line every few seconds
otherwise (logs), and a closing summary with the rejections by code."""
from __future__ import annotations

import sys
import time
from typing import TextIO

from tollbook.bulk.run import BulkSummary
from tollbook.errors import CODES

LOG_EVERY_S = 10.0


class BulkProgress:
    """A ``listener`` for ``run_bulk``."""

    def __init__(self, *, silent: bool = False, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.silent = silent
        self.live = self.stream.isatty()
        self.started = time.perf_counter()
        self.last_line = float("-inf")

    def __call__(self, event: str, summary: BulkSummary) -> None:
        if self.silent:
            return
        if event == "failed":
            name, error = list(summary.failed.items())[-1]
            self._print(f"{self._clear()}partition {name} failed: {error}\n")
        now = time.perf_counter()
        if self.live:
            self._print(f"\r{self._status(summary, now)}")
        elif now - self.last_line >= LOG_EVERY_S:
            self.last_line = now
            self._print(self._status(summary, now) + "\n")

    def summary(self, summary: BulkSummary) -> None:
        if self.silent:
            return
        rows = summary.rows
        rate = summary.processed / summary.seconds if summary.seconds else 0.0
        self._print(f"{self._clear()}tollbook bulk: {summary.partitions} partitions ({summary.skipped} done "
                    f"before), {rows['articles']} articles, {rows['reports']} reports, {rows['claims']} claims, "
                    f"{rows['statistics']} statistics, {rows['rejections']} rejected; {summary.processed} "
                    f"articles this run in {summary.seconds:.1f}s, cluster start-up included "
                    f"({rate:.1f} articles/s) -> {summary.out_dir}\n")
        for code, count in sorted(summary.codes.items()):
            self._print(f"  {code} {CODES.get(code, '')}: {count}\n")
        if summary.failed:
            self._print(f"  {len(summary.failed)} partitions failed: {', '.join(sorted(summary.failed))}\n")

    def _status(self, summary: BulkSummary, now: float) -> str:
        seconds = now - self.started
        rate = summary.processed / seconds if seconds else 0.0
        return (f"bulk: {summary.partitions} partitions done ({summary.skipped} before), "
                f"{len(summary.failed)} failed, {summary.rows['articles']} articles, "
                f"{summary.rows['reports']} reports, {summary.rows['rejections']} rejected, {rate:.1f} articles/s")

    def _clear(self) -> str:
        return "\r\x1b[K" if self.live else ""

    def _print(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
