"""/stats: counts and fatalities by day, type, country and actor, under the same filters as /incidents."""
from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from ..deps import get_store
from ..errors import ERROR_RESPONSES
from ..models import StatsOut
from ..params import Filters, filters
from ..queries import store_query

router = APIRouter(tags=["stats"], responses=ERROR_RESPONSES)


@router.get("/stats", response_model=StatsOut)
def get_stats(found: Annotated[Filters, Depends(filters)], request: Request, store=Depends(get_store)):
    """Incident counts and fatalities (sum of each incident's `best`) by day, type, country and actor.

    Kept until the next ingest run starts or finishes (at most 15 s while one runs)."""
    return request.app.state.views.get(store, stats_key(found), lambda: store.stats(store_query(found)))


def stats_key(found: Filters) -> tuple:
    return ("stats", dataclasses.astuple(found))
