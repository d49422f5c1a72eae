"""Countries: names, aliases, ISO codes and demonyms (``data/countries.json``).

>>> c = countries()
>>> c.by_name("DRC").name
'Democratic Republic of Congo'
>>> c.by_demonym("Nigerien").name
'Niger'
>>> [(m.country.iso3, m.how) for m in c.find("Afghan troops crossed into Pakistan.")]
[('AFG', 'demonym'), ('PAK', 'name')]

Matching works on word tokens, not characters: ``U.S.``, ``US`` and ``u.s.``
differ only in case and dots, ``Côte d'Ivoire`` and ``Cote d'Ivoire`` only in
accents. The same token trie (:class:`PhraseTrie`) serves the actor and
claimant dictionaries.

Case rules, per word of a listed phrase: an acronym (``US``, ``DRC``, every
single capital letter of ``U.S.``) must appear exactly so; a capitalised word
(``Chad``) must start with a capital in the text (``chad`` is not Chad); a
lower-case word (``al`` in ``al-Shabaab``) matches in any case.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

__all__ = ["Country", "CountryMention", "Countries", "countries", "country_by_code", "country_mentions",
           "Token", "tokenize", "fold", "phrase_key", "phrase_end", "PhraseTrie", "bulk_build"]

_WORD = re.compile(r"[^\W_]+|&")
# Between two words of one phrase: spaces, a hyphen, an apostrophe or a slash, nothing else.
_JOIN = re.compile(r"[ \t\u00a0]*(?:\n[ \t]*)?(?:[-\u2010-\u2014'\u2019/][ \t\u00a0]*)?")
_ABBREV_DOT = re.compile(r"\.[ \t\u00a0]*(?:[-\u2010-\u2014][ \t]*)?")
# Spelling variants folded to one key, so a listed phrase needs no twin.
_SPELLING = {"defense": "defence", "organization": "organisation", "armored": "armoured", "st": "saint",
             "&": "and", "centre": "center", "program": "programme", "qaida": "qaeda", "shebab": "shabab"}


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The matching key of one word: accents dropped, case folded, spelling variants merged."""
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    word = word.casefold()
    return _SPELLING.get(word, word)


class Token:
    """One word of a text: its surface, matching key, offsets, and whether it is glued to the word before
    (only spaces, a hyphen, an apostrophe, a slash, or the dot of a one-letter abbreviation between).
    A plain slotted class, not a dataclass: texts are tokenized on every call and this is the hot path."""
    __slots__ = ("text", "key", "start", "end", "joined", "possessive")

    def __init__(self, text: str, key: str, start: int, end: int, joined: bool, possessive: bool = False):
        self.text, self.key, self.start, self.end = text, key, start, end
        self.joined, self.possessive = joined, possessive  # possessive: this is the "s" of "'s"

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end}, joined={self.joined})"


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    append = out.append
    folded = _FOLDED
    prev_end = -1
    prev_word = ""
    for m in _WORD.finditer(text):
        word = m.group()
        start, end = m.span()
        if prev_end < 0:
            joined = False
        elif start - prev_end == 1 and text[prev_end] == " ":
            joined = True
        else:
            joined = _joins(text, prev_word, prev_end, start)
        possessive = joined and (word == "s" or word == "S") and text[start - 1] in "'\u2019"
        key = folded.get(word)
        if key is None:
            key = _fold_once(word)
        append(Token(word, key, start, end, joined, possessive))
        prev_end, prev_word = end, word
    return out


_FOLDED: dict[str, str] = {}  # word → key, filled as texts are read; bounded below


def _fold_once(word: str) -> str:
    key = fold(word)
    if len(_FOLDED) < 200_000:
        _FOLDED[word] = key
    return key


def _joins(text: str, prev_word: str, gap_start: int, start: int) -> bool:
    if _JOIN.fullmatch(text, gap_start, start):
        return True
    # "U.S. troops", "D.R. Congo": the dot after a single capital letter does not end the phrase
    return len(prev_word) == 1 and prev_word.isupper() and _ABBREV_DOT.fullmatch(text, gap_start, start) is not None


def phrase_end(text: str, last: Token) -> int:
    """End offset of a phrase ending in ``last``; keeps the dot of a final one-letter abbreviation ("U.S.")."""
    if len(last.text) == 1 and last.text.isupper() and text[last.end:last.end + 1] == ".":
        return last.end + 1
    return last.end


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(fold(word) for word in _WORD.findall(phrase))


