import json

import pytest
from sqlalchemy import inspect, select, text

from tollbook.errors import StoreError
from tollbook.records import Rejection
from tollbook.store import IncidentQuery, open_store
from tollbook.store.schema import CONTENT_TABLES

from .factory import corpus


def snapshot(store) -> dict:
    """Every content table, row by row, in key order: what 'identical databases' means."""
    out = {}
    with store.engine.connect() as conn:
        for table in CONTENT_TABLES:
            keys = [c for c in table.primary_key.columns]
            out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*keys))]
    return out


def test_store_schema_recorded_by_migrations(store):
    names = set(inspect(store.engine).get_table_names())
    assert {"articles", "reports", "claims", "incidents", "rejections", "runs", "alembic_version"} <= names
    with store.engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar_one() == "0006"


def test_store_merges_reports_of_one_incident_and_keeps_others_apart(store):
    summary = store.ingest(corpus(), batch_size=2)
    assert summary.articles == 7 and summary.reports == 9
    incidents = store.incidents(IncidentQuery(order="date"))
    by_place = {}
    for incident in incidents:
        by_place.setdefault(incident["location"], []).append(incident)
    kidal = by_place["Kidal"]
    assert len(kidal) == 1 and kidal[0]["report_count"] == 3
    assert kidal[0]["outlets"] == ["east.example", "north.example", "south.example"]
    assert kidal[0]["fatalities"] == {"min": 5, "max": 9, "best": 5}
    assert len(kidal[0]["claims"]) == 3 and {c["report_id"] for c in kidal[0]["claims"]} == set(kidal[0]["report_ids"])
    assert kidal[0]["event_date"] == "2024-03-04"  # two reports agree on the 4th, one says the 5th
    mogadishu = sorted(by_place["Mogadishu"], key=lambda i: i["report_count"])
    assert [i["report_count"] for i in mogadishu] == [1, 2]  # the second bombing that week stays apart
    assert mogadishu[1]["fatalities"]["max"] == 53
    assert all(i["modality"] == "reported" for i in incidents)
    assert "Gao" in by_place and len(by_place["Gao"]) == 1  # the planned attack is no incident


def test_store_reingest_changes_nothing(store):
    store.ingest(corpus(), batch_size=3)
    before = snapshot(store)
    exported = json.dumps(store.incidents())
    again = store.ingest(corpus(), batch_size=5)
    assert again.articles == 0 and again.skipped == 7
    assert snapshot(store) == before
    assert json.dumps(store.incidents()) == exported


def test_store_result_independent_of_batching_and_order(db_url, tmp_path):
    one = open_store(db_url)
    one.ingest(corpus(), batch_size=1)
    other = open_store(str(tmp_path / "other.db"))
    other.ingest(list(reversed(corpus())), batch_size=100)
    assert snapshot(one) == snapshot(other)
    one.close(), other.close()


@pytest.mark.parametrize("query, places", [
    (IncidentQuery(country="Mali"), {"Kidal", "Gao"}),
    (IncidentQuery(country="SOM"), {"Mogadishu", "Kismayo"}),
    (IncidentQuery(date_from="2024-03-01", date_to="2024-03-03"), {"Mogadishu"}),
    (IncidentQuery(event_type="Protests"), {"Kismayo"}),
    (IncidentQuery(event_type="Remote explosive/landmine/IED"), {"Mogadishu"}),
    (IncidentQuery(actor="Islamic State"), {"Gao"}),
    (IncidentQuery(bbox=(40.0, -1.0, 46.0, 3.0)), {"Mogadishu", "Kismayo"}),
    (IncidentQuery(q="anefis"), {"Kidal"}),
    (IncidentQuery(q="Bakara market"), {"Mogadishu"}),
    (IncidentQuery(q="'; drop table incidents; --"), set()),
])
def test_store_filters(store, query, places):
    store.ingest(corpus())
    found = store.incidents(query)
    assert {i["location"] for i in found} == places
    assert store.count_incidents(query) == len(found)


def test_store_paging_and_order(store):
    store.ingest(corpus())
    everything = store.incidents(IncidentQuery(order="date"))
    dates = [i["event_date"] for i in everything]
    assert dates == sorted(dates)
    page = store.incidents(IncidentQuery(order="date", limit=2, offset=1))
    assert [i["incident_id"] for i in page] == [i["incident_id"] for i in everything[1:3]]
    assert list(store.iter_incidents(IncidentQuery())) == store.incidents(IncidentQuery())


def test_store_incident_article_stats_actors(store):
    store.ingest(corpus() + [Rejection(code="E103", reason="empty article text", source="x.jsonl:3")])
    kidal = store.incidents(IncidentQuery(q="anefis"))[0]
    detail = store.incident(kidal["incident_id"])
    assert len(detail["reports"]) == 3
    first = detail["reports"][0]
    assert first["claims"] and first["evidence"][0]["start"] >= 0 and first["denials"] == []
    article = store.article("a2")
    assert article["text"].startswith("Gunmen") and len(article["report_ids"]) == 2
    assert kidal["incident_id"] in article["incident_ids"]
    assert store.incident("nope") is None and store.article("nope") is None
    stats = store.stats(IncidentQuery(country="Mali"))
    assert stats["incidents"] == 2 and stats["fatalities"] == 5 + 2
    assert {row["key"] for row in stats["by_country"]} == {"Mali"}
    assert {row["actor"] for row in stats["by_actor"]} == {"Unidentified armed group", "Islamic State"}
    actors = {row["actor"]: row for row in store.actors()}
    assert actors["Al Shabaab"]["incidents"] == 2
    assert store.counts()["rejections"] == 1


@pytest.mark.parametrize("query", [IncidentQuery(date_from="March"), IncidentQuery(bbox=(0, 95, 1, 96)),
                                   IncidentQuery(limit=-1), IncidentQuery(order="random()")])
def test_store_bad_query_is_a_store_error(store, query):
    with pytest.raises(StoreError):
        store.incidents(query)


def test_store_bad_url():
    with pytest.raises(StoreError, match="E402"):
        open_store("mysql://somewhere/db")
