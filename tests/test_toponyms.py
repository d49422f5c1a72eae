"""Toponym resolution and the gazetteer's representative points and compact cache."""
from __future__ import annotations

import marshal

import pytest

from tollbook.geo.columns import Columns
from tollbook.geo.index import PlaceIndex
from tollbook.geo.middles import main_landmass, middle
from tollbook.geo.sources import read_admin1_abbreviations
from tollbook.geo.toponyms import resolve_toponyms


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex.default()


# --------------------------------------------------------------------------
# Middles (pure functions)

MAINLAND = [(30.0 + i * 0.5, -100.0 + j * 0.5) for i in range(20) for j in range(20)]


def test_middle_ignores_a_far_island():
    island = [(20.0, -157.0), (21.0, -156.5), (19.7, -155.1)]
    lat, lon = middle(MAINLAND + island)
    assert lat == pytest.approx(34.75) and lon == pytest.approx(-95.25)  # the mainland's box
    assert len(main_landmass(MAINLAND + island)) == len(MAINLAND)


def test_middle_by_cells_weighs_area_not_towns():
    dense_corner = [(30.1, -99.9)] * 5000  # many towns in one cell do not pull the middle
    lat, lon = middle(MAINLAND + dense_corner, by_cells=True)
    assert 33.5 < lat < 36 and -97 < lon < -94


def test_middle_across_the_antimeridian():
    lat, lon = middle([(65.0, 179.0), (65.5, 179.8), (66.0, -179.5), (64.8, -178.9)])
    assert abs(lon) > 179 and 64 < lat < 66.5
    assert middle([]) is None


# --------------------------------------------------------------------------
# The compact cache

def test_columns_round_trip():
    rows = [("Aleppo", "populated", "SY", "SYR", "Syria", "Aleppo", 36.2, 37.16, 1602264, 170063,
             None, "PPLA", "geonames:170063"),
            ("Euphrates", "feature", "", None, None, None, 35.0, 40.45, 0, None, None, "STM",
             "tollbook:euphrates"),
            ("Aleppo", "admin1", "SY", "SYR", "Syria", "Aleppo", 36.2, 37.16, 4000000, 170062,
             None, "ADM1", "geonames:170062", 36.0, 37.5),
            ("Nowhere", "admin1", "PS", "PSE", "Palestine", "Nowhere", None, None, 0, None, None,
             "ADM1", None)]
    cols = Columns.from_state(marshal.loads(marshal.dumps(Columns.from_rows(rows).state())))
    expected = [r + (None,) * (15 - len(r)) for r in rows]
    assert [cols[i] for i in range(len(rows))] == expected
    assert len(cols) == 4 and cols.kind(1) == "feature" and cols.country_code(3) == "PS"


# --------------------------------------------------------------------------
# The index's areas

def test_areas_keep_their_capital_and_gain_a_middle(index):
    texas = index.lookup("Texas", kind="admin1", country_iso2="US")[0]
    lat, lon = texas.middle
    assert 28 < lat < 34 and -104 < lon < -96  # inside Texas, near its middle
    assert (texas.latitude, texas.longitude) != texas.middle  # the capital, for ACLED's precision 3
    us = index.country("US")
    assert 33 < us.middle[0] < 44 and -105 < us.middle[1] < -88  # the contiguous states' middle
    assert us.latitude == pytest.approx(38.9, abs=0.1)  # Washington, as a country-wide report
    town = index.lookup("Manbij", country_iso2="SY", kind="populated")[0]
    assert town.middle == (town.latitude, town.longitude)


def test_a_nickname_is_not_a_province_name(index):
    assert index.lookup("California", kind="admin1", country_iso2="US")[0].name == "California"


def test_region_abbreviations_table_is_well_formed():
    table = read_admin1_abbreviations()
    assert table["US-WV"] == ["W.Va."] and "B.C." in table["CA-BC"]
    assert all("-" in code and names for code, names in table.items())


# --------------------------------------------------------------------------
# Resolution

def test_demonyms_are_their_country():
    turkish, ankara, russians = resolve_toponyms(["Turkish", "Ankara", "Russians"])
    assert turkish.kind == "country" and turkish.iso2 == "TR"
    assert ankara.iso2 == "TR" and russians.iso2 == "RU"


def test_abbreviations_and_continents_resolve():
    wv, bc, europe = resolve_toponyms(["W. Va.", "B.C.", "Europe"])
    assert (wv.kind, wv.iso2) == ("admin1", "US") and "Virginia" in wv.name
    assert (bc.kind, bc.iso2) == ("admin1", "CA")
    assert europe.feature == "CONT" and europe.geonames_id == 6255148


def test_own_name_beats_an_alternate_name():
    florida, = resolve_toponyms(["Florida"])
    assert (florida.kind, florida.iso2) == ("admin1", "US")


def test_a_document_decides_between_namesakes():
    paris, = resolve_toponyms(["Paris"])
    assert paris.iso2 == "FR"  # alone, the capital
    paris, county, state = resolve_toponyms(["Paris", "Henry County", "Tennessee"])
    assert paris.iso2 == "US" and paris.admin1 == state.name == county.admin1
    aleppo, = resolve_toponyms(["Aleppo"])
    assert aleppo.kind == "populated"  # a province named after its capital is the city first


def test_provinces_split_by_compass_make_a_region(index):
    darfur = index.lookup("Darfur")[0]
    assert (darfur.kind, darfur.feature, darfur.iso2) == ("feature", "RGN", "SD")
    assert 10 < darfur.middle[0] < 16 and 22 < darfur.middle[1] < 27
    # "Western Australia" and "South Australia" make no region called Australia
    assert [p.kind for p in index.lookup("Australia")][:1] == ["country"]
    assert not [p for p in index.lookup("Australia") if p.feature == "RGN"]


def test_cli_resolves_a_documents_names():
    from click.testing import CliRunner

    from tollbook.cli import cli

    result = CliRunner().invoke(cli, ["gazetteer", "resolve", "Turkish", "Zzyzxqwv"])
    assert result.exit_code == 0
    turkish, missing = result.output.splitlines()
    fields = turkish.split("\t")
    assert fields[:4] == ["Turkish", "geonames:298795", "Turkey", "country"]
    assert 36 < float(fields[-2]) < 42  # the middle, beside the capital's point
    assert missing == "Zzyzxqwv\t(not found)"


def test_a_sparse_country_keeps_its_box_middle():
    # towns along a river and a coast in a desert: they fill few cells of their box
    river = [(22.0 + i * 0.1, 31.2) for i in range(100)]
    coast = [(31.5, 25.0 + i * 0.1) for i in range(62)]
    lat, lon = middle(river + coast, by_cells=True)
    assert middle(river + coast) == pytest.approx((26.95, 28.1))
    assert (lat, lon) == pytest.approx((26.95, 28.1))
    assert middle(MAINLAND, by_cells=True) != middle(MAINLAND)  # a full box: the cell mean
