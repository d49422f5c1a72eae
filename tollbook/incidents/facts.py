"""What one sentence says: event cues, figures, places, dates and actors.

``read_sentence`` runs every finder once per sentence; the assembler then
groups sentences into incidents without looking at the text again.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Span

from ..nlp.doccache import char_span, doc_text, sent_ents, span_text, span_words
from ..geo.mentions import PlaceMention, find_places
from ..nlp.actors import ActorDictionary, ActorMention
from ..nlp.dates import ResolvedDate, resolve_date
from ..nlp.figures import Figure, find_figures
from ..nlp.modality import is_aggregate, is_background
from ..nlp.triggers import EventCue, borrowed_war_words, find_event_cues

# A sentence with figures but no event word places nothing unless it names a place after a preposition.
PLACE_HINT = re.compile(r"\b(in|at|near|outside|of|from|on)\s+(the\s+)?[A-Z]")
REPORTING_HEADS = {"say", "tell", "report", "announce", "state", "confirm", "add", "claim", "publish", "post",
                   "provide", "give", "release", "reveal", "come"}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    resolved: ResolvedDate
    of_reporting: bool  # "police said on Sunday": the date of the telling, not of the event
    reckoned: bool = False  # counted back from another date ("on Sunday, a day after the attack")


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    index: int
    sent: Span
    cues: tuple[EventCue, ...]
    figures: tuple[Figure, ...]
    aggregates: tuple[Figure, ...]
    places: tuple[PlaceMention, ...]
    dates: tuple[DateMention, ...]
    actors: tuple[ActorMention, ...]
    background: bool
    borrowed: bool
    headline: bool
    summary: bool = False  # totals over several incidents ("six soldiers in two separate attacks")  # a title line: short, on its own line, no final full stop

    @property
    def start(self) -> int:
        return self.sent.start_char

    @property
    def end(self) -> int:
        return self.sent.end_char


def read_sentence(index: int, sent: Span, *, published: dt.date | None, country_iso2: str | None,
                  actors: ActorDictionary, country_name: str | None) -> SentenceFacts:
    """Everything the assembler needs from one sentence. Places, dates and actors are looked for only
    where there is an event word or a figure: other sentences never place or date an incident."""
    # find_event_cues already drops the cues of a borrowing domain; whether the sentence as a whole
    # only borrows war words matters where it carries a figure (a landslide's toll).
    cues = tuple(c for c in find_event_cues(sent) if not _counted_events(sent, c))
    figures, aggregates = _split_aggregates(sent, find_figures(sent))
    borrowed = bool(figures or aggregates) and not cues and borrowed_war_words(sent, victims_counted=bool(figures))
    relevant = bool(cues or figures)
    # Actors matter where an event is told, or where someone claims it.
    wants_actors = bool(cues) or (relevant and "claim" in span_text(sent).lower())
    found_actors = tuple(actors.find_in(doc_text(sent.doc), span_words(sent), country_hint=country_name)) \
        if wants_actors else ()
    may_place = bool(cues) or (relevant and PLACE_HINT.search(span_text(sent)) is not None)
    places = tuple(p for p in find_places(sent, country_iso2=country_iso2) if not _inside_organisation(sent, p)) \
        if may_place else ()
    return SentenceFacts(index=index, sent=sent, cues=cues, figures=tuple(figures),
                         aggregates=tuple(aggregates), places=places,
                         dates=tuple(_dates(sent, published)) if relevant else (), actors=found_actors,
                         background=relevant and is_background(sent), borrowed=borrowed,
                         headline=is_headline(sent), summary=bool(figures or aggregates) and
                         bool(SEVERAL_INCIDENTS.search(span_text(sent))))


COUNTED = re.compile(r"\b(\d[\d,.]*|dozens|hundreds|thousands|scores|several|many|numerous|countless)"
                     r"\s+(of\s+)?((?!(in|a|an|the|at|on|by|and|with|from|people|civilians)\b)\w+\s+)?$", re.I)


def _counted_events(sent: Span, cue) -> bool:
    """'has carried out dozens of suicide bombings', '42,234 documented airstrikes': events counted, not told."""
    text = doc_text(sent.doc)
    if not cue.trigger[:1].islower():  # "JUBA, April 22 Fighting …": a dateline, not a count
        return False
    return bool(COUNTED.search(text[max(sent.start_char, cue.start - 40):cue.start]))


def _inside_organisation(sent: Span, mention) -> bool:
    """'the Syrian Observatory for Human Rights' names no place."""
    span = char_span(sent.doc, mention.start, mention.end)
    return span is not None and all(t.ent_type_ == "ORG" and t.ent_iob_ == "I" for t in span)


def is_headline(sent: Span) -> bool:
    """A title line: short, on a line of its own, with no closing full stop. spaCy may cut a title in two
    ("Soldiers of the Cameroon army" | "also killed three fighters"): the line decides, not the sentence."""
    text = doc_text(sent.doc)
    line_start = text.rfind("\n", 0, sent.start_char) + 1
    line_end = text.find("\n", max(sent.start_char, sent.end_char - 1))
    line = text[line_start:len(text) if line_end < 0 else line_end].strip()
    if not line or len(line.split()) > HEADLINE_WORDS:
        return False
    return not line.endswith(SENTENCE_ENDS)


HEADLINE_WORDS = 20
SENTENCE_ENDS = (".", "?", "!", ":", ";", "]", "\"", "\u201d", "\u2019", "'", ".)", "\u2026")


SEVERAL_INCIDENTS = re.compile(
    r"\b(two|three|four|five|several|multiple|a series of|a string of|a spate of|a wave of)\s+"
    r"(separate\s+|different\s+|coordinated\s+)?(attacks|strikes|air ?strikes|raids|bombings|incidents|"
    r"explosions|blasts|clashes|assaults|ambushes)\b", re.I)


def _split_aggregates(sent: Span, figures: list[Figure]) -> tuple[list[Figure], list[Figure]]:
    """Aggregates, and totals over several incidents ("killed six soldiers in two separate attacks"),
    are statistics: each incident's own figures are told elsewhere."""
    if figures and SEVERAL_INCIDENTS.search(span_text(sent)):
        return [], list(figures)
    kept, aggregates = [], []
    for figure in figures:
        (aggregates if is_aggregate(sent, figure.start, figure.end) else kept).append(figure)
    return kept, aggregates


