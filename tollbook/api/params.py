"""Query parameters shared by /incidents, /stats and the map: the CLI's filters, checked and bounded."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import Query

from tollbook.errors import ApiError

BBOX_HELP = "west,south,east,north in degrees (WGS84), e.g. 35.0,31.0,36.5,33.5"


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """What `tollbook incidents` filters by, as the API received it."""
    country: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    q: str | None = None

    def without_dates(self) -> "Filters":
        return replace(self, date_from=None, date_to=None)


def filters(
    country: Annotated[str | None, Query(max_length=100, description="Country name or ISO3 code")] = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="First day, YYYY-MM-DD")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="Last day, YYYY-MM-DD")] = None,
    type: Annotated[str | None, Query(max_length=100, description="ACLED event type or sub-event type")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Actor 1 or 2 (canonical name)")] = None,
    bbox: Annotated[str | None, Query(max_length=200, description=BBOX_HELP)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the location, actors or evidence")] = None,
) -> Filters:
    return Filters(country=_blank_none(country), date_from=date_from, date_to=date_to,
                   event_type=_blank_none(type), actor=_blank_none(actor), bbox=parse_bbox(bbox),
                   q=_blank_none(q))


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if text is None or not text.strip():
        return None
    parts = text.split(",")
    if len(parts) != 4:
        raise ApiError(f"bbox needs four numbers ({BBOX_HELP}), got {len(parts)}", status=422)
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise ApiError(f"bbox needs four numbers ({BBOX_HELP})", status=422) from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise ApiError("bbox numbers must be finite", status=422)
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise ApiError(f"bbox out of range or inverted ({BBOX_HELP})", status=422)
    return west, south, east, north


def _blank_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None
