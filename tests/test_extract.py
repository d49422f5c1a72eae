"""Integration: the whole pipeline with the English model on articles written for these tests."""
import json

import pytest
from click.testing import CliRunner

from tollbook import extract
from tollbook.cli import cli

pytestmark = pytest.mark.model

LEAD = ("Gunmen kill seven villagers near Kidal\n\n"
        "BAMAKO — Unidentified gunmen on motorbikes attacked the village of Anefis in northern Mali on Monday, "
        "killing seven villagers and wounding three others, a local official said.\n\n"
        "No group has claimed responsibility for the attack.")

TWO_INCIDENTS = ("Artillery shelling killed two people and injured five in the town of Horlivka in Ukraine's "
                 "Donetsk region on Thursday, local authorities said.\n\n"
                 "In a separate incident, Ukrainian troops clashed with separatist fighters near Avdiivka "
                 "overnight, the military said. One soldier was killed.")

CONTESTED = ("A car bomb exploded near a busy checkpoint in Mogadishu on Monday, killing at least eight people, "
             "police said. Initial reports had put the toll at five.\n\n"
             "A doctor at the city's main hospital said 17 wounded people had been brought in.\n\n"
             "The war has killed more than 20,000 people since 2007.")


@pytest.fixture(scope="module")
def lead():
    return extract(LEAD, published="2024-03-06", outlet="example-news.org")


def test_extract_one_report_per_incident(lead):
    assert len(lead.reports) == 1


def test_extract_types_dates_and_places(lead):
    report = lead.reports[0]
    assert (report.event_type, report.sub_event_type) == ("Violence against civilians", "Attack")
    assert (report.event_date, report.date_precision) == ("2024-03-04", "day")
    assert report.location == "Anefis"
    assert report.country == "Mali"
    assert report.actor1 == "Unidentified armed group"
    assert report.actor1_text == "Unidentified gunmen"


def test_extract_figures_are_claims_with_claimants(lead):
    report = lead.reports[0]
    assert (report.fatalities.min, report.fatalities.max) == (7, 7)
    assert report.injured.min == 3
    attributed = [c for c in report.claims if c.claimant == "local official"]
    assert {c.figure for c in attributed} == {"killed", "injured"}
    assert all(c.claimant_type == "local_official" for c in attributed)


def test_extract_evidence_offsets_slice_the_text(lead):
    report = lead.reports[0]
    for evidence in report.evidence:
        assert LEAD[evidence.start:evidence.end] == evidence.text
    for claim in report.claims:
        assert LEAD[claim.start:claim.end] == claim.victims_text
    span = report.field_evidence["location"]
    assert LEAD[span["start"]:span["end"]] == "Anefis"


def test_extract_report_ids_are_stable():
    first = extract(LEAD, published="2024-03-06", article_id="x1").reports[0].report_id
    again = extract(LEAD, published="2024-03-06", article_id="x1").reports[0].report_id
    other = extract(LEAD + " ", published="2024-03-06", article_id="x1").reports[0].report_id
    assert first == again != other


def test_extract_separate_incidents_are_separate_reports():
    result = extract(TWO_INCIDENTS, published="2020-05-22")
    kinds = sorted(r.sub_event_type for r in result.reports)
    assert kinds == ["Armed clash", "Shelling/artillery/missile attack"]
    shelling = next(r for r in result.reports if r.sub_event_type.startswith("Shelling"))
    assert (shelling.location, shelling.event_date, shelling.fatalities.min) == ("Horlivka", "2020-05-21", 2)


def test_extract_keeps_superseded_figures_and_aggregates_apart():
    result = extract(CONTESTED, published="2021-11-02", outlet="example-news.org")
    assert len(result.reports) == 1
    report = result.reports[0]
    assert (report.fatalities.min, report.fatalities.max, report.fatalities.best) == (5, 8, 8)
    assert report.injured.min == 17
    assert [s.min for s in result.statistics] == [20000]


@pytest.mark.parametrize("text", [
    "The studio's sequel bombed at the box office, and critics attacked the script as a disaster.",
    "The striker's late attack won the battle for third place; his shot killed off the match.",
    "Floods and landslides killed 23 people and left thousands homeless, disaster officials said.",
    "Shares crashed on Monday as investors fled, in the worst market massacre since 2008.",
])
def test_extract_borrowed_war_words_give_no_report(text):
    assert extract(text, published="2022-06-14").reports == ()


def test_extract_no_anchor_no_date():
    result = extract("Gunmen killed three villagers in Kidal on Monday, a local official said.")
    assert result.reports[0].event_date is None


