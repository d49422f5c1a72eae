"""Reading through the API: filters, pages, GeoJSON, one incident, articles, stats, actors, clusters."""
from __future__ import annotations

import time

import pytest

from .seed import HOSTILE_URL, plain_reports


def test_incidents_page_counts_and_orders_newest_first(client):
    body = client.get("/incidents", params={"limit": 5}).json()
    assert body["total"] == 38  # 36 plain + the hostile one + the Mali attack told by two outlets
    dates = [item["event_date"] for item in body["items"]]
    assert len(dates) == 5 and dates == sorted(dates, reverse=True)


def test_total_is_counted_a_bounded_way_past_the_page(client, monkeypatch):
    from tollbook.api.routes import incidents
    assert client.get("/incidents", params={"limit": 5}).json()["total_exact"] is True
    monkeypatch.setattr(incidents, "TOTAL_AHEAD", 3)
    body = client.get("/incidents", params={"limit": 5, "offset": 10}).json()
    assert (body["total"], body["total_exact"], len(body["items"])) == (18, False, 5)
    body = client.get("/incidents", params={"limit": 5, "offset": 33}).json()
    assert (body["total"], body["total_exact"], len(body["items"])) == (38, True, 5)


def test_pages_do_not_overlap_and_cover_everything(client):
    seen = []
    for offset in range(0, 40, 15):
        seen += [i["incident_id"] for i in client.get("/incidents", params={"limit": 15, "offset": offset}).json()["items"]]
    assert len(seen) == len(set(seen)) == 38


@pytest.mark.parametrize("params, expected", [
    ({"country": "Mali"}, 1),
    ({"country": "NGA"}, 8),
    ({"type": "Battles"}, 12),
    ({"type": "Air/drone strike"}, 12),
    ({"actor": "Military Forces"}, 18),
    ({"from": "2024-03-01", "to": "2024-03-31"}, 8),  # the Mali attack and seven plain ones
    ({"bbox": "30,30,40,40"}, 8),
    ({"q": "anefis"}, 1),
    ({"country": "Syria", "type": "Battles"}, 2),
    ({"country": "Syria", "type": "Riots"}, 0),
])
def test_filters_match_the_cli_filters(client, params, expected):
    body = client.get("/incidents", params=params).json()
    assert body["total"] == expected == len(body["items"])


def test_merged_incident_lists_both_outlets_and_every_claim(client):
    item = client.get("/incidents", params={"q": "anefis"}).json()["items"][0]
    assert item["outlets"] == ["example-news.org", "wire.example.com"]
    assert {(c["claimant"], c["min"]) for c in item["claims"]} >= {("local official", 7), ("army", 5)}
    assert item["fatalities"]["min"] == 5 and item["fatalities"]["max"] == 7


def test_sort_by_fatalities(client):
    items = client.get("/incidents", params={"sort": "-fatalities", "limit": 10}).json()["items"]
    best = [i["fatalities"]["best"] for i in items]
    assert best == sorted(best, reverse=True) and best[0] == 12


def test_geojson_form_is_a_feature_collection_of_points(client):
    response = client.get("/incidents", params={"format": "geojson", "country": "Yemen"})
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 7
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [44.02, 13.58]}
    assert {"incident_id", "fatalities_best", "outlets"} <= feature["properties"].keys()
    assert not any(isinstance(v, (list, dict)) for v in feature["properties"].values())


def test_one_incident_has_reports_claims_denials_and_evidence_offsets(client):
    incident_id = client.get("/incidents", params={"q": "anefis"}).json()["items"][0]["incident_id"]
    incident = client.get(f"/incidents/{incident_id}").json()
    assert len(incident["reports"]) == 2
    for report in incident["reports"]:
        text = client.get(f"/articles/{report['article_id']}").json()["text"]
        for evidence in report["evidence"]:
            assert text[evidence["start"]:evidence["end"]] == evidence["text"]
        for claim in report["claims"]:
            assert text[claim["start"]:claim["end"]] == claim["victims_text"]
    denials = [d for r in incident["reports"] for d in r["denials"]]
    assert denials[0]["claimant"] == "rebel spokesman"


def test_article_comes_back_as_stored_hostile_parts_included(client):
    article = client.get("/articles/ahostile").json()
    assert article["url"] == HOSTILE_URL and "<script>" in article["text"]
    assert article["incident_ids"]


def test_stats_break_down_by_day_type_country_and_actor(client):
    stats = client.get("/stats", params={"country": "Yemen"}).json()
    assert stats["incidents"] == 7
    assert sum(row["incidents"] for row in stats["by_day"]) == 7
    assert [row["key"] for row in stats["by_country"]] == ["Yemen"]
    expected = sum(r.reports[0].fatalities.best for r in plain_reports() if r.reports[0].country == "Yemen")
    assert stats["fatalities"] == expected
    assert {row["actor"] for row in stats["by_actor"]} >= {"Civilians (Yemen)"}


