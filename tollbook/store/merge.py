"""Running the merge against the database: new reports re-cluster only the components they touch."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from sqlalchemy import Connection, and_, delete, select, true, update

from ..incidents.merging import components, groups, item_from_row, links_between
from ..incidents.merging.blocking import NAME_WINDOW_DAYS, UNDATED_BACK_DAYS, WINDOW_DAYS
from ..incidents.merging.combine import combine
from ..incidents.merging.features import day_of, norm
from .dialect import insert_ignore
from .rows import claim_from_row, claims_by_report, dumps, range_columns, ranges_of
from .schema import incident_terms, incidents, reports

CHUNK = 500
MAX_INCIDENT_TERMS = 64
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def merge_new_reports(conn: Connection, new_rows: list[dict]) -> int:
    """Link new reports to stored ones, re-cluster the affected components, rewrite their incidents.

    Returns the number of incidents written."""
    if not new_rows:
        return 0
    new_ids = {row["report_id"] for row in new_rows}
    candidates = [row for row in _candidate_rows(conn, new_rows) if row["report_id"] not in new_ids]
    first_links = links_between([item_from_row(r) for r in new_rows + candidates])
    linked = {rid for _, a, b in first_links for rid in (a, b)} - new_ids
    touched_components = {r["component_id"] for r in candidates if r["report_id"] in linked}
    members = _component_members(conn, touched_components)
    rows = {r["report_id"]: r for r in members}
    rows.update({r["report_id"]: r for r in new_rows})
    items = [item_from_row(r) for r in rows.values()]
    links = links_between(items)
    incident_of = groups(items, links)
    component_of = components(rows, links)
    _rewrite(conn, rows, incident_of, component_of)
    return len(set(incident_of.values()))


def _candidate_rows(conn: Connection, new_rows: list[dict]) -> list[dict]:
    """Stored reported reports that blocking could pair with a new one (a superset), by two routes.

    Place and date: the same country, or no known country (a new report of no known country meets
    every country), within the new report's own window whatever the stored one's precision, and
    within each wider precision's window for the stored reports of that precision. Names: reports
    of those places within the name window that share a name-like word with a new report, found
    from a read of ids and words alone (a year of a busy country is many reports, few of them named
    alike), so that the stored reports a name links are met, and counted against its reach cap."""
    spans: dict[tuple, list[tuple[int | None, int]]] = defaultdict(list)
    name_spans: dict[tuple, list[tuple[int | None, int]]] = defaultdict(list)
    names: set[str] = set()
    for row in new_rows:
        day = day_of(row["event_date"])
        if day is not None:
            span = (day, WINDOW_DAYS.get(row["date_precision"], 2))
        else:  # undated: anchored on the publication day; with neither it meets every stored report
            day = None if row["event_date"] else day_of(row["published"])
            span = (day, UNDATED_BACK_DAYS)
        key = (row["iso3"], row["country"]) if row["iso3"] or row["country"] else _ANYWHERE
        for place in (key, _NOWHERE):
            spans[place].append(span)
            name_spans[place].append((day, NAME_WINDOW_DAYS))
        names |= item_from_row(row).names
    found: dict[str, dict] = {}
    for key, days in spans.items():
        if _ANYWHERE in spans and key != _ANYWHERE:
            continue  # the fetch for anywhere holds these
        for when in _date_conditions(days):
            query = select(reports).where(_place_condition(key), reports.c.modality == "reported", when)
            found.update((r.report_id, dict(r._mapping)) for r in conn.execute(query))
    named = _sharing_a_name(conn, name_spans, names) - found.keys()
    ids = sorted(named)
    for start in range(0, len(ids), CHUNK):
        query = select(reports).where(reports.c.report_id.in_(ids[start:start + CHUNK]))
        found.update((r.report_id, dict(r._mapping)) for r in conn.execute(query))
    return [found[rid] for rid in sorted(found)]


def _sharing_a_name(conn: Connection, spans: dict[tuple, list[tuple[int | None, int]]],
                    names: set[str]) -> set[str]:
    """Ids of the stored reported reports of ``spans``' places and name windows whose words hold one of ``names``."""
    out: set[str] = set()
    if not names:
        return out
    for key, days in spans.items():
        if _ANYWHERE in spans and key != _ANYWHERE:
            continue
        for when in _date_conditions(days):
            query = select(reports.c.report_id, reports.c.terms).where(
                _place_condition(key), reports.c.modality == "reported", when)
            out.update(rid for rid, terms in conn.execute(query) if not names.isdisjoint(terms.split()))
    return out


_ANYWHERE, _NOWHERE = ("*", "*"), (None, None)


