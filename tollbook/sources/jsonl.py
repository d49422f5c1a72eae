"""JSON readers: .jsonl/.ndjson (one object a line) and .json.

JSON Lines are streamed one bounded line at a time, so a large corpus never
sits in memory and one bad line costs one Rejection (``file.jsonl:7``), not
the file. Blank lines are skipped. A line that is valid JSON but not an
object is E110 (the record has the wrong type), not E104.

A ``.json`` file may hold a list of objects (``file.json[3]`` in messages),
one object (pretty-printed or not), or JSON Lines under the wrong extension.
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterator

from tollbook.errors import SourceError
from tollbook.records import Article, Rejection
from tollbook.sources.common import build_article, check_not_binary, decode_text, from_error, rejection
from tollbook.sources.files import MAX_FILE_BYTES, Line, PeekableStream, iter_lines, read_bounded

_SNIFF_BYTES = 8192


def line_limit(max_chars: int) -> int:
    """Longest JSON line worth parsing: a max_chars text fully \\u-escaped
    (up to 12 bytes a character), plus room for the other fields."""
    return 12 * max_chars + 1024 * 1024


def read_jsonl(stream: PeekableStream, source: str, max_chars: int) -> Iterator[Article | Rejection]:
    """Each non-blank line of ``stream`` as an Article or a Rejection."""
    try:
        check_not_binary(stream.peek(_SNIFF_BYTES))
    except SourceError as err:
        yield from_error(err, source)
        return
    number, produced = 0, False
    try:
        for line in iter_lines(stream, line_limit(max_chars)):
            number = line.number
            result = _from_line(line, source, max_chars)
            if result is not None:
                produced = True
                yield result
    except SourceError as err:  # the file failed mid-read (e.g. truncated .gz)
        yield from_error(err, f"{source}:{number + 1}")
        return
    if not produced:
        yield rejection("E103", "no records in the file (empty or blank)", source)


def read_json(stream: PeekableStream, source: str, max_chars: int) -> Iterator[Article | Rejection]:
    """A .json file: a list of objects, a single object, or JSON Lines."""
    try:
        head = stream.peek(MAX_FILE_BYTES + 1)
    except SourceError as err:
        yield from_error(err, source)
        return
    first = head.removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    if first == b"[":
        yield from _read_list(stream, source, max_chars)
        return
    if first == b"{" and len(head) <= MAX_FILE_BYTES:
        single = _single_object(head)
        if single is not None:
            yield build_article(single, source, max_chars)
            return
    yield from read_jsonl(stream, source, max_chars)


def _from_line(line: Line, source: str, max_chars: int) -> Article | Rejection | None:
    where = f"{source}:{line.number}"
    if line.too_long:
        return rejection("E105", f"line is over {line_limit(max_chars)} bytes", where)
    try:
        text = decode_text(line.data)
    except SourceError as err:
        return from_error(err, where)
    if not text.strip():
        return None
    try:
        value = _parse(text)
    except SourceError as err:
        return from_error(err, where)
    return _record(value, where, max_chars)


def _read_list(stream: PeekableStream, source: str, max_chars: int) -> Iterator[Article | Rejection]:
    try:
        value = _parse(decode_text(read_bounded(stream)))
    except SourceError as err:
        yield from_error(err, source)
        return
    if not value:
        yield rejection("E103", "the JSON list is empty", source)
    for index, item in enumerate(value):
        yield _record(item, f"{source}[{index}]", max_chars)


def _single_object(data: bytes) -> dict | None:
    """The file as one JSON object, or None when it is not one (e.g. JSON Lines)."""
    try:
        value = _parse(decode_text(data))
    except SourceError:
        return None
    return value if isinstance(value, dict) else None


def _parse(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise SourceError(f"malformed JSON: {err.msg} (line {err.lineno}, column {err.colno})",
                          code="E104") from None
    except (ValueError, RecursionError) as err:  # e.g. absurdly deep nesting
        raise SourceError(f"malformed JSON: {type(err).__name__}", code="E104") from None


def _record(value, where: str, max_chars: int) -> Article | Rejection:
    if not isinstance(value, dict):
        return rejection("E110", f"expected a JSON object, got {_json_type(value)}", where)
    return build_article(value, where, max_chars)


def _json_type(value) -> str:
    names = {list: "a list", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
