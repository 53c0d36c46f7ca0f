"""The owner invites a coach from Settings, the coach accepts the link in another browser and
lands on their own Today; the link then says it was used. The pages of this flow (the people
list, the disable confirmation, the invitation page) pass axe-core at 1280 and 375 px."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from mutuals.accounts import roles
from mutuals.accounts.services import create_user
from tests.browser.signing import sign_in
from tests.browser.test_accessibility import AUDIT_WIDTHS, WIDTHS, _check
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

NEW = "a brand new walk in the park"


def test_the_owner_invites_a_coach_who_accepts(live_server, transactional_db, browser):
    create_user(username="dana", password=PASSWORD, is_owner=True)
    url = live_server.url
    owner = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(owner, url, "dana")
    owner.goto(url + "/settings/")
    owner.get_by_role("link", name="Manage the people who use this install").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("People who use this install")
    owner.locator("#invite_role_1").check()
    owner.get_by_role("button", name="Make an invitation link").click()
    link = owner.get_by_label("Invitation link").input_value()
    assert "/invite/" in link

    visitor = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    visitor.goto(link)
    expect(visitor.get_by_text("You are invited to use this install as a coach.")).to_be_visible()
    visitor.get_by_label("User name").fill("casey")
    visitor.get_by_label("Password", exact=True).fill(NEW)
    visitor.get_by_label("Password again").fill(NEW)
    visitor.get_by_role("button", name="Create my account").click()
    expect(visitor).to_have_url(url + "/")
    expect(visitor.get_by_text("Welcome, casey: your account is ready.")).to_be_visible()

    owner.goto(url + "/settings/users/")
    expect(owner.get_by_text("coach · enabled")).to_be_visible()
    again = browser.new_context().new_page()
    again.goto(link)
    expect(again.get_by_text("already been used")).to_be_visible()
    assert roles.is_coach(get_user_model().objects.get(username="casey"))


@pytest.fixture
def sized(browser, request):
    """A browser context at one of the accessibility test's widths, letting axe-core in (as
    that test's own context does; the CSP is checked by test_content_security_policy.py)."""
    width, height = WIDTHS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=width < 600, bypass_csp=True
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.mark.parametrize("sized", AUDIT_WIDTHS, indirect=True)
def test_axe_finds_no_violation_on_the_user_pages(live_server, transactional_db, sized):
    create_user(username="dana", password=PASSWORD, is_owner=True)
    jordan = make_user("jordan")
    roles.set_role(by=None, user_id=jordan.pk, role="coach")
    url = live_server.url
    page = sized.new_page()
    found: list[str] = []
    sign_in(page, url, "dana")
    page.goto(url + "/settings/users/")
    page.get_by_role("button", name="Make an invitation link").click()
    link = page.get_by_label("Invitation link").input_value()
    _check(page, "/settings/users/ (with a new link)", found)
    page.goto(url + f"/settings/users/{jordan.pk}/disable")
    _check(page, "/settings/users/ID/disable", found)
    page.goto(link)
    _check(page, "/invite/CODE/", found)
    with page.expect_navigation():  # the page _check reads is the answer
        page.get_by_role("button", name="Create my account").click()  # empty: errors shown
    _check(page, "/invite/CODE/ (errors)", found)
    page.goto(url + "/invite/not-a-code/")
    _check(page, "/invite/unknown/", found)
    assert found == [], "\n".join(found)
