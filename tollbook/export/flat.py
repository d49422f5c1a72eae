"""Reports as flat rows: one column per scalar field, figures split into min/max/best."""
from __future__ import annotations

import json

from ..records import Report

RANGE_FIELDS = ("fatalities", "civilian_fatalities", "child_fatalities", "injured")
SCALAR_FIELDS = ("report_id", "article_id", "outlet", "url", "published", "event_date", "date_precision",
                 "event_type", "sub_event_type", "actor1", "actor2", "actor1_text", "actor2_text", "country",
                 "iso3", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "modality",
                 "gazetteer_id")
COLUMNS = SCALAR_FIELDS + tuple(f"{f}_{k}" for f in RANGE_FIELDS for k in ("min", "max", "best")) + (
    "claims", "denials", "evidence")


def flat_row(report: Report) -> dict:
    """A report as one flat dict; claims, denials and evidence as compact JSON text."""
    row = {name: getattr(report, name) for name in SCALAR_FIELDS}
    for name in RANGE_FIELDS:
        value = getattr(report, name)
        for key in ("min", "max", "best"):
            row[f"{name}_{key}"] = getattr(value, key) if value is not None else None
    row["claims"] = _compact([c.to_dict() for c in report.claims])
    row["denials"] = _compact([d.to_dict() for d in report.denials])
    row["evidence"] = _compact([e.to_dict() for e in report.evidence])
    return row


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
