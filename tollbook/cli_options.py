"""Options several commands share, spelled once."""
from __future__ import annotations

import click

from .sources import DEFAULT_MAX_CHARS

max_chars_option = click.option(
    "--max-chars", type=click.IntRange(1, 10_000_000), default=DEFAULT_MAX_CHARS, show_default=True,
    help="Articles longer than this are rejected (E105).")
