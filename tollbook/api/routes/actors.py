"""/actors: every actor the store knows, with how many incidents name it."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ..deps import get_store
from ..errors import ERROR_RESPONSES
from ..models import ActorOut

router = APIRouter(tags=["actors"], responses=ERROR_RESPONSES)


@router.get("/actors", response_model=list[ActorOut])
def list_actors(request: Request, store=Depends(get_store)):
    """Canonical actor names with their incidents and fatalities, most frequent first.

    Kept until the next ingest run starts or ends (at most 15 s while one runs)."""
    return request.app.state.views.get(store, ACTORS_KEY, store.actors)


ACTORS_KEY = ("actors",)
