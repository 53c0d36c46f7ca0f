"""Progress in a real browser: a new user chooses goals from the suggested ones and sees the
progress page; with the demo loaded, the charts fit a phone and a desktop, and axe-core finds
nothing on either page at either width."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mutuals.demo import services as demo_services
from tests.browser.signing import sign_in
from tests.browser.test_accessibility import AUDIT_WIDTHS, WIDTHS, _check
from tests.factories import make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def jordan(transactional_db):
    return make_user("jordan")


def test_choose_goals_from_the_suggested_ones_then_see_the_week(live_server, jordan, page):
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/progress/")
    expect(page.get_by_text("Nothing to show yet")).to_be_visible()
    page.get_by_role("link", name="Choose your goals").click()

    expect(page.get_by_label("Gives", exact=True)).to_be_checked()
    expect(page.get_by_label("Applications with a referral", exact=True)).not_to_be_checked()
    page.get_by_label("Meaningful conversations: Weekly target").fill("5")
    page.get_by_role("button", name="Save your goals").click()

    expect(page.get_by_text("Saved: 4 weekly goals, from this week.")).to_be_visible()
    expect(page.get_by_text("0 of 4 goals this week")).to_be_visible()
    chart = page.get_by_role("img", name="Meaningful conversations, the last 12 weeks")
    expect(chart).to_be_visible()
    section = page.get_by_role("region", name="Meaningful conversations")
    section.get_by_text("The figures").click()
    expect(section.get_by_role("table")).to_contain_text("Week of")


@pytest.mark.parametrize(("width", "height"), [WIDTHS[name] for name in AUDIT_WIDTHS])
def test_the_demo_progress_fits_the_screen_and_axe_finds_nothing(
    live_server, jordan, browser, width, height
):
    demo_services.load_demo(owner=jordan)
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=width < 600, bypass_csp=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        sign_in(page, live_server.url)
        found: list[str] = []
        for address in ("/progress/", "/progress/goals"):
            page.goto(live_server.url + address)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{address} scrolls sideways at {width} px"
            _check(page, address, found)
        assert found == []
        page.goto(live_server.url + "/progress/")
        expect(page.get_by_role("img")).to_have_count(5)
        expect(page.locator(".progress-streak")).to_contain_text("week")
    finally:
        context.close()
