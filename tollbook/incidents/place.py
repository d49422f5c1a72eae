"""Where an incident happened, as the article names it.

``location`` is the most specific place named in the incident's sentences
(the sentence with the event word first); ``admin1`` the province as named
or as the index knows the place's; ``country`` from the place, the
province, a country named in the incident, or the article's focus.
ACLED's ``geo_precision``: 1 the place itself, 2 near it ("near X",
"20 km north of X"), 3 only the province is known.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from ..nlp.doccache import doc_ents, doc_text
from ..geo.index import EXACT, PlaceIndex
from ..geo.mentions import PlaceMention, choose_location
from ..nlp.countries import countries, country_by_code
from .segment import Draft, is_list, is_reference_point



@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    location: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    iso3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    mention: PlaceMention | None = None


@dataclass(frozen=True, slots=True)
class Focus:
    """The country an article is about, for places and actors it leaves implicit."""
    country: str | None
    iso2: str | None
    iso3: str | None


def article_focus(doc: Doc) -> Focus:
    """The most named country: its name and demonyms, and the places the model tags; the lead counts twice.

    Cheap on purpose (one exact index look-up per place entity): it runs before
    the sentence finders so that they can all use the country as a hint.
    """
    votes: Counter[str] = Counter()
    index = PlaceIndex.default()
    sentences = list(doc.sents)
    lead_end = sentences[min(2, len(sentences) - 1)].end_char if sentences else 0
    for mention in countries().find(doc_text(doc)):
        votes[mention.country.iso2] += 2 if mention.end <= lead_end else 1
    for ent in doc_ents(doc):
        if ent.label_ not in {"GPE", "LOC"}:
            continue
        scored = index.lookup_scored(ent.text, max_tier=EXACT)
        if scored:  # exact names only: no fuzzy votes
            votes[scored[0][1].iso2] += 2 if ent.end_char <= lead_end else 1
    if not votes:
        return Focus(None, None, None)
    iso2 = votes.most_common(1)[0][0]
    country = country_by_code(iso2)
    return Focus(country.name if country else None, iso2, country.iso3 if country else None)


def resolve_place(draft: Draft, focus: Focus) -> ResolvedPlace:
    ordered = sorted(draft.sentences, key=lambda s: (s.headline, not s.cues, s.index))
    mentions = [m for s in ordered if not is_list(s) for m in s.places]
    places = [m for m in mentions if m.role == "location"]
    on_the_spot = [m for m in places if not is_reference_point(m)]
    location = draft.place or _where_clause(ordered, places) or \
        (choose_location(on_the_spot or places) if places else None)
    admin1 = next((m for m in mentions if m.role == "admin1"), None)
    country_mention = next((m for m in mentions if m.role in {"country", "region"} and m.place is not None
                            and (m.relation or "in") in {"in", "across", "inside", "within"}), None)
    source = location if location is not None and location.place is not None else admin1
    iso2 = _iso2_of(source) or _iso2_of(country_mention) or focus.iso2
    country = country_by_code(iso2) if iso2 else None
    admin1_name = _admin1_name(admin1, location)
    lat, lon, precision = _coordinates(location, admin1)
    return ResolvedPlace(
        location=_name(location), admin1=admin1_name, admin2=None,
        country=country.name if country else focus.country, iso3=country.iso3 if country else focus.iso3,
        latitude=lat, longitude=lon, geo_precision=precision, mention=location or admin1)


WHERE = re.compile(r"^\s*,?\s*where\b", re.I)


def _where_clause(ordered, places: list[PlaceMention]) -> PlaceMention | None:
    """'… Umm Qasr and southern Shatra, where security forces killed a protester': the place the clause is about."""
    if not ordered:
        return None
    text = doc_text(ordered[0].sent.doc)
    return next((m for m in places if WHERE.match(text[m.end:m.end + 12])), None)


def _iso2_of(mention: PlaceMention | None) -> str | None:
    if mention is None or mention.place is None:
        return None
    return mention.place.iso2


def _name(mention: PlaceMention | None) -> str | None:
    if mention is None:
        return None
    return mention.text


def _admin1_name(admin1: PlaceMention | None, location: PlaceMention | None) -> str | None:
    if admin1 is not None:  # as the article names it ("Salah al-Din"), not the ISO spelling
        return admin1.text
    if location is not None and location.place is not None:
        return location.place.admin1
    return None


def _coordinates(location: PlaceMention | None, admin1: PlaceMention | None):
    if location is not None and location.place is not None and location.place.latitude is not None:
        near = location.near
        return location.place.latitude, location.place.longitude, 2 if near else 1
    if admin1 is not None and admin1.place is not None and admin1.place.latitude is not None:
        return admin1.place.latitude, admin1.place.longitude, 3
    return None, None, None
