"""Synthetic incidents for the API benchmark, written straight into the store's tables.

Loading a million incidents through ``Store.ingest`` would benchmark the merge
(issue 5's bench does that); the API bench needs the tables as the store leaves
them, so rows are generated in the store's own column layout (taken from
``tollbook.store.schema``) and inserted in large transactions.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3

from tollbook.incidents.merging.features import norm
from tollbook.records import EXTRACTOR_VERSION, Article, Claim, Evidence, ExtractionResult, Range, Report
from tollbook.store import open_store
from tollbook.store.schema import articles, claims, incident_terms, incidents, reports

# Synthetic, not a gazetteer: names and rough centres so that points cluster like real data.
COUNTRIES = [
    ("Syria", "SYR", 35.0, 38.5), ("Iraq", "IRQ", 33.2, 43.7), ("Yemen", "YEM", 15.5, 47.5),
    ("Afghanistan", "AFG", 34.0, 66.0), ("Somalia", "SOM", 5.2, 46.2), ("Nigeria", "NGA", 9.1, 8.7),
    ("Mali", "MLI", 17.6, -4.0), ("Burkina Faso", "BFA", 12.2, -1.6), ("Sudan", "SDN", 15.5, 30.2),
    ("South Sudan", "SSD", 7.3, 30.0), ("Democratic Republic of Congo", "COD", -2.9, 23.6),
    ("Ukraine", "UKR", 48.4, 31.2), ("Myanmar", "MMR", 21.9, 95.9), ("Mexico", "MEX", 23.6, -102.5),
    ("Colombia", "COL", 4.6, -74.1), ("Pakistan", "PAK", 30.4, 69.3), ("Ethiopia", "ETH", 9.1, 40.5),
    ("Libya", "LBY", 26.3, 17.2), ("Cameroon", "CMR", 7.4, 12.4), ("Mozambique", "MOZ", -18.7, 35.5),
    ("Philippines", "PHL", 12.9, 121.8), ("India", "IND", 22.0, 79.0), ("Palestine", "PSE", 31.9, 35.2),
    ("Lebanon", "LBN", 33.9, 35.9), ("Haiti", "HTI", 19.0, -72.3), ("Niger", "NER", 17.6, 8.1),
]
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
         ("Violence against civilians", "Attack"), ("Violence against civilians", "Abduction/forced disappearance"),
         ("Protests", "Peaceful protest"), ("Riots", "Mob violence"), ("Strategic developments", "Arrests")]
SYLLABLES = ["ka", "ra", "mi", "do", "su", "al", "ba", "ti", "ne", "zo", "har", "kel", "mun", "sar", "tal", "qu"]
FIRST_DAY = dt.date(2015, 1, 1).toordinal()
DAYS = 3650
OUTLETS = [f"outlet{n}.example" for n in range(40)]


def place_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def actor_names(country: str) -> list[str]:
    return [f"Military Forces of {country}", f"Civilians ({country})", "Unidentified armed group",
            *(f"Armed group {n}" for n in range(12))]


def synthetic_rows(n: int, seed: int = 6):
    """Yield (incident, report, claim, article, terms) rows for incident number 0..n-1."""
    rng = random.Random(seed)
    places = {c[0]: [place_name(rng) for _ in range(300)] for c in COUNTRIES}
    for k in range(n):
        country, iso3, lat0, lon0 = COUNTRIES[min(int(rng.expovariate(0.15)), len(COUNTRIES) - 1)]
        event_type, sub = rng.choice(TYPES)
        actor1, actor2 = rng.sample(actor_names(country), 2)
        location = rng.choice(places[country])
        day = dt.date.fromordinal(FIRST_DAY + int(rng.triangular(0, DAYS, DAYS))).isoformat()
        killed = int(rng.expovariate(0.2))
        text = f"{actor1} and {actor2}: {killed} people were killed in {location}, {country}, officials said."
        iid, rid, aid = f"i{k:09d}", f"r{k:09d}", f"a{k:09d}"
        event = {"event_date": day, "date_precision": "day", "event_type": event_type, "sub_event_type": sub,
                 "actor1": actor1, "actor2": actor2, "actor1_text": None, "actor2_text": None,
                 "country": country, "iso3": iso3, "admin1": None, "admin2": None, "location": location,
                 "latitude": round(lat0 + rng.gauss(0, 2.0), 4), "longitude": round(lon0 + rng.gauss(0, 2.5), 4),
                 "geo_precision": 1, **_ranges(killed)}
        outlet = rng.choice(OUTLETS)
        incident = {"incident_id": iid, **event, "report_count": 1, "report_ids": json.dumps([rid]),
                    "outlets": json.dumps([outlet])}
        figure_at = text.index(f"{killed} people")
        report = {"report_id": rid, "article_id": aid, "position": 0, "outlet": outlet, "url": None,
                  "published": day, **event, "modality": "reported",
                  "evidence": json.dumps([{"text": text, "start": 0, "end": len(text)}]), "denials": "[]",
                  "field_evidence": "{}", "trigger": "killed", "extractor": EXTRACTOR_VERSION, "terms": "",
                  "incident_id": iid, "component_id": rid}
        claim = {"report_id": rid, "position": 0, "figure": "killed", "group": "unknown",
                 "victims_text": f"{killed} people", "min": killed, "max": killed, "qualifier": "exact",
                 "claimant": "officials", "claimant_type": "government", "start": figure_at,
                 "end": figure_at + len(f"{killed} people"), "claimant_person": None, "includes_attacker": False,
                 "superseded": False, "subset_of": None, "kind": "figure"}
        article = {"article_id": aid, "url": f"https://{outlet}/{k}", "outlet": outlet, "published": day,
                   "title": f"{sub} in {location}", "text": text, "extractor": EXTRACTOR_VERSION,
                   "report_count": 1}
        words = {norm(w) for w in f"{location} {country} {iso3} {actor1} {sub}".split()} - {None}
        yield incident, report, claim, article, [(w[:64], iid) for w in sorted(words)]


def _ranges(killed: int) -> dict:
    out = {f"{name}_{part}": None for name in ("fatalities", "civilian_fatalities", "child_fatalities", "injured")
           for part in ("min", "max", "best")}
    out.update({"fatalities_min": killed, "fatalities_max": killed, "fatalities_best": killed})
    return out


def build_database(path: str, n: int, chunk: int = 20_000) -> None:
    """A SQLite store with n synthetic incidents (schema and indexes from the store's migrations)."""
    open_store(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    # A bulk load: no journal, indexes built once at the end (sorted, far faster than row by row).
    indexes = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    tables = (incidents, reports, claims, articles)
    statements = [_insert(table) for table in tables]
    terms_sql = _insert(incident_terms)
    buffers: list[list] = [[], [], [], [], []]
    for rows in synthetic_rows(n):
        for buffer, row in zip(buffers, rows[:4]):
            buffer.append(row)
        buffers[4].extend(rows[4])
        if len(buffers[0]) >= chunk:
            _flush(conn, statements, terms_sql, tables, buffers)
    _flush(conn, statements, terms_sql, tables, buffers)
    for _, sql in indexes:
        conn.execute(sql)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()


def _insert(table) -> str:
    names = [c.name for c in table.columns]
    quoted = ", ".join(f'"{name}"' for name in names)
    return f'INSERT INTO {table.name} ({quoted}) VALUES ({", ".join("?" for _ in names)})'


def _flush(conn, statements, terms_sql, tables, buffers) -> None:
    conn.execute("BEGIN")
    for sql, table, buffer in zip(statements, tables, buffers):
        names = [c.name for c in table.columns]
        conn.executemany(sql, [tuple(row.get(name) for name in names) for row in buffer])  # columns added later: NULL
    conn.executemany(terms_sql, buffers[4])
    conn.execute("COMMIT")
    for buffer in buffers:
        buffer.clear()


def ingest_stream(start: int, seed: int = 60):
    """Extraction results for new articles, to ingest (through Store.ingest) while the server is loaded."""
    rng = random.Random(seed)
    for k in range(start, start + 10_000_000):
        country, iso3, lat, lon = rng.choice(COUNTRIES)
        killed = rng.randint(1, 30)
        location = place_name(rng)
        text = f"Gunmen killed {killed} people in {location}, {country}, on Monday, officials said."
        day = dt.date.fromordinal(FIRST_DAY + rng.randrange(DAYS)).isoformat()
        article = Article(id=f"bench-ingest-{k}", text=text, outlet="ingest.example", published=day)
        claim = Claim(figure="killed", group="unknown", victims_text=f"{killed} people", min=killed, max=killed,
                      qualifier="exact", claimant="officials", claimant_type="government",
                      start=text.index(f"{killed} people"), end=text.index(f"{killed} people") + len(f"{killed} people"))
        report = Report(report_id=f"rbench-ingest-{k}", article_id=article.id, outlet=article.outlet, url=None,
                        published=day, event_date=day, date_precision="day",
                        event_type="Violence against civilians", sub_event_type="Attack",
                        actor1="Unidentified armed group", actor2=f"Civilians ({country})", actor1_text="Gunmen",
                        actor2_text=None, country=country, iso3=iso3, admin1=None, admin2=None, location=location,
                        latitude=lat + rng.uniform(-1, 1), longitude=lon + rng.uniform(-1, 1), geo_precision=1,
                        fatalities=Range(min=killed, max=killed, best=killed), civilian_fatalities=None,
                        child_fatalities=None, injured=None, claims=(claim,), modality="reported",
                        evidence=(Evidence(text=text, start=0, end=len(text)),))
        yield ExtractionResult(article=article, reports=(report,))
