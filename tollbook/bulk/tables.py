"""Extraction results as Arrow tables, and back: the Parquet layout of ``tollbook bulk``.

Five tables, one row per record, each row carrying ``position`` (the item's
place in its partition, so the stream's order is kept):

- ``articles``: the articles read (text included) and how many reports each gave;
- ``reports``: the report record; ranges are structs, evidence and denials
  lists of structs, ``field_evidence`` compact JSON (its keys vary);
- ``claims``: one row per claim, with ``report_id`` and ``claim_index``;
- ``statistics``: the aggregates, kept apart as everywhere;
- ``rejections``: what could not be read or extracted, with its code.

``results_from_tables`` inverts ``tables_from_results`` exactly: the records
read back are equal to the records written. A field added to a record needs
its column here; ``test_schemas_cover_every_record_field`` says which.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator

import pyarrow as pa

from tollbook.records import (Article, Claim, Denial, Evidence, ExtractionResult, Range, Rejection, Report,
                              Statistic)

TABLES = ("articles", "reports", "claims", "statistics", "rejections")

_RANGE = pa.struct([("min", pa.int64()), ("max", pa.int64()), ("best", pa.int64())])
_EVIDENCE = pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])
_DENIAL = pa.struct([("text", pa.string()), ("claimant", pa.string()), ("claimant_type", pa.string()),
                     ("start", pa.int64()), ("end", pa.int64())])
_TEXT = pa.string()

SCHEMAS = {
    "articles": pa.schema([
        ("position", pa.int64()), ("id", _TEXT), ("url", _TEXT), ("outlet", _TEXT), ("published", _TEXT),
        ("title", _TEXT), ("source", _TEXT), ("text", _TEXT), ("reports", pa.int64()),
    ]),
    "reports": pa.schema([
        ("position", pa.int64()), ("report_id", _TEXT), ("article_id", _TEXT), ("outlet", _TEXT),
        ("url", _TEXT), ("published", _TEXT), ("event_date", _TEXT), ("date_precision", _TEXT),
        ("event_type", _TEXT), ("sub_event_type", _TEXT), ("actor1", _TEXT), ("actor2", _TEXT),
        ("actor1_text", _TEXT), ("actor2_text", _TEXT), ("country", _TEXT), ("iso3", _TEXT),
        ("admin1", _TEXT), ("admin2", _TEXT), ("location", _TEXT), ("latitude", pa.float64()),
        ("longitude", pa.float64()), ("geo_precision", pa.int64()), ("fatalities", _RANGE),
        ("civilian_fatalities", _RANGE), ("child_fatalities", _RANGE), ("injured", _RANGE),
        ("modality", _TEXT), ("evidence", pa.list_(_EVIDENCE)), ("denials", pa.list_(_DENIAL)),
        ("field_evidence", _TEXT), ("trigger", _TEXT), ("extractor", _TEXT), ("gazetteer_id", _TEXT),
        ("place_evidence", _EVIDENCE), ("typer", _TEXT), ("type_source", _TEXT),
        ("type_probability", pa.float64()), ("event_weekday", _TEXT), ("claims", pa.int64()),
    ]),
    "claims": pa.schema([
        ("position", pa.int64()), ("report_id", _TEXT), ("article_id", _TEXT), ("claim_index", pa.int64()),
        ("figure", _TEXT), ("group", _TEXT), ("victims_text", _TEXT), ("min", pa.int64()), ("max", pa.int64()),
        ("qualifier", _TEXT), ("claimant", _TEXT), ("claimant_type", _TEXT), ("start", pa.int64()),
        ("end", pa.int64()), ("claimant_person", _TEXT), ("includes_attacker", pa.bool_()),
        ("superseded", pa.bool_()), ("subset_of", _TEXT), ("kind", _TEXT), ("adds_to", pa.int64()),
    ]),
    "statistics": pa.schema([
        ("position", pa.int64()), ("article_id", _TEXT), ("figure", _TEXT), ("min", pa.int64()),
        ("max", pa.int64()), ("qualifier", _TEXT), ("text", _TEXT), ("start", pa.int64()), ("end", pa.int64()),
        ("claimant", _TEXT),
    ]),
    "rejections": pa.schema([
        ("position", pa.int64()), ("code", _TEXT), ("reason", _TEXT), ("source", _TEXT), ("article_id", _TEXT),
    ]),
}

_RANGE_FIELDS = ("fatalities", "civilian_fatalities", "child_fatalities", "injured")
_EVIDENCE_FIELDS = ("place_evidence",)
_REPORT_SCALARS = [name for name in SCHEMAS["reports"].names if name not in (
    "position", "evidence", "denials", "field_evidence", "claims", *_RANGE_FIELDS, *_EVIDENCE_FIELDS)]


def tables_from_results(results: Iterable[ExtractionResult | Rejection]) -> dict[str, pa.Table]:
    """One table per kind of record, rows in stream order."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for position, item in enumerate(results):
        if isinstance(item, Rejection):
            rows["rejections"].append({"position": position, **item.to_dict()})
            continue
        _add_result(rows, position, item)
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}