_ANY, _CAPITAL, _EXACT = 0, 1, 2


def _case_mode(word: str) -> int:
    if len(word) == 1:
        return _EXACT if word.isupper() else _ANY
    tail = word[1:]
    if tail != tail.lower():
        return _EXACT  # "ISIS", "LeT", "eSwatini"
    return _CAPITAL if word[0].isupper() else _ANY


class PhraseTrie:
    """Listed phrases as a trie over word keys; ``longest`` finds the longest listed phrase at a token."""
    _END = object()

    def __init__(self) -> None:
        self._root: dict = {}
        self.size = 0

    def add(self, phrase: str, payload: Any) -> None:
        words = _WORD.findall(phrase)
        if not words:
            return
        node = self._root
        for word in words:
            node = node.setdefault(fold(word), {})
        modes = tuple((_case_mode(word), word) for word in words)
        node.setdefault(self._END, []).append((modes, payload))
        self.size += 1

    def longest(self, toks: list[Token], i: int) -> tuple[int, list[Any]] | None:
        """(end token index, payloads) of the longest phrase starting at ``toks[i]`` whose case fits."""
        node = self._root.get(toks[i].key)
        best = None
        j = i + 1
        while node is not None:
            ends = node.get(self._END)
            if ends:
                fits = [p for modes, p in ends if _case_fits(modes, toks, i)]
                if fits:
                    best = (j, fits)
            if j >= len(toks) or not toks[j].joined:
                break
            node = node.get(toks[j].key)
            j += 1
        return best

    def scan(self, toks: list[Token]) -> Iterator[tuple[int, int, list[Any]]]:
        """(start, end, payloads) of the longest phrase at each token, left to right, without overlaps."""
        i = 0
        while i < len(toks):
            hit = self.longest(toks, i)
            if hit is None:
                i += 1
                continue
            yield i, hit[0], hit[1]
            i = hit[0]

    def first_keys(self) -> set[str]:
        """Keys a listed phrase can start with: a cheap test before ``longest``."""
        return set(self._root)

    def exact(self, phrase: str) -> list[Any]:
        """Payloads of ``phrase`` as a whole, ignoring case."""
        node = self._root
        for key in phrase_key(phrase):
            node = node.get(key)
            if node is None:
                return []
        return [p for _, p in node.get(self._END, [])]


def _case_fits(modes: tuple, toks: list[Token], i: int) -> bool:
    for k, (mode, word) in enumerate(modes):
        text = toks[i + k].text
        if mode == _EXACT and text != word:
            return False
        if mode == _CAPITAL and not text[:1].isupper():
            return False
    return True


