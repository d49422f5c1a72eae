"""Figures and who says them, on sentences written for these tests (parsed with the English model)."""
import pytest

from tollbook.nlp.attribution import Attributor, nominal_claimant
from tollbook.nlp.figures import find_figures
from tollbook.nlp.pipeline import load_nlp

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def figures_of(nlp, text):
    doc = nlp(text)
    return [(f.figure, f.group, f.quantity.min, f.quantity.max, f.quantity.qualifier)
            for s in doc.sents for f in find_figures(s)]


@pytest.mark.parametrize("text,expected", [
    ("Rebels attacked a post, killing at least three police and wounding four others.",
     [("killed", "security_forces", 3, 3, "at least"), ("injured", "unknown", 4, 4, "exact")]),
    ("A bomber blew himself up at a meeting, killing three and injuring nine.",
     [("killed", "unknown", 3, 3, "exact"), ("injured", "unknown", 9, 9, "exact")]),
    ("Eleven soldiers, including two officers, were killed in the fighting.",
     [("killed", "security_forces", 11, 11, "exact"), ("killed", "security_forces", 2, 2, "exact")]),
    ("The death toll from the blast rose to 41 on Tuesday.", [("killed", "unknown", 41, 41, "exact")]),
    ("Medics said more than 60 wounded had been taken to hospital.",
     [("injured", "unknown", 60, 60, "more than")]),
    ("The statement said no civilians were killed.", [("killed", "civilians", 0, 0, "exact")]),
    ("Gunmen opened fire on a bus, killing a driver.", [("killed", "civilians", 1, 1, "exact")]),
    ("Gunmen opened fire on the house, killing a guard.", [("killed", "security_forces", 1, 1, "exact")]),
    ("Dozens of villagers were abducted from the market.", [("abducted", "civilians", 24, 99, "vague")]),
    ("Police arrested 14 suspects after the raid.", [("arrested", "unknown", 14, 14, "exact")]),
    ("Troops shot dead five militants near the border.", [("killed", "combatants", 5, 5, "exact")]),
])
def test_figures_found_with_group_and_qualifier(nlp, text, expected):
    assert figures_of(nlp, text) == expected


def test_figures_marks_subsets_and_superseded(nlp):
    doc = nlp("Three children were among the dead. An initial count of 20 dead was later revised.")
    found = [f for s in doc.sents for f in find_figures(s)]
    assert [(f.quantity.min, f.subset, f.superseded) for f in found] == [(3, True, False), (20, False, True)]


def attribute_all(nlp, text, outlet="example.org"):
    doc = nlp(text)
    attributor = Attributor(outlet)
    out = []
    for sent in doc.sents:
        who = attributor.attribute(sent)
        if who is not None:
            attributor.remember(who)
        out.append(who)
    return out


@pytest.mark.parametrize("text,claimant,ctype", [
    ("Eight people were killed in the raid, officials said.", "officials", "government"),
    ("Twelve civilians died, according to the Syrian Observatory for Human Rights.",
     "Syrian Observatory for Human Rights", "ngo"),
    ("A hospital official said 10 people were killed.", "hospital official", "medical"),
    ("Four soldiers died at the scene, the army said.", "army", "military"),
    ("The death toll was provided by the Philippine army on Saturday.", "Philippine army", "military"),
])
def test_attribution_by_grammar(nlp, text, claimant, ctype):
    who = attribute_all(nlp, text)[0]
    assert (who.claimant, who.claimant_type) == (claimant, ctype)


def test_attribution_keeps_the_person_with_the_organisation(nlp):
    who = attribute_all(nlp, "Rami Abdel Rahman, head of the Syrian Observatory for Human Rights, "
                             "said 15 people were killed.")[0]
    assert (who.claimant, who.person) == ("Syrian Observatory for Human Rights", "Rami Abdel Rahman")


def test_attribution_pronouns_refer_back(nlp):
    said = attribute_all(nlp, "Jane Doe, a spokeswoman for the provincial governor, said three people died. "
                              "Two more were wounded, she said.")
    assert said[1] == said[0]
    assert said[0].claimant_type == "local_official"


def test_attribution_anonymous_sources_are_marked(nlp):
    who = attribute_all(nlp, "A police official, who spoke on condition of anonymity, said 11 police were killed.")[0]
    assert who.claimant == "anonymous police official"


def test_attribution_claim_of_responsibility_is_not_a_report(nlp):
    assert attribute_all(nlp, "The group claimed responsibility for the bombing.") == [None]


def test_nominal_claimant_in_the_noun_phrase(nlp):
    doc = nlp("The toll jumped from an initial police estimate of 20 dead.")
    who = nominal_claimant(next(doc.sents), doc.text.index("20"))
    assert (who.claimant, who.claimant_type) == ("police", "government")


@pytest.mark.parametrize("text,expected", [
    ("Nineteen civilians, including seven children, were killed in the strikes.",
     [("civilians", 19, False), ("children", 7, True)]),
    ("The health ministry said the dead included a 16-year-old boy.", [("children", 1, True)]),
    ("Two people, including a seven-year-old child, were killed in a drone strike.",
     [("unknown", 2, False), ("children", 1, True)]),
])
def test_figures_parts_of_a_toll_are_subsets(nlp, text, expected):
    doc = nlp(text)
    found = [(f.group, f.quantity.min, f.subset) for s in doc.sents for f in find_figures(s)]
    assert found == expected


def test_figures_in_a_dash_aside(nlp):
    assert figures_of(nlp, "Witnesses said all the men — perhaps as many as 17 — died in the attack.") == \
        [("killed", "unknown", 17, 17, "up to")]


