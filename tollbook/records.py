"""Typed, frozen records that flow one way through tollbook.

Article ─► (nlp) ─► Report(+Claim, Evidence) ─► export
   └──► Rejection (bad input, with a stable code)

Every extracted value carries offsets into ``Article.text`` and the name of
the extractor version that produced it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, asdict

EXTRACTOR_VERSION = "tollbook.extract.v1"

FIGURES = ("killed", "injured", "abducted", "arrested", "displaced", "destroyed")
GROUPS = ("civilians", "children", "women", "combatants", "security_forces", "unknown")
QUALIFIERS = ("exact", "at least", "more than", "about", "up to", "fewer than", "vague")
CLAIMANT_TYPES = ("government", "military", "armed_group", "ngo", "un", "medical", "media",
                  "witness", "local_official", "unknown")
MODALITIES = ("reported", "background", "planned", "denied", "hypothetical")
DATE_PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article, as a reader produced it (the contract's input record)."""
    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD or ISO datetime, as given
    title: str | None = None
    source: str | None = None  # file (and line) it came from, for messages

    @property
    def published_date(self) -> dt.date | None:
        if not self.published:
            return None
        try:
            return dt.date.fromisoformat(self.published[:10])
        except ValueError:
            return None

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("id", "url", "outlet", "published", "title", "text")}


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejection:
    """Input that could not become an Article; the run records it and goes on."""
    code: str  # stable, e.g. "E102"
    reason: str
    source: str  # file path, with ":line" for line-based formats
    article_id: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True, kw_only=True)
class Range:
    min: int
    max: int
    best: int

    def to_dict(self) -> dict:
        return {"min": self.min, "max": self.max, "best": self.best}


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One figure as the article states it, with who states it."""
    figure: str  # FIGURES
    group: str  # GROUPS
    victims_text: str
    min: int
    max: int
    qualifier: str  # QUALIFIERS
    claimant: str
    claimant_type: str  # CLAIMANT_TYPES
    start: int
    end: int
    claimant_person: str | None = None  # "Rami Abdel Rahman" when the claimant is his organisation
    includes_attacker: bool = False  # "including the bomber"
    superseded: bool = False  # "initial reports had five dead"
    subset_of: str | None = None  # the group this figure is part of ("children" within "civilians")
    kind: str = "figure"  # "figure", "denial", or "total" (the sum a conjoined count states: "a soldier and two civilians")
    adds_to: int | None = None  # "one man shot dead … four others killed": the others come on top of 1

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Denial:
    """A counter-claim: 'the RSF denied killing civilians'."""
    text: str
    claimant: str
    claimant_type: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Statistic:
    """An aggregate ('the war has killed 10,000 since 2015'): never a report."""
    article_id: str
    figure: str
    min: int
    max: int
    qualifier: str
    text: str
    start: int
    end: int
    claimant: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One incident as one article tells it (the contract's report record)."""
    report_id: str
    article_id: str
    outlet: str | None
    url: str | None
    published: str | None
    event_date: str | None
    date_precision: str | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    actor1_text: str | None
    actor2_text: str | None
    country: str | None
    iso3: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: Range | None
    civilian_fatalities: Range | None
    child_fatalities: Range | None
    injured: Range | None
    claims: tuple[Claim, ...]
    modality: str
    evidence: tuple[Evidence, ...]
    denials: tuple[Denial, ...] = ()
    field_evidence: dict = field(default_factory=dict)  # field -> {"start", "end"}
    trigger: str | None = None
    extractor: str = EXTRACTOR_VERSION
    gazetteer_id: str | None = None  # the place's id: "geonames:170794", "tollbook:euphrates"
    place_evidence: Evidence | None = None  # the place mention the coordinates rest on
    typer: str | None = None  # the event typer's versioned name
    type_source: str | None = None  # "rules" (the trigger rule's type, found plausible) or "model"
    type_probability: float | None = None  # the typer's calibrated probability of the type
    event_weekday: str | None = None  # "wednesday": the day the article names when no date resolves

    def to_dict(self) -> dict:
        out = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if isinstance(value, (Range, Evidence)):
                value = value.to_dict()
            elif isinstance(value, tuple):
                value = [v.to_dict() for v in value]
            out[name] = value
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtractionResult:
    """What extracting one article gives: its reports and its aggregates."""
    article: Article
    reports: tuple[Report, ...] = ()
    statistics: tuple[Statistic, ...] = ()
