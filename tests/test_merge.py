"""The cross-article merge, model-free: blocking, decisions, and independence of input order."""
import dataclasses
import datetime as dt

from hypothesis import given, settings, strategies as st

from tollbook.incidents.merging import MergeItem, merge_items, same_incident, text_terms
from tollbook.incidents.merging.blocking import MAX_NAME_REACH, candidate_pairs
from tollbook.incidents.merging.decide import date_gap, date_level

DAY0 = dt.date(2024, 3, 1).toordinal()
PLACES = [("mli", "kidal", "kidal", 18.44, 1.41), ("mli", "gao", "gao", 16.27, -0.04),
          ("som", "banaadir", "mogadishu", 2.04, 45.34)]
WORDS = ["anefis", "bakara", "zoobe", "tessit", "lido", "hamar", "weyne", "convoy", "minibus", "market"]


def item(rid, article, place=0, day=0, words=("anefis", "market"), sub="Attack", actors=("gunmen",), killed=(3, 3),
         precision="day"):
    country, admin1, location, lat, lon = PLACES[place]
    return MergeItem(report_id=rid, article_id=article, country=country, day=None if day is None else DAY0 + day,
                     anchor=None, precision=precision if day is not None else None, admin1=admin1, location=location,
                     latitude=lat, longitude=lon, event_type="Violence against civilians", sub_event_type=sub,
                     actors=frozenset(actors), killed=killed, terms=frozenset(words))


def test_merge_links_same_event_from_two_outlets():
    incident_of = merge_items([item("r1", "a1"), item("r2", "a2", day=1, killed=(5, 5))])
    assert incident_of["r1"] == incident_of["r2"]


def test_merge_keeps_one_articles_reports_apart():
    incident_of = merge_items([item("r1", "a1"), item("r2", "a1"), item("r3", "a2")])
    assert incident_of["r1"] != incident_of["r2"]


def test_merge_keeps_same_place_same_week_different_words_apart():
    a = item("r1", "a1", words=("bakara", "zoobe", "car"))
    b = item("r2", "a2", day=1, words=("lido", "minibus", "teachers"))
    assert not same_incident(a, b)
    assert len(set(merge_items([a, b]).values())) == 2


def test_merge_blocks_on_place_and_date_window():
    far_in_time = [item("r1", "a1", words=("convoy", "market")), item("r2", "a2", day=30, words=("convoy", "market"))]
    elsewhere = [item("r3", "a3", words=("convoy", "market")), item("r4", "a4", place=1, words=("convoy", "market"))]
    coarse = [item("r5", "a5", precision="month"), item("r6", "a6", day=20)]
    assert not list(candidate_pairs(far_in_time))
    assert not list(candidate_pairs(elsewhere))
    assert len(list(candidate_pairs(coarse))) == 1


def test_shared_names_make_a_follow_up_a_candidate_months_later_whatever_the_place():
    shooting = item("r1", "a1", words=("laprida", "shears", "market"))
    trial = item("r2", "a2", place=1, day=80, words=("laprida", "shears", "court"))
    stranger = item("r3", "a3", place=1, day=80, words=("convoy", "court"))
    abroad = MergeItem(**{**_fields(trial), "report_id": "r4", "article_id": "a4", "country": "ner",
                          "admin1": "niamey", "location": "niamey"})
    next_year = item("r5", "a5", day=400, words=("laprida", "shears"))
    pairs = {(a.report_id, b.report_id) for a, b in candidate_pairs([shooting, trial, stranger, abroad, next_year])}
    assert ("r1", "r2") in pairs
    assert not pairs & {("r1", "r3"), ("r1", "r4"), ("r1", "r5")}


def test_a_name_every_report_around_uses_is_not_followed():
    crowd = [item(f"r{n:03d}", f"a{n}", place=n % 2, day=n, words=("haftarist",))
             for n in range(MAX_NAME_REACH + 2)]
    assert not [(a, b) for a, b in candidate_pairs(crowd) if a.admin1 != b.admin1]
    few = crowd[:3]
    assert {(a.report_id, b.report_id) for a, b in candidate_pairs(few) if a.admin1 != b.admin1} == {
        ("r000", "r001"), ("r001", "r002")}


def test_a_follow_up_naming_the_victims_weeks_later_joins_the_incident():
    shooting = item("r1", "a1", words=("laprida", "shears", "bunny", "tyler", "shootout", "flamingo"))
    arrest = item("r2", "a2", day=25, killed=None, words=("laprida", "shears", "bunny", "tyler", "arraigned"))
    unrelated = item("r3", "a3", day=25, killed=None, words=("arraigned", "robbery", "holdup", "pellets"))
    assert same_incident(shooting, arrest)
    assert not same_incident(shooting, unrelated)


def test_undated_reports_naming_other_weekdays_stay_apart():
    friday = dataclasses.replace(item("r1", "a1", day=None), weekday="friday")
    wednesday = dataclasses.replace(item("r2", "a2", day=None), weekday="wednesday")
    again = dataclasses.replace(item("r3", "a3", day=None), weekday="wednesday")
    incident_of = merge_items([friday, wednesday, again])
    assert incident_of["r2"] == incident_of["r3"] != incident_of["r1"]
    assert not same_incident(friday, wednesday) and same_incident(wednesday, again)


def test_a_report_that_names_no_weekday_does_not_join_two_that_name_different_ones():
    friday = dataclasses.replace(item("r1", "a1", day=None), weekday="friday")
    unnamed = item("r2", "a2", day=None)
    wednesday = dataclasses.replace(item("r3", "a3", day=None), weekday="wednesday")
    incident_of = merge_items([friday, unnamed, wednesday])
    assert incident_of["r1"] != incident_of["r3"]


def test_week_dates_span_their_week():
    monday = item("r1", "a1", day=0, precision="week")
    sunday = item("r2", "a2", day=6)
    month_later = item("r3", "a3", day=40)
    assert date_gap(monday, sunday) == 0 and date_level(monday, sunday) == "date:coarse"
    assert date_gap(monday, month_later) == 33 and date_level(monday, month_later) == "date:months"


def test_text_terms_fold_possessives_into_the_name():
    assert "haftar" in text_terms(["Rockets fired by Haftar's forces hit Tripoli."])


def _fields(report: MergeItem) -> dict:
    return {name: getattr(report, name) for name in ("report_id", "article_id", "country", "day", "anchor",
            "precision", "admin1", "location", "latitude", "longitude", "event_type", "sub_event_type",
            "actors", "killed", "terms")}


def test_text_terms_prefer_names_and_skip_common_words():
    terms = text_terms(["Gunmen killed seven villagers in Anefis on Monday, police said."])
    assert "anefis" in terms and "killed" not in terms and "monday" not in terms


items_strategy = st.lists(
    st.builds(lambda n, a, p, d, w, s: (n, a, p, d, w, s), st.integers(0, 10_000), st.integers(0, 5),
              st.integers(0, 2), st.one_of(st.none(), st.integers(0, 6)),
              st.sets(st.sampled_from(WORDS), min_size=1, max_size=4), st.sampled_from(["Attack", "Armed clash"])),
    min_size=1, max_size=14, unique_by=lambda t: t[0])


@settings(max_examples=60, deadline=None)
@given(specs=items_strategy, seed=st.randoms(use_true_random=False))
def test_merge_is_independent_of_input_order(specs, seed):
    items = [item(f"r{n:05d}", f"a{a}", place=p, day=d, words=tuple(w), sub=s) for n, a, p, d, w, s in specs]
    shuffled = list(items)
    seed.shuffle(shuffled)
    assert merge_items(items) == merge_items(shuffled)