def test_cli_extract_jsonl_and_summary(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "t1", "text": LEAD, "published": "2024-03-06"}) + "\n"
                      + "{not json\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(source), "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["sub_event_type"] for r in rows] == ["Attack"]
    assert "E104" in result.stderr and "1 articles, 1 reports" in result.stderr


@pytest.mark.parametrize("fmt,marker", [("csv", "report_id,article_id"), ("table", "Attack")])
def test_cli_extract_other_formats(tmp_path, fmt, marker):
    source = tmp_path / "story.txt"
    source.write_text(LEAD, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(source), "--format", fmt])
    assert result.exit_code == 0
    assert marker in result.stdout


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_cli_denials_are_visible_in_every_format(tmp_path, fmt):
    source = tmp_path / "story.txt"
    source.write_text("Paramilitary fighters of the Rapid Support Forces attacked El Fasher in Sudan on Monday, "
                      "killing 20 civilians, activists said. The RSF denied killing civilians.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(source), "--format", fmt, "--silent"])
    assert result.exit_code == 0
    assert "RSF" in result.stdout.split("denied", 1)[-1] if fmt == "table" else "denied killing" in result.stdout


def test_cli_extract_workers_give_the_same_reports(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"t{i}", "text": text, "published": "2021-11-02"}) + "\n"
                              for i, text in enumerate([LEAD, TWO_INCIDENTS, CONTESTED])), encoding="utf-8")
    one = CliRunner().invoke(cli, ["extract", str(source), "--silent"]).stdout
    two = CliRunner().invoke(cli, ["extract", str(source), "--silent", "--workers", "2"]).stdout
    assert sorted(one.splitlines()) == sorted(two.splitlines())


def test_extract_strikes_on_several_towns_are_several_reports():
    text = ("Russian air strikes hit the towns of Ariha, Saraqeb and Kafranbel in Idlib province on Tuesday, "
            "killing three civilians in Ariha, the Syrian Observatory for Human Rights said.")
    result = extract(text, published="2023-10-11")
    by_place = {r.location: r for r in result.reports}
    assert set(by_place) == {"Ariha", "Saraqeb", "Kafranbel"}
    assert by_place["Ariha"].fatalities.min == 3
    assert by_place["Saraqeb"].fatalities is None
    assert {r.event_date for r in result.reports} == {"2023-10-10"}


def test_extract_counted_events_do_not_type_the_incident():
    text = ("A car bomb exploded outside a hotel in Mogadishu on Saturday, killing 20 people, police said. "
            "The group has carried out dozens of suicide bombings in its bid to topple the government.")
    result = extract(text, published="2017-10-16")
    assert [r.sub_event_type for r in result.reports] == ["Remote explosive/landmine/IED"]


def test_extract_dateline_anchors_an_undated_article():
    text = ("Posted\n\n2012-07-03 06:10:54 GMT+7\n\n"
            "Gunmen abducted four aid workers in Dadaab on Friday, officials said.")
    result = extract(text)
    assert [r.event_date for r in result.reports] == ["2012-06-29"]


def test_extract_an_incident_told_as_happened_is_reported():
    text = ("Gunmen abducted four aid workers in Dadaab on Friday, police said. "
            "Security forces plan to launch an operation to free the hostages.")
    result = extract(text, published="2012-07-02")
    assert [(r.sub_event_type, r.modality) for r in result.reports] == \
        [("Abduction/forced disappearance", "reported")]


def test_extract_planned_attack_alone_is_planned():
    result = extract("The militants threatened to attack the town of Kismayo next week.", published="2021-11-02")
    assert all(r.modality != "reported" for r in result.reports)


def test_extract_a_war_total_in_the_lead_is_a_statistic_not_the_toll():
    text = ("The government and the rebels agreed on Wednesday in Nairobi, Kenya, to cease hostilities, two years "
            "into a war that has killed thousands and displaced millions.")
    result = extract(text, published="2022-11-04")
    assert [r.fatalities for r in result.reports if r.modality == "reported"] == [None]
    assert result.reports[0].event_date == "2022-11-02"
    assert sorted(s.min for s in result.statistics) == [2000, 2_000_000]


def test_also_with_a_time_of_its_own_is_another_incident_told_in_passing():
    result = extract("Six soldiers were killed in a clash with rebels in Cauca, Colombia, the army said.\n\n"
                     "Three police officers also were killed by rebels over the weekend in the same area.",
                     published="2024-03-06", outlet="example-news.org")
    reported = [r for r in result.reports if r.modality == "reported"]
    assert [(r.fatalities.min, r.fatalities.max) for r in reported] == [(6, 6)]
    assert any(r.modality == "background" and r.fatalities and r.fatalities.min == 3 for r in result.reports)


