"""HTML reader: one saved page is one article, its main text found by trafilatura.

- text: trafilatura's main-text extraction (menus, footers and reader comments
  left out). A page where it finds no main text is E103.
- title and published: the page's metadata as trafilatura/htmldate read it.
  Date search is limited to markup (meta tags, JSON-LD, the URL), not guesses
  from the visible text, and comes out as ``YYYY-MM-DD``.
- url: ``<link rel=canonical>``, else ``og:url``, else what trafilatura found.
- Encoding: UTF-8 is decoded here; other bytes go to trafilatura, which
  honours the page's declared charset (saved pages are often not UTF-8), so
  E101 does not apply to HTML.

trafilatura is imported on first use: reading JSONL should not pay for it.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from tollbook.errors import ConfigError, SourceError
from tollbook.records import Article, Rejection
from tollbook.sources.common import build_article, check_not_binary, from_error, rejection

# Markup only: htmldate's "extensive" search guesses from any date in the
# text, which can be the date of the events rather than of the article.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(data: bytes, source: str, max_chars: int) -> Article | Rejection:
    """One Article from an HTML page's bytes."""
    record = html_record(data, source)
    if isinstance(record, Rejection):
        return record
    return build_article(record, source, max_chars)


def html_record(data: bytes, source: str) -> dict | Rejection:
    """The input-article fields of a page (text, title, published, url), not yet checked.

    Shared by every reader of web pages (saved .html files, WARC records), so
    that a page gives the same text and metadata whichever way it arrives.
    """
    try:
        check_not_binary(data)
    except SourceError as err:
        return from_error(err, source)
    trafilatura = _trafilatura()
    try:
        tree = _parse(trafilatura, _utf8_or_bytes(data))
        url = page_url(tree) if tree is not None else None
        document = _extract(trafilatura, tree) if tree is not None else None
    except Exception as err:  # third-party parser on arbitrary input: never crash the run
        return rejection("E103", f"no text could be extracted (parser error: {type(err).__name__})",
                         source)
    if document is None or not (document.text or "").strip():
        return rejection("E103", "no main text found in the page", source)
    return {
        "text": document.text,
        "title": document.title,
        "published": document.date,
        "url": url or document.url,
    }


def page_url(tree) -> str | None:
    """The page's own address: canonical link, else og:url."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            if _is_web_address(link.get("href")):
                return link.get("href").strip()
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and _is_web_address(meta.get("content")):
            return meta.get("content").strip()
    return None


def _is_web_address(value: str | None) -> bool:
    # Relative canonicals ("/world/x") say nothing without the page's address.
    if not value:
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _utf8_or_bytes(data: bytes) -> str | bytes:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data  # trafilatura guesses the charset from the page


def _parse(trafilatura, markup: str | bytes):
    tree = trafilatura.load_html(markup)
    if tree is None and isinstance(markup, str) and markup.strip():
        # load_html refuses bare fragments ("<p>..</p>" alone); give them a body.
        tree = trafilatura.load_html(f"<html><body>{markup}</body></html>")
    return tree


def _extract(trafilatura, tree):
    return trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )


def _trafilatura():
    try:
        import trafilatura
    except ImportError as err:
        raise ConfigError(
            f"reading HTML needs trafilatura, which failed to import ({err}); "
            "reinstall tollbook's dependencies",
            code="E902",
        ) from err
    return trafilatura
