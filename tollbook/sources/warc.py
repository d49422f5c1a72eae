"""WARC reader: web archives (``.warc``, ``.warc.gz``, the Common Crawl News format) through warcio.

Each capture of an HTML page becomes one Article, its text and metadata found
exactly as the HTML reader finds them (``htmlpage.html_record``: trafilatura's
main text, the page's title, canonical url and date).

- published: the page's own date (meta tags, JSON-LD, its url) when it has
  one; else the day of ``WARC-Date``, when the page was fetched (an upper
  bound on the publication date, and the best anchor left).
- url: the page's canonical link, else ``WARC-Target-URI``.
- source: ``file.warc.gz#N``, the N-th record of the file (1-based).
- Which records: ``response`` and ``resource`` records are captures. Those that
  are not an HTTP 200 (redirects, 404s, ``revisit`` duplicates) are E121, those
  that are not HTML (PDFs, images, feeds) E122: counted, never silently lost.
  ``request``, ``metadata``, ``warcinfo`` and ``conversion`` records describe
  captures rather than hold one and are passed over. A file with no capture at
  all is E103, like any empty input.
- Size: a record's payload is read up to ``MAX_RECORD_BYTES`` (E105 beyond),
  then the page text is held to ``max_chars`` like every other reader's.
- A damaged archive (bad gzip member, broken WARC header) ends that file with
  E107 after the records read so far; the run goes on.
"""
from __future__ import annotations

from collections.abc import Iterator

from tollbook.errors import ConfigError
from tollbook.records import Article, Rejection
from tollbook.sources.common import build_article, rejection
from tollbook.sources.files import PeekableStream
from tollbook.sources.htmlpage import html_record

# Common Crawl truncates payloads at 1 MiB; 16 MiB leaves room for other
# crawlers while bounding what one record may hold in memory.
MAX_RECORD_BYTES = 16 * 1024 * 1024

CAPTURES = frozenset({"response", "resource", "revisit"})
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: PeekableStream, source: str, max_chars: int) -> Iterator[Article | Rejection]:
    """Each capture in a WARC stream as an Article or a Rejection."""
    archive_iterator = _warcio()
    captures = 0
    try:
        for number, record in enumerate(archive_iterator(stream), start=1):
            if record.rec_type not in CAPTURES:
                continue
            captures += 1
            yield read_capture(record, f"{source}#{number}", max_chars)
    except ConfigError:
        raise
    except Exception as err:  # warcio on arbitrary bytes (load_failed, and worse): end this file, not the run
        yield rejection("E107", f"damaged WARC archive after {captures} captures: {_describe(err)}", source)
        return
    if captures == 0:
        yield rejection("E103", "the WARC file holds no captured pages", source)


def read_capture(record, where: str, max_chars: int) -> Article | Rejection:
    """One response/resource/revisit record as an Article, or why it is none."""
    refused = _refusal(record)
    if refused is not None:
        return rejection(*refused, where)
    payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(payload) > MAX_RECORD_BYTES:
        return rejection("E105", f"record payload over the bound of {MAX_RECORD_BYTES} bytes", where)
    page = html_record(payload, where)
    if isinstance(page, Rejection):
        return page
    headers = record.rec_headers
    page["published"] = page["published"] or _day_of(headers.get_header("WARC-Date"))
    page["url"] = page["url"] or headers.get_header("WARC-Target-URI")
    return build_article(page, where, max_chars)


def _refusal(record) -> tuple[str, str] | None:
    """(code, reason) when a capture is not a successfully fetched HTML page."""
    if record.rec_type == "revisit":
        return "E121", "revisit record: a duplicate of an earlier capture, without a page"
    http = record.http_headers
    if record.rec_type == "response":
        if http is None:
            return "E122", "response record without HTTP headers (not a web page)"
        status = http.get_statuscode()
        if status != "200":
            return "E121", f"HTTP status {status}, not 200"
        content_type = http.get_header("Content-Type")
    else:  # a resource record carries the type in its own headers
        content_type = record.rec_headers.get_header("Content-Type")
    media = (content_type or "").split(";")[0].strip().lower()
    if media not in HTML_TYPES:
        return "E122", f"not an HTML page (Content-Type {media or 'missing'!r})"
    return None


def _day_of(warc_date: str | None) -> str | None:
    """'2024-03-06T12:00:00Z' -> '2024-03-06'; build_article checks the rest."""
    if not warc_date or len(warc_date) < 10:
        return None
    return warc_date.strip()[:10]


def _describe(err: Exception) -> str:
    text = str(err).strip() or type(err).__name__
    return text[:200]


def _warcio():
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as err:
        raise ConfigError(
            f"reading WARC files needs warcio, which failed to import ({err}); "
            "reinstall tollbook's dependencies",
            code="E902",
        ) from err
    return ArchiveIterator
