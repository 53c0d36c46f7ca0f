"""/api/groups/{id}/report, /admins and e-mail invitations: group administrators and the
install's only (a member: 403; anyone else: 404), numbers in JSON."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from mutuals.groups import invitations, services
from mutuals.groups.models import GroupInvitation, Membership
from tests.api.conftest import field_errors, token_client
from tests.factories import make_person
from tests.smtp import smtp_down_fixture, smtp_server_fixture  # noqa: F401 (fixtures)


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


def test_with_a_mail_server_a_list_is_accepted_for_sending_in_the_background(
    admin_api, group, smtp_server
):
    answer = admin_api.post(
        f"/api/groups/{group.pk}/invitations",
        {"emails": "rosa@example.org\nmilo@example.org"},
        content_type="application/json",
    )
    assert answer.status_code == 202
    made = answer.json()
    assert (made["total"], made["sent"], made["waiting"], made["done"]) == (2, 0, 2, False)
    assert made["words"] == "0 of 2 sent; 2 still to send."
    assert smtp_server.messages == []
    invitations.send_batch(batch_id=made["id"])  # what the worker does
    report = admin_api.get(f"/api/groups/{group.pk}/invitations/{made['id']}").json()
    assert (report["sent"], report["done"], report["count"]) == (2, True, 2)
    assert report["items"][0]["state"] == "sent"
    assert "code" not in report["items"][0]


def test_the_failed_addresses_alone_and_a_retry(admin_api, group, smtp_down, settings):
    made = admin_api.post(
        f"/api/groups/{group.pk}/invitations",
        {"emails": "rosa@example.org"},
        content_type="application/json",
    ).json()
    invitations.send_batch(batch_id=made["id"])
    failed = admin_api.get(
        f"/api/groups/{group.pk}/invitations/{made['id']}?failed_only=true"
    ).json()
    assert failed["items"][0]["reason"].startswith("Could not reach the mail server")
    assert failed["reasons"][0]["count"] == 1
    retried = admin_api.post(f"/api/groups/{group.pk}/invitations/{made['id']}/retry")
    assert retried.status_code == 202
    assert retried.json()["waiting"] == 1
    again = admin_api.post(f"/api/groups/{group.pk}/invitations/{made['id']}/retry")
    assert again.status_code == 422


def test_a_list_is_a_404_from_another_group_and_a_403_for_a_member(
    admin_api, group, admin, smtp_server, jordan
):
    made = admin_api.post(
        f"/api/groups/{group.pk}/invitations",
        {"emails": "rosa@example.org"},
        content_type="application/json",
    ).json()
    other = services.create_group(by=admin, name="Southbank cohort")
    assert admin_api.get(f"/api/groups/{other.pk}/invitations/{made['id']}").status_code == 404
    _join(group, admin, jordan)
    member = token_client(jordan)
    assert member.get(f"/api/groups/{group.pk}/invitations/{made['id']}").status_code == 403


def test_without_a_mail_server_the_codes_come_back(admin_api, group, settings):
    settings.MUTUALS_SMTP_HOST = ""
    answer = admin_api.post(
        f"/api/groups/{group.pk}/invitations",
        {"emails": "rosa@example.org"},
        content_type="application/json",
    )
    assert answer.status_code == 201
    made = answer.json()
    assert set(made["items"][0]) == {"email", "code"}
    assert "no mail server" in made["words"]
    assert GroupInvitation.objects.count() == 1
