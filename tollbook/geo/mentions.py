"""Place mentions in a sentence: spaCy's entities, repaired by grammar.

The small English model misses or mislabels many conflict-zone names: it
tags only ``Deir`` in ``Deir ezzor``, calls ``al-Shahabat`` a PERSON,
``Manbij`` a PRODUCT and ``Awdheegle`` an ORG. So the candidates here are the
sentence's runs of capitalised words (joined across ``al-``/``el-``
particles and hyphens), plus the model's GPE/LOC/FAC entities; each is kept
when the model calls it a place, when the index knows it, or when the grammar
around it says it is one: a locative preposition (``in``, ``near``,
``outside``, ``20 km north of``), a feature noun (``the village of X``,
``X province``), or an apposition (``X, Lower Shabelle region``).

``find_places`` needs only tokens with offsets and ``doc.ents``; it does not
read part-of-speech tags, so it works on ``spacy.blank("en")`` documents with
hand-set entities as well as on the full model's output.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..nlp.doccache import doc_ents, doc_text, doc_tokens
from .index import (CITY, SKELETON, STRIPPED, TIER_NAMES, Place, PlaceIndex, admin1_aliases,
                    name_key, skeleton_key, stripped_key)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

__all__ = ["PlaceMention", "find_places", "choose_location", "ROLES", "LOCATIVE_RELATIONS",
           "FACILITY_CODES"]

ROLES = ("location", "neighbourhood", "facility", "admin2", "admin1", "region", "country")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int  # character offsets in the Doc
    end: int
    text: str  # as written: "Deir ezzor", "al-Shahabat"
    role: str  # one of ROLES: "location" | "neighbourhood" | "facility" | "admin2" |
    #            "admin1" | "region" (vaguer: "northern Syria", "the Sahel") | "country"
    place: Place | None  # None when the index does not know it (a village keeps its name)
    relation: str | None  # "in", "near", "outskirts", "north of", "20 km north of", "dateline"…
    match: str | None = None  # how the place was found: "exact" | "stripped" | "skeleton"
    feature: str | None = None  # the noun the text gives it: "village", "town", "province"…

    @property
    def locative(self) -> bool:
        """Whether the text puts the event at or near it (in, at, near, outside,
        north of, the object of "hit" …), not just towards or from it."""
        r = self.relation
        return r is not None and (r in LOCATIVE_RELATIONS or r.endswith(" of"))

    @property
    def near(self) -> bool:
        """Whether it is only *near* the place (ACLED geo_precision 2)."""
        r = self.relation or ""
        return r in ("near", "outskirts", "outside", "around", "close to") or r.endswith(" of")


# --------------------------------------------------------------------------
# Word lists

# Relations that put an event at (or near) a place; "from", "to", "towards",
# "between", "by" only point at one.
LOCATIVE_RELATIONS = frozenset({
    "in", "at", "on", "near", "outside", "around", "inside", "into", "within", "across",
    "throughout", "outskirts", "nearby", "close to", "along", "over", "off",
})
_PREPS = {"in", "at", "on", "near", "outside", "around", "inside", "into", "within", "across",
          "throughout", "from", "to", "towards", "toward", "between", "along", "over", "off",
          "through", "via", "by", "beyond", "nearby", "against"}
_WEAK_PREPS = _PREPS - LOCATIVE_RELATIONS
# Verbs that take the place struck as object: "Airstrikes hit al-Shahabat". The
# first set takes places only; the second takes people too ("attacked Hassan").
_PLACE_VERBS = {"hit", "struck", "shelled", "bombed", "rocked", "pounded", "overran",
                "captured", "seized", "besieged", "entered", "recaptured", "retook",
                "bombarded", "shelling", "bombing", "pounding", "besieging", "recapturing"}
_STRIKE_VERBS = _PLACE_VERBS | {"attacked", "stormed", "raided", "targeting", "targeted",
                                "attacking", "storming", "raiding"}
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast",
               "southwest", "north-east", "north-west", "south-east", "south-west"}
_DIR_ADJ = {"northern", "southern", "eastern", "western", "northeastern", "northwestern",
            "southeastern", "southwestern", "north-eastern", "north-western",
            "south-eastern", "south-western", "central", "northeast", "northwest",
            "southeast", "southwest", "north", "south", "east", "west", "upper", "lower",
            "far"}
_UNITS = {"km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile",
          "mi", "m", "metres", "meters"}
# Nouns that say what kind of place the name beside them is.
_POPULATED_NOUNS = {"village", "villages", "town", "towns", "city", "cities", "hamlet",
                    "settlement", "locality", "camp", "capital", "port", "township",
                    "outpost", "oasis", "enclave"}
_ADMIN1_NOUNS = {"province", "provinces", "governorate", "governorates", "region", "regions",
                 "state", "states", "oblast", "prefecture", "department", "wilaya", "wilayat",
                 "emirate", "territory"}
_ADMIN2_NOUNS = {"district", "districts", "county", "counties", "municipality", "sub-district",
                 "subdistrict", "commune", "lga", "division", "subcounty", "sub-county",
                 "tehsil", "woreda", "zone", "departement"}
_NEIGHBOURHOOD_NOUNS = {"neighbourhood", "neighborhood", "neighbourhoods", "neighborhoods",
                        "kebele", "mahalla", "hay", "barrio", "colonia",
                        "suburb", "suburbs", "quarter", "borough", "ward", "area", "sector",
                        "compound", "block"}
_FACILITY_NOUNS = {"airport", "airbase", "base", "mosque", "hospital", "school", "market",
                   "prison", "jail", "checkpoint", "bridge", "stadium", "hotel", "church",
                   "square", "street", "road", "highway", "junction", "barracks", "palace",
                   "crossing", "harbour", "harbor", "dam", "mall", "refinery", "oilfield",
                   "airfield", "station", "garrison", "fort", "shrine", "cathedral", "temple",
                   "building", "tower", "restaurant", "cafe", "hall", "complex", "park",
                   "beach", "valley", "river", "mountain", "mountains", "hills", "lake",
                   "desert", "forest", "plain", "plains", "island", "islands", "coast",
                   "corridor", "gate", "compound", "bazaar", "clinic", "camps", "market-place",
                   "marketplace", "seminary", "madrasa", "madrassa"}
# Organisations named after a place: "Kabul University" says Kabul; "the
# Ministry of Health" says nothing.
_ORG_NOUNS = {"ministry", "office", "council", "embassy", "consulate", "headquarters", "court",
              "department", "directorate", "agency", "committee", "commission", "authority",
              "bank", "company", "university", "college", "academy", "institute",
              "foundation", "party", "front", "movement", "brigade", "brigades", "battalion",
              "corps", "army", "forces", "force", "police", "militia", "group",
              "club", "team", "radio", "tv", "television", "newspaper", "channel", "centre",
              "center", "association", "union", "league",
              "alliance", "federation", "organisation", "organization", "network",
              "government", "administration", "assembly", "parliament", "senate", "cabinet",
              "municipality", "observatory", "society", "service", "services", "unit",
              "command", "operations", "guard", "guards"}
# Capitalised after a town, these make a newspaper or a channel: "the Jerusalem Post".
_MEDIA_NOUNS = {"times", "post", "news", "radio", "tv", "television", "channel", "herald",
                "tribune", "gazette", "journal", "daily", "observer", "express", "star",
                "standard", "monitor", "review", "chronicle", "independent", "telegraph",
                "guardian", "mail", "sun", "today", "press", "agency", "broadcasting"}
# Nouns for an incident: "the El Adde attack" names where it happened.
_EVENT_NOUNS = {"attack", "attacks", "bombing", "bombings", "blast", "blasts", "massacre",
                "raid", "raids", "ambush", "offensive", "siege", "battle", "airstrike",
                "airstrikes", "strike", "strikes", "explosion", "shelling", "assault",
                "killings", "clashes", "fighting", "uprising", "protests", "protest",
                "operation", "incident", "bombardment", "shooting", "tragedy", "disaster",
                "crisis", "conflict", "front", "frontline", "violence"}
_REGION_NOUNS = {"valley", "river", "mountain", "mountains", "hills", "lake", "desert",
                 "forest", "plain", "plains", "island", "islands", "coast", "corridor",
                 "basin", "peninsula", "delta", "strip", "heights"}
_ALL_FEATURES = (_POPULATED_NOUNS | _ADMIN1_NOUNS | _ADMIN2_NOUNS | _NEIGHBOURHOOD_NOUNS
                 | _FACILITY_NOUNS | _ORG_NOUNS)
# Attributes that may stand between a name and its feature noun: "Dadaab refugee camp".
_FEATURE_ATTRS = {"refugee", "military", "air", "army", "naval", "police", "border", "idp",
                  "displacement", "displaced", "detention", "training", "oil", "gas", "power",
                  "central", "main", "old", "grand", "local", "district", "provincial", "city"}
# Skippable words between a preposition and the name: "in the restive northern town of".
_SKIP_BEFORE = {"the", "a", "an", "of", "restive", "besieged", "remote", "nearby", "key",
                "strategic", "small", "tiny", "large", "major", "main", "coastal", "border",
                "rural", "mountainous", "southernmost", "northernmost", "volatile", "embattled",
                "troubled", "neighbouring", "neighboring", "frontline", "contested",
                "rebel", "government", "militant", "jihadist", "insurgent", "held", "controlled",
                "occupied", "rebel-held", "government-held", "-", "disputed", "oil", "desert",
                "refugee", "military", "army", "nearby", "same", "predominantly", "mainly",
                "mostly", "largely", "shiite", "sunni", "christian", "muslim", "kurdish",
                "busy", "crowded", "historic", "ancient", "old", "new", "capital", "port",
                "impoverished", "densely", "populated", "itself", "heart", "centre", "center",
                "residential", "civilian", "industrial", "commercial", "poor", "urban",
                "agricultural", "farming", "fishing", "mining", "market", "nomadic",
                "outskirts", "edge", "suburbs", "vicinity", "downtown", "city's", "town's",
                "province's", "country's", "region's", "state's", "district's", "its",
                "their"} | _DIR_ADJ | _ALL_FEATURES

# Capitalised words that never start or sit inside a place name.
_STOP_CAPS = {
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "he", "she", "they", "it", "we",
    "i", "you", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my",
    "after", "before", "during", "since", "when", "while", "as", "according", "meanwhile",
    "also", "there", "here", "if", "of", "for", "with", "by", "from", "to", "into", "near",
    "outside", "some", "many", "several", "most", "all", "both", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "at least", "more", "about", "up",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms", "dr", "president", "prime",
    "minister", "general", "gen", "col", "colonel", "lt", "sgt", "capt", "captain", "major",
    "sheikh", "spokesman", "spokeswoman", "spokesperson", "governor", "commander", "chief",
    "police", "officials", "residents", "witnesses", "sources", "local", "security",
    "update", "updated", "breaking", "photo", "video", "read", "related", "file", "image",
    "copyright", "share", "click", "advertisement", "no", "not", "one", "who", "what",
    "where", "which", "how", "why", "yesterday", "today", "tomorrow", "last", "next",
    "earlier", "later", "late", "early", "is", "was", "were", "are", "has", "had", "have",
    "will", "would", "said", "says", "ramadan", "eid", "christmas", "easter",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
}
# Particles that sit inside names, written in lower case: "Aita al-Jabal", "Dar
# es Salaam", "Mazar-e Sharif". Those that are also English words ("an", "as",
# "at") count only when a hyphen binds them ("as-Sukhnah", "at-Tanf").
_PARTICLES = {"al", "el", "il", "ul", "ad", "ed", "ar", "er", "es", "ash", "esh", "ath", "az",
              "ez", "adh", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des",
              "la", "le", "les", "los", "las", "bin", "ibn", "bani", "banu", "e", "i", "y",
              "von", "van", "der", "den"}
_HYPHEN_PARTICLES = _PARTICLES | {"an", "as", "at", "en", "et", "a"}
# A name can open with an article before a space too: "in al Shahabat".
_OPENING_PARTICLES = {"al", "el", "ad", "ar", "ash", "az", "ez"}
# Names news calls places by mistake (organisations, agencies, armed groups, the
# West): compared by ``name_key``.
_NOT_PLACES = {name_key(n) for n in (
    "UN", "U.N.", "United Nations", "Security Council", "UNSC", "UNHCR", "UNICEF", "UNAMA",
    "UNAMI", "UNMISS", "UNSOM", "MONUSCO", "MINUSMA", "OCHA", "WHO", "WFP", "ICRC",
    "Red Cross", "Red Crescent", "MSF", "Amnesty", "Human Rights Watch", "HRW",
    "NATO", "EU", "European Union", "AU", "African Union", "AMISOM", "ATMIS", "ECOWAS",
    "IGAD", "Arab League", "OIC", "ISIS", "ISIL", "IS", "Daesh", "Da'esh", "Islamic State",
    "Taliban", "Taleban", "al-Shabaab", "al-Shabab", "Shabaab", "Shabab", "al-Qaeda",
    "al-Qaida", "Qaeda", "AQAP", "AQIM", "Hezbollah", "Hizbollah", "Hamas", "Houthi",
    "Houthis", "Huthi", "Boko Haram", "ISWAP", "JNIM", "HTS", "Nusra", "al-Nusra", "SDF",
    "YPG", "PKK", "FARC", "ELN", "ADF", "M23", "RSF", "LNA", "GNA", "PMF", "PMU",
    "Hashed", "Hashd", "Reuters", "AFP", "AP", "BBC", "CNN", "Al Jazeera", "Aljazeera",
    "Xinhua", "Anadolu", "SANA", "IRNA", "TASS", "RIA", "Press TV", "PressTV", "Tolo",
    "TOLOnews", "Pajhwok", "Sputnik", "RT", "VOA", "Twitter", "Facebook", "Telegram",
    "WhatsApp", "YouTube", "Pentagon", "Kremlin", "White House", "State Department",
    "Congress", "Parliament", "West", "the West", "Western", "Middle", "Allah", "God",
    "Internet", "Ramadan", "Eid", "Christmas", "Easter", "Coalition", "Government",
    "Ministry", "Interior", "Defence", "Defense", "Army", "Police", "Islamic", "Muslim",
    "Muslims", "Sunni", "Shia", "Shiite", "Christian", "Christians", "Jewish", "Arab",
    "Arabs", "Kurd", "Kurds", "Kurdish", "English", "Arabic", "French", "Russian",
    "Swahili", "Pashto", "Dari", "Urdu", "Hausa", "Amharic", "Tigrinya", "Hebrew", "Farsi",
    "Persian", "Spanish", "Portuguese", "Hindi", "Bengali", "Tamil", "Shiite Muslim",
    "Sunni Muslim", "Shia Muslim", "Catholic", "Orthodox", "Protestant", "Jew", "Jews",
    "Hindu", "Hindus", "Buddhist", "Alawite", "Druze", "Yazidi", "Yazidis", "Rohingya",
)}
# Regions without a first-level code of their own that conflict news names
# often: role "region", with the country when there is one.
_REGIONS = {name_key(k): v for k, v in {
    "Kashmir": None, "Jammu and Kashmir": "IN", "Darfur": "SD", "Sinai": "EG",
    "Sinai Peninsula": "EG", "North Sinai": "EG", "Kurdistan": None, "Iraqi Kurdistan": "IQ",
    "Sahel": None, "Mindanao": "PH", "Donbas": "UA", "Donbass": "UA", "Galilee": "IL",
    "Golan Heights": None, "Ogaden": "ET", "Crimea": "UA", "Kivu": "CD", "Azawad": "ML",
    "Liptako-Gourma": None, "Lake Chad": None, "Lake Chad Basin": None, "Horn of Africa": None,
    "Middle East": None, "Levant": None, "Maghreb": None, "Nagorno-Karabakh": "AZ",
    "Karabakh": "AZ", "Abkhazia": "GE", "South Ossetia": "GE", "Transnistria": "MD",
    "Rojava": "SY", "Ghouta": "SY", "Eastern Ghouta": "SY", "Hadramawt": "YE",
    "Balochistan": "PK", "Waziristan": "PK", "North Waziristan": "PK", "South Waziristan": "PK",
    "Sahara": None, "Western Sahara": "EH", "Cabinda": "AO", "Casamance": "SN",
    "Ambazonia": "CM", "Anglophone regions": "CM", "Niger Delta": "NG", "Middle Belt": "NG",
    "Line of Control": None, "LoC": None, "Line of Contact": None, "Green Line": None,
    "Gaza Strip": "PS", "Panjshir Valley": "AF", "Swat Valley": "PK", "Nineveh Plains": "IQ",
}.items()}
_COMPOUND_ADJ = {"led", "backed", "based", "allied", "linked", "affiliated", "born", "made",
                 "funded", "trained", "brokered", "supported", "sponsored", "run", "owned",
                 "aligned", "inspired", "style", "bound", "registered", "flagged", "designated",
                 "listed", "friendly", "loyal", "era", "wide", "level"}


# --------------------------------------------------------------------------
# Token helpers


def _is_name_token(t: "Token") -> bool:
    s = t.text
    if not s or not s[0].isupper() or not any(c.isalpha() for c in s):
        return False
    low = s.lower()
    if low in _STOP_CAPS or (t.is_stop and not s.isupper() and low not in _STOP_OK):
        return False  # "The", "Though", "However" (but "US", "Side")
    if s.endswith("-") and len(s) > 1:
        return False  # "Iraq- and Syria-based"
    return all(c.isalpha() or c in "'’.-" for c in s)


# English stop words that are also names of places.
_STOP_OK = {"side", "mine", "well", "bill", "hence", "nowhere"}


def _joined(a: "Token", b: "Token") -> bool:
    """No space between tokens a and b."""
    return a.idx + len(a.text) == b.idx


def _span_text(doc, a: int, b: int) -> str:
    """``doc[a:b].text``, sliced from the cached text instead of re-joined token by token."""
    if b <= a:
        return ""
    toks = doc_tokens(doc)
    last = toks[b - 1]
    return doc_text(doc)[toks[a].idx:last.idx + len(last)]


def _is_hyphen(t: "Token") -> bool:
    return t.text in ("-", "‐", "‑")


def _chunks(sent: "Span") -> list[tuple[int, int]]:
    """Runs of name tokens (doc token indices, end exclusive), joined across
    hyphens and lower-case particles: "Aita al-Jabal", "al-Shahabat", "Dar es Salaam"."""
    doc = sent.doc
    toks = doc_tokens(doc)
    n = sent.end

    def hyphen_then_name(j: int) -> bool:
        """toks[j] is a hyphen bound on both sides, then a name or a particle."""
        return (j + 1 < n and _is_hyphen(toks[j]) and _joined(toks[j - 1], toks[j])
                and _joined(toks[j], toks[j + 1])
                and (_is_name_token(toks[j + 1]) or toks[j + 1].text in _HYPHEN_PARTICLES))

    out: list[tuple[int, int]] = []
    i = sent.start
    while i < n:
        t = toks[i]
        opens = _is_name_token(t)
        if not opens and i + 1 < n:
            if t.text in _HYPHEN_PARTICLES and hyphen_then_name(i + 1):
                opens = True  # "al-Shahabat"
            elif t.text in _OPENING_PARTICLES and _is_name_token(toks[i + 1]):
                opens = True  # "al Shahabat"
        if not opens:
            i += 1
            continue
        start, j = i, i + 1
        while j < n:
            u = toks[j]
            if _is_name_token(u):
                j += 1
            elif hyphen_then_name(j):
                j += 1  # "Deir ez-Zor", "Dasht-e-Barchi"
            elif u.text in _HYPHEN_PARTICLES and j + 1 < n and hyphen_then_name(j + 1):
                j += 1  # "Aita al-Jabal"
            elif u.text in _PARTICLES and j + 1 < n and _is_name_token(toks[j + 1]):
                j += 1  # "Dar es Salaam"
            elif u.text[:1] in "'’" and _joined(toks[j - 1], u) and u.text[1:].isalpha() \
                    and u.lower_ not in ("'s", "’s"):
                j += 1  # "Yir'on" split as "Yir" "'on"
            else:
                break
        # trailing particles or hyphens do not belong
        while j > start + 1 and (toks[j - 1].text in _HYPHEN_PARTICLES or _is_hyphen(toks[j - 1])):
            j -= 1
        out.append((start, j))
        i = j
    return out


# Heads of names built with "of": "the Gulf of Aden", "the Horn of Africa",
# "the Line of Control", "the Strait of Hormuz", "the Kingdom of Saudi Arabia".
_OF_HEADS = {"line", "gulf", "bay", "horn", "sea", "strait", "straits", "isle", "island",
             "islands", "cape", "lake", "mount", "republic", "kingdom", "emirate", "sultanate",
             "commonwealth", "federation", "principality", "heights", "valley"}


def _join_of(sent: "Span", spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    doc = sent.doc
    toks = doc_tokens(doc)
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out:
            pa, pb = out[-1]
            gap = [t.lower_ for t in toks[pb:a]]
            if gap in (["of"], ["of", "the"]) and toks[pb - 1].lower_ in _OF_HEADS:
                out[-1] = (pa, b)
                continue
        out.append((a, b))
    return out


def _ent_label(ents: list, a: int, b: int) -> str | None:
    """The label of the entity that covers most of tokens a..b, if any."""
    best, best_n = None, 0
    for e in ents:
        lo, hi = max(a, e.start), min(b, e.end)
        if hi > lo and hi - lo > best_n:
            best, best_n = e.label_, hi - lo
    return best


# --------------------------------------------------------------------------
# Context around a name


@dataclass(slots=True)
class _Cand:
    a: int  # token range in the doc
    b: int
    label: str | None
    relation: str | None = None
    feature: str | None = None  # "populated" | "admin1" | "admin2" | "neighbourhood" | ...
    feature_word: str | None = None
    direction: bool = False  # "northern Syria"
    possessive: bool = False  # "Mogadishu's Hodan district"
    of_place: int | None = None  # "the Abu Salim district of Tripoli": index of Tripoli cand
    dateline: bool = False
    strike_object: bool = False
    place_verb: bool = False  # object of a verb that takes only places ("shelled X")
    event_modifier: bool = False  # "the El Adde attack"
    feature_before: bool = False  # the feature noun precedes: "the village of X"
    event_on: bool = False  # "an airstrike on Tayr Harfa"
    container: bool = False  # "the Abu Salim district of Tripoli": Tripoli holds the district


def _feature_kind(word: str) -> str | None:
    w = word.lower()
    if w in _ORG_NOUNS:
        return "org"
    if w in _ADMIN1_NOUNS:
        return "admin1"
    if w in _ADMIN2_NOUNS:
        return "admin2"
    if w in _POPULATED_NOUNS:
        return "populated"
    if w in _NEIGHBOURHOOD_NOUNS:
        return "neighbourhood"
    if w in _FACILITY_NOUNS:
        return "facility"
    return None


_NOT_FEATURE_CUES = {"outskirts", "edge", "border", "centre", "center", "heart", "area", "field",
                     "front", "frontline"}
_STRONG_RELATIONS = {"in", "near", "outside", "inside", "outskirts", "around", "nearby",
                     "within", "at"}


def _context_before(sent: "Span", c: _Cand, index: PlaceIndex) -> None:
    """Relation, feature noun and direction adjective before the name."""
    doc = sent.doc
    toks = doc_tokens(doc)
    i = c.a - 1
    lo = sent.start
    words: list[str] = []  # skipped words, nearest first
    while i >= lo:
        t = toks[i]
        w = t.lower_
        if w in _DIRECTIONS and words and words[-1] == "of":
            break  # "north of X"
        if t.text[:1].isupper() and w in _ALL_FEATURES and i > lo:
            if w in _ORG_NOUNS and words == ["of"]:
                c.feature, c.feature_word, c.feature_before = "org", w, True  # "Ministry of X"
                return
            break  # "the Islamic State of Iraq": part of a name, not "the state of"
        if w in _SKIP_BEFORE or w.endswith(("-held", "-controlled")):
            words.append(w)
            i -= 1
            continue
        # "the Afghan capital, Kabul", "the Somali capital Mogadishu"
        if w == "," and words and words[-1] in ("capital", "city", "town", "village") \
                and len(words) == 1:
            words.append(w)
            i -= 1
            continue
        if t.text[:1].isupper() and words and words[-1] in _ALL_FEATURES | {"capital"} \
                and _demonym_like(t.text):
            words.append(w)
            i -= 1
            continue
        break
    # "the Abu Salim district of Tripoli", "a busy shopping district of Mogadishu":
    # the feature noun names a part of X, and X holds it
    core = words[1:] if words[:1] == ["the"] else words
    if len(core) >= 2 and core[0] == "of" and _feature_kind(core[1]) in (
            "neighbourhood", "admin2", "facility") and i >= lo and (
                (len(core) == 2 and toks[i].lower_ not in _PREPS | _STRIKE_VERBS)
                or "a" in core[2:] or "an" in core[2:]):
        c.container = True
        if _is_name_token(toks[i]):
            return  # the relation is the named part's
    # feature noun before: "the village of X", "the town X"
    # (a noun after the name wins: "the capital of Tigray region"; "the capital of
    # X" and "four regions of X" make X the whole, not the part; "the villages of
    # A and B" names them)
    for w in ([] if c.container or c.feature else words):
        if w in ("of", "the", "a", "an", ","):
            continue
        k = _feature_kind(w)
        counted = words.index(w) + 1 < len(words) and (
            words[words.index(w) + 1] in _QUANTIFIERS) or (
            i >= lo and words[-1] == w and (toks[i].like_num or toks[i].lower_ in _QUANTIFIERS))
        whole = words[0] == "of" and (w == "capital" or (
            w.endswith("s") and _feature_kind(w[:-1]) and counted))
        if k and w not in _NOT_FEATURE_CUES and (words[0] in ("of", w)) and not whole:
            c.feature, c.feature_word = k, w
            c.feature_before = True
        break
    if words and words[0] in _DIR_ADJ and words[0] not in ("upper", "lower", "far"):
        c.direction = True  # "northern Syria"
    if any(w in ("outskirts", "suburbs", "edge", "vicinity") for w in words):
        c.relation = "outskirts"
    if i < lo:
        return
    t = toks[i]
    w = t.lower_
    if w in ("'s", "’s"):
        return
    if words and words[-1] == "of" and w in _DIRECTIONS:  # "20 km north of X"
        rel = w
        j = i - 1
        if j - 1 >= lo and _is_hyphen(toks[j]) and toks[j - 1].lower_ in _DIRECTIONS:
            rel = toks[j - 1].lower_ + "-" + w
            j -= 2
        if j - 1 >= lo and toks[j].lower_ in _UNITS and toks[j - 1].like_num:
            rel = f"{toks[j - 1].text} {toks[j].text} {rel}"
        elif j >= lo and re.fullmatch(r"\d+(?:\.\d+)?(?:km|mi)", toks[j].lower_):
            rel = f"{toks[j].text} {rel}"
        c.relation = rel + " of"
        return
    if c.relation:
        return
    if w == "to" and i - 1 >= lo and toks[i - 1].lower_ in ("close", "next"):
        c.relation = "near"
    elif w in ("on", "against") and i - 1 >= lo and toks[i - 1].lower_ in _EVENT_NOUNS:
        c.relation = "on"  # "an airstrike on Tayr Harfa"
        c.event_on = True
    elif w in _STRIKE_VERBS:
        c.strike_object = True
        c.place_verb = w in _PLACE_VERBS
    elif w in _PREPS:
        c.relation = w


_QUANTIFIERS = {"several", "many", "some", "various", "other", "both", "few", "multiple",
                "numerous", "all", "most", "two", "three", "four", "five", "six", "seven",
                "eight", "nine", "ten", "dozens", "scores", "hundreds"}


def _org_follows(sent: "Span", i: int) -> bool:
    """Whether a run of capitalised words from token i ends in an organisation
    noun: "Liberation Army", "Defence Forces" (across a hard line break too)."""
    doc = sent.doc
    toks = doc_tokens(doc)
    j, last = i, None
    while j < len(doc) and j < sent.end + 4:
        t = toks[j]
        if t.is_space:
            j += 1
            continue
        if not (t.text[:1].isupper() and t.is_alpha):
            break
        last = t
        j += 1
    return last is not None and last.lower_ in _ORG_NOUNS


def _indefinite_before(sent: "Span", a: int) -> bool:
    """An indefinite article opens the phrase the name modifies ("a small California town", "an
    Aleppo suburb"): the noun after the name is an unnamed place in it, not the name's own kind."""
    toks = doc_tokens(sent.doc)
    for k in range(a - 1, max(sent.start, a - 4) - 1, -1):
        word = toks[k].lower_
        if word in ("a", "an"):
            return True
        if not (word in _SKIP_BEFORE or is_compass_word(toks[k].text) or toks[k].pos_ == "ADJ"):
            return False
    return False


def _context_after(sent: "Span", c: _Cand) -> tuple[str | None, bool]:
    """(feature noun after the name, excluded compound like "US-led")."""
    doc = sent.doc
    toks = doc_tokens(doc)
    j = c.b
    n = sent.end
    if j + 1 < n and _is_hyphen(toks[j]) and _joined(toks[j - 1], toks[j]) \
            and toks[j + 1].lower_ in _COMPOUND_ADJ:
        return None, True
    if j < n and toks[j].lower_ in ("'s", "’s"):
        c.possessive = True
        return None, False
    k = j
    # "Dadaab refugee camp", "Miron air base", "Nad Ali district headquarters"
    while k + 1 < n and k - j < 2 and toks[k].lower_ in _FEATURE_ATTRS and \
            not toks[k].text[:1].isupper() and not toks[k + 1].text[:1].isupper() and \
            (_feature_kind(toks[k + 1].lower_) or toks[k + 1].lower_ in _FEATURE_ATTRS):
        k += 1
    if k < n and not toks[k].text[:1].isupper():
        w = toks[k].lower_
        if _feature_kind(w):
            if k + 1 < n and _is_name_token(toks[k + 1]):
                return None, False  # "the Gulf port Umm Qasr": the noun is the next name's
            if w.endswith("s") and _feature_kind(w[:-1]) or w in ("cities", "villages"):
                before = toks[c.a - 1] if c.a > sent.start else None
                if before is not None and (before.like_num or before.lower_ in _QUANTIFIERS):
                    return None, False  # "two Tripoli neighbourhoods": Tripoli holds them
                return w, False  # "Mandalay and Sagaing regions"
            return w, False
        if k == j and w in _EVENT_NOUNS and c.a > sent.start and \
                toks[c.a - 1].lower_ in ("the", "a", "an", "this", "that", "last", "latest"):
            c.event_modifier = True  # "the El Adde attack"
    return None, False


# --------------------------------------------------------------------------
# Resolution


_COUNTRY_NAMES = (
    "Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Australia",
    "Austria", "Azerbaijan", "Bahrain", "Bangladesh", "Belarus", "Belgium", "Benin",
    "Bolivia", "Bosnia", "Brazil", "Britain", "Bulgaria", "Burkina Faso", "Burma", "Burundi",
    "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China", "Colombia", "Congo", "Croatia",
    "Cuba", "Cyprus", "Denmark", "Djibouti", "Egypt", "Eritrea", "Ethiopia", "Finland",
    "France", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Guatemala", "Guinea",
    "Haiti", "Honduras", "Hungary", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel",
    "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Korea", "Kosovo", "Kuwait",
    "Kyrgyzstan", "Laos", "Lebanon", "Liberia", "Libya", "Mali", "Mauritania", "Mexico",
    "Moldova", "Mongolia", "Morocco", "Mozambique", "Myanmar", "Nepal", "Nicaragua", "Niger",
    "Nigeria", "Norway", "Oman", "Pakistan", "Palestine", "Peru", "Philippines", "Poland",
    "Portugal", "Qatar", "Romania", "Russia", "Rwanda", "Saudi Arabia", "Senegal", "Serbia",
    "Sierra Leone", "Somalia", "Spain", "Sudan", "Sweden", "Syria", "Tajikistan",
    "Tanzania", "Thailand", "Tunisia", "Turkey", "Turkmenistan", "Uganda", "Ukraine",
    "Uzbekistan", "Venezuela", "Vietnam", "Yemen", "Zambia", "Zimbabwe", "America",
    "South Africa", "South Sudan", "Central African Republic", "Sri Lanka", "New Zealand",
    "North Korea", "South Korea", "United States", "Ivory Coast", "Equatorial Guinea",
    "Papua New Guinea", "Dominican Republic", "El Salvador", "Costa Rica", "Puerto Rico",
    "Bosnia", "Herzegovina", "Slovakia", "Slovenia", "Estonia", "Latvia", "Lithuania",
    "Belgium", "Netherlands", "Switzerland", "Botswana", "Namibia", "Gabon", "Togo",
    "Macedonia", "Montenegro", "Azerbaijan", "Palestine",
    "Chechnya", "Kurdistan", "Baluchistan", "Balochistan", "Punjab", "Darfur", "Tigray",
    "Amhara", "Oromia", "Kashmir", "Crimea", "Gaza", "Sinai", "Sahel",
)
_COUNTRY_KEYS = frozenset(name_key(n) for n in _COUNTRY_NAMES)


_DEMONYM_END = re.compile(r"(?:an|ans|ian|ians|i|is|ese|ish|ic|ite|ites|ean|eans|o|os|er|ers)$")


def _demonym_like(text: str) -> bool:
    """"Afghan", "Syrian", "Iraqis", "Lebanese": a people or an adjective, not a place."""
    return _demonym_key(name_key(text))


@functools.lru_cache(maxsize=16384)
def _demonym_key(key: str) -> bool:
    if len(key) < 4 or key in _COUNTRY_KEYS or not _DEMONYM_END.search(key):
        return False
    for cand in _COUNTRY_KEYS:
        if cand.startswith(key) or (key.endswith("s") and cand.startswith(key[:-1])):
            return True  # "Afghan", "Somalis"
        stem = cand[:max(4, len(cand) - 2)]
        if key.startswith(stem):
            return True  # "Syrian", "Iraqi", "Lebanese", "Congolese", "Turkish"
    return False


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.7


def _resolve(index: PlaceIndex, text: str, *, hint: str | None, kind: str | None,
             strict_kind: bool, admin1: str | None = None) -> tuple[Place | None, str | None]:
    """The place ``text`` names, with the tier it matched at, or (None, None).

    Fuzzy (skeleton) hits count only inside the hint country, for skeletons of
    four consonants or more and names that still look alike ("Tigray" and
    ISO's "Tigrai"; not "Soumpi" and "Sao Paulo", nor "Mbonge" and "Mbanga");
    or for a province when the text says "province" and only one country has
    a province of that skeleton. A hit abroad (neither the hint country nor a
    neighbour) counts only for a big city (500,000 people or more) called by
    its own name, or a country: a village the index lacks must not turn into
    its namesake on another continent.
    """
    scored = index.lookup_scored(text, country_iso2=hint, kind=kind)
    if strict_kind and kind:
        scored = [(t, p) for t, p in scored if p.kind == kind]
    if not scored:
        return None, None
    top_tier = scored[0][0]
    if admin1:
        same = [(t, p) for t, p in scored if t == top_tier and p.admin1 == admin1]
        if same:
            scored = same + [s for s in scored if s not in same]
    if kind is None and scored[0][1].kind == "populated":
        # "Jalisco": the state, not a town of that name in another state
        for t, p in scored[1:]:
            if t != top_tier or p.iso2 != scored[0][1].iso2:
                break
            if p.kind == "admin1" and t == 0 and scored[0][1].admin1 not in (None, p.name) \
                    and scored[0][1].population < CITY:
                scored = [(t, p)] + [s for s in scored if s[1] is not p]
                break
    if kind is None and scored[0][1].kind in ("admin1", "admin2"):
        # "Timbuktu": the town a region is named after, not the region
        unit = scored[0][1]
        town = next((p for t, p in scored[1:] if t == top_tier and p.kind == "populated"
                     and p.iso2 == unit.iso2 and p.latitude == unit.latitude), None)
        if town is not None:
            scored = [(top_tier, town)] + [x for x in scored if x[1] is not town]
    tier, best = scored[0]
    tier_name = TIER_NAMES[tier]
    hint_country = hint.upper() if hint else None
    key = name_key(text)
    if is_compass_word(text) and (hint_country is None or best.iso2 != hint_country
                                  or best.kind not in ("admin1", "admin2")):
        return None, None  # "East", "Southwest": a province only in a story about its own country
    if tier == SKELETON:
        if len(key) < 5 or (hint_country and best.iso2 != hint_country):
            return None, None
        names = [best.name] + (admin1_aliases(best.name) if best.kind == "admin1" else [])
        if not any(_similar(stripped_key(text), stripped_key(n)) for n in names):
            return None, None
        if strict_kind and kind == "admin1" and len({p.iso2 for _, p in scored}) == 1:
            return best, tier_name
        if best.kind == "admin1" and hint_country and \
                sum(1 for _, p in scored if p.kind == "admin1" and p.iso2 == hint_country) == 1:
            return best, tier_name
        if hint_country and len(skeleton_key(text)) >= 4:
            return best, tier_name
        return None, None
    if hint_country and best.iso2 and best.iso2 != hint_country and best.kind != "country":
        near = index.neighbours.get(hint_country, frozenset())
        if best.iso2 not in near and not (best.population >= 500_000 and tier == 0
                                          and key == name_key(best.name)):
            return None, None
    return best, tier_name


COMPASS_WORDS = frozenset(name_key(w) for w in (
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
    "north-west", "south-east", "south-west", "central", "centre", "center", "far north", "littoral"))


def is_compass_word(text: str) -> bool:
    """'East', 'Southwest', 'Centre': region names in some countries, directions in every other."""
    return name_key(text) in COMPASS_WORDS


# GeoNames feature codes of bases, airfields and ports: facilities, not regions.
FACILITY_CODES = {"MILB", "AIRB", "AIRF", "AIRP", "INSM", "PRT", "CMP"}


def _role_of(place: Place) -> str:
    if place.kind == "feature":
        return "facility" if place.feature in FACILITY_CODES else "region"
    return {"populated": "location", "admin1": "admin1", "admin2": "admin2",
            "country": "country"}[place.kind]


def _is_town(index: PlaceIndex, text: str, hint: str | None) -> bool:
    hits = index.lookup_scored(text, country_iso2=hint, max_tier=STRIPPED)
    return bool(hits) and hits[0][1].kind == "populated"


_TOWN_RELATIONS = {"in", "near", "outside", "outskirts", "around"}


def _person_not_place(c: _Cand, rel: str | None, appos: Place | None, index: PlaceIndex, text: str,
                      hint: str | None) -> bool:
    """Whether a word of a person's name is the person here, not a place: a name the index lacks
    unless the text calls it a town, and a small town's or county's name ("struck Wilson in the eye",
    "pointing the rifle at Miller") unless the text puts something in it, calls it a town or a county,
    or gives its province."""
    if c.feature_before or c.feature in ("populated", "admin1", "admin2"):
        return False
    hits = index.lookup_scored(text, country_iso2=hint, max_tier=0)
    if not hits:
        return True
    best = hits[0][1]
    if best.kind not in ("populated", "admin2") or best.population >= CITY:
        return False
    return not (rel in _TOWN_RELATIONS or c.dateline or appos is not None)


def _person_words(doc) -> frozenset[str]:
    """Name keys of the single words inside the document's PERSON entities."""
    cached = doc.user_data.get("tollbook.geo.person_words")
    if cached is None:
        cached = frozenset(name_key(t.text) for e in doc_ents(doc) if e.label_ == "PERSON"
                           and len(e) > 1 for t in e if t.text[:1].isupper())
        doc.user_data["tollbook.geo.person_words"] = cached
    return cached


_NON_PLACE_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "EVENT", "LAW", "LANGUAGE",
                     "WORK_OF_ART", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}


