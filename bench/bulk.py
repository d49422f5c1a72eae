"""Throughput of ``tollbook bulk`` on a Dask LocalCluster with 1 and 2 workers, against ``extract`` on one process.

    python -m bench.bulk [--articles 2000] [--partition-size 100]

The corpus is generated (``bench.newsgen``) and written as JSON Lines. Each
run reads, extracts and writes the whole corpus; the cluster is started and
the model loaded on every worker before the clock starts (start-up is printed
apart). Prints articles/s for extract (one process) and for bulk with 1 and 2
workers, the scaling efficiency (rate with 2 / twice the rate with 1), bulk's
overhead against extract on one process, and each worker's peak RSS.
"""
from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import tempfile
import time

from bench.newsgen import write_jsonl


def extract_rate(path: str) -> tuple[float, float, int]:
    """(articles/s, CPU ms per article) of extract on this process, warmed up; the article count."""
    from tollbook.extraction import extract_articles
    from tollbook.sources import read_inputs
    list(extract_articles(itertools.islice(read_inputs([path]), 20)))  # model, actors, place index: loaded now
    started, cpu = time.perf_counter(), time.process_time()
    n = sum(1 for _ in extract_articles(read_inputs([path])))
    return n / (time.perf_counter() - started), 1000 * (time.process_time() - cpu) / n, n


def _peak_rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def bulk_rate(path: str, workers: int, partition_size: int) -> dict:
    """One bulk run on a LocalCluster made as `tollbook bulk` makes it; the clock starts once the workers are warm."""
    from tollbook.bulk import run_bulk
    from tollbook.bulk.daskengine import dask_client, prepare

    out = tempfile.mkdtemp(prefix="tollbook-bench-bulk-")
    started = time.perf_counter()
    with dask_client(None, workers) as client:
        prepare(client)  # every worker loads the model (and warms up) now
        startup = time.perf_counter() - started
        worker_cpu = sum(client.run(time.process_time).values())
        driver_cpu = time.process_time()
        summary = run_bulk([path], out, partition_size=partition_size, client=client)
        driver_cpu = time.process_time() - driver_cpu
        worker_cpu = sum(client.run(time.process_time).values()) - worker_cpu
        peaks = sorted(client.run(_peak_rss_kib).values())
    shutil.rmtree(out, ignore_errors=True)
    n = summary.processed
    return {"rate": n / summary.seconds, "startup": startup, "articles": n, "failed": len(summary.failed),
            "peak_mib": [kib / 1024 for kib in peaks], "worker_ms": 1000 * worker_cpu / n,
            "driver_ms": 1000 * driver_cpu / n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--partition-size", type=int, default=100)
    parser.add_argument("--skip-extract", action="store_true", help="only the Dask runs")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="tollbook-bench-corpus-")
    path = os.path.join(folder, "corpus.jsonl")
    write_jsonl(path, args.articles)
    try:
        runs = {workers: bulk_rate(path, workers, args.partition_size) for workers in (1, 2)}
        single = None if args.skip_extract else extract_rate(path)[:2]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    n = args.articles
    print(f"corpus: {n} generated articles, partitions of {args.partition_size}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    if single is not None:
        print(f"extract, one process: {single[0]:.1f} articles/s, {single[1]:.1f} CPU ms per article")
    for workers, run in runs.items():
        peaks = ", ".join(f"{p:.0f}" for p in run["peak_mib"])
        print(f"bulk, {workers} worker(s): {run['rate']:.1f} articles/s; CPU ms per article {run['worker_ms']:.1f} "
              f"on workers + {run['driver_ms']:.1f} on the driver; peak RSS per worker {peaks} MiB; "
              f"start-up (cluster, model) {run['startup']:.1f} s apart; {run['failed']} failed")
    efficiency = runs[2]["rate"] / (2 * runs[1]["rate"])
    print(f"scaling efficiency 1 -> 2 workers: {efficiency:.2f} (1.00 = linear)")
    if single is not None:
        print(f"bulk with 1 worker / extract on one process: {runs[1]['rate'] / single[0]:.2f} by wall clock, "
              f"{single[1] / (runs[1]['worker_ms'] + runs[1]['driver_ms']):.2f} by CPU time")

if __name__ == "__main__":
    main()
