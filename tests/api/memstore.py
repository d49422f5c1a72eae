"""TEMPORARY in-memory stand-in for tollbook.store until issue 5's Store lands (then deleted)."""
from __future__ import annotations

from collections import Counter, defaultdict


class MemStore:
    def __init__(self, incidents: list[dict], articles: dict[str, dict]):
        self._incidents = incidents
        self._articles = articles

    def _match(self, q):
        for i in self._incidents:
            if q.country and q.country not in (i.get("country"), i.get("iso3")):
                continue
            if q.event_type and q.event_type not in (i.get("event_type"), i.get("sub_event_type")):
                continue
            if q.actor and q.actor not in (i.get("actor1"), i.get("actor2")):
                continue
            d = i.get("event_date")
            if q.date_from and (not d or d < q.date_from.isoformat()):
                continue
            if q.date_to and (not d or d > q.date_to.isoformat()):
                continue
            if q.bbox:
                w, s, e, n = q.bbox
                if i.get("latitude") is None or not (s <= i["latitude"] <= n and w <= i["longitude"] <= e):
                    continue
            if q.q and q.q.lower() not in " ".join(str(v) for v in i.values()).lower():
                continue
            yield i

    def incidents(self, q):
        key = (q.order or "-date").lstrip("-")
        field = {"date": "event_date", "type": "sub_event_type", "fatalities": "fatalities"}.get(key, key)

        def k(i):
            v = i.get(field)
            if isinstance(v, dict):
                v = v["best"]
            return (v is None, v if v is not None else 0)
        rows = sorted(self._match(q), key=k, reverse=(q.order or "-date").startswith("-"))
        rows = [{k2: v for k2, v in r.items() if k2 != "reports"} for r in rows]
        return rows[q.offset: q.offset + q.limit if q.limit else None]

    def count_incidents(self, q):
        return sum(1 for _ in self._match(q))

    def incident(self, incident_id):
        return next((i for i in self._incidents if i["incident_id"] == incident_id), None)

    def article(self, article_id):
        return self._articles.get(article_id)

    def stats(self, q):
        rows = list(self._match(q))
        by = defaultdict(lambda: Counter())
        for r in rows:
            best = (r.get("fatalities") or {}).get("best", 0)
            for name, key in (("by_day", r.get("event_date")), ("by_type", r.get("event_type")),
                              ("by_country", r.get("country")), ("by_actor", r.get("actor1"))):
                by[name][(key, "n")] += 1
                by[name][(key, "f")] += best
        out = {"incidents": len(rows), "fatalities": sum((r.get("fatalities") or {}).get("best", 0) for r in rows)}
        for name, counter in by.items():
            keys = sorted({k for k, _ in counter}, key=lambda x: (x is None, x or ""))
            out[name] = [{"key": k, "incidents": counter[(k, "n")], "fatalities": counter[(k, "f")]} for k in keys]
            if name == "by_day":
                for row in out[name]:
                    row["day"] = row["key"]
        return out

    def actors(self):
        c = Counter(a for i in self._incidents for a in (i.get("actor1"), i.get("actor2")) if a)
        return [{"name": n, "incidents": k} for n, k in c.most_common()]

    def points(self, q):
        return [(i["incident_id"], i["latitude"], i["longitude"], (i.get("fatalities") or {}).get("best", 0), i)
                for i in self._match(q) if i.get("latitude") is not None]
