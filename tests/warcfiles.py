"""WARC files written for tests and benchmarks with warcio's own writer (Common Crawl News's layout:
a warcinfo record, then request/response pairs)."""
from __future__ import annotations

import html
import io
from dataclasses import dataclass

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEFAULT_FETCHED = "2024-03-09T06:30:00Z"


@dataclass(frozen=True)
class Capture:
    url: str
    body: bytes
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    fetched: str = DEFAULT_FETCHED
    record_type: str = "response"


def news_page(title: str, text: str, *, published: str | None = None, canonical: str | None = None) -> bytes:
    """A news page with navigation and a footer around the article, paragraphs from blank lines."""
    head = [f"<title>{html.escape(title)}</title>"]
    if published:
        head.append(f'<meta property="article:published_time" content="{html.escape(published)}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{html.escape(canonical)}">')
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
    return (f"<!doctype html><html><head>{''.join(head)}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
            f"<footer>Copyright Example News. All rights reserved.</footer></body></html>").encode("utf-8")


def write_warc(path, captures: list[Capture], *, gzip: bool | None = None) -> None:
    """``captures`` as a WARC file (gzipped per record when the name ends in .gz)."""
    compress = str(path).lower().endswith(".gz") if gzip is None else gzip
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record("tollbook-test.warc", {"software": "tollbook tests"}))
        for capture in captures:
            _write_capture(writer, capture)


def _write_capture(writer: WARCWriter, capture: Capture) -> None:
    dated = {"WARC-Date": capture.fetched}
    request = StatusAndHeaders(f"GET {capture.url} HTTP/1.1", [("User-Agent", "test")], is_http_request=True)
    writer.write_record(writer.create_warc_record(capture.url, "request", http_headers=request,
                                                  warc_headers_dict=dict(dated)))
    if capture.record_type == "revisit":
        http = StatusAndHeaders(capture.status, [("Content-Type", capture.content_type)], protocol="HTTP/1.1")
        record = writer.create_revisit_record(capture.url, "sha1:AAAA", capture.url, capture.fetched,
                                              http_headers=http)
    elif capture.record_type == "resource":
        record = writer.create_warc_record(capture.url, "resource", payload=io.BytesIO(capture.body),
                                           warc_content_type=capture.content_type, warc_headers_dict=dict(dated))
    else:
        http = StatusAndHeaders(capture.status, [("Content-Type", capture.content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(capture.url, capture.record_type, payload=io.BytesIO(capture.body),
                                           http_headers=http, warc_headers_dict=dict(dated))
    writer.write_record(record)
