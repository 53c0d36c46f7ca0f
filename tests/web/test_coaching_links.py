"""The Coaching pages: the client's coaches and levels, invitations both ways, the accept
screen, ending a link with confirmation, and Coach activity in Settings."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.coaching import services
from mutuals.coaching.access import client_for
from mutuals.coaching.models import AccessRecord, CoachLink
from mutuals.core.coaching import LEVEL_WORDS, NEVER_SHARED, Level
from tests.coach_data import make_coach


@pytest.fixture(autouse=True)
def jordan_coaches(jordan):
    """Jordan holds the coach role: the coach side of the links here."""
    make_coach(jordan)


@pytest.fixture
def casey_client(casey) -> Client:
    client = Client()
    client.force_login(casey)
    return client


@pytest.fixture
def active(jordan, riley) -> CoachLink:
    """Jordan coaches Riley at progress."""
    _link, code = services.invite_client(coach=jordan)
    return services.accept(user=riley, code=code)


def test_settings_links_to_coaching_and_coach_activity(jordan_client):
    response = jordan_client.get("/settings/")
    assertContains(response, 'href="/coaching/"')
    assertContains(response, 'href="/settings/coach-activity/"')


def test_the_empty_page_says_what_to_do(jordan_client):
    response = jordan_client.get("/coaching/")
    assertContains(response, "No coaches yet. Invite one by their user name below")
    assertContains(response, "You coach no one.")
    for words in NEVER_SHARED:
        assertContains(response, words)


def test_a_coach_invites_a_client_and_sees_the_code_and_link_once(jordan_client, jordan):
    response = jordan_client.post("/coaching/invite-client")
    assert response.status_code == 200
    code = re.search(r'id="new-code" [^>]*value="([A-Z0-9-]+)"', response.content.decode())[1]
    assertContains(response, f"http://testserver/coaching/join/{code}")
    link = CoachLink.objects.get(coach=jordan)
    assert link.code_hash == services.hash_code(code)
    assertContains(response, "Your invitation, not accepted yet")
    assertNotContains(jordan_client.get("/coaching/"), code)


def test_the_join_screen_names_the_coach_and_asks_the_level(riley_client, jordan, riley):
    _link, code = services.invite_client(coach=jordan)
    response = riley_client.get(f"/coaching/join/{code}")
    assertContains(response, "jordan invites you to be their client")
    assertContains(response, 'value="progress" checked')
    assertContains(response, LEVEL_WORDS[Level.NETWORK])
    with pytest.raises(CoachLink.DoesNotExist):  # nothing before accepting
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")
    response = riley_client.post(f"/coaching/join/{code}", {"level": "plan"})
    assert response.status_code == 302
    link = CoachLink.objects.get(coach=jordan, client=riley)
    assert (link.state, link.level) == ("active", "plan")
    page = riley_client.get("/coaching/")
    assertContains(page, "jordan is now your coach and sees Plan.")
    assertContains(page, f'href="/coaching/as-coach/{link.pk}/"')
    assertContains(page, 'value="plan" checked')


def test_a_used_code_explains_itself_and_changes_nothing(riley_client, casey_client, jordan):
    _link, code = services.invite_client(coach=jordan)
    riley_client.post(f"/coaching/join/{code}", {"level": "progress"})
    response = casey_client.get(f"/coaching/join/{code}")
    assertContains(response, "already been used", status_code=404)
    response = casey_client.post(f"/coaching/join/{code}", {"level": "network"})
    assertContains(response, "already been used", status_code=400)
    assert CoachLink.objects.get().client.username == "riley"
    assert CoachLink.objects.get().level == "progress"


def test_an_unknown_code_typed_in_is_an_error_beside_the_field(riley_client):
    response = riley_client.post("/coaching/code", {"code": "ABCD-EFGH-JKLM"})
    assertContains(response, "That invitation code is not one we know", status_code=400)
    response = riley_client.post("/coaching/code", {"code": ""})
    assertContains(response, "Type the invitation code", status_code=400)


def test_a_typed_code_leads_to_the_join_screen(riley_client, jordan):
    _link, code = services.invite_client(coach=jordan)
    response = riley_client.post("/coaching/code", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302
    assert response["Location"] == f"/coaching/join/{code.replace('-', '')}"
    assertContains(riley_client.get(response["Location"]), "jordan invites you")


def test_the_coach_cannot_accept_their_own_invitation(jordan_client, jordan):
    _link, code = services.invite_client(coach=jordan)
    response = jordan_client.post(f"/coaching/join/{code}", {"level": "network"})
    assertContains(response, "your own invitation", status_code=400)
    assert CoachLink.objects.get().state == "invited"


def test_a_client_invites_a_coach_who_accepts_from_their_page(
    riley_client, jordan_client, jordan, riley
):
    response = riley_client.post("/coaching/invite-coach", {"coach": "jordan", "level": "plan"})
    assert response.status_code == 302
    assertContains(riley_client.get("/coaching/"), "waiting for them to accept")
    link = CoachLink.objects.get()
    page = jordan_client.get("/coaching/")
    assertContains(page, "riley asks you to coach them")
    assertContains(page, f'action="/coaching/links/{link.pk}/accept"')
    jordan_client.post(f"/coaching/links/{link.pk}/accept")
    link.refresh_from_db()
    assert (link.state, link.level) == ("active", "plan")


def test_inviting_an_unknown_coach_names_the_field(riley_client):
    response = riley_client.post("/coaching/invite-coach", {"coach": "nobody", "level": "plan"})
    assertContains(response, "There is no one called &#39;nobody&#39;", status_code=400)
    assertContains(response, 'value="plan" checked', status_code=400)
    assert not CoachLink.objects.exists()


def test_the_client_changes_the_level(riley_client, active, jordan, riley):
    response = riley_client.post(f"/coaching/links/{active.pk}/level", {"level": "network"})
    assert response.status_code == 302
    active.refresh_from_db()
    assert active.level == "network"


def test_the_coach_cannot_change_the_level(jordan_client, active):
    response = jordan_client.post(f"/coaching/links/{active.pk}/level", {"level": "network"})
    assert response.status_code == 404
    active.refresh_from_db()
    assert active.level == "progress"


def test_a_bad_level_changes_nothing(riley_client, active):
    riley_client.post(f"/coaching/links/{active.pk}/level", {"level": "everything"})
    active.refresh_from_db()
    assert active.level == "progress"


@pytest.mark.parametrize("side", ["jordan_client", "riley_client"])
def test_ending_asks_first_then_refuses_the_coach_at_once(request, side, active, jordan, riley):
    client = request.getfixturevalue(side)
    confirm = client.get(f"/coaching/links/{active.pk}/end")
    assertContains(confirm, "<h1>Stop")
    active.refresh_from_db()
    assert active.state == "active"  # asking changes nothing
    assert client.post(f"/coaching/links/{active.pk}/end").status_code == 302
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")


def test_someone_else_sees_nothing_of_a_link(casey_client, active):
    for method, url in [
        ("get", f"/coaching/links/{active.pk}/end"),
        ("post", f"/coaching/links/{active.pk}/end"),
        ("post", f"/coaching/links/{active.pk}/level"),
        ("post", f"/coaching/links/{active.pk}/accept"),
    ]:
        response = getattr(casey_client, method)(url, {"level": "network"})
        assert response.status_code == 404, url
    page = casey_client.get("/coaching/")
    assertNotContains(page, "riley")
    assertNotContains(page, "jordan")
    active.refresh_from_db()
    assert (active.state, active.level) == ("active", "progress")


def test_coach_activity_lists_exactly_the_clients_records(
    riley_client, casey_client, active, jordan, casey
):
    _link, code = services.invite_client(coach=jordan)
    services.accept(user=casey, code=code)
    client_for(coach=jordan, client_id=active.client_id, needs=Level.PROGRESS, what="your goals")
    client_for(coach=jordan, client_id=casey.pk, needs=Level.PROGRESS, what="casey-only")
    page = riley_client.get("/settings/coach-activity/")
    assertContains(page, "jordan opened your goals")
    assertNotContains(page, "casey-only")
    assertContains(casey_client.get("/settings/coach-activity/"), "jordan opened casey-only")


def test_coach_activity_is_paginated_newest_first(riley_client, active, jordan, riley):
    for number in range(55):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what=f"look {number}")
    first = riley_client.get("/settings/coach-activity/").content.decode()
    assert first.index("look 54") < first.index("look 53")
    assert "look 4<" not in first
    assert "Page 1 of 2" in first
    second = riley_client.get("/settings/coach-activity/?page=2")
    assertContains(second, "look 4<")
    assert AccessRecord.objects.count() == 55


def test_coach_activity_when_empty_says_what_to_do(riley_client):
    assertContains(riley_client.get("/settings/coach-activity/"), "No coach has opened your data")


def test_pages_need_a_sign_in(jordan):
    for url in ["/coaching/", "/settings/coach-activity/", "/coaching/join/ABCD"]:
        response = Client().get(url)
        assert response.status_code == 302
        assert "/login/" in response["Location"]


def test_the_page_reads_a_fixed_number_of_queries_however_many_links(riley_client, riley):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_user

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert riley_client.get("/coaching/").status_code == 200
        return len(captured)

    def another_coach(name: str) -> None:
        _link, code = services.invite_client(coach=make_coach(make_user(name)))
        services.accept(user=riley, code=code)

    another_coach("coach1")
    queries()  # the first request of a session also writes it
    one = queries()
    for number in range(2, 7):
        another_coach(f"coach{number}")
    assert queries() == one


def test_a_member_sees_who_makes_coaches_and_cannot_invite_clients(riley_client):
    page = riley_client.get("/coaching/")
    assertContains(page, "ask the owner to make riley a coach")
    assertNotContains(page, 'action="/coaching/invite-client"')
    response = riley_client.post("/coaching/invite-client", follow=True)
    assertContains(
        response,
        "Only a coach can invite or accept clients, and you are not one on this install: "
        "ask the owner to make riley a coach.",
    )
    assert not CoachLink.objects.exists()


def test_a_client_inviting_a_member_is_told_to_ask_the_owner(riley_client, casey):
    response = riley_client.post("/coaching/invite-coach", {"coach": "casey", "level": "plan"})
    assertContains(
        response,
        "casey is not a coach on this install: ask the owner to make casey a coach.",
        status_code=400,
    )
    assert not CoachLink.objects.exists()


def test_a_coach_sees_the_invite_button(jordan_client):
    assertContains(jordan_client.get("/coaching/"), 'action="/coaching/invite-client"')
