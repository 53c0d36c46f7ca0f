"""The whole first week of a new user, in a real browser: a fresh install set up from the
browser, 500 LinkedIn connections imported, 20 of them sorted by keyboard, a short plan on
Today with reasons in words, a draft copied and logged with "I sent it", and "Do one more"."""

import re

import pytest
from playwright.sync_api import expect

from mutuals.people.models import Person
from tests.linkedin_export import connections_csv

pytestmark = pytest.mark.browser

PASSWORD = "a quiet walk by the river"
DECIMAL = re.compile(r"\d\.\d")
RULE_ID = re.compile(r"\bP\d+\b")


def set_up(page, url):
    page.goto(url + "/")
    expect(page).to_have_url(re.compile(r"/setup/$"))
    page.get_by_label("User name").fill("dana")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label("Fill my account with a demo network to explore").uncheck()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", name="Start with the people you know")).to_be_visible()


def import_connections(page, tmp_path):
    export = tmp_path / "Connections.csv"
    export.write_bytes(connections_csv(500))
    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Import…").click()
    page.get_by_label("What it is").select_option(label="LinkedIn export")
    page.get_by_label("File", exact=True).set_input_files(str(export))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Imported")
    summary = page.get_by_role("region", name="Summary")
    expect(summary.locator("dd").first).to_have_text("500")


def test_the_first_week(live_server, transactional_db, page, tmp_path):
    set_up(page, live_server.url)
    import_connections(page, tmp_path)

    # The report points to sorting; 20 people sorted by keyboard, two skipped on the way.
    page.get_by_role("link", name="Sort 500 people with no closeness").click()
    expect(page.get_by_text("0 of 500 sorted")).to_be_visible()
    name = page.locator("#sort-name")
    keys = ["1", "2", "3", "4", "5", "6", "a", "ArrowRight"] * 2 + ["2", "3", "4", "5", "1", "2"]
    for key in keys:
        page.wait_for_load_state()  # the keys work once the page's script has run
        before = name.inner_text()
        page.keyboard.press(key)
        expect(name).not_to_have_text(before)
    expect(page.get_by_text("20 of 500 sorted")).to_be_visible()
    sorted_people = Person.objects.exclude(tier=None, archived_at=None)
    assert sorted_people.count() == 20, list(sorted_people.values_list("full_name", "tier"))

    # Today: a short plan, each reason a sentence in words.
    page.get_by_role("link", name="Today", exact=True).click()
    plan = page.get_by_role("region", name="Today's plan")
    expect(plan).to_contain_text("0 of 5 done")
    items = plan.get_by_role("listitem")
    assert 1 <= items.count() <= 5
    for reason in plan.locator(".reason").all_inner_texts():
        assert not DECIMAL.search(reason), reason
        assert not RULE_ID.search(reason), reason
        assert reason.strip().endswith("."), reason

    # A draft for one of them: copy it, send it, say so.
    item = items.filter(has=page.get_by_role("link", name=re.compile("^Draft…"))).first
    person = item.get_by_role("paragraph").filter(has=page.get_by_role("link")).first
    who = person.inner_text()
    person_page = person.get_by_role("link").get_attribute("href")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    item.get_by_role("link", name=f"Draft… a message to {who}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compose")
    message = page.get_by_label("Your message")
    expect(message).to_contain_text(who.split()[0])
    send = page.get_by_role("group", name=f"Send it to {who}")
    send.get_by_role("button", name=f"Copy the message to {who}").click()
    expect(send.get_by_role("status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == message.input_value()
    send.get_by_role("button", name="I sent it").click()

    # Back on Today the item is gone, and counted as done; the timeline shows it.
    expect(page).to_have_url(live_server.url + "/")
    expect(page.get_by_role("status").filter(has_text="Logged the")).to_contain_text(who)
    plan = page.get_by_role("region", name="Today's plan")
    expect(plan).to_contain_text("1 of 5 done")
    expect(plan.get_by_role("listitem").filter(has_text=who)).to_have_count(0)
    page.goto(live_server.url + person_page)
    expect(page.get_by_role("region", name="Timeline")).to_contain_text("Catch-up note: ")

    # The rest of the plan, then one more.
    page.get_by_role("link", name="Today", exact=True).click()
    plan = page.get_by_role("region", name="Today's plan")
    expect(plan).to_contain_text("1 of 5 done")  # Today is shown: count() does not wait for it
    left = plan.get_by_role("button", name=re.compile(r"^Reached out"))
    count = left.count()
    assert count == 4, plan.inner_text()
    for done in range(1, count + 1):
        left.first.click()
        expect(left).to_have_count(count - done)
    page.reload()
    plan = page.get_by_role("region", name="Today's plan")
    expect(plan).to_contain_text("Plan done for today.")
    page.get_by_role("link", name=re.compile("^Do one more")).click()
    expect(plan.get_by_role("listitem")).to_have_count(1)
    expect(plan).to_contain_text("5 of 6 done")


def fits(page) -> None:
    page.wait_for_load_state("domcontentloaded")  # a page just navigated to has a document
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} scrolls sideways on a phone: {width} px wide"


def test_the_first_week_on_a_phone(live_server, transactional_db, phone, tmp_path):
    phone.goto(live_server.url + "/")
    expect(phone).to_have_url(re.compile(r"/setup/$"))
    fits(phone)
    phone.get_by_label("User name").fill("dana")
    phone.get_by_label("Password", exact=True).fill(PASSWORD)
    phone.get_by_label("Password again").fill(PASSWORD)
    phone.get_by_label("Fill my account with a demo network to explore").uncheck()
    phone.get_by_role("button", name="Create my account").click()
    expect(phone.get_by_role("heading", name="Start with the people you know")).to_be_visible()
    fits(phone)

    export = tmp_path / "Connections.csv"
    export.write_bytes(connections_csv(40))
    phone.goto(live_server.url + "/import/")
    fits(phone)
    phone.get_by_label("What it is").select_option(label="LinkedIn export")
    phone.get_by_label("File", exact=True).set_input_files(str(export))
    phone.get_by_role("button", name="Import", exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Imported")
    fits(phone)

    phone.get_by_role("link", name="Sort 40 people with no closeness").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Sort your people")
    fits(phone)
    for done in range(1, 4):
        phone.get_by_role("button", name=re.compile("^Close")).click()
        expect(phone.get_by_text(f"{done} of 40 sorted")).to_be_visible()
    fits(phone)

    phone.goto(live_server.url + "/")
    plan = phone.get_by_role("region", name="Today's plan")
    expect(plan.get_by_role("listitem")).to_have_count(3)
    fits(phone)
    first = plan.get_by_role("listitem").first
    person_page = first.get_by_role("link").first.get_attribute("href")
    first.get_by_role("link", name=re.compile("^Draft…")).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Compose")
    fits(phone)
    phone.get_by_role("button", name="I sent it").click()
    expect(phone.get_by_role("region", name="Today's plan")).to_contain_text("1 of 5 done")
    fits(phone)
    phone.goto(live_server.url + person_page)
    expect(phone.get_by_role("region", name="Timeline")).to_contain_text("Catch-up note: ")
    fits(phone)
