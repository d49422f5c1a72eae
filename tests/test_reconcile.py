"""Reconciliation rules inside one article (tollbook/incidents/reconcile.py)."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tollbook.incidents.reconcile import CIVILIAN_GROUPS, reconcile, reconcile_group
from tollbook.records import GROUPS, Claim


def claim(lo, hi=None, *, group="unknown", figure="killed", superseded=False, subset=False, claimant="x",
          adds_to=None):
    return Claim(figure=figure, group=group, victims_text="", min=lo, max=lo if hi is None else hi,
                 qualifier="exact", claimant=claimant, claimant_type="unknown", start=0, end=1,
                 superseded=superseded, subset_of="killed" if subset else None, adds_to=adds_to)


def test_reconcile_same_group_gives_range():
    r = reconcile([claim(3, group="security_forces"), claim(11, group="security_forces", claimant="y")], "killed")
    assert (r.min, r.max, r.best) == (3, 11, 3)


def test_reconcile_disjoint_groups_add_up():
    claims = [claim(15, group="security_forces"), claim(24, group="combatants"),
              claim(10, group="combatants", claimant="monitor")]
    r = reconcile(claims, "killed")
    assert (r.min, r.max) == (25, 39)


def test_reconcile_subsets_never_add():
    claims = [claim(12, group="civilians"), claim(5, group="children", subset=True)]
    assert (reconcile(claims, "killed").min, reconcile(claims, "killed").max) == (12, 12)
    assert reconcile_group(claims, "killed", {"children"}).min == 5
    assert reconcile_group(claims, "killed", CIVILIAN_GROUPS).min == 12


def test_reconcile_superseded_figure_counts_toward_min_not_best():
    claims = [claim(5, superseded=True), claim(137), claim(218, claimant="senator")]
    r = reconcile(claims, "killed")
    assert (r.min, r.max, r.best) == (5, 218, 137)


def test_reconcile_marked_parts_stay_inside_a_count_of_everyone():
    r = reconcile([claim(28), claim(1, group="security_forces", subset=True)], "killed")
    assert (r.min, r.max) == (28, 28)


def test_reconcile_groups_inside_a_count_of_everyone():
    r = reconcile([claim(14), claim(10, group="security_forces")], "killed")
    assert (r.min, r.max) == (14, 14)


def test_reconcile_groups_beyond_a_count_of_everyone_are_another_reading():
    r = reconcile([claim(3), claim(5, group="civilians")], "killed")
    assert (r.min, r.max) == (3, 5)


@pytest.mark.parametrize("figure", ["injured", "abducted"])
def test_reconcile_other_figures_are_kept_apart(figure):
    claims = [claim(4, figure=figure), claim(3)]
    assert reconcile(claims, figure).min == 4
    assert reconcile(claims, "killed").min == 3


def test_reconcile_nothing_gives_none():
    assert reconcile([], "killed") is None
    assert reconcile_group([claim(3)], "killed", {"children"}) is None


def test_reconcile_others_come_on_top_of_the_count_before_them():
    # "at least five people" … "one man shot dead" … "at least four others killed"
    claims = [claim(5), claim(1, group="civilians"), claim(4, adds_to=1)]
    r = reconcile(claims, "killed")
    assert (r.min, r.max) == (5, 5)


claims_strategy = st.lists(
    st.builds(lambda lo, extra, group, sup, sub, adds: claim(lo, lo + extra, group=group, superseded=sup,
                                                             subset=sub, adds_to=adds),
              st.integers(0, 500), st.integers(0, 100), st.sampled_from(GROUPS), st.booleans(), st.booleans(),
              st.one_of(st.none(), st.integers(0, 50))),
    min_size=1, max_size=8)


@given(claims_strategy)
def test_reconcile_min_best_max_are_ordered(claims):
    r = reconcile(claims, "killed")
    assert r.min <= r.best <= r.max


@given(claims_strategy)
def test_reconcile_subsets_never_exceed_their_group(claims):
    total = reconcile(claims, "killed")
    children = reconcile_group(claims, "killed", {"children"})
    civilians = reconcile_group(claims, "killed", CIVILIAN_GROUPS)
    if children is not None and civilians is not None:
        assert children.min <= civilians.max
    if civilians is not None and all(c.group in CIVILIAN_GROUPS for c in claims):
        assert civilians.min <= total.max


def vague(lo, hi, group="unknown"):
    return Claim(figure="killed", group=group, victims_text="dozens", min=lo, max=hi, qualifier="vague",
                 claimant="x", claimant_type="unknown", start=0, end=1)


def test_reconcile_vague_count_gives_way_to_a_stated_one():
    assert (reconcile([vague(24, 99), claim(51)], "killed").min, reconcile([vague(24, 99), claim(51)], "killed").max) \
        == (51, 51)


def test_reconcile_vague_count_alone_keeps_its_bounds():
    r = reconcile([vague(24, 99)], "killed")
    assert (r.min, r.max) == (24, 99)


def test_reconcile_women_and_children_are_inside_a_count_of_everyone():
    r = reconcile([claim(10), claim(4, group="women")], "killed")
    assert (r.min, r.max) == (10, 10)


def test_reconcile_children_beyond_a_count_of_everyone_are_another_reading():
    claims = [claim(0, group="civilians"), claim(0, group="civilians", adds_to=0), claim(1, group="children")]
    total, civilians = reconcile(claims, "killed"), reconcile_group(claims, "killed", CIVILIAN_GROUPS)
    assert civilians.min <= total.max and (total.min, total.max) == (0, 1)


def placed(text, phrase, lo, group, qualifier="exact"):
    start = text.index(phrase)
    return Claim(figure="killed", group=group, victims_text=phrase, min=lo, max=lo, qualifier=qualifier,
                 claimant="army", claimant_type="military", start=start, end=start + len(phrase))


def test_conjoined_counts_add_a_total_claim_that_never_double_counts():
    from tollbook.incidents.build import _conjoined_totals
    text = "At least two policemen and one civilian were killed, and 12 people were hurt."
    parts = [placed(text, "two policemen", 2, "security_forces", "at least"),
             placed(text, "one civilian", 1, "civilians")]
    totals = _conjoined_totals(parts, text)
    assert [(t.min, t.max, t.group, t.qualifier, t.kind, t.victims_text) for t in totals] == \
        [(3, 3, "unknown", "at least", "total", "two policemen and one civilian")]
    everything = parts + totals
    r = reconcile(everything, "killed")
    assert (r.min, r.max, r.best) == (3, 3, 3)
    assert (reconcile_group(everything, "killed", CIVILIAN_GROUPS).min) == 1


def test_counts_in_separate_clauses_are_not_conjoined():
    from tollbook.incidents.build import _conjoined_totals
    text = "Two soldiers died in Gao. Later three civilians died."
    parts = [placed(text, "Two soldiers", 2, "security_forces"), placed(text, "three civilians", 3, "civilians")]
    assert _conjoined_totals(parts, text) == []
