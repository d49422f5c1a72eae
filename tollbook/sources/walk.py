"""Folders to files: recursive, in sorted order, hidden entries skipped.

Order is by path, name by name (``a/1.txt``, ``a/b/2.txt``, ``a/c.txt``), so
two runs over the same folder give the same stream. Entries whose name
starts with ``.`` are skipped (``.git``, ``.DS_Store``, editor swap files).
Symlinked folders are not followed (no loops); symlinked files are read.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

from tollbook.records import Rejection
from tollbook.sources.common import rejection
from tollbook.sources.dispatch import ARTICLE_LIKE, FORMATS, extension_of


def walk_folder(folder: str) -> Iterator[str | Rejection]:
    """Paths of readable files under ``folder``, or Rejections for what is not.

    A folder that cannot be listed is E107; a file in a format that holds
    articles but is not read (e.g. ``.pdf``) is E108; other files are skipped.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        yield rejection("E107", f"cannot list folder: {err.strerror or err}", folder)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_folder(entry):
            yield from walk_folder(entry.path)
        elif extension_of(entry.name) in FORMATS:
            yield entry.path
        elif extension_of(entry.name) in ARTICLE_LIKE:
            yield rejection("E108", f"{extension_of(entry.name)} files are not read; "
                                    "convert them to .txt, .html or .jsonl", entry.path)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False
