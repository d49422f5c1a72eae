"""From an incident draft to a typed ``Report``: type, place, date, actors, claims.

Coding rules written down where they are applied:

* Type: the strongest event cue of the incident; a more specific weapon
  (suicide bomb, IED, air strike) wins over a generic attack or clash.
  Civilians harmed in a battle stay in the battle (ACLED). The event typer
  (``typer/decide.py``) checks that cue's type on the cue's sentence: it stands
  where the model finds it plausible, the model's type replaces it where the
  model is confident it is wrong, and a sentence the model reads as no conflict
  event, with no strong cue, gives no report.
* Date: the first event date told in the incident's sentences, not the date
  a source spoke ("police said on Sunday"); else the day a source spoke;
  else, for a reported incident, the date of the article's previous
  reported incident (the story's time runs on); else the publication date
  with ``week`` precision (ACLED's convention for "in the week up to this report"). No
  anchor at all → ``null``, never the processing date.
* Actors: the armed actor before the event word, or its agent ("by X"), is
  actor1; the actor after it, or the victims, actor2. No named perpetrator
  of an attack → "Unidentified armed group".
* Place: the most specific place named in the incident; the country from the
  place, else from the article's focus.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass

from ..nlp.doccache import char_span, doc_text, sent_ents, span_text
from ..nlp.actors import ActorDictionary, ActorMention
from ..nlp.attribution import Attribution, Attributor
from ..nlp.figures import Figure
from ..nlp.modality import modality_of
from ..nlp.triggers import EventCue, only_setting
from ..typer.decide import decide
from ..records import EXTRACTOR_VERSION, Article, Claim, Denial, Evidence, Report
from .facts import SentenceFacts, heads_reporting
from .place import ResolvedPlace
from .reconcile import CIVILIAN_GROUPS, reconcile, reconcile_group
from .segment import Draft

SPECIFIC_WEAPONS = {"Suicide bomb": 0.3, "Remote explosive/landmine/IED": 0.2, "Air/drone strike": 0.2,
                    "Chemical weapon": 0.3, "Grenade": 0.2, "Shelling/artillery/missile attack": 0.15,
                    "Excessive force against protesters": 0.2, "Abduction/forced disappearance": 0.1,
                    "Sexual violence": 0.3}
NEEDS_PERPETRATOR = {"Attack", "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                     "Abduction/forced disappearance", "Sexual violence", "Armed clash",
                     "Shelling/artillery/missile attack", "Air/drone strike"}
DENIAL = re.compile(r"\b(den(y|ied|ies|ying)|rejected (the )?(claim|report|accusation)s?|"
                    r"does not target|did not target|no independent(ly)? (confirmation|verification|verified)|"
                    r"could not (be )?independently (verify|verified|confirm|confirmed)|"
                    r"not (be )?independently verified)\b", re.I)


@dataclass(frozen=True, slots=True)
class ArticleContext:
    article: Article
    country: str | None  # the country in focus, ACLED spelling
    iso3: str | None
    actors: ActorDictionary


def build_report(draft: Draft, index: int, ctx: ArticleContext, claims: tuple[Claim, ...],
                 place: ResolvedPlace, story_date: tuple[str, str] | None = None) -> Report | None:
    """``story_date``: the date of the article's previous reported incident, for one told without its own.
    None when the event typer reads the incident as no conflict event and no rule is sure of it."""
    cue = primary_cue(draft)
    victims = any(f.figure in {"killed", "injured"} for f in draft.figures())
    typed = decide(cue, incident_text(draft, cue), victims_counted=victims)
    if typed.sub_event_type is None:
        return None
    date, precision, date_span = _event_date(draft, ctx.article.published_date, story_date)
    actor1, actor2 = _actors(draft, cue, claims, ctx)
    typed = _attack_on_state_forces(typed, claims, actor2)
    article = ctx.article
    evidence = tuple(_evidence(s) for s in draft.sentences)
    field_evidence = {"sub_event_type": {"start": cue.start, "end": cue.end, "text": cue.trigger}}
    if date_span:
        field_evidence["event_date"] = date_span
    if place.mention is not None:
        field_evidence["location"] = {"start": place.mention.start, "end": place.mention.end,
                                      "text": place.mention.text}
    for name, mention in (("actor1", actor1), ("actor2", actor2)):
        if mention is not None and mention.start >= 0:
            field_evidence[name] = {"start": mention.start, "end": mention.end, "text": mention.text}
    return Report(
        report_id=report_id(article, index),
        article_id=article.id, outlet=article.outlet, url=article.url, published=article.published,
        event_date=date, date_precision=precision,
        event_type=typed.event_type, sub_event_type=typed.sub_event_type,
        actor1=actor1.actor.name if actor1 else None, actor2=actor2.actor.name if actor2 else None,
        actor1_text=actor1.text if actor1 else None, actor2_text=actor2.text if actor2 else None,
        country=place.country, iso3=place.iso3, admin1=place.admin1, admin2=place.admin2,
        location=place.location, latitude=place.latitude, longitude=place.longitude,
        geo_precision=place.geo_precision,
        fatalities=reconcile(claims, "killed"),
        civilian_fatalities=reconcile_group(claims, "killed", CIVILIAN_GROUPS),
        child_fatalities=reconcile_group(claims, "killed", {"children"}),
        injured=reconcile(claims, "injured"),
        claims=claims, modality=_modality(draft, cue), evidence=evidence,
        denials=(), field_evidence=field_evidence, trigger=cue.trigger, extractor=EXTRACTOR_VERSION,
        gazetteer_id=place.gazetteer_id, place_evidence=_place_evidence(place),
        typer=typed.typer, type_source=typed.source, type_probability=round(typed.probability, 3),
        event_weekday=None if precision == "day" else event_weekday(draft))


def _place_evidence(place: ResolvedPlace) -> Evidence | None:
    m = place.anchor or place.mention
    return Evidence(text=m.text, start=m.start, end=m.end) if m is not None else None


def report_id(article: Article, index: int) -> str:
    digest = hashlib.sha256(f"{article.id}\x1f{_text_hash(article.text)}\x1f{index}\x1f{EXTRACTOR_VERSION}"
                            .encode()).hexdigest()
    return f"r{digest[:20]}"


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


LEAD_BONUS = 0.15


STATE_FORCES = re.compile(r"^(Military|Police) Forces of ")


def _attack_on_state_forces(typed, claims: tuple[Claim, ...], victim: ActorMention | None):
    """ACLED's 'Attack' is violence against civilians: an armed group's attack on a state's forces that
    harms soldiers and no civilian ("nearly 200 soldiers died in the Al Shabaab attack") is a clash."""
    if typed.sub_event_type != "Attack" or victim is None or not STATE_FORCES.match(victim.actor.name):
        return typed
    harmed = {c.group for c in claims if c.kind == "figure" and c.figure in {"killed", "injured"} and c.max > 0}
    if "security_forces" not in harmed or harmed & CIVILIAN_GROUPS:
        return typed
    return dataclasses.replace(typed, event_type="Battles", sub_event_type="Armed clash")


def incident_text(draft: Draft, cue: EventCue) -> str:
    """What the event typer reads: the sentence that holds the incident's primary cue. News sentences
    around it often tell other things (a protest after the strike, a toll elsewhere) that a bag of
    words would mix in."""
    sentence = next(s for s in draft.sentences if cue in s.cues)
    return span_text(sentence.sent).strip()


def primary_cue(draft: Draft) -> EventCue:
    """The strongest event cue of the incident, a specific weapon counting more than a generic
    attack, and the incident's first telling (its lead) counting more than later sentences."""
    tellings = [s for s in draft.sentences if s.cues and not s.headline] or [s for s in draft.sentences if s.cues]
    anchor = min(tellings, key=lambda s: s.index)
    demoted = only_setting(anchor.sent.doc, (s.cues for s in tellings))
    scored = [(c not in demoted, _weight(c, s) + (LEAD_BONUS if s is anchor else 0.0), -c.start, c)
              for s in tellings for c in s.cues]
    return max(scored, key=lambda t: t[:3])[3]


