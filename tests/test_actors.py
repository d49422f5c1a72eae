"""Actor dictionary: canonical names for named groups, state forces and generic actors (no model needed)."""
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from tollbook.nlp.actors import KINDS, UNIDENTIFIED, UNIDENTIFIED_JIHADIST, Actor, ActorDictionary
from tollbook.nlp.countries import countries

DATA = Path(__file__).parent.parent / "tollbook" / "data" / "actors.json"


@pytest.fixture(scope="module")
def data():
    return json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def actors():
    return ActorDictionary.default()


# ---- the data file

def test_actors_data_has_source_and_enough_actors(data):
    assert data["_source"]
    assert len(data["actors"]) >= 80
    names = [a["name"] for a in data["actors"]]
    assert len(names) == len(set(names))


def test_actors_data_kinds_and_countries_are_valid(data):
    known = {c.name for c in countries().all}
    for rec in data["actors"]:
        assert rec["kind"] in KINDS, rec["name"]
        assert rec["country"] is None or rec["country"] in known, rec["name"]
        assert rec["aliases"], rec["name"]
    for rec in data["generic"]:
        assert rec["kind"] in KINDS, rec["name"]
    assert set(data["state_forces"]["aliases"]) <= known


def test_actors_canonical_names_carry_no_loaded_words(data, actors):
    loaded = {w.casefold() for w in data["words"]["loaded"]}
    templates = [g.get("with_country") or "" for g in data["generic"]]
    names = [a.name for a in actors.named] + list(actors.generic_names) + templates
    for name in names:
        words = set(re.findall(r"[^\W_]+(?:-[^\W_]+)*", name.casefold()))
        assert not words & loaded, name


# ---- normalise: one noun phrase → one actor

