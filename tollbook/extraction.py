"""The extraction library: articles in, reports and statistics out.

``extract(text, published=None, outlet=None)`` for one text;
``extract_articles(articles)`` streams many through ``nlp.pipe`` in batches,
optionally over several processes (each loads the model once).
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import multiprocessing
import threading
import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from .nlp.doccache import char_span, doc_sents, doc_text, seed_text, span_text
from .incidents.build import ArticleContext, build_report, claims_of, denials_of
from .incidents.facts import SentenceFacts, read_sentence
from .incidents.place import article_focus, resolve_place
from .incidents.segment import Draft, segment
from .nlp.actors import ActorDictionary
from .nlp.dates import find_explicit_dates
from .nlp.attribution import Attribution, Attributor, nominal_claimant
from .nlp.countries import country_by_code
from .nlp.references import named_references
from .nlp.pipeline import load_nlp
from .records import Article, ExtractionResult, Rejection, Statistic
from .sources.common import content_id

BATCH_SIZE = 16
TOLL_REFERENCE = re.compile(r"\b(the|this|that|these|those) (death )?(toll|figure|tally|count|number|death|fatality|"
                            r"fatalities|casualty|casualties|killing)s?\b", re.I)
MIN_CUE_SCORE = 0.5


def extract(text: str, published: str | None = None, outlet: str | None = None, *,
            url: str | None = None, title: str | None = None, article_id: str | None = None) -> ExtractionResult:
    """Extract the incident reports one article tells.

    >>> result = extract("Gunmen killed three villagers in Kidal on Monday.", published="2024-03-06")
    >>> [r.sub_event_type for r in result.reports]
    ['Attack']
    """
    article = Article(id=article_id or content_id(text), text=text, url=url, outlet=outlet,
                      published=published, title=title)
    return extract_doc(load_nlp()(text), article)


def extract_articles(articles: Iterable[Article | Rejection], *, workers: int = 1,
                     batch_size: int = BATCH_SIZE) -> Iterator[ExtractionResult | Rejection]:
    """Stream articles through the pipeline; rejections pass through as soon as they are read."""
    if workers <= 1:
        yield from _stream(articles, batch_size)
        return
    batches = _batches(articles, batch_size)
    context = multiprocessing.get_context("spawn" if _threaded() else "fork")
    with context.Pool(workers, initializer=load_nlp) as pool:
        for results in pool.imap(process_batch, batches):
            yield from results


def _stream(items: Iterable[Article | Rejection], batch_size: int) -> Iterator[ExtractionResult | Rejection]:
    """One ``nlp.pipe`` over the whole stream (spaCy batches it), the article riding along with its text."""
    rejected: collections.deque[Rejection] = collections.deque()

    def texts() -> Iterator[tuple[str, Article]]:
        for item in items:
            if isinstance(item, Rejection):
                rejected.append(item)
            else:
                yield item.text, item

    for doc, article in load_nlp().pipe(texts(), as_tuples=True, batch_size=batch_size):
        while rejected:
            yield rejected.popleft()
        yield _safe_extract(doc, article)
    yield from rejected


def process_batch(batch: list[Article | Rejection]) -> list[ExtractionResult | Rejection]:
    """The unit of work for every engine: one batch of articles, the model loaded once per process."""
    nlp = load_nlp()
    articles = [a for a in batch if isinstance(a, Article)]
    docs = iter(nlp.pipe((a.text for a in articles), batch_size=len(articles) or 1))
    out: list[ExtractionResult | Rejection] = []
    for item in batch:
        if isinstance(item, Rejection):
            out.append(item)
            continue
        out.append(_safe_extract(next(docs), item))
    return out


def _safe_extract(doc: Doc, article: Article) -> ExtractionResult | Rejection:
    try:
        return extract_doc(doc, article)
    except Exception as exc:  # one bad article must not end the run: it becomes a recorded rejection
        return Rejection(code="E201", reason=f"extraction failed: {type(exc).__name__}: {exc}",
                         source=article.source or article.id, article_id=article.id)


def extract_doc(doc: Doc, article: Article) -> ExtractionResult:
    seed_text(doc, article.text)
    actors = ActorDictionary.default()
    published = article.published_date or dateline_date(article.text)
    focus = article_focus(doc)
    facts = [read_sentence(i, s, published=published, country_iso2=focus.iso2, actors=actors,
                           country_name=focus.country) for i, s in enumerate(doc_sents(doc))]
    drafts = segment(facts)
    attributor = Attributor(article.outlet, _adjective(focus.iso2),
                            named_references(doc, (m for f in facts for m in f.actors)))
    attributions = _attribute(facts, attributor, _draft_of_sentence(drafts))
    ctx = ArticleContext(article=article, country=focus.country, iso3=focus.iso3, actors=actors)
    reports = []
    story_date = None
    for draft in drafts:
        if not _substantial(draft):
            continue
        claims = claims_of(draft, attributions, attributor)
        report = build_report(draft, len(reports), ctx, claims, resolve_place(draft, focus, facts), story_date)
        if report is None:  # the event typer reads no conflict event here
            continue
        if report.modality == "reported" and report.date_precision == "day":
            story_date = (report.event_date, report.date_precision)
        reports.append(dataclasses.replace(report, denials=denials_of(draft, attributor)))
    totals = _totals_over_places(drafts, reports)
    return ExtractionResult(article=article, reports=tuple(reports),
                            statistics=tuple(_statistics(facts, attributions, attributor, article, totals)))


def _totals_over_places(drafts: list[Draft], reports: list) -> list:
    """Figures of a sentence split over several places that name none of them: totals, kept as statistics."""
    claimed = {c.start for r in reports for c in r.claims}
    seen, totals = set(), []
    for draft in drafts:
        if draft.place is None:
            continue
        for sentence in draft.sentences:
            for figure in sentence.figures:
                if figure.start not in claimed and figure.start not in seen:
                    seen.add(figure.start)
                    totals.append((sentence, figure))
    return totals


DATELINE_SPAN = 800
DATELINE_WORDS = re.compile(r"[A-Za-z]{3,}")


def dateline_date(text: str) -> dt.date | None:
    """With no publication date, a full date standing on a line of its own near the top
    ("2012-07-03 06:10:54 GMT+7", "Posted on 4 March 2019") anchors the article's relative dates."""
    head = text[:DATELINE_SPAN]
    for start, end, resolved in find_explicit_dates(head):
        line_start = head.rfind("\n", 0, start) + 1
        line_end = head.find("\n", end)
        rest = head[line_start:start] + head[end:line_end if line_end >= 0 else len(head)]
        if len(DATELINE_WORDS.findall(rest)) <= 3:
            return resolved.date
    return None


