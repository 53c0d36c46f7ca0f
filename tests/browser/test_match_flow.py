"""Matching in a real browser: note what a contact needs on their page, paste a job posting into
Match, see who you know at the company it names and the way in, the contact who is hiring as a
lead, that need first among the things to share with its matching words marked; mark it helped,
and find it gone from the open needs."""

import re

import pytest
from playwright.sync_api import expect

from mutuals.ledger.models import Exchange
from mutuals.needs import services
from tests.browser.signing import sign_in
from tests.factories import make_person, make_user

pytestmark = pytest.mark.browser

NEED = "A senior UX designer role in fintech"
POSTING = (
    "Acme Payments is hiring a Senior UX Designer\n\n"
    "Join our fintech team in Berlin to design how small businesses get paid. "
    "You will own user research and interaction design for our invoicing product."
)


def test_a_need_noted_on_a_person_page_is_matched_first_and_marked_helped(
    live_server, transactional_db, page
):
    jordan = make_user("jordan")
    rosa = make_person(jordan, "Rosa Núñez")
    jin = make_person(jordan, "Jin Park")
    sam = make_person(jordan, "Sam Okafor", tier="close", organization="Acme Payments")
    services.add_need(owner=jordan, person_id=jin.pk, text="Advice on moving to Berlin")
    services.add_need(owner=jordan, person_id=sam.pk, text="Hiring a senior UX designer")
    sign_in(page, live_server.url)

    page.goto(f"{live_server.url}/people/{rosa.pk}/")
    page.locator("summary", has_text=re.compile(r"^Need$")).click()
    form = page.locator("#need")
    form.get_by_label("What is needed").fill(NEED)
    form.get_by_label("Kind").select_option(label="Job lead")
    form.get_by_label("Looking or offering").select_option(label="Looking for it")
    form.get_by_role("button", name="Add need").click()
    expect(page.get_by_role("region", name="Needs", exact=True)).to_contain_text(NEED)

    page.get_by_role("link", name="Match", exact=True).click()
    page.get_by_label("Paste a job posting, article, event or note").fill(POSTING)
    page.get_by_role("button", name="Find matches").click()

    at_acme = page.get_by_role("region", name="You know 1 person at Acme Payments")
    expect(at_acme.get_by_role("link", name="Sam Okafor").first).to_be_visible()
    expect(at_acme).to_contain_text("close")
    expect(at_acme.get_by_role("link", name="More paths to Acme Payments")).to_be_visible()

    leads = page.get_by_role("region", name="Leads: people hiring or offering")
    expect(leads).to_contain_text("Hiring a senior UX designer")
    expect(leads).to_contain_text("Ask Sam about it")
    expect(leads.get_by_role("link", name="Write to Sam Okafor")).to_be_visible()
    expect(leads).not_to_contain_text(NEED)

    results = page.get_by_role("region", name="To share: people looking for something like this")
    first = results.get_by_role("listitem").first
    expect(first).to_contain_text(NEED)
    expect(first.get_by_role("link", name="Rosa Núñez", exact=True)).to_be_visible()
    expect(first).to_contain_text("Share with Rosa")
    expect(first.locator(".match-need mark", has_text="UX designer")).to_be_visible()
    expect(first.locator(".match-excerpt mark", has_text="fintech")).to_be_visible()
    expect(first.locator(".mark-word")).to_have_text(re.compile(r"match$"))
    expect(results).to_contain_text("Advice on moving to Berlin")
    expect(page.locator("#results")).not_to_contain_text("score")

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

    results = phone.get_by_role("region", name="To share: people looking for something like this")
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
