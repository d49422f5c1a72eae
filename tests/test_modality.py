"""Modality, background and aggregate cues (tollbook.nlp.modality) on model-free spaCy Docs."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from tollbook.nlp.modality import MODALITY_VALUES, is_aggregate, is_background, modality_of


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def _modality(nlp, text: str, trigger: str) -> str:
    doc = nlp(text)
    start = text.index(trigger)
    return modality_of(doc[:], start, start + len(trigger))


MODALITY = [
    # reported
    ("reported", "Gunmen attacked a village on Monday, killing five people.", "attacked"),
    ("reported", "On 9 May 2020, protesters marched in the capital.", "marched"),
    ("reported", "No group has claimed the attack so far.", "attack"),
    ("reported", "No one was killed in the airstrike.", "airstrike"),
    ("reported", "Aid workers were denied access after the airstrike on Monday.", "airstrike"),
    ("reported", "The rebels tried to storm the base but were repelled.", "repelled"),
    # denied
    ("denied", "The group denied carrying out the attack on the market.", "attack"),
    ("denied", "The army denied killing civilians in the village.", "killing"),
    ("denied", "The ministry rejected reports that its jets bombed the hospital.", "bombed"),
    ("denied", "The militia said it does not target civilians.", "target"),
    ("denied", "Troops did not shell the town, the spokesman said.", "shell"),
    ("denied", "Officials said there were no airstrikes in the area.", "airstrikes"),
    # planned
    ("planned", "The rebels will attack the capital next week.", "attack"),
    ("planned", "The government plans to launch an offensive in the north.", "offensive"),
    ("planned", "The army is preparing to storm the city.", "storm"),
    ("planned", "The insurgents threatened to attack schools.", "attack"),
    ("planned", "The commander vowed to retake the town.", "retake"),
    ("planned", "The president ordered an offensive against the rebels.", "offensive"),
    ("planned", "The rebels said they would retaliate with rockets.", "retaliate"),
    ("planned", "A protest is planned for Friday outside parliament.", "protest"),
    # hypothetical
    ("hypothetical", "The fighting could spread to the capital.", "fighting"),
    ("hypothetical", "Officials fear an attack on the airport.", "attack"),
    ("hypothetical", "If the talks fail, the militants might resume the shelling.", "shelling"),
    ("hypothetical", "An airstrike would be a grave escalation.", "airstrike"),
    ("hypothetical", "Analysts warn that clashes may erupt after the vote.", "clashes"),
]


@pytest.mark.parametrize("expected, text, trigger", MODALITY)
def test_modality_of_blank(nlp, expected, text, trigger):
    assert _modality(nlp, text, trigger) == expected


def test_modality_values_cover_the_table():
    assert {m for m, _, _ in MODALITY} == set(MODALITY_VALUES)


def test_modality_uses_the_parse_when_present(nlp):
    """A hand-built parse scopes the negation to its own clause."""
    vocab = nlp.vocab
    # "No group claimed the attack": "no" belongs to "group", not to "attack".
    doc = Doc(vocab, words=["No", "group", "claimed", "the", "attack", "."],
              heads=[1, 2, 2, 4, 2, 2], deps=["det", "nsubj", "ROOT", "det", "dobj", "punct"])
    start = doc.text.index("attack")
    assert modality_of(doc[:], start, start + 6) == "reported"
    # "Troops did not attack the town": the negation is on the trigger.
    doc = Doc(vocab, words=["Troops", "did", "not", "attack", "the", "town", "."],
              heads=[3, 3, 3, 3, 5, 3, 3], deps=["nsubj", "aux", "neg", "ROOT", "det", "dobj", "punct"])
    start = doc.text.index("attack")
    assert modality_of(doc[:], start, start + 6) == "denied"


def test_modality_of_a_sentence_inside_a_longer_doc(nlp):
    doc = nlp("Rebels shelled the town. The army will retake it.")
    first, second = doc[:5], doc[5:]
    assert second.text.startswith("The army")
    start = doc.text.index("retake")
    assert modality_of(second, start, start + 6) == "planned"
    start = doc.text.index("shelled")
    assert modality_of(first, start, start + 7) == "reported"


BACKGROUND = [
    (True, "The attack came two days after gunmen killed three soldiers nearby."),
    (True, "In a similar attack last year, 20 people died."),
    (True, "Last month, militants raided the same village."),
    (True, "The town had previously been shelled by government forces."),
    (True, "In 2015, the group seized the city."),
    (True, "It was the latest in a series of bombings in the capital."),
    (True, "The region has seen repeated attacks since the army withdrew."),
    (True, "Three years ago, a car bomb killed 40 people at the same market."),
    (False, "Gunmen killed five people in the market on Monday."),
    (False, "Police dispersed the protesters with tear gas."),
    (False, "An airstrike hit the school on Tuesday morning, witnesses said."),
]


@pytest.mark.parametrize("expected, text", BACKGROUND)
def test_modality_is_background(nlp, expected, text):
    assert is_background(nlp(text)[:]) is expected


AGGREGATE = [
    (True, "The war has killed more than 10,000 people since 2015.", "10,000"),
    (True, "Monitors documented 42,234 airstrikes over the course of the war.", "42,234"),
    (True, "So far this year, 300 civilians have been killed in the province.", "300"),
    (True, "In the past month, 45 people died in attacks across the region.", "45"),
    (True, "In total, 120 people were abducted by the group.", "120"),
    (True, "Over the past two days, 30 people were killed in the fighting.", "30"),
    (True, "More than 2,000 people have been killed since the conflict began.", "2,000"),
    (False, "Gunmen killed 12 people in the market on Monday.", "12"),
    (False, "The airstrike killed 5 civilians, a day after the talks collapsed.", "5"),
    (False, "Three airstrikes hit the town on Sunday.", "Three"),
    (False, "The attack killed 40 people, including 12 children.", "12"),
    (False, "The war has killed 10,000 since 2015, and on Monday a bomb killed 7 people.", "7"),
]


@pytest.mark.parametrize("expected, text, quantity", AGGREGATE)
def test_modality_is_aggregate(nlp, expected, text, quantity):
    doc = nlp(text)
    start = text.index(quantity)
    assert is_aggregate(doc[:], start, start + len(quantity)) is expected


@pytest.mark.parametrize("text,expected", [
    ("The police chief said at least 32 people had been killed in the blast.", False),
    ("Gunmen attacked mourners gathered for three men who had been killed a day earlier.", True),
    ("The village had been attacked before the army arrived.", True),
])
def test_is_background_past_perfect_and_reported_speech(nlp, text, expected):
    assert is_background(nlp(text)[:]) is expected