def _adjective(iso2: str | None) -> str | None:
    country = country_by_code(iso2) if iso2 else None
    return country.demonyms[0] if country is not None and country.demonyms else None


def _draft_of_sentence(drafts: list[Draft]) -> dict[int, int]:
    return {sentence.index: number for number, draft in enumerate(drafts) for sentence in draft.sentences}


def _attribute(facts: list[SentenceFacts], attributor: Attributor,
               draft_of: dict[int, int] | None = None) -> dict[int, Attribution | None]:
    """Who says each figure, keyed by the figure's start offset.

    The article is walked in order so that "he said" can refer back to the last
    named speaker. A figure in a sentence with no reporting clause takes the
    speaker of the nearest attributed sentence of the same paragraph that tells
    the same incident (news paragraphs put "the army said" once, at the end); at
    equal distance the sentence before wins, since a paragraph goes on with the
    source it has named, whatever incident it turns to. Else the figure stays with
    the outlet.
    """
    draft_of = draft_of or {}
    found: dict[int, Attribution | None] = {}
    said_in: dict[int, Attribution] = {}
    for sentence in facts:
        said = attributor.attribute(sentence.sent)
        if said is not None:
            said_in[sentence.index] = said
            attributor.remember(said)
        for figure in sentence.figures + sentence.aggregates:
            span = char_span(sentence.sent.doc, figure.start, figure.end)
            who = nominal_claimant(sentence.sent, figure.start) or \
                attributor.attribute(sentence.sent, span.root.i if span is not None else None)
            found[figure.start] = who
    paragraphs = _paragraph_ids(facts)
    for sentence in facts:
        for figure in sentence.figures + sentence.aggregates:
            if found[figure.start] is None:
                found[figure.start] = _introduced_by(sentence.index, said_in, facts) or \
                    _nearest_in_paragraph(sentence.index, paragraphs, said_in, facts, draft_of)
    return found


