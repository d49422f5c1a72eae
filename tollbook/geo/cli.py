"""``tollbook gazetteer``: build the place index, import GeoNames dumps, look names up."""
from __future__ import annotations

import time
from pathlib import Path

import click

from ..errors import GazetteerError


@click.group()
def gazetteer() -> None:
    """The offline gazetteer (towns, admin1/admin2, features), cached under $TOLLBOOK_CACHE_DIR."""


@gazetteer.command("build")
def build() -> None:
    """Build (or load) the index now, so that the first extract does not wait for it."""
    from .index import PlaceIndex

    started = time.perf_counter()
    index = PlaceIndex.load()
    click.echo(f"gazetteer: {len(index)} places ready in {time.perf_counter() - started:.1f}s", err=True)


@gazetteer.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
def import_(files) -> None:
    """Load GeoNames dumps (allCountries.zip, SY.zip, alternateNamesV2.zip,
    admin1CodesASCII.txt, or the .txt inside) into the index.

    Example:

    \b
        tollbook gazetteer import SY.zip alternateNamesV2.zip admin1CodesASCII.txt
    """
    from .imports import import_file
    from .index import PlaceIndex

    for path in files:
        try:
            s = import_file(Path(path))
        except GazetteerError as e:
            raise click.ClickException(str(e)) from e
        click.echo(f"{s.path}: {s.records} {s.kind.replace('_', ' ')}"
                   + (f", {s.skipped} malformed lines skipped" if s.skipped else ""), err=True)
    index = PlaceIndex.load()
    click.echo(f"gazetteer: rebuilt, {len(index)} places", err=True)


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--country", default=None, help="ISO alpha-2 code of the country in focus.")
@click.option("--limit", default=5, show_default=True)
def lookup(name, country, limit) -> None:
    """Print the places NAME may be, best first, as tab-separated lines: id, name, kind,
    country, admin1, admin2, latitude, longitude (an area's capital), population, match,
    and an area's middle (latitude, longitude)."""
    from .index import PlaceIndex

    for tier, p in PlaceIndex.default().lookup_scored(name, country_iso2=country)[:limit]:
        click.echo(_line(p, ("exact", "stripped", "skeleton")[tier]))


@gazetteer.command("resolve")
@click.argument("names", nargs=-1, required=True)
def resolve(names) -> None:
    """Resolve the toponyms of one document together (each NAME in turn), one line each:
    the name, then the place as ``lookup`` prints it (middle included).

    Example: tollbook gazetteer resolve Paris "Henry County" Tennessee
    """
    from .toponyms import resolve_toponyms

    for name, p in zip(names, resolve_toponyms(list(names))):
        click.echo(name + "\t" + (_line(p, "") if p is not None else "(not found)"))


def _line(p, match: str) -> str:
    mid = p.middle if p.mid_latitude is not None else (None, None)
    return "\t".join(str(x) if x is not None else "" for x in (
        p.gazetteer_id, p.name, p.kind, p.iso2, p.admin1, p.admin2, p.latitude, p.longitude,
        p.population, match, *mid))
