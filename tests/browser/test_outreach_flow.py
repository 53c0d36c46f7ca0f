"""The outreach coach in a real browser: type a taker message into Compose, see the problems
highlighted as you type, apply the suggested rewrites, and see the problems clear."""

import pytest
from playwright.sync_api import expect

from tests.browser.signing import sign_in
from tests.factories import log, make_person, make_user

pytestmark = pytest.mark.browser

TAKER = (
    "Hi Rosa,\n\n"
    "I was laid off last month. Please let me know of any openings at your company.\n\n"
    "Thanks,\nJordan"
)


def test_a_taker_message_is_flagged_as_you_type_and_the_rewrites_clear_it(
    live_server, transactional_db, page
):
    jordan = make_user("jordan")
    rosa = make_person(jordan, "Rosa Núñez")
    log(jordan, rosa, "Her move to Berlin", days=3 * 365)
    sign_in(page, live_server.url)

    page.get_by_role("link", name="Compose", exact=True).click()
    page.get_by_label("To").fill("Rosa Núñez")
    page.get_by_label("Your message").fill(TAKER)

    review = page.get_by_role("region", name="Review")
    expect(review).to_contain_text("Likely to land badly")
    expect(review.locator(".review-text mark").first).to_be_visible()
    expect(review.locator(".review-text mark", has_text="any openings")).to_be_visible()
    expect(review).to_contain_text("For Rosa Núñez: last talked 3 years ago")
    expect(review.locator(".severity-problem").first).to_be_visible()

    message = page.get_by_label("Your message")
    for _ in range(5):  # each Apply rewrites one passage server-side and reviews the new text
        if review.locator(".severity-problem").count() == 0:
            break
        before = message.input_value()
        review.get_by_role("button", name="Apply").first.click()
        expect(message).not_to_have_value(before)
        expect(review).to_contain_text("Applied. ")

    expect(review.locator(".severity-problem")).to_have_count(0)
    expect(review).not_to_contain_text("Likely to land badly")
    expect(message).to_be_focused()
    assert "any openings" not in message.input_value()
    assert "sorry" in message.input_value()


def test_on_a_phone_compose_works_by_keyboard_without_overflowing(
    live_server, transactional_db, phone
):
    jordan = make_user("jordan")
    make_person(jordan, "Rosa Núñez")
    sign_in(phone, live_server.url)
    phone.goto(live_server.url + "/compose/")

    box = phone.get_by_label("Your message")
    box.focus()
    phone.keyboard.insert_text(TAKER)
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("button", name="Check")).to_be_focused()
    phone.keyboard.press("Enter")

    review = phone.get_by_role("region", name="Review")
    expect(review).to_contain_text("Likely to land badly")
    expect(review.get_by_role("button", name="Apply").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
