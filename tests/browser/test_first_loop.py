"""The first loop a new user goes through, in a real browser: set up the account, add a
person, log a conversation, see it on their timeline and see them on today's agenda."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_person, make_user

pytestmark = pytest.mark.browser


def test_a_new_owner_sets_up_adds_a_person_logs_and_sees_the_agenda(
    live_server, transactional_db, page
):
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/setup/$"))

    page.get_by_label("User name").fill("dana")
    page.get_by_label("Password", exact=True).fill("a quiet walk by the river")
    page.get_by_label("Password again").fill("a quiet walk by the river")
    page.get_by_label("Fill my account with a demo network to explore").uncheck()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Start with the people you know")).to_be_visible()

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Núñez")
    page.get_by_label("Closeness").select_option("close")
    page.get_by_role("button", name="Add person").click()
    expect(page.get_by_role("heading", name="Rosa Núñez", level=1)).to_be_visible()

    page.get_by_role("link", name="Log", exact=True).click()
    page.get_by_label("Rosa Núñez").check()
    page.get_by_label("What did you talk about?").fill("Coffee about her team's hiring plans")
    page.get_by_role("button", name="Log it").click()
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("Coffee about her team's hiring plans")

    page.locator("summary", has_text=re.compile(r"^Promise$")).click()
    page.get_by_label("What you promised").fill("Send Rosa the article")
    page.get_by_role("button", name="Add promise").click()

    page.get_by_role("link", name="Today", exact=True).click()
    plan = page.get_by_role("region", name="Today's plan")
    promise = plan.get_by_role("listitem").filter(has_text="Send Rosa the article")
    expect(promise).to_contain_text("Due today. Last talked today: coffee about")
    expect(plan).to_contain_text("1 of 5 done")  # the conversation logged today

    promise.get_by_role("button", name="Done").click()
    expect(plan).to_contain_text("Done: Send Rosa the article")

    # With the promise kept, Rosa shows as the new acquaintance she is.
    page.reload()
    rosa = page.get_by_role("region", name="Today's plan").get_by_role("listitem")
    expect(rosa.filter(has_text="Rosa Núñez")).to_contain_text("met")


def test_on_a_phone_the_menu_opens_and_people_stack_as_cards(live_server, transactional_db, phone):
    jordan = make_user("jordan")
    make_person(jordan, "Rosa Núñez", organization="Acme")
    phone.goto(live_server.url + "/login/")
    phone.get_by_label("User name").fill("jordan")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()

    people_link = phone.get_by_role("link", name="People", exact=True)
    expect(people_link).to_be_hidden()
    phone.get_by_role("button", name="Menu").click()
    people_link.click()

    row = phone.get_by_role("row", name=re.compile("Rosa Núñez"))
    expect(row).to_contain_text("Acme")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
