"""Actors: who the article says did it, and to whom, as canonical ACLED-style names (``data/actors.json``).

>>> actors = ActorDictionary.default()
>>> [(m.text, m.actor.name) for m in actors.find("Takfiri terrorists of ISIS attacked Syrian regime forces.")]
[('Takfiri terrorists of ISIS', 'Islamic State'), ('Syrian regime forces', 'Military Forces of Syria')]
>>> actors.normalise("police", country_hint="Kenya").name
'Police Forces of Kenya'

Three sources of names, tried at every word, the longest match winning (on a
tie a named group beats a country phrase, which beats a generic word):

* **named groups** (``actors``) and other names of state forces
  (``state_forces.aliases``: "IDF", "Tatmadaw", "FARDC");
* **country phrases**: a country name or demonym, an optional possessive and
  modifiers ("regime", "government", "national", "security"), then a generic
  word: "Afghan police", "Syria's army", "Nigerian army troops",
  "Palestinian civilians", "Israeli warplanes";
* **generic words** with no group name: "police", "troops", "gunmen",
  "jihadists", "civilians", "protesters". State words take the country from
  ``country_hint``; without one they give "Unidentified Military Forces" or
  "Unidentified Police Forces".

Loaded and partisan words are kept in a mention's ``text`` but never decide
the actor or reach its name: "ISIS Takfiri terrorists" and "the so-called
Islamic State" are the Islamic State; a loaded label with no group name
("Takfiri terrorists", "terrorists", "mercenaries") is the "Unidentified armed
group". A generic perpetrator followed by a group ("militants of the Islamic
State", "the jihadist group Islamic State") is that group.

Pseudo-actors: "Unidentified armed group" and "Unidentified jihadist group"
(plus "Opposition rebels", "Pro-government militia", "Unidentified communal
militia", "Unidentified gang", "Vigilante militia") keep their name and carry
the country in ``Actor.country``; "Civilians", "Protesters" and "Rioters" are
suffixed with the country when known, as ACLED does: "Protesters (Kenya)".

``normalise`` also reads ACLED's own actor names: period suffixes
("Military Forces of Syria (2000-)"), country suffixes ("Islamic State
(Syria)", "Protesters (India)") and "ACRONYM: Name" forms.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, NamedTuple

from .countries import (Countries, Country, PhraseTrie, Token, bulk_build, countries, phrase_end, phrase_key,
                        tokenize)

__all__ = ["Actor", "ActorMention", "ActorDictionary", "KINDS", "UNIDENTIFIED", "UNIDENTIFIED_JIHADIST"]

KINDS = ("state", "rebel", "militia", "identity_militia", "rioters", "protesters", "civilians", "external")
UNIDENTIFIED = "Unidentified armed group"
UNIDENTIFIED_JIHADIST = "Unidentified jihadist group"

_YEARS = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_TRAILING_PAREN = re.compile(r"\(([^()]*)\)\s*$")


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: str  # KINDS
    country: str | None  # countries.json name; None for transnational actors


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str | None  # the article's own words, loaded ones included
    actor: Actor


@dataclass(frozen=True, slots=True)
class _Named:
    actor: Actor
    hint_only: bool


@dataclass(frozen=True, slots=True)
class _Generic:
    role: str
    name: str
    kind: str
    with_country: str | None
    country_only: bool  # this phrase names an actor only after a country word

    @functools.lru_cache(maxsize=4096)
    def resolve(self, country: Country | None) -> Actor:
        if country is None:
            return Actor(self.name, self.kind, None)
        name = self.with_country.format(country=country.name, formal=country.formal) if self.with_country else self.name
        return Actor(name, self.kind, country.name)


class _Hit(NamedTuple):
    """A match on tokens [i, j): its actor, and how it was found ("named", "country" or "generic")."""
    i: int
    j: int
    actor: Actor
    how: str
    generic: _Generic | None = None


_NON_STATE_GENERIC = {"armed", "jihadist", "rebels", "pro_government", "communal", "gang", "vigilante"}


class ActorDictionary:
    """Named groups, state forces and generic actor words, matched in one pass over a text's words."""

    def __init__(self, data: dict, gazetteer: Countries) -> None:
        self._countries = gazetteer
        self._named = PhraseTrie()
        self._generic = PhraseTrie()
        self._tags: dict[str, frozenset[str]] = {}
        with bulk_build():
            self.named: tuple[Actor, ...] = tuple(self._load_named(data["actors"]))
            self._load_state(data["state_forces"])
            self.generic_names: tuple[str, ...] = tuple(self._load_generic(data["generic"]))
            self._load_words(data["words"])
        self._starts = self._named.first_keys() | self._generic.first_keys() | self._countries.trie.first_keys()

    @classmethod
    @functools.cache
    def default(cls) -> "ActorDictionary":
        """The packaged dictionary, loaded once."""
        text = (Path(__file__).parent.parent / "data" / "actors.json").read_text(encoding="utf-8")
        return cls(json.loads(text), countries())

    # ---- loading
    def _load_named(self, records: Iterable[dict]) -> Iterable[Actor]:
        for rec in records:
            actor = Actor(rec["name"], rec["kind"], rec.get("country"))
            self._tags[actor.name] = frozenset(rec.get("tags", ()))
            self._add_named(actor, [actor.name, *rec.get("aliases", ())])
            yield actor

    def _add_named(self, actor: Actor, aliases: Iterable[str]) -> None:
        for alias in aliases:
            hint_only = alias.startswith("?")
            alias = alias.lstrip("?")
            for form in _variants(alias):
                self._named.add(form, _Named(actor, hint_only))

    def _load_state(self, spec: dict) -> None:
        extra = spec.get("aliases", {})
        for country in self._countries.all:
            for role in ("military", "police"):
                actor = Actor(spec[role]["name"].format(formal=country.formal, country=country.name), "state",
                              country.name)
                names = {actor.name, spec[role]["name"].format(formal=country.name, country=country.name)}
                self._add_named(actor, [*sorted(names), *extra.get(country.name, {}).get(role, ())])

    def _load_generic(self, records: Iterable[dict]) -> Iterable[str]:
        for rec in records:
            for country_only, key in ((False, "aliases"), (True, "with_country_only")):
                payload = _Generic(rec["role"], rec["name"], rec["kind"], rec.get("with_country"), country_only)
                for alias in rec.get(key, ()):
                    self._generic.add(alias, payload)
            self._tags[rec["name"]] = frozenset(rec.get("tags", ()))
            yield rec["name"]

    def _load_words(self, words: dict) -> None:
        keys = lambda name: [phrase_key(w) for w in words.get(name, ())]  # noqa: E731
        self.loaded_words = tuple(words.get("loaded", ()))
        self._prefix = {k for k in keys("prefix") if k}
        self._role_nouns = {k[0] for k in keys("role_nouns") if len(k) == 1}
        self._mid = {k[0] for k in keys("mid_adjectives") if len(k) == 1}
        self._links = sorted((k for k in keys("links") if k), key=len, reverse=True)
        self._backed = {k[0] for k in keys("backed") if len(k) == 1}
        self._state_mods = {k[0] for k in keys("state_modifiers") if len(k) == 1}

    # ---- public API
    def tags(self, actor: Actor) -> frozenset[str]:
        """Tags of a named actor or pseudo-actor ("jihadist", "un", "coalition", "pmc")."""
        return self._tags.get(actor.name, frozenset())

    def find(self, text: str, *, country_hint: str | None = None) -> list[ActorMention]:
        """Every actor mention in ``text``: longest match first, no overlaps, in order."""
        return self.find_in(text, tokenize(text), country_hint=country_hint)

    def find_in(self, text: str, toks: list[Token], *, country_hint: str | None = None) -> list[ActorMention]:
        """``find`` over words already tokenized from ``text`` (a sentence's share of a whole Doc's words)."""
        hint = self._hint(country_hint)
        return [self._mention(text, toks, h) for h in self._scan_tokens(text, toks, hint)]

    def normalise(self, phrase: str, *, country_hint: str | None = None) -> Actor | None:
        """A noun phrase ("the Afghan police", "ISIS Takfiri terrorists", an ACLED actor name) → its actor."""
        if not phrase or not phrase.strip():
            return None
        hint = self._hint(country_hint)
        text = _YEARS.sub(" ", phrase)
        suffix = _TRAILING_PAREN.search(text)
        if suffix and self._countries.by_name(suffix.group(1)):
            hint = self._countries.by_name(suffix.group(1))
            text = text[:suffix.start()]
        text = text.replace("(", " ").replace(")", " ")
        for candidate in _acled_parts(text):
            actor = self._best(candidate, hint)
            if actor is not None:
                return actor
        return None

    # ---- matching
    def _hint(self, country_hint: str | None) -> Country | None:
        return self._countries.by_name(country_hint) if country_hint else None

    def _best(self, text: str, hint: Country | None) -> Actor | None:
        hits = list(self._scan_tokens(text, tokenize(text), hint))
        if not hits:
            return None
        named = [h for h in hits if h.how != "generic"]
        return max(named or hits, key=lambda h: h.j - h.i).actor

    def _scan_tokens(self, text: str, toks: list[Token], hint: Country | None) -> Iterable[_Hit]:
        floor = i = 0
        starts = self._starts
        while i < len(toks):
            hit = self._match(toks, i, hint) if toks[i].key in starts else None
            if hit is None:
                i += 1
                continue
            hit = self._link(toks, hit, hint)
            start = self._extend_left(text, toks, hit.i, floor)
            hit = _Hit(start, hit.j, hit.actor, hit.how, hit.generic)
            yield hit
            floor = i = hit.j

    def _mention(self, text: str, toks: list[Token], hit: _Hit) -> ActorMention:
        start, end = toks[hit.i].start, phrase_end(text, toks[hit.j - 1])
        return ActorMention(start, end, text[start:end], hit.actor)

    def _match(self, toks: list[Token], i: int, hint: Country | None) -> _Hit | None:
        best = None
        for hit in (self._named_at(toks, i, hint), self._country_phrase_at(toks, i), self._generic_at(toks, i, hint)):
            if hit is not None and (best is None or hit.j > best.j):
                best = hit  # on a tie the earlier finder wins: named, then country phrase, then generic
        return best

    def _named_at(self, toks: list[Token], i: int, hint: Country | None) -> _Hit | None:
        found = self._named.longest(toks, i)
        if found is None:
            return None
        actor = _pick(found[1], hint)
        if actor is None:
            return None
        return _Hit(i, self._extend_right(toks, found[0]), actor, "named")

    def _generic_at(self, toks: list[Token], i: int, hint: Country | None) -> _Hit | None:
        found = self._generic.longest(toks, i)
        if found is None:
            return None
        specs = [g for g in found[1] if not g.country_only]
        if not specs:
            return None
        spec = specs[0]
        if spec.kind == "state" and self._backed_before(toks, i):
            return None  # "Turkish-backed forces" are not the hinted country's army
        return _Hit(i, found[0], spec.resolve(hint), "generic", spec)

    def _country_phrase_at(self, toks: list[Token], i: int) -> _Hit | None:
        """ "Afghan police", "Syria's army", "Syrian regime forces", "Palestinian civilians"."""
        found = self._countries.longest(toks, i)
        if found is None:
            return None
        k, country = found
        if k < len(toks) and toks[k].possessive:
            k += 1
        best: tuple[int, _Generic] | None = None
        while k < len(toks) and toks[k].joined:
            g = self._generic.longest(toks, k)
            if g is not None and (best is None or g[0] > best[0]):
                best = (g[0], g[1][0])
            if toks[k].key not in self._state_mods:
                break
            k += 1
        if best is None:
            return None
        return _Hit(i, best[0], best[1].resolve(country), "country", best[1])

    def _backed_before(self, toks: list[Token], i: int) -> bool:
        return i > 0 and toks[i].joined and toks[i - 1].key in self._backed

    def _extend_right(self, toks: list[Token], j: int) -> int:
        """Keep trailing role words with a named group: "ISIS Takfiri terrorists", "Houthi rebels", "Hamas's fighters"."""
        k = j + 1 if j < len(toks) and toks[j].possessive else j  # "al-Shabaab's fighters"
        while k < len(toks) and toks[k].joined and toks[k].key in self._mid:
            k += 1
        if k < len(toks) and toks[k].joined and toks[k].key in self._role_nouns:
            k += 1
            while k < len(toks) and toks[k].joined and toks[k].key in self._role_nouns:
                k += 1
            return k
        return j

    def _extend_left(self, text: str, toks: list[Token], i: int, floor: int) -> int:
        """Keep leading loaded or hedging words: "Takfiri terrorists", "the so-called", "Iran-backed"."""
        prefix = self._prefix
        while i > floor and toks[i].joined:
            one = toks[i - 1].key
            two = (toks[i - 2].key, one) if i - 2 >= floor and toks[i - 1].joined else None
            if two is not None and two in prefix:
                i -= 2
            elif (one,) in prefix:
                i -= 1
            elif two is not None and (one in self._backed or two[0] == "pro") \
                    and "-" in text[toks[i - 2].end:toks[i - 1].start]:
                i -= 2  # "Iran-backed militias", "pro-Iranian militias"
            else:
                break
        return i

    def _link(self, toks: list[Token], hit: _Hit, hint: Country | None) -> _Hit:
        """ "militants of the Islamic State", "the jihadist group Islamic State": the named group is the actor."""
        if hit.generic is not None and hit.generic.kind == "state" and hit.how == "generic":
            return self._of_country(toks, hit)
        if hit.generic is None or hit.generic.role not in _NON_STATE_GENERIC:
            return hit
        k = hit.j
        for link in self._links:
            n = len(link)
            if k + n <= len(toks) and tuple(t.key for t in toks[k:k + n]) == link \
                    and all(t.joined for t in toks[k:k + n]):
                k += n
                break
        if k < len(toks) and toks[k].joined and toks[k].key == "the":
            k += 1
        if k >= len(toks) or not toks[k].joined:
            return hit
        named = self._named_at(toks, k, hint)
        if named is None or named.actor.kind == "state" and k == hit.j:
            return hit
        return _Hit(hit.i, named.j, named.actor, "named")


    def _of_country(self, toks: list[Token], hit: _Hit) -> _Hit:
        """ "the army of Syria", "police of the Democratic Republic of Congo"."""
        k = hit.j
        if k + 1 < len(toks) and toks[k].key == "of" and toks[k].joined and toks[k + 1].joined:
            k += 2 if toks[k + 1].key == "the" and k + 2 < len(toks) and toks[k + 2].joined else 1
            found = self._countries.longest(toks, k)
            if found is not None and found[1].name:
                return _Hit(hit.i, found[0], hit.generic.resolve(found[1]), "country", hit.generic)
        return hit


def _pick(payloads: list[_Named], hint: Country | None) -> Actor | None:
    for p in payloads:
        if hint is not None and p.actor.country == hint.name:
            return p.actor
    usable = [p for p in payloads if not p.hint_only]
    return usable[0].actor if usable else None


def _variants(alias: str) -> list[str]:
    """An alias and its form without the Arabic article: "al-Shabaab" → also "Shabaab"."""
    out = [alias]
    m = re.match(r"(?i)al[-\s](?=\w)", alias)
    if m and len(alias) - m.end() >= 4:
        out.append(alias[m.end():])
    return out


def _acled_parts(text: str) -> list[str]:
    """The phrase, then the parts of ACLED's "ACR: Name" and "Group - Faction" forms (right part first)."""
    out = [text]
    for sep in (":", " - "):
        if sep in text:
            left, _, right = text.partition(sep)
            out += [right, left]
    return [p for p in out if p.strip()]
