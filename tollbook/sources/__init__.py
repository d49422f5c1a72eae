"""Readers: files, folders and stdin into a stream of Article | Rejection.

``read_inputs(paths)`` is the one entry point. Bad input never raises and
never disappears: each problem is a ``Rejection`` with a stable code (see
``tollbook.errors.CODES``), yielded in stream order, and the run goes on.

Choices worth knowing:

- Paths: a file is read by its extension (``dispatch`` lists them, ``.gz``
  variants included); a folder is walked recursively in sorted order,
  skipping hidden entries (``walk``); ``-`` is stdin, its format sniffed.
- Unknown extensions: a file named explicitly is E108. In a folder walk,
  unknown files are skipped silently (images, notes, build files), except
  formats that plainly hold articles but are not read (``.pdf``, ``.md``,
  ``.docx``, ...), which are E108 so they are counted, not lost.
- Ids: the given ``id`` (string or integer) as a string, else
  ``"a" + sha256(NFC(text).strip())[:16]``. ``outlet``: given, else the url's
  host without ``www.``. ``published``: ISO kept as given, other known
  spellings rewritten to ISO, anything else None (never today's date).
- Text is kept exactly as given for JSON and CSV (offsets index into it);
  ``.txt`` newlines become ``\\n``; HTML text is trafilatura's extraction,
  for saved pages and WARC captures alike (``warc``: one Article per 200 HTML
  capture; other captures are E121/E122).
- Size: texts over ``max_chars`` are E105; whole-file formats (.txt, .html,
  a .json list) are refused past 64 MiB before being held in memory; line
  formats are streamed one bounded line at a time.
- Empty inputs: a blank .txt, an empty .jsonl or a CSV with only a header
  gives one E103 for the file, so an empty file is still seen.

Codes: E101 not UTF-8 (or a lone surrogate), E102 binary, E103 empty,
E104 malformed JSON, E105 too large, E106 no text, E107 unreadable,
E108 unsupported type, E109 malformed CSV row, E110 wrong field type,
E121 WARC capture not a 200 response, E122 WARC capture not HTML.
A broken trafilatura install raises ConfigError E902 (not a Rejection: it
is the installation that is wrong, not the input).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from tollbook.records import Article, Rejection
from tollbook.sources.common import content_id, outlet_from_url
from tollbook.sources.dispatch import read_file, read_stdin
from tollbook.sources.walk import walk_folder

__all__ = ["read_inputs", "content_id", "outlet_from_url"]

DEFAULT_MAX_CHARS = 200_000


def read_inputs(
    paths: Iterable[str],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Article | Rejection]:
    """Every Article or Rejection in ``paths``, in order; ``"-"`` reads stdin."""
    for path in paths:
        path = os.fspath(path)
        if path == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin, max_chars)
        elif os.path.isdir(path):
            yield from _read_folder(path, max_chars)
        else:
            yield from read_file(path, max_chars)


def _read_folder(folder: str, max_chars: int) -> Iterator[Article | Rejection]:
    for item in walk_folder(folder):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from read_file(item, max_chars)
