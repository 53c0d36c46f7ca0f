"""The Groups pages for members: your groups and joining by code or link, a group's page (what
you pool, in words; withdrawing and leaving after confirming), and 404 for groups not yours."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.core import pool
from mutuals.core.codes import normalise_code
from mutuals.groups import services
from mutuals.groups.models import GroupInvitation, Membership, PooledPerson
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(admin):
    return services.create_group(by=admin, name="Northfield alumni")


@pytest.fixture
def code(admin, group) -> str:
    return services.new_link_code(by=admin, group_id=group.pk)


@pytest.fixture
def member(jordan, group, code) -> Membership:
    return services.join(user=jordan, code=code)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# ---- the list and joining ----------------------------------------------------------------


def test_the_empty_list_says_how_to_join(jordan_client):
    response = jordan_client.get("/groups/")
    assertContains(response, "You belong to no group yet.")
    assertContains(response, 'action="/groups/code"')


def test_the_nav_offers_groups_and_marks_it(jordan_client):
    assertContains(jordan_client.get("/"), '<a href="/groups/">Groups</a>')
    assertContains(jordan_client.get("/groups/"), 'aria-current="page">Groups</a>', count=1)


def test_the_list_says_what_each_membership_pools_in_words(jordan, jordan_client, member, group):
    for name in ("Ana Work", "Ben Work", "Cy Alumni"):
        make_person(jordan, name, tier="friend", circles=[name.split()[1]])
    services.set_pooling(
        user=jordan, group_id=group.pk, scope=Membership.CIRCLES, circles=["Work", "Alumni"]
    )
    response = jordan_client.get("/groups/")
    assertContains(response, "Northfield alumni")
    assertContains(
        response, "You are a member. You pool 3 people from your circles Alumni and Work."
    )


def test_a_membership_that_pools_nothing_says_so(jordan_client, member):
    assertContains(jordan_client.get("/groups/"), "You pool no one yet.")


def test_a_code_typed_leads_to_the_join_screen_naming_the_group(jordan_client, code, jordan):
    response = jordan_client.post("/groups/code", {"code": code.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/groups/join/{normalise_code(code)}"
    page = jordan_client.get(response["Location"])
    assertContains(page, "Join Northfield alumni?")
    assert not Membership.objects.filter(user=jordan).exists()  # not before the button


def test_the_join_button_joins_and_pools_nothing(jordan_client, code, jordan, group):
    response = jordan_client.post(f"/groups/join/{code}")
    assert response["Location"] == f"/groups/{group.pk}/"
    membership = Membership.objects.get(user=jordan, group=group)
    assert membership.scope == Membership.NONE
    assertContains(jordan_client.get(response["Location"]), "You joined Northfield alumni.")


@pytest.mark.parametrize("typed", ["", "ABCD-EFGH-JKLM"])
def test_a_bad_code_typed_is_named_and_changes_nothing(jordan_client, jordan, typed, code):
    response = jordan_client.post("/groups/code", {"code": typed})
    assert response.status_code == 400
    expected = services.UNKNOWN_CODE if typed else "Type the code you were given"
    assertContains(response, expected, status_code=400)
    assert not Membership.objects.filter(user=jordan).exists()


def test_an_unknown_link_says_the_service_s_sentence(jordan_client):
    response = jordan_client.get("/groups/join/ABCD-EFGH-JKLM")
    assertContains(response, services.UNKNOWN_CODE, status_code=404)
    assertNotContains(response, '<button type="submit" class="button">Join', status_code=404)


def test_a_used_invitation_says_so_and_joins_no_one(admin, group, jordan, riley, jordan_client):
    ((_, code),) = services.invite_emails(by=admin, group_id=group.pk, csv_text="r@example.org")
    services.join(user=riley, code=code)
    response = jordan_client.post(f"/groups/join/{code}")
    assertContains(response, services.USED_CODE, status_code=400)
    assert not Membership.objects.filter(user=jordan).exists()


def test_an_expired_invitation_says_so(admin, group, jordan_client):
    ((_, code),) = services.invite_emails(by=admin, group_id=group.pk, csv_text="r@example.org")
    GroupInvitation.objects.update(expires_at=timezone.now() - dt.timedelta(days=1))
    response = jordan_client.get(f"/groups/join/{code}")
    assertContains(response, escape(services.EXPIRED_CODE), status_code=404)


def test_looking_at_an_invitation_does_not_use_it(admin, group, jordan_client, jordan):
    ((_, code),) = services.invite_emails(by=admin, group_id=group.pk, csv_text="j@example.org")
    assertContains(jordan_client.get(f"/groups/join/{code}"), "Join Northfield alumni?")
    assert GroupInvitation.objects.get().used_at is None
    jordan_client.post(f"/groups/join/{code}")
    assert GroupInvitation.objects.get().used_at is not None


def test_a_member_opening_the_link_again_is_told(jordan_client, member, code):
    response = jordan_client.get(f"/groups/join/{code}")
    assertContains(response, "You already belong to Northfield alumni.", status_code=404)


def test_signed_out_the_link_names_the_group_and_asks_to_sign_in_and_come_back(client, code):
    response = client.get(f"/groups/join/{code}")
    assertContains(response, "You are invited to join Northfield alumni")
    assertContains(response, f'href="/login/?next=%2Fgroups%2Fjoin%2F{code}"')
    assertNotContains(response, "Make my account")  # the shared code makes no account
    posted = client.post(f"/groups/join/{code}")
    assert posted.status_code == 302
    assert posted["Location"].startswith("/login/?next=/groups/join/")


# ---- a group's page ----------------------------------------------------------------------


def test_the_group_page_says_what_is_and_is_never_shared(jordan_client, member, group):
    response = jordan_client.get(f"/groups/{group.pk}/")
    assertContains(response, "<h1>Northfield alumni</h1>", html=True)
    assertContains(response, "You pool no one yet.")
    for words in ("organisation", "title", "Never shared", "e-mail addresses", "phone numbers"):
        assertContains(response, words)
    assertContains(response, ", ".join(pool.NEVER_POOLED))  # core.pool's one wording
    assertContains(response, pool.NEVER_POOLED_PEOPLE)
    assertContains(response, f'href="/groups/{group.pk}/search"')
    assertContains(response, f'href="/groups/{group.pk}/leave"')
    assertNotContains(response, f'href="/groups/{group.pk}/withdraw"')  # nothing to withdraw


def test_pooling_everyone_rebuilds_the_rows_and_says_how_many(jordan, jordan_client, member, group):
    make_person(jordan, "Rosa Núñez", tier="close", organization="Copperleaf")
    make_person(jordan, "Only Knownof", tier=None)  # no closeness: never pooled
    response = jordan_client.post(f"/groups/{group.pk}/pooling", {"scope": "all"})
    assert response["Location"] == f"/groups/{group.pk}/"
    assert PooledPerson.objects.filter(member=member).count() == 1
    page = jordan_client.get(f"/groups/{group.pk}/")
    assertContains(page, "You pool everyone you know: 1 person.")
    assertContains(page, f'href="/groups/{group.pk}/withdraw"')


def test_pooling_chosen_people_by_name(jordan, jordan_client, member, group):
    rosa = make_person(jordan, "Rosa Núñez", tier="close")
    make_person(jordan, "Tom Park", tier="close")
    response = jordan_client.post(
        f"/groups/{group.pk}/pooling", {"scope": "people", "add_people": "rosa nunez"}
    )
    assert response.status_code == 302
    assert list(PooledPerson.objects.values_list("person_id", flat=True)) == [rosa.pk]
    page = jordan_client.get(f"/groups/{group.pk}/")
    assertContains(page, "You pool 1 person you chose.")
    assertContains(page, f'value="{rosa.pk}"')


def test_an_unknown_name_is_named_and_changes_nothing(jordan, jordan_client, member, group):
    response = jordan_client.post(
        f"/groups/{group.pk}/pooling", {"scope": "people", "add_people": "Nobody Here"}
    )
    assertContains(response, "Nobody called &#39;Nobody Here&#39;", status_code=400)
    member.refresh_from_db()
    assert member.scope == Membership.NONE


def test_pooling_circles_without_one_says_the_service_s_sentence(jordan_client, member, group):
    response = jordan_client.post(f"/groups/{group.pk}/pooling", {"scope": "circles"})
    assertContains(response, "Name at least one of your circles to pool.", status_code=400)


def test_a_circle_not_yours_is_refused(jordan_client, member, group, riley):
    make_person(riley, "Ria", tier="close", circles=["Secret"])
    response = jordan_client.post(
        f"/groups/{group.pk}/pooling", {"scope": "circles", "circles": ["Secret"]}
    )
    assert response.status_code == 400
    member.refresh_from_db()
    assert member.scope == Membership.NONE


def test_a_bad_scope_is_refused(jordan_client, member, group):
    response = jordan_client.post(f"/groups/{group.pk}/pooling", {"scope": "everything"})
    assertContains(response, "Choose nothing, everyone", status_code=400)


def test_choosing_nothing_goes_to_the_withdraw_confirmation(jordan_client, member, group):
    response = jordan_client.post(f"/groups/{group.pk}/pooling", {"scope": "none"})
    assert response["Location"] == f"/groups/{group.pk}/withdraw"


def test_withdrawing_asks_first_then_removes_every_row(jordan, jordan_client, member, group):
    make_person(jordan, "Rosa Núñez", tier="close")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    page = jordan_client.get(f"/groups/{group.pk}/withdraw")
    assertContains(page, "Every one of your pooled rows is removed at once (1 person)")
    assert PooledPerson.objects.count() == 1
    response = jordan_client.post(f"/groups/{group.pk}/withdraw")
    assert response["Location"] == f"/groups/{group.pk}/"
    assert PooledPerson.objects.count() == 0
    assertContains(jordan_client.get(response["Location"]), "every row of yours is gone")


def test_leaving_asks_first_then_leaves(jordan, jordan_client, member, group):
    assertContains(jordan_client.get(f"/groups/{group.pk}/leave"), "Leave Northfield alumni?")
    response = jordan_client.post(f"/groups/{group.pk}/leave")
    assert response["Location"] == "/groups/"
    assert not Membership.objects.filter(user=jordan).exists()


def test_the_last_administrator_is_refused_with_the_service_s_sentence(admin, group):
    client = _client(admin)
    response = client.post(f"/groups/{group.pk}/leave")
    assertContains(response, escape(services.LAST_ADMIN), status_code=400)
    assert Membership.objects.filter(user=admin, group=group).exists()


def test_an_administrator_reads_their_role_and_reaches_the_administration(admin, group):
    client = _client(admin)
    response = client.get(f"/groups/{group.pk}/")
    assertContains(response, "You are a group administrator.")
    assertContains(response, f'href="/groups/{group.pk}/admin"')
    assertContains(client.get("/groups/"), "You are a group administrator.")


def test_a_member_is_not_offered_the_administration(jordan_client, member, group):
    assertNotContains(jordan_client.get(f"/groups/{group.pk}/"), f"/groups/{group.pk}/admin")


@pytest.mark.parametrize(
    ("method", "address"),
    [
        ("get", "/groups/{id}/"),
        ("post", "/groups/{id}/pooling"),
        ("get", "/groups/{id}/withdraw"),
        ("post", "/groups/{id}/withdraw"),
        ("get", "/groups/{id}/leave"),
        ("post", "/groups/{id}/leave"),
    ],
)
def test_a_group_not_yours_does_not_exist(riley_client, member, group, method, address):
    response = getattr(riley_client, method)(address.format(id=group.pk), {"scope": "all"})
    assert response.status_code == 404
    assert Membership.objects.filter(group=group).count() == 2


def test_the_list_shows_only_your_groups(riley_client, member):
    assertNotContains(riley_client.get("/groups/"), "Northfield alumni")


def test_the_list_reads_a_fixed_number_of_queries(
    jordan, jordan_client, admin, django_assert_num_queries
):
    for number in range(3):
        made = services.create_group(by=admin, name=f"Group {number}")
        services.join(user=jordan, code=services.new_link_code(by=admin, group_id=made.pk))
        make_person(jordan, f"Person {number}", tier="close", circles=[f"Circle {number}"])
        services.set_pooling(
            user=jordan, group_id=made.pk, scope="circles", circles=[f"Circle {number}"]
        )
    # first-run check, session, user, memberships, their circles, requests asked of you
    with django_assert_num_queries(6):
        jordan_client.get("/groups/")


def test_the_group_page_reads_a_fixed_number_of_queries(
    jordan, jordan_client, member, group, django_assert_num_queries
):
    people = [make_person(jordan, f"Person {n}", tier="close", circles=["Work"]) for n in range(4)]
    services.set_pooling(
        user=jordan, group_id=group.pk, scope="people", people=[p.pk for p in people]
    )
    # first-run check, session, user, membership, pooled count, chosen people, their circles,
    # your circles, chosen circles
    with django_assert_num_queries(9):
        jordan_client.get(f"/groups/{group.pk}/")


def test_the_group_page_reads_as_many_queries_with_three_hundred_chosen(
    jordan, jordan_client, member, group, django_assert_num_queries
):
    people = [
        make_person(jordan, f"Person {n}", tier="close", circles=["Work"]) for n in range(300)
    ]
    services.set_pooling(
        user=jordan, group_id=group.pk, scope="people", people=[p.pk for p in people]
    )
    with django_assert_num_queries(9):
        page = jordan_client.get(f"/groups/{group.pk}/")
    assertContains(page, "300 chosen.")
    assertContains(page, 'data-circles="Work"', count=300)
    assertContains(page, '<label for="chosen-filter">Find among them</label>', html=True)


def test_a_whole_circle_is_added_to_the_people_chosen(jordan, jordan_client, member, group):
    make_person(jordan, "Rosa Núñez", tier="close", circles=["Alumni"])
    make_person(jordan, "Milo Park", tier="close", circles=["Alumni"])
    kept = make_person(jordan, "Ines Ford", tier="close", circles=["Work"])
    services.set_pooling(user=jordan, group_id=group.pk, scope="people", people=[kept.pk])
    response = jordan_client.post(
        f"/groups/{group.pk}/pooling",
        {"scope": "people", "people": [kept.pk], "add_circle": "Alumni"},
        follow=True,
    )
    assertContains(response, "You pool 3 people you chose.")
    names = set(Membership.objects.get(pk=member.pk).people.values_list("full_name", flat=True))
    assert names == {"Rosa Núñez", "Milo Park", "Ines Ford"}


def test_unticked_people_stay_unticked_when_the_form_comes_back(
    jordan, jordan_client, member, group
):
    rosa = make_person(jordan, "Rosa Núñez", tier="close")
    milo = make_person(jordan, "Milo Park", tier="close")
    services.set_pooling(user=jordan, group_id=group.pk, scope="people", people=[rosa.pk, milo.pk])
    response = jordan_client.post(
        f"/groups/{group.pk}/pooling",
        {"scope": "people", "people": [rosa.pk], "add_people": "Nobody Here"},
    )
    assert response.status_code == 400
    assertContains(response, f'value="{rosa.pk}" checked', status_code=400)
    assertNotContains(response, f'value="{milo.pk}" checked', status_code=400)
