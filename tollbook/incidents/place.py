"""Where an incident happened, as the article names it.

``location`` is the most specific place named in the incident's sentences
(the sentence with the event word first); ``admin1`` the province as named
or as the index knows the place's; ``country`` from the place, the
province, a country named in the incident, or the article's focus.
ACLED's ``geo_precision``: 1 the place itself, 2 near it ("near X",
"20 km north of X"), 3 only the province is known.
"""
from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections import Counter
from typing import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from ..nlp.attribution import REPORTING_LEMMAS, WEAK_REPORTING
from ..nlp.doccache import char_span, doc_ents, doc_sents, doc_text, doc_words
from ..geo.index import CITY, EXACT, STRIPPED, PlaceIndex, name_key
from ..geo.sources import read_admin1_abbreviations
from ..geo.mentions import FACILITY_CODES, PlaceMention, choose_location, find_places, is_compass_word
from ..nlp.countries import countries, country_by_code
from .facts import SentenceFacts
from .segment import Draft, is_list, is_reference_point



ORGANISATION_WORDS = re.compile(
    r"\s+(police|sheriff|sheriff's|fire|county|city|state|department|office|council|university|college|"
    r"hospital|school|schools|district|court|bureau|news|times|post|herald|tribune)\b.*$", re.I)
NOTABLE_TOWN = 20_000  # a town this big counts for its country when named alone


def _stands_out(place) -> bool:
    """A place a bare name may be taken for: a country, province or district, or a notable town."""
    return bool(place.iso2) and (place.kind != "populated" or place.population >= NOTABLE_TOWN)


def _organisation_place(ent_text: str) -> tuple[str, int]:
    """The place that names an organisation and its offset in ``ent_text``: "the Hot Springs Police
    Department" → ("Hot Springs", 4); a name with no organisation word after it comes back whole."""
    text = re.sub(r"^the\s+", "", ent_text, flags=re.I)
    return ORGANISATION_WORDS.sub("", text).strip(), len(ent_text) - len(text)


def _towns_in_organisations(doc: Doc, index: PlaceIndex) -> Counter[str]:
    """A local story may name no country and no place entity, only its town's institutions: "the Hot
    Springs Police Department", "an Evansville teen" (tagged ORG), "MIAMI (CBSMiami)". Their towns vote
    where nothing else does."""
    votes: Counter[str] = Counter()
    for ent in doc_ents(doc):
        if ent.label_ != "ORG":
            continue
        name, _ = _organisation_place(ent.text)
        if not name or is_compass_word(name):
            continue
        scored = index.lookup_scored(name, max_tier=EXACT)
        if scored and _stands_out(scored[0][1]):
            votes[scored[0][1].iso2] += 1
    return votes


def _inside(mention, spans: list[tuple[int, int]]) -> bool:
    return any(start <= mention.start and mention.end <= end for start, end in spans)


def _province_abroad(index: PlaceIndex, mention) -> str | None:
    """The country of a province named like the country mentioned ("Georgia": US; "Niger": NG)."""
    if mention.how != "name":
        return None
    name = name_key(mention.country.name)
    return next((p.iso2 for _, p in index.lookup_scored(mention.country.name, max_tier=EXACT)
                 if p.kind == "admin1" and p.iso2 != mention.country.iso2 and name_key(p.name) == name), None)


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
    mention: PlaceMention | None = None  # the place the report names
    anchor: PlaceMention | None = None  # the place the coordinates are of

    @property
    def gazetteer_id(self) -> str | None:
        return self.anchor.place.gazetteer_id if self.anchor is not None else None


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
    sentences = doc_sents(doc)
    lead_end = sentences[min(2, len(sentences) - 1)].end_char if sentences else 0
    people = [(e.start_char, e.end_char) for e in doc_ents(doc) if e.label_ == "PERSON"]
    named = []  # the countries' own mentions: their place entities must not vote again
    for mention in countries().find_in(doc_text(doc), doc_words(doc)):
        named.append((mention.start, mention.end))
        if _inside(mention, people):
            continue  # "Jordan Dumas, 19, was arrested"
        weight = 2 if mention.end <= lead_end else 1
        abroad = _province_abroad(index, mention)
        if abroad:  # "Georgia", "Niger": the country or a province of another; the other places decide
            votes[mention.country.iso2] += weight / 2
            votes[abroad] += weight / 2
        else:
            votes[mention.country.iso2] += weight
    shared = []  # (weight, countries) of names places in several countries share
    for ent in doc_ents(doc):
        if ent.label_ not in {"GPE", "LOC"} or is_compass_word(ent.text) or \
                any(start < ent.end_char and ent.start_char < end for start, end in named):
            continue  # "two East high school students" is not Cameroon's East region
        # exact names only, and only places that stand out: no fuzzy votes, and no
        # village abroad that happens to share a province's name
        scored = index.lookup_scored(ent.text, max_tier=EXACT)
        if not scored or not _stands_out(scored[0][1]):
            continue
        standing = [p.iso2 for _, p in scored if _stands_out(p)]
        weight = 2 if ent.end_char <= lead_end else 1
        if len(set(standing)) == 1:
            votes[standing[0]] += weight
        else:
            shared.append((weight, standing))
    _vote_shared_names(votes, shared)
    if not votes:
        votes = _towns_in_organisations(doc, index)
    if not votes:
        return Focus(None, None, None)
    iso2 = votes.most_common(1)[0][0]
    country = country_by_code(iso2)
    return Focus(country.name if country else None, iso2, country.iso3 if country else None)


