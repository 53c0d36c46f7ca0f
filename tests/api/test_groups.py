"""/api/groups: strict inputs, 404 for groups you do not belong to, counts never below the
threshold as numbers, the daily limit as 429."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from mutuals.groups import services
from mutuals.groups.models import Membership, PooledPerson
from tests.api.conftest import field_errors, token_client
from tests.factories import make_person, make_user


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def admin_api(admin):
    return token_client(admin)


@pytest.fixture
def group(admin):
    return services.create_group(by=admin, name="Northfield alumni")


def _join(group, admin, user):
    services.join(user=user, code=services.new_link_code(by=admin, group_id=group.pk))


def test_an_administrator_creates_a_group_and_lists_it(admin_api):
    created = admin_api.post(
        "/api/groups", {"name": "Northfield alumni"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["role"] == "admin"
    listed = admin_api.get("/api/groups").json()
    assert listed["count"] == 1
    assert listed["items"][0]["name"] == "Northfield alumni"


def test_a_member_cannot_create_a_group(jordan_api):
    answer = jordan_api.post("/api/groups", {"name": "Mine"}, content_type="application/json")
    assert answer.status_code == 403


def test_joining_by_code_then_pooling_and_withdrawing(admin_api, group, jordan, jordan_api):
    code = admin_api.post(f"/api/groups/{group.pk}/link").json()["code"]
    joined = jordan_api.post("/api/groups/join", {"code": code}, content_type="application/json")
    assert joined.status_code == 201
    make_person(jordan, "Rosa Núñez", organization="Copperleaf")
    pooled = jordan_api.put(
        f"/api/groups/{group.pk}/pooling", {"scope": "all"}, content_type="application/json"
    )
    assert pooled.json()["pooled_people"] == 1
    assert jordan_api.delete(f"/api/groups/{group.pk}/pooling").status_code == 204
    assert not PooledPerson.objects.exists()


def test_a_group_you_do_not_belong_to_is_not_found(group, riley_api):
    assert riley_api.get(f"/api/groups/{group.pk}").status_code == 404
    assert riley_api.get(f"/api/groups/{group.pk}/search?organisation=x").status_code == 404
    assert riley_api.post(f"/api/groups/{group.pk}/link").status_code == 404


def test_a_member_may_not_see_the_member_list(admin, group, jordan, jordan_api):
    _join(group, admin, jordan)
    assert jordan_api.get(f"/api/groups/{group.pk}/members").status_code == 403


def test_the_member_list_names_members_never_what_they_pool(admin, admin_api, group, jordan):
    _join(group, admin, jordan)
    make_person(jordan, "Rosa Núñez", organization="Copperleaf")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    body = admin_api.get(f"/api/groups/{group.pk}/members").json()
    assert body["count"] == 2
    assert {item["username"]: item["pools"] for item in body["items"]} == {
        "ada": False,
        "jordan": True,
    }
    assert "Rosa" not in str(body)
    assert "Copperleaf" not in str(body)


def test_a_search_below_the_threshold_says_a_few_not_a_number(admin, admin_api, group, jordan):
    _join(group, admin, jordan)
    make_person(jordan, "Rosa Núñez", organization="Copperleaf", tier="inner")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    body = admin_api.get(f"/api/groups/{group.pk}/search?organisation=Copperleaf").json()
    assert body["members"] == "a few"
    assert body["well"] == "a few"
    assert body["threshold"] == 3
    assert "Rosa" not in str(body)
    assert "jordan" not in str(body)


def test_a_search_from_the_threshold_gives_numbers(admin, admin_api, group):
    for name in ("m1", "m2", "m3"):
        user = make_user(name)
        _join(group, admin, user)
        make_person(user, "Someone", organization="Copperleaf", tier="acquaintance")
        services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    body = admin_api.get(f"/api/groups/{group.pk}/search?organisation=Copperleaf").json()
    assert body["members"] == 3
    assert body["well"] == 0
    assert body["words"] == "3 members know someone at Copperleaf, none of them well yet."


def test_a_search_needs_a_specific_target(admin_api, group):
    errors = field_errors(admin_api.get(f"/api/groups/{group.pk}/search"))
    assert "target" in errors
    errors = field_errors(admin_api.get(f"/api/groups/{group.pk}/search?words=manager"))
    assert "words" in errors


def test_an_unknown_query_parameter_is_refused(admin_api, group):
    answer = admin_api.get(f"/api/groups/{group.pk}/search?organisation=x&all=1")
    assert answer.status_code == 422


def test_the_daily_limit_answers_429_with_a_sentence(admin, admin_api):
    group = services.create_group(by=admin, name="Small", daily_searches=1)
    url = f"/api/groups/{group.pk}/search?organisation=Copperleaf"
    assert admin_api.get(url).status_code == 200
    answer = admin_api.get(url)
    assert answer.status_code == 429
    assert "searches open again tomorrow" in answer.json()["detail"]


def test_invitations_from_a_csv_name_a_bad_line(admin_api, group):
    answer = admin_api.post(
        f"/api/groups/{group.pk}/invitations",
        {"emails": "a@example.org\nnope\n"},
        content_type="application/json",
    )
    assert field_errors(answer)["emails"] == ["Line 2: 'nope' is not an e-mail address."]
    made = admin_api.post(
        f"/api/groups/{group.pk}/invitations",
        {"emails": "a@example.org\nb@example.org\n"},
        content_type="application/json",
    ).json()
    assert made["count"] == 2


def test_pooling_a_scope_that_does_not_exist_is_refused(admin, group, jordan, jordan_api):
    _join(group, admin, jordan)
    answer = jordan_api.put(
        f"/api/groups/{group.pk}/pooling", {"scope": "everything"}, content_type="application/json"
    )
    assert answer.status_code == 422


def test_leaving_a_group(admin, group, jordan, jordan_api):
    _join(group, admin, jordan)
    assert jordan_api.delete(f"/api/groups/{group.pk}/membership").status_code == 204
    assert jordan_api.get(f"/api/groups/{group.pk}").status_code == 404


def test_the_pooling_operation_is_described_in_core_pool_s_words(db):
    from django.test import Client

    from mutuals.core import pool

    paths = Client().get("/api/openapi.json").json()["paths"]
    assert paths["/api/groups/{group_id}/pooling"]["put"]["description"] == pool.POOLING_WORDS
