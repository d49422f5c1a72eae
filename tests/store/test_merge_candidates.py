"""The merge's candidate lookup: every stored report a new one could meet, few others."""
import datetime as dt
from sqlalchemy import create_engine, insert

from tollbook.incidents.merging.blocking import NAME_WINDOW_DAYS
from tollbook.store.merge import _candidate_rows
from tollbook.store.schema import metadata, reports

DAY = dt.date(2024, 6, 15)


def _report(report_id: str, event_date: str | None, precision: str | None, published: str = "2024-06-15",
            iso3: str = "SOM") -> dict:
    row = {column.name: None for column in reports.columns}
    row.update(report_id=report_id, article_id="a" + report_id, position=0, modality="reported", evidence="[]",
               denials="[]", field_evidence="{}", extractor="x", terms="", country="Somalia", iso3=iso3,
               event_date=event_date, date_precision=precision, published=published)
    return row


def _days(n: int) -> str:
    return (DAY + dt.timedelta(days=n)).isoformat()


def _named(row: dict, terms: str) -> dict:
    row["terms"] = terms
    return row


def test_candidates_are_every_compatible_date_of_the_place_and_reports_sharing_a_name_within_a_year():
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    stored = [_report("near-day", _days(2), "day"), _report("far-day", _days(40), "day"),
              _report("month", _days(-30), "month"), _report("year", _days(300), "year"),
              _report("far-year", _days(400), "year"), _report("undated", None, None),
              _named(_report("named-far", _days(200), "day"), "attack kambarov"),
              _named(_report("named-beyond", _days(NAME_WINDOW_DAYS + 40), "day"), "kambarov"),
              _named(_report("named-elsewhere", _days(100), "day", iso3="KEN"), "kambarov"),
              _report("elsewhere", _days(0), "day", iso3="KEN")]
    countryless = _report("countryless", _days(1), "day", iso3=None)
    countryless["country"] = None
    stored.append(countryless)
    with engine.begin() as conn:
        conn.execute(insert(reports), stored)
        found = {r["report_id"] for r in _candidate_rows(conn, [_report("new", _days(0), "day")])}
        assert found == {"near-day", "month", "year", "undated", "countryless"}
        month = {r["report_id"] for r in _candidate_rows(conn, [_report("new", _days(0), "month")])}
        assert month == found  # far-day is 40 days off, past a month's 33
        named = {r["report_id"] for r in _candidate_rows(conn, [_named(_report("new", _days(0), "day"), "kambarov")])}
        assert named == found | {"named-far"}  # a shared name reaches a year, in the same country only
        undated = {r["report_id"] for r in _candidate_rows(conn, [_report("new", None, None, published=_days(30))])}
        assert undated == {"near-day", "far-day", "year", "far-year", "undated", "countryless"}
        nowhere = _report("new", _days(0), "day", iso3=None)
        nowhere["country"] = None
        anywhere = {r["report_id"] for r in _candidate_rows(conn, [nowhere])}
        assert anywhere == found | {"elsewhere"}  # a report of no known country meets every country
        nowhen = {r["report_id"] for r in _candidate_rows(conn, [_report("new", None, None, published=None)])}
        assert nowhen == {r["report_id"] for r in stored} - {"elsewhere", "named-elsewhere"}