def _weight(cue: EventCue, sentence: SentenceFacts) -> float:
    """A weapon named alone tells the kind of attack; one of several ("they faced grenades, improvised
    explosive devices and gunfire") tells how a fight was fought, and weighs no more than its cue."""
    weapons = {c.sub_event_type for c in sentence.cues if c.sub_event_type in SPECIFIC_WEAPONS}
    if len(weapons) > 1:
        return cue.score
    return cue.score + SPECIFIC_WEAPONS.get(cue.sub_event_type, 0.0)


def _evidence(sentence: SentenceFacts) -> Evidence:
    text = span_text(sentence.sent)
    stripped = text.strip()
    start = sentence.start + (len(text) - len(text.lstrip()))
    return Evidence(text=stripped, start=start, end=start + len(stripped))


def _modality(draft: Draft, cue: EventCue) -> str:
    """Background from segmentation; else the event's own modality. An incident any sentence tells as
    having happened is reported, whatever one clause of it says ("an operation launched after …
    the hostages", "denied that 200 died")."""
    if draft.background:
        return "background"
    sentence = next(s for s in draft.sentences if cue in s.cues)
    modality = modality_of(sentence.sent, cue.start, cue.end)
    if modality != "reported":
        others = (modality_of(s.sent, c.start, c.end) for s in draft.sentences for c in s.cues)
        if any(m == "reported" for m in others):
            return "reported"
    return modality


