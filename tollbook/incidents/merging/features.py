"""What the merge looks at in a report: a small, hashable summary (``MergeItem``).

Built from a ``Report`` at ingest, or from a stored row, so the same decisions are taken in
memory (bench, tests) and against the database.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

MAX_TERMS = 96
# A word English text (almost) never uses: a person's or a small place's name, or a rare spelling.
# Two reports sharing two of them (a victim's first and last name) most likely tell one incident.
NAME_WEIGHT = 6.0
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)  # "Haftar's forces": the name is "haftar"
# Words every conflict report shares: they say nothing about which incident it is.
_COMMON = frozenset("""killed kill killing injured wounded wounding dead death deaths died people attack attacks
attacked said says according police officials official reported reports report told news security forces
military army soldiers civilians shooting shot shots gunmen fire fired bomb bombing blast explosion near
city town village area province district region local government authorities spokesman statement
day week month year monday tuesday wednesday thursday friday saturday sunday morning evening night
yesterday today earlier later least more than two three four five six seven eight nine ten man woman men
women children child people's victims victim""".split())


@dataclass(frozen=True, slots=True)
class MergeItem:
    """One report as the merge sees it. ``day`` is a proleptic ordinal (None when the date is unknown)."""
    report_id: str
    article_id: str
    country: str | None
    day: int | None
    anchor: int | None  # the article's publication day, for a report with no event date
    precision: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    event_type: str | None
    sub_event_type: str | None
    actors: frozenset[str]
    killed: tuple[int, int] | None
    terms: frozenset[str]
    term_norm: float = field(default=0.0, compare=False)
    place_words: frozenset[str] = frozenset()  # the words of its own place's names
    injured: tuple[int, int] | None = None
    names: frozenset[str] = field(default=frozenset(), compare=False)
    weekday: str | None = None  # named by an undated article, or the day's own for a dated one

    def __post_init__(self) -> None:
        object.__setattr__(self, "term_norm", sum(term_weight(t) ** 2 for t in self.terms) ** 0.5)
        # Its own town's name is the place comparison's business: every report from that town
        # uses it, so it says nothing about which incident this is.
        object.__setattr__(self, "names", frozenset(t for t in self.terms - self.place_words if is_name_like(t)))


def is_name_like(term: str) -> bool:
    """A word of letters that English word lists do not know (see ``NAME_WEIGHT``)."""
    return len(term) >= 3 and term.isalpha() and term_weight(term) >= NAME_WEIGHT


@lru_cache(maxsize=500_000)
def term_weight(term: str) -> float:
    """How much sharing this word says: rare words (names) weigh most, everyday words little.

    From English word frequencies (wordfreq's Zipf scale, 0 for unseen words up to about 7.7
    for 'the'): a fixed table, the same for every corpus, so adding reports never re-weights
    the pairs already decided."""
    return max(0.5, 8.0 - zipf_frequency(term, "en", wordlist="small"))


def norm(value: str | None) -> str | None:
    """Case, accents and punctuation folded: 'Mogadishu', 'MOGADISHU' and 'Mogadíshu' agree."""
    if not value:
        return None
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"[^a-z0-9]+", "", folded)
    return folded or None


def day_of(event_date: str | None) -> int | None:
    if not event_date:
        return None
    try:
        return dt.date.fromisoformat(event_date[:10]).toordinal()
    except ValueError:
        return None


def text_terms(texts: list[str], limit: int = MAX_TERMS, exclude: frozenset[str] = frozenset()) -> list[str]:
    """The distinctive words of a report's evidence: no stop words, no words every report shares.

    Names count most (a capitalised word not opening a sentence), then numbers, then long words;
    the first ``limit`` by that order are kept, so a long article cannot blow up the comparison.
    Words in ``exclude`` (normalised) never count.
    """
    scored: dict[str, tuple[int, int]] = {}
    order = 0
    for text in texts:
        for n, match in enumerate(_WORD.finditer(text)):
            word = _POSSESSIVE.sub("", match.group())
            lower = word.lower()
            if len(lower) < 3 and not lower.isdigit() or lower in STOP_WORDS or lower in _COMMON:
                continue
            rank = 0 if (word[0].isupper() and n > 0) else 1 if lower.isdigit() else 2
            key = norm(lower) or lower
            if key in exclude:
                continue
            if key in scored:
                scored[key] = (min(rank, scored[key][0]), scored[key][1])
            else:
                scored[key] = (rank, order)
                order += 1
    ranked = sorted(scored, key=lambda k: (scored[k][0], scored[k][1]))
    return sorted(ranked[:limit])


def item_from_row(row) -> MergeItem:
    """A MergeItem from a stored report row (a mapping with the reports table's columns)."""
    killed = None
    if row["fatalities_min"] is not None:
        killed = (row["fatalities_min"], row["fatalities_max"])
    return MergeItem(
        report_id=row["report_id"], article_id=row["article_id"], country=norm(row["iso3"] or row["country"]),
        day=day_of(row["event_date"]),
        anchor=day_of(row["published"]) if not row["event_date"] else None, precision=row["date_precision"], admin1=norm(row["admin1"]),
        location=norm(row["location"]), latitude=row["latitude"], longitude=row["longitude"],
        event_type=row["event_type"], sub_event_type=row["sub_event_type"],
        actors=frozenset(a for a in (norm(row["actor1"]), norm(row["actor2"])) if a),
        killed=killed, terms=frozenset(row["terms"].split()),
        place_words=frozenset(w for name in ("location", "admin1", "admin2", "country") for w in words_of(row[name])),
        injured=(row["injured_min"], row["injured_max"]) if row["injured_min"] is not None else None,
        weekday=_weekday(row))


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(row) -> str | None:
    if row["date_precision"] == "day" and row["event_date"]:
        try:
            return WEEKDAYS[dt.date.fromisoformat(row["event_date"]).weekday()]
        except ValueError:
            return None
    return row["event_weekday"]


def words_of(value: str | None) -> list[str]:
    """A place name's words as ``text_terms`` folds them ('Fort Lauderdale' -> fort, lauderdale)."""
    return [norm(_POSSESSIVE.sub("", w)) or w.lower() for w in _WORD.findall(value or "")]