@pytest.mark.parametrize("phrase,hint,expected", [
    # loaded and partisan words never decide the actor
    ("ISIS Takfiri terrorists", None, "Islamic State"),
    ("Isis Takfiri terrorists", "Syria", "Islamic State"),
    ("the so-called Islamic State", None, "Islamic State"),
    ("Daesh terrorists", None, "Islamic State"),
    ("Takfiri terrorists", None, UNIDENTIFIED),
    ("terrorists", None, UNIDENTIFIED),
    ("Turkish-backed mercenaries", None, "Syrian National Army"),
    ("Wagner mercenaries", None, "Wagner Group"),
    ("the Zionist enemy", None, "Military Forces of Israel"),
    ("Israeli occupation forces", None, "Military Forces of Israel"),
    ("Syrian regime forces", None, "Military Forces of Syria"),
    ("the Assad regime", None, "Military Forces of Syria"),
    # state forces by demonym, name and possessive, ACLED's naming
    ("Afghan police", None, "Police Forces of Afghanistan"),
    ("Afghan army", None, "Military Forces of Afghanistan"),
    ("Afghan security forces", None, "Military Forces of Afghanistan"),
    ("the Iraqi military", None, "Military Forces of Iraq"),
    ("Nigerian troops", None, "Military Forces of Nigeria"),
    ("Somali soldiers", None, "Military Forces of Somalia"),
    ("Nigerian army troops", None, "Military Forces of Nigeria"),
    ("Syria's army", None, "Military Forces of Syria"),
    ("U.S. forces", None, "Military Forces of the United States"),
    ("Israeli warplanes", None, "Military Forces of Israel"),
    ("the army of Syria", None, "Military Forces of Syria"),
    ("the IDF", None, "Military Forces of Israel"),
    ("the Tatmadaw", None, "Military Forces of Myanmar"),
    ("FARDC", None, "Military Forces of the Democratic Republic of Congo"),
    # unqualified state words take the country in focus
    ("police", "Kenya", "Police Forces of Kenya"),
    ("troops", "Mali", "Military Forces of Mali"),
    ("government forces", "SYR", "Military Forces of Syria"),
    ("security forces", "Burkina Faso", "Military Forces of Burkina Faso"),
    ("regime forces", "Syria", "Military Forces of Syria"),
    ("troops", None, "Unidentified Military Forces"),
    ("police", None, "Unidentified Police Forces"),
    # generic perpetrators, jihadists and victims
    ("unknown gunmen", None, UNIDENTIFIED),
    ("a suicide bomber", None, UNIDENTIFIED),
    ("armed men", None, UNIDENTIFIED),
    ("assailants", None, UNIDENTIFIED),
    ("jihadists", None, UNIDENTIFIED_JIHADIST),
    ("suspected Islamist militants", None, UNIDENTIFIED_JIHADIST),
    ("civilians", "Myanmar", "Civilians (Myanmar)"),
    ("villagers", None, "Civilians"),
    ("Palestinian civilians", None, "Civilians (Palestine)"),
    ("demonstrators", "Kenya", "Protesters (Kenya)"),
    # named groups, aliases, al- prefixes, possessives, case
    ("al-Shabaab's fighters", None, "Al Shabaab"),
    ("Shabaab", None, "Al Shabaab"),
    ("Al Shabaab", None, "Al Shabaab"),
    ("IS", None, "Islamic State"),
    ("is", None, None),
    ("an Islamic state", None, None),
    ("ISWAP", None, "Islamic State West Africa Province"),
    ("IS-K", None, "Islamic State Khorasan Province"),
    ("Islamic State in the Greater Sahara", None, "Islamic State Sahel Province"),
    ("HTS", None, "Hayat Tahrir al-Sham"),
    ("Jabhat al-Nusra", None, "Al Nusra Front"),
    ("the Pakistani Taliban", None, "Tehrik-i-Taliban Pakistan"),
    ("Ansar Allah", None, "Houthis"),
    ("Hezbollah", None, "Hezbollah"),
    ("Kataib Hezbollah", None, "Kataib Hezbollah"),
    ("Hashd al-Shaabi", None, "Popular Mobilization Forces"),
    ("Haftar's forces", None, "Libyan National Army"),
    ("RSF", None, "Rapid Support Forces"),
    ("the Tigray Defence Forces", None, "Tigray People's Liberation Front"),
    ("Fano militiamen", None, "Fano"),
    ("Fulani herdsmen", None, "Fulani Ethnic Militia"),
    ("Mai Mai", None, "Mai-Mai"),
    ("Amba Boys", None, "Ambazonian Separatists"),
    ("Clan del Golfo", None, "Clan del Golfo"),
    ("CJNG", None, "Jalisco New Generation Cartel"),
    ("the Saudi-led coalition", None, "Saudi-led Coalition"),
    ("ATMIS", None, "African Union Mission in Somalia"),
    ("JeM", None, "Jaish-e-Mohammed"),
    ("JEM", None, "Justice and Equality Movement"),
    # ambiguous acronyms resolved by the country in focus
    ("SNA", "Somalia", "Military Forces of Somalia"),
    ("SNA", "Syria", "Syrian National Army"),
    ("ADF", "Cameroon", "Ambazonian Separatists"),
    ("ADF", None, "Allied Democratic Forces"),
    ("PDF", "Myanmar", "People's Defence Force"),
    ("PDF", None, None),
    ("Kurdish forces", "Iraq", "Kurdistan Region Peshmerga"),
    ("Kurdish forces", "Syria", "Syrian Democratic Forces"),
    # ACLED's own actor names
    ("Military Forces of Syria (2000-)", None, "Military Forces of Syria"),
    ("Police Forces of Bangladesh (2009-2024)", None, "Police Forces of Bangladesh"),
    ("Military Forces of Somalia (2022-) Puntland Dervish Force", None, "Military Forces of Somalia"),
    ("Islamic State (Syria)", None, "Islamic State"),
    ("Protesters (India)", None, "Protesters (India)"),
    ("Unidentified Armed Group (Kenya)", None, UNIDENTIFIED),
    ("QSD: Syrian Democratic Forces", None, "Syrian Democratic Forces"),
    ("Boko Haram - Wilayat Gharb Ifriqiyyah", None, "Islamic State West Africa Province"),
    ("", None, None),
    ("the weather", None, None),
])
def test_actors_normalise(actors, phrase, hint, expected):
    actor = actors.normalise(phrase, country_hint=hint)
    assert (actor.name if actor else None) == expected