_KIN_NOUNS = frozenset({"family", "families", "clan", "clans", "tribe", "tribes", "household"})


def _candidates(sent: "Span", index: PlaceIndex, hint: str | None) -> list[_Cand]:
    doc = sent.doc
    toks = doc_tokens(doc)
    spans = _join_of(sent, _chunks(sent))
    sent_ents = [e for e in doc_ents(doc) if e.end > sent.start and e.start < sent.end]
    ents = [e for e in sent_ents if e.start >= sent.start and e.end <= sent.end
            and e.label_ in ("GPE", "LOC", "FAC")]
    # a place entity over several chunks joined by "of": "the Horn of Africa",
    # "the Line of Control" is one name
    for e in ents:
        inner = [(a, b) for a, b in spans if a >= e.start and b <= e.end]
        if len(inner) > 1 and all(toks[i].lower_ in ("of", "the", "and") for i in range(
                inner[0][1], inner[-1][0]) if not any(a <= i < b for a, b in inner)):
            spans = [sp for sp in spans if sp not in inner] + [(inner[0][0], inner[-1][1])]
    # model entities that the capitalisation rules did not catch
    covered: set[int] = set()
    for a, b in spans:
        covered.update(range(a, b))
    for e in ents:
        if not covered.intersection(range(e.start, e.end)):
            spans.append((e.start, e.end))
    spans.sort()

    cands: list[_Cand] = []
    org_part = -1
    for a, b in spans:
        feature_in = None
        if any(len(toks[i].text.rstrip(".")) == 1 for i in (a, b - 1)):
            continue  # "Aden D.", "J. Smith": a person's initial
        if b - a == 1 and _feature_kind(toks[a].text):
            # "Kebele 05", "District 9": a numbered quarter; else a common noun
            if b < sent.end and toks[b].like_num and \
                    _feature_kind(toks[a].text) in ("neighbourhood", "admin2"):
                c = _Cand(a, b + 1, None, feature="neighbourhood",
                          feature_word=toks[a].lower_)
                _context_before(sent, c, index)
                c.feature, c.feature_word = "neighbourhood", toks[a].lower_
                cands.append(c)
            continue
        # trailing capitalised feature word: "Sagaing Region", "Kabul University"
        # (but "Mexico City", "Gaza City" are names of their own)
        if b - a > 1 and toks[b - 1].lower_ in _MEDIA_NOUNS and toks[b - 1].text[:1].isupper():
            continue  # "the Jerusalem Post", "Kabul Times"
        if b - a > 1 and _feature_kind(toks[b - 1].text) and toks[b - 1].text[:1].isupper() \
                and not index.knows(_span_text(doc, a, b)):
            feature_in = toks[b - 1].lower_
            b -= 1
        c = _Cand(a, b, _ent_label(sent_ents, a, b))
        # leading capitalised direction: "Northern Syria" (but "North Kivu", "Lower Shabelle")
        if b - a > 1 and (toks[a].lower_.endswith("ern") or toks[a].lower_ == "central") \
                and toks[a].lower_ in _DIR_ADJ and not index.knows(_span_text(doc, a, b),
                                                                  max_tier=SKELETON):
            c.a = a + 1
            c.direction = True
        # lower-case continuation that the model split off: "Deir ezzor"
        if c.b < sent.end:
            nxt = toks[c.b]
            if nxt.is_alpha and nxt.is_lower and len(nxt.text) >= 4 and \
                    nxt.lower_ not in _SKIP_BEFORE | _ALL_FEATURES | _PREPS | _STOP_CAPS:
                short, longer = _span_text(doc, c.a, c.b), _span_text(doc, c.a, c.b + 1)
                hits = index.lookup_scored(longer, country_iso2=hint)
                if hits and not index.knows(short) and (
                        hits[0][0] <= STRIPPED
                        or hits[0][1].iso2 == (hint or "").upper()
                        or hits[0][1].population >= CITY):
                    c.b += 1
        if c.b < sent.end and toks[c.b].lower_ in _KIN_NOUNS:
            continue  # "a strike on the Abu al-Rish family house": a family's name, not a place
        feat_after, excluded = _context_after(sent, c)
        if excluded:
            continue  # "US-led", "Iran-backed"
        if feat_after and _indefinite_before(sent, c.a):
            feat_after = None  # "a Southern California college town": some town in California, not one named so
        if c.a == org_part:
            continue  # "Liberation" of "the Sudan People's Liberation Army"
        if c.possessive and _org_follows(sent, c.b + 1):
            org_part = c.b + 1
            continue  # "the Sudan People's Liberation Army"
        c.feature_word = feature_in or feat_after
        c.feature = _feature_kind(c.feature_word) if c.feature_word else None
        if c.feature_word == "camp":
            c.feature = "populated"  # "Dadaab refugee camp", "the Soumpi camp"
        direction = c.direction
        _context_before(sent, c, index)
        c.direction = c.direction or direction
        if c.a == sent.start and toks[c.a].text.isupper() and len(toks[c.a].text) >= 3 \
                and c.b < sent.end and toks[c.b].text in (",", "(", "—", "-", "–"):
            c.dateline = True  # "MOGADISHU, Somalia (AP) —"
        cands.append(c)

    for k in range(1, len(cands)):
        prev, c = cands[k - 1], cands[k]
        between = [t.lower_ for t in toks[prev.b:c.a]]
        listed = bool(between) and set(between) <= {",", "and", "or", "&"}
        # coordination: "in Mandalay and Yangon", "the villages of A, B, C and D"
        if listed and c.feature is None and prev.feature == "populated":
            c.feature, c.feature_word = prev.feature, prev.feature_word
        if listed and prev.feature is None and c.feature_word and c.feature_word.endswith("s") \
                and not c.feature_before:
            prev.feature, prev.feature_word = c.feature, c.feature_word  # "A and B regions"
        if listed and c.relation is None and not c.strike_object and prev.relation and \
                c.feature in (None, prev.feature):
            c.relation = prev.relation
        # "in the Tillaberi region town of Kandadji": the relation reaches through
        if c.relation is None and not c.strike_object and not c.container and prev.relation \
                and between and all(w in _SKIP_BEFORE and w not in (",", "-") for w in between):
            c.relation = prev.relation
        # "the Abu Salim district of Tripoli"
        if c.container and between[1:] in (["of"], ["of", "the"]) and \
                prev.feature in ("neighbourhood", "admin2") and between[0] == prev.feature_word:
            prev.of_place = k
            if c.relation is None:
                c.relation = prev.relation
    return cands


