"""The output folder of a bulk run: Parquet files, a manifest, and a log of finished partitions.

Layout::

    OUT/manifest.json                 what this folder is the output of (input identity, settings)
    OUT/partitions.jsonl              one line per finished partition: name, digest, row counts
    OUT/<table>/part-00000.parquet    one file per partition per table (articles, reports, ...)

Crash safety rests on two rules. Every file is written under a hidden temp
name and renamed into place (a reader never sees half a file). A partition
counts as finished only once its line is in ``partitions.jsonl``, appended
after all of its files are in place; a run that dies before that line redoes
the partition, overwriting its files, so nothing is ever counted twice. A torn
last line (the process died while appending it) is ignored.

A folder belongs to one input: running again with other inputs or settings is
refused (E911) rather than mixing two runs' results.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq

from tollbook.bulk.tables import TABLES
from tollbook.errors import ConfigError

MANIFEST = "manifest.json"
PARTITIONS_LOG = "partitions.jsonl"
FORMAT_VERSION = 1
_TEMP_PREFIX = ".tmp-"


@dataclass(frozen=True, slots=True)
class FinishedPartition:
    name: str
    digest: str
    counts: dict  # rows per table
    codes: dict  # rejections per code


class OutputFolder:
    """One bulk run's output folder; see the module docstring for its layout."""

    def __init__(self, path: str):
        self.path = os.path.abspath(path)

    def open(self, identity: dict) -> dict[str, FinishedPartition]:
        """Claim the folder for ``identity``; the partitions already finished for it."""
        os.makedirs(self.path, exist_ok=True)
        existing = self._read_manifest()
        if existing is None:
            _write_atomically(self._at(MANIFEST), _json_bytes({"format": FORMAT_VERSION, **identity}))
        elif existing.get("input_key") != identity["input_key"]:
            raise ConfigError(
                f"{self.path} holds the results of other inputs or settings "
                f"(inputs {existing.get('inputs', [])[:3]}...); give a new --out folder, "
                "or delete this one to start over", code="E911")
        self._remove_temp_files()
        self._end_torn_line()
        return {p.name: p for p in self.finished()}

    def is_bulk_output(self) -> bool:
        return os.path.isfile(self._at(MANIFEST))

    def finished(self) -> Iterator[FinishedPartition]:
        """Finished partitions, in the order they finished (a torn last line is skipped)."""
        try:
            with open(self._at(PARTITIONS_LOG), encoding="utf-8") as log:
                lines = log.read().split("\n")
        except FileNotFoundError:
            return
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # the line a crash cut short
            yield FinishedPartition(entry["name"], entry["digest"], entry["counts"], entry["codes"])

    def write_partition(self, name: str, digest: str, tables: dict[str, pa.Table]) -> FinishedPartition:
        """Every table's file for one partition, then its line in the log."""
        for table in TABLES:
            folder = self._at(table)
            os.makedirs(folder, exist_ok=True)
            _write_atomically(os.path.join(folder, f"{name}.parquet"), tables[table])
        done = FinishedPartition(name, digest, {table: tables[table].num_rows for table in TABLES},
                                 dict(Counter(tables["rejections"].column("code").to_pylist())))
        entry = {"name": name, "digest": digest, "counts": done.counts, "codes": done.codes}
        with open(self._at(PARTITIONS_LOG), "ab") as log:
            log.write(json.dumps(entry, sort_keys=True).encode() + b"\n")
            log.flush()
            os.fsync(log.fileno())
        return done

    def read_partition(self, name: str) -> dict[str, pa.Table]:
        return {table: pq.read_table(os.path.join(self._at(table), f"{name}.parquet")) for table in TABLES}

    def _read_manifest(self) -> dict | None:
        try:
            with open(self._at(MANIFEST), encoding="utf-8") as manifest:
                return json.load(manifest)
        except FileNotFoundError:
            return None
        except ValueError as err:
            raise ConfigError(f"{self._at(MANIFEST)} is not valid JSON ({err}); delete the folder "
                              "or give a new --out", code="E911") from None

    def _end_torn_line(self) -> None:
        """A crash mid-append leaves a line without its newline: close it, so the next line stands alone."""
        try:
            with open(self._at(PARTITIONS_LOG), "rb+") as log:
                size = log.seek(0, os.SEEK_END)
                if size:
                    log.seek(size - 1)
                    if log.read(1) != b"\n":
                        log.write(b"\n")
        except FileNotFoundError:
            pass

    def _remove_temp_files(self) -> None:
        """Half-written files of a run that died."""
        for folder, _, files in os.walk(self.path):
            for name in files:
                if name.startswith(_TEMP_PREFIX):
                    os.remove(os.path.join(folder, name))

    def _at(self, name: str) -> str:
        return os.path.join(self.path, name)


def _write_atomically(path: str, content: pa.Table | bytes) -> None:
    folder, name = os.path.split(path)
    temp = os.path.join(folder, f"{_TEMP_PREFIX}{os.getpid()}-{name}")
    with open(temp, "wb") as out:
        if isinstance(content, pa.Table):
            pq.write_table(content, out, compression="zstd")
        else:
            out.write(content)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temp, path)


def _json_bytes(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
