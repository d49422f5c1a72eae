"""WARC input: captures of HTML pages become Articles exactly as saved pages do; everything else is counted."""
from __future__ import annotations

import gzip
import io

import pytest

from tests.warcfiles import Capture, news_page, write_warc
from tollbook.records import Article, Rejection
from tollbook.sources import read_inputs
from tollbook.sources import warc as warc_reader
from tollbook.sources.htmlpage import read_html

LEAD = ("BAMAKO — Unidentified gunmen on motorbikes attacked the village of Anefis in northern Mali on Monday, "
        "killing seven villagers and wounding three others, a local official said.\n\n"
        "The official, who asked not to be named, said the attackers set fire to a market before fleeing.")
SECOND = ("MOGADISHU — A car bomb exploded near a busy checkpoint on Tuesday, killing at least eight people, "
          "police said.\n\nA doctor at the city's main hospital said 17 wounded people had been brought in.")


def _captures() -> list[Capture]:
    return [
        Capture("https://example-news.org/2024/03/06/kidal?utm=x",
                news_page("Gunmen kill seven villagers", LEAD, published="2024-03-06",
                          canonical="https://example-news.org/2024/03/06/kidal")),
        Capture("https://other.example/news/mogadishu", news_page("Car bomb in Mogadishu", SECOND)),
        Capture("https://example-news.org/old", b"", status="301 Moved Permanently"),
        Capture("https://example-news.org/gone", news_page("Not found", "Nothing here."), status="404 Not Found"),
        Capture("https://example-news.org/report.pdf", b"%PDF-1.4 ...", content_type="application/pdf"),
        Capture("https://example-news.org/2024/03/06/kidal", b"", record_type="revisit"),
    ]


@pytest.mark.parametrize("name", ["news.warc.gz", "news.warc", "NEWS.WARC.GZ"])
def test_warc_round_trip(tmp_path, name):
    path = tmp_path / name
    write_warc(path, _captures())
    items = list(read_inputs([str(path)]))
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.title for a in articles] == ["Gunmen kill seven villagers", "Car bomb in Mogadishu"]
    first, second = articles
    assert "killing seven villagers and wounding three others" in first.text
    assert "Copyright" not in first.text and "Home" not in first.text
    assert (first.url, first.outlet, first.published) == (
        "https://example-news.org/2024/03/06/kidal", "example-news.org", "2024-03-06")  # the page's own date
    assert (second.url, second.outlet, second.published) == (
        "https://other.example/news/mogadishu", "other.example", "2024-03-09")  # the day it was fetched
    assert first.source.endswith(f"{name}#3")  # warcinfo, request, then this response


def test_warc_skipped_captures_are_counted_with_codes(tmp_path):
    path = tmp_path / "news.warc.gz"
    write_warc(path, _captures())
    rejected = [(r.code, r.reason) for r in read_inputs([str(path)]) if isinstance(r, Rejection)]
    assert [code for code, _ in rejected] == ["E121", "E121", "E122", "E121"]
    assert "301" in rejected[0][1] and "404" in rejected[1][1]
    assert "application/pdf" in rejected[2][1] and "revisit" in rejected[3][1]


def test_warc_text_is_the_html_readers_text(tmp_path):
    page = news_page("Gunmen kill seven villagers", LEAD, published="2024-03-06")
    (tmp_path / "page.html").write_bytes(page)
    write_warc(tmp_path / "one.warc", [Capture("https://example-news.org/a", page)])
    from_html = read_html(page, "page.html", 200_000)
    from_warc = next(item for item in read_inputs([str(tmp_path / "one.warc")]) if isinstance(item, Article))
    assert (from_warc.text, from_warc.title, from_warc.published, from_warc.id) == (
        from_html.text, from_html.title, from_html.published, from_html.id)


def test_warc_resource_records_and_folder_walk(tmp_path):
    page = news_page("Car bomb in Mogadishu", SECOND)
    (tmp_path / "crawl").mkdir()
    write_warc(tmp_path / "crawl" / "a.warc.gz", [Capture("https://example-news.org/r", page, record_type="resource", content_type="text/html")])
    (tmp_path / "crawl" / "notes.pdf").write_bytes(b"%PDF")
    items = list(read_inputs([str(tmp_path / "crawl")]))
    assert isinstance(items[0], Article) and items[0].title == "Car bomb in Mogadishu"
    assert isinstance(items[1], Rejection) and items[1].code == "E108"


def test_warc_without_captures_is_empty(tmp_path):
    write_warc(tmp_path / "empty.warc.gz", [])
    [item] = read_inputs([str(tmp_path / "empty.warc.gz")])
    assert item.code == "E103"


def test_damaged_warc_keeps_what_was_read(tmp_path):
    path = tmp_path / "cut.warc"
    write_warc(path, _captures()[:2])
    data = path.read_bytes()
    path.write_bytes(data + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>")
    items = list(read_inputs([str(path)]))
    assert sum(isinstance(item, Article) for item in items) == 2
    assert isinstance(items[-1], Rejection) and items[-1].code in {"E107", "E122"}

    bad_gzip = tmp_path / "bad.warc.gz"
    bad_gzip.write_bytes(gzip.compress(data)[:200])
    items = list(read_inputs([str(bad_gzip)]))
    assert isinstance(items[-1], Rejection) and items[-1].code == "E107"


def test_warc_record_size_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(warc_reader, "MAX_RECORD_BYTES", 1000)
    write_warc(tmp_path / "big.warc", [Capture("https://example-news.org/big", news_page("Big", LEAD * 5))])
    [item] = read_inputs([str(tmp_path / "big.warc")])
    assert item.code == "E105" and "bytes" in item.reason
    monkeypatch.undo()
    [item] = read_inputs([str(tmp_path / "big.warc")], max_chars=100)
    assert item.code == "E105" and "characters" in item.reason


def test_warc_on_stdin_is_sniffed(tmp_path):
    write_warc(tmp_path / "s.warc", _captures()[:1])
    items = list(read_inputs(["-"], stdin=io.BytesIO((tmp_path / "s.warc").read_bytes())))
    assert isinstance(items[0], Article) and items[0].published == "2024-03-06"
