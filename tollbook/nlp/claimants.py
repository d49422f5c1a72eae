"""What kind of source a claimant is: one of ``records.CLAIMANT_TYPES`` (``data/claimants.json``).

>>> claimant_type("the Syrian Observatory for Human Rights")
'ngo'
>>> claimant_type("the Hamas-run health ministry")
'medical'
>>> claimant_type("a Taliban spokesman")
'armed_group'
>>> claimant_type("reuters.com")
'media'

How a name is read: an outlet domain ("reuters.com", "www.presstv.ir") is
media. Otherwise every listed phrase (the longest at each word) and every
actor the :class:`~tollbook.nlp.actors.ActorDictionary` finds votes with a
level, and the lowest level wins (the earliest on a tie):

1. role words that carry their own type: medical ("health ministry",
   "hospital", "medics", "civil defence"), local_official ("governor",
   "district chief", "provincial police", "village elders"), witness
   ("residents", "a relative");
2. listed organisations (SOHR, Airwars, Amaq, Reuters, OCHA, ...) and ngo/un
   words ("monitor", "rights group", "activists");
3. government words ("ministry", "prime minister", "police"; the defence
   ministry and general staff are military);
4. a named or generic non-state armed group ("Taliban", "the militants"):
   armed_group;
5. military words ("army", "commander", "security sources") and state or
   external forces (police forces are government, UN missions un);
6. media words ("state media", "news agency", "the newspaper");
7. "officials", "authorities": government;
8. civilians or protesters as actors: witness.

So "the Hamas-run health ministry" is medical (1 beats 4), "Houthi military
spokesman Yahya Saree" armed_group (2 and 4 beat 5), "Taliban-appointed
governor" local_official. Choices are documented in the data's ``_notes``:
state media are media (``is_state_media`` tells them apart), police are
government unless qualified local, Red Crescent societies and MSF are ngo.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..records import CLAIMANT_TYPES
from .actors import ActorDictionary, Actor
from .countries import PhraseTrie, tokenize

__all__ = ["claimant_type", "is_state_media", "ClaimantTyper"]

_DOMAIN = re.compile(r"(?i)(?:https?://)?(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/\S*)?")
_ORG_LEVEL = 2
_ARMED_KINDS = {"rebel", "militia", "identity_militia"}


@dataclass(frozen=True, slots=True)
class _Role:
    level: int
    type: str
    state_media: bool = False


class ClaimantTyper:
    """Listed organisations and role words in one phrase trie, plus the actor dictionary."""

    def __init__(self, data: dict, actors: ActorDictionary) -> None:
        self._actors = actors
        self._trie = PhraseTrie()
        for org in data["organisations"]:
            role = _Role(_ORG_LEVEL, _checked(org["type"]), bool(org.get("state_media")))
            for phrase in (org["name"], *org.get("aliases", ())):
                self._trie.add(phrase, role)
        for group in data["roles"]:
            role = _Role(group["level"], _checked(group["type"]))
            for phrase in group["phrases"]:
                self._trie.add(phrase, role)

    def type_of(self, name: str) -> str:
        text = (name or "").strip()
        if not text:
            return "unknown"
        if _DOMAIN.fullmatch(text):
            return "media"
        listed = self._matches(text)
        votes = [(role.level, start, role.type) for start, _, role in listed]
        orgs = [(start, end) for start, end, role in listed if role.level == _ORG_LEVEL]
        for m in self._actors.find(text):
            if not any(s <= m.start and m.end <= e for s, e in orgs):  # "Hezbollah's Al-Manar": the outlet decides
                level, kind = self._actor_vote(m.actor)
                votes.append((level, m.start, kind))
        votes = [v for v in votes if v[2] != "unknown"]
        return min(votes)[2] if votes else "unknown"

    def is_state_media(self, name: str) -> bool:
        return any(role.state_media for _, _, role in self._matches(name or ""))

    def _matches(self, text: str) -> list[tuple[int, int, _Role]]:
        """(start, end, role) of the longest listed phrase at each word, left to right, without overlaps."""
        toks = tokenize(text)
        return [(toks[i].start, toks[j - 1].end, roles[0]) for i, j, roles in self._trie.scan(toks)]

    def _actor_vote(self, actor: Actor) -> tuple[int, str]:
        if actor.kind in _ARMED_KINDS:
            return 4, "armed_group"
        if actor.kind == "external":
            return (_ORG_LEVEL, "un") if "un" in self._actors.tags(actor) else (5, "military")
        if actor.kind == "state":
            return 5, "government" if actor.name.startswith(("Police Forces", "Unidentified Police")) else "military"
        return 8, "witness"  # civilians, protesters, rioters


def _checked(kind: str) -> str:
    if kind not in CLAIMANT_TYPES:
        raise ValueError(f"claimants.json: type {kind!r} is not one of {CLAIMANT_TYPES}")
    return kind


@functools.cache
def _typer() -> ClaimantTyper:
    text = (Path(__file__).parent.parent / "data" / "claimants.json").read_text(encoding="utf-8")
    return ClaimantTyper(json.loads(text), ActorDictionary.default())


@functools.lru_cache(maxsize=8192)
def claimant_type(name: str) -> str:
    """The kind of source ``name`` is ("SOHR" → ngo, "medics" → medical, "a resident" → witness), else unknown."""
    return _typer().type_of(name)


def is_state_media(name: str) -> bool:
    """Whether ``name`` is, or names, a state news outlet (SANA, IRNA, TASS, Xinhua): typed media, flagged here."""
    return _typer().is_state_media(name)
