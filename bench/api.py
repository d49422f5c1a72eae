"""Speed of the HTTP API on a large SQLite store.

    python -m bench.api [--incidents 1000000] [--db PATH] [--load-seconds 20] [--connections 8]

1. Builds (or reuses) a SQLite store of N synthetic incidents (bench/api_data.py).
2. Starts `tollbook serve` on a free loopback port, in its own process.
3. Latency of /incidents under typical filters: p50/p95 per filter and over all (target p95 <= 100 ms).
4. The whole-world map payload (/incidents/clusters at zoom 2): time and size, raw and gzipped.
5. A loopback load test bounded in time (a Python load generator, keep-alive connections, a mix
   of what the page asks) while another process ingests new articles through Store.ingest;
   reports requests, errors (anything but 200, or a failed connection) and throughput.
"""
from __future__ import annotations

import argparse
import gzip
import http.client
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.api_data import build_database, ingest_stream

CACHE = Path(os.environ.get("BENCH_API_CACHE", Path(__file__).resolve().parents[1] / "bench" / ".cache"))

TYPICAL = {  # name: query string (the filters people use on the map and in the CLI)
    "newest page": "limit=50",
    "country": "country=Syria&limit=50",
    "country + month": "country=Iraq&from=2023-05-01&to=2023-05-31&limit=50",
    "event type": "type=Battles&limit=50",
    "sub-event type + year": "type=Air/drone%20strike&from=2022-01-01&to=2022-12-31&limit=50",
    "actor": "actor=Armed%20group%203&limit=50",
    "bbox": "bbox=35,31,40,37&limit=50",
    "text": "q=syria%20armed&limit=50",
    "deadliest": "sort=-fatalities&limit=50",
    "page 20": "limit=50&offset=1000",
}
GEOJSON = "/incidents?format=geojson&country=Somalia&limit=1000"


