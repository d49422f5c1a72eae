"""Incidents as GeoJSON (RFC 7946): a FeatureCollection that QGIS and GeoPandas open as it is."""
from __future__ import annotations

import json

from fastapi.responses import Response

MEDIA_TYPE = "application/geo+json"

# Lists stay out of the properties: GIS tools want flat attribute tables;
# clients that need the claims ask /incidents/{id}.
_NESTED = ("claims", "reports", "evidence", "denials", "field_evidence")


def feature(incident: dict) -> dict:
    lat, lon = incident.get("latitude"), incident.get("longitude")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    properties = {key: value for key, value in incident.items() if key not in _NESTED}
    for key, value in list(properties.items()):
        if isinstance(value, dict) and {"min", "max", "best"} <= value.keys():
            properties.pop(key)
            properties.update({f"{key}_{part}": value[part] for part in ("min", "max", "best")})
        elif isinstance(value, list):
            properties[key] = "; ".join(str(v) for v in value if v is not None)
    return {"type": "Feature", "id": incident.get("incident_id"), "geometry": geometry, "properties": properties}


def feature_collection(incidents: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": [feature(i) for i in incidents]}


def response(collection: dict) -> Response:
    body = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    return Response(body, media_type=MEDIA_TYPE)