def test_actors_most_frequent_first(client):
    actors = client.get("/actors").json()
    counts = [a["incidents"] for a in actors]
    assert counts == sorted(counts, reverse=True) and actors[0]["actor"] == "Unidentified armed group"


def test_world_clusters_count_every_placed_incident_once(client):
    world = client.get("/incidents/clusters", params={"zoom": 1}).json()
    assert sum(f["properties"]["count"] for f in world["features"]) == 38
    assert len(world["features"]) < 38 and not world["truncated"]


def test_close_zoom_shows_single_incidents_with_their_ids(client):
    close = client.get("/incidents/clusters", params={"zoom": 12, "bbox": "-1,17,2,19"}).json()
    [feature] = close["features"]
    assert feature["properties"]["count"] == 1 and feature["properties"]["location"] == "Anefis"
    assert client.get(f"/incidents/{feature['properties']['incident_id']}").status_code == 200


def test_clusters_follow_the_filters(client):
    body = client.get("/incidents/clusters", params={"zoom": 3, "from": "2024-03-01", "to": "2024-03-31"}).json()
    assert sum(f["properties"]["count"] for f in body["features"]) == 8


def test_low_zoom_boxes_are_cut_from_the_world_grid(client):
    world = client.get("/incidents/clusters", params={"zoom": 2}).json()
    east = client.get("/incidents/clusters", params={"zoom": 2, "bbox": "20,-10,60,60"}).json()
    assert 0 < len(east["features"]) < len(world["features"])
    assert all(20 <= f["geometry"]["coordinates"][0] <= 60 for f in east["features"])


def test_map_cache_follows_a_new_ingest(tmp_path):
    from fastapi.testclient import TestClient

    from tollbook.api import ApiSettings, create_app
    from tollbook.store import open_store

    from .seed import mali_reports

    store = open_store(str(tmp_path / "cache.db"))
    with TestClient(create_app(store, ApiSettings())) as client:
        assert client.get("/incidents/clusters", params={"zoom": 1}).json()["features"] == []
        store.ingest(mali_reports())
        deadline = time.monotonic() + 20
        while not (cells := client.get("/incidents/clusters", params={"zoom": 1}).json()["features"]):
            assert time.monotonic() < deadline, "the map never showed the new incident"
            time.sleep(0.05)  # the first answer after the ingest may be the old one, refreshed behind it
    [cell] = cells
    assert cell["properties"]["count"] == 1 and cell["properties"]["location"] == "Anefis"
    store.close()


def test_cached_views_are_kept_until_the_data_changes(tmp_path):
    from tollbook.api.cache import ViewCache
    from tollbook.store import open_store

    store = open_store(str(tmp_path / "views.db"))
    store.ingest([])
    views, calls = ViewCache(ttl=0.0, stale_for=0.0), []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert views.get(store, "k", compute) == views.get(store, "k", compute) == 1  # no run going on: kept
    store.ingest([])  # a new run: the view is computed again
    assert views.get(store, "k", compute) == 2
    store.close()


def test_an_out_of_date_view_is_served_once_while_it_is_recomputed(tmp_path):
    from tollbook.api.cache import ViewCache
    from tollbook.store import open_store

    store = open_store(str(tmp_path / "stale.db"))
    views, calls = ViewCache(), []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert views.get(store, "k", compute) == 1
    store.ingest([])
    assert views.get(store, "k", compute) == 1  # the old answer at once, the new one computed behind it
    deadline = time.monotonic() + 10
    while views.get(store, "k", compute) != 2:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert calls == [1, 1]  # recomputed once, however often it was asked
    store.close()


def test_a_slow_view_is_not_recomputed_sooner_than_its_cost_allows(tmp_path):
    from tollbook.api.cache import ViewCache
    from tollbook.store import open_store

    store = open_store(str(tmp_path / "slow.db"))
    views, calls = ViewCache(ttl=0.0, cost_factor=20.0), []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return len(calls)
    assert views.get(store, "k", slow) == 1
    store.ingest([])  # new data, but the answer is younger than 20 times the 0.2 s it took
    assert views.get(store, "k", slow) == 1 and calls == [1]
    quick = ViewCache(ttl=0.0, stale_for=0.0, cost_factor=20.0)
    assert quick.get(store, "k", lambda: "old") == "old"
    store.ingest([])
    assert quick.get(store, "k", lambda: "new") == "new"  # a quick view follows the data at once
    store.close()


def test_a_view_asked_by_many_at_once_is_computed_once(tmp_path):
    import threading

    from tollbook.api.cache import ViewCache
    from tollbook.store import open_store

    store = open_store(str(tmp_path / "once.db"))
    views, calls = ViewCache(), []

    def slow():
        calls.append(1)
        time.sleep(0.3)
        return "grid"
    answers = []
    threads = [threading.Thread(target=lambda: answers.append(views.get(store, "k", slow))) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["grid"] * 6 and calls == [1]
    store.close()
