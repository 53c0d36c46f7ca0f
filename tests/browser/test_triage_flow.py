"""Sorting people by keyboard in a real browser: 24 unsorted people, keys 1 to 6, A and →,
the progress count, and undo; then a bulk change on the People page."""

import re

import pytest
from playwright.sync_api import expect

from mutuals.people.models import Person
from tests.browser.signing import sign_in
from tests.factories import log, make_person, make_user

pytestmark = pytest.mark.browser


def current(page) -> str:
    return page.locator("#sort-name").inner_text()


def press(page, key: str) -> None:
    """A key, once the page's deferred script (its key handler) has run: each step loads a new
    page, and a key pressed while it is still loading is lost (seen once on a busy machine)."""
    page.wait_for_load_state("load")
    page.keyboard.press(key)


def test_sorting_people_by_keyboard(live_server, transactional_db, page):
    jordan = make_user("jordan")
    people = [make_person(jordan, f"Person {n:02d}", tier=None) for n in range(24)]
    log(jordan, people[0], "Coffee about her move to Bergen", days=4)
    sign_in(page, live_server.url)

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Sort 24 people with no closeness").click()
    expect(page.get_by_text("0 of 24 sorted")).to_be_visible()
    expect(page.locator("#sort-name")).to_have_text("Person 00")  # the one talked with first
    expect(page.get_by_text("Coffee about her move to Bergen")).to_be_visible()

    chosen = {}
    for key, tier in [("1", "inner"), ("2", "close"), ("5", "acquaintance"), ("6", "dormant")]:
        name = current(page)
        press(page, key)
        expect(page.locator("#sort-name")).not_to_have_text(name)
        chosen[name] = tier
    expect(page.get_by_text("4 of 24 sorted")).to_be_visible()

    archived = current(page)
    press(page, "a")
    expect(page.locator("#sort-name")).not_to_have_text(archived)
    skipped = current(page)
    press(page, "ArrowRight")
    expect(page.locator("#sort-name")).not_to_have_text(skipped)
    expect(page.get_by_text("5 of 24 sorted")).to_be_visible()

    # U undoes the skip, then the archive: the archived person is back, unsorted.
    press(page, "u")
    expect(page.locator("#sort-name")).to_have_text(skipped)
    press(page, "Backspace")
    expect(page.locator("#sort-name")).to_have_text(archived)
    expect(page.get_by_text("4 of 24 sorted")).to_be_visible()

    # Typing a circle name does not press the keys; Enter adds the circle and stays.
    press(page, "c")
    page.keyboard.type("Former colleagues 1")
    press(page, "Enter")
    expect(page.get_by_text(f"Added {archived} to Former colleagues 1.")).to_be_visible()
    expect(page.locator("#sort-name")).to_have_text(archived)

    for name, tier in chosen.items():
        assert Person.objects.get(owner=jordan, full_name=name).tier == tier
    assert Person.objects.get(owner=jordan, full_name=archived).archived_at is None
    assert Person.objects.get(owner=jordan, full_name=archived).tier is None


def test_the_buttons_work_without_the_keys_and_on_a_phone(live_server, transactional_db, phone):
    jordan = make_user("jordan")
    for n in range(2):
        make_person(jordan, f"Person {n}", tier=None)
    sign_in(phone, live_server.url)
    phone.goto(live_server.url + "/people/sort/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.get_by_role("button", name=re.compile("Good friend")).click()
    expect(phone.get_by_text("1 of 2 sorted")).to_be_visible()
    phone.get_by_role("button", name=re.compile("^Archive")).click()
    expect(phone.get_by_text("Everyone is sorted.")).to_be_visible()


def test_bulk_closeness_from_the_people_page(live_server, transactional_db, page):
    jordan = make_user("jordan")
    for name in ("Ann Lee", "Bo Chen", "Cy Diaz"):
        make_person(jordan, name, tier=None, organization="Copperleaf")
    sign_in(page, live_server.url)
    page.goto(live_server.url + "/people/")
    page.get_by_label("Select Ann Lee").check()
    page.get_by_label("Select Cy Diaz").check()
    page.get_by_text("Change many at once").click()
    page.locator("#bulk_closeness").select_option("meaningful")
    page.get_by_role("button", name="Apply to the selected people").click()
    expect(page.get_by_text("2 people: set closeness to meaningful.")).to_be_visible()
    tiers = dict(Person.objects.filter(owner=jordan).values_list("full_name", "tier"))
    assert tiers == {"Ann Lee": "meaningful", "Bo Chen": None, "Cy Diaz": "meaningful"}
