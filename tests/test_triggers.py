"""Event trigger rules (tollbook.nlp.triggers) on model-free spaCy Docs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from tollbook.nlp.triggers import (
    EventCue,
    borrowed_war_words,
    classify_text,
    find_event_cues,
    lemma_key,
    strip_label_prefix,
)

CONTRACT_TAXONOMY = Path(__file__).resolve().parents[2] / "shared" / "contract" / "taxonomy.json"
LEXICON = Path(__file__).resolve().parents[1] / "tollbook" / "data" / "triggers.json"


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


# Sentences written for these tests; two or more for each of ACLED's 25 sub-event types.
TYPED = [
    # Battles
    ("Armed clash", "Government troops clashed with rebels near the border on Tuesday."),
    ("Armed clash", "Heavy fighting broke out between the army and militants outside the town."),
    ("Armed clash", "Soldiers and insurgents exchanged fire for two hours at a checkpoint."),
    ("Armed clash", "Rebels ambushed an army patrol on the highway, killing four soldiers."),
    ("Government regains territory", "Government forces recaptured the town of Marzin from the rebels."),
    ("Government regains territory", "The army retook control of three villages after heavy fighting."),
    ("Government regains territory", "Troops liberated the district capital on Sunday."),
    ("Non-state actor overtakes territory", "Militants seized the town of Kerba after driving out the police."),
    ("Non-state actor overtakes territory", "Rebel fighters captured the airport following days of clashes."),
    ("Non-state actor overtakes territory", "Insurgents overran an army base in the north and took control of the area."),
    # Explosions/Remote violence
    ("Chemical weapon", "Residents said chlorine gas was used in an attack on the suburb."),
    ("Chemical weapon", "Doctors treated dozens of people after a sarin attack on the town."),
    ("Chemical weapon", "The inspectors confirmed that a chemical weapon was dropped on the district."),
    ("Air/drone strike", "An airstrike hit a house in the village, killing six people."),
    ("Air/drone strike", "Warplanes bombed rebel positions east of the city."),
    ("Air/drone strike", "A drone strike killed two commanders in their car."),
    ("Air/drone strike", "Helicopters dropped barrel bombs on the neighbourhood overnight."),
    ("Suicide bomb", "A suicide bomber blew himself up at the entrance of the mosque."),
    ("Suicide bomb", "The attacker detonated a suicide vest near a police checkpoint."),
    ("Shelling/artillery/missile attack", "Artillery shelling killed three civilians in the market."),
    ("Shelling/artillery/missile attack", "Militants fired mortars at the airport overnight."),
    ("Shelling/artillery/missile attack", "A missile struck an apartment block in the city centre."),
    ("Shelling/artillery/missile attack", "Rockets were fired at the base from across the river."),
    ("Remote explosive/landmine/IED", "A roadside bomb exploded as the convoy passed, wounding two soldiers."),
    ("Remote explosive/landmine/IED", "Three children were killed when their cart hit a landmine."),
    ("Remote explosive/landmine/IED", "An IED planted under a bridge went off on Monday."),
    ("Remote explosive/landmine/IED", "A car bomb exploded outside the ministry."),
    ("Grenade", "Unknown men threw a grenade into a crowded bar."),
    ("Grenade", "A hand grenade hurled at the police station injured two officers."),
    # Violence against civilians
    ("Sexual violence", "Soldiers raped two women in the village, witnesses said."),
    ("Sexual violence", "The girl was sexually assaulted by members of the militia."),
    ("Attack", "Gunmen opened fire on villagers at the market, killing seven."),
    ("Attack", "Armed men massacred at least twenty farmers in their fields."),
    ("Attack", "The militants beheaded a teacher in front of his family."),
    ("Attack", "A man was stabbed to death by unknown assailants near his home."),
    ("Abduction/forced disappearance", "Bandits kidnapped fifteen students from their school."),
    ("Abduction/forced disappearance", "Militants abducted a local official on the road to the city."),
    ("Abduction/forced disappearance", "Activists say the journalist was forcibly disappeared after his arrest."),
    # Protests
    ("Peaceful protest", "Hundreds of teachers protested outside parliament over unpaid salaries."),
    ("Peaceful protest", "Students staged a sit-in at the university to demand lower fees."),
    ("Peaceful protest", "Thousands marched through the capital in support of the strike."),
    ("Peaceful protest", "Farmers held a rally against the new land law."),
    ("Protest with intervention", "Police fired tear gas to disperse the protesters."),
    ("Protest with intervention", "Police arrested twelve demonstrators during the march."),
    ("Protest with intervention", "Riot police dispersed a crowd of students with water cannon."),
    ("Excessive force against protesters", "Security forces opened fire on protesters, killing three."),
    ("Excessive force against protesters", "Soldiers used live ammunition against peaceful demonstrators."),
    # Riots
    ("Violent demonstration", "Protesters threw stones at police and torched two cars."),
    ("Violent demonstration", "Demonstrators clashed with police and set fire to a government office."),
    ("Violent demonstration", "Youths rioted in the town after the election results were announced."),
    ("Mob violence", "A mob lynched a man suspected of stealing a motorbike."),
    ("Mob violence", "An angry crowd beat a suspected thief to death."),
    ("Mob violence", "Supporters of two rival parties clashed with sticks at the market."),
    # Strategic developments
    ("Agreement", "The two sides signed a ceasefire agreement in the capital."),
    ("Agreement", "The government and rebels agreed a prisoner exchange."),
    ("Agreement", "Forty militants surrendered to the army with their weapons."),
    ("Arrests", "Police arrested the former mayor on corruption charges."),
    ("Arrests", "Security forces detained three suspected smugglers at the border."),
    ("Change to group/activity", "Two rebel factions announced a merger under a new leader."),
    ("Change to group/activity", "Hundreds of troops were deployed to the northern province."),
    ("Change to group/activity", "Fifty militia fighters defected to the government side."),
    ("Disrupted weapons use", "Army engineers defused a bomb found near the school."),
    ("Disrupted weapons use", "Air defences intercepted two missiles over the city."),
    ("Disrupted weapons use", "Police seized a weapons cache hidden in a farmhouse."),
    ("Headquarters or base established", "The militants established a base in the forest near the village."),
    ("Headquarters or base established", "The rebels set up a checkpoint on the main road."),
    ("Looting/property destruction", "Gunmen looted shops and stole cattle from the village."),
    ("Looting/property destruction", "Soldiers demolished dozens of homes in the settlement."),
    ("Looting/property destruction", "Unknown people set fire to the church overnight."),
    ("Non-violent transfer of territory", "The rebels took control of the town without a fight after the army withdrew."),
    ("Non-violent transfer of territory", "Troops withdrew from the base and handed it over to the local militia."),
    ("Other", "Thousands of residents were forced to flee their homes after the threats."),
    ("Other", "Investigators found a mass grave on the outskirts of the town."),
    ("Other", "Militants distributed leaflets warning residents to leave."),
]


def _top(nlp, text: str) -> EventCue:
    cues = find_event_cues(nlp(text)[:])
    assert cues, f"no cue in {text!r}"
    return cues[0]


@pytest.mark.parametrize("sub_event_type, text", TYPED)
def test_triggers_types_sentence(nlp, sub_event_type, text):
    cue = _top(nlp, text)
    assert cue.sub_event_type == sub_event_type, (cue, text)


def test_triggers_table_covers_all_sub_types():
    taxonomy = json.loads(LEXICON.read_text())["taxonomy"]
    subs = {s for group in taxonomy.values() for s in group}
    covered = {sub for sub, _ in TYPED}
    assert len(subs) == 25
    assert subs == covered
    per_type = {s: sum(1 for sub, _ in TYPED if sub == s) for s in subs}
    assert min(per_type.values()) >= 2


@pytest.mark.skipif(not CONTRACT_TAXONOMY.exists(), reason="shared contract not checked out")
def test_triggers_taxonomy_matches_contract():
    ours = json.loads(LEXICON.read_text())["taxonomy"]
    assert ours == json.loads(CONTRACT_TAXONOMY.read_text())


def test_triggers_lexicon_says_where_it_comes_from():
    assert "tollbook" in json.loads(LEXICON.read_text())["_source"]


@pytest.mark.parametrize("text", [t for _, t in TYPED[:6]])
def test_triggers_cue_offsets_and_fields(nlp, text):
    doc = nlp(text)
    for cue in find_event_cues(doc[:]):
        assert doc.text[cue.start:cue.end] == cue.trigger
        assert 0.0 <= cue.score <= 1.0
        assert cue.sub_event_type in json.loads(LEXICON.read_text())["taxonomy"][cue.event_type]


def test_triggers_strongest_first_one_per_trigger(nlp):
    doc = nlp("Rebels attacked an army base, and a suicide bomber blew himself up at the gate.")
    cues = find_event_cues(doc[:])
    assert [c.score for c in cues] == sorted((c.score for c in cues), reverse=True)
    spans = [(c.start, c.end) for c in cues]
    assert all(a[1] <= b[0] or b[1] <= a[0] for n, a in enumerate(spans) for b in spans[n + 1:])
    assert cues[0].trigger == "suicide bomber"
    assert cues[0].sub_event_type == "Armed clash"  # a suicide bombing in an assault on a base is coded as the battle


def test_triggers_cues_in_a_sentence_of_a_longer_doc(nlp):
    doc = nlp("The weather was calm. Later, an airstrike hit the market.")
    sent = doc[5:]
    assert sent.text.startswith("Later")
    cue = find_event_cues(sent)[0]
    assert cue.trigger == "airstrike"
    assert doc.text[cue.start:cue.end] == "airstrike"


# -- war words in other domains -----------------------------------------------------------------
BORROWED = [
    "The superhero sequel bombed at the box office, a flop that cost the studio millions.",
    "The striker's shot hit the post before he scored the winning goal in the match.",
    "City and United battled to a draw in a bruising derby at the stadium.",
    "Shares plunged as the stock market crash wiped out investors' gains.",
    "The earthquake killed at least 40 people and destroyed hundreds of houses.",
    "Floods and a landslide triggered by the storm killed twelve villagers.",
    "Nine passengers were killed when the bus crashed into a truck on the highway.",
    "The candidate attacked his rival in a campaign speech, slamming his record on taxes.",
    "The opposition leader launched a scathing attack on the budget during the debate.",
    "The team's attack looked sharp as the league leaders fought back in the second half.",
    "Five workers died when a fire broke out at the factory after a short circuit.",
    "The chess grandmaster launched a fierce attack on the king's side to win the game.",
]


@pytest.mark.parametrize("text", BORROWED)
def test_triggers_borrowed_war_words(nlp, text):
    sent = nlp(text)[:]
    assert borrowed_war_words(sent)
    assert find_event_cues(sent) == []


@pytest.mark.parametrize("text", [
    "The storm killed three people, while an airstrike on the same day hit a school.",
    "Fans clashed with riot police outside the stadium and threw stones at officers.",
    "Gunmen attacked the bus on the highway, killing six passengers.",
])
def test_triggers_real_violence_beside_borrowed_words(nlp, text):
    sent = nlp(text)[:]
    assert not borrowed_war_words(sent)
    assert find_event_cues(sent)


def test_triggers_storm_toll_keeps_the_airstrike(nlp):
    cues = find_event_cues(nlp("The storm killed three people, while an airstrike hit a school.")[:])
    assert [c.sub_event_type for c in cues] == ["Air/drone strike"]


@pytest.mark.parametrize("text, expected", [
    ("Residents protested after a farmer was killed by unknown gunmen.", "Peaceful protest"),
    ("Students marched against the arrest of their union leader.", "Peaceful protest"),
    ("Families demonstrated to demand justice for the victims of the massacre.", "Peaceful protest"),
    ("Protesters blocked the road and police fired tear gas at them.", "Protest with intervention"),
    # the residents' roadblock is their protest, not an intervention against it
    ("Residents blocked the main road to protest against the killing of a man by the police.", "Peaceful protest"),
])
def test_triggers_violence_that_a_protest_is_about(nlp, text, expected):
    assert _top(nlp, text).sub_event_type == expected


@pytest.mark.parametrize("text, expected", [
    ("The government and the rebels agreed to cease hostilities.", "Agreement"),
    ("Gunmen stormed a village and killed twelve farmers.", "Attack"),
    ("Regime forces backed by allied militias captured the hilltop.", "Government regains territory"),
    ("Turkish-backed rebels captured the hilltop.", "Non-state actor overtakes territory"),
    # a killing by stoning: by a crowd, mob violence; by an armed group, an attack
    ("Residents stoned two suspected robbers to death.", "Mob violence"),
    ("Militants stoned a woman to death in the square.", "Attack"),
    # vandalism is never a figure of speech, not even in a story about an election
    ("Supporters of a candidate vandalized the car of a rival candidate over electoral rivalry.", "Mob violence"),
    # a seizure of drugs is the event (ACLED: property destruction), the arrests made in it are not
    ("Federal police seized two tons of marijuana hidden in a truck. Three people were arrested.",
     "Looting/property destruction"),
    ("Soldiers dismantled a cocaine lab and arrested two men.", "Looting/property destruction"),
    # whose ground it became is unknown: the fight is what the sentence tells for sure
    ("Fighters clashed with a militia and captured Kerba.", "Armed clash"),
    ("A soldier was killed by a sniper near the front line.", "Armed clash"),
    ("The rebels responded with artillery fire.", "Armed clash"),
])
def test_triggers_context_decides(nlp, text, expected):
    assert _top(nlp, text).sub_event_type == expected


@pytest.mark.parametrize("text", [
    "There were no clashes in the town.",
    # control held, not taken: a bare place noun right after "control"
    "Families crossed from regime controlled areas to the north.",
    "IS controls villages near the border.",
    "Talks on the new trade deal resumed in Geneva.",
    "On 5 March 2022, the minister visited the province.",
    "Gold mine workers went home early.",
])
def test_triggers_no_cue(nlp, text):
    assert find_event_cues(nlp(text)[:]) == []


# -- the rules' machinery ---------------------------------------------------------------------
@pytest.mark.parametrize("word, key", [
    ("killed", "kill"), ("clashes", "clash"), ("bombed", "bomb"), ("Shelling", "shell"),
    ("kidnapped", "kidnap"), ("fought", "fight"), ("protesters", "protester"), ("raped", "rape"),
    ("mining", "mining"), ("according", "according"),
])
def test_triggers_lemma_key(word, key):
    assert lemma_key(word) == key


def test_triggers_parse_gives_the_same_reading_when_present(nlp):
    """A Doc with dependency heads uses them; a hand-built parse types like the blank one."""
    from spacy.tokens import Doc

    vocab = nlp.vocab
    words = ["Gunmen", "killed", "five", "villagers", "."]
    doc = Doc(vocab, words=words, heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "nummod", "dobj", "punct"])
    assert doc.has_annotation("DEP")
    assert find_event_cues(doc[:])[0].sub_event_type == "Attack"
    soldiers = Doc(vocab, words=["Gunmen", "killed", "five", "soldiers", "."],
                   heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "nummod", "dobj", "punct"])
    assert find_event_cues(soldiers[:])[0].sub_event_type == "Armed clash"


def test_triggers_classify_text(nlp):
    assert classify_text("Teachers protested over pay. Police fired tear gas and arrested some of them.", nlp) == (
        "Protests", "Protest with intervention")
    assert classify_text("The minister visited the province.", nlp) is None


@pytest.mark.parametrize("text, stripped", [
    ("Movement of forces: On 3 May, troops arrived.", "On 3 May, troops arrived."),
    ("Agreement: Rebels signed a truce.", "Rebels signed a truce."),
    ("On 3 May: troops arrived.", "On 3 May: troops arrived."),
    ("Clashes took place between a very long list of groups: A and B.", "Clashes took place between a very long list of groups: A and B."),
])
def test_triggers_strip_label_prefix(text, stripped):
    assert strip_label_prefix(text) == stripped


@pytest.mark.model
def test_according_is_no_agreement_with_a_lemmatizer():
    from tollbook.nlp.pipeline import load_nlp
    doc = load_nlp()("But according to the report this morning, no bodies were found.")
    assert all(c.sub_event_type != "Agreement" for s in doc.sents for c in find_event_cues(s))


@pytest.mark.model
@pytest.mark.parametrize("text, sub", [
    # a date after "on" is when, not what was seized
    ("On 13 August, suspected militants seized five tricycles from farmers.", None),
    # with a direct object, "in"/"near" say where it happened, not what was taken
    ("On 19 February, militants seized an ambulance in the village of Kerba.", None),
    ("Militants seized the town of Kerba on Monday.", "Non-state actor overtakes territory"),
    ("On Monday, rebels captured the village after a short battle.", "Non-state actor overtakes territory"),
])
def test_the_object_of_a_seizure_is_its_direct_object_not_its_time_or_setting(text, sub):
    from tollbook.nlp.pipeline import load_nlp
    doc = load_nlp()(text)
    subs = {c.sub_event_type for s in doc.sents for c in find_event_cues(s)}
    if sub is None:
        assert "Non-state actor overtakes territory" not in subs
    else:
        assert sub in subs


@pytest.mark.parametrize("text, expected", [
    ("Al Shabaab clashed with soldiers at a base; the clash was initiated with an SVBIED.", "Armed clash"),
    ("Heavy clashes broke out as four suicide bombers detonated their explosive belts.", "Armed clash"),
    ("A suicide bomber blew himself up at a checkpoint, killing three soldiers.", "Suicide bomb"),
    # a fight told by its blows, not in so many words
    ("Militants attacked army positions in the valley, using two suicide car bombs.", "Armed clash"),
    # a death tells whom the bomb hit, not a fight
    ("A suicide bomber detonated his vest at the barracks gate and two soldiers were killed.", "Suicide bomb"),
])
def test_triggers_a_suicide_bombing_told_with_a_clash_is_the_clash(nlp, text, expected):
    assert _top(nlp, text).sub_event_type == expected


@pytest.mark.model
@pytest.mark.parametrize("text, expected", [
    # the agreement describes the victim; the shooting is the event
    ("Unknown gunmen shot and killed a former rebel who had signed a reconciliation agreement with the regime.",
     "Violence against civilians|Battles"),
    # a sentence with nothing but setting keeps its cues
    ("Forces rescued four aid workers who were abducted by gunmen during an ambush.", "Battles"),
])
def test_best_cue_skips_a_relative_clause_that_describes_a_person(text, expected):
    from tollbook.nlp.pipeline import load_nlp
    from tollbook.nlp.triggers import best_cue
    doc = load_nlp()(text)
    assert best_cue(doc[:]).event_type in expected.split("|")


def test_lemma_key_strips_es_only_after_a_sibilant():
    assert [lemma_key(w) for w in ("clashes", "marches", "militias")] == ["clash", "march", "militia"]
    assert lemma_key("sites") != "sit"  # "defensive sites in the village" is no sit-in


@pytest.mark.parametrize("text, absent", [
    ("Militants established defensive positions and key defensive sites in the village.", "Peaceful protest"),
    ("Hundreds of farmers set up a protest camp on the square to demand lower fuel prices.",
     "Headquarters or base established"),
])
def test_triggers_words_that_look_alike_tell_no_event(nlp, text, absent):
    assert absent not in {c.sub_event_type for c in find_event_cues(nlp(text)[:])}
