"""Per-Doc caches of what spaCy rebuilds on every access (text, entities, sentences, tokens), built once per Doc."""
from __future__ import annotations

import bisect

from .countries import tokenize


def _once(doc, key: str, build):
    """``build(doc)``, kept in the Doc's ``user_data`` under ``key`` so that it is built once per Doc."""
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = build(doc)
    return found


def doc_text(doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access."""
    return _once(doc, "tollbook_text", lambda d: d.text)


def seed_text(doc, text: str) -> None:
    """Give the Doc its source text, so that ``doc_text`` need not rebuild it (spaCy keeps every
    character, so the two are equal; the length check guards against a Doc of another text)."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        doc.user_data["tollbook_text"] = text


def doc_ents(doc) -> tuple:
    """``doc.ents``, built once per Doc: spaCy rebuilds the tuple of Spans on each access."""
    return _once(doc, "tollbook_ents", lambda d: tuple(d.ents))


def sent_ents(sent) -> list:
    """The entities inside one sentence, from the Doc's cached list."""
    return [e for e in doc_ents(sent.doc) if e.start >= sent.start and e.end <= sent.end]


def span_text(span) -> str:
    """``span.text`` sliced from the cached Doc text instead of re-joined token by token."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def doc_sents(doc) -> tuple:
    """``doc.sents``, built once per Doc: spaCy walks every token and builds new Spans on each access."""
    return _once(doc, "tollbook_sents", lambda d: tuple(d.sents))


def doc_words(doc) -> list:
    """The whole text as the phrase finders' word tokens (``countries.tokenize``), built once per Doc:
    the country vote reads the whole text and the actor finder reads its sentences, so one pass serves both."""
    return _once(doc, "tollbook_words", lambda d: tokenize(doc_text(d)))


def span_words(span) -> list:
    """The Doc's word tokens that lie inside ``span`` (offsets stay the Doc's)."""
    words = doc_words(span.doc)
    starts = _once(span.doc, "tollbook_word_starts", lambda d: [w.start for w in doc_words(d)])
    lo = bisect.bisect_left(starts, span.start_char)
    hi = bisect.bisect_left(starts, span.end_char, lo)
    while hi > lo and words[hi - 1].end > span.end_char:
        hi -= 1
    return words[lo:hi]


def doc_tokens(doc) -> list:
    """The Doc's tokens as one list, built once per Doc: ``doc[i]`` builds a new Token object on every access."""
    return _once(doc, "tollbook_tokens", lambda d: list(d))


def span_tokens(span) -> list:
    """The tokens of ``span`` (a Span or a whole Doc) from the Doc's cached list: iterating a Span
    builds each Token anew."""
    if not hasattr(span, "doc"):
        return doc_tokens(span)
    return doc_tokens(span.doc)[span.start:span.end]


def span_lowers(span) -> list[str]:
    """The lower-case forms of ``span``'s tokens (a Span or a whole Doc)."""
    if not hasattr(span, "doc"):
        return doc_lowers(span)
    return doc_lowers(span.doc)[span.start:span.end]


def doc_lowers(doc) -> list[str]:
    """Every token's lower-case form, built once per Doc."""
    return _once(doc, "tollbook_lowers", lambda d: [t.lower_ for t in doc_tokens(d)])


def char_span(doc, start: int, end: int):
    """``doc.char_span(start, end, alignment_mode="expand")`` by binary search over the cached token offsets."""
    starts = _once(doc, "tollbook_token_starts", lambda d: [t.idx for t in doc_tokens(d)])
    if start < 0 or end > len(doc_text(doc)) or start >= end:
        return doc.char_span(start, end, alignment_mode="expand")
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    tokens = doc_tokens(doc)
    if starts[first] + len(tokens[first]) <= start:
        first += 1  # ``start`` falls in the space after a token: the span opens with the next one
    last = bisect.bisect_left(starts, end)
    return doc[first:max(first, last)]  # an empty Span where only spaces were asked for, as spaCy gives