def _by_telling(draft: Draft) -> list[SentenceFacts]:
    """The incident's sentences, those that tell it first (no headline, no aside, an event word)."""
    return sorted(draft.sentences, key=lambda s: (s.headline, s.background, not s.cues, s.index))


def _dating(draft: Draft) -> list[SentenceFacts]:
    """The sentences that may date the incident: an aside drawn in by "the deaths occurred in a clash"
    may date something else ("a deal signed in 2016")."""
    return [s for s in _by_telling(draft) if draft.background or not s.background]


def _event_date(draft: Draft, published, story_date=None) -> tuple[str | None, str | None, dict | None]:
    ordered = _by_telling(draft)
    for precision_wanted in (("day",), ("day", "week", "month", "year")):
        for sentence in _dating(draft):
            for d in sentence.dates:
                if d.of_reporting or d.resolved.precision not in precision_wanted:
                    continue
                span = {"start": d.start, "end": d.end, "text": d.text}
                return d.resolved.date.isoformat(), d.resolved.precision, span
    for sentence in ordered:  # only the date a source spoke: the event is that day or before
        for d in sentence.dates:
            if d.resolved.precision == "day":
                return d.resolved.date.isoformat(), "day", {"start": d.start, "end": d.end, "text": d.text}
    if story_date is not None and not draft.background:  # "protests also took place in Shatra, where …"
        return story_date[0], story_date[1], None
    if published is not None and not draft.background:
        return published.isoformat(), "week", None
    return None, None, None


WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def event_weekday(draft: Draft) -> str | None:
    """The weekday the incident is told on ("shelled Tripoli on Wednesday") where no date resolves (an
    article without a publication date): not the day a source spoke ("the government said on Friday")."""
    for sentence in _dating(draft):
        for ent in sent_ents(sentence.sent):
            match = WEEKDAY.search(ent.text) if ent.label_ in {"DATE", "TIME"} else None
            if match and not heads_reporting(ent):
                return match.group(1).lower()
    return None


def _actors(draft: Draft, cue: EventCue, claims: tuple[Claim, ...],
            ctx: ArticleContext) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 did it, actor2 suffered it (rules in the module docstring)."""
    sentence = next(s for s in draft.sentences if cue in s.cues)
    if not _parties(sentence):
        # "Air strikes on Ariha killed 12, the Observatory said. … Russian warplanes carried out the raids."
        for other in draft.sentences:
            if other.cues and _parties(other):
                sentence, cue = other, other.cues[0]
                break
    mentions = _parties(sentence)
    victims = [m for m in mentions if _is_victim(sentence, m)]
    armed = [m for m in mentions if m.actor.kind not in {"civilians", "protesters"} and m not in victims]
    before = [m for m in armed if m.end <= cue.start]
    after = [m for m in armed if m.start >= cue.end]
    actor1 = _agent(sentence, cue, armed) or _claimed_by(draft) or _subject(sentence, before)
    actor1 = actor1 or (before[-1] if before else None)
    if actor1 is None and after and _passive(sentence, cue):
        actor1 = after[0]
    if actor1 is None or actor1.actor.name.startswith("Unidentified"):
        actor1 = _named_perpetrator(draft) or actor1
    actor2 = next((m for m in victims if m is not actor1), None)
    if actor2 is None:
        targets = [m for m in mentions if m is not actor1 and m.start >= cue.end]
        actor2 = targets[0] if targets else None
    if actor2 is None:
        civilians = [m for m in mentions if m.actor.kind in {"civilians", "protesters"} and m is not actor1]
        actor2 = civilians[0] if civilians else _victims_from_claims(claims, ctx)
    if actor1 is None and cue.sub_event_type in NEEDS_PERPETRATOR:
        actor1 = _unidentified(ctx)
    if actor1 is not None and actor2 is not None and actor1.actor.name == actor2.actor.name:
        actor2 = None
    return actor1, actor2


def _parties(sentence: SentenceFacts) -> list[ActorMention]:
    return [m for m in sentence.actors if not _is_speaker(sentence, m)]


def _is_victim(sentence: SentenceFacts, mention: ActorMention) -> bool:
    """The counted dead or hurt ('killed six Turkish soldiers'), or the subject of a passive harm verb."""
    if any(f.start <= mention.start < f.end for f in sentence.figures):
        return True
    span = char_span(sentence.sent.doc, mention.start, mention.end)
    return span is not None and span.root.dep_ == "nsubjpass"


def _named_perpetrator(draft: Draft) -> ActorMention | None:
    """A named non-state group that is a subject in the incident's event sentences ('Militants from the PKK killed …')."""
    for sentence in draft.sentences:
        if not sentence.cues:
            continue
        doc = sentence.sent.doc
        for m in _parties(sentence):
            if m.actor.kind in {"state", "civilians", "protesters"} or m.actor.name.startswith("Unidentified"):
                continue
            span = char_span(doc, m.start, m.end)
            if span is not None and _in_subject(span.root) and not _is_victim(sentence, m):
                return m
    return None


