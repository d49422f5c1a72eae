"""Byte streams for the readers: files (plain or .gz), stdin, bounded reads.

Every read goes through here so that one place turns OS and gzip failures
into E107 and bounds how much is held in memory: whole-file formats read at
most a limit (E105 beyond it), line formats read one bounded line at a time.
"""
from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from tollbook.errors import SourceError

# Largest file a single-article format (.txt, .html, a .json list) may be.
MAX_FILE_BYTES = 64 * 1024 * 1024

# Failures of the file itself, as opposed to its content.
READ_ERRORS = (OSError, EOFError, zlib.error)  # gzip.BadGzipFile is an OSError


def open_file(path: str) -> PeekableStream:
    """Open for binary reading, decompressing '.gz'; raise SourceError E107."""
    try:
        raw = gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")
    except READ_ERRORS as err:
        raise SourceError(f"cannot open: {_describe(err)}", code="E107") from None
    return PeekableStream(raw)


def stdin_stream(stdin: TextIO | BinaryIO) -> PeekableStream:
    """stdin as bytes, whether given as a text or a binary stream."""
    binary = getattr(stdin, "buffer", None)
    if binary is not None:
        return PeekableStream(binary)
    probe = stdin.read(0)
    return PeekableStream(_TextAsBytes(stdin) if isinstance(probe, str) else stdin)


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    data: bytes  # without the line ending; truncated when too_long
    too_long: bool = False


class PeekableStream:
    """A binary stream that can look ahead without consuming (to sniff formats).

    Read errors surface as SourceError E107 so that callers handle one type.
    """

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        # Bytes peeked but not yet read are self._head[self._pos:]. Lines are
        # cut by moving _pos, not by slicing off the front: a .json file peeks
        # up to 64 MiB, and re-copying that for every line would be quadratic.
        self._head = b""
        self._pos = 0

    def close(self) -> None:
        try:
            self._raw.close()
        except READ_ERRORS:
            pass

    def __enter__(self) -> PeekableStream:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def peek(self, size: int) -> bytes:
        """Up to ``size`` bytes from the current position, left unread."""
        if self._pos:
            self._head, self._pos = self._head[self._pos:], 0
        while len(self._head) < size:
            chunk = self._read_raw(size - len(self._head))
            if not chunk:
                break
            self._head += chunk
        return self._head[:size]

    def read(self, size: int) -> bytes:
        """Up to ``size`` bytes (fewer only at the end)."""
        data = self.peek(size)
        self._pos = len(data)
        return data

    def readline(self, limit: int) -> bytes:
        """One line with its ending, or ``limit`` bytes of it if longer."""
        start = self._pos
        cut = self._head.find(b"\n", start, start + limit)
        if cut >= 0:
            self._pos = cut + 1
            return self._head[start:cut + 1]
        if len(self._head) - start >= limit:
            self._pos = start + limit
            return self._head[start:start + limit]
        line, self._head, self._pos = self._head[start:], b"", 0
        return line + self._readline_raw(limit - len(line))

    def _read_raw(self, size: int) -> bytes:
        try:
            return self._raw.read(size)
        except READ_ERRORS as err:
            raise SourceError(f"read failed: {_describe(err)}", code="E107") from None

    def _readline_raw(self, limit: int) -> bytes:
        try:
            return self._raw.readline(limit)
        except READ_ERRORS as err:
            raise SourceError(f"read failed: {_describe(err)}", code="E107") from None


def read_bounded(stream: PeekableStream, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole stream, or SourceError E105 when it is over ``limit`` bytes.

    Reading limit+1 bytes (not stat()) also bounds .gz files and stdin, whose
    size is unknown until read: a small gzip bomb stops at the limit.
    """
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise SourceError(f"over the size bound of {limit} bytes", code="E105")
    return data


def iter_lines(stream: PeekableStream, limit: int) -> Iterator[Line]:
    """Lines without their endings; one longer than ``limit`` is flagged, its rest skipped."""
    number = 0
    while True:
        chunk = stream.readline(limit)
        if not chunk:
            return
        number += 1
        if chunk.endswith(b"\n") or len(chunk) < limit:
            yield Line(number, chunk.rstrip(b"\r\n"))
            continue
        while chunk and not chunk.endswith(b"\n"):  # drop the rest of the long line
            chunk = stream.readline(limit)
        yield Line(number, b"", too_long=True)


class _TextAsBytes:
    """A text stream (e.g. io.StringIO) read as UTF-8 bytes."""

    def __init__(self, text: TextIO):
        self._text = text

    def read(self, size: int) -> bytes:
        return self._encode(self._text.read(size))

    def readline(self, limit: int) -> bytes:
        return self._encode(self._text.readline(limit))

    def close(self) -> None:
        pass  # the caller owns stdin

    @staticmethod
    def _encode(text: str) -> bytes:
        # Lone surrogates pass through so decoding rejects them (E101) later.
        return text.encode("utf-8", "surrogatepass")


def _describe(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err) or type(err).__name__