def find_places(sent: "Span", *, country_iso2: str | None = None,
                index: PlaceIndex | None = None) -> list[PlaceMention]:
    """Place mentions in ``sent``, in text order.

    ``country_iso2`` is the country the article is about, if known: it breaks
    ties between namesakes (Tripoli, Libya or Lebanon), admits fuzzy (skeleton)
    matches, and keeps small namesakes abroad out. A single country named in
    the sentence itself overrides it, and an apposition ("Tripoli, Libya",
    "Awdheegle, Lower Shabelle region") decides for the name before it.
    """
    index = index or PlaceIndex.default()
    doc = sent.doc
    toks = doc_tokens(doc)
    cands = _candidates(sent, index, country_iso2)

    # sentence-level country hint: a single country named in the sentence
    countries = set()
    for c in cands:
        text = _span_text(doc, c.a, c.b)
        if name_key(text) in _NOT_PLACES:
            continue
        hits = index.lookup_scored(text, max_tier=STRIPPED)
        if hits and hits[0][1].kind == "country" and hits[0][0] == 0:
            countries.add(hits[0][1].iso2)
    hint = next(iter(countries)) if len(countries) == 1 else country_iso2

    def resolve(text: str, hint: str | None, kind: str | None, strict: bool,
                admin1: str | None = None) -> tuple[Place | None, str | None]:
        """Resolve under the sentence's hint, then under the article's."""
        found = _resolve(index, text, hint=hint, kind=kind, strict_kind=strict, admin1=admin1)
        if found[0] is None and country_iso2 and hint != country_iso2:
            found = _resolve(index, text, hint=country_iso2, kind=kind, strict_kind=strict,
                             admin1=admin1)
        return found

    out: list[PlaceMention] = []
    mention_of: dict[int, PlaceMention] = {}
    for k, c in enumerate(cands):
        text = _span_text(doc, c.a, c.b)
        key = name_key(text)
        if not key or key in _NOT_PLACES:
            continue
        label = c.label
        rel = c.relation
        strong = rel is not None and (rel in _STRONG_RELATIONS or rel.endswith(" of")
                                      or c.event_on)
        locative = rel is not None and (rel in LOCATIVE_RELATIONS or rel.endswith(" of"))
        # apposition: "X, Y" where Y is a province or a country places X
        appos: Place | None = None
        if k + 1 < len(cands):
            nxt = cands[k + 1]
            if [t.text for t in toks[c.b:nxt.a]] == [","]:
                ntext = _span_text(doc, nxt.a, nxt.b)
                if nxt.feature == "admin1":
                    hits = index.lookup_scored(ntext, country_iso2=hint, kind="admin1")
                    hits = [h for h in hits if h[1].kind == "admin1"]
                else:
                    hits = index.lookup_scored(ntext, country_iso2=hint, max_tier=STRIPPED)
                    hits = [h for h in hits[:1] if h[1].kind == "country" or
                            (h[1].kind == "admin1" and h[0] == 0)]
                if hits and (hits[0][0] < 2 or hits[0][1].iso2 == hint):
                    appos = hits[0][1]
        my_hint = appos.iso2 if appos else hint
        my_admin1 = appos.name if appos and appos.kind == "admin1" else None
        cue = c.feature is not None or c.direction or c.dateline or appos is not None \
            or locative or c.strike_object or c.event_modifier
        possessor = mention_of.get(k - 1) if k > 0 and cands[k - 1].possessive else None
        in_town = possessor is not None and possessor.role == "location"

        # peoples and adjectives: "Afghan officials", "Somalis", "the Lebanese Ministry".
        # The model calls many unknown villages NORP too, so its label alone does
        # not outweigh a feature noun or a locative ("in Awdheegle town").
        if not (c.feature in ("admin1", "admin2") or c.feature_before) \
                and (_demonym_like(text) or (label == "NORP" and c.feature is None
                                             and not strong and c.b - c.a == 1)):
            hits = index.lookup_scored(text, max_tier=0)
            if not hits or hits[0][1].kind != "populated":
                continue
        # a word the document elsewhere uses in a person's name ("Mullah ... Zaeef", "Kirsten Williams")
        if c.b - c.a == 1 and key in _person_words(doc) and _person_not_place(c, rel, appos, index, text, hint):
            continue
        # regions with no first-level code: "Darfur", "Kashmir", "the Sahel"
        if key in _REGIONS and c.feature not in ("populated", "neighbourhood"):
            exact = index.lookup_scored(text, max_tier=0)
            # a disputed region ("Kashmir") stays countryless even where a province bears its name
            if not exact or exact[0][1].kind == "country" or _REGIONS[key] is None:
                iso2 = _REGIONS[key]
                place = index.country(iso2) if iso2 else None
                start = toks[c.a].idx
                end = toks[c.b - 1].idx + len(toks[c.b - 1].text)
                m = PlaceMention(start=start, end=end, text=_span_text(doc, c.a, c.b), role="region",
                                 place=place, relation=rel, match="exact" if place else None,
                                 feature=c.feature_word)
                mention_of[k] = m
                out.append(m)
                continue

        feature = c.feature
        place: Place | None = None
        tier: str | None = None
        if feature == "admin1":
            place, tier = resolve(text, my_hint, "admin1", True)
            if place is None and c.b - c.a == 1 and _demonym_like(text):
                continue  # "the Yemeni territory"
            if place is not None:
                role = "admin1"
            elif c.feature_word in ("region", "regions", "territory"):
                role = "region"  # "the Sahel region"
            else:
                role = "admin1"
        elif feature == "admin2":
            place, tier = resolve(text, my_hint, "admin1", True)
            if place is not None and tier == "exact" and (my_hint is None or
                                                          place.iso2 == my_hint):
                role = "admin1"  # Kenya's counties
            elif in_town or (c.of_place is not None and _is_town(
                    index, _span_text(doc, cands[c.of_place].a, cands[c.of_place].b), my_hint)):
                role, place, tier = "neighbourhood", None, None  # "Mogadishu's Hodan district"
            else:
                role = "admin2"  # the district, or its namesake town, gives coordinates
                place, tier = resolve(text, my_hint, "admin2", True, my_admin1)
                if place is None or place.latitude is None:
                    town, town_tier = resolve(text, my_hint, "populated", True, my_admin1)
                    if town is not None:
                        place, tier = town, town_tier
        elif feature == "neighbourhood":
            role = "neighbourhood"
        elif feature == "org":
            # "Kabul University" says Kabul; "the Ministry of Justice" nothing
            if c.feature_before:
                continue
            place, tier = resolve(text, my_hint, "populated", True, my_admin1)
            if place is None or tier == "skeleton" or label in ("PERSON", "NORP"):
                continue
            role = "location"
        elif feature == "facility":
            if c.feature_word in _REGION_NOUNS:
                role = "region"  # "the Swat valley", "the Gaza Strip"
                place, tier = resolve(text, my_hint, "admin1", True)
                if place is None:  # "the Euphrates river": our curated features
                    place, tier = resolve(text, my_hint, "feature", True)
            else:
                # "Kabul airport" names the town; "Tahrir Square" is a facility
                place, tier = resolve(text, my_hint, "populated", True, my_admin1)
                if place is not None and tier != "skeleton":
                    role = "location"
                else:  # "Ain al-Asad air base": a base the curated table knows
                    role = "facility"
                    place, tier = resolve(text, my_hint, "feature", True)
                    if tier == "skeleton":
                        place, tier = None, None
        elif feature == "populated":
            place, tier = resolve(text, my_hint, "populated", True, my_admin1)
            role = "location"
            if place is None:
                # "the capital of Somalia", "the villages of A, B and Lebanon"
                exact = index.lookup_scored(text, country_iso2=my_hint, max_tier=STRIPPED)
                if exact and exact[0][1].kind in ("country", "admin1") and exact[0][0] == 0:
                    place, tier = exact[0][1], "exact"
                    role = "country" if place.kind == "country" else "admin1"
        else:
            place, tier = resolve(text, my_hint, None, False, my_admin1)
            prev_m = mention_of.get(k - 1)
            if place is not None and place.kind == "populated" and prev_m is not None and \
                    [t.text for t in toks[cands[k - 1].b:c.a]] == [","] and \
                    not (c.b + 1 < sent.end and toks[c.b].text == "," and
                         _is_name_token(toks[c.b + 1])):
                # "Korakora, Garissa": after a place and a comma, the province
                # (not in a list of cities: "Rome, Berlin, Tokyo")
                a1, a1_tier = _resolve(index, text, hint=place.iso2, kind="admin1",
                                       strict_kind=True)
                if a1 is not None and a1_tier == "exact" and a1.iso2 == place.iso2 and \
                        prev_m.role == "location" and (
                            prev_m.place is None or prev_m.place.iso2 == a1.iso2):
                    place, tier = a1, a1_tier
            if place is not None:
                # "South Sudan's oil-producing Upper Nile State": a part of the possessor country
                owned = possessor is not None and possessor.place is not None and \
                    possessor.place.kind == "country" and place.iso2 == possessor.place.iso2
                if label in _NON_PLACE_LABELS and not (strong or c.strike_object or appos
                                                       or c.dateline or c.event_modifier or owned):
                    continue  # "Farah said", "Kabul Bank"
                if label is None and not cue and (c.a == sent.start or tier != "exact" or (
                        place.kind == "populated" and place.population < CITY)
                        or place.kind in ("admin2", "feature")):
                    continue  # a capitalised word that happens to be a town somewhere
                role = _role_of(place)
            elif label in ("GPE", "LOC", "FAC"):
                role = {"GPE": "location", "LOC": "region", "FAC": "facility"}[label]
            elif label is None and (locative or c.strike_object or appos or c.event_modifier) \
                    and c.a != sent.start:
                role = "location"  # "in Awdheegle", "the El Adde attack"
            elif label in ("PERSON", "ORG", "PRODUCT", "NORP", "EVENT") and (
                    strong or appos or c.place_verb or c.event_modifier) \
                    and not text.isupper():
                role = "location"  # the model's PERSON "al-Shahabat" after "in"
            else:
                continue
            if role == "location" and place is None and in_town:
                role = "neighbourhood"
        if place is None and c.a == sent.start and not c.feature_before and not appos \
                and label not in ("GPE", "LOC", "FAC"):
            continue  # a capitalised first word the index does not know
        if place is None and rel == "by":
            continue  # "held hostage by Maute": an agent, not a place
        if c.direction and place is not None and place.kind in ("country", "admin1"):
            role = "region"  # "northern Syria"
        if c.dateline and place is None:
            continue
        relation = rel
        if relation is None and c.strike_object:
            relation = "at"
        if relation is None and possessor is not None:
            relation = possessor.relation  # "in Mogadishu's Hodan district"
        if relation is None and c.dateline:
            relation = "dateline"
        start = toks[c.a].idx
        end = toks[c.b - 1].idx + len(toks[c.b - 1].text)
        m = PlaceMention(start=start, end=end, text=_span_text(doc, c.a, c.b), role=role,
                         place=place, relation=relation, match=tier, feature=c.feature_word)
        mention_of[k] = m
        out.append(m)
    return out