def _in_subject(token) -> bool:
    while token.dep_ in {"pobj", "prep", "compound", "appos", "conj", "amod", "poss"} and token.head is not token:
        token = token.head
    return token.dep_ in {"nsubj", "agent"}


SPEAKING = re.compile(r"^\W{0,3}(\w+\W+){0,2}?(said|says|say|told|tells|reported|reports|claimed|claims|announced|"
                      r"added|confirmed|stated|tweeted|spokes(man|woman|person))\b", re.I)
ACCORDING = re.compile(r"(according to|told|cited|quoting|quoted)\s+(the\s+)?$", re.I)


def _is_speaker(sentence: SentenceFacts, mention: ActorMention) -> bool:
    """'police said', 'according to the army': a source of the report, not a party to the event."""
    text = doc_text(sentence.sent.doc)
    after = text[mention.end:mention.end + 40]
    before = text[max(0, mention.start - 20):mention.start]
    return bool(SPEAKING.match(after) or ACCORDING.search(before))


def _agent(sentence: SentenceFacts, cue: EventCue, armed: list[ActorMention]) -> ActorMention | None:
    """'… killed by Haftar's forces': the actor after 'by' is the perpetrator."""
    text = doc_text(sentence.sent.doc)
    for m in armed:
        if m.start >= cue.end and re.search(r"\bby\s+(the\s+)?$", text[max(cue.end, m.start - 12):m.start]):
            return m
    return None


CLAIMED = re.compile(r"^\W*(has |have |had )?(claimed|claims|claim) (responsibility|the attack|credit)", re.I)


def _claimed_by(draft: Draft) -> ActorMention | None:
    """'Islamic State claimed responsibility for the bombing': the claimant of the deed is its perpetrator."""
    for sentence in draft.sentences:
        text = doc_text(sentence.sent.doc)
        for m in sentence.actors:
            if m.actor.kind not in {"civilians", "protesters"} and CLAIMED.match(text[m.end:m.end + 40]):
                return m
    return None


def _subject(sentence: SentenceFacts, before: list[ActorMention]) -> ActorMention | None:
    """Of the actors before the event word, the one that is a grammatical subject."""
    doc = sentence.sent.doc
    for m in reversed(before):
        span = char_span(doc, m.start, m.end)
        if span is not None and span.root.dep_ in {"nsubj", "agent"}:
            return m
    return None


def _passive(sentence: SentenceFacts, cue: EventCue) -> bool:
    span = char_span(sentence.sent.doc, cue.start, cue.end)
    return span is not None and any(t.dep_ in {"auxpass", "nsubjpass"} for t in span.root.children)


def _victims_from_claims(claims: tuple[Claim, ...], ctx: ArticleContext) -> ActorMention | None:
    groups = {c.group for c in claims if c.figure in {"killed", "injured", "abducted"}}
    if groups & CIVILIAN_GROUPS:
        actor = ctx.actors.normalise("civilians", country_hint=ctx.country)
    elif "security_forces" in groups:
        actor = ctx.actors.normalise("security forces", country_hint=ctx.country)
    else:
        return None
    if actor is None:
        return None
    return ActorMention(start=-1, end=-1, text=None, actor=actor)


