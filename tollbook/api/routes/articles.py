"""/articles: read one article (its text is what the evidence offsets index), or ingest new ones."""
from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.concurrency import run_in_threadpool

from tollbook.errors import ApiError

from ..auth import require_token
from ..deps import get_settings, get_store
from ..errors import ERROR_RESPONSES, ErrorOut
from ..ingest import ingest_records
from ..models import ArticleIn, ArticleOut, IngestOut

router = APIRouter(tags=["articles"], responses=ERROR_RESPONSES)


@router.get("/articles/{article_id}", response_model=ArticleOut)
def get_article(article_id: Annotated[str, Path(max_length=200)], store=Depends(get_store)):
    """The article as stored, text included."""
    article = store.article(article_id)
    if article is None:
        raise ApiError(f"no article {article_id!r}", code="E604", status=404)
    return article


@router.post("/articles", response_model=IngestOut, dependencies=[Depends(require_token)],
             responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}},
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                 "anyOf": [{"$ref": "#/components/schemas/ArticleIn"},
                           {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}]}}}}})
async def post_articles(request: Request, store=Depends(get_store), settings=Depends(get_settings)):
    """Extract and store articles: one article object, or a list of them (input-article contract).

    Bad records are not stored and come back under `rejections` with their code, as in `tollbook extract`.
    """
    records = _records(await request.body(), settings.limits.max_articles)
    # extraction and the store's writes block: off the event loop, so reads go on meanwhile
    return await run_in_threadpool(ingest_records, records, store, settings.limits, request.app.state.extract)


def _records(body: bytes, max_articles: int) -> list:
    try:
        value = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ApiError(f"body is not JSON: {err.__class__.__name__}", code="E601", status=400) from None
    records = value if isinstance(value, list) else [value]
    if not records:
        raise ApiError("no articles in the body", status=422)
    if len(records) > max_articles:
        raise ApiError(f"{len(records)} articles in one request, over the bound of {max_articles}",
                       code="E602", status=413)
    return records
