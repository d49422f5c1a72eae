"""Claimant typing: who a figure's source is, as one of records.CLAIMANT_TYPES (no model needed)."""
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from tollbook.nlp.actors import ActorDictionary
from tollbook.nlp.claimants import ClaimantTyper, claimant_type, is_state_media
from tollbook.records import CLAIMANT_TYPES

DATA = Path(__file__).parent.parent / "tollbook" / "data" / "claimants.json"


@pytest.mark.parametrize("name,expected", [
    # monitors, rights groups, humanitarian organisations
    ("the Syrian Observatory for Human Rights", "ngo"),
    ("SOHR", "ngo"),
    ("Rami Abdel Rahman", "ngo"),
    ("Airwars", "ngo"),
    ("ACLED", "ngo"),
    ("Human Rights Watch", "ngo"),
    ("Amnesty International", "ngo"),
    ("the ICRC", "ngo"),
    ("Doctors Without Borders", "ngo"),
    ("Palestine Red Crescent Society", "ngo"),
    ("a Britain-based war monitor", "ngo"),
    ("activists", "ngo"),
    ("Reporters Without Borders", "ngo"),
    # the UN
    ("OCHA", "un"),
    ("the UN refugee agency", "un"),
    ("UNICEF", "un"),
    ("WHO", "un"),
    ("UNAMA", "un"),
    ("the UN human rights office", "un"),
    ("the United Nations", "un"),
    ("UN peacekeepers", "un"),
    # media, including armed groups' and states' outlets
    ("Reuters", "media"),
    ("AFP", "media"),
    ("the Associated Press", "media"),
    ("Al Jazeera", "media"),
    ("reuters.com", "media"),
    ("www.aljazeera.com", "media"),
    ("presstv", "media"),
    ("SANA", "media"),
    ("Syrian state news agency SANA", "media"),
    ("state media", "media"),
    ("the newspaper", "media"),
    ("Amaq", "armed_group"),
    ("the Islamic State group, in a statement on Amaq", "armed_group"),
    ("Radio Andalus", "armed_group"),
    ("Al-Manar", "armed_group"),
    ("Voice of Jihad", "armed_group"),
    # armed groups and their spokesmen
    ("a Taliban spokesman", "armed_group"),
    ("Zabihullah Mujahid", "armed_group"),
    ("Houthi military spokesman Yahya Saree", "armed_group"),
    ("al-Shabaab", "armed_group"),
    ("the SDF", "armed_group"),
    ("RSF", "armed_group"),
    # government, police, military
    ("the interior ministry", "government"),
    ("Prime Minister Benjamin Netanyahu", "government"),
    ("President Volodymyr Zelensky", "government"),
    ("officials", "government"),
    ("the police", "government"),
    ("Kenyan police", "government"),
    ("Hamas government media office", "government"),
    ("African Union", "government"),
    ("the Israeli military", "military"),
    ("army spokesman Brigadier General Yahya Rasool", "military"),
    ("Russia's defence ministry", "military"),
    ("Ukraine's General Staff", "military"),
    ("security sources", "military"),
    ("the Pentagon", "military"),
    ("AMISOM", "military"),
    # local officials
    ("the provincial governor", "local_official"),
    ("provincial police spokesman", "local_official"),
    ("the mayor of Kharkiv", "local_official"),
    ("village elders", "local_official"),
    ("local officials", "local_official"),
    ("Taliban-appointed governor", "local_official"),
    # medical
    ("Gaza's health ministry", "medical"),
    ("the Hamas-run health ministry", "medical"),
    ("a doctor at Nasser hospital", "medical"),
    ("medics", "medical"),
    ("Red Crescent paramedics", "medical"),
    ("civil defence", "medical"),
    ("the White Helmets", "medical"),
    # witnesses
    ("a resident", "witness"),
    ("witnesses", "witness"),
    ("residents told AFP", "witness"),
    ("a relative of one of the victims", "witness"),
    # nothing to go on
    ("sources", "unknown"),
    ("the group", "unknown"),
    ("who", "unknown"),
    ("", "unknown"),
])
def test_claimants_claimant_type(name, expected):
    assert claimant_type(name) == expected


@pytest.mark.parametrize("name,expected", [
    ("SANA", True), ("IRNA", True), ("TASS", True), ("Xinhua", True), ("Reuters", False), ("Amaq", False),
])
def test_claimants_state_media_flag(name, expected):
    assert is_state_media(name) is expected


def test_claimants_data_types_are_valid():
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert data["_source"]
    assert {o["type"] for o in data["organisations"]} <= set(CLAIMANT_TYPES)
    assert {r["type"] for r in data["roles"]} <= set(CLAIMANT_TYPES)


def test_claimants_reject_an_unknown_type():
    bad = {"organisations": [{"name": "X", "type": "blog", "aliases": []}], "roles": []}
    with pytest.raises(ValueError, match="blog"):
        ClaimantTyper(bad, ActorDictionary.default())


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_claimants_always_answer_a_known_type(name):
    assert claimant_type(name) in CLAIMANT_TYPES