def test_also_on_the_story_day_stays_with_the_story():
    result = extract("Police killed five protesters in Monywa, Myanmar, on Wednesday.\n\n"
                     "Two more protesters were also killed by police on Wednesday.",
                     published="2024-03-06", outlet="example-news.org")
    assert [r.fatalities.min for r in result.reports if r.modality == "reported"] == [7]


def test_a_title_figure_goes_with_the_incident_that_tells_it():
    text = ("Rebels ambush soldiers in Bamenda\n"
            "Soldiers of the army also killed three rebel fighters\n"
            "About 20 soldiers were killed on Thursday when rebels ambushed their convoy near Bamenda, Cameroon.\n"
            "In a separate encounter, three rebel fighters were killed on Wednesday by the army in Kumba.\n")
    result = extract(text, published="2024-03-06", outlet="example-news.org")
    by_place = {r.location: r.fatalities.min for r in result.reports if r.fatalities}
    assert by_place == {"Bamenda": 20, "Kumba": 3}


def test_weapons_listed_in_a_fight_do_not_retype_it_and_the_deaths_stay_with_it():
    result = extract("Six soldiers have been killed in fighting with rebel dissidents in Cauca, Colombia, the army said.\n\n"
                     "The army said the deaths occurred in a clash with dissidents of a rebel group that signed a "
                     "peace agreement in 2016.\n\n"
                     "They faced grenades, improvised explosive devices and gunfire in the attack, the army said.",
                     outlet="example-news.org")
    reported = [r for r in result.reports if r.modality == "reported"]
    assert [(r.sub_event_type, r.event_date) for r in reported] == [("Armed clash", None)]


def test_an_undated_article_keeps_the_weekday_of_its_incident_not_of_the_telling():
    result = extract("Rockets hit the port of Tripoli, Libya, overnight Thursday, killing three people, the "
                     "government said on Friday.", outlet="example-news.org")
    assert [(r.event_date, r.event_weekday) for r in result.reports] == [(None, "thursday")]
    dated = extract("Rockets hit the port of Tripoli, Libya, on Thursday, killing three people.",
                    published="2024-03-08", outlet="example-news.org")
    assert [(r.event_date, r.event_weekday) for r in dated.reports] == [("2024-03-07", None)]


@pytest.mark.parametrize("text,country", [
    ("Jordan Smith, 19, was arrested on Wednesday after a man was shot dead in Huntsville.", "United States"),
    ("A man was shot dead in Marietta, Georgia, on Sunday, police said.", "United States"),
    ("Russian aircraft bombed Gori, Georgia, killing five civilians on Sunday.", "Georgia"),
    ("Gunmen killed 12 soldiers in an attack on an army post in western Niger on Thursday.", "Niger"),
])
def test_the_country_in_focus_is_not_a_person_nor_a_namesake_province(text, country):
    result = extract(text, published="2024-03-06", outlet="example-news.org")
    assert [r.country for r in result.reports] == [country]


def test_a_local_story_takes_its_country_from_its_towns_institutions():
    result = extract("According to the Hot Springs Police Department, one of the victims in Thursday's shooting that "
                     "sent five people to the hospital was released.", published="2024-03-06", outlet="example.com")
    assert [r.country for r in result.reports] == ["United States"]


def test_a_subheading_then_another_day_opens_another_incident():
    text = ("Rockets kill three in Tripoli\n"
            "At least three people were killed after rockets hit the port of Tripoli, Libya, the government said "
            "early on Friday.\n"
            "Residential neighbourhoods targeted\n"
            "On Wednesday, at least five civilians were killed when artillery shelled Tripoli twice.\n")
    result = extract(text, outlet="example-news.org")
    assert sorted(r.fatalities.min for r in result.reports if r.modality == "reported") == [3, 5]



def test_a_weapon_named_as_the_setting_does_not_type_the_event():
    result = extract("Militants seized control of the town of Hit in Anbar province, Iraq, on Sunday, despite "
                     "stepped-up airstrikes targeting the region, officials said.",
                     published="2015-05-17", outlet="example-news.org")
    assert [r.sub_event_type for r in result.reports if r.modality == "reported"] == \
        ["Non-state actor overtakes territory"]


def test_extract_a_facility_the_gazetteer_knows_anchors_an_incident():
    text = "Six members of an armed group surrendered to government forces at Ain al-Asad airbase, the army said."
    reports = extract(text).reports
    assert [(r.sub_event_type, r.location) for r in reports] == [("Agreement", "Ain al-Asad")]