def _add_result(rows: dict[str, list[dict]], position: int, result: ExtractionResult) -> None:
    article = result.article
    rows["articles"].append({"position": position, **article.to_dict(), "source": article.source,
                             "reports": len(result.reports)})
    for report in result.reports:
        rows["reports"].append(_report_row(position, report))
        for index, claim in enumerate(report.claims):
            rows["claims"].append({"position": position, "report_id": report.report_id,
                                   "article_id": report.article_id, "claim_index": index, **claim.to_dict()})
    rows["statistics"].extend({"position": position, **s.to_dict()} for s in result.statistics)


def _report_row(position: int, report: Report) -> dict:
    row = {"position": position, **{name: getattr(report, name) for name in _REPORT_SCALARS}}
    for name in (*_RANGE_FIELDS, *_EVIDENCE_FIELDS):
        value = getattr(report, name)
        row[name] = value.to_dict() if value is not None else None
    row["evidence"] = [e.to_dict() for e in report.evidence]
    row["denials"] = [d.to_dict() for d in report.denials]
    row["field_evidence"] = json.dumps(report.field_evidence, ensure_ascii=False, separators=(",", ":"))
    row["claims"] = len(report.claims)
    return row


def results_from_tables(tables: dict[str, pa.Table]) -> Iterator[ExtractionResult | Rejection]:
    """The records ``tables_from_results`` was given, in their order."""
    claims = defaultdict(list)
    for row in tables["claims"].to_pylist():
        claims[row["position"], row["report_id"]].append(row)  # the same article twice repeats its ids
    by_position: dict[int, dict[str, list]] = defaultdict(lambda: {"reports": [], "statistics": []})
    for row in tables["reports"].to_pylist():
        by_position[row["position"]]["reports"].append(_report_from_row(row, claims[row["position"], row["report_id"]]))
    for row in tables["statistics"].to_pylist():
        by_position[row.pop("position")]["statistics"].append(Statistic(**row))
    items: list[tuple[int, ExtractionResult | Rejection]] = []
    for row in tables["articles"].to_pylist():
        position = row.pop("position")
        row.pop("reports")
        found = by_position.get(position, {"reports": [], "statistics": []})
        items.append((position, ExtractionResult(article=Article(**row), reports=tuple(found["reports"]),
                                                 statistics=tuple(found["statistics"]))))
    for row in tables["rejections"].to_pylist():
        items.append((row.pop("position"), Rejection(**row)))
    for _, item in sorted(items, key=lambda pair: pair[0]):
        yield item


def _report_from_row(row: dict, claim_rows: list[dict]) -> Report:
    fields = {name: row[name] for name in _REPORT_SCALARS}
    for name in _RANGE_FIELDS:
        fields[name] = Range(**row[name]) if row[name] is not None else None
    for name in _EVIDENCE_FIELDS:
        fields[name] = Evidence(**row[name]) if row[name] is not None else None
    ordered = sorted(claim_rows, key=lambda claim: claim["claim_index"])
    fields["claims"] = tuple(Claim(**_without(claim, "position", "report_id", "article_id", "claim_index"))
                             for claim in ordered)
    fields["evidence"] = tuple(Evidence(**e) for e in row["evidence"])
    fields["denials"] = tuple(Denial(**d) for d in row["denials"])
    fields["field_evidence"] = json.loads(row["field_evidence"])
    return Report(**fields)


def _without(row: dict, *names: str) -> dict:
    return {key: value for key, value in row.items() if key not in names}


def count_rows(tables: dict[str, pa.Table]) -> dict[str, int]:
    return {name: tables[name].num_rows for name in TABLES}
