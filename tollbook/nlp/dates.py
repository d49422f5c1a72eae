"""Time expressions resolved against the article's ``published`` date.

Pure functions, no spaCy. :func:`resolve_date` takes a DATE/TIME entity's text ("early
Saturday", "last week", "Oct. 14, 2017") and the article's publication date, and gives a
:class:`ResolvedDate` -- a calendar date plus a precision from ``records.DATE_PRECISIONS`` --
or None.

Rules, tried in this order (``P`` = ``published``; "on or before" includes ``P`` itself):

1. **Not a point in time -> None**: ages ("23-year-old", "aged 23", "years old"); durations
   ("for three days", "two years", "decades", "the past week", "the last 24 hours", "recent
   days"); frequencies ("every Friday", "daily"); eras ("the 1990s", "the 20th century");
   year ranges ("2009-2010", "1957-58"); vague times ("now",
   "recently", "at the time"); the future ("tomorrow", "next week", "next Tuesday", "later this
   month", "the coming days") -- an incident date is never after the article.
2. **Full explicit dates -> day** (no ``P`` needed): "2017-10-14", "14 October 2017",
   "Oct. 14, 2017", "Saturday, October 14, 2017", "14/10/2017" (slashed dates only when one
   part is over 12, so the order is certain). See :func:`find_explicit_dates`.
3. **Month and year -> month** (first of the month): "October 2017", "mid-August 2016";
   "December last year" is in ``P.year - 1``; "March this year" in ``P.year``.
4. **Month and day, no year -> day**: "October 14", "14 October", "the 14th of October",
   "Christmas Day": the latest such date on or before ``P``. "the 14th" alone: the latest 14th
   of a month on or before ``P``.
5. **Weekdays -> day**: "Saturday", "early Saturday", "late on Friday", "Saturday night",
   "on Tuesday", "Tuesday's": the latest such day on or before ``P`` (so "Saturday" in an
   article published on a Saturday is that day). "last Tuesday": strictly before ``P``.
6. **Days relative to P -> day**: "today", "tonight", "this morning", "earlier today" = ``P``;
   "yesterday", "last night", "overnight" = ``P - 1`` ("overnight" read as the night before
   publication); "the day before yesterday" = ``P - 2``; "N days ago" = ``P - N``; "N hours
   ago" / "N minutes ago" = ``P`` less the whole days in it.
7. **Weeks -> week**, dated the Monday of the week: "this week", "earlier this week" (P's
   week), "last week" (the week before), "the week before last", "N weeks ago" (the week
   holding ``P - 7N``). "the weekend", "over the weekend", "this weekend": the Saturday on or
   before ``P``, precision week (it may be Saturday or Sunday); "last weekend" the same, except
   that in an article published on a Saturday or Sunday it is the weekend before.
8. **Months -> month** (first of the month): "this month", "earlier this month" (P's month);
   "last month", "late last month" (the one before); "N months ago"; a month name alone --
   "August", "in early August", "mid-August" -- is the latest August on or before P's month;
   "last August" the latest August strictly before P's month.
9. **Years -> year** (1 January): "in 2015", "early 2015", "mid-2015" (no ``P`` needed);
   "this year", "earlier this year" (P's year); "last year"; "the year before last";
   "N years ago".
10. **Relative to another time -> same precision as the step**: "the previous day", "the day
    before", "three days earlier", "two days later", "the next day", "that day", "the same
    day", "that night", "N weeks/months/years earlier", "that week/month/year", "the previous
    week/month/year". These need ``reference`` (the date they hang on, e.g. the last resolved
    date in the text); without it they give None. A result after ``P`` gives None.

Anything else gives None -- in particular, with no ``P`` and no explicit year, a relative
expression gives None, never today's date. Results of rules 4-10 are never after ``P``.

Known gaps: seasons ("last summer"), holidays other than Christmas and New Year, religious
calendars (Ramadan, Eid), "the first week of October", clock times on their own ("10 pm") and
the abbreviations "Sat."/"Sun." are not read; ambiguous slashed dates ("03/04/2017") give None.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from tollbook.nlp.numbers import parse_quantity

__all__ = ["ResolvedDate", "resolve_date", "find_explicit_dates", "weekday_before",
           "monday_of"]


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A calendar date and how much of it the text fixes (records.DATE_PRECISIONS)."""
    date: dt.date
    precision: str  # day / week / month / year

    def iso(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as the precision allows (weeks: the Monday)."""
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()


# --------------------------------------------------------------------------- lexicon

_MONTH_NUMBERS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sunday": 6,
}
# Keys as _normalise leaves them ("New Year's Day" -> "new year day").
_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
             "new year eve": (12, 31), "new years eve": (12, 31), "new year day": (1, 1),
             "new years day": (1, 1)}

_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
_YEAR = r"(?P<year>1[89]\d\d|2[01]\d\d)\b"
_WEEKDAY_PREFIX = (r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|satur|sun)(?:day)?\.?,?\s+)?")

# Full explicit dates in raw text (case-insensitive).
_EXPLICIT_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?![\d-])"),
    re.compile(rf"\b{_WEEKDAY_PREFIX}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}", re.I),
    re.compile(rf"\b{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I),
    re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>\d{4})\b"),
)

_NUMBERS = (r"\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
            r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?")
_NUMBER_WORD = rf"(?P<n>{_NUMBERS})"
_UNIT = r"(?P<unit>minute|hour|day|night|week|month|year)s?"
_AGO = re.compile(rf"\b{_NUMBER_WORD}\s+{_UNIT}\s+(?:ago|back)\b")
_SHIFT = re.compile(rf"\b{_NUMBER_WORD}\s+{_UNIT}\s+(?P<dir>earlier|before|previously|prior|"
                    r"later|after|afterwards?)\b")

_NOT_A_POINT = re.compile("|".join((
    r"\byears?[- ]old\b", r"\baged?\b", r"\bage of\b",                       # ages
    r"\b(?:every|each|daily|weekly|monthly|annually|yearly|per)\b",          # frequencies
    r"\b\d{2,4}'?s\b", r"\b'\d0s\b", r"\bcentur(?:y|ies)\b", r"\bmillenni",  # eras
    r"\b(?:now|nowadays|currently|recently|recent|lately|soon|ever|present|"
    r"these days|at the time|at that time|the moment|the future|once|the other day)\b",
    r"\btomorrow\b", r"(?<!the )\bnext\b(?! (?:day|morning|night|evening|afternoon))",
    r"\b(?:coming|upcoming|following (?:weeks|months|years))\b", r"\blater this\b",
    r"\b(?:the )?(?:past|last|first|next|coming) (?:few |several |\d+ |[a-z]+ )?"
    r"(?:days|nights|weeks|months|years|decades|hours|centuries)\b",
    r"\bthe (?:past|last) (?:day|week|month|year|decade|century)\b",
    r"\bfor\b", r"\bsince\b", r"\bwithin\b", r"\bthroughout\b",
)))
_BARE_PLURAL_UNIT = re.compile(r"\b(?:days|nights|weeks|months|years|decades)\b")
_DURATION = re.compile(rf"\b(?:{_NUMBERS}|few|several|many|couple of)\s+(?:full\s+|more\s+)?"
                       r"(?:day|night|week|month|year|decade|hour|minute|century)s?\b")
_ANCHORS = re.compile(r"\b(?:ago|back|earlier|before|previously|prior|later|after|afterwards?)\b")


# --------------------------------------------------------------------------- helpers

def weekday_before(published: dt.date, weekday: int | str) -> dt.date:
    """The latest date on or before ``published`` that falls on ``weekday``.

    ``weekday`` is 0 (Monday) .. 6 (Sunday) or a name ("Saturday", "sat" is not accepted).
    """
    if isinstance(weekday, str):
        number = _WEEKDAYS.get(weekday.strip().lower().rstrip("."))
        if number is None:
            raise ValueError(f"not a weekday: {weekday!r}")
        weekday = number
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday out of range: {weekday!r}")
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def monday_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s ISO week (how week precision is dated)."""
    return day - dt.timedelta(days=day.weekday())


def _month_number(word: str) -> int:
    return _MONTH_NUMBERS[word.lower().rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _latest_month_day(published: dt.date, month: int, day: int) -> dt.date | None:
    """The latest ``month``/``day`` on or before ``published`` (Feb 29 looks back up to 8 years)."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    for year in range(published.year, published.year - 9, -1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate <= published:
            return candidate
    return None


def _month_start(year: int, month: int, back: int = 0) -> dt.date:
    index = year * 12 + (month - 1) - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _count(word: str) -> int | None:
    """ "3", "three", "twenty-one", "a" -> an exact count; anything vague -> None."""
    if word in ("a", "an"):
        return 1
    quantity = parse_quantity(word)
    if quantity is None or quantity.qualifier != "exact" or quantity.min != quantity.max:
        return None
    return quantity.min


def _shift(anchor: dt.date, unit: str, n: int) -> ResolvedDate | None:
    """``anchor`` moved by n units (negative: back), at that unit's precision."""
    try:
        if unit in ("minute", "hour"):  # "36 hours ago": whole days back
            days = (abs(n) // 24 if unit == "hour" else abs(n) // 1440) * (1 if n > 0 else -1)
            return ResolvedDate(anchor + dt.timedelta(days=days), "day")
        if unit in ("day", "night"):
            return ResolvedDate(anchor + dt.timedelta(days=n), "day")
        if unit == "week":
            return ResolvedDate(monday_of(anchor + dt.timedelta(weeks=n)), "week")
        if unit == "month":
            return ResolvedDate(_month_start(anchor.year, anchor.month, -n), "month")
        if unit == "year":
            return ResolvedDate(dt.date(anchor.year + n, 1, 1), "year")
    except (ValueError, OverflowError):
        return None
    return None


def _normalise(expression: str) -> str:
    text = expression.strip().lower().replace("\u2019", "'").replace("\u2013", "-")
    text = re.sub(r"'s\b", "", text)                  # "Tuesday's", "yesterday's"
    text = re.sub(r"\b(mid|early|late)-", r"\1 ", text)  # "mid-August", "mid-2015"
    text = re.sub(r"\s+", " ", text)
    return text.strip(" ,.;:")


# --------------------------------------------------------------------------- explicit dates

def _explicit_from_match(match: re.Match) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("a") is not None:
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            return _safe_date(year, b, a)
        if b > 12 >= a:
            return _safe_date(year, a, b)
        return None  # 03/04/2017: day-first or month-first cannot be told
    month = int(groups["mnum"]) if groups.get("mnum") else _month_number(groups["month"])
    return _safe_date(year, month, int(groups["day"]))


def find_explicit_dates(text: str) -> list[tuple[int, int, ResolvedDate]]:
    """Full explicit dates in raw text, left to right: ``(start, end, ResolvedDate(day))``.

    Reads "2017-10-14", "14 October 2017", "14th of Oct. 2017", "Oct. 14, 2017",
    "Saturday, October 14, 2017" and unambiguous "14/10/2017". Only dates with day, month and
    year; invalid ones ("31 February 2017") are skipped.
    """
    found: list[tuple[int, int, ResolvedDate]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _EXPLICIT_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            date = _explicit_from_match(match)
            if date is None:
                continue
            taken.append((start, end))
            found.append((start, end, ResolvedDate(date, "day")))
    return sorted(found, key=lambda item: item[0])


# --------------------------------------------------------------------------- rules

def _not_a_point(text: str) -> bool:
    if _NOT_A_POINT.search(text):
        return True
    if _ANCHORS.search(text):
        return False
    if _BARE_PLURAL_UNIT.search(text):
        return True  # "decades", "two years", "several months"
    return bool(_DURATION.search(text))  # "a year", "one week" (with no anchor: a duration)


def _rule_month_year(text: str, published: dt.date | None) -> ResolvedDate | None:
    match = re.search(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}", text)
    if match:
        return ResolvedDate(dt.date(int(match["year"]), _month_number(match["month"]), 1),
                            "month")
    match = re.search(rf"\b{_MONTH}\s+(?:of\s+)?(?P<which>last|this) year\b", text)
    if match is None:
        match = re.search(rf"\b(?P<which>last|this) year(?:'s)?\s+(?:in\s+)?{_MONTH}", text)
    if match is None or published is None:
        return None
    year = published.year - (1 if match["which"] == "last" else 0)
    result = dt.date(year, _month_number(match["month"]), 1)
    return ResolvedDate(result, "month") if result <= published else None


def _rule_month_day(text: str, published: dt.date | None) -> ResolvedDate | None:
    match = (re.search(rf"\b{_MONTH}\s+(?:the\s+)?{_DAY}(?!\s*\d)", text)
             or re.search(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH}", text))
    month = day = None
    if match:
        month, day = _month_number(match["month"]), int(match["day"])
    else:
        for name, (h_month, h_day) in _HOLIDAYS.items():
            if re.search(rf"\b{re.escape(name)}\b", text):
                month, day = h_month, h_day
                break
    if month is not None:
        if published is None:
            return None
        date = _latest_month_day(published, month, day)
        return ResolvedDate(date, "day") if date else None
    match = re.search(r"\bthe (?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?! *[a-z0-9])", text)
    if match and published is not None:
        day = int(match["day"])
        for back in range(0, 12):
            start = _month_start(published.year, published.month, back)
            candidate = _safe_date(start.year, start.month, day)
            if candidate is not None and candidate <= published:
                return ResolvedDate(candidate, "day")
    return None


def _rule_weekday(text: str, published: dt.date | None) -> ResolvedDate | None:
    match = re.search(r"\b(?P<last>last\s+)?(?P<name>" + "|".join(_WEEKDAYS) + r")\b", text)
    if match is None or published is None:
        return None
    weekday = _WEEKDAYS[match["name"]]
    if match["last"]:
        return ResolvedDate(weekday_before(published - dt.timedelta(days=1), weekday), "day")
    return ResolvedDate(weekday_before(published, weekday), "day")


_DAY_PHRASES = (
    (r"\bthe day before yesterday\b", -2),
    (r"\byesterday\b", -1),
    (r"\blast night\b|\bovernight\b|\blast evening\b", -1),
    (r"\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b|\bearlier in the day\b", 0),
)


def _rule_relative_day(text: str, published: dt.date | None) -> ResolvedDate | None:
    if published is None:
        return None
    for pattern, offset in _DAY_PHRASES:
        if re.search(pattern, text):
            return ResolvedDate(published + dt.timedelta(days=offset), "day")
    return None


def _rule_ago(text: str, published: dt.date | None) -> ResolvedDate | None:
    match = _AGO.search(text)
    if match is None or published is None:
        return None
    n = _count(match["n"])
    return _shift(published, match["unit"], -n) if n is not None else None


def _rule_week(text: str, published: dt.date | None) -> ResolvedDate | None:
    if published is None:
        return None
    if re.search(r"\bweekend\b", text):
        saturday = weekday_before(published, 5)
        if re.search(r"\blast weekend\b", text) and published.weekday() in (5, 6):
            saturday -= dt.timedelta(days=7)
        return ResolvedDate(saturday, "week")
    return _this_or_last(text, published, "week")


def _this_or_last(text: str, published: dt.date, unit: str, this: str = "this ") -> ResolvedDate | None:
    """ "the <unit> before last", "last <unit>", "this <unit>" → that unit, counted from ``published``."""
    for pattern, offset in ((rf"\bthe {unit} before last\b", -2), (rf"\blast {unit}\b", -1),
                            (rf"\b{this}{unit}\b", 0)):
        if re.search(pattern, text):
            return _shift(published, unit, offset)
    return None


def _rule_month(text: str, published: dt.date | None) -> ResolvedDate | None:
    if published is None:
        return None
    relative = _this_or_last(text, published, "month")
    if relative is not None:
        return relative
    match = re.search(rf"\b(?P<last>last\s+)?{_MONTH}", text)
    if match is None:
        return None
    month = _month_number(match["month"])
    if match["last"]:
        year = published.year if month < published.month else published.year - 1
    else:
        year = published.year if month <= published.month else published.year - 1
    return ResolvedDate(dt.date(year, month, 1), "month")


def _rule_explicit_year(text: str) -> ResolvedDate | None:
    match = re.search(rf"(?<![\d/-]){_YEAR}(?![\d/-])", text)
    if match:
        return ResolvedDate(dt.date(int(match["year"]), 1, 1), "year")
    return None


def _rule_year(text: str, published: dt.date | None) -> ResolvedDate | None:
    if published is None:
        return None
    return _this_or_last(text, published, "year", this="this (?:calendar |fiscal )?")


_ANAPHORIC = (
    (r"\bthe (?:previous|preceding) (?:day|night|evening)\b|\bthe (?:day|night) before\b"
     , "day", -1),
    (r"\bthe (?:next|following) (?:day|morning|night|evening|afternoon)\b|\bthe day after\b",
     "day", 1),
    (r"\b(?:that|the same) (?:day|morning|afternoon|evening|night)\b", "day", 0),
    (r"\bthe (?:previous|preceding) week\b|\bthe week before\b(?! last)", "week", -1),
    (r"\bthe (?:next|following) week\b|\bthe week after\b", "week", 1),
    (r"\b(?:that|the same) week\b", "week", 0),
    (r"\bthe (?:previous|preceding) month\b|\bthe month before\b(?! last)", "month", -1),
    (r"\bthe (?:next|following) month\b|\bthe month after\b", "month", 1),
    (r"\b(?:that|the same) month\b", "month", 0),
    (r"\bthe (?:previous|preceding) year\b|\bthe year before\b(?! last)", "year", -1),
    (r"\bthe (?:next|following) year\b|\bthe year after\b", "year", 1),
    (r"\b(?:that|the same) year\b", "year", 0),
)


def _rule_anaphoric(text: str, reference: dt.date | None) -> ResolvedDate | None:
    if reference is None:
        return None
    match = _SHIFT.search(text)
    if match:
        n = _count(match["n"])
        if n is None:
            return None
        sign = -1 if match["dir"] in ("earlier", "before", "previously", "prior") else 1
        return _shift(reference, match["unit"], sign * n)
    for pattern, unit, n in _ANAPHORIC:
        if re.search(pattern, text):
            return _shift(reference, unit, n)
    return None


def _is_anaphoric(text: str) -> bool:
    if "yesterday" in text:
        return False  # "the day before yesterday" hangs on the publication date
    return bool(_SHIFT.search(text)) or any(re.search(p, text) for p, _, _ in _ANAPHORIC)


# Rules that need no anchor first, then the ones relative to P, most specific first.
_RELATIVE_RULES = (_rule_month_day, _rule_weekday, _rule_relative_day, _rule_ago, _rule_week,
                   _rule_month, _rule_year)


def resolve_date(expression: str, published: dt.date | None, *,
                 reference: dt.date | None = None) -> ResolvedDate | None:
    """Resolve a DATE/TIME expression against ``published`` (see the module docstring).

    ``reference`` is the date that expressions such as "the previous day" or "three days
    earlier" hang on; leave it None and they give None. Never raises on any string.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    return _resolve_memo(expression or "", published, reference)


@functools.lru_cache(maxsize=8192)
def _resolve_memo(expression: str, published: dt.date | None, reference: dt.date | None) -> ResolvedDate | None:
    """``resolve_date`` remembered: an article says "on Sunday" or "last week" many times over."""
    try:
        return _resolve(_normalise(expression), published, reference)
    except (ValueError, OverflowError):
        return None  # arithmetic off the ends of the calendar (year 1, year 9999)


def _resolve(text: str, published: dt.date | None,
             reference: dt.date | None) -> ResolvedDate | None:
    if not text:
        return None
    explicit = find_explicit_dates(text)
    if explicit:
        return explicit[0][2]
    if any(pattern.search(text) for pattern in _EXPLICIT_PATTERNS):
        return None  # a full date that does not exist ("31 February 2017") or is ambiguous
    anaphoric = _is_anaphoric(text)
    if _not_a_point(text) and not anaphoric:
        return None
    if anaphoric:
        result = _rule_anaphoric(text, reference)
    else:
        result = _rule_month_year(text, published) or _rule_explicit_year(text)
        if result is not None:
            return result  # stated outright: may lie after ``published`` (a plan, a deadline)
        for rule in _RELATIVE_RULES:
            result = rule(text, published)
            if result is not None:
                break
    if result is not None and published is not None and result.date > published:
        return None
    return result
