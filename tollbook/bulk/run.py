"""A bulk run from inputs to an output folder, and reading its results back.

``run_bulk`` reads the inputs with the readers ``extract`` uses, cuts the
stream into partitions, skips those a previous run of the same inputs
finished, has Dask extract the rest and writes each partition's tables as it
comes back. ``read_results`` gives the finished results as the same stream of
``ExtractionResult | Rejection`` that ``extract_articles`` yields, so whatever
consumes extraction (export, ``tollbook ingest``) can consume a bulk run.
"""
from __future__ import annotations

import contextlib
import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from tollbook.bulk.output import FinishedPartition, OutputFolder
from tollbook.bulk.partitions import Partition, input_identity, partitions
from tollbook.bulk.tables import results_from_tables
from tollbook.errors import ConfigError
from tollbook.records import ExtractionResult, Rejection
from tollbook.sources import DEFAULT_MAX_CHARS, read_inputs

DEFAULT_PARTITION_SIZE = 100


@dataclass(slots=True)
class BulkSummary:
    """What a run did, and what its output folder now holds."""
    out_dir: str
    partitions: int = 0  # finished, this run and before
    skipped: int = 0  # finished before this run
    failed: dict[str, str] = field(default_factory=dict)  # partition -> error
    rows: Counter = field(default_factory=Counter)  # per table, the whole folder
    processed: int = 0  # articles extracted by this run
    codes: Counter = field(default_factory=Counter)  # rejections per code, the whole folder
    seconds: float = 0.0

    def add(self, done: FinishedPartition) -> None:
        self.partitions += 1
        self.rows.update(done.counts)
        self.codes.update(done.codes)


Listener = Callable[[str, BulkSummary], None]  # (event, summary so far)


def run_bulk(inputs: Iterable[str], out_dir: str, *, scheduler: str | None = None, workers: int = 2,
             partition_size: int = DEFAULT_PARTITION_SIZE, max_chars: int = DEFAULT_MAX_CHARS,
             client=None, listener: Listener | None = None) -> BulkSummary:
    """Extract ``inputs`` into Parquet under ``out_dir`` on Dask; resumes a run that stopped.

    ``client``: a ``distributed.Client`` to use as it is; else one is made for
    ``scheduler`` (a ``tcp://`` address) or a LocalCluster of ``workers``.
    """
    from tollbook.bulk import daskengine  # dask is imported only when a run starts

    inputs = list(inputs)
    started = time.perf_counter()
    folder = OutputFolder(out_dir)
    finished = folder.open(input_identity(inputs, partition_size=partition_size, max_chars=max_chars))
    summary = BulkSummary(out_dir=folder.path)
    notify = listener or (lambda event, summary: None)
    todo = _not_finished(partitions(read_inputs(inputs, max_chars=max_chars), partition_size),
                         finished, summary, notify)
    first = next(todo, None)  # all finished before: no cluster to start
    if first is None:
        summary.seconds = time.perf_counter() - started
        return summary
    with _client(daskengine, client, scheduler, workers) as dask_client:
        daskengine.prepare(dask_client)
        for part, tables, error in daskengine.map_partitions(dask_client, itertools.chain([first], todo)):
            if error is not None:
                summary.failed[part.name] = error
                notify("failed", summary)
                continue
            summary.add(folder.write_partition(part.name, part.digest, tables))
            summary.processed += tables["articles"].num_rows
            summary.seconds = time.perf_counter() - started
            notify("finished", summary)
    summary.seconds = time.perf_counter() - started
    return summary


def _not_finished(parts: Iterator[Partition], finished: dict[str, FinishedPartition], summary: BulkSummary,
                  notify: Listener) -> Iterator[Partition]:
    for part in parts:
        done = finished.get(part.name)
        if done is not None and done.digest == part.digest:
            summary.add(done)
            summary.skipped += 1
            notify("skipped", summary)
            continue
        yield part


def _client(daskengine, client, scheduler: str | None, workers: int):
    if client is not None:
        return contextlib.nullcontext(client)  # the caller's client: used, not closed
    return daskengine.dask_client(scheduler, workers)


def read_results(out_dir: str) -> Iterator[ExtractionResult | Rejection]:
    """Every finished partition's results, in input order: what ``extract_articles`` would have yielded."""
    folder = OutputFolder(out_dir)
    if not folder.is_bulk_output():
        raise ConfigError(f"{out_dir} is not the output folder of a tollbook bulk run (no manifest.json)",
                          code="E911")
    names = sorted({part.name for part in folder.finished()})
    for name in names:
        yield from results_from_tables(folder.read_partition(name))