def main() -> None:
    args = _arguments()
    db = Path(args.db) if args.db else CACHE / f"api-{args.incidents}.db"
    _ensure_database(db, args.incidents)
    port = _free_port()
    server = _serve(db, port, args.workers)
    try:
        _wait_until_up(port)
        _wait_for_warm_views(port)
        phases = set(args.phases.split(","))
        latency = measure_latency(port, args.rounds) if "latency" in phases else None
        print(json.dumps({"latency_ms": latency}), file=sys.stderr)
        world = measure_world_map(port) if "map" in phases else None
        print(json.dumps({"world_map": world}), file=sys.stderr)
        load = load_test(port, db, args.load_seconds, args.connections) if "load" in phases else None
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps({"incidents": args.incidents, "server_workers": args.workers, "latency_ms": latency,
                      "world_map": world, "load": load}, indent=1))


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=int(os.environ.get("BENCH_API_INCIDENTS", 1_000_000)))
    parser.add_argument("--db", help="Where the synthetic store is kept (default bench/.cache/api-N.db, reused).")
    parser.add_argument("--rounds", type=int, default=20, help="Requests per filter for the latency figures.")
    parser.add_argument("--load-seconds", type=float, default=20.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--phases", default="latency,map,load", help="Which measurements, comma-separated.")
    parser.add_argument("--workers", type=int, default=2, help="Server processes (tollbook serve --workers).")
    return parser.parse_args()


def _ensure_database(db: Path, n: int) -> None:
    marker = db.with_suffix(".built")
    if db.exists() and marker.exists() and marker.read_text() == str(n):
        print(f"reusing {db} ({n:,} incidents)", file=sys.stderr)
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm"), marker):
        path.unlink(missing_ok=True)
    started = time.perf_counter()
    build_database(str(db), n)
    marker.write_text(str(n))
    print(f"built {db}: {n:,} incidents in {time.perf_counter() - started:.0f}s, "
          f"{db.stat().st_size / 1e9:.2f} GB", file=sys.stderr)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(db: Path, port: int, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "tollbook.cli", "serve", "--db", str(db), "--port", str(port),
               "--workers", str(workers)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=sys.stderr)


def _wait_until_up(port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, _ = _get(http.client.HTTPConnection("127.0.0.1", port, timeout=5), "/actors")
            if status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("the server did not come up")


WARM_PATHS = [f"/incidents/clusters?zoom={zoom}" for zoom in (1, 2, 3)] + ["/stats", "/actors"]


def _wait_for_warm_views(port: int, connections: int = 8) -> None:
    """Each server process computes the whole-world views once at start (tollbook.api.app.warm_views);
    asking for them on a few fresh connections waits until every process has them, so the latency
    figures are those of a started server, not of one still warming up."""
    started = time.perf_counter()
    for _ in range(connections):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        for path in WARM_PATHS:
            _get(conn, path)
        conn.close()
    print(f"views warm after {time.perf_counter() - started:.0f}s", file=sys.stderr)


def _get(conn: http.client.HTTPConnection, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.read()


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"p50": round(statistics.median(ordered), 1), "p95": round(pick(0.95), 1), "max": round(ordered[-1], 1)}


def measure_latency(port: int, rounds: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    every, out = [], {}
    for name, query in TYPICAL.items():
        _get(conn, "/incidents?" + query)  # first call: the page cache warms
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            status, _ = _get(conn, "/incidents?" + query)
            samples.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"/incidents?{query} answered {status}")
        out[name] = _percentiles(samples)
        every += [s for s in samples]
    out["all typical filters"] = _percentiles(every)
    return out


def measure_world_map(port: int) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    path = "/incidents/clusters?zoom=2&bbox=-180,-85,180,85"
    samples, body = [], b""
    for _ in range(6):
        started = time.perf_counter()
        status, body = _get(conn, path)
        samples.append((time.perf_counter() - started) * 1000)
    collection = json.loads(body)
    out = {"path": path, "first_ms": round(samples[0], 1), "ms": _percentiles(samples[1:]),
           "cells": len(collection["features"]), "incidents": sum(f["properties"]["count"] for f in collection["features"]),
           "bytes": len(body), "bytes_gzip": len(gzip.compress(body))}
    samples = []
    for _ in range(3):
        started = time.perf_counter()
        status, body = _get(conn, GEOJSON)
        samples.append((time.perf_counter() - started) * 1000)
    out["geojson_1000"] = {"path": GEOJSON, "ms": _percentiles(samples), "bytes": len(body),
                           "bytes_gzip": len(gzip.compress(body))}
    return out


def load_test(port: int, db: Path, seconds: float, connections: int) -> dict:
    spawn = multiprocessing.get_context("spawn")
    stop, ingested = spawn.Event(), spawn.Value("i", 0)
    writer = spawn.Process(target=_ingest_until, args=(str(db), stop, ingested))
    writer.start()
    time.sleep(3)  # the writer is inside its first transactions before the load starts
    results: list[tuple[int, float, str]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    paths = load_mix(port)
    threads = [threading.Thread(target=_client, args=(port, paths, n, deadline, results, lock))
               for n in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    stop.set()
    writer.join(timeout=120)
    if writer.is_alive():  # still inside a batch: its transaction rolls back, the run stays unfinished
        writer.terminate()
        writer.join()
    errors = sum(1 for status, _, _ in results if status != 200)
    by_path: dict[str, list[float]] = {}
    for _, ms, path in results:
        by_path.setdefault(path, []).append(ms)
    return {"seconds": round(elapsed, 1), "connections": connections, "requests": len(results), "errors": errors,
            "requests_per_s": round(len(results) / elapsed, 1),
            "latency_ms": _percentiles([ms for _, ms, _ in results]) if results else None,
            "articles_ingested_meanwhile": ingested.value,
            "client_timeouts": sum(1 for status, _, _ in results if status == 0),
            "slowest_paths": sorted(({"path": path, "requests": len(ms), **_percentiles(ms)} for path, ms in by_path.items()),
                                    key=lambda row: -row["max"])[:5]}


def load_mix(port: int) -> list[str]:
    """What the page asks as people browse: list pages under every typical filter, the map at a few
    zooms, the timeline's counts, one incident and its article."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    _, body = _get(conn, "/incidents?country=Syria&limit=1")
    incident = json.loads(body)["items"][0]
    article_id = incident["evidence"][0]["article_id"] if incident.get("evidence") else None
    return (["/incidents?" + query for query in TYPICAL.values()]
            + ["/incidents/clusters?zoom=2&bbox=-180,-85,180,85", "/incidents/clusters?zoom=3&bbox=20,10,60,45",
               "/incidents/clusters?zoom=6&bbox=35,32,39,36", "/stats", "/stats?type=Battles",
               f"/incidents/{incident['incident_id']}"] + ([f"/articles/{article_id}"] if article_id else []))


def _client(port, paths, offset, deadline, results, lock) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    n = offset
    while time.monotonic() < deadline:
        path = paths[n % len(paths)]
        n += 1
        started = time.perf_counter()
        try:
            status, _ = _get(conn, path)
        except OSError:
            status = 0
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        with lock:
            results.append((status, (time.perf_counter() - started) * 1000, path))


def _ingest_until(db: str, stop, ingested) -> None:
    from tollbook.store import open_store
    store = open_store(db)
    stream = ingest_stream(start=int(time.time()))
    while not stop.is_set():
        batch = [next(stream) for _ in range(50)]
        store.ingest(batch, batch_size=50)
        ingested.value += len(batch)
    store.close()


if __name__ == "__main__":
    main()
