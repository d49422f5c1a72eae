"""Publication dates as the contract wants them: ISO, or None.

``published`` anchors relative dates ("on Monday"), so a wrong value is worse
than none: anything we cannot parse becomes None, and the processing date is
never used as a stand-in. Only the standard library is used, so the result
does not depend on a third-party parser's guesses (no fuzzy parsing, no
ambiguous day/month orders such as 03/05/2024).
"""
from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

# ISO forms kept exactly as given: a date, or a date with a 'T' time and an
# optional zone. Anything else that parses is rewritten to isoformat().
_ISO_AS_GIVEN = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?"
)

# Day-first or month-name forms only, so that no order is ambiguous.
_DATE_FORMATS = (
    "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
    "%A, %d %B %Y", "%A, %B %d, %Y", "%a, %d %b %Y", "%d.%m.%Y", "%Y/%m/%d",
)


def normalise_published(value: str | None) -> str | None:
    """'2024-03-05' and ISO datetimes as given; other known forms to ISO; else None."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    return _from_iso(text) or _from_rfc2822(text) or _from_formats(text)


def _from_iso(text: str) -> str | None:
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if _ISO_AS_GIVEN.fullmatch(text):
        return text
    # "2024-03-05 10:00" or "20240305": same instant, canonical spelling.
    has_time = any(sep in text for sep in ("T", " ", ":"))
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def _from_rfc2822(text: str) -> str | None:
    """'Mon, 16 Oct 2017 10:00:00 GMT' (RSS, HTTP headers)."""
    if ":" not in text:  # without a time it is one of the plain formats below
        return None
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _from_formats(text: str) -> str | None:
    squeezed = " ".join(text.split())
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(squeezed, fmt).date().isoformat()
        except ValueError:
            continue
    return None
