"""Plain text reader: the whole file is one article.

Newlines are normalised to ``\\n`` (offsets then mean the same on every
platform); nothing else in the text changes. The first line becomes the title
when it looks like a headline, and stays in the text too, so that offsets
still index into what the file says.
"""
from __future__ import annotations

from tollbook.errors import SourceError
from tollbook.records import Article, Rejection
from tollbook.sources.common import build_article, decode_text, from_error

# A headline is one short line that does not end like a sentence.
_HEADLINE_MAX_CHARS = 150
_HEADLINE_MAX_WORDS = 25
_SENTENCE_ENDINGS = (".", ",", ";", ":")
_CLOSING_QUOTES = "\"'\u201d\u2019)"


def read_text(data: bytes, source: str, max_chars: int) -> Article | Rejection:
    """One Article from a text file's bytes."""
    try:
        text = normalise_newlines(decode_text(data))
    except SourceError as err:
        return from_error(err, source)
    return build_article({"text": text, "title": headline(text)}, source, max_chars)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def headline(text: str) -> str | None:
    """The first line, when it is short, headline-like and followed by a body."""
    first, _, body = text.lstrip().partition("\n")
    first = first.strip()
    if not first or not body.strip():
        return None  # a one-line file is all body
    if len(first) > _HEADLINE_MAX_CHARS or len(first.split()) > _HEADLINE_MAX_WORDS:
        return None
    if first.rstrip(_CLOSING_QUOTES).endswith(_SENTENCE_ENDINGS):
        return None  # "Gunmen killed five people on Monday." is the lede, not a title
    return first
