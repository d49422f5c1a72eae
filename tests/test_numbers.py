"""The number grammar (tollbook.nlp.numbers): tables of phrases, negatives, properties."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from tollbook.nlp.numbers import Quantity, find_quantities, parse_quantity
from tollbook.records import QUALIFIERS

# phrase -> (min, max, qualifier)
PHRASES = {
    # digits
    "7": (7, 7, "exact"),
    "42,234": (42234, 42234, "exact"),
    "1,200,000": (1_200_000, 1_200_000, "exact"),
    "1 200": (1200, 1200, "exact"),
    "12\u00a0000": (12000, 12000, "exact"),
    "1.5 million": (1_500_000, 1_500_000, "exact"),
    "3 million": (3_000_000, 3_000_000, "exact"),
    "2.5 thousand": (2500, 2500, "exact"),
    "2,000": (2000, 2000, "exact"),
    # words
    "zero": (0, 0, "exact"),
    "one": (1, 1, "exact"),
    "five": (5, 5, "exact"),
    "Twelve": (12, 12, "exact"),
    "twenty-one": (21, 21, "exact"),
    "twenty one": (21, 21, "exact"),
    "ninety-nine": (99, 99, "exact"),
    "one hundred and twelve": (112, 112, "exact"),
    "one hundred twelve": (112, 112, "exact"),
    "a hundred": (100, 100, "exact"),
    "a hundred and fifty": (150, 150, "exact"),
    "two thousand": (2000, 2000, "exact"),
    "two thousand three hundred and five": (2305, 2305, "exact"),
    "one hundred thousand": (100_000, 100_000, "exact"),
    "a thousand": (1000, 1000, "exact"),
    "a million": (1_000_000, 1_000_000, "exact"),
    "one and a half million": (1_500_000, 1_500_000, "exact"),
    "half a million": (500_000, 500_000, "exact"),
    # dozens
    "a dozen": (12, 12, "exact"),
    "two dozen": (24, 24, "exact"),
    "half a dozen": (6, 6, "exact"),
    "at least two dozen": (24, 24, "at least"),
    "more than a dozen": (12, 12, "more than"),
    "a dozen or so": (12, 12, "about"),
    # vague words
    "dozens": (24, 99, "vague"),
    "scores": (40, 99, "vague"),
    "hundreds": (200, 999, "vague"),
    "thousands": (2000, 9999, "vague"),
    "millions": (2_000_000, 9_999_999, "vague"),
    "tens of thousands": (20_000, 99_999, "vague"),
    "hundreds of thousands": (200_000, 999_999, "vague"),
    "several": (3, 9, "vague"),
    "a few": (2, 5, "vague"),
    "a handful": (2, 5, "vague"),
    "a couple of": (2, 3, "vague"),
    "a number of": (2, 99, "vague"),
    "many": (5, 99, "vague"),
    "numerous": (5, 99, "vague"),
    "several hundred": (300, 999, "vague"),
    "a few hundred": (200, 599, "vague"),
    "several thousand": (3000, 9999, "vague"),
    "a few dozen": (24, 71, "vague"),
    "many thousands": (5000, 99_999, "vague"),
    "at least dozens": (24, 99, "at least"),
    "some dozens": (24, 99, "vague"),
    # qualifiers
    "at least 22": (22, 22, "at least"),
    "At least three": (3, 3, "at least"),
    "no fewer than 40": (40, 40, "at least"),
    "a minimum of 9": (9, 9, "at least"),
    "more than 100": (100, 100, "more than"),
    "over 450": (450, 450, "more than"),
    "well over 450": (450, 450, "more than"),
    "upwards of 300": (300, 300, "more than"),
    "in excess of 300": (300, 300, "more than"),
    "nearly 30": (30, 30, "about"),
    "almost 30": (30, 30, "about"),
    "about 7": (7, 7, "about"),
    "around 7": (7, 7, "about"),
    "some 7,000": (7000, 7000, "about"),
    "approximately 40": (40, 40, "about"),
    "roughly 40": (40, 40, "about"),
    "an estimated 300": (300, 300, "about"),
    "close to 80": (80, 80, "about"),
    "up to 100": (100, 100, "up to"),
    "as many as 100": (100, 100, "up to"),
    "no more than 5": (5, 5, "up to"),
    "fewer than 10": (10, 10, "fewer than"),
    "less than 10": (10, 10, "fewer than"),
    "under 10": (10, 10, "fewer than"),
    "just under 10": (10, 10, "fewer than"),
    # ranges (qualifier exact unless a prefix says otherwise)
    "between 20 and 25": (20, 25, "exact"),
    "between 180 and 200": (180, 200, "exact"),
    "20 to 25": (20, 25, "exact"),
    "20-25": (20, 25, "exact"),
    "20 - 25": (20, 25, "exact"),
    "20\u201325": (20, 25, "exact"),
    "two or three": (2, 3, "exact"),
    "one or two": (1, 2, "exact"),
    "2 to 3 million": (2_000_000, 3_000_000, "exact"),
    "two to three dozen": (24, 36, "exact"),
    "at least 20 to 25": (20, 25, "at least"),
    "between two and three thousand": (2000, 3000, "exact"),
    # suffixes
    "20 or so": (20, 20, "about"),
    "20 or more": (20, 20, "at least"),
    "20-odd": (20, 20, "about"),
    "20-plus": (20, 20, "more than"),
    # zero
    "no one": (0, 0, "exact"),
    "No-one": (0, 0, "exact"),
    "nobody": (0, 0, "exact"),
    "none": (0, 0, "exact"),
    # years after a non-temporal qualifier are counts
    "at least 2000": (2000, 2000, "at least"),
    "some 2000": (2000, 2000, "about"),
}

NOT_QUANTITIES = [
    "", "   ", "a", "an", "a soldier", "the", "people", "42 people", "at least", "more than half",
    "2015", "in 2015", "1990s", "10:30", "30%", "30 percent", "30 per cent", "$5 million",
    "5 million dollars", "October 14", "14 October", "Resolution 2334", "23-year-old",
    "three-day", "three-quarters", "two-thirds", "4.5", "half", "hundred", "dozen", "scores of",
    "COVID-19", "MH17", "3rd", "2-1", "2017-10-14", "9/11", "how many", "about 2010",
    "between 2010 and 2015", "1990-1995", "between dozens and hundreds", "between 20",
]


@pytest.mark.parametrize("phrase,expected", sorted(PHRASES.items()))
def test_parse_quantity_table(phrase, expected):
    quantity = parse_quantity(phrase)
    assert quantity is not None, phrase
    assert (quantity.min, quantity.max, quantity.qualifier) == expected
    assert (quantity.start, quantity.end) == (0, len(phrase))
    assert quantity.text == phrase


@pytest.mark.parametrize("phrase", NOT_QUANTITIES)
def test_parse_quantity_rejects(phrase):
    assert parse_quantity(phrase) is None


def test_parse_quantity_allows_surrounding_space():
    quantity = parse_quantity("  at least 22 ")
    assert (quantity.start, quantity.end, quantity.text) == (2, 13, "at least 22")


def test_quantity_is_frozen():
    quantity = parse_quantity("five")
    with pytest.raises(AttributeError):
        quantity.min = 6  # type: ignore[misc]


# text -> the quantities found, as (text, min, max, qualifier)
IN_TEXT = [
    ("Insurgents attacked a checkpoint early Saturday, killing at least three police and "
     "wounding four others, officials said.",
     [("at least three", 3, 3, "at least"), ("four", 4, 4, "exact")]),
    ("No one has claimed the attack.", [("No one", 0, 0, "exact")]),
    ("nobody was hurt and none of the guards",
     [("nobody", 0, 0, "exact"), ("none", 0, 0, "exact")]),
    ("A soldier was killed.", []),
    ("an officer and a civilian died", []),
    ("The toll rose from 20 to 25.", [("20", 20, 20, "exact"), ("25", 25, 25, "exact")]),
    ("killing between 180 and 200 soldiers", [("between 180 and 200", 180, 200, "exact")]),
    ("a 23-year-old was among 12 dead", [("12", 12, 12, "exact")]),
    ("in a three-day siege, 40 died", [("40", 40, 40, "exact")]),
    ("It was one of the worst attacks in years.", []),
    ("one of Africa's deadliest groups", []),
    ("one of the victims was a child", [("one", 1, 1, "exact")]),
    ("they blamed one another", []),
    ("It is not clear how many died; twice as many were hurt.", []),
    ("Many were killed and scores of people hurt.",
     [("Many", 5, 99, "vague"), ("scores", 40, 99, "vague")]),
    ("test scores rose", []),
    ("dozens more and hundreds of thousands displaced",
     [("dozens", 24, 99, "vague"), ("hundreds of thousands", 200_000, 999_999, "vague")]),
    ("the war has killed 10,000 since 2011", [("10,000", 10_000, 10_000, "exact")]),
    ("In 2015, 200 people died", [("200", 200, 200, "exact")]),
    ("Last year 200 people died", [("200", 200, 200, "exact")]),
    ("at 10:30 on October 14, 2017", []),
    ("on 14 October 2017 and on Oct. 14 and 14 Oct.", []),
    ("30 percent, 30%, 5 per cent of $5 million or US$3 or \u20ac2 or 7 dollars", []),
    ("at 3 p.m., 6 o'clock, 0830 GMT, 5 pm, 2300 local time", []),
    ("Resolution 2334, Route 5, No. 7, #3, Camp 12", []),
    ("COVID-19, F-16 jets, MH17, the 1990s, 3rd, a 9mm pistol", []),
    ("2017-10-14, 14/10/2017, 9/11, 24/7, a 2-1 win", []),
    ("a 4.5 magnitude quake and 10.30 am", []),
    ("ages 20-25-year-olds", []),
    ("some of them", []),
    ("about 2010 and around 2015", []),
    ("more than $5 million", []),
    ("killed 5, injured 7-8", [("5", 5, 5, "exact"), ("7-8", 7, 8, "exact")]),
    ("up to 100 or as many as 150", [("up to 100", 100, 100, "up to"),
                                     ("as many as 150", 150, 150, "up to")]),
    ("nearly 30 people, some 7,000 families", [("nearly 30", 30, 30, "about"),
                                               ("some 7,000", 7000, 7000, "about")]),
    ("an estimated 1.5 million displaced", [("an estimated 1.5 million", 1_500_000, 1_500_000,
                                             "about")]),
    ("killing two and wounding 11", [("two", 2, 2, "exact"), ("11", 11, 11, "exact")]),
    ("on Sept. 11 2001, some 3 000 died", [("some 3 000", 3000, 3000, "about")]),
]


@pytest.mark.parametrize("text,expected", IN_TEXT)
def test_find_quantities_in_text(text, expected):
    found = find_quantities(text)
    assert [(q.text, q.min, q.max, q.qualifier) for q in found] == expected
    for quantity in found:
        assert text[quantity.start:quantity.end] == quantity.text


def test_offsets_point_into_the_text():
    text = "Officials said at least 22 people were killed and 40 wounded."
    first, second = find_quantities(text)
    assert (first.start, first.end) == (text.index("at least"), text.index(" people"))
    assert text[second.start:second.end] == "40"


def test_longest_match_takes_the_qualifier_and_range():
    (quantity,) = find_quantities("between 20 and 25 were killed")
    assert (quantity.min, quantity.max, quantity.text) == (20, 25, "between 20 and 25")


# --------------------------------------------------------------------------- properties

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _spell_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_UNITS[hundreds]} hundred")
    if rest or not parts:
        if rest < 20:
            words = _UNITS[rest]
        else:
            tens, unit = divmod(rest, 10)
            words = _TENS[tens - 2] + (f"-{_UNITS[unit]}" if unit else "")
        parts.append(("and " if hundreds else "") + words)
    return " ".join(parts)


def _spell(n: int) -> str:
    """A test-side speller for 0..999,999 ("one hundred and twelve thousand ...")."""
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _spell_below_thousand(rest)
    head = f"{_spell_below_thousand(thousands)} thousand"
    if not rest:
        return head
    return f"{head} {'and ' if rest < 100 else ''}{_spell_below_thousand(rest)}"


@given(st.integers(min_value=0, max_value=999_999))
def test_spelled_numbers_read_back(n):
    quantity = parse_quantity(_spell(n))
    assert quantity is not None and (quantity.min, quantity.max) == (n, n), _spell(n)


@given(st.integers(min_value=0, max_value=10**12))
def test_comma_grouped_numbers_read_back(n):
    text = f"{n:,}"
    quantity = parse_quantity(text)
    if n < 10_000 and "," not in text and 1800 <= n <= 2099:
        assert quantity is None  # a bare year-like number
    else:
        assert quantity is not None and quantity.min == n == quantity.max


@given(st.sampled_from(["at least", "more than", "nearly", "up to", "fewer than", "about"]),
       st.integers(min_value=0, max_value=10**7))
def test_qualified_numbers_keep_their_value(prefix, n):
    quantity = parse_quantity(f"{prefix} {n:,}")
    assert quantity is not None and quantity.min == quantity.max == n
    assert quantity.qualifier != "exact"


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_ranges_are_ordered(lo, width):
    quantity = parse_quantity(f"between {lo:,} and {lo + width:,}")
    assert quantity is not None and (quantity.min, quantity.max) == (lo, lo + width)


_WORDS = st.sampled_from(
    ["at", "least", "more", "than", "between", "and", "to", "-", "or", "so", "a", "dozen",
     "dozens", "half", "of", "thousands", "hundred", "one", "two", "twenty", "-", "no", "none",
     "several", "many", "how", "$", "%", "October", "2015", "1,200", "1.5", "million", "12",
     ":", "30", "/", "year", "old", "the", "worst", "people", "killed", ",", ".", "\u2013"])


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=25).map(" ".join),
                 st.lists(_WORDS, max_size=25).map("".join)))
def test_find_quantities_is_total_and_well_formed(text):
    found = find_quantities(text)
    previous_end = 0
    for quantity in found:
        assert isinstance(quantity, Quantity)
        assert 0 <= quantity.min <= quantity.max
        assert quantity.qualifier in QUALIFIERS
        assert text[quantity.start:quantity.end] == quantity.text
        assert quantity.start >= previous_end  # left to right, non-overlapping
        previous_end = quantity.end


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=60), st.lists(_WORDS, max_size=8).map(" ".join)))
def test_parse_quantity_is_total(phrase):
    quantity = parse_quantity(phrase)
    if quantity is not None:
        assert quantity.min <= quantity.max
        assert quantity.qualifier in QUALIFIERS
        assert phrase[quantity.start:quantity.end] == quantity.text
        assert phrase.strip() == quantity.text
