"""Leads in a real browser: paste a posting, see who you know at the organisation and a warm
path, save the lead, then move it through stages on the board with its select and button and
with the keyboard; the board is a list on a phone."""

import pytest
from playwright.sync_api import expect

from mutuals.leads.models import Lead
from tests.browser.signing import sign_in
from tests.factories import make_orion, make_user

pytestmark = pytest.mark.browser

POSTING = """Senior Data Engineer
Orion · Portland, OR (Hybrid)

About the job
Orion is hiring a Senior Data Engineer to build our data platform.
"""


@pytest.fixture
def orion(transactional_db):
    jordan = make_user("jordan")
    make_orion(jordan)
    return jordan


def test_paste_a_posting_then_move_the_lead_on_the_board(live_server, orion, page):
    sign_in(page, live_server.url)
    page.get_by_role("link", name="Leads", exact=True).click()
    page.get_by_role("link", name="Paste a posting", exact=True).click()
    page.get_by_label("The posting").fill(POSTING)
    page.get_by_role("button", name="Read the posting").click()

    expect(page.get_by_label("Role")).to_have_value("Senior Data Engineer")
    expect(page.get_by_label("Organisation")).to_have_value("Orion")
    expect(page.get_by_label("Where")).to_have_value("Portland, OR")
    there = page.get_by_role("region", name="At Orion")
    expect(there).to_contain_text("Alice Oduya")
    expect(there.locator(".path").first).to_contain_text("Bruce Wayne")
    page.get_by_label("Who mentioned it or can help").fill("Bruce Wayne")
    page.get_by_role("button", name="Save the lead").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Senior Data Engineer")
    expect(page.get_by_role("region", name="People behind it")).to_contain_text("Bruce Wayne")
    page.get_by_role("link", name="All leads").click()

    card = page.locator(".lead-card").filter(has_text="Senior Data Engineer")
    card.get_by_label("Move Senior Data Engineer to").select_option(label="Introduction asked")
    card.get_by_role("button", name="Move Senior Data Engineer").click()
    column = page.get_by_role("region", name="Introduction asked")
    expect(column.locator(".lead-card")).to_contain_text("Senior Data Engineer")

    column.locator(".lead-card").first.focus()
    page.keyboard.press("n")  # the usual next stage
    expect(page.get_by_role("region", name="Referred").locator(".lead-card")).to_have_count(1)
    lead = Lead.objects.get()
    assert lead.stage == "referred"
    assert [e.stage for e in lead.events.filter(kind="stage")] == ["intro_asked", "referred"]


def test_the_board_is_a_list_on_a_phone(live_server, orion, phone):
    from mutuals.leads import services

    services.create_lead(owner=orion, title="Designer", organization="Orion")
    sign_in(phone, live_server.url)
    phone.goto(live_server.url + "/leads/")
    expect(phone.locator(".lead-card")).to_have_count(1)
    overflow = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
