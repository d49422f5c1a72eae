"""Which reader reads what: file extensions, and sniffing stdin.

Extensions (case-insensitive; each may end in ``.gz``):
``.jsonl``/``.ndjson`` JSON Lines, ``.json`` list/object/lines, ``.csv``,
``.txt``/``.text`` plain text, ``.html``/``.htm``/``.xhtml`` web pages,
``.warc`` web archives (``.warc.gz`` is the Common Crawl News format).

stdin (``-``) is sniffed from its first non-blank character: ``{`` is JSON
Lines, ``[`` a JSON list, ``<!doctype html``/``<html`` a web page, ``WARC/`` a
web archive, anything else one plain-text article.
"""
from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterator
from typing import BinaryIO, TextIO

from tollbook.errors import SourceError
from tollbook.records import Article, Rejection
from tollbook.sources.common import from_error, rejection
from tollbook.sources.csvfile import read_csv
from tollbook.sources.files import MAX_FILE_BYTES, PeekableStream, open_file, read_bounded, stdin_stream
from tollbook.sources.htmlpage import read_html
from tollbook.sources.jsonl import read_json, read_jsonl
from tollbook.sources.text import read_text
from tollbook.sources.warc import read_warc

STDIN_SOURCE = "<stdin>"

FORMATS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc",
}

# Formats a folder may hold articles in that tollbook cannot read yet. In a
# folder walk these are rejected (E108) so they are counted, not lost; other
# unknown files (images, READMEs without an article extension, ...) are skipped.
ARTICLE_LIKE = frozenset({
    ".md", ".markdown", ".rtf", ".doc", ".docx", ".odt", ".pdf", ".xml", ".rss",
    ".atom", ".arc", ".eml", ".mht", ".mhtml", ".tsv",
})

Streamed = Callable[[PeekableStream, str, int], Iterator[Article | Rejection]]
Whole = Callable[[bytes, str, int], Article | Rejection]

_STREAMED: dict[str, Streamed] = {"jsonl": read_jsonl, "json": read_json, "csv": read_csv, "warc": read_warc}
_WHOLE: dict[str, Whole] = {"text": read_text, "html": read_html}

_SNIFF_BYTES = 64 * 1024


def extension_of(path: str) -> str:
    """'a/b.JSONL.gz' -> '.jsonl' (compression aside, lower case)."""
    name = os.path.basename(path).lower().removesuffix(".gz")
    return os.path.splitext(name)[1]


def format_of(path: str) -> str | None:
    return FORMATS.get(extension_of(path))


def read_file(path: str, max_chars: int) -> Iterator[Article | Rejection]:
    """Every Article or Rejection in one file, by its extension."""
    if not os.path.exists(path):
        yield rejection("E107", "no such file", path)
        return
    fmt = format_of(path)
    if fmt is None:
        yield rejection("E108", f"unsupported file type {extension_of(path) or '(none)'!r}; "
                                f"tollbook reads {', '.join(sorted(FORMATS))} (and .gz)", path)
        return
    try:
        stream = open_file(path)
    except SourceError as err:
        yield from_error(err, path)
        return
    with stream:
        yield from _read_stream(fmt, stream, path, max_chars)


def read_stdin(stdin: TextIO | BinaryIO, max_chars: int) -> Iterator[Article | Rejection]:
    """stdin, its format sniffed; the caller keeps stdin open."""
    stream = stdin_stream(stdin)
    try:
        fmt = sniff_format(stream.peek(_SNIFF_BYTES))
    except SourceError as err:
        yield from_error(err, STDIN_SOURCE)
        return
    yield from _read_stream(fmt, stream, STDIN_SOURCE, max_chars)


def sniff_format(head: bytes) -> str:
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"["):
        return "json"
    if start[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    if start.startswith(b"WARC/"):
        return "warc"
    return "text"


def _read_stream(fmt: str, stream: PeekableStream, source: str, max_chars: int):
    if fmt in _STREAMED:
        yield from _STREAMED[fmt](stream, source, max_chars)
        return
    try:
        data = read_bounded(stream, _byte_bound(fmt, max_chars))
    except SourceError as err:
        yield from_error(err, source)
        return
    yield _WHOLE[fmt](data, source, max_chars)


def _byte_bound(fmt: str, max_chars: int) -> int:
    # A UTF-8 character is at most 4 bytes (plus a 3-byte BOM), so a text file
    # over this many bytes has over max_chars characters: refuse it unread.
    # HTML is mostly markup, so only the file bound applies.
    if fmt == "text":
        return min(MAX_FILE_BYTES, 4 * max_chars + 3)
    return MAX_FILE_BYTES
