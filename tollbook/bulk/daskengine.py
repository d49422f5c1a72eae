"""Dask distributed: the cluster, the model on every worker, and the task every worker runs.

The task is ``run_partition``: ``process_batch`` (the very function
``extract --workers`` maps over its process pool) over the partition's
articles in batches of the same size, the results turned into Arrow tables on
the worker so that the driver only writes files. ``ModelOnWorker`` loads the
English model when a worker starts; ``load_nlp`` caches it per process, so
each worker loads it once whatever number of partitions it runs.

Dask is imported here only: the rest of tollbook does not need it.
"""
from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator

import dask
import pyarrow as pa
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from tollbook.bulk.partitions import Partition
from tollbook.bulk.tables import tables_from_results
from tollbook.errors import ConfigError
from tollbook.extraction import BATCH_SIZE, extract, process_batch
from tollbook.nlp.pipeline import load_nlp
from tollbook.records import Article, Rejection

CONNECT_TIMEOUT_S = 30

# Dask's defaults poll for an interactive dashboard: a 20 ms event-loop tick, a profiler sampling every
# thread each 10 ms (under the GIL the parser needs), memory and system monitors. Idle, they cost the
# driver 5.5% and each worker 2.8% of a core here; with these settings, 1.0% and 0.5%. Tasks here last
# seconds, so a one-second tick, monitor and work-stealing interval lose nothing.
QUIET_CLUSTER = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing-interval": "1s",
}


WARM_UP_TEXT = "Gunmen killed three villagers in Kidal, Mali on Monday, a local official said."


class ModelOnWorker(WorkerPlugin):
    """Loads the model as a worker starts (and on workers that join later).

    One short article is extracted too, so that the other per-process tables
    (actors, the place index) are loaded before the first partition, not in it.
    """

    name = "tollbook-model"

    def setup(self, worker) -> None:
        load_nlp()
        extract(WARM_UP_TEXT, published="2024-03-06")


def run_partition(items: list[Article | Rejection]) -> dict[str, pa.Table]:
    """Extract one partition on a worker; its tables, rows in stream order."""
    results = []
    for start in range(0, len(items), BATCH_SIZE):
        results.extend(process_batch(items[start:start + BATCH_SIZE]))
    return tables_from_results(results)


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the cluster at ``scheduler`` (``tcp://host:port``), else of a new LocalCluster.

    The local cluster runs ``workers`` processes of one thread each: spaCy's
    parsing holds the GIL, so threads would not run it in parallel.
    """
    if scheduler:
        client = _connect(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    with contextlib.ExitStack() as stack:
        stack.enter_context(dask.config.set(QUIET_CLUSTER))
        with warnings.catch_warnings():  # the HTTP endpoint moving off a taken port 8787 is no news here
            warnings.filterwarnings("ignore", message=r"Port \d+ is already in use", category=UserWarning)
            cluster = stack.enter_context(LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.ERROR))
        yield stack.enter_context(Client(cluster))


def prepare(client: Client) -> None:
    """Every worker, present and future, loads the model once."""
    client.register_plugin(ModelOnWorker())


def _connect(address: str) -> Client:
    if not address.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        raise ConfigError(f"--scheduler wants a scheduler address such as tcp://10.0.0.5:8786, not {address!r}",
                          code="E910")
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as err:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {err}; is `dask scheduler` "
                          "running there?", code="E910") from err


def map_partitions(client: Client, parts: Iterator[Partition]) -> Iterator[tuple[Partition, dict | None, str | None]]:
    """(partition, its tables or None, the error or None) for each partition, as they finish.

    At most two partitions per worker thread are in flight, so the driver reads
    ahead of the workers without holding the whole input in memory.
    """
    limit = max(2, 2 * sum(client.nthreads().values()))
    pending, owners = as_completed(), {}
    for part in parts:
        future = client.submit(run_partition, part.items, key=f"tollbook-{part.name}-{part.digest}", retries=0)
        owners[future.key] = part
        pending.add(future)
        while pending.count() >= limit:
            yield _harvest(next(pending), owners)
    for future in pending:
        yield _harvest(future, owners)


def _harvest(future, owners: dict) -> tuple[Partition, dict | None, str | None]:
    part = owners.pop(future.key)
    try:
        tables = future.result()
    except Exception as err:  # a task error, a worker lost for good: this partition fails, the run goes on
        return part, None, f"{type(err).__name__}: {err}"
    finally:
        future.release()
    return part, tables, None
