"""Writers for ``tollbook incidents``: JSON lines, a flat CSV, GeoJSON, ACLED's CSV and Parquet.

Every writer takes incident dicts (``Store.incidents`` shape) one at a time, so an export of a
million incidents streams. Absent values are empty cells (CSV) or null (JSON, Parquet), never 0.
"""
from __future__ import annotations

import csv
import json
from typing import BinaryIO, TextIO

import pycountry

INCIDENT_FORMATS = ("jsonl", "csv", "geojson", "acled", "parquet")
RANGE_FIELDS = ("fatalities", "civilian_fatalities", "child_fatalities", "injured")
SCALARS = ("incident_id", "event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2",
           "actor1_text", "actor2_text", "country", "iso3", "admin1", "admin2", "location", "latitude",
           "longitude", "geo_precision", "report_count")
FLAT_COLUMNS = SCALARS + tuple(f"{f}_{k}" for f in RANGE_FIELDS for k in ("min", "max", "best")) + (
    "report_ids", "outlets", "claims")
INTEGER_COLUMNS = {"geo_precision", "report_count"} | {f"{f}_{k}" for f in RANGE_FIELDS for k in ("min", "max", "best")}
FLOAT_COLUMNS = {"latitude", "longitude"}
# ACLED's export columns, in ACLED's order; the ones tollbook cannot fill stay empty.
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
MAX_NOTES = 2000


def flat_incident(incident: dict) -> dict:
    row = {name: incident.get(name) for name in SCALARS}
    for name in RANGE_FIELDS:
        value = incident.get(name)
        for key in ("min", "max", "best"):
            row[f"{name}_{key}"] = value[key] if value else None
    for name in ("report_ids", "outlets", "claims"):
        row[name] = json.dumps(incident.get(name) or [], ensure_ascii=False, separators=(",", ":"))
    return row


def acled_row(incident: dict) -> dict:
    date = incident.get("event_date")
    deaths = incident.get("fatalities")
    country = _country(incident.get("iso3"))
    notes = " ".join(e["text"] for e in incident.get("evidence") or [])
    row = {name: None for name in ACLED_COLUMNS}
    row.update({
        "event_id_cnty": f"{incident.get('iso3') or 'XXX'}{incident['incident_id']}",
        "event_date": date, "year": int(date[:4]) if date else None,
        "time_precision": TIME_PRECISION.get(incident.get("date_precision")),
        "disorder_type": DISORDER.get(incident.get("event_type")),
        "event_type": incident.get("event_type"), "sub_event_type": incident.get("sub_event_type"),
        "actor1": incident.get("actor1"), "actor2": incident.get("actor2"),
        "civilian_targeting": "Civilian targeting" if incident.get("event_type") == "Violence against civilians" else None,
        "iso": int(country.numeric) if country else None, "country": incident.get("country"),
        "admin1": incident.get("admin1"), "admin2": incident.get("admin2"), "location": incident.get("location"),
        "latitude": incident.get("latitude"), "longitude": incident.get("longitude"),
        "geo_precision": incident.get("geo_precision"), "source": "; ".join(incident.get("outlets") or []) or None,
        "notes": _cut(notes, MAX_NOTES) or None, "fatalities": deaths["best"] if deaths else None,
    })
    return row


def _country(iso3: str | None):
    return pycountry.countries.get(alpha_3=iso3) if iso3 else None


def _cut(text: str, size: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1] + "…"


def _cell(value) -> object:
    return "" if value is None else value


class JsonlIncidents:
    def __init__(self, out: TextIO):
        self.out = out

    def write(self, incident: dict) -> None:
        self.out.write(json.dumps(incident, ensure_ascii=False, sort_keys=False) + "\n")

    def close(self) -> None:
        self.out.flush()


class CsvIncidents:
    columns = FLAT_COLUMNS

    def __init__(self, out: TextIO):
        self.out = out
        self.writer = csv.DictWriter(out, fieldnames=self.columns, lineterminator="\n")
        self.writer.writeheader()

    def row(self, incident: dict) -> dict:
        return flat_incident(incident)

    def write(self, incident: dict) -> None:
        self.writer.writerow({k: _cell(v) for k, v in self.row(incident).items()})

    def close(self) -> None:
        self.out.flush()


class AcledIncidents(CsvIncidents):
    columns = ACLED_COLUMNS

    def row(self, incident: dict) -> dict:
        return acled_row(incident)


class GeoJsonIncidents:
    """An RFC 7946 FeatureCollection: [longitude, latitude] points, null geometry where no place is known."""

    def __init__(self, out: TextIO):
        self.out = out
        self.first = True
        self.out.write('{"type":"FeatureCollection","features":[\n')

    def write(self, incident: dict) -> None:
        lat, lon = incident.get("latitude"), incident.get("longitude")
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        feature = {"type": "Feature", "id": incident["incident_id"], "geometry": geometry,
                   "properties": flat_incident(incident)}
        self.out.write(("" if self.first else ",\n") + json.dumps(feature, ensure_ascii=False))
        self.first = False

    def close(self) -> None:
        self.out.write("\n]}\n")
        self.out.flush()


class ParquetIncidents:
    """The flat table as Parquet (pyarrow), written in row groups as incidents stream in."""
    GROUP = 10_000

    def __init__(self, out: BinaryIO):
        import pyarrow as pa
        import pyarrow.parquet as pq
        self.pa = pa
        fields = [pa.field(c, pa.int64() if c in INTEGER_COLUMNS else pa.float64() if c in FLOAT_COLUMNS
                           else pa.string()) for c in FLAT_COLUMNS]
        self.schema = pa.schema(fields)
        self.writer = pq.ParquetWriter(out, self.schema)
        self.rows: list[dict] = []

    def write(self, incident: dict) -> None:
        self.rows.append(flat_incident(incident))
        if len(self.rows) >= self.GROUP:
            self._flush()

    def _flush(self) -> None:
        columns = {c: [r[c] for r in self.rows] for c in FLAT_COLUMNS}
        self.writer.write_table(self.pa.Table.from_pydict(columns, schema=self.schema))
        self.rows = []

    def close(self) -> None:
        if self.rows:
            self._flush()
        self.writer.close()


def incident_writer(fmt: str, out):
    """A writer for ``fmt``; ``out`` is a text stream, or a binary one for parquet."""
    writers = {"jsonl": JsonlIncidents, "csv": CsvIncidents, "geojson": GeoJsonIncidents,
               "acled": AcledIncidents, "parquet": ParquetIncidents}
    return writers[fmt](out)
