"""One error shape everywhere, bounded requests, the token for writing, and the page's headers."""
from __future__ import annotations

import json

import pytest

from tollbook.api import ApiSettings, Limits, create_app
from fastapi.testclient import TestClient

from .conftest import TOKEN

ERROR_KEYS = {"ok", "status", "code", "error", "errors"}


def assert_error(response, status: int, code: str) -> dict:
    body = response.json()
    assert response.status_code == status and set(body) == ERROR_KEYS
    assert body["ok"] is False and body["status"] == status and body["code"] == code and body["error"]
    return body


@pytest.mark.parametrize("method, path, params, status, code", [
    ("get", "/incidents/nope", {}, 404, "E604"),
    ("get", "/articles/nope", {}, 404, "E604"),
    ("get", "/no/such/path", {}, 404, "E604"),
    ("delete", "/incidents", {}, 405, "E605"),
    ("get", "/incidents", {"limit": 0}, 422, "E601"),
    ("get", "/incidents", {"limit": 1001}, 422, "E601"),
    ("get", "/incidents", {"sort": "country"}, 422, "E601"),
    ("get", "/incidents", {"from": "yesterday"}, 422, "E601"),
    ("get", "/incidents", {"bbox": "1,2,3"}, 422, "E601"),
    ("get", "/incidents", {"bbox": "10,0,5,1"}, 422, "E601"),
    ("get", "/incidents", {"bbox": "nan,0,5,1"}, 422, "E601"),
    ("get", "/incidents", {"q": "one two three four five six seven eight nine"}, 422, "E403"),
    ("get", "/incidents", {"q": "x" * 201}, 422, "E601"),
    ("get", "/incidents/clusters", {"zoom": 99}, 422, "E601"),
    ("get", "/stats", {"to": "2024-13-01"}, 422, "E601"),
])
def test_every_failure_has_one_shape(client, method, path, params, status, code):
    assert_error(getattr(client, method)(path, params=params), status, code)


def test_validation_errors_name_the_field_but_do_not_echo_the_input(client):
    body = assert_error(client.get("/incidents", params={"limit": "<script>"}), 422, "E601")
    assert body["errors"][0]["loc"] == ["query", "limit"]
    assert "<script>" not in json.dumps(body)


def test_geojson_answers_may_be_bigger_than_pages_but_are_bounded(client):
    assert client.get("/incidents", params={"format": "geojson", "limit": 5000}).status_code == 200
    assert_error(client.get("/incidents", params={"format": "geojson", "limit": 5001}), 422, "E601")


def test_long_query_string_is_refused(client):
    assert_error(client.get("/incidents?q=" + "a" * 5000), 414, "E602")


def test_reading_needs_no_token_writing_does(client):
    assert client.get("/incidents").status_code == 200
    response = client.post("/articles", json={"text": "x"})
    assert_error(response, 401, "E603")
    assert response.headers["www-authenticate"] == "Bearer"
    assert_error(client.post("/articles", json={"text": "x"}, headers={"Authorization": "Bearer wrong"}), 401, "E603")


def test_writing_is_off_when_the_server_has_no_token(seeded_store):
    with TestClient(create_app(seeded_store, ApiSettings(token=None))) as client:
        response = client.post("/articles", json={"text": "x"}, headers={"Authorization": "Bearer anything"})
    assert_error(response, 403, "E607")


def test_body_over_the_bound_is_refused_before_it_is_read(seeded_store):
    settings = ApiSettings(token=TOKEN, limits=Limits(max_body_bytes=1000))
    with TestClient(create_app(seeded_store, settings)) as client:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert_error(client.post("/articles", content=b"x" * 1001, headers=auth), 413, "E602")

        def chunks():  # no Content-Length: counted as it streams
            for _ in range(20):
                yield b"y" * 100
        assert_error(client.post("/articles", content=chunks(), headers=auth), 413, "E602")


def test_too_many_articles_in_one_request(client):
    body = [{"text": "a"}] * 101
    assert_error(client.post("/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"}), 413, "E602")


def test_body_that_is_not_json(client):
    response = client.post("/articles", content=b"\xff{", headers={"Authorization": f"Bearer {TOKEN}"})
    assert_error(response, 400, "E601")


def test_records_that_break_the_input_contract_come_back_as_rejections(fresh_client):
    records = [{"title": "no text"}, {"text": 5}, "not an object", {"text": "   "}]
    response = fresh_client.post("/articles", json=records, headers={"Authorization": f"Bearer {TOKEN}"})
    body = response.json()
    assert response.status_code == 200 and body["articles"] == 0
    assert [r["code"] for r in body["rejections"]] == ["E106", "E110", "E110", "E103"]
    assert body["stored"]["rejections"] == 4


def test_page_and_api_answers_carry_the_security_headers(client):
    for path in ("/", "/incidents", "/static/app.js", "/nope"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_openapi_describes_every_route_and_the_error_shape(client):
    spec = client.get("/openapi.json").json()
    assert {"/incidents", "/incidents/{incident_id}", "/incidents/clusters", "/articles",
            "/articles/{article_id}", "/stats", "/actors"} <= spec["paths"].keys()
    assert "ErrorOut" in spec["components"]["schemas"]
    assert spec["paths"]["/articles"]["post"]["security"]


def test_page_and_vendored_libraries_are_served_without_network(client):
    page = client.get("/")
    assert page.status_code == 200 and "leaflet.js" in page.text
    for asset in ("/static/vendor/leaflet.js", "/static/vendor/countries-50m.json", "/static/app.js"):
        assert client.get(asset).status_code == 200


@pytest.mark.model
def test_posted_article_is_extracted_stored_and_readable(fresh_client):
    article = {"id": "posted-1", "url": "https://example.org/a", "published": "2024-03-06",
               "text": "Gunmen killed three villagers in Kidal, Mali, on Monday, a local official said."}
    response = fresh_client.post("/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    body = response.json()
    assert response.status_code == 200 and body["articles"] == 1 and body["reports"] >= 1
    assert fresh_client.get("/articles/posted-1").json()["outlet"] == "example.org"
    incidents = fresh_client.get("/incidents", params={"country": "Mali"}).json()
    assert incidents["total"] == 1 and incidents["items"][0]["fatalities"]["min"] == 3
    again = fresh_client.post("/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert again["stored"]["skipped"] == 1
    assert fresh_client.get("/incidents").json()["total"] == 1