def test_figures_a_victim_along_with_another_comes_on_top(nlp):
    doc = nlp("One soldier was killed along with a village guard in a car bombing.")
    found = [f for s in doc.sents for f in find_figures(s)]
    assert [(f.victims_text, f.additional) for f in found] == [("One soldier", False), ("a village guard", True)]


def test_figures_counted_in_a_sentence_that_mentions_a_team_are_not_sport(nlp):
    from tollbook.nlp.triggers import borrowed_war_words
    sent = next(nlp("The team saw a rebel fighter who told them four people had been killed that day.").sents)
    assert borrowed_war_words(sent, victims_counted=True) is False
    storm = next(nlp("The storm killed four people in the village, officials said.").sents)
    assert borrowed_war_words(storm, victims_counted=True) is True


@pytest.mark.parametrize("text,expected", [
    ("The army said it destroyed five tanks and 42 pickups.",
     [("destroyed", "unknown", 5, 5, "exact"), ("destroyed", "unknown", 42, 42, "exact")]),
    ("The bomber and three guards were killed.",
     [("killed", "combatants", 1, 1, "exact"), ("killed", "security_forces", 3, 3, "exact")]),
    ("A soldier was shot dead by militants.", [("killed", "security_forces", 1, 1, "exact")]),
    ("A man was beaten to death by a mob.", [("killed", "civilians", 1, 1, "exact")]),
    ("A 10-year-old boy and a woman were wounded by the shelling.",
     [("injured", "children", 1, 1, "exact"), ("injured", "women", 1, 1, "exact")]),
    ("Twelve members of the Al-Nour family, including four children, were killed.",
     [("killed", "civilians", 12, 12, "exact"), ("killed", "children", 4, 4, "exact")]),
    ("Four men were killed in the attack.", [("killed", "civilians", 4, 4, "exact")]),
    ("Our men repelled the raid, but five of our men were killed.", [("killed", "security_forces", 5, 5, "exact")]),
    ("A man was shot and killed near the market.", [("killed", "civilians", 1, 1, "exact")]),
    ("A woman was fatally shot on Sunday.", [("killed", "women", 1, 1, "exact")]),
    ("Samir Haddad (40) was killed along with his two children.",
     [("killed", "unknown", 1, 1, "exact"), ("killed", "children", 2, 2, "exact")]),
    ("Police said John Smith, 34, was wounded in the shooting.", [("injured", "unknown", 1, 1, "exact")]),
    ("At least six civilians, including two women and three children, were killed.",
     [("killed", "civilians", 6, 6, "at least"), ("killed", "women", 2, 2, "exact"),
      ("killed", "children", 3, 3, "exact")]),
])
def test_figures_conjoined_counts_lone_attackers_and_deaths_by_manner(nlp, text, expected):
    assert figures_of(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("In Myingyan, Mandalay Region, a 14-year-old protester also reportedly died after being shot.",
     [("killed", "children", 1, 1, "exact")]),
    ("A 25-year-old protester was shot dead.", [("killed", "civilians", 1, 1, "exact")]),
    ("A strike killed two civilians, a 32-year-old man and his daughter, at their home.",
     [("killed", "civilians", 2, 2, "exact")]),
])
def test_figures_ages_and_appositions(nlp, text, expected):
    assert figures_of(nlp, text) == expected


def test_attribution_a_shortened_name_refers_back_to_the_full_one(nlp):
    from tollbook import extract
    result = extract("Airstrikes killed 12 civilians in Idlib, Syria, on Monday, the Syrian Observatory for Human "
                     "Rights said. The Observatory said 30 others were wounded.", published="2024-01-10")
    assert {c.claimant for r in result.reports for c in r.claims} == {"Syrian Observatory for Human Rights"}


def test_attribution_a_participle_speaks_for_the_subject_above_it(nlp):
    from tollbook import extract
    result = extract("A bomb exploded in a market in Kabul, Afghanistan, on Sunday. The health ministry issued a "
                     "statement on Monday saying 12 people were killed.", published="2024-01-10")
    assert [c.claimant for r in result.reports for c in r.claims] == ["health ministry"]


def test_attribution_the_statement_refers_back_to_whoever_issued_it(nlp):
    said = attribute_all(nlp, "The army said in a statement that two soldiers died. "
                              "The statement said a boy had also been wounded.")
    assert said[1].claimant == "army"


def test_attribution_quoted_as_saying_names_the_speaker_not_the_medium(nlp):
    who = attribute_all(nlp, "The district administrator, John Banda, was quoted on Radio Zambezi as saying "
                             "that ten people were beheaded.")[0]
    assert "Radio" not in who.claimant and "administrator" in who.claimant.lower()


def test_attribution_claims_by_someone_that(nlp):
    from tollbook import extract
    result = extract("The government denies claims by the rebel commander that 40 soldiers died in the ambush "
                     "near Goma, Congo, on Monday.", published="2024-01-10")
    assert [c.claimant for r in result.reports for c in r.claims if c.min == 40] == ["rebel commander"]


def test_attribution_a_later_sentence_about_the_deaths_names_their_source(nlp):
    from tollbook import extract
    result = extract("Two civilians have been killed by artillery fire in Kotli, Pakistan.\n\n"
                     "Pakistan's military said in a statement that the deaths took place on Wednesday night.",
                     published="2024-01-10")
    assert [c.claimant for r in result.reports for c in r.claims] == ["Pakistan's military"]
