"""A group's administration page: its numbers and charts, naming and removing administrators,
e-mail invitations; a 404 for everyone but its administrators and the install's."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.groups import invitations, services
from mutuals.groups.models import Group, GroupInvitation, InvitationBatch, Membership
from mutuals.groups.tasks import send_invitations
from tests.factories import PASSWORD, make_person, make_user
from tests.smtp import smtp_down_fixture, smtp_server_fixture, text_of  # noqa: F401 (fixtures)


@pytest.fixture
def ada(db):
    return get_user_model().objects.create_superuser(username="ada", password=PASSWORD)


@pytest.fixture
def group(ada):
    return services.create_group(by=ada, name="Northfield alumni")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ada_client(ada):
    return _client(ada)


def _join(group, ada, user):
    services.join(user=user, code=services.new_link_code(by=ada, group_id=group.pk))


@pytest.fixture
def bea(group, ada):
    """A member who pools Rosa Núñez at Copperleaf Systems."""
    user = make_user("bea")
    user.first_name, user.last_name = "Beatrix", "Quillon"
    user.save()
    _join(group, ada, user)
    make_person(user, "Rosa Núñez", organization="Copperleaf Systems", tier="close")
    services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    return user


def _url(group, rest=""):
    return f"/groups/{group.pk}/admin{rest}"


def test_the_page_shows_members_pooling_and_a_chart_a_figure_with_its_table(ada_client, group, bea):
    response = ada_client.get(_url(group))
    assertContains(response, "2 members; 1 pools who they know (50%).")
    assertContains(response, 'role="img"', count=7)
    assertContains(response, '<th scope="col">Members who left</th>', html=False)
    assertContains(response, "Members at the month's end")
    assertContains(response, 'aria-labelledby="chart-searches-title chart-searches-desc"')
    assertContains(response, '<th scope="col">Introductions thanked</th>', html=False)
    assertContains(response, "All 12 months")


def test_the_page_never_shows_anyones_network_or_searches(ada_client, group, bea, jordan):
    _join(group, Group.objects.get(pk=group.pk).created_by, jordan)
    services.search(user=jordan, group_id=group.pk, person="Rosa Núñez")
    response = ada_client.get(_url(group))
    assertNotContains(response, "Rosa")
    assertNotContains(response, "Copperleaf")


def test_a_searchs_count_shows_in_the_table(ada_client, group, bea, jordan, ada):
    _join(group, ada, jordan)
    services.search(user=jordan, group_id=group.pk, organisation="Copperleaf Systems")
    response = ada_client.get(_url(group))
    assertContains(response, "1 pooled search this month")


def test_a_group_administrator_who_is_not_an_install_admin_sees_the_page(group, bea, ada):
    from mutuals.groups import administration

    administration.name_admin(by=ada, group_id=group.pk, username="bea")
    assert _client(bea).get(_url(group)).status_code == 200


@pytest.mark.parametrize("path", ["", "/remove?username=ada"])
def test_a_member_or_a_stranger_finds_no_page(group, bea, riley_client, path):
    assert _client(bea).get(_url(group, path)).status_code == 404
    assert riley_client.get(_url(group, path)).status_code == 404


@pytest.mark.parametrize("path", ["/name", "/remove", "/invite"])
def test_a_member_cannot_post_to_the_administrators_forms(group, bea, path, ada):
    data = {"username": "bea", "emails": "x@example.org", "days": "3"}
    assert _client(bea).post(_url(group, path), data).status_code == 404
    assert Membership.objects.get(group=group, user=bea).role == Membership.MEMBER
    assert not GroupInvitation.objects.exists()


def test_signed_out_the_page_asks_to_sign_in(client, group):
    response = client.get(_url(group))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_naming_an_administrator(ada_client, group, bea):
    response = ada_client.post(_url(group, "/name"), {"username": "bea"}, follow=True)
    assertContains(response, "bea is now an administrator of Northfield alumni.")
    assert Membership.objects.get(group=group, user=bea).role == Membership.ADMIN


def test_naming_someone_who_is_not_a_member_says_so_next_to_the_field(ada_client, group, riley):
    response = ada_client.post(_url(group, "/name"), {"username": "riley"})
    assert response.status_code == 400
    assertContains(response, "riley&#39; is not a member of this group", status_code=400)
    assert not Membership.objects.filter(user=riley).exists()


def test_removing_an_administrator_asks_first_then_keeps_them_a_member(ada_client, group, bea):
    ada_client.post(_url(group, "/name"), {"username": "bea"})
    asked = ada_client.get(_url(group, "/remove?username=bea"))
    assertContains(asked, "Remove bea as an administrator of Northfield alumni?")
    assert Membership.objects.get(group=group, user=bea).role == Membership.ADMIN
    done = ada_client.post(_url(group, "/remove"), {"username": "bea"}, follow=True)
    assertContains(done, "bea is a member of Northfield alumni again")
    assert Membership.objects.get(group=group, user=bea).role == Membership.MEMBER


def test_the_last_administrator_offers_no_remove_link_and_cannot_be_removed(ada_client, group):
    page = ada_client.get(_url(group))
    assertNotContains(page, "/admin/remove")
    assertContains(page, "A group always keeps one administrator")
    refused = ada_client.post(_url(group, "/remove"), {"username": "ada"})
    assertContains(refused, "only administrator", status_code=400)


def test_without_a_mail_server_the_invitations_page_hands_out_codes(ada_client, group, settings):
    settings.MUTUALS_SMTP_HOST = ""
    page = ada_client.get(_url(group))
    assertContains(page, "no mail server set")
    assertContains(page, "Make the codes")
    response = ada_client.post(_url(group, "/invite"), {"emails": "rosa@example.org", "days": 7})
    assertContains(response, "give each person their code yourself")
    assert GroupInvitation.objects.count() == 1


def test_with_a_mail_server_the_list_goes_to_the_queue_and_its_page(
    ada_client, group, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ada_client.post(
            _url(group, "/invite"), {"emails": "rosa@example.org\nmilo@example.org", "days": 7}
        )
    [batch] = InvitationBatch.objects.all()
    assert response.status_code == 302
    assert response["Location"] == _url(group, f"/invitations/{batch.pk}")
    [queued] = DBTaskResult.objects.filter(task_path=send_invitations.module_path)
    assert queued.args_kwargs["args"] == [batch.pk]  # the list's id, never an address or code
    assert smtp_server.messages == []  # nothing is sent inside the request
    page = ada_client.get(response["Location"])
    assertContains(page, "0 of 2 sent; 2 still to send.")
    assertContains(page, 'hx-trigger="every 3s"')


def _sent(ada_client, group, emails: str) -> InvitationBatch:
    ada_client.post(_url(group, "/invite"), {"emails": emails, "days": 7})
    batch = InvitationBatch.objects.get()
    invitations.send_batch(batch_id=batch.pk)  # what the worker does
    return batch


def test_the_lists_page_shows_the_progress_and_each_address(ada_client, group, smtp_server):
    batch = _sent(ada_client, group, "rosa@example.org\nmilo@example.org")
    page = ada_client.get(_url(group, f"/invitations/{batch.pk}"))
    assertContains(page, "2 of 2 sent.")
    assertContains(page, "rosa@example.org")
    assertNotContains(page, 'hx-trigger="every 3s"')  # done: no more asking
    assert "http://testserver/groups/join/" in text_of(smtp_server.messages[0])
    assertContains(ada_client.get(_url(group)), "2 of 2 sent.")  # on the administration page


def test_htmx_asks_for_the_progress_alone(ada_client, group, smtp_server):
    batch = _sent(ada_client, group, "rosa@example.org")
    part = ada_client.get(_url(group, f"/invitations/{batch.pk}"), headers={"HX-Request": "true"})
    assertContains(part, "1 of 1 sent.")
    assertNotContains(part, "<html")


def test_a_failed_send_is_reported_next_to_its_address_and_can_be_retried(
    ada_client, group, smtp_down, settings
):
    batch = _sent(ada_client, group, "rosa@example.org")
    page = ada_client.get(_url(group, f"/invitations/{batch.pk}"))
    assertContains(page, "0 of 1 sent, 1 failed: Could not reach the mail server")
    assertContains(page, "Send the 1 that failed again")
    retried = ada_client.post(_url(group, f"/invitations/{batch.pk}/retry"), follow=True)
    assertContains(retried, "Sending the 1 that failed again")
    assert GroupInvitation.objects.get().state == GroupInvitation.WAITING


def test_retrying_a_list_with_nothing_failed_says_so(ada_client, group, smtp_server):
    batch = _sent(ada_client, group, "rosa@example.org")
    done = ada_client.post(_url(group, f"/invitations/{batch.pk}/retry"), follow=True)
    assertContains(done, "there is none to retry")
    assert GroupInvitation.objects.get().state == GroupInvitation.SENT


def test_a_lists_page_is_a_404_for_a_member_a_stranger_and_another_group(
    ada_client, ada, group, bea, riley_client, smtp_server
):
    batch = _sent(ada_client, group, "rosa@example.org")
    other = services.create_group(by=ada, name="Southbank cohort")
    assert _client(bea).get(_url(group, f"/invitations/{batch.pk}")).status_code == 404
    assert riley_client.get(_url(group, f"/invitations/{batch.pk}")).status_code == 404
    assert ada_client.get(f"/groups/{other.pk}/admin/invitations/{batch.pk}").status_code == 404
    retry = _client(bea).post(_url(group, f"/invitations/{batch.pk}/retry"))
    assert retry.status_code == 404


def test_a_lists_page_reads_a_fixed_number_of_queries(
    ada_client, group, smtp_server, django_assert_max_num_queries
):
    batch = _sent(ada_client, group, "\n".join(f"p{n}@example.org" for n in range(30)))
    with django_assert_max_num_queries(9):
        assert ada_client.get(_url(group, f"/invitations/{batch.pk}")).status_code == 200


def test_a_bad_address_is_named_and_nothing_is_made(ada_client, group, smtp_server):
    response = ada_client.post(
        _url(group, "/invite"), {"emails": "rosa@example.org\nnot an address", "days": 7}
    )
    assertContains(response, "not an address&#39; is not an e-mail address.", status_code=400)
    assert not GroupInvitation.objects.exists()
    assert smtp_server.messages == []


def test_bad_days_are_named_and_nothing_is_made(ada_client, group):
    response = ada_client.post(_url(group, "/invite"), {"emails": "rosa@example.org", "days": 99})
    assertContains(response, "An invitation lasts from 1 to 60 days.", status_code=400)
    assert not GroupInvitation.objects.exists()


def test_the_page_reads_a_fixed_number_of_queries(
    ada_client, group, bea, ada, django_assert_max_num_queries, smtp_server
):
    for n in range(5):
        _join(group, ada, make_user(f"member{n}"))
    ada_client.post(_url(group, "/invite"), {"emails": "rosa@example.org", "days": 7})
    with django_assert_max_num_queries(14):
        assert ada_client.get(_url(group)).status_code == 200


def test_an_install_administrator_who_does_not_belong_sees_the_page(group):
    otto = get_user_model().objects.create_superuser(username="otto", password=PASSWORD)
    assert not Membership.objects.filter(user=otto).exists()
    assertContains(_client(otto).get(_url(group)), "Administering Northfield alumni")