def test_extract_an_abbreviated_state_is_named_in_full():
    reports = extract("A bomb exploded outside a military recruiting office in Nashville, Tenn., on Monday, "
                      "killing two soldiers, police said.", published="2024-03-06").reports
    assert [(r.location, r.admin1) for r in reports] == [("Nashville", "Tennessee")]


@pytest.mark.parametrize("city, state", [("Chicago", "Illinois"), ("Baltimore", "Maryland")])
def test_a_small_town_is_read_in_the_province_the_story_is_about(city, state):
    reports = extract(f"Gunmen opened fire on a National Guard post in Woodlawn on Monday, killing two soldiers, "
                      f"police in {city} said. Officers in {city} searched the area overnight.",
                      published="2024-03-06").reports
    assert [(r.location, r.admin1) for r in reports] == [("Woodlawn", state)]


def test_a_name_places_in_several_countries_share_is_read_in_the_country_the_story_is_in():
    # "Salem" is also an old name of Jerusalem; with "Portland" beside it the story is in the United States
    reports = extract("Gunmen opened fire on a police post in Salem on Monday, killing two officers. "
                      "The Oregon State Police said the attackers fled toward Portland.", published="2024-03-06").reports
    assert [(r.location, r.admin1, r.country) for r in reports] == [("Salem", "Oregon", "United States")]


@pytest.mark.parametrize("text", [
    "Rebels attacked an army post near Tripoli on Monday, killing two soldiers, officials in Benghazi said.",
    "Officials in Benghazi said rebels attacked an army post near Tripoli on Monday, killing two soldiers.",
])
def test_the_place_of_whoever_reports_the_attack_is_not_where_it_happened(text):
    reports = extract(text, published="2024-03-06").reports
    assert [(r.location, r.geo_precision) for r in reports] == [("Tripoli", 2)]


def test_a_county_the_story_names_places_a_town_several_provinces_share():
    # Decatur, Illinois is the biggest Decatur; DeKalb County, Georgia, holds another
    text = ("Investigators said there is a good chance nearly a dozen shootings in DeKalb County this weekend are "
            "connected. Police said two men were shot dead in Decatur on Saturday. DeKalb County police are "
            "searching for the gunman.")
    assert [(r.location, r.admin1) for r in extract(text, published="2014-05-12").reports] == [("Decatur", "Georgia")]


@pytest.mark.parametrize("text, province, country", [
    # part of a province is in the province
    ("Gunmen killed six villagers in southern Borno on Sunday, police said.", "Borno", "Nigeria"),
    ("Gunmen killed six villagers in a remote part of northern Zamfara on Sunday, police said.", "Zamfara", "Nigeria"),
    # "a California town" is some town in California, not the village called California (Maryland)
    ("A gunman killed two people in a small California town on Sunday, police said.", "California", "United States"),
])
def test_a_part_of_a_province_or_a_town_in_it_is_placed_in_the_province(text, province, country):
    reports = extract(text, published="2014-05-24").reports
    assert [(r.location, r.admin1, r.country, r.geo_precision) for r in reports] == [(None, province, country, 3)]


@pytest.mark.parametrize("text, province", [
    ("A man was shot dead in Springfield, Mass, on Sunday, police said.", "Massachusetts"),
    ("AUSTIN, TEXAS - A man was shot dead on Sunday, police said.", "Texas"),
    # a name the index knows in full is kept as the article writes it
    ("Gunmen killed four people in Tikrit, Salah al-Din province, on Sunday.", "Salah al-Din"),
])
def test_a_province_written_in_shorthand_is_reported_by_its_name(text, province):
    assert [r.admin1 for r in extract(text, published="2014-05-24").reports] == [province]


def test_a_province_that_names_an_organisation_of_the_story_places_its_towns():
    # Wheeling, Illinois is the bigger Wheeling; the state police of West Virginia say where this one is
    reports = extract("A man was shot dead in Wheeling on Sunday, the West Virginia State Police said.",
                      published="2014-05-24").reports
    assert [(r.location, r.admin1) for r in reports] == [("Wheeling", "West Virginia")]


def test_a_village_the_index_lacks_takes_the_province_of_the_story_s_police_command():
    reports = extract("The Borno State Police Command said gunmen killed four people in Kolori-Ngamdawa village "
                      "on Sunday.", published="2014-05-24").reports
    assert [(r.location, r.admin1, r.country) for r in reports] == [("Kolori-Ngamdawa", "Borno", "Nigeria")]
