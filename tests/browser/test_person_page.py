"""The person page in a real browser: the relationship and the timeline first, at 1280 px above
the fold; each form behind the Add row opens in place, one at a time, and a link to #promise
(or any other entry) opens that one."""

import re

import pytest
from playwright.sync_api import expect

from mutuals.needs.services import add_need
from tests.browser.signing import sign_in
from tests.factories import log, make_person, make_promise, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def rosa(transactional_db):
    jordan = make_user("jordan")
    rosa = make_person(jordan, "Rosa Núñez", tier="close", organization="Orion Labs")
    for days, summary in ((70, "Lunch"), (40, "A call about her team"), (5, "Coffee about Bergen")):
        log(jordan, rosa, summary, days=days, kind="coffee")
    make_promise(jordan, rosa, "Send Rosa the article", due_in=3)
    for text in ("A UX role in healthcare", "Someone at a design agency"):
        add_need(owner=jordan, person_id=rosa.pk, text=text, kind="job_lead")
    return rosa


def test_the_timeline_starts_above_the_fold_on_a_laptop(live_server, browser, rosa):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/people/{rosa.pk}/")
    relationship = page.get_by_role("region", name="Your relationship")
    expect(relationship).to_contain_text("Coffee about Bergen")
    expect(relationship).to_contain_text("They need: A UX role in healthcare")
    heading = page.get_by_role("heading", name="Timeline", level=2)
    assert heading.bounding_box()["y"] < 800
    for name in ("What did you talk about?", "What is needed", "What you promised"):
        expect(page.get_by_label(name)).to_be_hidden()
    context.close()


def test_an_entry_opens_its_form_in_place_and_closes_the_one_before(live_server, page, rosa):
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/people/{rosa.pk}/")
    page.locator("summary", has_text=re.compile(r"^Conversation$")).click()
    expect(page.get_by_label("What did you talk about?")).to_be_visible()
    page.locator("summary", has_text=re.compile(r"^Promise$")).click()
    expect(page.get_by_label("What you promised")).to_be_visible()
    expect(page.get_by_label("What did you talk about?")).to_be_hidden()

    page.get_by_label("What you promised").fill("Introduce Rosa to Sam")
    page.get_by_role("button", name="Add promise").click()
    promises = page.get_by_role("region", name="Open promises")
    expect(promises).to_contain_text("Introduce Rosa to Sam")


def test_a_link_to_an_entry_opens_it_with_the_first_field_focused(live_server, page, rosa):
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/people/{rosa.pk}/#give")
    expect(page.get_by_label("What it was")).to_be_visible()
    page.get_by_role("link", name="Ask Rosa for something").click()
    expect(page.get_by_label("What you are asking")).to_be_visible()
    expect(page.get_by_label("Direction")).to_be_hidden()
    expect(page.locator("#ask select, #ask input:not([type=hidden])").first).to_be_focused()


def test_on_a_phone_the_page_fits_and_the_add_row_wraps(live_server, phone, rosa):
    sign_in(phone, live_server.url)
    phone.goto(f"{live_server.url}/people/{rosa.pk}/")
    phone.locator("summary", has_text=re.compile(r"^Give or receive$")).click()
    expect(phone.get_by_label("What it was")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
