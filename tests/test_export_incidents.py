import csv
import io
import json

import pyarrow.parquet as pq
from click.testing import CliRunner

from tollbook.cli import cli
from tollbook.export.incidents import ACLED_COLUMNS, incident_writer
from tollbook.store import open_store

from tests.store.factory import corpus


def _db(tmp_path) -> str:
    url = str(tmp_path / "incidents.db")
    open_store(url).ingest(corpus())
    return url


def _run(*args) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_incidents_jsonl_byte_identical_after_reingest(tmp_path):
    url = _db(tmp_path)
    first = _run("incidents", "--db", url, "--format", "jsonl")
    open_store(url).ingest(corpus())
    assert _run("incidents", "--db", url, "--format", "jsonl") == first
    rows = [json.loads(line) for line in first.splitlines()]
    assert len(rows) == 5 and all({"incident_id", "report_ids", "outlets", "claims"} <= set(r) for r in rows)


def test_incidents_acled_columns_exact(tmp_path):
    text = _run("incidents", "--db", _db(tmp_path), "--format", "acled", "--country", "Mali")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    kidal = next(r for r in rows if r["location"] == "Kidal")
    assert kidal["event_id_cnty"].startswith("MLI") and kidal["fatalities"] == "5" and kidal["iso"] == "466"
    assert kidal["time_precision"] == "1" and "Anefis" in kidal["notes"]
    assert kidal["source"] == "east.example; north.example; south.example"


def test_incidents_geojson_is_rfc7946(tmp_path):
    data = json.loads(_run("incidents", "--db", _db(tmp_path), "--format", "geojson"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 5
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["properties"]["longitude"] == lon and feature["properties"]["latitude"] == lat
        assert all(not isinstance(v, (dict, list)) for v in feature["properties"].values())


def test_incidents_csv_and_parquet(tmp_path):
    url = _db(tmp_path)
    rows = list(csv.DictReader(io.StringIO(_run("incidents", "--db", url, "--format", "csv"))))
    out = tmp_path / "incidents.parquet"
    _run("incidents", "--db", url, "--format", "parquet", "--output", str(out))
    table = pq.read_table(out)
    assert table.num_rows == len(rows) == 5
    assert table.column("incident_id").to_pylist() == [r["incident_id"] for r in rows]
    assert set(table.column("fatalities_min").to_pylist()) - {None} == {int(r["fatalities_min"]) for r in rows
                                                                       if r["fatalities_min"]}


def test_empty_parquet_is_still_a_table(tmp_path):
    out = io.BytesIO()
    writer = incident_writer("parquet", out)
    writer.close()
    assert pq.read_table(io.BytesIO(out.getvalue())).num_rows == 0


def test_incidents_bad_bbox_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["incidents", "--db", _db(tmp_path), "--bbox", "1,2,3"])
    assert result.exit_code == 2 and "--bbox" in result.output
