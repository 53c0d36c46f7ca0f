"""The whole coaching flow in two real browsers, a coach's (1280 px) and a client's phone
(375 px), through pages only: the coach invites; the client accepts at Progress; the coach
sees the client's counts but no name from their records; the client raises the coach to Plan
(the coach now sees the lead and the person behind it) and sends a draft from Compose; the
coach selects a passage and suggests wording; the client accepts it and the draft reads as
suggested; the client ends the link, and the coach sees nothing of theirs any more."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mutuals.accounts import roles
from tests.browser.signing import sign_in
from tests.browser.test_draft_review_flow import SELECT
from tests.coach_data import LEAD, NETWORK_SECRETS, NEVER, PERSON, PLAN_SECRETS, planted
from tests.factories import make_user

pytestmark = pytest.mark.browser

TEXT = "Hi Zebulon, I admire your work at Lumen Lamps. Could you refer me? Thanks, Jordan"
PASSAGE = "Could you refer me?"
WORDING = "Could we talk for twenty minutes next week?"


def _browser_page(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    # A live server's first page loads the whole app: on a busy machine that alone has taken
    # over 15 seconds.
    context.set_default_timeout(30_000)
    return context.new_page()


def _column_total(page, column: int) -> int:
    """The sum of one column of the coach's week-by-week figures (1: conversations, 2: gives,
    3: asks), over the twelve weeks, whatever day of the week the test runs on."""
    table = page.get_by_role("table", name=re.compile("Conversations, gives and asks each week"))
    cells = table.locator("tbody tr").locator(f"td:nth-of-type({column})").all_text_contents()
    return sum(int(cell) for cell in cells)


def _absent(page, words) -> None:
    text = page.locator("main").inner_text()
    for word in words:
        assert word not in text, f"{word!r} is on {page.url}"


def test_invite_accept_progress_plan_draft_suggestion_and_end(
    live_server, transactional_db, browser
):
    casey = make_user("casey")
    roles.set_role(by=None, user_id=casey.pk, role=roles.COACH)
    jordan = make_user("jordan")
    zebulon = planted(jordan, today=timezone.localdate())  # the client's own network
    url = live_server.url

    coach = _browser_page(browser, 1280, 900)
    sign_in(coach, url, "casey")
    coach.goto(url + "/coaching/")
    coach.get_by_role("button", name="Invite a client").click()
    invitation = coach.get_by_label("Or the link").input_value()

    client = _browser_page(browser, 375, 800)
    sign_in(client, url, "jordan")
    client.goto(invitation)
    expect(client.get_by_label("Progress", exact=False)).to_be_checked()
    client.get_by_role("button", name="Accept casey as my coach").click()
    expect(client.get_by_text("casey is now your coach and sees Progress.")).to_be_visible()

    # Progress: counts, and no name of a person, an organisation or a lead.
    coach.goto(url + "/coach/")
    coach.get_by_role("link", name="jordan", exact=True).click()
    expect(coach.get_by_role("heading", level=1)).to_have_text("jordan")
    client_page = coach.url
    coach.locator("summary", has_text="Conversations, gives and asks").click()
    assert (_column_total(coach, 1), _column_total(coach, 2), _column_total(coach, 3)) == (1, 1, 3)
    _absent(coach, PLAN_SECRETS + NETWORK_SECRETS + NEVER)

    client.goto(url + "/coaching/")
    client.get_by_role("group", name="What casey sees").get_by_label("Plan").check()
    client.get_by_role("button", name="Save what casey sees").click()
    expect(client.get_by_text("casey now sees Plan")).to_be_visible()
    coach.reload()
    expect(coach.get_by_text(LEAD)).to_be_visible()
    expect(coach.get_by_text(PERSON).first).to_be_visible()
    _absent(coach, NETWORK_SECRETS + NEVER)

    client.goto(f"{url}/compose/?person={zebulon.pk}")
    client.get_by_label("Your message").fill(TEXT)
    client.get_by_role("button", name="Send to my coach").click()
    expect(client.locator(".messages")).to_contain_text("Sent to casey for review")
    draft_page = client.url

    coach.goto(url + "/coach/")
    coach.get_by_role("link", name="Drafts sent to you").click()
    coach.get_by_role("link", name=f"Draft to {PERSON}").click()
    expect(coach.get_by_label("The passage")).to_be_visible()  # the draft's page has come
    coach.wait_for_load_state("load")  # and its script, which listens for the selection, ran
    assert coach.evaluate(SELECT, ["draft-text", PASSAGE])
    expect(coach.get_by_label("The passage")).to_have_value(PASSAGE)
    coach.get_by_label("Your comment").fill("Too soon for a referral: ask for a talk first.")
    coach.get_by_label("Suggested wording (optional)").fill(WORDING)
    coach.get_by_role("button", name="Add the comment").click()
    expect(coach.locator(".messages")).to_contain_text("Comment added")
    coach_draft_page = coach.url

    client.goto(draft_page)
    expect(client.locator(".draft-text mark")).to_have_text(PASSAGE)
    client.get_by_role("button", name="Accept comment 1").click()
    expect(client.locator(".draft-text")).to_contain_text(WORDING)
    expect(client.locator(".draft-text")).not_to_contain_text(PASSAGE)

    client.goto(url + "/coaching/")
    client.get_by_role("link", name="End the link with casey").click()
    client.get_by_role("button", name="End the link with casey").click()
    expect(client.get_by_text("casey no longer sees anything of yours.")).to_be_visible()

    assert coach.goto(client_page).status == 404
    assert coach.goto(coach_draft_page).status == 404
    coach.goto(url + "/coach/")
    expect(coach.get_by_role("link", name="jordan", exact=True)).to_have_count(0)
    expect(coach.get_by_text("No clients yet.")).to_be_visible()
