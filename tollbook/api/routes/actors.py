"""/actors: every actor the store knows, with how many incidents name it."""
from __future__ import annotations

from fastapi import APIRouter, Depends

from ..deps import get_store
from ..errors import ERROR_RESPONSES
from ..models import ActorOut

router = APIRouter(tags=["actors"], responses=ERROR_RESPONSES)


@router.get("/actors", response_model=list[ActorOut])
def list_actors(store=Depends(get_store)):
    """Canonical actor names, most frequent first."""
    return store.actors()
