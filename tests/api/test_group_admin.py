"""/api/groups/{id}/report, /admins and e-mail invitations: group administrators and the
install's only (a member: 403; anyone else: 404), numbers in JSON."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from mutuals.groups import services
from mutuals.groups.models import GroupInvitation, Membership
from tests.api.conftest import field_errors, token_client
from tests.factories import make_person
from tests.smtp import smtp_server_fixture, text_of  # noqa: F401 (fixtures)


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


def test_the_report_is_numbers_per_month(admin_api, group, admin, jordan):
    _join(group, admin, jordan)
    make_person(jordan, "Rosa Núñez", organization="Copperleaf Systems")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    data = admin_api.get(f"/api/groups/{group.pk}/report").json()
    assert (data["members"], data["pooling"], data["pooling_rate"]) == (2, 1, 50)
    assert len(data["months"]) == 12
    assert data["totals"]["joined"] == 2
    assert "Rosa" not in str(data)
    assert "Copperleaf" not in str(data)


def test_a_member_is_refused_and_a_stranger_finds_no_group(
    group, admin, jordan, jordan_api, riley_api
):
    _join(group, admin, jordan)
    assert jordan_api.get(f"/api/groups/{group.pk}/report").status_code == 403
    assert riley_api.get(f"/api/groups/{group.pk}/report").status_code == 404


def test_naming_and_removing_an_administrator(admin_api, group, admin, jordan, jordan_api):
    _join(group, admin, jordan)
    named = admin_api.post(
        f"/api/groups/{group.pk}/admins", {"username": "jordan"}, content_type="application/json"
    )
    assert named.status_code == 200, named.content
    assert named.json()["role"] == "admin"
    assert jordan_api.get(f"/api/groups/{group.pk}/report").status_code == 200
    removed = jordan_api.delete(f"/api/groups/{group.pk}/admins/ada")
    assert removed.json()["role"] == "member"
    assert Membership.objects.get(group=group, user=admin).role == Membership.MEMBER


def test_the_last_administrator_cannot_be_removed(admin_api, group):
    answer = admin_api.delete(f"/api/groups/{group.pk}/admins/ada")
    assert answer.status_code == 422
    assert "only administrator" in field_errors(answer)["username"][0]


def test_a_member_cannot_name_an_administrator(group, admin, jordan, jordan_api):
    _join(group, admin, jordan)
    answer = jordan_api.post(
        f"/api/groups/{group.pk}/admins", {"username": "jordan"}, content_type="application/json"
    )
    assert answer.status_code == 403
    assert Membership.objects.get(group=group, user=jordan).role == Membership.MEMBER


def test_invitations_are_sent_by_mail_with_a_report(admin_api, group, smtp_server):
    made = admin_api.post(
        f"/api/groups/{group.pk}/invitations",
        {"emails": "rosa@example.org\nmilo@example.org"},
        content_type="application/json",
    ).json()
    assert (made["mailed"], made["sent"], made["failed"]) == (True, 2, 0)
    assert made["items"][0]["sent"] is True
    assert made["items"][0]["code"] in text_of(smtp_server.messages[0])


def test_without_a_mail_server_the_codes_come_back_unsent(admin_api, group, settings):
    settings.MUTUALS_SMTP_HOST = ""
    made = admin_api.post(
        f"/api/groups/{group.pk}/invitations",
        {"emails": "rosa@example.org"},
        content_type="application/json",
    ).json()
    assert made["mailed"] is False
    assert made["items"][0]["sent"] is None
    assert "no mail server" in made["words"]
    assert GroupInvitation.objects.count() == 1
