"""Issue 17's browser flow: Sam opens a group's join link signed out (it names the group),
signs in, comes back and joins; Bea pools everyone she knows; Sam searches an organisation and
reads that a member knows someone there (never who), asks with his own note; Bea reads his name
and note and accepts; each now sees the other's name; Bea asks Sam and her person through the
personal introductions pages, makes the introduction, and notes Sam's thanks; Sam thanks Bea
from his requests page (she joins his people, the introduction received on his ledger). The
group pages that only a state shows pass axe-core at 1280 and 375 px."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from mutuals.groups import requests, services
from mutuals.groups.models import Membership, PoolRequest
from mutuals.ledger.models import Exchange
from mutuals.network.models import Introduction
from tests.browser.signing import sign_in
from tests.browser.test_accessibility import AUDIT_WIDTHS, WIDTHS, _check
from tests.factories import PASSWORD, make_person, make_user

pytestmark = pytest.mark.browser
GROUP = "Northfield alumni"


def _member(username: str, first: str):
    user = make_user(username)
    user.first_name, user.last_name = first, "Member"
    user.save()
    return user


def _group_with_bea():
    admin = get_user_model().objects.create_superuser(username="ada", password=PASSWORD)
    group = services.create_group(by=admin, name=GROUP)
    code = services.new_link_code(by=admin, group_id=group.pk)
    bea = _member("bea", "Bea")
    services.join(user=bea, code=code)
    make_person(bea, "Rosa Núñez", organization="Copperleaf Systems", tier="close")
    return group, code, bea


def test_a_member_finds_a_warm_path_asks_and_the_other_introduces(
    live_server, transactional_db, browser
):
    _group, code, bea = _group_with_bea()
    sam = _member("sam", "Sam")
    url = live_server.url

    b = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(b, url, "bea")
    b.goto(url + "/groups/")
    b.get_by_role("link", name=GROUP, exact=True).click()
    b.get_by_label("Everyone I know").check()
    b.get_by_role("button", name=f"Save what you pool to {GROUP}").click()
    expect(b.get_by_text("You pool everyone you know: 1 person.").first).to_be_visible()

    a = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True).new_page()
    a.goto(url + services.join_path(code))
    expect(a.get_by_role("heading", level=1)).to_have_text(f"You are invited to join {GROUP}")
    a.get_by_role("link", name=f"Sign in to join {GROUP}").click()
    expect(a).to_have_url(re.compile(r"/login/\?next=(/|%2F)groups(/|%2F)join"))
    a.get_by_label("User name").fill("sam")
    a.get_by_label("Password").fill(PASSWORD)
    a.get_by_role("button", name="Sign in").click()
    expect(a.get_by_role("heading", level=1)).to_have_text(f"Join {GROUP}?")
    a.get_by_role("button", name=f"Join {GROUP}").click()
    expect(a.get_by_text(f"You joined {GROUP}.")).to_be_visible()

    a.get_by_role("link", name=f"Search the pool of {GROUP}").click()
    a.get_by_label("An organisation").fill("Copperleaf Systems")
    a.get_by_role("button", name=f"Search the pool of {GROUP}").click()
    expect(a.get_by_role("status")).to_have_text(
        "A few members know someone at Copperleaf Systems, a few of them well."
    )
    expect(a.locator("main")).not_to_contain_text("Bea")
    note = a.get_by_label("Your note to the member asked")
    expect(note).to_have_value(re.compile(r"^Hello, I am a fellow member of Northfield alumni"))
    expect(a.get_by_text("Where your name came from:")).to_be_visible()
    note.fill("I am moving into payments and would value twenty minutes with them.")
    a.get_by_role("button", name=f"Ask for an introduction through {GROUP}").click()
    expect(a.get_by_text("You learn who only if they accept.")).to_be_visible()
    expect(a.get_by_text("An introduction to someone at Copperleaf Systems")).to_be_visible()
    expect(a.locator("main")).to_contain_text("waiting")
    expect(a.locator("main")).not_to_contain_text("Bea")

    b.goto(url + "/groups/")
    b.get_by_role("link", name="Read and answer Sam Member's request").click()
    expect(b.get_by_text("Sam Member asks for an introduction to Rosa Núñez")).to_be_visible()
    expect(b.get_by_text("I am moving into payments")).to_be_visible()
    b.get_by_role("button", name="Accept Sam Member's request").click()
    expect(
        b.get_by_text("Accepted: Sam Member now knows your name, and you theirs.")
    ).to_be_visible()
    expect(b.get_by_role("heading", level=1)).to_have_text("You introduce Sam Member to Rosa Núñez")

    a.reload()
    expect(a.get_by_text("accepted by Bea Member")).to_be_visible()

    for step in ("I asked Sam", "Sam said yes", "I introduced Sam to Rosa", "Sam thanked me"):
        b.get_by_role("button", name=step).click()
        expect(b.get_by_text(f"Noted: {step}.")).to_be_visible()
    intro = Introduction.objects.get(owner=bea)
    assert intro.status == "thanked"
    assert PoolRequest.objects.get(requester__user=sam).introduction_id == intro.pk

    a.reload()
    a.get_by_role(
        "button", name="Thank Bea Member for the introduction to someone at Copperleaf Systems"
    ).click()
    expect(a.get_by_text("You thanked Bea Member: they are in your people")).to_be_visible()
    expect(a.get_by_text("You thanked Bea Member.", exact=True)).to_be_visible()
    expect(a.get_by_role("button", name=re.compile("^Thank "))).to_have_count(0)
    assert PoolRequest.objects.get(requester__user=sam).thanked_at is not None
    assert Exchange.objects.get(owner=sam, person__full_name="Bea Member").thanked_on


@pytest.fixture
def sized(browser, request):
    width, height = WIDTHS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=width < 600, bypass_csp=True
    )
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.mark.parametrize("sized", AUDIT_WIDTHS, indirect=True)
def test_axe_finds_no_violation_on_the_group_pages(live_server, transactional_db, sized):
    group, code, bea = _group_with_bea()
    make_person(bea, "Tom Park", tier="friend", circles=["Work"])
    services.set_pooling(user=bea, group_id=group.pk, scope=Membership.ALL)
    sam = _member("sam", "Sam")
    services.join(user=sam, code=code)
    services.search(user=sam, group_id=group.pk, organisation="Copperleaf Systems")
    asked = requests.request_introduction(
        user=sam, group_id=group.pk, organisation="Copperleaf Systems"
    )
    url, found = live_server.url, []
    page = sized.new_page()
    sign_in(page, url, "sam")
    page.goto(url + f"/groups/{group.pk}/search?organisation=Copperleaf+Systems")
    _check(page, "/groups/ID/search (answered)", found)
    page.goto(url + f"/groups/{group.pk}/search?words=the")
    _check(page, "/groups/ID/search (error)", found)
    page.goto(url + f"/groups/{group.pk}/requests")
    _check(page, "/groups/ID/requests (waiting)", found)
    page.goto(url + "/groups/join/ABCD-EFGH-JKLM")
    _check(page, "/groups/join/unknown", found)
    page.goto(url + "/groups/")
    with page.expect_navigation():  # the page _check reads is the answer
        page.get_by_role("button", name="Continue with this join code").click()  # empty: error
    _check(page, "/groups/ (code error)", found)
    sized.clear_cookies()
    sign_in(page, url, "bea")
    for address, label in (
        ("/groups/", "/groups/ (asked)"),
        (f"/groups/{group.pk}/", "/groups/ID/"),
        (f"/groups/{group.pk}/requests", "/groups/ID/requests (asked)"),
        (f"/groups/requests/{asked.pk}/decline", "/groups/requests/ID/decline"),
        (f"/groups/{group.pk}/withdraw", "/groups/ID/withdraw"),
        (f"/groups/{group.pk}/leave", "/groups/ID/leave"),
    ):
        page.goto(url + address)
        _check(page, label, found)
    page.goto(url + f"/groups/{group.pk}/")
    page.get_by_label("The people in some of my circles").check()
    with page.expect_navigation():  # the page _check reads is the answer
        page.get_by_role("button", name=f"Save what you pool to {GROUP}").click()  # no circle
    _check(page, "/groups/ID/ (pooling error)", found)
    assert found == [], "\n".join(found)