@contextlib.contextmanager
def bulk_build():
    """Pause the cyclic garbage collector while a dictionary builds its many small, acyclic objects:
    a collection set off mid-build scans the caller's whole heap (a loaded spaCy model) and can cost more
    than the build itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # ACLED spelling
    iso3: str
    iso2: str
    demonyms: tuple[str, ...]
    capital: str | None
    aliases: tuple[str, ...] = ()
    definite: bool = False  # "the United States"

    @property
    def formal(self) -> str:
        """The name as it reads after "of": "the United States", "Syria"."""
        return f"the {self.name}" if self.definite else self.name


@dataclass(frozen=True, slots=True)
class CountryMention:
    start: int
    end: int
    country: Country
    how: str  # "name", "alias" or "demonym"


_NO_PLURAL_ENDINGS = ("ese", "sh", "ch", "ss", "x", "z")
_INVARIANT = {"I-Kiribati", "Basotho", "Batswana", "Motswana", "Mosotho", "Ni-Vanuatu", "Malagasy"}


def _plurals(demonym: str) -> list[str]:
    """ "Somali" → ["Somalis"]; "Congolese", "Swiss", "French" → []; "Czech" → ["Czechs"]."""
    if demonym == "Czech":
        return ["Czechs"]
    if demonym.endswith(_NO_PLURAL_ENDINGS) or demonym in _INVARIANT:
        return []
    return [demonym + "s"]


def _shouted(toks: list[Token], i: int, j: int) -> bool:
    """An alias in capitals among words in capitals: in a text written all in capitals ("POLICE TOLD
    US THE CAR WAS HIT") "US" and "CAR" are words, not the United States and the Central African
    Republic."""
    if j - i != 1 or not toks[i].text.isupper():
        return False  # "U.S." is never a word
    around = [t.text for t in toks[max(0, i - 3):i] + toks[j:j + 3] if len(t.text) > 1 and t.text.isalpha()]
    return len(around) >= 2 and all(w.isupper() for w in around)


class Countries:
    """Look-ups by name, alias, code or demonym, and a finder for all of them in free text."""

    def __init__(self, records: Iterable[dict], not_countries: Iterable[str] = ()) -> None:
        self.all: tuple[Country, ...] = tuple(
            Country(name=r["name"], iso3=r["iso3"], iso2=r["iso2"], demonyms=tuple(r.get("demonyms", ())),
                    capital=r.get("capital"), aliases=tuple(r.get("aliases", ())),
                    definite=bool(r.get("definite", False)))
            for r in records)
        self._names: dict[tuple[str, ...], Country] = {}
        self._squashed: dict[str, Country] = {}
        self._codes: dict[str, Country] = {}
        self._demonyms: dict[tuple[str, ...], Country] = {}
        self.trie = PhraseTrie()
        with bulk_build():
            for c in self.all:
                self._index(c)
            for phrase in not_countries:
                self.trie.add(phrase, None)

    def _index(self, c: Country) -> None:
        for how, phrases in (("name", (c.name,)), ("alias", c.aliases)):
            for phrase in phrases:
                key = phrase_key(phrase)
                if key and key[0] == "the":
                    key = key[1:]
                self._names.setdefault(key, c)
                self._squashed.setdefault("".join(key), c)
                self.trie.add(phrase, (c, how))
                if phrase.startswith("The "):
                    self.trie.add(phrase[4:], (c, how))
        self._codes.setdefault(c.iso3.casefold(), c)
        self._codes.setdefault(c.iso2.casefold(), c)
        for demonym in c.demonyms:
            for form in [demonym, *_plurals(demonym)]:
                self._demonyms.setdefault(phrase_key(form), c)
                self.trie.add(form, (c, "demonym"))

    def by_name(self, text: str) -> Country | None:
        """A name, alias or ISO code, in any case, with or without dots and accents ("u.s.", "Türkiye", "SYR")."""
        key = phrase_key(text or "")
        if key and key[0] == "the":
            key = key[1:]
        if not key:
            return None
        found = self._names.get(key) or self._squashed.get("".join(key))
        if found is None and len(key) == 1:
            found = self._codes.get(key[0])
        return found

    def by_demonym(self, word: str) -> Country | None:
        """ "Afghan", "Somalis", "Nigerien" → the country; "Congolese" → the Democratic Republic of Congo."""
        return self._demonyms.get(phrase_key(word or ""))

    def by_code(self, code: str) -> Country | None:
        return self._codes.get((code or "").strip().casefold())

    def find(self, text: str) -> list[CountryMention]:
        """Every country name, alias and demonym in ``text``, longest match first, without overlaps."""
        return list(self._find(text, tokenize(text)))

    def find_in(self, text: str, toks: list[Token]) -> list[CountryMention]:
        """``find`` over words already tokenized from ``text``."""
        return list(self._find(text, toks))

    def _find(self, text: str, toks: list[Token]) -> Iterator[CountryMention]:
        for i, j, payloads in self.trie.scan(toks):
            if payloads[0] is not None:
                country, how = payloads[0]
                if how == "alias" and _shouted(toks, i, j):
                    continue
                yield CountryMention(toks[i].start, phrase_end(text, toks[j - 1]), country, how)

    def longest(self, toks: list[Token], i: int) -> tuple[int, Country] | None:
        """The country named or qualified by the words at ``toks[i]`` (for other finders); None when blocked."""
        hit = self.trie.longest(toks, i)
        if hit is None or hit[1][0] is None:
            return None
        return hit[0], hit[1][0][0]


@functools.cache
def countries() -> Countries:
    """The packaged gazetteer, loaded once."""
    data = json.loads((Path(__file__).parent.parent / "data" / "countries.json").read_text(encoding="utf-8"))
    return Countries(data["countries"], data.get("not_countries", ()))


def country_by_code(code: str) -> Country | None:
    """ISO 3166 alpha-2 or alpha-3 code (any case) → Country."""
    return countries().by_code(code)


def country_mentions(text: str) -> list[str]:
    """ISO alpha-2 codes of the countries ``text`` names or qualifies, in order, repeats kept."""
    return [m.country.iso2 for m in countries().find(text)]