@pytest.mark.parametrize("phrase,hint,kind,country", [
    ("Afghan police", None, "state", "Afghanistan"),
    ("unknown gunmen", "Nigeria", "militia", "Nigeria"),
    ("Islamic State", None, "rebel", None),
    ("villagers", "Mali", "civilians", "Mali"),
    ("protesters", None, "protesters", None),
    ("CODECO", None, "identity_militia", "Democratic Republic of Congo"),
    ("MINUSMA", None, "external", "Mali"),
])
def test_actors_normalise_kind_and_country(actors, phrase, hint, kind, country):
    assert actors.normalise(phrase, country_hint=hint) == Actor(actors.normalise(phrase, country_hint=hint).name,
                                                                 kind, country)


# ---- find: every mention in a text, with the article's own words

@pytest.mark.parametrize("text,hint,expected", [
    ("Takfiri terrorists of ISIS attacked Syrian regime forces.", None,
     [("Takfiri terrorists of ISIS", "Islamic State"), ("Syrian regime forces", "Military Forces of Syria")]),
    ("This is what IS wants: IS fighters attacked.", None,
     [("IS", "Islamic State"), ("IS fighters", "Islamic State")]),
    ("Police said al-Shabaab's fighters stormed a hotel.", "Somalia",
     [("Police", "Police Forces of Somalia"), ("al-Shabaab's fighters", "Al Shabaab")]),
    ("Unknown gunmen killed 12 villagers; troops later arrived.", "Nigeria",
     [("Unknown gunmen", UNIDENTIFIED), ("villagers", "Civilians (Nigeria)"), ("troops", "Military Forces of Nigeria")]),
    ("the so-called Islamic State group claimed it", None, [("so-called Islamic State group", "Islamic State")]),
    ("the jihadist group Islamic State claimed it", None, [("jihadist group Islamic State", "Islamic State")]),
    ("Turkish-backed factions shelled SDF positions.", None,
     [("Turkish-backed factions", "Syrian National Army"), ("SDF", "Syrian Democratic Forces")]),
    ("Iran-backed militias attacked US troops.", "Iraq",
     [("Iran-backed militias", UNIDENTIFIED), ("US troops", "Military Forces of the United States")]),
    ("M23 rebels seized Goma from the FARDC.", None,
     [("M23 rebels", "M23"), ("FARDC", "Military Forces of the Democratic Republic of Congo")]),
    ("Armed men believed to be JNIM jihadists attacked Malian soldiers and Wagner mercenaries.", "Mali",
     [("Armed men", UNIDENTIFIED), ("JNIM jihadists", "Jama'at Nusrat al-Islam wal-Muslimin"),
      ("Malian soldiers", "Military Forces of Mali"), ("Wagner mercenaries", "Wagner Group")]),
    ("Arakan Army fighters overran a base, the AA said.", "Myanmar",
     [("Arakan Army fighters", "Arakan Army"), ("AA", "Arakan Army")]),
    ("The AA said.", None, []),
    ("The free market is open.", None, []),
])
def test_actors_find(actors, text, hint, expected):
    found = actors.find(text, country_hint=hint)
    assert [(m.text, m.actor.name) for m in found] == expected
    assert all(text[m.start:m.end] == m.text for m in found)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["ISIS", "Takfiri", "terrorists", "of", "the", "Syrian", "army", "'s", "police",
                                 "al-Shabaab", "gunmen", "so-called", "IS", "is", "Israeli", "forces", "civilians",
                                 "Iran-backed", "militias", ",", ".", "U.S.", "and", "Hamas", "fighters"]), max_size=30))
def test_actors_find_mentions_are_ordered_non_overlapping_slices(actors, words):
    text = " ".join(words)
    found = actors.find(text, country_hint="Syria")
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.actor.kind in KINDS
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
