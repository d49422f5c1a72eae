"""Grouping an article's sentences into incidents.

Coding rules (ACLED's where it has one):

* One report per incident the article tells: five sentences about one bombing
  are one report; a sentence that names another town, another day or says
  "in a separate attack" starts a new one.
* A sentence with figures but no event word adds to the incident in focus
  ("The death toll rose to 30, police said.").
* An earlier incident mentioned in passing ("came two days after …", "last
  month, …") becomes its own report with modality ``background``.
* A sentence that only borrows war words (a box-office bomb, a striker's
  attack, a market crash, a landslide toll) opens no incident, nor does a
  sentence whose only figures are aggregates ("the war has killed 10,000").
* A headline tells the lead incident again: it joins the first incident
  that follows it; a figure in it that another incident's own sentences tell
  ("Soldiers also killed three separatist fighters") goes with that incident.
* "Three soldiers were also killed over the weekend in the same area": "also"
  with a time the story has not named is another incident, told in passing.
* "The army said the deaths occurred in a clash with a group that signed a
  deal in 2016" speaks of the deaths already told: it stays with them.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..nlp.doccache import char_span, sent_ents, span_text
from ..nlp.attribution import REPORTING_LEMMAS
from ..nlp.modality import is_conflict_total
from .facts import SentenceFacts

NEW_INCIDENT_CUES = re.compile(
    r"\b(in (a|another) (separate|similar|different|second|later|earlier|related) "
    r"(attack|incident|strike|raid|clash|operation|bombing|encounter|development)|"
    r"separately|elsewhere|in another (attack|incident)|meanwhile|in a separate)\b", re.I)
STRONG_CUE = 0.6
SAME_DAY = re.compile(r"\bearlier (on (the same day|\w+day)|today|in the day|this (morning|afternoon|evening))\b", re.I)


@dataclass
class Draft:
    """An incident being assembled: the sentences that tell it."""
    sentences: list[SentenceFacts] = field(default_factory=list)
    background: bool = False
    place: object | None = None  # the place of one strike among several told in one sentence
    figures_elsewhere: set[int] = field(default_factory=set)  # figure starts that belong to other drafts
    distinct: bool = False  # opened by "in a second incident": never folded into a twin

    def figures(self) -> list:
        return [f for s in self.sentences for f in s.figures if f.start not in self.figures_elsewhere]

    def locations(self) -> set[str]:
        if self.place is not None:
            return {_place_key(self.place)}
        return {_place_key(p) for s in self.sentences if not is_list(s) for p in s.places
                if p.role == "location" and not is_reference_point(p)}

    def day(self) -> str | None:
        return next((day for day in map(_sentence_day, self.sentences) if day), None)

    def event_types(self) -> set[str]:
        return {c.event_type for s in self.sentences for c in s.cues if c.score >= STRONG_CUE}


def segment(facts: list[SentenceFacts]) -> list[Draft]:
    """Sentences in reading order → incident drafts."""
    drafts: list[Draft] = []
    pending: list[SentenceFacts] = []
    focus: Draft | None = None  # the incident the story last spoke of: not always the latest opened
    section = False  # a subheading stands between the story so far and this sentence
    for sentence in facts:
        if sentence.headline and _has_news(drafts):
            section = True
        if sentence.borrowed:
            continue
        if sentence.cues and not _has_news(drafts) and not sentence.headline:
            sentence = as_lead(sentence)
        struck = _struck_places(sentence)
        if struck:
            drafts.extend(_one_draft_per_place(drafts, sentence, struck, pending))
            pending = []
            continue
        if sentence.cues and not _only_aggregates(sentence):
            # "Residential neighbourhoods targeted" / "On Wednesday, five civilians were killed …": a new
            # section that opens on a time the story has not named tells another incident
            new_section = section and not sentence.headline and _names_a_time_not_told(sentence, drafts)
            section = section and sentence.headline
            target = None if new_section else _target(drafts, sentence, focus)
            if target is None:
                background = (sentence.background and not SAME_DAY.search(span_text(sentence.sent))) or \
                    _told_in_passing(sentence) or _also_at_another_time(sentence, drafts)
                target = Draft(background=bool(drafts) and background, distinct=bool(drafts) and (
                    new_section or bool(NEW_INCIDENT_CUES.search(span_text(sentence.sent)))))
                drafts.append(target)
                target.sentences.extend(pending)
                pending = []
            target.sentences.append(sentence)
            focus = target
        elif sentence.figures:
            if drafts:
                focus = _closest_for_figures(drafts, sentence, focus)
                focus.sentences.append(sentence)
            else:
                pending.append(sentence)
    return _headline_figures_to_their_incident(_merge_same_place(_fold_headlines(drafts)))


PLURAL_STRIKES = re.compile(r"(strikes|raids|attacks|bombings|bombardments|shelling|rockets|missiles|"
                            r"drones|explosions|blasts|assaults|clashes)$", re.I)
NOT_TARGET_RELATIONS = {"between", "from", "to", "towards", "toward", "via", "through", "dateline"}


def _struck_places(sentence: SentenceFacts) -> list:
    """'Air strikes hit the towns of Ariha, Saraqeb and Kafranbel': each town is an incident of its own."""
    if sentence.background or sentence.headline:
        return []
    if not any(c.score >= 0.7 and PLURAL_STRIKES.search(c.trigger) and not _definite(sentence, c)
               for c in sentence.cues):
        return []  # "The attacks caused damage in A and B" tells again what was told
    seen, places = set(), []
    for mention in sentence.places:
        if mention.role != "location" or is_reference_point(mention) or \
                (mention.relation or "").lower() in NOT_TARGET_RELATIONS or \
                (mention.place is None and mention.relation is None):
            continue
        if _place_key(mention) not in seen:
            seen.add(_place_key(mention))
            places.append(mention)
    return places if len(places) >= 2 else []


def _one_draft_per_place(drafts: list[Draft], sentence: SentenceFacts, places: list,
                         pending: list[SentenceFacts]) -> list[Draft]:
    """The sentence joins (or opens) one draft per place; each figure goes with the place it names."""
    owner = {f.start: _place_of_figure(sentence, f) for f in sentence.figures}
    new = []
    for mention in places:
        key = _place_key(mention)
        draft = _same_place(drafts, {key})
        if draft is None:
            draft = Draft(place=mention, sentences=list(pending))
            new.append(draft)
        draft.sentences.append(sentence)
        draft.figures_elsewhere |= {start for start, place in owner.items() if place != key}
    return new


def _place_of_figure(sentence: SentenceFacts, figure) -> str | None:
    """'… killing three in Ariha and five in Saraqeb': the place right after the figure; else none
    (a total over all the places, kept as a statistic)."""
    following = [m for m in sentence.places if m.role == "location" and 0 <= m.start - figure.end <= 40]
    return _place_key(min(following, key=lambda m: m.start)) if following else None


def _has_news(drafts: list[Draft]) -> bool:
    return any(not d.background and not all(s.headline for s in d.sentences) for d in drafts)


def as_lead(sentence: SentenceFacts) -> SentenceFacts:
    """The lead tells the news: its event is reported, and its figures are that event's toll.

    "… a suicide attack on a mosque … that killed more than 30 people, its third attack since July":
    a "since" in the lead dates the series, not the toll.
    """
    if sentence.summary or (not sentence.background and not sentence.aggregates):
        return sentence
    totals = tuple(f for f in sentence.aggregates if is_conflict_total(sentence.sent, f.start, f.end))
    return dataclasses.replace(sentence, background=False,
                               figures=sentence.figures + tuple(f for f in sentence.aggregates if f not in totals),
                               aggregates=totals)


def _told_in_passing(sentence: SentenceFacts) -> bool:
    """Past perfect or a standing state ('had made gains', 'has been fighting') sets the scene, not the news."""
    for cue in sentence.cues:
        span = char_span(sentence.sent.doc, cue.start, cue.end)
        if span is None:
            return False
        verb = span.root if span.root.pos_ in {"VERB", "AUX"} else span.root.head
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        reported_speech = verb.dep_ in {"ccomp", "xcomp"} and verb.head.lemma_ in REPORTING_LEMMAS
        if ("had" in auxiliaries and not reported_speech) or ({"has", "have"} & auxiliaries and verb.tag_ == "VBG"):
            continue  # "said one of its fighters had targeted the mosque" is backshift, not the past
        return False
    return bool(sentence.cues)


def _only_aggregates(sentence: SentenceFacts) -> bool:
    """'The war has killed 10,000 since 2015' tells no incident; 'agreed on Wednesday to cease hostilities,
    two years into a war that has killed thousands' does: an event word outside the totals' clause."""
    if not sentence.aggregates or sentence.figures:
        return False
    first_total = min(f.start for f in sentence.aggregates)
    return not any(c.end <= first_total - AGGREGATE_REACH for c in sentence.cues)


AGGREGATE_REACH = 40  # chars before a total where its own event words stand ("a war that has killed")


def _fold_headlines(drafts: list[Draft]) -> list[Draft]:
    """A draft made of headlines only is the lead incident told in short: fold it into the next."""
    if len(drafts) > 1 and all(s.headline for s in drafts[0].sentences):
        drafts[1].sentences[:0] = drafts[0].sentences
        drafts[1].background = drafts[0].background
        return drafts[1:]
    return drafts


def _target(drafts: list[Draft], sentence: SentenceFacts, focus: Draft | None = None) -> Draft | None:
    if not drafts:
        return None
    current = focus if focus is not None else drafts[-1]
    if all(s.headline for s in current.sentences):
        return current if not sentence.background else None
    if current.background and not sentence.background and not _told_in_passing(sentence):
        # an aside is one sentence: the story returns to the latest incident it reports
        current = next((d for d in reversed(drafts) if not d.background), current)
    places = _locations(sentence, current)
    if sentence.background and not current.background and not sentence.figures and \
            THE_TOLL_TOLD.search(span_text(sentence.sent)):
        return current  # "the army said the deaths occurred in a clash with a group that signed a deal in 2016"
    if sentence.background and not current.background:
        if SAME_DAY.search(span_text(sentence.sent)):
            return _same_place(drafts, places) if places else current
        if sentence.figures or any(c.score >= STRONG_CUE for c in sentence.cues):
            return None  # "…, which came two days after gunmen killed eight people": an earlier incident
        return _same_place(drafts, places) if places else None
    if NEW_INCIDENT_CUES.search(span_text(sentence.sent)):
        return _same_place([d for d in drafts if d is not current], places) if places else None
    if _refers_back(sentence):
        return current  # "the attack hit a residential area": the incident already told
    if places and current.locations() and not places & current.locations():
        return _same_place(drafts, places)
    if places and current.background and not current.locations():
        if sentence.background and (sentence.figures or any(c.score >= STRONG_CUE for c in sentence.cues)):
            return None  # one aside after another: each earlier incident is its own
        return _same_place(drafts, places) or current
    if _also_at_another_time(sentence, drafts):
        return None
    day = _sentence_day(sentence)
    if day and current.day() and day != current.day():
        return _same_place(drafts, places) if places else None
    strong = {c.event_type for c in sentence.cues if c.score >= STRONG_CUE}
    if strong and current.event_types() and not strong & current.event_types() and (places or day):
        return None
    return current


REFERRING = {"the", "this", "that", "its", "their", "his", "her", "same"}
THE_TOLL_TOLD = re.compile(r"\b(the|these|those) (deaths|killings|fatalities|casualties|death toll)\b", re.I)
THE_SAME_TIME = re.compile(r"\b(today|tonight|same|this (morning|afternoon|evening)|earlier|later|then)\b", re.I)
A_TIME = re.compile(r"\b(\w+day|weekend|week|month|year|night|morning|afternoon|evening|january|february|march|"
                    r"april|may|june|july|august|september|october|november|december|(jan|feb|mar|apr|jun|jul|aug|"
                    r"sep|sept|oct|nov|dec)\.?)s?\b", re.I)
AN_AGE = re.compile(r"\bold\b|-old|\baged?\b", re.I)


def _also_at_another_time(sentence: SentenceFacts, drafts: list[Draft]) -> bool:
    """'Three soldiers were also killed by dissidents over the weekend in the same area': 'also' with a
    time the story has not named adds another incident, told in passing; 'two policemen were also killed
    in the attack' and 'protests in Yangon were also cracked down upon on Wednesday' (the story's day) do not."""
    if not any(_has_also(sentence, cue) for cue in sentence.cues):
        return False
    return _names_a_time_not_told(sentence, drafts)


def _names_a_time_not_told(sentence: SentenceFacts, drafts: list[Draft]) -> bool:
    """A day, week or month the story's incidents have not named, and no event word pointing back."""
    if any(_definite(sentence, cue) for cue in sentence.cues):
        return False
    told = " ".join(span_text(s.sent).lower() for d in drafts if not d.background for s in d.sentences)
    for ent in sent_ents(sentence.sent):
        if ent.label_ != "DATE" or THE_SAME_TIME.search(ent.text) or AN_AGE.search(ent.text) or \
                not A_TIME.search(ent.text):
            continue
        if ent.text.lower() not in told:
            return True
    return False