def _dates(sent: Span, published: dt.date | None) -> list[DateMention]:
    out = []
    for ent in sent_ents(sent):
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        if _is_span_boundary(ent):
            continue  # "since April 2019", "until 2015": the edge of a period, not the day of an event
        resolved = resolve_date(ent.text, published)
        if resolved is None:
            continue
        days_after = _days_after(sent, ent)
        if days_after is not None and resolved.precision == "day":
            # "The announcement came on Sunday, a day after the attack": the attack was on Saturday
            resolved = ResolvedDate(resolved.date - dt.timedelta(days=days_after), "day")
        out.append(DateMention(start=ent.start_char, end=ent.end_char, text=ent.text, resolved=resolved,
                               of_reporting=days_after is None and heads_reporting(ent),
                               reckoned=days_after is not None))
    return out


DAYS_AFTER = re.compile(r"^\s*,?\s*(a|one|two|three|four|five|six|seven|\d)\s+days?\s+after\s+(the|an?|its)\b", re.I)
SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _days_after(sent: Span, ent: Span) -> int | None:
    match = DAYS_AFTER.match(doc_text(sent.doc)[ent.end_char:ent.end_char + 40])
    if match is None:
        return None
    word = match.group(1).lower()
    return int(word) if word.isdigit() else SMALL[word]


def _is_span_boundary(ent: Span) -> bool:
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return before in {"since", "until", "till", "through", "throughout"} or ent.text.lower().startswith("since")


def heads_reporting(ent: Span) -> bool:
    """'police said on Sunday', 'according to the report this morning': the date of the telling."""
    head = ent.root.head
    for _ in range(3):
        if head.lemma_.lower() in REPORTING_HEADS or head.lower_ == "according":
            return True
        if head.dep_ not in {"prep", "pobj", "npadvmod"} or head.head is head:
            return False
        head = head.head
    return False
