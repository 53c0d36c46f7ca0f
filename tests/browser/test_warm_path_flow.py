"""Warm paths in a real browser: search a company, read the ranked and explained paths, ask
for an introduction from the best one, mark it made, and find "thank them" on the agenda. The
map draws on a phone."""

import pytest
from playwright.sync_api import expect

from mutuals.network.models import Introduction
from tests.browser.signing import sign_in
from tests.factories import make_orion, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def orion(transactional_db):
    jordan = make_user("jordan")
    make_orion(jordan, cleo_knows_alice=0.3)
    return jordan


def test_search_a_company_ask_for_an_introduction_and_see_it_on_the_agenda(
    live_server, orion, page
):
    sign_in(page, live_server.url)
    page.get_by_role("link", name="Network", exact=True).click()
    page.get_by_label("Find a way to").select_option(label="Anyone at")
    page.get_by_label("Who").fill("Orion")
    page.get_by_role("button", name="Find paths").click()

    results = page.get_by_role("region", name="Paths to anyone at Orion")
    ranked = results.get_by_role("listitem").filter(has_text="Ask for this introduction")
    expect(ranked).to_have_count(2)
    expect(ranked.first).to_contain_text("Bruce Wayne")
    expect(ranked.first).to_contain_text("Bruce Wayne knows Alice Oduya (worked together at Orion)")
    expect(ranked.nth(1)).to_contain_text("Cleo Park")
    expect(results).to_contain_text("Ranked for an introduction")

    ranked.first.get_by_role("link", name="Ask for this introduction").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Ask Bruce Wayne to introduce you to Alice Oduya"
    )
    expect(page.get_by_label("The message")).to_contain_text("Alice Oduya")
    page.get_by_label("What you hope to learn").fill("how the team hires")
    page.get_by_role("button", name="Record the request").click()
    expect(page.locator(".lead")).to_contain_text("waiting for the introducer")
    assert Introduction.objects.get().reason == "how the team hires"

    page.get_by_role("button", name="Bruce introduced me to Alice").click()
    expect(page.locator(".lead")).to_contain_text("thank the introducer")

    page.get_by_role("link", name="Today", exact=True).click()
    agenda = page.get_by_role("region", name="Today's plan").get_by_role("listitem")
    agenda = agenda.filter(has_text="Bruce Wayne").filter(has_text="Alice Oduya")
    expect(agenda).to_contain_text("Bruce Wayne")
    expect(agenda).to_contain_text("introduced you to Alice Oduya")


def test_the_network_map_fits_a_phone(live_server, orion, phone):
    sign_in(phone, live_server.url)
    phone.goto(f"{live_server.url}/network/map")
    svg = phone.locator("svg.network-map")
    expect(svg).to_be_visible()
    box = svg.bounding_box()
    assert box is not None
    assert box["width"] <= 375
    expect(svg.locator("a")).to_have_count(3)