def _has_also(sentence: SentenceFacts, cue) -> bool:
    span = char_span(sentence.sent.doc, cue.start, cue.end)
    if span is None:
        return False
    verb = span.root if span.root.pos_ in {"VERB", "AUX"} else span.root.head
    return any(c.lower_ == "also" for c in verb.children)


def _definite(sentence: SentenceFacts, cue) -> bool:
    span = char_span(sentence.sent.doc, cue.start, cue.end)
    return span is not None and any(c.dep_ in {"det", "poss"} and c.lower_ in REFERRING | {"these", "those"}
                                    for c in span.root.children)


def _refers_back(sentence: SentenceFacts) -> bool:
    """Every event word is a definite noun ('the attack', 'the strike'): told before, told again."""
    doc = sentence.sent.doc
    for cue in sentence.cues:
        span = char_span(doc, cue.start, cue.end)
        if span is None or span.root.pos_ != "NOUN":
            return False
        if not any(c.dep_ in {"det", "poss"} and c.lower_ in REFERRING for c in span.root.children):
            return False
    return bool(sentence.cues) and not sentence.background


LIST_SIZE = 3
DISTANCE = re.compile(r"\d|\b(km|kilomet|mile|metre|meter)", re.I)


def is_reference_point(mention) -> bool:
    """'some 30 km west of Oicha': the town measures the distance; the incident is elsewhere."""
    return bool(mention.relation and DISTANCE.search(mention.relation))


