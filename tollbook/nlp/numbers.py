"""The number grammar: casualty figures as claims, read from plain text.

Pure functions, no spaCy. Text is first cut into tokens (numbers, words,
single punctuation characters, each with its character offsets); a small
recursive-descent parser then reads quantities off the token list.

Grammar (``?`` optional, ``|`` alternatives; words are matched case-insensitively)::

    quantity   := zero
                | qualifier? core range? suffix?
    zero       := "no one" | "no-one" | "nobody" | "none"                 -> 0, exact
    qualifier  := at least    : "at least" | "no fewer than" | "no less than" | "not less than"
                                | "a minimum of"
                  more than   : "more than" | "over" | "well over" | "just over" | "upwards of"
                                | "in excess of" | "above"
                  about       : "about" | "around" | "nearly" | "almost" | "some" | "approximately"
                                | "roughly" | "an estimated" | "estimated" | "close to"
                  up to       : "up to" | "as many as" | "a maximum of" | "at most"
                                | "no more than" | "not more than"
                  fewer than  : "fewer than" | "less than" | "under" | "just under" | "below"
                  (range)     : "between"  (must be followed by ``numeral "and" numeral``)
    core       := numeral | vague
    numeral    := digits scale*                  "42,234", "1 200", "1.5 million", "3 million"
                | words                           "twelve", "twenty-one", "one hundred and twelve"
                | words "and a half" scale        "one and a half million"
                | ("a" | "an") (scale | "dozen")  "a dozen" (12), "a hundred", "a thousand"
                | "half a" (scale | "dozen")      "half a dozen" (6), "half a million"
                | (digits | words) "dozen"        "two dozen" (24)
    vague      := "dozens" (24..99)  | "scores" (40..99) | "tens" (20..99)  [these two only before
                  "of"/"more" or at the end of the text: "test scores", "the tens digit" are not]
                | "hundreds" (200..999)  | "thousands" (2,000..9,999) | "millions"
                | "tens of thousands" (20,000..99,999) | "hundreds of thousands" (200,000..999,999)
                | multiplier scale?             "several hundred" (300..999)
    multiplier := "several" (3..9) | "a few" (2..5) | "a handful" (2..5) | "a couple of" (2..3)
                | "a number of" (2..99) | "many" (5..99) | "numerous" (5..99)
    range      := ("to" | "-" | "–" | "or") numeral      first < second: "20 to 25", "20-25",
                                                          "two or three"
                | after "between": "and" numeral         "between 20 and 25"
    suffix     := "or so" (about) | "or more" (at least) | "-odd" (about) | "-plus" (more than)

Choices (the output contract's ``min``/``max`` are the figure *as stated*):

* A qualified number keeps its value as both bounds: "at least 22" is 22..22 ``at least``;
  "nearly 30" is 30..30 ``about``. A range is its two ends, qualifier ``exact`` unless a prefix
  says otherwise ("between" adds nothing). "2 to 3 million" shares the scale: 2,000,000..3,000,000.
* Vague words carry the bounds listed above and qualifier ``vague``; a *directional* prefix
  (at least, more than, up to, fewer than) wins over ``vague`` ("more than dozens"), a
  fuzzy one (about, some) does not. A multiplier with a scale covers
  ``lo*scale .. (hi+1)*scale-1`` ("several hundred" 300..999, "a few dozen" 24..71).
* "many"/"numerous" are 5..99 vague: plural, more than "a few", below the order of
  magnitude "hundreds" would name. "how many" and "as many" (without a number) are not
  quantities.
* "one" is 1 (the caller decides by context, e.g. "one day"); the articles "a"/"an" alone are
  never a quantity -- the caller reads "a soldier was killed" itself.
* Zero: "no one", "nobody", "none" (and the word "zero") are 0 ``exact``.

Not quantities (the numeral is skipped, whatever qualifier precedes it):

* years: a bare four-digit 1800..2099 with no thousands separator ("in 2015", "since 2011",
  "2011-2015"), unless a clearly non-temporal qualifier precedes it ("at least 2000",
  "some 2000"; not "about"/"around"/"over"/"under"/"between", which also date things);
* dates: a number next to a month name ("October 14", "14 October", "Oct. 14", "October 2017"),
  ISO and slashed dates ("2017-10-14", "14/10/2017", "9/11");
* times: "10:30", "10.30 am", "3 p.m.", "0830 GMT", "6 o'clock";
* percentages ("30%", "30 percent", "30 per cent") and money ("$5 million", "5 million dollars");
* labels: "Resolution 2334", "Route 5", "No. 7", "#3", codes ("COVID-19", "F-16", "MH17");
* numbers glued to letters ("1990s", "3rd", "9mm") or forming a hyphenated modifier
  ("23-year-old", "three-day", "12-member"); sports scores ("2-1"); decimals without a scale
  ("4.5 magnitude"); fractions are not read at all ("two-thirds", "half of");
* "one of the worst/deadliest/most ..." (a superlative within three words) and "one another".

Known gaps: "5m"/"2bn" abbreviations and fractions are not read; "a score of" (20) is not read;
a vague range ("dozens to hundreds") comes out as two quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["Quantity", "parse_quantity", "find_quantities"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity expression: bounds as stated, qualifier, and where it sits in the text."""
    min: int
    max: int
    qualifier: str  # one of records.QUALIFIERS
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- tokens

