"""Who claims a figure, decided from the whole article: the paragraph, the quote, the office, the side.

Articles written for these tests; parsed with the English model.
"""
import pytest

from tollbook import extract
from tollbook.nlp.pipeline import _wrap_width
from tollbook.nlp.attribution import COUNTRY_REFERENCE

pytestmark = pytest.mark.model


def claimants(text, published="2023-05-10", outlet="example-news.org"):
    result = extract(text, published=published, outlet=outlet)
    return {(c.figure, c.min): c.claimant for r in result.reports for c in r.claims}


def test_a_paragraph_goes_on_with_the_source_it_named():
    text = ("A car bomb killed 31 people at a market in Mogadishu on Sunday, the AP reported, citing hospital "
            "sources. More than 60 others were injured. Many of the wounded died later in hospitals, Police "
            "Captain Abdi Farah said.")
    assert claimants(text)[("injured", 60)] == "AP"


def test_the_speaker_outside_the_quote_not_the_we_inside_it():
    text = ('"We have confirmed so far 41 dead, most of them civilians," police official Yusuf Omar told AFP '
            "after the bombing in Baidoa on Monday.")
    assert claimants(text)[("killed", 41)] == "police official Yusuf Omar"


def test_a_reporting_clause_ending_in_a_colon_opens_the_next_paragraph():
    text = ("Gunmen attacked a convoy near Gao on Tuesday. Speaking on state radio, the governor said:\n\n"
            "\"Nine soldiers were killed in the ambush and the attackers fled.\"")
    said = claimants(text)[("killed", 9)]
    assert "governor" in said


def test_the_countrys_army_is_named_by_the_country_in_focus():
    text = ("Seven Colombian soldiers have been killed in an ambush by rebel dissidents in the Cauca region "
            "of Colombia on Friday, the country's army said.")
    assert claimants(text, published="2022-03-05")[("killed", 7)] == "Colombian army"


def test_the_president_is_the_president_the_article_named():
    text = ("President Amina Diallo visited the barracks in Kidal on Saturday after the attack.\n\n"
            "Gunmen stormed the barracks in Kidal, Mali, on Friday. The president said 23 soldiers were "
            "killed in the assault.")
    assert claimants(text)[("killed", 23)] == "President Amina Diallo"


def test_the_militants_are_the_armed_group_the_article_is_about():
    text = ("Al-Shabaab fighters attacked a military base near Kismayo, Somalia, on Monday. "
            "The Islamist militants said 60 soldiers were killed in the raid, a claim the army denied.")
    assert claimants(text)[("killed", 60)] == "Al Shabaab"


def test_a_second_incident_is_its_own_report_even_at_the_same_place():
    text = ("Troops fought rebels outside Malakal in South Sudan on Monday, killing 36 of them, the army "
            "spokesman said. He said that in a second incident, fighting between guards of the governor "
            "and a militia outside Malakal killed two.")
    result = extract(text, published="2015-04-22")
    assert sorted(r.fatalities.min for r in result.reports if r.fatalities) == [2, 36]


def test_dead_at_the_scene_are_part_of_the_toll():
    text = ("Five soldiers were killed when a roadside bomb hit their vehicle near Hakkari in Turkey on Sunday, "
            "the army said. Four soldiers died at the scene and a fifth died in hospital.")
    (report,) = extract(text, published="2016-08-01").reports
    assert (report.fatalities.min, report.fatalities.max) == (5, 5)


def test_hard_wrapped_wire_copy_has_a_width():
    wire = "\n".join(["Fighting in the oil-producing state in the past two days has"] * 8)
    assert _wrap_width(wire) is not None
    assert _wrap_width("Headline\n\nShort body.\nAnother line.") is None


@pytest.mark.parametrize("phrase,named", [
    ("country's army", "Colombian army"),
    ("the West African nation's military junta", "Colombian military junta"),
    ("Colombia's army", "Colombia's army"),
])
def test_country_reference_pattern(phrase, named):
    assert COUNTRY_REFERENCE.sub("Colombian ", phrase, count=1) == named
