"""A small seeded corpus for the API and browser tests, built as extraction results (no model needed).

Two outlets tell one Mali attack with different tolls (so the merged incident
has two reports and a contested figure); a hostile article carries script tags,
an onerror attribute and a javascript: url; a few dozen plain incidents spread
over dates and countries give the map and the timeline something to show.
"""
from __future__ import annotations

import datetime as dt

from tollbook.records import Article, Claim, Denial, Evidence, ExtractionResult, Range, Report

HOSTILE_SCRIPT = "<script>window.__pwned = 'script'</script>"
HOSTILE_IMG = '"><img src=x onerror="window.__pwned = \'img\'">'
HOSTILE_URL = "javascript:window.__pwned='url'"

PLACES = [  # country, iso3, admin1, location, lat, lon
    ("Mali", "MLI", "Gao", "Anefis", 17.98, 0.52),
    ("Syria", "SYR", "Idlib", "Maarrat al-Nu'man", 35.65, 36.68),
    ("Nigeria", "NGA", "Borno", "Maiduguri", 11.85, 13.16),
    ("Somalia", "SOM", "Banaadir", "Mogadishu", 2.04, 45.34),
    ("Ukraine", "UKR", "Kharkiv", "Kharkiv", 49.99, 36.23),
    ("Yemen", "YEM", "Taizz", "Taizz", 13.58, 44.02),
]


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _claim(text, phrase, n, claimant, claimant_type, *, high=None, qualifier="exact", group="unknown",
           superseded=False) -> Claim:
    start, end = _span(text, phrase)
    return Claim(figure="killed", group=group, victims_text=phrase, min=n, max=high or n, qualifier=qualifier,
                 claimant=claimant, claimant_type=claimant_type, start=start, end=end, superseded=superseded)


def _evidence(text: str, sentence: str) -> Evidence:
    start, end = _span(text, sentence)
    return Evidence(text=sentence, start=start, end=end)


def _report(article: Article, place, date: str, claims, evidence, *, sub="Attack",
            event_type="Violence against civilians", actor1="Unidentified armed group",
            actor2=None, denials=(), report_no=0) -> Report:
    country, iso3, admin1, location, lat, lon = place
    killed = [c for c in claims if c.figure == "killed"]
    fatalities = Range(min=min(c.min for c in killed), max=max(c.max for c in killed),
                       best=min(c.min for c in killed if not c.superseded)) if killed else None
    return Report(report_id=f"r{article.id}-{report_no}", article_id=article.id, outlet=article.outlet,
                  url=article.url, published=article.published, event_date=date, date_precision="day",
                  event_type=event_type, sub_event_type=sub, actor1=actor1, actor2=actor2 or f"Civilians ({country})",
                  actor1_text="gunmen", actor2_text="villagers", country=country, iso3=iso3, admin1=admin1,
                  admin2=None, location=location, latitude=lat, longitude=lon, geo_precision=1,
                  fatalities=fatalities, civilian_fatalities=None, child_fatalities=None, injured=None,
                  claims=tuple(claims), modality="reported", evidence=tuple(evidence), denials=tuple(denials))


def mali_reports() -> list[ExtractionResult]:
    first = ("BAMAKO - Unidentified gunmen attacked the village of Anefis in northern Mali on Monday, "
             "killing seven villagers, a local official said. Initial reports had put the toll at five.")
    second = ("Gunmen killed at least five civilians in Anefis, Mali, on Monday, the army said. "
              "A rebel spokesman denied that his fighters were involved.")
    a = Article(id="amali-first", text=first, url="https://example-news.org/mali/anefis", outlet="example-news.org",
                published="2024-03-06", title="Gunmen kill seven in Anefis")
    b = Article(id="amali-second", text=second, url="https://wire.example.com/anefis", outlet="wire.example.com",
                published="2024-03-05", title="Attack on Anefis")
    sentence_a = first.split(". ")[0] + "."
    report_a = _report(a, PLACES[0], "2024-03-04", [
        _claim(first, "seven villagers", 7, "local official", "local_official", group="civilians"),
        _claim(first, "five", 5, "Initial reports", "unknown", superseded=True)],
        [_evidence(first, sentence_a), _evidence(first, "Initial reports had put the toll at five.")])
    denial_text = "A rebel spokesman denied that his fighters were involved."
    ds, de = _span(second, denial_text)
    report_b = _report(b, PLACES[0], "2024-03-04", [
        _claim(second, "at least five civilians", 5, "army", "military", qualifier="at least", group="civilians")],
        [_evidence(second, second.split(". ")[0] + ".")],
        denials=[Denial(text=denial_text, claimant="rebel spokesman", claimant_type="armed_group", start=ds, end=de)])
    return [ExtractionResult(article=a, reports=(report_a,)), ExtractionResult(article=b, reports=(report_b,))]


def hostile_report() -> ExtractionResult:
    text = (f"MAIDUGURI - {HOSTILE_SCRIPT} Militants killed twelve people in Maiduguri on Friday, "
            f"police said {HOSTILE_IMG}. Witnesses \U0001F4F7 said the attackers fled.")
    article = Article(id="ahostile", text=text, url=HOSTILE_URL, outlet="hostile.example",
                      published="2024-02-10", title=f"Attack {HOSTILE_IMG}")
    sentence = f"Militants killed twelve people in Maiduguri on Friday, police said {HOSTILE_IMG}."
    report = _report(article, PLACES[2], "2024-02-09",
                     [_claim(text, "twelve people", 12, "police", "government")],
                     [_evidence(text, sentence), _evidence(text, "Witnesses \U0001F4F7 said the attackers fled.")],
                     actor1=f"Militants {HOSTILE_SCRIPT}")
    return ExtractionResult(article=article, reports=(report,))


def plain_reports(count: int = 36) -> list[ExtractionResult]:
    results = []
    start = dt.date(2024, 1, 1)
    for n in range(count):
        place = PLACES[1 + n % (len(PLACES) - 1)]
        day = (start + dt.timedelta(days=5 * n)).isoformat()
        killed = 2 + n % 9
        sub, event_type = (("Air/drone strike", "Explosions/Remote violence") if n % 3 == 0 else
                           ("Armed clash", "Battles") if n % 3 == 1 else ("Attack", "Violence against civilians"))
        text = (f"An incident in {place[3]}, {place[0]}, on {day} left {killed} people dead, "
                f"officials said. It was number {n} this season.")
        article = Article(id=f"aplain{n:03d}", text=text, url=f"https://news.example.org/{n}",
                          outlet=f"outlet{n % 4}.example", published=day, title=f"{sub} in {place[3]}")
        report = _report(article, place, day, [_claim(text, f"{killed} people", killed, "officials", "government")],
                         [_evidence(text, text.split(". ")[0] + ".")], sub=sub, event_type=event_type,
                         actor1="Military Forces" if n % 2 else "Unidentified armed group")
        results.append(ExtractionResult(article=article, reports=(report,)))
    return results


def seed_results() -> list[ExtractionResult]:
    return mali_reports() + [hostile_report()] + plain_reports()
