"""Hand-made extraction results for store tests: no language model, no third-party text."""
from __future__ import annotations

import hashlib

from tollbook.incidents.reconcile import reconcile
from tollbook.records import Article, Claim, Evidence, ExtractionResult, Report

PLACES = {  # location: (country, iso3, admin1, lat, lon)
    "Kidal": ("Mali", "MLI", "Kidal", 18.44, 1.41),
    "Gao": ("Mali", "MLI", "Gao", 16.27, -0.04),
    "Mogadishu": ("Somalia", "SOM", "Banaadir", 2.04, 45.34),
    "Kismayo": ("Somalia", "SOM", "Lower Juba", -0.36, 42.55),
}


def claim(killed: int, claimant: str = "police", start: int = 0) -> Claim:
    return Claim(figure="killed", group="unknown", victims_text=f"{killed} people", min=killed, max=killed,
                 qualifier="exact", claimant=claimant, claimant_type="unknown", start=start, end=start + 5)


def result(article_id: str, outlet: str, incidents: list[dict], published: str = "2024-03-06") -> ExtractionResult:
    """incidents: dicts with place, date, type, actor1, killed, words (the evidence sentence)."""
    texts = [f"{i['words']} in {i['place']} killed {i['killed']} people, police said." for i in incidents]
    text = " ".join(texts)
    article = Article(id=article_id, text=text, outlet=outlet, published=published, url=f"https://{outlet}/{article_id}")
    reports, offset = [], 0
    for n, (spec, sentence) in enumerate(zip(incidents, texts)):
        country, iso3, admin1, lat, lon = PLACES[spec["place"]]
        claims = (claim(spec["killed"], start=offset),) if spec.get("killed") is not None else ()
        rid = "r" + hashlib.sha1(f"{article_id}:{n}".encode()).hexdigest()[:20]
        reports.append(Report(
            report_id=rid, article_id=article_id, outlet=outlet, url=article.url, published=published,
            event_date=spec.get("date"), date_precision="day" if spec.get("date") else None,
            event_type=spec.get("event_type", "Violence against civilians"), sub_event_type=spec.get("type", "Attack"),
            actor1=spec.get("actor1"), actor2=spec.get("actor2"), actor1_text=spec.get("actor1"), actor2_text=None,
            country=country, iso3=iso3, admin1=admin1, admin2=None, location=spec["place"],
            latitude=lat, longitude=lon, geo_precision=1,
            fatalities=reconcile(claims, "killed"), civilian_fatalities=None, child_fatalities=None, injured=None,
            claims=claims, modality=spec.get("modality", "reported"),
            evidence=(Evidence(text=sentence, start=offset, end=offset + len(sentence)),)))
        offset += len(sentence) + 1
    return ExtractionResult(article=article, reports=tuple(reports))


def corpus() -> list[ExtractionResult]:
    """Three outlets on one Kidal attack, two on a Mogadishu bombing, and a second, different
    Mogadishu bombing in the same week (it must stay apart), plus single reports."""
    kidal = dict(place="Kidal", date="2024-03-04", actor1="Unidentified armed group",
                 words="Gunmen on motorbikes stormed the Anefis livestock market")
    bomb1 = dict(place="Mogadishu", date="2024-03-02", type="Remote explosive/landmine/IED",
                 event_type="Explosions/Remote violence", actor1="Al Shabaab",
                 words="A car bomb tore through the Bakara market near the Zoobe junction")
    bomb2 = dict(place="Mogadishu", date="2024-03-03", type="Remote explosive/landmine/IED",
                 event_type="Explosions/Remote violence", actor1="Al Shabaab",
                 words="A roadside device hit a minibus carrying Hamar Weyne teachers outside Lido beach")
    return [
        result("a1", "north.example", [{**kidal, "killed": 7}]),
        result("a2", "south.example", [{**kidal, "killed": 5, "date": "2024-03-05"},
                                       {**bomb1, "killed": 20}]),
        result("a3", "east.example", [{**kidal, "killed": 9, "words": kidal["words"] + " of Anefis"}]),
        result("a4", "west.example", [{**bomb1, "killed": 53, "words": bomb1["words"] + " of Bakara"},
                                      {**bomb2, "killed": 4}]),
        result("a5", "west.example", [dict(place="Gao", date="2024-02-20", killed=2, actor1="Islamic State",
                                           words="Fighters ambushed a convoy of the Tessit garrison")]),
        result("a6", "north.example", [dict(place="Kismayo", date="2024-02-25", killed=None,
                                            type="Peaceful protest", event_type="Protests",
                                            words="Hundreds of Kismayo residents marched against fuel prices",
                                            modality="reported")]),
        result("a7", "north.example", [dict(place="Gao", date="2024-03-01", killed=1, modality="planned",
                                            words="Militants threatened to attack the Gao bridge")]),
    ]
