"""Issue 17's invitations for real people, in a browser: Rosa, with no account, opens the link
her e-mail invitation carries, makes her account (name and password; her address is the
invitation's), lands on the group's join page signed in and joins; an administrator's list
sent in the background shows its progress; a member who chose hundreds of people finds one
by name and by circle, and the count follows. axe-core finds nothing on the new pages at 1280
and 375 px."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from mutuals.groups import invitations, services
from mutuals.groups.models import InvitationBatch, Membership
from tests.browser.signing import sign_in
from tests.browser.test_accessibility import AUDIT_WIDTHS, _check, _new_context
from tests.factories import PASSWORD, make_person, make_user
from tests.smtp import smtp_server_fixture, text_of  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
GROUP = "Northfield alumni"


def _group():
    ada = get_user_model().objects.create_superuser(username="ada", password=PASSWORD)
    return ada, services.create_group(by=ada, name=GROUP)


def test_an_invited_person_with_no_account_makes_one_and_joins(
    live_server, transactional_db, browser, smtp_server, settings
):
    settings.MUTUALS_BASE_URL = live_server.url
    ada, group = _group()
    made = invitations.invite_by_email(
        by=ada, group_id=group.pk, csv_text="rosa@example.org", queue=False
    )
    invitations.send_batch(batch_id=made.batch_id)  # what the worker does
    link = next(
        line.strip()
        for line in text_of(smtp_server.messages[0]).splitlines()
        if "/groups/join/" in line
    )
    found: list[str] = []

    page = _new_context(browser, "phone").new_page()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"You are invited to join {GROUP}")
    _check(page, "join, signed out [phone]", found)
    page.get_by_role("link", name=f"Make my account to join {GROUP}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Make your account to join {GROUP}")
    _check(page, "sign-up [phone]", found)
    page.get_by_label("Your name").fill("Rosa Núñez")
    page.get_by_label("Password", exact=True).fill("a long enough pass phrase")
    page.get_by_label("Password again").fill("a long enough pass phrase")
    page.get_by_role("button", name="Make my account").click()
    expect(
        page.get_by_text("Your account is made: you sign in as rosa@example.org.")
    ).to_be_visible()
    page.get_by_role("button", name=f"Join {GROUP}").click()
    expect(page.get_by_text(f"You joined {GROUP}.")).to_be_visible()
    rosa = get_user_model().objects.get(username="rosa@example.org")
    assert Membership.objects.filter(group=group, user=rosa).exists()
    assert found == [], "\n".join(found)


def test_a_list_sent_in_the_background_shows_its_progress(
    live_server, transactional_db, browser, smtp_server
):
    _ada, group = _group()
    found: list[str] = []
    for width in AUDIT_WIDTHS:
        page = _new_context(browser, width).new_page()
        sign_in(page, live_server.url, "ada")
        page.goto(f"{live_server.url}/groups/{group.pk}/admin")
        page.get_by_label("E-mail addresses").fill("rosa@example.org\nmilo@example.org")
        page.get_by_role("button", name=f"Send the invitations to join {GROUP}").click()
        progress = page.locator("#invitations-progress")
        expect(progress).to_contain_text("0 of 2 sent; 2 still to send.")
        _check(page, f"invitations [{width}]", found)
        batch = InvitationBatch.objects.order_by("-pk").first()
        invitations.send_batch(batch_id=batch.pk)  # the worker, meanwhile
        expect(progress).to_contain_text("2 of 2 sent.", timeout=15_000)  # htmx asks again
    assert found == [], "\n".join(found)


def test_finding_one_among_hundreds_chosen_for_the_pool(live_server, transactional_db, browser):
    ada, group = _group()
    bea = make_user("bea")
    services.join(user=bea, code=services.new_link_code(by=ada, group_id=group.pk))
    people = [
        make_person(bea, f"Person {n:03}", tier="close", circles=["Work"]) for n in range(200)
    ]
    people.append(make_person(bea, "Rosa Núñez", tier="close", circles=["Alumni"]))
    services.set_pooling(user=bea, group_id=group.pk, scope="people", people=[p.pk for p in people])
    found: list[str] = []
    page = _new_context(browser, "desktop").new_page()
    sign_in(page, live_server.url, "bea")
    page.goto(f"{live_server.url}/groups/{group.pk}/")
    count = page.locator("[data-chosen-count]")
    expect(count).to_have_text("201 of 201 chosen.")
    page.get_by_label("Find among them").fill("rosa")
    expect(count).to_have_text("201 of 201 chosen; 1 shown.")
    page.get_by_label("Find among them").fill("")
    page.get_by_label("Only a circle").select_option("Work")
    expect(count).to_have_text("201 of 201 chosen; 200 shown.")
    page.get_by_role("button", name="Untick the ones shown").click()
    expect(count).to_have_text("1 of 201 chosen; 200 shown.")
    _check(page, "group page with hundreds chosen", found)
    page.get_by_role("button", name=f"Save what you pool to {GROUP}").click()
    expect(page.get_by_text("You pool 1 person you chose.").first).to_be_visible()
    phone = _new_context(browser, "phone").new_page()
    sign_in(phone, live_server.url, "bea")
    phone.goto(f"{live_server.url}/groups/{group.pk}/")
    expect(phone.locator("[data-chosen-count]")).to_have_text("1 of 1 chosen.")
    root = "document.documentElement"
    assert not phone.evaluate(f"{root}.scrollWidth > {root}.clientWidth"), "scrolls sideways"
    _check(phone, "group page [phone]", found)
    assert found == [], "\n".join(found)