def _vote_shared_names(votes: Counter[str], shared: list[tuple[int, list[str]]]) -> None:
    """A name several countries' places share ("Salem", "Birmingham", "Hamilton") votes for the one of
    them the story's other places and country names already lean to; failing that, for the country
    most of the shared names can lie in ("Salem" and "Portland": the United States), and failing
    that, for its best-known place. "Salem" in a story that names Oregon is not Jerusalem's old name."""
    leaning = Counter(votes)
    spread = Counter(iso2 for _, countries_of_name in shared for iso2 in set(countries_of_name))
    for weight, countries_of_name in shared:
        best_known_first = list(dict.fromkeys(countries_of_name))
        votes[max(best_known_first, key=lambda iso2: (leaning[iso2], spread[iso2],
                                                      -best_known_first.index(iso2)))] += weight


def resolve_place(draft: Draft, focus: Focus, article: Sequence[SentenceFacts] = ()) -> ResolvedPlace:
    """The incident's place; ``article`` (every sentence's facts) supplies a
    province named elsewhere in the story when the incident's own sentences lack one."""
    ordered = sorted(draft.sentences, key=lambda s: (s.headline, not s.cues, s.index))
    mentions = [m for s in ordered if not is_list(s) for m in s.places]
    places = [m for m in mentions if m.role == "location"
              or (m.role == "facility" and m.place is not None)]
    on_the_spot = [m for m in places if not is_reference_point(m)]
    if ordered:
        doc = ordered[0].sent.doc
        on_the_spot = [m for m in on_the_spot if not _where_the_speaker_is(doc, m)] or on_the_spot
    location = draft.place or _where_clause(ordered, places) or \
        (choose_location(on_the_spot or places) if places else None)
    # "in northern Kaduna", "in a Southern California college town": part of a province is in it
    admin1 = next((m for m in mentions if m.role == "admin1"), None) or next(
        (m for m in mentions if m.role == "region" and m.place is not None and m.place.kind == "admin1"), None)
    admin2 = next((m for m in mentions if m.role == "admin2"), None)
    country_mention = next((m for m in mentions if m.role in {"country", "region"} and m.place is not None
                            and m.place.kind == "country"
                            and (m.relation or "in") in {"in", "across", "inside", "within"}), None)
    if location is not None and location.relation == "dateline" and admin1 is not None \
            and admin1.locative and admin1.place is not None and (
                location.place is None or location.place.admin1 != admin1.place.admin1):
        location = None  # "JUBA — Fighting in Upper Nile State": the dateline is the reporter's desk
    if location is None:  # "in Ngoketunjia division": the district is the most specific place
        location = admin2 or _feature(mentions)
    if admin1 is None and location is not None:
        location = _in_story_province(location, article)
    hint = _iso2_of(location) or _iso2_of(admin1) or _iso2_of(country_mention) or focus.iso2
    if admin1 is None and (location is None or location.place is None or location.place.admin1 is None):
        admin1 = _article_admin1(article, hint)
    location = _within(location, admin1)
    source = location if location is not None and location.place is not None else admin1
    iso2 = _iso2_of(source) or _iso2_of(country_mention) or focus.iso2
    country = country_by_code(iso2) if iso2 else None
    lat, lon, precision, anchor = _coordinates(location, admin2, admin1)
    return ResolvedPlace(
        location=_name(location), admin1=_admin1_name(admin1, location),
        admin2=_admin2_name(admin2, location),
        country=country.name if country else focus.country, iso3=country.iso3 if country else focus.iso3,
        latitude=lat, longitude=lon, geo_precision=precision, mention=location or admin1,
        anchor=anchor)