def _unidentified(ctx: ArticleContext) -> ActorMention | None:
    actor = ctx.actors.normalise("unidentified gunmen", country_hint=ctx.country)
    if actor is None:
        return None
    return ActorMention(start=-1, end=-1, text=None, actor=actor)


def claims_of(draft: Draft, attributions: dict[int, Attribution | None], attributor: Attributor) -> tuple[Claim, ...]:
    """Every figure of the incident as a claim with its claimant."""
    claims = []
    counted: dict[str, int] = {}  # the latest count of each figure, for "… and four others"
    for figure in draft.figures():
        who = attributions.get(figure.start) or attributor.default()
        claim = _claim(figure, who)
        if (figure.additional or OTHERS.search(figure.victims_text)) and figure.figure in counted \
                and not figure.subset:
            claim = dataclasses.replace(claim, adds_to=counted[figure.figure])
        if not figure.subset:
            counted[figure.figure] = figure.quantity.min
        claims.append(claim)
    if claims:
        claims.extend(_conjoined_totals(claims, doc_text(draft.sentences[0].sent.doc)))
    return tuple(claims)


JOINED = re.compile(r"^\s*(,\s*(and\s+)?|and\s+)$")


def _conjoined_totals(claims: list[Claim], text: str) -> list[Claim]:
    """'A Pakistani army soldier and two civilians have been killed': the source counts three dead.
    Each part keeps its group; the total is a claim of its own (kind ``total``) over the whole phrase,
    which the reconciliation leaves aside: it reads the parts, so nothing is counted twice."""
    totals, run = [], [claims[0]]
    for claim in claims[1:] + [None]:
        if claim is not None and _joins(run[-1], claim, text):
            run.append(claim)
            continue
        if len(run) > 1 and "and" in text[run[-2].end:run[-1].start]:  # "two civilians, a man …" is apposition
            totals.append(_total_of(run, text))
        run = [claim]
    return totals


def _joins(left: Claim, right: Claim, text: str) -> bool:
    return (right.figure == left.figure and right.claimant == left.claimant and right.adds_to is None
            and not (left.subset_of or right.subset_of) and "vague" not in (left.qualifier, right.qualifier)
            and not (left.includes_attacker or right.includes_attacker)
            and 0 < right.start - left.end <= 8 and JOINED.match(text[left.end:right.start]) is not None)


def _total_of(parts: list[Claim], text: str) -> Claim:
    groups = {c.group for c in parts}
    group = groups.pop() if len(groups) == 1 else "civilians" if groups <= CIVILIAN_GROUPS else "unknown"
    qualifier = next((c.qualifier for c in parts if c.qualifier != "exact"), "exact")
    first = parts[0]
    return dataclasses.replace(first, group=group, victims_text=text[first.start:parts[-1].end],
                               min=sum(c.min for c in parts), max=sum(c.max for c in parts),
                               qualifier=qualifier, end=parts[-1].end, superseded=any(c.superseded for c in parts),
                               kind="total")


OTHERS = re.compile(r"\bothers\b|(?<!\bor )(?<!\band )\bmore\b(?!\s+than)", re.I)  # not "100 or more"


def _claim(figure: Figure, who: Attribution) -> Claim:
    q = figure.quantity
    return Claim(figure=figure.figure, group=figure.group, victims_text=figure.victims_text, min=q.min, max=q.max,
                 qualifier=q.qualifier, claimant=who.claimant, claimant_type=who.claimant_type,
                 start=figure.start, end=figure.end, claimant_person=who.person,
                 includes_attacker=figure.includes_attacker, superseded=figure.superseded,
                 subset_of="killed" if figure.subset else None)


def denials_of(draft: Draft, attributor: Attributor) -> tuple[Denial, ...]:
    out = []
    for sentence in draft.sentences:
        if not DENIAL.search(span_text(sentence.sent)):
            continue
        who = attributor.attribute(sentence.sent) or attributor.default()
        evidence = _evidence(sentence)
        out.append(Denial(text=evidence.text, claimant=who.claimant, claimant_type=who.claimant_type,
                          start=evidence.start, end=evidence.end))
    return tuple(out)