def _place_condition(key: tuple):
    iso3, country = key
    if key == _ANYWHERE:
        return true()
    if key == _NOWHERE:
        return and_(reports.c.iso3.is_(None), reports.c.country.is_(None))
    return reports.c.iso3 == iso3 if iso3 else and_(reports.c.iso3.is_(None), reports.c.country == country)


def _date_conditions(spans: list[tuple[int | None, int]]) -> list:
    """Conditions whose matches together hold every stored report dated compatibly with a span."""
    if any(day is None for day, _ in spans):
        return [true()]
    ranges: dict[str | None, list[tuple[int, int]]] = defaultdict(list)  # precision (None: any) -> days
    for day, reach in spans:
        ranges[None].append((day - reach, day + reach))
        for precision, wider in WINDOW_DAYS.items():
            if precision is not None and wider > reach:
                ranges[precision].append((day - wider, day + wider))
    out = [reports.c.event_date.is_(None)]
    for precision, days in ranges.items():
        for low, high in _merged(days):
            when = reports.c.event_date.between(_iso_day(low), _iso_day(high))
            out.append(when if precision is None else and_(reports.c.date_precision == precision, when))
    return out


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for low, high in sorted(ranges):
        if out and low <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], high)
        else:
            out.append([low, high])
    return [(low, high) for low, high in out]


def _iso_day(ordinal: int) -> str:
    return dt.date.fromordinal(min(max(ordinal, 1), dt.date.max.toordinal())).isoformat()


def _component_members(conn: Connection, component_ids: set[str]) -> list[dict]:
    out = []
    ids = sorted(i for i in component_ids if i)
    for start in range(0, len(ids), CHUNK):
        query = select(reports).where(reports.c.component_id.in_(ids[start:start + CHUNK]))
        out.extend(dict(r._mapping) for r in conn.execute(query))
    return out


def _rewrite(conn: Connection, rows: dict[str, dict], incident_of: dict[str, str],
             component_of: dict[str, str]) -> None:
    old = sorted({r["incident_id"] for r in rows.values() if r["incident_id"]})
    for start in range(0, len(old), CHUNK):
        chunk = old[start:start + CHUNK]
        conn.execute(delete(incident_terms).where(incident_terms.c.incident_id.in_(chunk)))
        conn.execute(delete(incidents).where(incidents.c.incident_id.in_(chunk)))
    for rid, row in rows.items():
        if row["incident_id"] != incident_of[rid] or row["component_id"] != component_of[rid]:
            conn.execute(update(reports).where(reports.c.report_id == rid).values(
                incident_id=incident_of[rid], component_id=component_of[rid]))
        row["incident_id"], row["component_id"] = incident_of[rid], component_of[rid]
    members: dict[str, list[dict]] = defaultdict(list)
    for rid, row in rows.items():
        members[incident_of[rid]].append(row)
    claim_map = claims_by_report(conn, sorted(rows), claim_from_row)
    incident_rows, term_rows = [], []
    for iid in sorted(members):
        group = members[iid]
        incident_rows.append(incident_row(iid, group, claim_map))
        term_rows.extend({"term": t, "incident_id": iid} for t in incident_terms_of(incident_rows[-1], group))
    conn.execute(insert_ignore(conn, incidents), incident_rows)
    if term_rows:
        conn.execute(insert_ignore(conn, incident_terms), term_rows)



def incident_row(incident_id: str, group: list[dict], claim_map: dict[str, list]) -> dict:
    report_dicts = [{**r, **ranges_of(r)} for r in group]
    pairs = [(r["report_id"], c) for r in sorted(group, key=lambda r: r["report_id"])
             for c in claim_map.get(r["report_id"], [])]
    fields = combine(report_dicts, pairs)
    ranges = {k: fields.pop(k) for k in ("fatalities", "civilian_fatalities", "child_fatalities", "injured")}
    return {"incident_id": incident_id, **fields, **range_columns(ranges), "report_count": len(group),
            "report_ids": dumps(sorted(r["report_id"] for r in group)),
            "outlets": dumps(sorted({r["outlet"] for r in group if r["outlet"]}))}


def incident_terms_of(incident: dict, group: list[dict]) -> list[str]:
    """Words a --q search finds the incident by: its place, actors and type, then its reports' terms."""
    words: list[str] = []
    for name in ("location", "admin1", "admin2", "country", "iso3", "actor1", "actor2", "event_type",
                 "sub_event_type", "actor1_text", "actor2_text"):
        words.extend(norm(w) for w in _WORD.findall(incident.get(name) or ""))
    for row in sorted(group, key=lambda r: r["report_id"]):
        words.extend(row["terms"].split())
    unique = list(dict.fromkeys(w[:64] for w in words if w))
    # the place and actor words always fit; report words fill the rest
    return unique[:MAX_INCIDENT_TERMS]