def is_list(sentence: SentenceFacts) -> bool:
    """'targeted several villages: A, B, C and D' names places without placing one incident."""
    return sum(1 for p in sentence.places if p.role == "location") >= LIST_SIZE


def _locations(sentence: SentenceFacts, current: Draft) -> set[str]:
    """Places that may move the story: not a place abroad named in passing (a hospital's namesake city)."""
    if is_list(sentence):
        return set()
    countries = {p.place.iso2 for s in current.sentences for p in s.places if p.place is not None}
    keys = set()
    for mention in sentence.places:
        if mention.role != "location" or (mention.relation is None and mention.place is None):
            continue  # a bare unknown name ("… identified as Cross and Gazola") places nothing
        if is_reference_point(mention):
            continue
        if countries and mention.place is not None and mention.place.iso2 not in countries:
            continue
        keys.add(_place_key(mention))
    return keys


def _same_place(drafts: list[Draft], places: set[str]) -> Draft | None:
    for draft in reversed(drafts):
        if places & draft.locations():
            return draft
    return None


def _closest_for_figures(drafts: list[Draft], sentence: SentenceFacts, focus: Draft | None = None) -> Draft:
    places = {_place_key(p) for p in sentence.places if p.role == "location"}
    return _same_place(drafts, places) or focus or drafts[-1]


