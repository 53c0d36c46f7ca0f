"""A coach invites a client from Coaching; the client opens the link in another browser (a
phone), chooses Plan and accepts; the client raises it to Network, then ends the link after
confirming; the coach's page then lists no client. The flow's pages that only a state shows
(the code just made, the accept screen, the end confirmation, coach activity with records)
pass axe-core at 1280 and 375 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mutuals.coaching import services
from mutuals.coaching.access import client_for
from mutuals.coaching.models import CoachLink
from mutuals.core.coaching import Level
from tests.browser.signing import sign_in
from tests.browser.test_accessibility import AUDIT_WIDTHS, WIDTHS, _check
from tests.coach_data import make_coach
from tests.factories import make_user

pytestmark = pytest.mark.browser


def test_a_coach_invites_and_the_client_accepts_changes_and_ends(
    live_server, transactional_db, browser
):
    jordan, riley = make_coach(make_user("jordan")), make_user("riley")
    url = live_server.url
    coach = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(coach, url, "jordan")
    coach.goto(url + "/settings/")
    coach.get_by_role("link", name="Coaching").first.click()
    coach.get_by_role("button", name="Invite a client").click()
    link = coach.get_by_label("Or the link").input_value()
    assert link.startswith(url + "/coaching/join/")

    client = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    sign_in(client, url, "riley")
    client.goto(link)
    expect(client.get_by_role("heading", level=1)).to_have_text(
        "jordan invites you to be their client"
    )
    expect(client.get_by_label("Progress", exact=False)).to_be_checked()
    client.get_by_label("Plan", exact=False).check()
    client.get_by_role("button", name="Accept jordan as my coach").click()
    expect(client.get_by_text("jordan is now your coach and sees Plan.")).to_be_visible()
    assert CoachLink.objects.get(coach=jordan, client=riley).level == "plan"

    client.get_by_role("group", name="What jordan sees").get_by_label("Network").check()
    client.get_by_role("button", name="Save what jordan sees").click()
    expect(client.get_by_text("jordan now sees Network")).to_be_visible()
    client_for(coach=jordan, client_id=riley.pk, needs=Level.NETWORK, what="your people")

    client.goto(url + "/settings/coach-activity/")
    expect(client.get_by_text("jordan opened your people")).to_be_visible()

    client.goto(url + "/coaching/")
    client.get_by_role("link", name="End the link with jordan").click()
    client.get_by_role("button", name="End the link with jordan").click()
    expect(client.get_by_text("jordan no longer sees anything of yours.")).to_be_visible()
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")
    coach.goto(url + "/coaching/")
    expect(coach.get_by_text("You coach no one.")).to_be_visible()


@pytest.fixture
def sized(browser, request):
    width, height = WIDTHS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=width < 600, bypass_csp=True
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.mark.parametrize("sized", AUDIT_WIDTHS, indirect=True)
def test_axe_finds_no_violation_on_the_coaching_pages(live_server, transactional_db, sized):
    jordan, riley = make_coach(make_user("jordan"), make_user("riley"))
    _link, code = services.invite_client(coach=jordan)
    active = services.accept(user=riley, code=code)
    client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")
    services.invite_coach(client=jordan, coach_username="riley")
    url = live_server.url
    page = sized.new_page()
    found: list[str] = []
    sign_in(page, url, "jordan")
    page.goto(url + "/coaching/")
    with page.expect_navigation():  # the page _check reads is the answer
        page.get_by_role("button", name="Invite a client").click()
    _check(page, "/coaching/ (with a new code)", found)
    page.goto(url + f"/coaching/links/{active.pk}/end")
    _check(page, "/coaching/links/ID/end", found)
    page.goto(url + "/coaching/join/ABCD-EFGH-JKLM")
    _check(page, "/coaching/join/unknown", found)
    page.goto(url + "/coaching/")
    with page.expect_navigation():  # the page _check reads is the answer
        page.get_by_role("button", name="Continue with this code").click()  # empty: error shown
    _check(page, "/coaching/ (code error)", found)
    _other, fresh = services.invite_client(coach=riley)
    page.goto(url + f"/coaching/join/{fresh}")
    _check(page, "/coaching/join/CODE", found)
    sized.clear_cookies()
    sign_in(page, url, "riley")
    page.goto(url + "/coaching/")
    _check(page, "/coaching/ (client with a coach)", found)
    page.goto(url + "/settings/coach-activity/")
    _check(page, "/settings/coach-activity/ (with records)", found)
    assert found == [], "\n".join(found)
