"""The ``tollbook`` command: thin shells over the library. Data on stdout, progress on stderr."""
from __future__ import annotations

import json
import sys
import time
from collections import Counter

import click

from . import __version__
from .cli_options import max_chars_option
from .errors import CODES, TollbookError
from .cli_serve import serve
from .export.writers import FORMATS, writer_for
from .geo.cli import gazetteer


@click.group()
@click.version_option(__version__, prog_name="tollbook")
def cli() -> None:
    """tollbook: conflict news into incident reports where every figure carries who claims it."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="Output format on stdout.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes, each loading the model once.")
@click.option("--statistics", "statistics_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write aggregate statistics (not incidents) as JSON lines to this file.")
@click.option("--rejections", "rejections_path", type=click.Path(dir_okay=False, writable=True),
              help="Also write rejected inputs as JSON lines to this file.")
@max_chars_option
@click.option("--silent", is_flag=True, help="No progress or summary on stderr.")
def extract(inputs, fmt, workers, statistics_path, rejections_path, max_chars, silent) -> None:
    """Extract incident reports from articles (files, folders, or - for stdin).

    Reads JSONL/CSV/plain text/HTML; prints one report per incident.

    \b
    Example:
        tollbook extract samples/articles.jsonl --format table
        cat story.txt | tollbook extract - --format jsonl
    """
    from .extraction import extract_articles
    from .records import Rejection
    from .sources import read_inputs

    progress = _Progress(silent)
    writer = writer_for(fmt, sys.stdout)
    statistics, rejections = [], []
    try:
        stream = read_inputs(inputs, stdin=sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin, max_chars=max_chars)
        for result in extract_articles(stream, workers=workers):
            if isinstance(result, Rejection):
                rejections.append(result)
                progress.reject(result)
                continue
            for report in result.reports:
                writer.write(report)
            statistics.extend(result.statistics)
            progress.article(len(result.reports))
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    writer.close(statistics)
    _write_jsonl(statistics_path, statistics)
    _write_jsonl(rejections_path, rejections)
    progress.summary(len(statistics), rejections)


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, writable=True),
              help="Folder for the Parquet tables (articles, reports, claims, statistics, rejections).")
@click.option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); "
                                  "default: a local cluster on this machine.")
@click.option("--workers", type=click.IntRange(1, 256), default=2, show_default=True,
              help="Worker processes of the local cluster (ignored with --scheduler).")
@click.option("--partition-size", type=click.IntRange(1, 100_000), default=100, show_default=True,
              help="Articles per partition: the unit of work, of output files and of resuming.")
@max_chars_option
@click.option("--silent", is_flag=True, help="No progress or summary on stderr.")
def bulk(inputs, out_dir, scheduler, workers, partition_size, max_chars, silent) -> None:
    """Extract a whole archive on Dask into Parquet; run it again to resume.

    Reads what extract reads (JSONL, JSON, CSV, text, HTML, WARC, gzipped or
    not); the same per-article code runs on every worker. Finished partitions
    are kept: after a crash, the same command carries on where it stopped.

    \b
    Example:
        tollbook bulk CC-NEWS-*.warc.gz --out news.parquet --workers 2
        tollbook bulk articles/ --out run1 --scheduler tcp://10.0.0.5:8786
    """
    from .bulk import run_bulk
    from .bulk.progress import BulkProgress

    progress = BulkProgress(silent=silent)
    try:
        summary = run_bulk(inputs, out_dir, scheduler=scheduler, workers=workers,
                           partition_size=partition_size, max_chars=max_chars, listener=progress)
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    progress.summary(summary)
    if summary.failed:
        raise click.ClickException(f"E912: {len(summary.failed)} partitions failed; run the same command "
                                   "again to retry them (finished partitions are kept)")
@cli.group()
def train() -> None:
    """Train tollbook's models from data on disk (nothing is downloaded)."""


@train.command("typer")
@click.option("--data", required=True, type=click.Path(exists=True),
              help="ACLED notes corpus: a folder holding acled_notes.jsonl.gz, or a .jsonl(.gz) file.")
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder for typer.npz, metrics.json and MODEL.md.")
@click.option("--features", "reader", type=click.Choice(["plain", "masked"]), default="plain", show_default=True,
              help="Feature reader: plain (the shipped model's) or masked (also reads the text with names masked).")
def train_typer(data, out, reader) -> None:
    """Rebuild the event typer (fixed seeds: the same data gives the same model).

    \b
    Example:
        tollbook train typer --data ../shared/data/acled_notes_corpus --out build/typer
        cp build/typer/typer.npz tollbook/data/ && cp build/typer/MODEL.md MODEL.md
    """
    from .typer.train import train as run_training

    try:
        report = run_training(data, out, log=lambda message: click.echo(message, err=True), reader=reader)
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    test = report["test"]
    click.echo(json.dumps({"model": report["name"], "test_weighted_f1": test["weighted_f1"],
                           "test_macro_f1": test["macro_f1"], "out": out}))


def _write_jsonl(path: str | None, records) -> None:
    if not path:
        return
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")


class _Progress:
    """A one-line progress counter and a closing summary, on stderr only."""

    def __init__(self, silent: bool):
        self.silent = silent
        self.started = time.perf_counter()
        self.articles = self.reports = 0
        self.rejected: Counter[str] = Counter()
        self.live = sys.stderr.isatty()

    def article(self, reports: int) -> None:
        self.articles += 1
        self.reports += reports
        if self.live and not self.silent:
            click.echo(f"\r{self.articles} articles, {self.reports} reports", err=True, nl=False)

    def reject(self, rejection) -> None:
        self.rejected[rejection.code] += 1
        if not self.silent:
            prefix = "\n" if self.live else ""
            click.echo(f"{prefix}rejected {rejection.source}: {rejection.code} {rejection.reason}", err=True)

    def summary(self, statistics: int, rejections) -> None:
        if self.silent:
            return
        seconds = time.perf_counter() - self.started
        rate = self.articles / seconds if seconds else 0.0
        if self.live:
            click.echo("", err=True)
        click.echo(f"tollbook: {self.articles} articles, {self.reports} reports, {statistics} statistics, "
                   f"{len(rejections)} rejected in {seconds:.1f}s ({rate:.1f} articles/s)", err=True)
        for code, count in sorted(self.rejected.items()):
            click.echo(f"  {code} {CODES.get(code, '')}: {count}", err=True)


def _register_store_commands() -> None:
    from .cli_store import register  # ingest, incidents
    register(cli)


_register_store_commands()


def main() -> None:
    cli()


cli.add_command(gazetteer)
cli.add_command(serve)


if __name__ == "__main__":
    main()
