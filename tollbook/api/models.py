"""The API's in and out shapes, for validation and the OpenAPI description.

The store's records are the contract's (../shared/contract/README.md): these
models name the fields every client may rely on and let the rest through
(``extra="allow"``), so a field the store adds later reaches clients unchanged.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class RangeOut(BaseModel):
    min: int
    max: int
    best: int


class EvidenceOut(_Open):
    text: str | None = None
    start: int
    end: int


class ClaimOut(_Open):
    figure: str
    group: str | None = None
    victims_text: str | None = None
    min: int
    max: int
    qualifier: str | None = None
    claimant: str | None = None
    claimant_type: str | None = None
    start: int | None = None
    end: int | None = None


class DenialOut(_Open):
    text: str
    claimant: str | None = None
    claimant_type: str | None = None
    start: int | None = None
    end: int | None = None


class _IncidentFields(_Open):
    event_date: str | None = None
    date_precision: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: RangeOut | None = None
    civilian_fatalities: RangeOut | None = None
    child_fatalities: RangeOut | None = None
    injured: RangeOut | None = None


class IncidentOut(_IncidentFields):
    incident_id: str
    report_count: int | None = None
    report_ids: list[str] = []
    outlets: list[str | None] = []
    claims: list[ClaimOut] = Field([], description="Every claim of every report, each with its report_id")
    evidence: list[EvidenceOut] = Field([], description="The reports' evidence, each with report_id and article_id")


class IncidentPage(BaseModel):
    total: int = Field(description="Incidents matching the filters, all pages together, counted up to "
                                   "offset + limit + 500: when more match, `total` is that bound and "
                                   "`total_exact` is false (a bounded cost on a big store)")
    total_exact: bool = Field(True, description="False when `total` is the counting bound, not the count")
    limit: int
    offset: int
    items: list[IncidentOut]


class ReportOut(_IncidentFields):
    report_id: str
    article_id: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    claims: list[ClaimOut] = []
    denials: list[DenialOut] = []
    evidence: list[EvidenceOut] = []


class IncidentDetail(IncidentOut):
    reports: list[ReportOut] = []


class ArticleOut(_Open):
    id: str
    article_id: str
    report_ids: list[str] = []
    incident_ids: list[str] = []
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None


class ArticleIn(BaseModel):
    """One article of the input contract; `text` is required, the rest optional."""
    id: str | int | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD or an ISO datetime")
    title: str | None = None
    text: str = Field(max_length=200_000)


class RejectionOut(BaseModel):
    code: str
    reason: str
    source: str
    article_id: str | None = None


class IngestOut(BaseModel):
    articles: int = Field(description="Articles extracted (stored now or already stored before)")
    reports: int
    article_ids: list[str]
    rejections: list[RejectionOut]
    stored: dict = Field(description="What the store did: articles, skipped (already stored), reports, "
                                     "incidents_touched, …")


class ActorOut(_Open):
    actor: str
    incidents: int
    fatalities: int


class StatsRow(_Open):
    key: str | None = Field(description="The day, event type or country; null where the incident has none")
    incidents: int
    fatalities: int


class ActorStatsRow(_Open):
    actor: str
    incidents: int
    fatalities: int


class StatsOut(_Open):
    """Counts and fatalities (the sum of each incident's `best`), in total and broken down."""
    incidents: int
    fatalities: int
    by_day: list[StatsRow]
    by_event_type: list[StatsRow]
    by_country: list[StatsRow]
    by_actor: list[ActorStatsRow]


class PointGeometry(BaseModel):
    type: Literal["Point"]
    coordinates: list[float]


class ClusterProperties(_Open):
    count: int = Field(description="Incidents in this cell")
    fatalities: int = Field(description="Sum of the incidents' best fatality figures")
    incident_id: str | None = Field(None, description="Set when the cell holds a single incident")


class ClusterFeature(BaseModel):
    type: Literal["Feature"]
    geometry: PointGeometry
    properties: ClusterProperties


class ClusterCollection(_Open):
    type: Literal["FeatureCollection"]
    features: list[ClusterFeature]
