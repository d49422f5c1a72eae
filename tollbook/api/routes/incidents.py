"""/incidents: the filtered, paged list (JSON or GeoJSON), one incident, and the map's clusters."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request

from tollbook.errors import ApiError

from .. import geojson
from ..deps import get_settings, get_store
from ..errors import ERROR_RESPONSES
from ..models import ClusterCollection, IncidentDetail, IncidentPage
from ..params import Filters, filters
from ..queries import SORT_KEYS, store_query

router = APIRouter(tags=["incidents"], responses=ERROR_RESPONSES)
TOTAL_AHEAD = 500  # /incidents counts matches this far past the page, not all of them

_GEOJSON_DOC = {200: {"description": "IncidentPage as JSON, or with format=geojson a FeatureCollection "
                      "(application/geo+json) whose features carry the incident fields as properties",
                      "content": {"application/geo+json": {"schema": {"type": "object"}}}}}


@router.get("/incidents", response_model=IncidentPage, responses=_GEOJSON_DOC)
def list_incidents(
    found: Annotated[Filters, Depends(filters)],
    limit: Annotated[int, Query(ge=1, le=5000, description="Page size (at most 1000; 5000 for GeoJSON)")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    sort: Annotated[Literal[SORT_KEYS], Query(description="Order; '-' first is descending")] = "-date",
    format: Annotated[Literal["json", "geojson"], Query()] = "json",
    store=Depends(get_store), settings=Depends(get_settings),
):
    """Incidents matching the filters of `tollbook incidents`, newest first by default.

    `total` counts matches up to 500 past the page (`total_exact` says whether it is the count)."""
    bound = settings.limits.max_features if format == "geojson" else settings.limits.max_page
    if limit > bound:
        raise ApiError(f"limit {limit} is over the bound of {bound} for format={format}", status=422)
    query = store_query(found, limit=limit, offset=offset, sort=sort)
    items = store.incidents(query)
    if format == "geojson":
        return geojson.response(geojson.feature_collection(items))
    cap = offset + limit + TOTAL_AHEAD
    total = store.count_incidents(query, cap=cap)
    return {"total": total, "total_exact": total < cap, "limit": limit, "offset": offset, "items": items}


@router.get("/incidents/clusters", response_model=ClusterCollection)
def incident_clusters(
    found: Annotated[Filters, Depends(filters)],
    request: Request,
    zoom: Annotated[int, Query(ge=0, le=20, description="Map zoom level; sets the grid cell size")] = 2,
    store=Depends(get_store), settings=Depends(get_settings),
):
    """The map's payload: incidents with coordinates grouped into grid cells about 40 pixels wide at
    this zoom; at most 5,000 cells, the fullest first (`truncated` says when more matched)."""
    cache = request.app.state.cluster_cache
    return geojson.response(cache.get(store, found, zoom, settings.limits.max_features))


@router.get("/incidents/{incident_id}", response_model=IncidentDetail)
def get_incident(incident_id: Annotated[str, Path(max_length=200)], store=Depends(get_store)):
    """One incident with its reports, every claim, the denials and the evidence offsets."""
    incident = store.incident(incident_id)
    if incident is None:
        raise ApiError(f"no incident {incident_id!r}", code="E604", status=404)
    return incident