def _in_story_province(location: PlaceMention, article: Sequence[SentenceFacts]) -> PlaceMention:
    """A small town whose name several places share, read in the province the story is about:
    "Woodlawn" in a Chicago story is the Woodlawn in Illinois, not the one in Maryland."""
    place = location.place
    if place is None or place.kind != "populated" or place.population >= CITY or not place.admin1:
        return location
    namesakes = [p for _, p in PlaceIndex.default().lookup_scored(location.text, country_iso2=place.iso2, kind="populated",
                                                                   max_tier=STRIPPED) if p.iso2 == place.iso2]
    if len(namesakes) < 2 or all(p.population * 2 < place.population for p in namesakes if p != place):
        return location  # the country's only place of that name, or by far its best known
    province = _story_province(article, place.iso2)
    if province is None or province == place.admin1:
        return location
    inside = next((p for p in namesakes if p.admin1 == province), None)
    return location if inside is None else dataclasses.replace(location, place=inside)


def _story_province(article: Sequence[SentenceFacts], iso2: str) -> str | None:
    """The province most of the story's places lie in (its towns and counties; a province named, a
    city of 100,000 or more and the dateline count double), if it holds at least twice the votes of
    any other."""
    votes: Counter[str] = Counter()
    organised = _provinces_in_organisations(article[0].sent.doc, iso2) if article else ()
    for m in itertools.chain((m for s in article for m in s.places), organised):
        p = m.place
        if p is None or p.iso2 != iso2:
            continue
        province = p.name if p.kind == "admin1" else p.admin1 if p.kind in ("populated", "admin2") else None
        if province is not None:
            weight = 2 if p.kind == "admin1" or p.population >= CITY else 1
            votes[province] += weight * (2 if m.relation == "dateline" else 1)
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def _feature(mentions: list[PlaceMention]) -> PlaceMention | None:
    """A river, a sea or a mountain range put at the event ("along the Euphrates"): the place of last resort."""
    return next((m for m in mentions if m.place is not None and m.place.kind == "feature"
                 and m.locative and m.place.latitude is not None), None)


def _article_admin1(article: Sequence[SentenceFacts], iso2: str | None) -> PlaceMention | None:
    """The one province the story names (in the incident's country), for a village the index lacks."""
    found = {}
    for s in article:
        for m in s.places or _all_places(s.sent, iso2):
            if m.role == "admin1" and m.place is not None and m.place.kind == "admin1" \
                    and (iso2 is None or m.place.iso2 == iso2):
                found.setdefault(m.place.name, m)
    if not found and article and iso2:
        for m in _provinces_in_organisations(article[0].sent.doc, iso2):
            found.setdefault(m.place.name, m)
    return next(iter(found.values())) if len(found) == 1 else None


def _provinces_in_organisations(doc: Doc, iso2: str) -> tuple[PlaceMention, ...]:
    """Provinces that name the story's organisations: "the Borno State Police Command", "the West
    Virginia State Police". A province's police or court says where the story is as well as a place
    named outright."""
    cache = doc.user_data.setdefault("tollbook.place.organised_provinces", {})
    if iso2 not in cache:
        found = []
        for ent in doc_ents(doc):
            if ent.label_ != "ORG":
                continue
            name, offset = _organisation_place(ent.text)
            if not name or name == ent.text[offset:]:
                continue  # "Texas Rangers": no organisation word, no province's body
            place = next((p for _, p in PlaceIndex.default().lookup_scored(name, country_iso2=iso2, kind="admin1",
                                                                           max_tier=EXACT)
                          if p.kind == "admin1" and p.iso2 == iso2), None)
            if place is not None:
                start = ent.start_char + offset
                found.append(PlaceMention(start, start + len(name), name, "admin1", place, None, "exact"))
        cache[iso2] = tuple(found)
    return cache[iso2]


def _all_places(sent, iso2: str | None) -> tuple[PlaceMention, ...]:
    """Places of a sentence the facts skipped (no event word): looked for only when needed, once."""
    cache = sent.doc.user_data.setdefault("tollbook.place.all_places", {})
    key = (sent.start, iso2)
    if key not in cache:
        cache[key] = tuple(find_places(sent, country_iso2=iso2))
    return cache[key]


