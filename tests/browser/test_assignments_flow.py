"""A coach sets a client an exercise from a template on /coach/assignments/; the client (on a
phone) sees it on Today, marks it done there, and writes a note on /assignments/ after undoing
and redoing it; the coach then sees it done with the note. The pages that only a state shows
(an open assignment, a done one with its note) pass axe-core at 1280 and 375 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mutuals.assignments import services
from mutuals.assignments.models import Assignment
from mutuals.coaching.models import CoachLink
from tests.browser.signing import sign_in
from tests.browser.test_accessibility import AUDIT_WIDTHS, WIDTHS, _check
from tests.coach_data import make_coach
from tests.factories import make_user

pytestmark = pytest.mark.browser
TITLE = "One give to a dormant tie this week"


def _link(coach, client):
    make_coach(coach)
    CoachLink.objects.create(
        coach=coach, client=client, level="progress", state="active", invited_by="coach"
    )


def test_a_coach_assigns_and_the_client_does_it(live_server, transactional_db, browser):
    casey, jordan = make_user("casey"), make_user("jordan")
    _link(casey, jordan)
    url = live_server.url
    coach = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(coach, url, "casey")
    coach.goto(url + "/coach/assignments/")
    coach.get_by_label("jordan").check()
    coach.get_by_label("Exercise").select_option(label=TITLE)
    coach.get_by_role("button", name="Set the assignment").click()
    expect(coach.get_by_text(f"Set “{TITLE}” for jordan.")).to_be_visible()

    client = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    sign_in(client, url, "jordan")
    client.goto(url + "/")
    expect(client.get_by_text(TITLE, exact=True)).to_be_visible()
    client.get_by_role("button", name=f"Done ({TITLE})").click()
    expect(client.get_by_text(f"Done: {TITLE}")).to_be_visible()
    client.get_by_role("button", name="Undo").click()
    client.goto(url + "/assignments/")
    client.get_by_label("How did it go?").fill("Sent Ana the article she wanted")
    client.get_by_role("button", name=f"Mark done ({TITLE})").click()
    expect(client.get_by_text("Your note: Sent Ana the article she wanted")).to_be_visible()

    coach.goto(url + "/coach/assignments/")
    expect(coach.get_by_text("Their note: Sent Ana the article she wanted")).to_be_visible()
    assert Assignment.objects.get().done_at is not None


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
def test_axe_finds_no_violation_on_the_assignment_pages(live_server, transactional_db, sized):
    casey, jordan = make_user("casey"), make_user("jordan")
    _link(casey, jordan)
    open_one, done_one = (
        services.assign(coach=casey, client_ids=[jordan.pk], template_key=key)[0]
        for key in ("thank-three", "ask-for-advice")
    )
    services.mark_done(owner=jordan, assignment_id=done_one.pk, note="Asked Bo")
    url = live_server.url
    page = sized.new_page()
    found: list[str] = []
    sign_in(page, url, "jordan")
    for address in ("/", "/assignments/"):
        page.goto(url + address)
        _check(page, f"{address} (with assignments)", found)
    sized.clear_cookies()
    sign_in(page, url, "casey")
    page.goto(url + "/coach/assignments/")
    _check(page, "/coach/assignments/ (with assignments)", found)
    with page.expect_navigation():  # the page _check reads is the answer
        page.get_by_role("button", name="Set the assignment").click()  # nothing chosen: errors
    _check(page, "/coach/assignments/ (errors)", found)
    assert open_one.pk
    assert found == [], "\n".join(found)
