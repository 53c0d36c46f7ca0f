"""A group's administration page in a browser: axe-core finds no violation at 1280 px and on a
375 px phone (the page, the invitations' answer and the removal's confirmation), the page
scrolls no wider than the screen (the table scrolls inside its own box), and naming an
administrator then removing them works by its buttons."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from mutuals.groups import services
from mutuals.groups.models import Membership
from tests.browser.test_accessibility import AUDIT_WIDTHS, _check, _new_context
from tests.factories import PASSWORD, make_person, make_user

pytestmark = pytest.mark.browser


def _sign_in(page, url: str, username: str) -> None:
    page.goto(url + "/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url + "/")


def _group():
    ada = get_user_model().objects.create_superuser(username="ada", password=PASSWORD)
    group = services.create_group(by=ada, name="Northfield alumni")
    bea = make_user("bea")
    services.join(user=bea, code=services.new_link_code(by=ada, group_id=group.pk))
    make_person(bea, "Rosa Núñez", organization="Copperleaf Systems", tier="close")
    services.set_pooling(user=bea, group_id=group.pk, scope=Membership.ALL)
    services.search(user=bea, group_id=group.pk, organisation="Copperleaf Systems")
    return group


def test_axe_finds_no_violation_on_the_administration_pages(
    live_server, transactional_db, browser, settings
):
    settings.MUTUALS_SMTP_HOST = ""
    group = _group()
    url, found = live_server.url, []
    for width in AUDIT_WIDTHS:
        context = _new_context(browser, width)
        page = context.new_page()
        _sign_in(page, url, "ada")
        page.goto(f"{url}/groups/{group.pk}/admin")
        _check(page, f"admin [{width}]", found)
        page_element = "document.documentElement"
        wider = page.evaluate(f"{page_element}.scrollWidth > {page_element}.clientWidth")
        assert not wider, f"the page scrolls sideways at {width}"
        page.get_by_label("E-mail addresses").fill("rosa@example.org\nmilo@example.org")
        page.get_by_role("button", name="Make the codes").click()
        page.get_by_role("heading", name="Invitations to Northfield alumni").wait_for()
        _check(page, f"admin invited [{width}]", found)
        context.close()
    assert found == [], "\n".join(found)


def test_naming_then_removing_an_administrator(live_server, transactional_db, browser):
    group = _group()
    url = live_server.url
    context = _new_context(browser, "desktop")
    page = context.new_page()
    _sign_in(page, url, "ada")
    page.goto(f"{url}/groups/{group.pk}/admin")
    page.get_by_label("Member's user name").fill("bea")
    page.get_by_role("button", name="Name an administrator").click()
    page.get_by_text("bea is now an administrator of Northfield alumni.").wait_for()
    page.get_by_role("link", name="Remove bea as an administrator").click()
    page.get_by_role(
        "heading", name="Remove bea as an administrator of Northfield alumni?"
    ).wait_for()
    found: list[str] = []
    _check(page, "admin remove", found)
    assert found == [], "\n".join(found)
    page.get_by_role("button", name="Remove bea").click()
    page.get_by_text("bea is a member of Northfield alumni again").wait_for()
    context.close()
    assert Membership.objects.get(group=group, user__username="bea").role == Membership.MEMBER