@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "num", "word", "punct", "alnum" (letters and digits glued: never a number)
    text: str
    low: str
    start: int
    end: int


_TOKEN_RE = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"          # 42,234  1,200.5
    r"|\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d|[.,]\d)"  # 1 200 (space or thin space)
    r"|\d+(?:\.\d+)?)"                                       # 7  2015  1.5
    r"|(?P<word>[^\W\d_]+(?:['\u2019][^\W\d_]+)*)"
    r"|(?P<punct>\S)"
)


def _tokenise(text: str) -> list[_Tok]:
    raw = [(m.lastgroup, m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    toks: list[_Tok] = []
    for kind, tok_text, start, end in raw:
        prev = toks[-1] if toks else None
        if (prev is not None and prev.end == start and kind in ("num", "word")
                and prev.kind in ("num", "word", "alnum")):
            # Letters and digits glued together ("1990s", "MH17", "3rd", "9mm"): never a number.
            merged = text[prev.start:end]
            toks[-1] = _Tok("alnum", merged, merged.lower(), prev.start, end)
        else:
            toks.append(_Tok(kind, tok_text, tok_text.lower(), start, end))
    return toks


class _Toks:
    """The token list with safe look-ups (out of range reads as an empty token)."""
    __slots__ = ("toks",)

    def __init__(self, toks: list[_Tok]):
        self.toks = toks

    def __len__(self) -> int:
        return len(self.toks)

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def kind(self, i: int) -> str:
        return self.toks[i].kind if 0 <= i < len(self.toks) else ""

    def text(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < len(self.toks) else ""

    def glued(self, i: int, j: int) -> bool:
        """Tokens i and j (j = i + 1) touch, with no space between."""
        return 0 <= i < j < len(self.toks) and self.toks[i].end == self.toks[j].start

    def match(self, i: int, words: tuple[str, ...]) -> int | None:
        """Index after ``words`` when they start at i, else None."""
        for k, word in enumerate(words):
            if self.low(i + k) != word:
                return None
        return i + len(words)


# --------------------------------------------------------------------------- lexicon

_UNITS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * n for n, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_PLURAL_SCALES = {s + "s": v for s, v in _SCALES.items()}

_QUALIFIER_PHRASES: dict[tuple[str, ...], str] = {}
for _qualifier, _phrases in {
    "at least": ("at least", "no fewer than", "no less than", "not less than", "a minimum of"),
    "more than": ("more than", "over", "well over", "just over", "upwards of", "in excess of",
                  "above"),
    "about": ("about", "around", "nearly", "almost", "some", "approximately", "roughly",
              "an estimated", "estimated", "close to"),
    "up to": ("up to", "as many as", "a maximum of", "at most", "no more than", "not more than"),
    "fewer than": ("fewer than", "less than", "under", "just under", "below"),
    "between": ("between",),
}.items():
    for _phrase in _phrases:
        _QUALIFIER_PHRASES[tuple(_phrase.split())] = _qualifier
# Longest phrases first, so "no fewer than" wins over nothing and "well over" over "over".
_QUALIFIER_ORDER = sorted(_QUALIFIER_PHRASES, key=len, reverse=True)

# Prefixes after which a year-like number (1800..2099) is still read as a count.
_YEAR_OK_PREFIXES = {("at", "least"), ("no", "fewer", "than"), ("no", "less", "than"),
                     ("more", "than"), ("upwards", "of"), ("in", "excess", "of"), ("some",),
                     ("an", "estimated"), ("estimated",), ("nearly",), ("almost",),
                     ("approximately",), ("roughly",), ("up", "to"), ("as", "many", "as"),
                     ("fewer", "than"), ("less", "than")}

_DIRECTIONAL = {"at least", "more than", "up to", "fewer than"}

# Vague words standing alone: (lo, hi); "of thousands" extensions handled separately.
_VAGUE_WORDS = {"dozens": (24, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
                "millions": (2_000_000, 9_999_999)}
_VAGUE_NEEDS_OF = {"scores": (40, 99), "tens": (20, 99)}  # "scores of", "tens of"
_OF_THOUSANDS = {"tens": (20_000, 99_999), "hundreds": (200_000, 999_999)}
_MULTIPLIERS: dict[tuple[str, ...], tuple[int, int]] = {
    ("several",): (3, 9), ("a", "few"): (2, 5), ("a", "handful"): (2, 5),
    ("a", "couple", "of"): (2, 3), ("a", "number", "of"): (2, 99),
    ("many",): (5, 99), ("numerous",): (5, 99),
}
_MULTIPLIER_ORDER = sorted(_MULTIPLIERS, key=len, reverse=True)

_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
           "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
_CURRENCY_SIGNS = {"$", "£", "€", "¥", "₹", "₦"}
_CURRENCY_WORDS = {"usd", "eur", "gbp", "dollars", "dollar", "euros", "euro", "pounds",
                   "sterling", "rupees", "riyals", "dinars", "shillings", "naira", "yuan", "yen",
                   "francs", "cents", "rs", "inr", "ksh"}
_PERCENT_WORDS = {"percent", "pc", "percentage"}
_TIME_WORDS = {"am", "pm", "gmt", "utc", "hrs", "o'clock", "o\u2019clock"}
# Capitalised words that make the number after them a name: "Resolution 2334", "Route 5".
_LABEL_WORDS = {"resolution", "article", "route", "road", "highway", "flight", "chapter",
                "section", "page", "no", "nos", "number", "room", "gate", "sector", "brigade",
                "battalion", "regiment", "unit", "line", "bus", "platform", "level", "phase",
                "paragraph", "clause", "protocol", "exit", "apartment", "floor", "block",
                "district", "zone", "camp", "ward", "precinct", "tower", "terminal", "lane",
                "channel", "vol", "volume", "grade", "class", "category", "day", "week",
                "episode", "part", "stage", "round", "figure", "table", "version", "model",
                "kilometre", "kilometer", "km", "mile", "junction", "checkpoint", "division",
                "corps", "squadron", "company", "platoon", "operation"}
_SUPERLATIVE_WORDS = {"worst", "best", "most", "least"}


# --------------------------------------------------------------------------- core parsing

@dataclass(frozen=True, slots=True)
class _Core:
    lo: int
    hi: int
    end: int             # token index after the core
    vague: bool = False
    scale: int = 1       # numerals: the scale word's factor ("3 million": 1,000,000), else 1
    yearlike: bool = False


def _digits_value(text: str) -> Decimal | None:
    cleaned = re.sub(r"[,\s\u00a0\u202f\u2009]", "", text)
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the token regex only yields digits
        return None


def _scale_run(t: _Toks, i: int) -> tuple[int, int]:
    """Multiply out scale words ("million", "thousand", "dozen") from i; (factor, end)."""
    factor, j, last = 1, i, None
    while True:
        word = t.low(j)
        if word in _SCALES and (last is None or _SCALES[word] > last):
            factor *= _SCALES[word]
            last = _SCALES[word]
        elif word == "dozen" and last is None:
            factor *= 12
            last = 12
        else:
            return factor, j
        j += 1


def _digit_numeral(t: _Toks, i: int) -> _Core | None:
    if t.kind(i) != "num":
        return None
    value = _digits_value(t.text(i))
    if value is None:
        return None
    factor, end = _scale_run(t, i + 1)
    raw = t.text(i)
    if "." in raw and factor < 1000:
        return None  # "4.5 magnitude", "10.30": a decimal counts nothing without a scale
    total = int(value * factor)
    yearlike = factor == 1 and raw.isdigit() and len(raw) == 4 and 1800 <= total <= 2099
    return _Core(total, total, end, scale=factor, yearlike=yearlike)


def _word_numeral(t: _Toks, i: int) -> _Core | None:
    """Spelled-out numbers: "twenty-one", "one hundred and twelve", "a dozen", "two thousand"."""
    total, current, last = 0, 0, None
    prev_scale = None
    best: tuple[int, int, int] | None = None  # (value, end, scale)
    j = i
    while j < len(t):
        word = t.low(j)
        if word in ("a", "an") and j == i and (t.low(j + 1) in _SCALES or t.low(j + 1) == "dozen"):
            current, last = 1, "a"
        elif word in _UNITS and (last in (None, "hundred", "scale", "and")
                                 or last in ("tens", "hyphen") and 1 <= _UNITS[word] <= 9):
            if last is None and word == "zero":
                return _Core(0, 0, j + 1)
            if word == "zero":
                break
            current += _UNITS[word]
            last = "unit"
        elif word in _TENS and last in (None, "hundred", "scale", "and") and current % 100 == 0:
            current += _TENS[word]
            last = "tens"
        elif (word == "-" and last == "tens" and t.glued(j - 1, j) and t.glued(j, j + 1)
              and 1 <= _UNITS.get(t.low(j + 1), 0) <= 9):
            last = "hyphen"
        elif word == "hundred" and last in ("unit", "tens", "a") and 1 <= current <= 99:
            current *= 100
            last = "hundred"
        elif (word in _SCALES and word != "hundred" and last in ("unit", "tens", "hundred", "a")
              and current > 0 and (prev_scale is None or _SCALES[word] < prev_scale)):
            total += current * _SCALES[word]
            current, prev_scale, last = 0, _SCALES[word], "scale"
        elif word == "and" and last in ("hundred", "scale") and (
                t.low(j + 1) in _UNITS or t.low(j + 1) in _TENS):
            last = "and"
        elif word == "and" and last in ("unit", "tens") and total == 0 and t.match(
                j + 1, ("a", "half")) and t.low(j + 3) in _SCALES:
            scale = _SCALES[t.low(j + 3)]  # "one and a half million"
            value = current * scale + scale // 2
            return _Core(value, value, j + 4, scale=scale)
        elif word == "dozen" and last in ("unit", "tens", "a") and total == 0 and current <= 99:
            value = current * 12
            return _Core(value, value, j + 1, scale=12)
        else:
            break
        if last in ("unit", "tens", "hundred", "scale"):
            best = (total + current, j + 1, prev_scale or (100 if last == "hundred" else 1))
        j += 1
    if best is None:
        return None
    value, end, scale = best
    return _Core(value, value, end, scale=scale)


def _half_numeral(t: _Toks, i: int) -> _Core | None:
    """ "half a dozen" (6), "half a million"."""
    if t.match(i, ("half", "a")) is None:
        return None
    word = t.low(i + 2)
    unit = 12 if word == "dozen" else _SCALES.get(word)
    if unit is None:
        return None
    return _Core(unit // 2, unit // 2, i + 3)


def _numeral(t: _Toks, i: int) -> _Core | None:
    return _half_numeral(t, i) or _digit_numeral(t, i) or _word_numeral(t, i)


def _vague(t: _Toks, i: int) -> _Core | None:
    word = t.low(i)
    if word in _OF_THOUSANDS and t.match(i + 1, ("of", "thousands")):
        lo, hi = _OF_THOUSANDS[word]
        return _Core(lo, hi, i + 3, vague=True)
    if word in _VAGUE_WORDS:
        lo, hi = _VAGUE_WORDS[word]
        return _Core(lo, hi, i + 1, vague=True)
    if word in _VAGUE_NEEDS_OF and (t.low(i + 1) in ("of", "more") or i + 1 == len(t)):
        lo, hi = _VAGUE_NEEDS_OF[word]
        return _Core(lo, hi, i + 1, vague=True)
    for phrase in _MULTIPLIERS_BY_FIRST.get(word, ()):
        end = t.match(i, phrase)
        if end is None:
            continue
        if phrase in (("many",), ("numerous",)) and t.low(i - 1) in ("how", "as"):
            return None  # "how many were killed", "twice as many"
        lo, hi = _MULTIPLIERS[phrase]
        scale_word = t.low(end)
        scale = {"dozen": 12, "dozens": 12, **_SCALES, **_PLURAL_SCALES}.get(scale_word)
        if scale is not None and phrase != ("a", "number", "of"):
            return _Core(lo * scale, (hi + 1) * scale - 1, end + 1, vague=True)
        return _Core(lo, hi, end, vague=True)
    return None


def _zero(t: _Toks, i: int) -> int | None:
    if t.low(i) in ("nobody", "none"):
        return i + 1
    if t.low(i) == "no":
        if t.low(i + 1) == "one":
            return i + 2
        if t.match(i + 1, ("-", "one")) and t.glued(i, i + 1) and t.glued(i + 1, i + 2):
            return i + 3  # "no-one"
    return None


# --------------------------------------------------------------------------- context checks

def _is_month(t: _Toks, i: int) -> bool:
    text = t.text(i)
    return text in _MONTHS or text.upper() == text and text.title() in _MONTHS and len(text) > 2


def _prev_is_month(t: _Toks, i: int) -> bool:
    j = i - 1
    if t.low(j) == "." and t.glued(j - 1, j):
        j -= 1
    return _is_month(t, j)


def _is_label(t: _Toks, i: int) -> bool:
    return t.kind(i) == "word" and t.text(i)[:1].isupper() and t.low(i) in _LABEL_WORDS


def _is_time_after(t: _Toks, j: int) -> bool:
    word = t.low(j)
    if word in _TIME_WORDS:
        return True
    if word in ("a", "p") and t.low(j + 1) == "." and t.low(j + 2) == "m":
        return True
    return t.match(j, ("local", "time")) is not None


def _compound_after(t: _Toks, j: int) -> bool:
    """A hyphen glued after the numeral: "23-year-old", "three-day", "2-1", "2017-10-14"."""
    if t.low(j) not in ("-", "\u2013") or not t.glued(j - 1, j) or not t.glued(j, j + 1):
        return False
    return t.low(j + 1) not in ("plus", "odd")


def _code_before(t: _Toks, i: int) -> bool:
    """ "COVID-19", "F-16", "10-14" (the tail of a date or score)."""
    return (t.low(i - 1) in ("-", "\u2013", "/", ":") and t.glued(i - 1, i)
            and t.glued(i - 2, i - 1) and t.kind(i - 2) in ("word", "alnum", "num"))


def _superlative_follows(t: _Toks, j: int) -> bool:
    if t.low(j) != "of":
        return False
    for k in range(j + 1, j + 4):
        word = t.low(k)
        if word in _SUPERLATIVE_WORDS or (len(word) > 4 and word.endswith("est")
                                          and t.kind(k) == "word"):
            return True
    return False


def _not_a_count(t: _Toks, start: int, core: _Core, prefix: tuple[str, ...] | None) -> bool:
    """The numeral at ``start``..``core.end`` is a year, date, time, label, price, percentage."""
    end = core.end
    before, after = t.low(start - 1), t.low(end)
    if before in _CURRENCY_SIGNS or before in _CURRENCY_WORDS or after in _CURRENCY_WORDS:
        return True
    if after == "%" or after in _PERCENT_WORDS or t.match(end, ("per", "cent")):
        return True
    if before == "#" or _is_label(t, start - 1) or before == "." and _is_label(t, start - 2):
        return True
    if core.vague:
        return False
    if t.low(end) in (":", "/") and t.glued(end - 1, end) and t.kind(end + 1) == "num":
        return True  # 10:30, 14/10/2017
    if _code_before(t, start) or _compound_after(t, end):
        return True
    if _prev_is_month(t, start) or _is_month(t, end) or (
            t.low(end) == "." and t.glued(end - 1, end) and _is_month(t, end + 1)):
        return True
    if _is_time_after(t, end):
        return True
    if core.yearlike and (prefix is None or prefix not in _YEAR_OK_PREFIXES):
        return True
    if core.lo == 1 and end == start + 1 and t.low(start) == "one" and (
            _superlative_follows(t, end) or t.low(end) == "another"):
        return True
    return False


# --------------------------------------------------------------------------- quantity parsing

def _by_first_word(phrases) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:  # keeps the longest-first order within each first word
        index.setdefault(phrase[0], []).append(phrase)
    return index


def _qualifier(t: _Toks, i: int) -> tuple[tuple[str, ...] | None, str | None, int]:
    for phrase in _QUALIFIERS_BY_FIRST.get(t.low(i), ()):
        end = t.match(i, phrase)
        if end is not None:
            return phrase, _QUALIFIER_PHRASES[phrase], end
    return None, None, i


def _range_tail(t: _Toks, j: int, first: _Core, between: bool, after_from: bool) -> _Core | None:
    """ "to 25", "-25", "or three", and for "between": "and 25"."""
    joiner = t.low(j)
    if between:
        if joiner != "and":
            return None
    elif joiner not in ("to", "-", "\u2013", "or"):
        return None
    if joiner == "to" and after_from:
        return None  # "rose from 20 to 25" is a change, not a range
    if joiner in ("-", "\u2013") and not (t.glued(j - 1, j) == t.glued(j, j + 1)):
        return None
    second = _numeral(t, j + 1)
    if second is None or second.yearlike and first.yearlike:
        return None
    lo = first.lo
    if first.scale == 1 and second.scale > 1 and first.lo * second.scale < second.lo:
        lo = first.lo * second.scale  # "2 to 3 million", "two to three dozen"
    if not lo < second.lo:
        return None
    if t.low(second.end) in ("-", "\u2013", "/") and t.glued(second.end - 1, second.end):
        return None  # 2017-10-14
    return _Core(lo, second.hi, second.end, scale=second.scale)


def _suffix(t: _Toks, j: int) -> tuple[str | None, int]:
    if t.match(j, ("or", "so")):
        return "about", j + 2
    if t.match(j, ("or", "more")):
        return "at least", j + 2
    if t.low(j) in ("-", "\u2013") and t.glued(j - 1, j) and t.glued(j, j + 1):
        if t.low(j + 1) == "odd":
            return "about", j + 2
        if t.low(j + 1) == "plus":
            return "more than", j + 2
    return None, j


def _parse_at(t: _Toks, i: int) -> tuple[int, int, str, int] | None:
    """A quantity starting at token i: (min, max, qualifier, end token index), or None."""
    end = _zero(t, i)
    if end is not None:
        return 0, 0, "exact", end
    phrase, prefix, j = _qualifier(t, i)
    core = _numeral(t, j) or _vague(t, j)
    if core is None:
        return None
    if prefix == "between":
        if core.vague:
            return None
        ranged = _range_tail(t, core.end, core, between=True, after_from=False)
        if ranged is None:
            return None
        core = ranged
    elif not core.vague:
        ranged = _range_tail(t, core.end, core, between=False, after_from=t.low(i - 1) == "from")
        if ranged is not None:
            core = ranged
    if _not_a_count(t, j, core, phrase):
        return None
    suffix, end = _suffix(t, core.end)
    if core.vague:
        qualifier = prefix if prefix in _DIRECTIONAL else "vague"
    elif prefix in (None, "between"):
        qualifier = suffix or "exact"
    else:
        qualifier = prefix
    return core.lo, core.hi, qualifier, end


def _quantity(text: str, t: _Toks, i: int) -> tuple[Quantity, int] | None:
    parsed = _parse_at(t, i)
    if parsed is None:
        return None
    lo, hi, qualifier, end = parsed
    start, stop = t.toks[i].start, t.toks[end - 1].end
    return Quantity(lo, hi, qualifier, start, stop, text[start:stop]), end


_QUALIFIERS_BY_FIRST = _by_first_word(_QUALIFIER_ORDER)
_MULTIPLIERS_BY_FIRST = _by_first_word(_MULTIPLIER_ORDER)


_NUMBER_WORDS = (set(_UNITS) | set(_TENS) | set(_SCALES) | set(_PLURAL_SCALES) | set(_VAGUE_WORDS)
                 | set(_VAGUE_NEEDS_OF) | {w for phrase in _MULTIPLIERS for w in phrase if w not in ("a", "of")}
                 | {"dozen", "dozens", "half", "nobody", "none", "no"})
# Most sentences hold no number at all: one regex search spares them the parser.
_MAY_HOLD_QUANTITY = re.compile(r"\d|\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b",
                                re.IGNORECASE)


_STARTS = frozenset(_NUMBER_WORDS | set(_QUALIFIERS_BY_FIRST) | set(_MULTIPLIERS_BY_FIRST)
                    | {"a", "an", "half", "zero", "between"})


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity expression in ``text``, left to right, non-overlapping, longest match."""
    if not _MAY_HOLD_QUANTITY.search(text):
        return []
    t = _Toks(_tokenise(text))
    found: list[Quantity] = []
    i = 0
    while i < len(t):
        if t.kind(i) != "num" and t.low(i) not in _STARTS:
            i += 1  # no quantity starts with this word: spare the parser
            continue
        hit = _quantity(text, t, i)
        if hit is None:
            i += 1
            continue
        quantity, i = hit
        found.append(quantity)
    return found


def parse_quantity(phrase: str) -> Quantity | None:
    """``phrase`` read as one quantity expression, or None when it is anything more or less.

    Surrounding whitespace is allowed; offsets index into ``phrase`` as given.
    """
    t = _Toks(_tokenise(phrase))
    if not len(t):
        return None
    hit = _quantity(phrase, t, 0)
    if hit is None or hit[1] != len(t):
        return None
    return hit[0]
