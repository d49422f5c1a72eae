"""Readers: every format, folders, stdin, and every rejection code (model-free)."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tollbook.errors import CODES
from tollbook.records import Article, Rejection
from tollbook.sources import content_id, read_inputs
from tollbook.sources.dates import normalise_published
from tollbook.sources.text import headline

BODY = ("Two farmers were killed and three wounded when a roadside bomb struck their "
        "tractor near the village of Kelmora on Sunday, a district official said.")


def read(*paths, **kwargs) -> list[Article | Rejection]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def codes(results) -> list[str]:
    return [r.code if isinstance(r, Rejection) else "article" for r in results]


def only(results) -> Article | Rejection:
    assert len(results) == 1, results
    return results[0]


def write_jsonl(path: Path, *records) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def expected_hash(text: str) -> str:
    canonical = unicodedata.normalize("NFC", text).strip()
    return "a" + hashlib.sha256(canonical.encode()).hexdigest()[:16]


# ---------------------------------------------------------------- JSON formats

def test_jsonl_fields_kept_and_derived(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", {
        "id": 42, "text": BODY + "\r\nSecond line.", "title": " Bomb hits tractor ",
        "url": "https://www.example-news.org/a/1", "published": "2024-03-05",
    })
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.id == "42"
    assert article.text == BODY + "\r\nSecond line."  # exactly as given: offsets index into it
    assert article.title == "Bomb hits tractor"
    assert article.outlet == "example-news.org"
    assert article.published == "2024-03-05"
    assert article.source == f"{path}:1"


def test_jsonl_given_outlet_wins_and_blank_values_are_none(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", {
        "text": BODY, "outlet": "presstv", "url": "https://www.presstv.ir/x",
        "title": "  ", "published": "",
    }, {"text": BODY, "url": "", "outlet": None})
    first, second = read(path)
    assert first.outlet == "presstv"
    assert first.title is None and first.published is None
    assert second.url is None and second.outlet is None


def test_jsonl_skips_blank_lines_and_keeps_order(tmp_path):
    path = tmp_path / "in.ndjson"
    path.write_text(json.dumps({"id": "x1", "text": BODY}) + "\n\n   \n"
                    + json.dumps({"id": "x2", "text": BODY}) + "\n", encoding="utf-8")
    results = read(path)
    assert [a.id for a in results] == ["x1", "x2"]
    assert results[1].source == f"{path}:4"


def test_jsonl_gz(tmp_path):
    path = tmp_path / "in.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g1", "text": BODY}) + "\n")
    assert only(read(path)).id == "g1"


def test_jsonl_strips_bom(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "b1", "text": BODY}).encode() + b"\n")
    assert only(read(path)).id == "b1"


def test_json_list_single_object_and_lines(tmp_path):
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([{"id": "l1", "text": BODY}, {"id": "l2", "text": BODY}, 7]))
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"id": "s1", "text": BODY}, indent=2))
    lines = write_jsonl(tmp_path / "lines.json", {"id": "j1", "text": BODY}, {"id": "j2", "text": BODY})
    results = read(listed, single, lines)
    assert codes(results) == ["article", "article", "E110", "article", "article", "article"]
    assert [r.id for r in results if isinstance(r, Article)] == ["l1", "l2", "s1", "j1", "j2"]
    assert results[2].source == f"{listed}[2]"


# ---------------------------------------------------------------- CSV

def test_csv_rows_keep_text_exactly(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(b'ID, Text ,url,published\r\n'
                     b'c1,"First line,\r\nsecond line",https://www.example-news.org/c,16 October 2017\r\n'
                     b'c2,"' + BODY.encode() + b'",,\r\n')
    first, second = read(path)
    assert first.id == "c1" and first.text == "First line,\r\nsecond line"
    assert first.outlet == "example-news.org" and first.published == "2017-10-16"
    assert second.url is None and second.published is None
    assert second.source == f"{path}:4"


def test_csv_bad_rows_do_not_stop_the_file(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(f'id,text\nr1,"{BODY}"\nr2,too,many\nr3,\n"r4","x"y\nr5,"{BODY}"\n', encoding="utf-8")
    results = read(path)
    assert codes(results) == ["article", "E109", "E103", "E109", "article"]
    assert results[1].source == f"{path}:3"
    assert results[2].article_id == "r3"


def test_csv_without_text_column_or_rows(tmp_path):
    no_text = tmp_path / "a.csv"
    no_text.write_text("id,body\n1,hello\n")
    header_only = tmp_path / "b.csv"
    header_only.write_text("id,text\n")
    results = read(no_text, header_only)
    assert codes(results) == ["E106", "E103"]
    assert "'body'" in results[0].reason


def test_csv_text_longer_than_default_csv_field_limit(tmp_path):
    long_text = ("word " * 30_000).strip()  # 150k chars: over csv's own 131072 default
    path = tmp_path / "long.csv"
    path.write_text(f"text\n{long_text}\n", encoding="utf-8")
    assert only(read(path)).text == long_text


# ---------------------------------------------------------------- plain text

def test_txt_one_article_with_headline_and_hash_id(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"Roadside bomb kills two farmers\r\n\r\n" + BODY.encode() + b"\r\n")
    article = only(read(path))
    assert article.text == "Roadside bomb kills two farmers\n\n" + BODY + "\n"
    assert article.title == "Roadside bomb kills two farmers"
    assert article.id == expected_hash(article.text) == content_id(article.text)
    assert article.id.startswith("a") and len(article.id) == 17
    assert article.url is None and article.outlet is None and article.published is None
    assert only(read(path)).id == article.id  # stable across runs


def test_txt_gz_and_dot_text(tmp_path):
    gz = tmp_path / "a.txt.gz"
    gz.write_bytes(gzip.compress(BODY.encode()))
    plain = tmp_path / "b.text"
    plain.write_text(BODY)
    assert [a.text for a in read(gz, plain)] == [BODY, BODY]


@pytest.mark.parametrize("text, title", [
    ("Roadside bomb kills two\n\n" + BODY, "Roadside bomb kills two"),
    (BODY + "\nMore text.", None),  # first line is a sentence
    ("Roadside bomb kills two", None),  # one line is all body
    ("Gunmen killed five people on Monday.\nMore.", None),
    ("\n\n  Curfew imposed in Kelmora  \nBody.", "Curfew imposed in Kelmora"),
])
def test_headline_heuristic(text, title):
    assert headline(text) == title


def test_hash_id_ignores_normalisation_and_outer_whitespace():
    composed, decomposed = "Caf\u00e9 shelled", "Cafe\u0301 shelled"
    assert content_id(composed) == content_id("  " + decomposed + "\n")


# ---------------------------------------------------------------- HTML

def html_page(head: str = "", body_text: str = BODY) -> str:
    paragraphs = "".join(f"<p>{body_text} Paragraph {i} adds detail on the aftermath.</p>"
                         for i in range(3))
    return (f"<!DOCTYPE html><html><head><title>Bomb kills farmers | Example News</title>{head}"
            f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>Bomb kills farmers near Kelmora</h1>{paragraphs}</article>"
            f"<footer>Copyright Example News</footer></body></html>")


def test_html_text_title_date_and_canonical_url(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(html_page(
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        '<meta property="og:url" content="https://www.example-news.org/og">'
        '<link rel="canonical" href="https://www.example-news.org/world/bomb-kills-farmers">'
    ), encoding="utf-8")
    article = only(read(path))
    assert isinstance(article, Article), article
    assert BODY in article.text
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.published == "2024-03-05"
    assert article.title == "Bomb kills farmers near Kelmora"
    assert article.url == "https://www.example-news.org/world/bomb-kills-farmers"
    assert article.outlet == "example-news.org"
    assert article.id == expected_hash(article.text)


def test_html_og_url_fallback_and_no_date(tmp_path):
    path = tmp_path / "page.htm.gz"
    path.write_bytes(gzip.compress(html_page(
        '<link rel="canonical" href="/relative/only">'
        '<meta property="og:url" content="https://example-news.org/og-only">').encode()))
    article = only(read(path))
    assert article.url == "https://example-news.org/og-only"
    assert article.published is None  # never the processing date


def test_html_latin1_page_is_read_by_its_charset(tmp_path):
    path = tmp_path / "latin.html"
    page = html_page('<meta charset="iso-8859-1">', body_text=BODY + " Caf\u00e9 owners fled.")
    path.write_bytes(page.encode("latin-1"))
    assert "Caf\u00e9 owners fled." in only(read(path)).text


def test_html_without_main_text_is_empty(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    assert codes(read(path)) == ["E103"]


# ---------------------------------------------------------------- folders

def test_folder_recursion_order_hidden_and_unknown(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("one " + BODY)
    (tmp_path / "b" / "deep" / "x.txt").write_text("two " + BODY)
    (tmp_path / "b" / "y.jsonl").write_text(json.dumps({"id": "y", "text": BODY}) + "\n")
    (tmp_path / "c.txt").write_text("three " + BODY)
    (tmp_path / ".secret.txt").write_text("hidden " + BODY)
    (tmp_path / ".hidden" / "z.txt").write_text("hidden " + BODY)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "notes").write_text("not an article")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    results = read(tmp_path)
    assert [Path(r.source.split(":")[0]).relative_to(tmp_path).as_posix() for r in results] == [
        "a.txt", "b/deep/x.txt", "b/y.jsonl", "c.txt", "report.pdf"]
    assert codes(results) == ["article"] * 4 + ["E108"]


def test_paths_are_read_in_the_order_given(tmp_path):
    first = write_jsonl(tmp_path / "z.jsonl", {"id": "z", "text": BODY})
    second = write_jsonl(tmp_path / "a.jsonl", {"id": "a", "text": BODY})
    assert [a.id for a in read(first, second)] == ["z", "a"]


# ---------------------------------------------------------------- stdin

def test_stdin_jsonl_binary_and_text_streams():
    data = json.dumps({"id": "s1", "text": BODY}) + "\n{oops\n"
    for stream in (io.BytesIO(data.encode()), io.StringIO(data)):
        results = read("-", stdin=stream)
        assert codes(results) == ["article", "E104"]
        assert results[0].source == "<stdin>:1" and results[1].source == "<stdin>:2"


def test_stdin_plain_text_and_json_list():
    article = only(read("-", stdin=io.StringIO("\n  " + BODY)))
    assert article.text == "\n  " + BODY and article.source == "<stdin>"
    listed = read("-", stdin=io.BytesIO(json.dumps([{"id": "l", "text": BODY}]).encode()))
    assert [a.id for a in listed] == ["l"]


def test_stdin_html_is_sniffed():
    article = only(read("-", stdin=io.StringIO(html_page())))
    assert BODY in article.text


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("given, expected", [
    ("2024-03-05", "2024-03-05"),
    ("2024-03-05T10:00:00Z", "2024-03-05T10:00:00Z"),
    ("2024-03-05T10:00:00.123+03:00", "2024-03-05T10:00:00.123+03:00"),
    ("2024-03-05 10:00", "2024-03-05T10:00:00"),
    ("20240305", "2024-03-05"),
    ("Mon, 16 Oct 2017 10:00:00 GMT", "2017-10-16T10:00:00+00:00"),
    ("16 October 2017", "2017-10-16"),
    ("October 16, 2017", "2017-10-16"),
    ("Oct 16, 2017", "2017-10-16"),
    ("16.10.2017", "2017-10-16"),
    ("03/05/2024", None),  # day/month order unknowable
    ("last Tuesday", None),
    ("2024-13-45", None),
    ("", None),
    (None, None),
])
def test_normalise_published(given, expected):
    assert normalise_published(given) == expected


# ---------------------------------------------------------------- rejections

def test_e101_not_utf8(tmp_path):
    txt = tmp_path / "latin.txt"
    txt.write_bytes("Caf\u00e9 shelled in Kelmora".encode("latin-1"))
    utf16 = tmp_path / "wide.txt"
    utf16.write_bytes(BODY.encode("utf-16"))
    lines = tmp_path / "mixed.jsonl"
    lines.write_bytes(json.dumps({"text": BODY}).encode() + b"\n"
                      + '{"text": "Caf\u00e9"}'.encode("latin-1") + b"\n"
                      + b'{"text": "lone \\ud800 surrogate"}\n')
    results = read(txt, utf16, lines)
    assert codes(results) == ["E101", "E101", "article", "E101", "E101"]
    assert results[3].source == f"{lines}:2"


def test_e102_binary(tmp_path):
    txt = tmp_path / "blob.txt"
    txt.write_bytes(b"GIF89a\x00\x01\x02\x03" * 50)
    jsonl = tmp_path / "blob.jsonl"
    jsonl.write_bytes(bytes(range(256)) * 4)
    csvfile = tmp_path / "blob.csv"
    csvfile.write_bytes(b"text\n\x00\x00\x00\n")
    assert codes(read(txt, jsonl, csvfile)) == ["E102", "E102", "E102"]


def test_e103_empty(tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    lines = write_jsonl(tmp_path / "in.jsonl", {"id": "e1", "text": "   "})
    results = read(blank, empty, lines)
    assert codes(results) == ["E103", "E103", "E103"]
    assert results[2].article_id == "e1"


def test_e104_malformed_json_names_the_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": BODY}) + "\n" + '{"text": "cut off\n' + json.dumps({"text": BODY}) + "\n")
    results = read(path)
    assert codes(results) == ["article", "E104", "article"]
    assert results[1].source == f"{path}:2"
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "\n")
    assert codes(read(deep)) == ["E104"]


def test_e105_over_the_bounds(tmp_path):
    lines = write_jsonl(tmp_path / "in.jsonl", {"id": "big", "text": "x" * 101})
    txt = tmp_path / "big.txt"
    txt.write_text("y" * 1000)  # over 4 * max_chars bytes: refused unread
    csvfile = tmp_path / "big.csv"
    csvfile.write_text("text\n" + "z" * 101 + "\n")
    results = read(lines, txt, csvfile, max_chars=100)
    assert codes(results) == ["E105", "E105", "E105"]
    assert results[0].article_id == "big"


def test_e105_overlong_jsonl_line_is_skipped_not_held(tmp_path):
    from tollbook.sources.jsonl import line_limit
    path = tmp_path / "in.jsonl"
    long_line = json.dumps({"id": "huge", "text": "w" * (line_limit(10) + 10)})
    path.write_text(long_line + "\n" + json.dumps({"id": "after", "text": "short one"}) + "\n")
    results = read(path, max_chars=10)
    assert codes(results) == ["E105", "article"]
    assert results[0].source == f"{path}:1" and results[1].source == f"{path}:2"


def test_e105_html_file_over_the_file_bound(tmp_path, monkeypatch):
    import tollbook.sources.dispatch as dispatch
    monkeypatch.setattr(dispatch, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.html"
    path.write_text(html_page())
    assert codes(read(path)) == ["E105"]


def test_e106_missing_text(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", {"id": "n1", "title": "No body"}, {"id": "n2", "text": None})
    results = read(path)
    assert codes(results) == ["E106", "E106"]
    assert [r.article_id for r in results] == ["n1", "n2"]


def test_e107_unreadable(tmp_path):
    corrupt = tmp_path / "bad.txt.gz"
    corrupt.write_bytes(b"this is not gzip data at all")
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(gzip.compress((json.dumps({"text": BODY}) + "\n").encode() * 500)[:300])
    results = read(tmp_path / "missing.jsonl", corrupt, truncated)
    assert codes(results)[:2] == ["E107", "E107"]
    assert codes(results)[-1] == "E107"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_e107_permission_denied(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(BODY)
    path.chmod(0)
    assert codes(read(path)) == ["E107"]


def test_e108_unsupported_explicit_file(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")
    no_extension = tmp_path / "README"
    no_extension.write_text(BODY)
    assert codes(read(path, no_extension)) == ["E108", "E108"]


def test_e109_unterminated_quote(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(f'id,text\nq1,"{BODY}"\nq2,"never closed\n')
    assert codes(read(path)) == ["article", "E109"]


@pytest.mark.parametrize("record", [
    {"text": 12345},
    {"text": ["a", "list"]},
    {"text": BODY, "published": 20240305},
    {"text": BODY, "url": {"href": "x"}},
    {"text": BODY, "id": ["x"]},
    {"text": BODY, "id": True},
])
def test_e110_wrong_field_type(tmp_path, record):
    path = write_jsonl(tmp_path / "in.jsonl", record)
    assert codes(read(path)) == ["E110"]


def test_rejections_keep_stream_order(tmp_path):
    good = write_jsonl(tmp_path / "a.jsonl", {"id": "1", "text": BODY}, {"text": 5}, {"id": "3", "text": BODY})
    results = read(good, tmp_path / "nope.txt", good)
    assert codes(results) == ["article", "E110", "article", "E107", "article", "E110", "article"]


# ---------------------------------------------------------------- property

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600) | st.text(max_size=300).map(str.encode),
       suffix=st.sampled_from([".jsonl", ".txt", ".csv", ".json", ".ndjson", ".html"]))
def test_arbitrary_bytes_never_raise(tmp_path_factory, data, suffix):
    path = tmp_path_factory.getbasetemp() / f"fuzz{suffix}"
    path.write_bytes(data)
    results = read(path, max_chars=200)
    assert results, "every file yields at least one Article or Rejection"
    for result in results:
        assert isinstance(result, (Article, Rejection))
        if isinstance(result, Rejection):
            assert result.code in CODES
        else:
            assert result.text.strip() and len(result.text) <= 200 and result.id
            assert "" not in (result.url, result.outlet, result.published, result.title)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_arbitrary_stdin_never_raises(data):
    for result in read("-", stdin=io.BytesIO(data)):
        assert isinstance(result, (Article, Rejection))
