"""CSV reader: a header row of input-article field names, one article a row.

Strict on purpose: the header must name a ``text`` column (case and spaces
around names are forgiven; ``body``/``content`` are not guessed), and a row
whose field count differs from the header's is E109 rather than silently
padded. Cells are kept exactly as written, so ``\\r\\n`` inside a quoted text
stays (offsets index into it); empty cells are absent values.

Rows are streamed; messages name the row's first line (``file.csv:12``).
"""
from __future__ import annotations

import csv
from collections.abc import Iterator

from tollbook.errors import SourceError
from tollbook.records import Article, Rejection
from tollbook.sources.common import build_article, check_not_binary, from_error, rejection
from tollbook.sources.files import PeekableStream
from tollbook.sources.jsonl import line_limit

_SNIFF_BYTES = 8192
_FIELD_LIMIT_MESSAGE = "field larger than field limit"


def read_csv(stream: PeekableStream, source: str, max_chars: int) -> Iterator[Article | Rejection]:
    """Each data row of ``stream`` as an Article or a Rejection."""
    try:
        check_not_binary(stream.peek(_SNIFF_BYTES))
    except SourceError as err:
        yield from_error(err, source)
        return
    _allow_long_fields(max_chars)
    reader = csv.reader(_decoded_lines(stream, line_limit(max_chars)), strict=True)
    try:
        columns = _header(reader, source)
    except SourceError as err:
        yield from_error(err, source)
        return
    yield from _rows(reader, columns, source, max_chars)


def _rows(reader, columns: list[str], source: str, max_chars: int) -> Iterator[Article | Rejection]:
    produced = False
    while True:
        where = f"{source}:{reader.line_num + 1}"
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            produced = True
            yield _csv_error(err, where, max_chars)
            continue
        except SourceError as err:  # the file failed mid-read
            yield from_error(err, where)
            return
        if any(cell.strip() for cell in row):  # blank lines are not rows
            produced = True
            yield _row_result(row, columns, where, max_chars)
    if not produced:
        yield rejection("E103", "the CSV file has a header but no rows", source)


def _header(reader, source: str) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        raise SourceError("empty CSV file", code="E103") from None
    except csv.Error as err:
        raise SourceError(f"malformed CSV header: {err}", code="E109") from None
    columns = [name.strip().lower() for name in header]
    if "text" not in columns:
        found = ", ".join(repr(name) for name in columns[:10])
        raise SourceError(f"the header has no 'text' column (found {found})", code="E106")
    return columns


def _row_result(row: list[str], columns: list[str], where: str, max_chars: int) -> Article | Rejection:
    if len(row) != len(columns):
        return rejection("E109", f"row has {len(row)} fields, the header has {len(columns)}", where)
    if any(_has_undecodable(cell) for cell in row):
        return rejection("E101", "row is not valid UTF-8", where)
    if any("\x00" in cell for cell in row):
        return rejection("E102", "row holds NUL bytes", where)
    return build_article(dict(zip(columns, row)), where, max_chars)


def _csv_error(err: csv.Error, where: str, max_chars: int) -> Rejection:
    if _FIELD_LIMIT_MESSAGE in str(err):
        return rejection("E105", f"a field is far over the bound of {max_chars} characters", where)
    return rejection("E109", f"malformed CSV row: {err}", where)


def _decoded_lines(stream: PeekableStream, limit: int) -> Iterator[str]:
    """Lines with their endings (csv needs them inside quoted fields).

    Bad UTF-8 becomes lone surrogates (surrogateescape) so that only the row
    holding it is rejected, instead of decoding failing for the whole file.
    """
    first = True
    while chunk := stream.readline(limit):
        line = chunk.decode("utf-8", "surrogateescape")
        if first:
            line, first = line.removeprefix("\ufeff"), False
        yield line


def _has_undecodable(cell: str) -> bool:
    """True when surrogateescape left a stand-in for a bad byte."""
    try:
        cell.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _allow_long_fields(max_chars: int) -> None:
    # csv refuses fields over 131072 characters by default, less than the
    # default max_chars. The limit is process-wide; it is only ever raised.
    # Fields between max_chars and the limit get the clearer E105 from
    # build_article; beyond it, csv's own error is mapped to E105.
    wanted = 2 * max_chars + 1
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)
