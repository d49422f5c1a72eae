"""What every reader shares: decoding bytes, ids, outlets, and record -> Article.

A reader's job ends with a plain mapping of the input-article fields (id, url,
outlet, published, title, text). ``build_article`` checks that mapping once, the
same way for every format, so a JSONL line, a CSV row and an HTML page are
held to one contract and fail with the same codes.
"""
from __future__ import annotations

import codecs
import hashlib
import unicodedata
from collections.abc import Mapping
from urllib.parse import urlsplit

from tollbook.errors import SourceError
from tollbook.records import Article, Rejection
from tollbook.sources.dates import normalise_published

# Fields of the contract that, when present, must be strings.
OPTIONAL_TEXT_FIELDS = ("url", "outlet", "published", "title")

# Bytes that never appear in text files (tab, newlines, form feed and the
# like are allowed); a sample with more than this share of them is binary.
_CONTROL_BYTES = bytes(sorted(set(range(0x00, 0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D} | {0x7F}))
_BINARY_SHARE = 0.05
_SNIFF_BYTES = 8192


def rejection(code: str, reason: str, source: str, article_id: str | None = None) -> Rejection:
    return Rejection(code=code, reason=reason, source=source, article_id=article_id)


def from_error(error: SourceError, source: str, article_id: str | None = None) -> Rejection:
    """A SourceError raised by a helper, as the Rejection the stream yields."""
    return rejection(error.code, error.args[0], source, article_id)


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes in the first few KB, mean not text."""
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # C speed: runs per line
    return controls / len(sample) > _BINARY_SHARE


def check_not_binary(data: bytes) -> None:
    """Raise SourceError E101 for UTF-16 text, E102 for binary data."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # UTF-16 is full of NULs, so say what it is rather than "binary".
        raise SourceError("UTF-16 text; convert it to UTF-8", code="E101")
    if looks_binary(data):
        raise SourceError("binary data, not text (NUL or control bytes)", code="E102")


def decode_text(data: bytes) -> str:
    """UTF-8 bytes (BOM or not) to str; raise SourceError E102/E101 otherwise."""
    check_not_binary(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SourceError(
            f"not valid UTF-8 (byte {err.start}); convert it, e.g. iconv -f latin1 -t utf-8",
            code="E101",
        ) from None


def content_id(text: str) -> str:
    """Stable id for an article that came without one: hash of its text."""
    canonical = unicodedata.normalize("NFC", text).strip()
    return "a" + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def outlet_from_url(url: str | None) -> str | None:
    """'https://www.reuters.com/x' -> 'reuters.com'; None when there is no host."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
        if host is None and "://" not in url and "." in url.split("/", 1)[0]:
            host = urlsplit("//" + url).hostname  # "reuters.com/world/..." without a scheme
    except ValueError:  # e.g. a malformed IPv6 host
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host.removeprefix("www.") or None


def build_article(record: Mapping, source: str, max_chars: int) -> Article | Rejection:
    """Check one record against the input-article contract.

    Order of checks: text present (E106), field types (E110), text unencodable
    (E101), text blank (E103), text too long (E105). Extra keys are ignored.
    """
    given_id = _given_id(record)
    if "text" not in record or record["text"] is None:
        return rejection("E106", "record has no 'text' field", source, _str_or_none(given_id))
    try:
        article_id = _checked_id(given_id)
        fields = {name: _optional_text(record, name) for name in OPTIONAL_TEXT_FIELDS}
        text = _checked_text(record["text"])
    except SourceError as err:
        return from_error(err, source, _str_or_none(given_id))
    if not text.strip():
        return rejection("E103", "article text is empty", source, article_id)
    article_id = article_id or content_id(text)
    if len(text) > max_chars:
        return rejection("E105", f"text has {len(text)} characters, over the bound of {max_chars}",
                         source, article_id)
    return Article(
        id=article_id,
        text=text,
        url=fields["url"],
        outlet=fields["outlet"] or outlet_from_url(fields["url"]),
        published=normalise_published(fields["published"]),
        title=fields["title"],
        source=source,
    )


def _given_id(record: Mapping):
    value = record.get("id")
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _str_or_none(value) -> str | None:
    """The id for a rejection message, whatever its type."""
    return None if value is None else str(value)


def _checked_id(value) -> str | None:
    # bool is an int subclass, but True as an id is certainly a mistake.
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise SourceError(f"'id' must be a string or an integer, not {type(value).__name__}",
                          code="E110")
    return _encodable(str(value).strip(), "id")


def _checked_text(value) -> str:
    if not isinstance(value, str):
        raise SourceError(f"'text' must be a string, not {type(value).__name__}", code="E110")
    return _encodable(value, "text")


def _optional_text(record: Mapping, name: str) -> str | None:
    """A metadata string, stripped; absent or blank is None, never ''."""
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourceError(f"'{name}' must be a string, not {type(value).__name__}", code="E110")
    return _encodable(value.strip(), name) or None


def _encodable(value: str, name: str) -> str:
    # JSON can smuggle in lone surrogates ("\ud800"); they would crash every
    # later step that writes UTF-8, so they are refused here.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise SourceError(f"'{name}' holds a lone surrogate, not valid Unicode", code="E101") from None
    return value
