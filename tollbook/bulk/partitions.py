"""Partitioned input: the read stream cut into numbered partitions, and the input's identity.

The driver reads the inputs with the same readers ``extract`` uses and cuts
the stream of Articles and Rejections into partitions of ``size`` items, in
stream order, so the same inputs always give the same partitions. Each
partition has a digest of what it holds; a finished partition is skipped on
resume only when its digest matches, so a file edited between two runs is
redone rather than trusted.

The input identity (files with their sizes and modification times, and the
settings that shape partitions and reports) keys the output folder: results
of different inputs are never mixed.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tollbook import __version__
from tollbook.errors import ConfigError
from tollbook.records import EXTRACTOR_VERSION, Article, Rejection
from tollbook.sources.walk import walk_folder


@dataclass(frozen=True, slots=True)
class Partition:
    index: int
    items: list[Article | Rejection]
    digest: str

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


def partitions(stream: Iterable[Article | Rejection], size: int) -> Iterator[Partition]:
    """Consecutive partitions of ``size`` items (the last one may be smaller)."""
    items: list[Article | Rejection] = []
    index = 0
    for item in stream:
        items.append(item)
        if len(items) >= size:
            yield Partition(index, items, digest_of(items))
            items, index = [], index + 1
    if items:
        yield Partition(index, items, digest_of(items))


def digest_of(items: list[Article | Rejection]) -> str:
    digest = hashlib.sha256()
    for item in items:
        fields = item.to_dict() | {"source": item.source}
        digest.update(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:24]


def input_identity(inputs: list[str], *, partition_size: int, max_chars: int) -> dict:
    """What an output folder is the result of; ``input_key`` hashes all of it."""
    if "-" in inputs:
        raise ConfigError("bulk cannot read stdin ('-'): a resumable run needs files it can read again",
                          code="E910")
    files = [_file_identity(path) for path in _files(inputs)]
    settings = {"partition_size": partition_size, "max_chars": max_chars, "extractor": EXTRACTOR_VERSION,
                "tollbook": __version__}
    key = hashlib.sha256(json.dumps([files, settings], sort_keys=True).encode()).hexdigest()[:24]
    return {"input_key": key, "inputs": [os.path.abspath(p) for p in inputs], "files": len(files), **settings}


def _files(inputs: list[str]) -> Iterator[str]:
    for path in inputs:
        if os.path.isdir(path):
            yield from (item for item in walk_folder(path) if isinstance(item, str))
        else:
            yield path


def _file_identity(path: str) -> list:
    try:
        stat = os.stat(path)
    except OSError:
        return [os.path.abspath(path), None, None]  # the reader rejects it (E107); still part of the input
    return [os.path.abspath(path), stat.st_size, stat.st_mtime_ns]
