"""Matching in a real browser: note what a contact needs on their page, paste a job posting into
Match, see that need first with its matching words marked, mark it helped, and find it gone from
the open needs."""

import pytest
from playwright.sync_api import expect

from mutuals.ledger.models import Exchange
from mutuals.needs import services
from tests.factories import PASSWORD, make_person, make_user

pytestmark = pytest.mark.browser

NEED = "A senior UX designer role in fintech"
POSTING = (
    "Acme Payments is hiring a Senior UX Designer\n\n"
    "Join our fintech team in Berlin to design how small businesses get paid. "
    "You will own user research and interaction design for our invoicing product."
)


def sign_in(page, url):
    page.goto(url + "/login/")
    page.get_by_label("User name").fill("jordan")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_need_noted_on_a_person_page_is_matched_first_and_marked_helped(
    live_server, transactional_db, page
):
    jordan = make_user("jordan")
    rosa = make_person(jordan, "Rosa Núñez")
    jin = make_person(jordan, "Jin Park")
    services.add_need(owner=jordan, person_id=jin.pk, text="Advice on moving to Berlin")
    sign_in(page, live_server.url)

    page.goto(f"{live_server.url}/people/{rosa.pk}/")
    needs = page.get_by_role("region", name="Needs", exact=True)
    needs.get_by_label("What is needed").fill(NEED)
    needs.get_by_label("Kind").select_option(label="Job lead")
    needs.get_by_role("button", name="Add need").click()
    expect(page.get_by_role("region", name="Needs", exact=True)).to_contain_text(NEED)

    page.get_by_role("link", name="Match", exact=True).click()
    page.get_by_label("Paste a job posting, article, event or note").fill(POSTING)
    page.get_by_role("button", name="Find matches").click()

    results = page.get_by_role("region", name="Open needs this serves")
    first = results.get_by_role("listitem").first
    expect(first).to_contain_text(NEED)
    expect(first.get_by_role("link", name="Rosa Núñez")).to_be_visible()
    expect(first).to_contain_text("Share with Rosa")
    expect(first.locator(".match-need mark", has_text="UX designer")).to_be_visible()
    expect(first.locator(".match-excerpt mark", has_text="fintech")).to_be_visible()
    expect(results).to_contain_text("Advice on moving to Berlin")

    first.get_by_role("button", name="Mark helped").click()
    expect(results).to_contain_text(f"You helped: {NEED}")

    page.get_by_role("link", name="Needs", exact=True).click()
    theirs = page.get_by_role("region", name="What my contacts need")
    expect(theirs).to_contain_text("Advice on moving to Berlin")
    expect(theirs).not_to_contain_text(NEED)
    page.get_by_role("link", name="Helped", exact=True).click()
    expect(page.get_by_role("region", name="What my contacts need")).to_contain_text(NEED)


def test_on_a_phone_matching_and_logging_a_give_work_by_keyboard_and_fit_the_screen(
    live_server, transactional_db, phone
):
    jordan = make_user("jordan")
    rosa = make_person(jordan, "Rosa Núñez")
    need = services.add_need(owner=jordan, person_id=rosa.pk, text=NEED, kind="job_lead")
    sign_in(phone, live_server.url)
    phone.goto(live_server.url + "/match/")

    box = phone.get_by_label("Paste a job posting, article, event or note")
    box.focus()
    phone.keyboard.insert_text(POSTING)
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("button", name="Find matches")).to_be_focused()
    phone.keyboard.press("Enter")

    results = phone.get_by_role("region", name="Open needs this serves")
    expect(results.get_by_role("listitem").first).to_contain_text(NEED)
    give = results.locator("summary", has_text="Log a give").first
    give.focus()
    phone.keyboard.press("Enter")
    expect(results.get_by_label("What you gave Rosa Núñez")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375

    for _ in range(3):  # what you gave, its kind, then the button
        phone.keyboard.press("Tab")
    expect(results.get_by_role("button", name="Record the give")).to_be_focused()
    phone.keyboard.press("Enter")
    expect(results).to_contain_text("Recorded your give to Rosa Núñez")
    assert Exchange.objects.get().need_id == need.pk