def _sentence_day(sentence: SentenceFacts) -> str | None:
    """The event's own day in a sentence: not the day a source spoke, not one counted back."""
    for d in sentence.dates:
        if not d.of_reporting and not d.reckoned and d.resolved.precision == "day":
            return d.resolved.date.isoformat()
    return None


def _merge_same_place(drafts: list[Draft]) -> list[Draft]:
    """Two drafts at one place, on one day, of one kind, are one incident told twice."""
    merged: list[Draft] = []
    for draft in drafts:
        twin = next((m for m in merged if _twins(m, draft)), None)
        if twin is None:
            merged.append(draft)
        else:
            twin.sentences.extend(s for s in draft.sentences if s not in twin.sentences)
            twin.sentences.sort(key=lambda s: s.index)
            twin.figures_elsewhere |= draft.figures_elsewhere
            twin.place = twin.place or draft.place
    return merged


def _twins(a: Draft, b: Draft) -> bool:
    """Same place, same day: one incident told twice ("massacred villagers" … "the ambush")."""
    if a.distinct or b.distinct or a.background != b.background or not a.locations() \
            or a.locations() != b.locations():
        return False
    return not (a.day() and b.day() and a.day() != b.day())


def _headline_figures_to_their_incident(drafts: list[Draft]) -> list[Draft]:
    """A headline sums up the whole story: 'Soldiers also killed three separatist fighters' in the title
    belongs to the incident whose own sentences tell those three deaths, not to the lead one."""
    for draft in drafts:
        own = {_figure_key(f) for s in draft.sentences if not s.headline for f in s.figures}
        for sentence in draft.sentences:
            if not sentence.headline:
                continue
            for figure in sentence.figures:
                key = _figure_key(figure)
                if key not in own and any(_tells_figure(other, key) for other in drafts if other is not draft):
                    draft.figures_elsewhere.add(figure.start)
    return drafts


def _figure_key(figure) -> tuple:
    return figure.figure, figure.group, figure.quantity.min, figure.quantity.max


def _tells_figure(draft: Draft, key: tuple) -> bool:
    return any(_figure_key(f) == key for s in draft.sentences if not s.headline for f in s.figures
               if f.start not in draft.figures_elsewhere)


def _place_key(mention) -> str:
    name = mention.place.name if mention.place is not None else mention.text
    return re.sub(r"[^a-z]", "", name.lower())
