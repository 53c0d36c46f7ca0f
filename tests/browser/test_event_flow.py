"""Events in a real browser: from People to Events, add an event with the people met there,
add someone else from the event's page, see "Met at" on a person's page, then the community's
page with who you know there; the pages fit a phone."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from mutuals.events import services
from mutuals.events.models import Event
from tests.browser.signing import sign_in
from tests.factories import make_person, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def jordan(transactional_db):
    jordan = make_user("jordan")
    for name in ("Ana Ruiz", "Bo Li", "Cy Young"):
        make_person(jordan, name)
    return jordan


def test_add_an_event_with_people_met_then_see_where_you_met_them(live_server, jordan, page):
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/people/")
    page.get_by_role("link", name="Events", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Events")
    page.get_by_role("link", name="Add an event", exact=True).first.click()

    page.get_by_label("Name", exact=True).fill("Product meetup")
    page.get_by_label("Day").fill("2025-11-20")
    page.get_by_label("Place").fill("Riverside Library")
    page.get_by_label("Community").fill("Product Circle")
    page.get_by_label("Who you met there").fill("Ana Ruiz\nbo li")
    page.get_by_role("button", name="Add the event").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Product meetup")
    met = page.get_by_role("region", name="Who you met there")
    expect(met).to_contain_text("Ana Ruiz")
    expect(met).to_contain_text("Bo Li")
    page.get_by_label("Name", exact=True).fill("Cy Young")
    page.get_by_label("First met here").uncheck()
    page.get_by_role("button", name="Add to the event").click()
    expect(page.get_by_role("region", name="Also there")).to_contain_text("Cy Young")
    log = page.get_by_role("link", name="Log a conversation with everyone you met")
    expect(log).to_have_attribute("href", re.compile(r"^/log/\?people=\d+&people=\d+&summary="))

    page.get_by_role("link", name="Ana Ruiz").click()
    expect(page.get_by_text("Met at")).to_be_visible()
    expect(page.get_by_role("link", name="Product meetup")).to_be_visible()
    page.get_by_role("link", name="Product meetup").click()
    page.get_by_role("link", name="Product Circle").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Product Circle")
    people = page.get_by_role("region", name="Who you know there")
    for name in ("Ana Ruiz", "Bo Li", "Cy Young"):
        expect(people).to_contain_text(name)
    expect(page.locator(".lead")).to_contain_text("last went 20 Nov 2025")
    assert Event.objects.get().people.count() == 3


def test_the_event_pages_fit_a_phone(live_server, jordan, phone):
    dee = make_person(jordan, "Dee Long-Name-Person")
    event = services.create_event(
        owner=jordan,
        name="Harbor City Food Bank volunteering day",
        day=dt.date(2025, 11, 20),
        kind="volunteering",
        community="Harbor City Food Bank volunteers",
        people=[(dee.pk, True)],
    )
    sign_in(phone, live_server.url)
    pages = ("/events/", f"/events/{event.pk}/", f"/communities/{event.community_id}/")
    for address in (*pages, "/events/new"):
        phone.goto(live_server.url + address)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, address