# --------------------------------------------------------------------------

_ROLE_RANK = {"location": 6, "neighbourhood": 5, "facility": 4, "admin2": 3, "admin1": 2,
              "region": 1, "country": 0}


def choose_location(mentions: list[PlaceMention]) -> PlaceMention | None:
    """The most specific place of the incident among ``mentions``.

    A town (or a village the index does not know) beats a neighbourhood, a
    facility, a district, a province, a region and a country, in that order;
    among equals a mention put at the place ("in", "at", "hit X") wins over one
    put near it ("near", "outskirts", "north of"), which wins over one with no
    relation; then one the text calls a village, town or city ("the village of
    X" is more specific than a bare name the index knows); then one the index
    resolved, then the earliest. A neighbourhood or
    facility gives way to a town named in the same list. Datelines count
    last among towns.
    """
    if not mentions:
        return None

    def score(im: tuple[int, PlaceMention]):
        i, m = im
        rank = _ROLE_RANK.get(m.role, 0)
        dateline = m.relation == "dateline"
        return (rank if not dateline else rank - 0.5,
                2 if m.locative and not m.near else 1 if m.near else 0,
                1 if m.feature in _POPULATED_NOUNS else 0,
                1 if m.place is not None else 0,
                1 if m.match == "exact" else 0,
                -i)

    return max(enumerate(mentions), key=score)[1]
