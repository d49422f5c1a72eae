"""The web page in a real headless Chromium, on the seeded database."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .browser_fixtures import browser, live_server, page  # noqa: F401  (fixtures)
from .seed import HOSTILE_URL

pytestmark = pytest.mark.browser
ROWS = "#incidents tbody tr"


def open_page(page, live_server, query=""):  # noqa: F811
    page.goto(live_server + "/" + query)
    expect(page.locator("#summary")).to_contain_text("incidents")


def test_page_loads_the_map_the_timeline_and_the_list(page, live_server):  # noqa: F811
    with page.expect_response(lambda r: "/incidents/clusters" in r.url) as clusters:
        open_page(page, live_server)
    assert sum(f["properties"]["count"] for f in clusters.value.json()["features"]) == 38
    expect(page.locator("#summary")).to_have_text(re.compile(r"^38 incidents"))
    expect(page.locator(ROWS)).to_have_count(38)
    expect(page.locator("#timeline rect.bar")).not_to_have_count(0)
    expect(page.locator("#map canvas")).not_to_have_count(0)  # outlines and incidents, drawn offline


def test_filters_narrow_the_list_and_land_in_the_url(page, live_server, client):  # noqa: F811
    open_page(page, live_server)
    expect(page.locator("#f-type option", has_text="Battles")).to_have_count(1)
    page.select_option("#f-type", "Battles")
    expect(page).to_have_url(re.compile(r"type=Battles"))
    expect(page.locator(ROWS)).to_have_count(12)
    page.fill("#f-q", "Maiduguri")
    page.press("#f-q", "Enter")
    expected = client.get("/incidents", params={"type": "Battles", "q": "Maiduguri"}).json()["total"]
    expect(page.locator(ROWS)).to_have_count(expected)
    for row in page.locator(ROWS).all():
        expect(row).to_contain_text("Maiduguri")
    page.reload()  # the view is in the URL: it comes back as it was
    expect(page.locator(ROWS)).to_have_count(expected)
    expect(page.locator("#f-type")).to_have_value("Battles")


def test_brushing_the_timeline_filters_the_map_and_the_list(page, live_server, client):  # noqa: F811
    open_page(page, live_server)
    expect(page.locator("#timeline rect.bar")).not_to_have_count(0)  # the bars are drawn: a drag can start
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    with page.expect_response(lambda r: "/incidents/clusters" in r.url and "from=" in r.url) as clusters:
        page.mouse.move(box["x"] + box["width"] * 0.25, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
        page.mouse.up()
    query = dict(re.findall(r"(from|to)=([0-9-]+)", page.url))
    assert query.keys() == {"from", "to"} and query["from"] < query["to"]
    expected = client.get("/incidents", params=query).json()["total"]
    assert 0 < expected < 38
    expect(page.locator(ROWS)).to_have_count(expected)
    assert sum(f["properties"]["count"] for f in clusters.value.json()["features"]) == expected


def test_sorting_by_deaths(page, live_server):  # noqa: F811
    open_page(page, live_server)
    page.click("th[data-sort=fatalities]")
    expect(page).to_have_url(re.compile(r"sort=-fatalities"))
    expect(page.locator(f"{ROWS} >> nth=0 >> td.num >> nth=0")).to_have_text("12")


def test_incident_page_shows_who_says_how_many_and_highlights_the_evidence(page, live_server, client):  # noqa: F811
    open_page(page, live_server, "?q=anefis")
    expect(page.locator(ROWS)).to_have_count(1)
    page.locator(f"{ROWS} a").click()
    expect(page).to_have_url(re.compile(r"incident=i"))
    claims = page.locator("table.claims tbody tr")
    expect(claims).to_have_count(3)
    expect(claims.filter(has_text="local official")).to_contain_text("7")
    expect(claims.filter(has_text="army")).to_contain_text("5 (at least)")
    expect(page.locator(".article")).to_have_count(2)
    incident_id = page.url.split("incident=")[1]
    evidence = {e["text"] for e in client.get(f"/incidents/{incident_id}").json()["evidence"]}
    expect(page.locator(".article mark.evidence").first).to_be_visible()
    marked = set(page.locator(".article .text").evaluate_all(
        "nodes => nodes.flatMap(n => n.textContent.split(/(?<=\\.)\\s+/))"))
    highlighted = "".join(page.locator(".article mark.evidence").all_text_contents())
    for sentence in evidence:
        assert sentence in highlighted and sentence in marked
    expect(page.locator(".article mark.figure", has_text="seven villagers")).to_have_count(1)
    page.go_back()
    expect(page.locator("#browse")).to_be_visible()


def test_hostile_article_renders_inert(page, live_server, client):  # noqa: F811
    incident_id = client.get("/articles/ahostile").json()["incident_ids"][0]
    page.goto(f"{live_server}/?incident={incident_id}")
    text = page.locator(".article .text")
    expect(text).to_contain_text("<script>window.__pwned = 'script'</script>")
    expect(text).to_contain_text('"><img src=x onerror=')
    expect(page.locator("#incident h4")).to_contain_text("<img src=x")  # the title, as text
    page.wait_for_load_state("networkidle")
    assert page.dialogs == []
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#incident img, #incident script, #incident [onerror]").count() == 0
    hrefs = page.locator("#incident a[href]").evaluate_all("links => links.map(a => a.href)")
    assert HOSTILE_URL not in hrefs and not any(h.lower().startswith("javascript:") for h in hrefs)
    # the evidence after an astral character (an emoji) is still marked at the right place
    expect(page.locator("mark.evidence", has_text="said the attackers fled.")).to_have_count(1)


def test_readable_on_a_phone(browser, live_server):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.goto(live_server + "/")
    expect(phone.locator(ROWS)).to_have_count(38)
    width = phone.evaluate("document.documentElement.scrollWidth")
    map_box = phone.locator("#map").bounding_box()
    context.close()
    assert width <= 390 and map_box["width"] <= 390 and map_box["height"] > 200
