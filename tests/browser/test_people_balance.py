"""On a phone, the people list filters and sorts by give and take, by keyboard, without
scrolling sideways."""

import re

import pytest
from playwright.sync_api import expect

from mutuals.ledger import services as ledger_services
from tests.factories import PASSWORD, make_person, make_user

pytestmark = pytest.mark.browser


def test_on_a_phone_the_people_list_filters_by_who_you_owe(live_server, transactional_db, phone):
    jordan = make_user("jordan")
    make_person(jordan, "Bo Chen", organization="Acme")  # never traded with
    for name, direction in (("Ann Lee", "received"), ("Di Evans", "gave")):
        person = make_person(jordan, name, organization="Acme")
        ledger_services.record_exchange(
            owner=jordan, person_id=person.pk, direction=direction, kind="referral", text="A job"
        )
    phone.goto(live_server.url + "/login/")
    phone.get_by_label("User name").fill("jordan")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.goto(live_server.url + "/people/")

    phone.get_by_label("Give and take").select_option(label="They have given more")
    phone.get_by_label("Sort by").select_option(label="They have given most")
    phone.get_by_role("button", name="Show").press("Enter")

    expect(phone).to_have_url(re.compile(r"balance=owe"))
    rows = phone.get_by_role("row", name=re.compile("Acme"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Ann Lee")
    expect(rows.first).to_contain_text("they have given much more lately")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
