"""The job search from posting to thank-yous, in a real browser (issue 15's browser test):
paste a posting → a lead at the organisation with the people you know there and a warm path →
ask for the introduction → referred (thank the referrer from Today) → applied → interviewing
with a day, and the interview prep on Today the day before → offer accepted → keep-in-touch
mode and everyone who helped, each with a drafted thank-you and "I sent it".

`today` is fixed (2026-03-02) for the server and the test alike, so "tomorrow" is a date."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mutuals.accounts.selectors import preferences_of
from mutuals.leads.landed import CHECK_IN_TEXT
from mutuals.leads.models import Lead
from mutuals.network.models import Introduction
from mutuals.promises.models import Promise
from tests.browser.signing import sign_in
from tests.factories import make_orion, make_user

pytestmark = pytest.mark.browser

TODAY = dt.date(2026, 3, 2)
POSTING = """Senior Data Engineer
Orion · Portland, OR (Hybrid)

About the job
Orion is hiring a Senior Data Engineer to build our data platform.
"""


@pytest.fixture
def fixed_today(monkeypatch):
    """Every `timezone.localdate()` without arguments answers TODAY."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


@pytest.fixture
def orion(transactional_db, fixed_today):
    jordan = make_user("jordan")
    make_orion(jordan)
    return jordan


def move(page, stage, interview_on=None):
    page.get_by_label("Move to").select_option(label=stage)
    if interview_on is not None:
        page.get_by_label("Interview on (when moving to Interviewing)").fill(interview_on)
    page.get_by_role("button", name="Move the lead").click()


def test_from_a_posting_to_thanking_everyone_who_helped(live_server, orion, page):
    url = live_server.url
    sign_in(page, url)

    # Paste a posting: Orion, the people you know there, and a warm path in.
    page.goto(url + "/leads/posting")
    page.get_by_label("The posting").fill(POSTING)
    page.get_by_role("button", name="Read the posting").click()
    there = page.get_by_role("region", name="At Orion")
    expect(there).to_contain_text("Alice Oduya")
    expect(there.locator(".path").first).to_contain_text("Bruce Wayne")
    page.get_by_label("Who mentioned it or can help").fill("Bruce Wayne")
    page.get_by_role("button", name="Save the lead").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Senior Data Engineer")
    lead_url = page.url

    # Ask Bruce for the introduction to Alice, from Orion's warm paths.
    page.get_by_role("link", name="Orion").first.click()
    paths = page.get_by_role("region", name="Warm paths in")
    paths.get_by_role("link", name="Ask for this introduction (Bruce Wayne to Alice Oduya)").click()
    page.get_by_role("button", name="Record the request").click()
    expect(page.locator(".messages")).to_contain_text("Asked Bruce Wayne for an introduction")
    assert Introduction.objects.get().target.full_name == "Alice Oduya"
    page.goto(lead_url)
    move(page, "Introduction asked")
    expect(page.get_by_text("now at “Introduction asked”")).to_be_visible()

    # Alice refers you: thank her from Today, the day of the referral.
    people = page.get_by_role("region", name="People behind it")
    people.get_by_label("Name").fill("Alice Oduya")
    people.get_by_label("Their part").select_option(label="referrer")
    people.get_by_role("button", name="Add to the lead").click()
    move(page, "Referred")
    page.get_by_role("link", name="Today", exact=True).click()
    plan = page.get_by_role("region", name="Today's plan")
    thanks = plan.get_by_role("listitem").filter(has_text="Thank for a referral")
    expect(thanks).to_contain_text("Alice referred you for Senior Data Engineer at Orion today.")
    thanks.get_by_role("button", name="Thanked (Alice Oduya)").click()
    expect(page.get_by_text("Thanked Alice Oduya for the referral.")).to_be_visible()

    # Applied, then an interview tomorrow: Today prepares you for it, first thing.
    page.goto(lead_url)
    move(page, "Applied")
    tomorrow = TODAY + dt.timedelta(days=1)
    move(page, "Interviewing", tomorrow.isoformat())
    expect(page.get_by_role("region", name="Interview")).to_contain_text("Tuesday 3 Mar 2026")
    page.get_by_role("link", name="Today", exact=True).click()
    plan = page.get_by_role("region", name="Today's plan")
    prep = plan.get_by_role("listitem").first
    expect(prep).to_contain_text("Interview prep")
    expect(prep).to_contain_text("Your interview for Senior Data Engineer at Orion is tomorrow.")
    expect(prep).to_contain_text("Behind this lead: Alice Oduya (referrer) and Bruce Wayne")
    expect(prep).to_contain_text("You last talked with Bruce")

    # The offer, accepted: keep-in-touch mode and everyone who helped.
    page.goto(lead_url)
    move(page, "Offer")
    move(page, "Accepted")
    expect(page.get_by_role("heading", level=1)).to_have_text("Everyone who helped")
    expect(page.get_by_text("Keep-in-touch mode is on")).to_be_visible()
    assert preferences_of(orion).landed_on == TODAY
    checks = Promise.objects.filter(owner=orion, text=CHECK_IN_TEXT)
    assert {p.due_on for p in checks} == {TODAY + dt.timedelta(days=90)}
    assert sorted(checks.values_list("person__full_name", flat=True)) == [
        "Alice Oduya",
        "Bruce Wayne",
    ]
    alice = page.locator(".thanks-list > li").filter(has_text="Alice Oduya")
    expect(alice.locator(".helped > li")).to_have_text(
        ["referred you for Senior Data Engineer at Orion"]
    )
    bruce = page.locator(".thanks-list > li").filter(has_text="Bruce Wayne")
    expect(bruce).to_contain_text("helped with Senior Data Engineer at Orion")
    draft = bruce.get_by_label("A thank-you to Bruce Wayne", exact=False)
    expect(draft).to_contain_text("I have accepted an offer: Senior Data Engineer at Orion")
    bruce.get_by_role("button", name="I sent it (my thank-you to Bruce Wayne)").click()
    expect(page.get_by_text("Logged your thank-you to Bruce Wayne.")).to_be_visible()
    expect(page.locator(".thanks-list > li").filter(has_text="Bruce Wayne")).to_contain_text(
        "· thanked"
    )
    assert Lead.objects.get().stage == "accepted"

    page.get_by_role("link", name="Settings", exact=True).click()
    expect(
        page.get_by_role("heading", name="You landed (2 Mar 2026) · keep-in-touch mode")
    ).to_be_visible()


def test_everyone_who_helped_fits_a_phone(live_server, orion, phone):
    from mutuals.leads import services

    bruce = orion_person(orion, "Bruce Wayne")
    lead = services.create_lead(
        owner=orion,
        title="Senior Data Engineer",
        organization="Orion",
        people=[(bruce, "can_help")],
    )
    services.move_lead(owner=orion, lead_id=lead.pk, stage="offer")
    services.move_lead(owner=orion, lead_id=lead.pk, stage="accepted")
    sign_in(phone, live_server.url)
    phone.goto(live_server.url + "/leads/thanks/")
    expect(phone.locator(".thanks-list > li")).to_have_count(1)
    overflow = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow


def orion_person(owner, name):
    from mutuals.people.models import Person

    return Person.objects.get(owner=owner, full_name=name).pk
