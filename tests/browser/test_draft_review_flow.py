"""A draft reviewed by a coach in real browsers: the client sends it from Compose, the coach
selects a passage (the script fills its offsets) and suggests wording, the client accepts it and
the draft reads as suggested."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mutuals.coaching.models import CoachLink
from mutuals.feedback.models import DraftComment, DraftReview
from tests.browser.signing import sign_in
from tests.browser.test_accessibility import AUDIT_WIDTHS, WIDTHS
from tests.coach_data import make_coach
from tests.factories import make_person, make_user

pytestmark = pytest.mark.browser

TEXT = "Hi Ana, I admire your work at Acme. Could you refer me? Thanks, Jordan"
SELECT = """([id, words]) => {
  const source = document.getElementById(id);
  const walker = document.createTreeWalker(source, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const at = walker.currentNode.nodeValue.indexOf(words);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(walker.currentNode, at);
      range.setEnd(walker.currentNode, at + words.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      source.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
      return true;
    }
  }
  return false;
}"""


def test_send_select_comment_and_accept(live_server, transactional_db, page, browser):
    jordan = make_user("jordan")
    casey = make_user("casey")
    ana = make_person(jordan, "Ana Silva")
    make_coach(casey)
    CoachLink.objects.create(
        coach=casey, client=jordan, level="plan", state=CoachLink.ACTIVE, invited_by="client"
    )
    sign_in(page, live_server.url)
    page.goto(f"{live_server.url}/compose/?person={ana.pk}")
    page.get_by_label("Your message").fill(TEXT)
    page.get_by_role("button", name="Send to my coach").click()
    expect(page.locator(".messages")).to_contain_text("Sent to casey for review")
    review = DraftReview.objects.get()
    expect(page).to_have_url(f"{live_server.url}/drafts/{review.pk}/")

    coach_context = browser.new_context(viewport={"width": 375, "height": 800})
    coach_context.set_default_timeout(15_000)
    coach = coach_context.new_page()
    sign_in(coach, live_server.url, "casey")
    coach.goto(f"{live_server.url}/coach/drafts/{review.pk}/")
    # A first comment, so that the passage selected next sits after a highlighted one whose
    # hidden labels the offsets must not count.
    coach.get_by_label("The passage").fill("I admire your work")
    coach.get_by_label("Your comment").fill("Say what you admire.")
    coach.get_by_role("button", name="Add the comment").click()
    expect(coach.locator("mark")).to_have_text("I admire your work")

    assert coach.evaluate(SELECT, ["draft-text", "Could you refer me?"])
    expect(coach.get_by_label("The passage")).to_have_value("Could you refer me?")
    start = TEXT.index("Could you refer me?")
    assert coach.locator("[name=start]").input_value() == str(start)
    coach.get_by_label("Your comment").fill("Too soon for a referral.")
    coach.get_by_label("Suggested wording (optional)").fill("Could we talk for 20 minutes?")
    coach.get_by_role("button", name="Add the comment").click()
    expect(coach.locator(".messages")).to_contain_text("Comment added")
    made = DraftComment.objects.get(quote="Could you refer me?")
    assert (made.start, made.end) == (start, start + len("Could you refer me?"))
    coach_context.close()

    page.reload()
    expect(page.locator(".draft-text mark").nth(1)).to_have_text("Could you refer me?")
    page.get_by_role("button", name="Accept comment 2").click()
    expect(page.locator(".draft-text")).to_contain_text("Could we talk for 20 minutes?")
    review.refresh_from_db()
    assert review.text == TEXT.replace("Could you refer me?", "Could we talk for 20 minutes?")


@pytest.mark.parametrize("width", [WIDTHS[name][0] for name in AUDIT_WIDTHS])
def test_the_draft_pages_have_no_accessibility_violation(
    live_server, transactional_db, browser, width
):
    from mutuals.feedback import services
    from tests.browser.test_accessibility import _check

    jordan = make_user("jordan")
    casey = make_user("casey")
    make_coach(casey)
    CoachLink.objects.create(
        coach=casey, client=jordan, level="plan", state=CoachLink.ACTIVE, invited_by="client"
    )
    review = services.send_for_review(
        client=jordan,
        coach_id=casey.pk,
        text=TEXT,
        subject="Acme",
        recipient_id=make_person(jordan, "Ana Silva").pk,
    )
    start = TEXT.index("Could you refer me?")
    services.comment(
        coach=casey,
        review_id=review.pk,
        start=start,
        end=start + 19,
        comment="Too soon",
        suggestion="Could we talk?",
    )
    services.reply(user=jordan, review_id=review.pk, text="Is it pushy?")
    found: list[str] = []
    for user, addresses in (
        (
            "jordan",
            ["/drafts/", f"/drafts/{review.pk}/", f"/compose/?person={review.recipient_id}"],
        ),
        ("casey", ["/coach/drafts/", f"/coach/drafts/{review.pk}/"]),
    ):
        # Only this context bypasses the CSP, to let axe-core's script in (as in
        # test_accessibility.py).
        context = browser.new_context(
            viewport={"width": width, "height": 800}, is_mobile=width < 600, bypass_csp=True
        )
        page = context.new_page()
        sign_in(page, live_server.url, user)
        for address in addresses:
            page.goto(live_server.url + address)
            _check(page, address, found)
        context.close()
    assert not found, "\n".join(found)
