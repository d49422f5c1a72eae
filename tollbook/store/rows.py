"""Records to table rows and back: one place that knows how a report is laid out in SQL."""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import select

from ..incidents.merging import text_terms
from ..records import Article, Claim, Range, Rejection, Report
from .schema import RANGE_FIELDS, claims

SCALARS = ("outlet", "url", "published", "event_date", "date_precision", "event_type", "sub_event_type",
           "actor1", "actor2", "actor1_text", "actor2_text", "country", "iso3", "admin1", "admin2", "location",
           "latitude", "longitude", "geo_precision")
EVENT_FIELDS = SCALARS[3:]
CLAIM_FIELDS = ("figure", "group", "victims_text", "min", "max", "qualifier", "claimant", "claimant_type",
                "start", "end", "claimant_person", "includes_attacker", "superseded", "subset_of", "kind", "adds_to")


def dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def article_row(article: Article, extractor: str, report_count: int) -> dict:
    return {"article_id": article.id, "url": article.url, "outlet": article.outlet, "published": article.published,
            "title": article.title, "text": article.text, "extractor": extractor, "report_count": report_count}


def report_row(report: Report, position: int) -> dict:
    row = {"report_id": report.report_id, "article_id": report.article_id, "position": position}
    row.update({name: getattr(report, name) for name in SCALARS})
    row.update(range_columns({name: getattr(report, name) for name in RANGE_FIELDS}))
    row.update({
        "modality": report.modality,
        "evidence": dumps([e.to_dict() for e in report.evidence]),
        "denials": dumps([d.to_dict() for d in report.denials]),
        "field_evidence": dumps(report.field_evidence),
        "trigger": report.trigger, "extractor": report.extractor,
        "gazetteer_id": report.gazetteer_id,
        "place_evidence": dumps(report.place_evidence.to_dict()) if report.place_evidence else None,
        "typer": report.typer, "type_source": report.type_source, "type_probability": report.type_probability,
        "event_weekday": report.event_weekday,
        "terms": " ".join(report_terms(report)),
        "incident_id": None, "component_id": None,
    })
    return row


def report_terms(report: Report) -> list[str]:
    """The report's distinctive words, less the names of who speaks: the same police spokesman
    comments on every attack in his city, so his name says nothing about which attack it is."""
    speakers = [c.claimant for c in report.claims] + [c.claimant_person or "" for c in report.claims]
    speakers += [d.claimant for d in report.denials]
    return text_terms([e.text for e in report.evidence], exclude=frozenset(text_terms(speakers, limit=1000)))


def range_columns(ranges: dict) -> dict:
    """{'fatalities': Range | dict | None} -> {'fatalities_min': …, 'fatalities_max': …, 'fatalities_best': …}"""
    out = {}
    for name in RANGE_FIELDS:
        value = ranges.get(name)
        if isinstance(value, Range):
            value = value.to_dict()
        for key in ("min", "max", "best"):
            out[f"{name}_{key}"] = value[key] if value else None
    return out


def ranges_of(row) -> dict:
    out = {}
    for name in RANGE_FIELDS:
        low = row[f"{name}_min"]
        out[name] = None if low is None else {"min": low, "max": row[f"{name}_max"], "best": row[f"{name}_best"]}
    return out


def claim_rows(report: Report) -> list[dict]:
    return [{"report_id": report.report_id, "position": n, **{k: getattr(claim, k) for k in CLAIM_FIELDS}}
            for n, claim in enumerate(report.claims)]


def claim_from_row(row) -> Claim:
    return Claim(**{name: row[name] for name in CLAIM_FIELDS})


def claim_dict(row) -> dict:
    return {name: row[name] for name in CLAIM_FIELDS}


def rejection_row(rejection: Rejection) -> dict:
    key = f"{rejection.code}\x00{rejection.source}\x00{rejection.reason}\x00{rejection.article_id or ''}"
    return {"rejection_id": "x" + hashlib.sha1(key.encode()).hexdigest()[:20], "code": rejection.code,
            "reason": rejection.reason, "source": rejection.source, "article_id": rejection.article_id}


def report_dict(row, claims: list[dict]) -> dict:
    """A stored report in the contract's report shape (plus tollbook's added fields)."""
    out = {"report_id": row["report_id"], "article_id": row["article_id"]}
    out.update({name: row[name] for name in SCALARS})
    out.update(ranges_of(row))
    out["claims"] = claims
    out["modality"] = row["modality"]
    out["evidence"] = json.loads(row["evidence"])
    out["denials"] = json.loads(row["denials"])
    out["field_evidence"] = json.loads(row["field_evidence"])
    out["trigger"] = row["trigger"]
    out["extractor"] = row["extractor"]
    out["gazetteer_id"] = row["gazetteer_id"]
    out["place_evidence"] = json.loads(row["place_evidence"]) if row["place_evidence"] else None
    out["typer"], out["type_source"] = row["typer"], row["type_source"]
    out["type_probability"] = row["type_probability"]
    out["event_weekday"] = row["event_weekday"]
    out["incident_id"] = row["incident_id"]
    return out


CLAIMS_PER_QUERY = 500  # bound the IN list


def claims_by_report(conn, report_ids: list[str], convert: Callable) -> dict[str, list]:
    """Each report's claims in their order, read in chunks, each row made by ``convert``."""
    out: dict[str, list] = defaultdict(list)
    for start in range(0, len(report_ids), CLAIMS_PER_QUERY):
        query = (select(claims).where(claims.c.report_id.in_(report_ids[start:start + CLAIMS_PER_QUERY]))
                 .order_by(claims.c.report_id, claims.c.position))
        for row in conn.execute(query):
            out[row.report_id].append(convert(row._mapping))
    return out
