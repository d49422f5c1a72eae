"""``tollbook ingest`` and ``tollbook incidents``: thin commands over ``tollbook.store``."""
from __future__ import annotations

import sys
import time

import click

from .cli_options import max_chars_option
from .errors import TollbookError
from .export.incidents import INCIDENT_FORMATS, incident_writer

DEFAULT_DB = "tollbook.db"


@click.command()
@click.argument("inputs", nargs=-1)
@click.option("--db", "db_url", default=DEFAULT_DB, show_default=True,
              help="SQLite file (or sqlite:///PATH) or postgresql://user@host:port/dbname.")
@click.option("--parquet", "parquet_dir", type=click.Path(exists=True, file_okay=False),
              help="Load what `tollbook bulk` extracted into this folder instead of extracting INPUTS.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extraction processes, each loading the model once.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=64, show_default=True,
              help="Articles per transaction.")
@max_chars_option
@click.option("--silent", is_flag=True, help="No summary on stderr.")
def ingest(inputs, db_url, parquet_dir, workers, batch_size, max_chars, silent) -> None:
    """Extract articles and store their reports, merged into incidents, in a database.

    One transaction per batch; articles already stored are skipped, so running it again (or after
    a crash) adds only what is missing.

    \b
    Example:
        tollbook ingest samples/ --db incidents.db
        tollbook ingest feed.jsonl --db postgresql://tollbook@localhost:5432/tollbook
        tollbook ingest --parquet run1/ --db incidents.db     # after tollbook bulk ... --out run1
    """
    if bool(inputs) == bool(parquet_dir):
        raise click.UsageError("give INPUT files or --parquet DIR (one of them)")
    from .extraction import extract_articles
    from .sources import read_inputs
    from .store import open_store

    started = time.perf_counter()
    try:
        store = open_store(db_url)
        if parquet_dir:
            from .bulk import read_results
            results = read_results(parquet_dir)
        else:
            stdin = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else sys.stdin
            results = extract_articles(read_inputs(inputs, stdin=stdin, max_chars=max_chars), workers=workers)
        summary = store.ingest(results, batch_size=batch_size)
        total = store.count_incidents()
        store.close()
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc
    if not silent:
        click.echo(f"tollbook: {summary.articles} articles stored ({summary.skipped} already there), "
                   f"{summary.reports} reports, {summary.rejections} rejected, {total} incidents in the database "
                   f"({time.perf_counter() - started:.1f}s)", err=True)
        for code, count in sorted(summary.rejection_codes.items()):
            click.echo(f"  {code}: {count}", err=True)


@click.command()
@click.option("--db", "db_url", default=DEFAULT_DB, show_default=True, help="The database to read.")
@click.option("--country", help="Country name or ISO3 code.")
@click.option("--from", "date_from", help="First event date, YYYY-MM-DD.")
@click.option("--to", "date_to", help="Last event date, YYYY-MM-DD.")
@click.option("--type", "event_type", help="ACLED event type or sub-event type.")
@click.option("--actor", help="Actor on either side (canonical name).")
@click.option("--bbox", help="west,south,east,north in degrees.")
@click.option("--q", "text", help="Words that must all appear (place, actors, type, evidence).")
@click.option("--limit", type=click.IntRange(0, None), help="At most this many incidents.")
@click.option("--format", "fmt", type=click.Choice(INCIDENT_FORMATS), default="jsonl", show_default=True,
              help="Output format on stdout (parquet: use --output).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout.")
def incidents(db_url, country, date_from, date_to, event_type, actor, bbox, text, limit, fmt, output) -> None:
    """Print the merged incidents, filtered, in one of five formats.

    \b
    Example:
        tollbook incidents --db incidents.db --country Somalia --from 2017-10-01 --format acled
        tollbook incidents --db incidents.db --bbox 44,1,46,3 --format geojson -o somalia.geojson
        tollbook incidents --db incidents.db --format parquet -o incidents.parquet
    """
    from .store import IncidentQuery, open_store

    try:
        box = tuple(float(v) for v in bbox.split(",")) if bbox else None
        if box is not None and len(box) != 4:
            raise ValueError
    except ValueError:
        raise click.BadParameter("west,south,east,north, four numbers", param_hint="--bbox") from None
    if fmt == "parquet" and not output and sys.stdout.isatty():
        raise click.UsageError("parquet is binary: give --output FILE or redirect stdout")
    query = IncidentQuery(country=country, date_from=date_from, date_to=date_to, event_type=event_type,
                          actor=actor, bbox=box, q=text, limit=limit)
    try:
        store = open_store(db_url)
        _export(store, query, fmt, output)
        store.close()
    except TollbookError as exc:
        raise click.ClickException(str(exc)) from exc


def _export(store, query, fmt: str, output: str | None) -> None:
    binary = fmt == "parquet"
    if output:
        out = open(output, "wb" if binary else "w", encoding=None if binary else "utf-8",
                   newline=None if binary else "")
    else:
        out = sys.stdout.buffer if binary else sys.stdout
    writer = incident_writer(fmt, out)
    incidents_iter = store.incidents(query) if query.limit is not None else store.iter_incidents(query)
    for incident in incidents_iter:
        writer.write(incident)
    writer.close()
    if output:
        out.close()


def register(group: click.Group) -> None:
    group.add_command(ingest)
    group.add_command(incidents)


__all__ = ["ingest", "incidents", "register"]
