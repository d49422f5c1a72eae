"""Country gazetteer: look-ups by name, code and demonym, and the free-text finder (no model needed)."""
import json
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from tollbook.nlp.countries import Country, countries, country_by_code, country_mentions

DATA = Path(__file__).parent.parent / "tollbook" / "data" / "countries.json"


def test_countries_data_covers_un_members_and_four_more():
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert data["_source"]
    records = data["countries"]
    assert len(records) == 197  # 193 UN members + Palestine, Kosovo, Taiwan, Western Sahara
    assert len({r["iso3"] for r in records}) == len(records)
    assert len({r["iso2"] for r in records}) == len(records)
    names = {r["name"] for r in records}
    assert {"Palestine", "Kosovo", "Taiwan", "Western Sahara", "Democratic Republic of Congo", "Myanmar",
            "Turkey", "Ivory Coast", "eSwatini"} <= names


@pytest.mark.parametrize("text,expected", [
    ("DRC", "Democratic Republic of Congo"),
    ("Congo-Kinshasa", "Democratic Republic of Congo"),
    ("Democratic Republic of the Congo", "Democratic Republic of Congo"),
    ("Republic of the Congo", "Republic of Congo"),
    ("Burma", "Myanmar"),
    ("Türkiye", "Turkey"),
    ("turkiye", "Turkey"),
    ("UK", "United Kingdom"),
    ("U.S.", "United States"),
    ("usa", "United States"),
    ("America", "United States"),
    ("the United States", "United States"),
    ("Gaza", "Palestine"),
    ("West Bank", "Palestine"),
    ("SYR", "Syria"),
    ("sy", "Syria"),
    ("Côte d’Ivoire", "Ivory Coast"),
    ("the Gambia", "Gambia"),
    ("St. Lucia", "Saint Lucia"),
    ("Swaziland", "eSwatini"),
    ("Atlantis", None),
    ("", None),
])
def test_countries_by_name(text, expected):
    found = countries().by_name(text)
    assert (found.name if found else None) == expected


@pytest.mark.parametrize("word,expected", [
    ("Afghan", "Afghanistan"),
    ("Somali", "Somalia"),
    ("Somalis", "Somalia"),
    ("Iraqi", "Iraq"),
    ("Syrians", "Syria"),
    ("Congolese", "Democratic Republic of Congo"),
    ("Malian", "Mali"),
    ("Nigerien", "Niger"),
    ("Nigerian", "Nigeria"),
    ("South Sudanese", "South Sudan"),
    ("Sudanese", "Sudan"),
    ("Burkinabe", "Burkina Faso"),
    ("Emirati", "United Arab Emirates"),
    ("Ivorian", "Ivory Coast"),
    ("Filipino", "Philippines"),
    ("Palestinians", "Palestine"),
    ("Martian", None),
])
def test_countries_by_demonym(word, expected):
    found = countries().by_demonym(word)
    assert (found.name if found else None) == expected


@pytest.mark.parametrize("text,expected", [
    ("Afghan troops crossed into Pakistan.", [("Afghan", "AFG", "demonym"), ("Pakistan", "PAK", "name")]),
    ("South Sudanese and Sudanese refugees", [("South Sudanese", "SSD", "demonym"), ("Sudanese", "SDN", "demonym")]),
    ("Niger and Nigeria, Nigeriens and Nigerians",
     [("Niger", "NER", "name"), ("Nigeria", "NGA", "name"), ("Nigeriens", "NER", "demonym"),
      ("Nigerians", "NGA", "demonym")]),
    ("U.S. forces left Syria", [("U.S.", "USA", "alias"), ("Syria", "SYR", "name")]),
    ("let us go to the DRC", [("DRC", "COD", "alias")]),
    ("a Latin American envoy in Chad", [("Chad", "TCD", "name")]),
    ("they hung a chad", []),
    ("the Niger Delta militants", []),
    ("Türkiye and Turkey", [("Türkiye", "TUR", "alias"), ("Turkey", "TUR", "name")]),
    # a text in capitals: "US" and "CAR" are words there, "U.S." is still the country
    ("A VIGIL TURNED VIOLENT. POLICE TOLD US THE CAR WAS HIT.", []),
    ("THE U.S. ARMY SAID", [("U.S.", "USA", "alias")]),
    ("Rebels in CAR attacked.", [("CAR", "CAF", "alias")]),
])
def test_countries_find(text, expected):
    found = countries().find(text)
    assert [(text[m.start:m.end], m.country.iso3, m.how) for m in found] == expected


def test_countries_module_helpers_used_by_place_resolution():
    assert country_by_code("sy").name == "Syria"
    assert country_by_code("COD").name == "Democratic Republic of Congo"
    assert country_by_code("zz") is None
    assert country_mentions("Israeli strikes on Gaza and Lebanon") == ["IL", "PS", "LB"]


def test_countries_record_is_frozen_and_knows_its_article():
    us = countries().by_name("US")
    assert isinstance(us, Country) and us.formal == "the United States"
    assert countries().by_name("Syria").formal == "Syria"
    with pytest.raises(FrozenInstanceError):
        us.name = "x"

