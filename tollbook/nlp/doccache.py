"""Per-Doc caches of what spaCy rebuilds on every access (the text, the entity list)."""
from __future__ import annotations


def doc_text(doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access."""
    text = doc.user_data.get("tollbook_text")
    if text is None:
        text = doc.user_data["tollbook_text"] = doc.text
    return text


def doc_ents(doc) -> tuple:
    """``doc.ents``, built once per Doc: spaCy rebuilds the tuple of Spans on each access."""
    ents = doc.user_data.get("tollbook_ents")
    if ents is None:
        ents = doc.user_data["tollbook_ents"] = tuple(doc.ents)
    return ents


def sent_ents(sent) -> list:
    """The entities inside one sentence, from the Doc's cached list."""
    return [e for e in doc_ents(sent.doc) if e.start >= sent.start and e.end <= sent.end]


def span_text(span) -> str:
    """``span.text`` sliced from the cached Doc text instead of re-joined token by token."""
    return doc_text(span.doc)[span.start_char:span.end_char]