def _within(location: PlaceMention | None, admin1: PlaceMention | None) -> PlaceMention | None:
    """The namesake inside the province the text names: "Tripoli" with "Lebanon's North governorate"."""
    if location is None or location.place is None or admin1 is None or admin1.place is None \
            or admin1.place.kind != "admin1" or location.place.admin1 in (None, admin1.place.name):
        return location
    hits = PlaceIndex.default().lookup_scored(location.text, country_iso2=admin1.place.iso2,
                                              kind=location.place.kind)
    top = hits[0][0] if hits else None
    inside = next((p for t, p in hits if t == top and p.kind == location.place.kind
                   and p.iso2 == admin1.place.iso2 and p.admin1 == admin1.place.name), None)
    return dataclasses.replace(location, place=inside) if inside is not None else location


WHERE = re.compile(r"^\s*,?\s*where\b", re.I)


SPEAKING = REPORTING_LEMMAS - WEAK_REPORTING


def _where_the_speaker_is(doc: Doc, mention: PlaceMention) -> bool:
    """The place belongs to whoever reports the event: "…, officials in Benghazi said" tells where the
    officials sit, not where the attack was."""
    span = char_span(doc, mention.start, mention.end)
    if span is None or len(span) == 0 or not span.root.dep_:
        return False
    for node in (span.root, *span.root.ancestors):
        if node.dep_ == "nsubj":
            head = node.head
            return head.pos_ in {"VERB", "AUX"} and head.lemma_.lower() in SPEAKING
        if node.dep_ in {"ROOT", "ccomp", "advcl", "conj", "relcl"}:
            return False
    return False


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


# "D.C.", "UK", and AP style's "Fla.", "Tenn.", "W.Va.", "N.Y."
ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{0,4}\.\s?)+$|^[A-Z]{2,3}$")


def _name(mention: PlaceMention | None) -> str | None:
    """As the article names it, save an abbreviation ("D.C.", "UK", "Fla."): the gazetteer's name says more."""
    if mention is None:
        return None
    if mention.place is not None and ABBREVIATION.match(mention.text):
        return mention.place.name
    return mention.text


def _admin1_name(admin1: PlaceMention | None, location: PlaceMention | None) -> str | None:
    if admin1 is not None:  # as the article names it ("Salah al-Din"), not the ISO spelling
        return admin1.place.name if _shorthand(admin1) else _name(admin1)
    if location is not None and location.place is not None:
        return location.place.admin1
    return None


def _shorthand(mention: PlaceMention) -> bool:
    """The text names a known province in shorthand: "Mass", "Tex" (the AP abbreviations the index
    knows), "TEXAS", "West Virginia State" (of "West Virginia State Police"). Any other name the index
    knows ("Salah al-Din", "Lower Shabelle") is kept as the article writes it."""
    place = mention.place
    if place is None or place.kind != "admin1":
        return False
    head, _, last = mention.text.rpartition(" ")
    return mention.text.isupper() or name_key(mention.text) in _abbreviation_keys() \
        or (last in STATE_WORDS and name_key(head) == name_key(place.name))


STATE_WORDS = frozenset({"State", "state", "Province", "province"})


@functools.cache
def _abbreviation_keys() -> frozenset[str]:
    return frozenset(name_key(a) for names in read_admin1_abbreviations().values() for a in names)


def _admin2_name(admin2: PlaceMention | None, location: PlaceMention | None) -> str | None:
    if location is not None and location.place is not None and location.place.admin2:
        return location.place.admin2
    if admin2 is not None:
        return admin2.place.admin2 if admin2.place is not None else admin2.text
    return None


# Natural features: their point stands for a stretch, so the place is only near it.
_AREA_KINDS = {"admin2", "feature"}


def _coordinates(location: PlaceMention | None, admin2: PlaceMention | None,
                 admin1: PlaceMention | None):
    """(latitude, longitude, ACLED geo_precision, the mention they come from).

    1: the place itself; 2: near it ("near X", "20 km north of X"), a district,
    a river or a range, or a village the index lacks placed at its district;
    3: only the province, at its capital (a village the index lacks, in a province).
    """
    if location is not None and _has_point(location):
        place = location.place
        area = place.kind in _AREA_KINDS and place.feature not in FACILITY_CODES
        return place.latitude, place.longitude, 2 if (location.near or area) else 1, location
    for unit, precision in ((admin2, 2), (admin1, 3)):
        if unit is not None and _has_point(unit):
            return unit.place.latitude, unit.place.longitude, precision, unit
    return None, None, None, None


def _has_point(mention: PlaceMention) -> bool:
    return mention.place is not None and mention.place.latitude is not None
