"""Whom a definite description names in one article: coreference by office and by side.

"Speaking to Somali Cable TV, the president said …" names the one president the
article has named in full ("President Hassan Sheikh Mohamud"); "the Islamist
militants said 100 troops died" names the armed group the article is about.
An office held by two different people in the article names nobody.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc

from .actors import UNIDENTIFIED, UNIDENTIFIED_JIHADIST, ActorMention
from .doccache import doc_ents

OFFICES = {"president", "minister", "governor", "mayor", "spokesman", "spokeswoman", "spokesperson",
           "commander", "general", "colonel", "chief", "premier", "secretary", "ambassador", "envoy"}
TITLE_SPELLINGS = {"gen.": "general", "gen": "general", "col.": "colonel", "col": "colonel", "pres.": "president"}
SIDE_NOUNS = {"militant", "insurgent", "jihadist", "group", "rebel", "fighter", "extremist", "terrorist",
              "islamist", "militia", "jihadi", "outfit", "organisation", "organization"}
ARMED_KINDS = {"rebel", "militia", "identity_militia"}
TITLE_WINDOW = 3


def named_references(doc: Doc, actors: Iterable[ActorMention]) -> dict[str, str]:
    """Head noun of a description → the name it stands for in this article."""
    named = _offices(doc)
    group = _main_armed_group(actors)
    if group is not None:
        named.update({noun: group for noun in SIDE_NOUNS})
    return named


def _offices(doc: Doc) -> dict[str, str]:
    holders: dict[str, set[str]] = {}
    full: dict[str, str] = {}
    for ent in doc_ents(doc):
        if ent.label_ != "PERSON":
            continue
        before = doc[max(0, ent.start - TITLE_WINDOW):ent.start]
        for i, token in enumerate(before):
            office = TITLE_SPELLINGS.get(token.lower_, token.lower_)
            if office in OFFICES:
                surname = ent[-1].text
                holders.setdefault(office, set()).add(surname)
                full.setdefault(office, " ".join(t.text for t in before[i:]) + " " + ent.text)
    return {office: full[office] for office, people in holders.items() if len(people) == 1}


def _main_armed_group(actors: Iterable[ActorMention]) -> str | None:
    counts = Counter(m.actor.name for m in actors
                     if m.actor.kind in ARMED_KINDS and m.actor.name not in {UNIDENTIFIED, UNIDENTIFIED_JIHADIST})
    if not counts:
        return None
    (first, n), *rest = counts.most_common(2)
    return first if not rest or rest[0][1] < n else None