def _introduced_by(index: int, said_in: dict[int, Attribution], facts: list[SentenceFacts]) -> Attribution | None:
    """'the president said,' / 'MSF said in a statement:' opens the quote that follows, across a line break."""
    previous = index - 1
    if previous in said_in and span_text(facts[previous].sent).rstrip().endswith((",", ":")):
        return said_in[previous]
    return None


def _paragraph_ids(facts: list[SentenceFacts]) -> list[int]:
    """A paragraph id per sentence: a line break between two sentences starts a new paragraph."""
    ids, current = [], 0
    for sentence, following in zip(facts, facts[1:] + [None]):
        ids.append(current)
        if following is not None:
            words_end = sentence.sent.start_char + len(span_text(sentence.sent).rstrip())
            gap = doc_text(sentence.sent.doc)[words_end:following.sent.start_char]  # trailing space tokens too
            if "\n" in gap:
                current += 1
    return ids


def _nearest_in_paragraph(index: int, paragraphs: list[int], said_in: dict[int, Attribution],
                          facts: list[SentenceFacts], draft_of: dict[int, int]) -> Attribution | None:
    def same_story(other: int) -> bool:  # a sentence in no draft only reports ("…, the army said in a statement")
        return draft_of.get(other, draft_of.get(index)) == draft_of.get(index)

    for distance in range(1, 4):
        for other in (index - distance, index + distance):
            if 0 <= other < len(paragraphs) and paragraphs[other] == paragraphs[index] and other in said_in \
                    and (other < index or same_story(other)):
                return said_in[other]
    # "Five soldiers were killed …" / "Four died at the scene, the army said.", or "The death toll was
    # provided by the army" below a title line standing between them
    following = next((i for i in range(index + 1, len(facts)) if not facts[i].headline), len(facts))
    if following in said_in and same_story(following) and \
            (facts[following].figures or TOLL_REFERENCE.search(span_text(facts[following].sent))):
        return said_in[following]
    return None


def _substantial(draft: Draft) -> bool:
    """An incident is anchored in the world: a figure, a place (a facility the gazetteer knows, "at
    al-Watiya airbase", is one) or a date, and an event word that is sure enough.

    "Roadside bombs are the main cause of casualties" tells no incident.
    """
    best = max(c.score for s in draft.sentences for c in s.cues)
    has_figure = bool(draft.figures())
    has_place = any(p.role in {"location", "admin1"} or (p.role == "facility" and p.place is not None)
                    for s in draft.sentences for p in s.places)
    has_date = any(not d.of_reporting for s in draft.sentences for d in s.dates)
    return best >= MIN_CUE_SCORE and (has_figure or has_place or has_date)


def _statistics(facts, attributions, attributor, article: Article, totals=()) -> Iterator[Statistic]:
    pairs = [(s, f) for s in facts for f in s.aggregates] + list(totals)
    for sentence, figure in sorted(pairs, key=lambda pair: pair[1].start):
        who = attributions.get(figure.start)
        q = figure.quantity
        yield Statistic(article_id=article.id, figure=figure.figure, min=q.min, max=q.max,
                        qualifier=q.qualifier, text=span_text(sentence.sent).strip(), start=figure.start,
                        end=figure.end, claimant=(who or attributor.default()).claimant)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _threaded() -> bool:
    """Forking a process that runs threads can deadlock: spawn fresh workers then."""
    return threading.active_count() > 1
