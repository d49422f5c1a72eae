"""Resolving time expressions against the publication date (tollbook.nlp.dates)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from tollbook.nlp.dates import (ResolvedDate, find_explicit_dates, monday_of, resolve_date,
                                weekday_before)
from tollbook.records import DATE_PRECISIONS

D = dt.date
MONDAY = D(2017, 10, 16)    # published on a Monday
SATURDAY = D(2017, 10, 14)  # published on a Saturday
SUNDAY = D(2017, 10, 15)

# (expression, published) -> (date, precision)
RESOLVED = [
    # weekdays: the latest such day on or before published
    ("Saturday", MONDAY, D(2017, 10, 14), "day"),
    ("early Saturday", MONDAY, D(2017, 10, 14), "day"),
    ("late on Friday", MONDAY, D(2017, 10, 13), "day"),
    ("Saturday night", MONDAY, D(2017, 10, 14), "day"),
    ("on Tuesday", MONDAY, D(2017, 10, 10), "day"),
    ("Tuesday's", MONDAY, D(2017, 10, 10), "day"),
    ("Tuesday\u2019s", MONDAY, D(2017, 10, 10), "day"),
    ("Friday morning", MONDAY, D(2017, 10, 13), "day"),
    ("in the early hours of Sunday", MONDAY, D(2017, 10, 15), "day"),
    ("Monday", MONDAY, D(2017, 10, 16), "day"),
    ("Saturday", SATURDAY, D(2017, 10, 14), "day"),
    ("last Monday", MONDAY, D(2017, 10, 9), "day"),
    ("last Friday", MONDAY, D(2017, 10, 13), "day"),
    ("Wed.", MONDAY, D(2017, 10, 11), "day"),
    # days relative to published
    ("today", MONDAY, D(2017, 10, 16), "day"),
    ("tonight", MONDAY, D(2017, 10, 16), "day"),
    ("this morning", MONDAY, D(2017, 10, 16), "day"),
    ("earlier in the day", MONDAY, D(2017, 10, 16), "day"),
    ("yesterday", MONDAY, D(2017, 10, 15), "day"),
    ("yesterday afternoon", MONDAY, D(2017, 10, 15), "day"),
    ("last night", MONDAY, D(2017, 10, 15), "day"),
    ("overnight", MONDAY, D(2017, 10, 15), "day"),
    ("the day before yesterday", MONDAY, D(2017, 10, 14), "day"),
    ("two days ago", MONDAY, D(2017, 10, 14), "day"),
    ("10 days ago", MONDAY, D(2017, 10, 6), "day"),
    ("36 hours ago", MONDAY, D(2017, 10, 15), "day"),
    # weeks: the Monday of the week
    ("this week", MONDAY, D(2017, 10, 16), "week"),
    ("earlier this week", D(2017, 10, 19), D(2017, 10, 16), "week"),
    ("last week", MONDAY, D(2017, 10, 9), "week"),
    ("late last week", D(2017, 10, 19), D(2017, 10, 9), "week"),
    ("the week before last", MONDAY, D(2017, 10, 2), "week"),
    ("a week ago", D(2017, 10, 19), D(2017, 10, 9), "week"),
    ("two weeks ago", MONDAY, D(2017, 10, 2), "week"),
    # weekends: the Saturday on or before, week precision
    ("the weekend", MONDAY, D(2017, 10, 14), "week"),
    ("over the weekend", SUNDAY, D(2017, 10, 14), "week"),
    ("this weekend", SATURDAY, D(2017, 10, 14), "week"),
    ("weekend", D(2017, 10, 18), D(2017, 10, 14), "week"),
    ("last weekend", SUNDAY, D(2017, 10, 7), "week"),
    ("last weekend", MONDAY, D(2017, 10, 14), "week"),
    # months
    ("this month", MONDAY, D(2017, 10, 1), "month"),
    ("earlier this month", MONDAY, D(2017, 10, 1), "month"),
    ("last month", MONDAY, D(2017, 9, 1), "month"),
    ("late last month", D(2017, 1, 5), D(2016, 12, 1), "month"),
    ("the end of last month", MONDAY, D(2017, 9, 1), "month"),
    ("three months ago", MONDAY, D(2017, 7, 1), "month"),
    ("August", MONDAY, D(2017, 8, 1), "month"),
    ("in early August", MONDAY, D(2017, 8, 1), "month"),
    ("mid-August", MONDAY, D(2017, 8, 1), "month"),
    ("in October", MONDAY, D(2017, 10, 1), "month"),
    ("December", MONDAY, D(2016, 12, 1), "month"),
    ("last July", D(2013, 3, 22), D(2012, 7, 1), "month"),
    ("last March", D(2013, 3, 22), D(2012, 3, 1), "month"),
    ("December last year", MONDAY, D(2016, 12, 1), "month"),
    ("last year in December", MONDAY, D(2016, 12, 1), "month"),
    ("March this year", MONDAY, D(2017, 3, 1), "month"),
    ("October 2017", MONDAY, D(2017, 10, 1), "month"),
    ("October 2017", None, D(2017, 10, 1), "month"),
    ("mid-August 2016", None, D(2016, 8, 1), "month"),
    # month and day, no year: latest on or before published
    ("October 14", MONDAY, D(2017, 10, 14), "day"),
    ("14 October", MONDAY, D(2017, 10, 14), "day"),
    ("Oct. 14", MONDAY, D(2017, 10, 14), "day"),
    ("on the 14th of October", MONDAY, D(2017, 10, 14), "day"),
    ("October 20", MONDAY, D(2016, 10, 20), "day"),
    ("Saturday, October 14", MONDAY, D(2017, 10, 14), "day"),
    ("Feb. 29", D(2017, 3, 1), D(2016, 2, 29), "day"),
    ("the 14th", MONDAY, D(2017, 10, 14), "day"),
    ("on the 20th", MONDAY, D(2017, 9, 20), "day"),
    ("Christmas Day", MONDAY, D(2016, 12, 25), "day"),
    ("New Year's Day", MONDAY, D(2017, 1, 1), "day"),
    # full explicit dates: day precision, published not needed
    ("14 October 2017", None, D(2017, 10, 14), "day"),
    ("14th October 2017", None, D(2017, 10, 14), "day"),
    ("October 14, 2017", None, D(2017, 10, 14), "day"),
    ("Oct. 14, 2017", None, D(2017, 10, 14), "day"),
    ("Oct 14 2017", None, D(2017, 10, 14), "day"),
    ("2017-10-14", None, D(2017, 10, 14), "day"),
    ("2017-10-14T08:30:00Z", None, D(2017, 10, 14), "day"),
    ("Saturday, October 14, 2017", None, D(2017, 10, 14), "day"),
    ("14/10/2017", None, D(2017, 10, 14), "day"),
    ("10/14/2017", None, D(2017, 10, 14), "day"),
    ("October 14, 2030", MONDAY, D(2030, 10, 14), "day"),  # stated outright: kept
    # years
    ("in 2015", None, D(2015, 1, 1), "year"),
    ("2015", MONDAY, D(2015, 1, 1), "year"),
    ("early 2015", None, D(2015, 1, 1), "year"),
    ("mid-2015", None, D(2015, 1, 1), "year"),
    ("the beginning of 2014", None, D(2014, 1, 1), "year"),
    ("last year", MONDAY, D(2016, 1, 1), "year"),
    ("late last year", MONDAY, D(2016, 1, 1), "year"),
    ("this year", MONDAY, D(2017, 1, 1), "year"),
    ("earlier this year", MONDAY, D(2017, 1, 1), "year"),
    ("the year before last", MONDAY, D(2015, 1, 1), "year"),
    ("four years ago", MONDAY, D(2013, 1, 1), "year"),
    # datetimes are accepted as published
    ("yesterday", dt.datetime(2017, 10, 16, 23, 59), D(2017, 10, 15), "day"),
]


@pytest.mark.parametrize("expression,published,date,precision", RESOLVED)
def test_resolve_date_table(expression, published, date, precision):
    assert resolve_date(expression, published) == ResolvedDate(date, precision)


NONE = [
    # durations, ages, eras, frequencies
    "for three days", "two years", "decades", "days", "a year", "several months",
    "the past week", "the last 24 hours", "the past two years", "the last month", "recent days",
    "in recent years", "almost six weeks", "23-year-old", "aged 23", "18 years old", "the 1990s",
    "the 20th century", "every Friday", "daily", "2009-2010", "1957-58",
    # the future
    "tomorrow", "next week", "next Tuesday", "later this month", "the coming days", "next year",
    # vague, or not a date
    "now", "recently", "at the time", "the other day", "morning", "10 pm", "10:30 a.m.", "",
    "   ", "Niger", "the day", "03/04/2017", "31 February 2017",
    # anaphoric, with no reference date given
    "the previous day", "three days earlier", "the next day", "that day", "a day earlier",
]


@pytest.mark.parametrize("expression", NONE)
@pytest.mark.parametrize("published", [MONDAY, None])
def test_resolve_date_gives_none(expression, published):
    assert resolve_date(expression, published) is None


RELATIVE_NEEDS_PUBLISHED = ["Saturday", "yesterday", "last week", "earlier this month",
                            "in early August", "December last year", "October 14", "the weekend",
                            "this week", "last month", "two days ago", "overnight", "last night",
                            "this morning", "today", "tonight", "last year", "the 14th"]


@pytest.mark.parametrize("expression", RELATIVE_NEEDS_PUBLISHED)
def test_relative_expressions_without_published_give_none(expression):
    assert resolve_date(expression, None) is None


ANAPHORIC = [
    ("the previous day", D(2017, 10, 9), "day"),
    ("the day before", D(2017, 10, 9), "day"),
    ("a day earlier", D(2017, 10, 9), "day"),
    ("three days earlier", D(2017, 10, 7), "day"),
    ("two days later", D(2017, 10, 12), "day"),
    ("the next day", D(2017, 10, 11), "day"),
    ("the following morning", D(2017, 10, 11), "day"),
    ("that day", D(2017, 10, 10), "day"),
    ("the same day", D(2017, 10, 10), "day"),
    ("that night", D(2017, 10, 10), "day"),
    ("the previous week", D(2017, 10, 2), "week"),
    ("a month earlier", D(2017, 9, 1), "month"),
    ("that year", D(2017, 1, 1), "year"),
]


@pytest.mark.parametrize("expression,date,precision", ANAPHORIC)
def test_anaphoric_expressions_hang_on_the_reference(expression, date, precision):
    resolved = resolve_date(expression, MONDAY, reference=D(2017, 10, 10))
    assert resolved == ResolvedDate(date, precision)


def test_anaphoric_result_after_published_is_dropped():
    assert resolve_date("two days later", MONDAY, reference=D(2017, 10, 15)) is None
    assert resolve_date("two days later", None, reference=D(2017, 10, 15)) == \
        ResolvedDate(D(2017, 10, 17), "day")


def test_iso_formats_by_precision():
    assert ResolvedDate(D(2017, 10, 14), "day").iso() == "2017-10-14"
    assert ResolvedDate(D(2017, 10, 9), "week").iso() == "2017-10-09"
    assert ResolvedDate(D(2017, 10, 1), "month").iso() == "2017-10"
    assert ResolvedDate(D(2017, 1, 1), "year").iso() == "2017"


# --------------------------------------------------------------------------- helpers

@pytest.mark.parametrize("weekday,expected", [
    (5, D(2017, 10, 14)), ("Saturday", D(2017, 10, 14)), ("monday", D(2017, 10, 16)),
    ("Sunday", D(2017, 10, 15)), (1, D(2017, 10, 10)), ("Tues.", D(2017, 10, 10)),
])
def test_weekday_before(weekday, expected):
    assert weekday_before(MONDAY, weekday) == expected


@pytest.mark.parametrize("weekday", ["Someday", 7, -1])
def test_weekday_before_rejects_non_weekdays(weekday):
    with pytest.raises(ValueError):
        weekday_before(MONDAY, weekday)


def test_find_explicit_dates_in_text():
    text = ("On Saturday, October 14, 2017, a truck bomb exploded. Officials said on 2017-10-15 "
            "and again on the 16th of Oct. 2017 that 31 February 2017 and 3/4/2017 are not "
            "dates to read; 25/12/2016 is.")
    found = find_explicit_dates(text)
    assert [(text[s:e], r.date) for s, e, r in found] == [
        ("Saturday, October 14, 2017", D(2017, 10, 14)),
        ("2017-10-15", D(2017, 10, 15)),
        ("the 16th of Oct. 2017", D(2017, 10, 16)),
        ("25/12/2016", D(2016, 12, 25)),
    ]
    assert {r.precision for _, _, r in found} == {"day"}


def test_find_explicit_dates_ignores_partial_dates():
    assert find_explicit_dates("On October 14, 12 people died in 2017 and in May 2016.") == []


# --------------------------------------------------------------------------- properties

_DATES = st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))
_PUBLISHED = st.one_of(st.none(), _DATES)


@settings(max_examples=400, deadline=None)  # no timing in tests: a loaded CI machine is slow
@given(st.text(max_size=80), _PUBLISHED, st.one_of(st.none(), _DATES))
def test_resolve_date_never_raises(expression, published, reference):
    resolved = resolve_date(expression, published, reference=reference)
    if resolved is not None:
        assert resolved.precision in DATE_PRECISIONS


_RELATIVE = st.one_of(
    st.sampled_from(RELATIVE_NEEDS_PUBLISHED + [
        "late on Friday", "last Sunday", "Wednesday night", "the day before yesterday",
        "earlier this week", "last weekend", "the week before last", "this year",
        "earlier this year", "the end of last month", "Christmas Day", "New Year's Day",
        "mid-August", "last December", "March this year", "the 31st", "Feb. 29"]),
    st.builds("{} {} ago".format, st.integers(0, 400), st.sampled_from(
        ["days", "weeks", "months", "years", "hours"])),
    st.builds("{} {}".format, st.sampled_from(
        ["January", "Feb.", "March", "Apr", "May", "June", "July", "Aug.", "September", "Oct.",
         "November", "Dec"]), st.integers(1, 31)),
    st.builds("{} {}".format, st.sampled_from(["", "early", "late on", "last", "on"]),
              st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                               "Saturday", "Sunday"])),
)


@settings(max_examples=400)
@given(_RELATIVE, st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)),
       st.one_of(st.none(), st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))))
def test_relative_expressions_never_pass_published(expression, published, reference):
    resolved = resolve_date(expression, published, reference=reference)
    if resolved is not None:
        assert resolved.date <= published
        assert resolved.precision in DATE_PRECISIONS
        if resolved.precision == "week" and "weekend" not in expression:
            assert resolved.date == monday_of(resolved.date)


@given(st.dates(min_value=D(1, 2, 1)), st.integers(0, 6))
def test_weekday_before_property(published, weekday):
    day = weekday_before(published, weekday)
    assert day.weekday() == weekday
    assert 0 <= (published - day).days <= 6


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_explicit_dates_round_trip(day):
    for text in (day.isoformat(), f"{day.day} {day:%B} {day.year}",
                 f"{day:%b}. {day.day}, {day.year}"):
        assert resolve_date(text, None) == ResolvedDate(day, "day"), text
        ((start, end, resolved),) = find_explicit_dates(f"It happened on {text}.")
        assert resolved == ResolvedDate(day, "day")
