"""E-mail invitations to a group (groups.invitations): codes handed back without a mail server;
with one, a list sent in the background through the task queue, each address once, its code
made only when its e-mail goes; the progress in words; retrying only the failed ones. Real
SMTP servers on loopback (tests/smtp.py)."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mutuals.core.codes import hash_code
from mutuals.digest.worker import run_waiting_tasks
from mutuals.groups import invitations, services
from mutuals.groups.models import GroupInvitation, InvitationBatch, Membership
from mutuals.groups.tasks import send_invitations
from tests.factories import make_user
from tests.smtp import (  # noqa: F401 (fixtures)
    point_settings_at,
    smtp_down_fixture,
    smtp_server_fixture,
    text_of,
)

CSV = "email\nrosa@example.org\nmilo@example.org\n"
CODE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")


@pytest.fixture
def ada(db):
    user = get_user_model().objects.create_superuser(username="ada", password="x" * 20)
    user.first_name, user.last_name = "Ada", "Lovelace"
    user.save()
    return user


@pytest.fixture
def group(ada):
    return services.create_group(by=ada, name="Northfield alumni")


def _list(group, ada, csv_text=CSV, **kw) -> invitations.BatchProgress:
    made = invitations.invite_by_email(
        by=ada, group_id=group.pk, csv_text=csv_text, queue=False, **kw
    )
    assert isinstance(made, invitations.BatchProgress)
    return made


def _code(message) -> str:
    return CODE.findall(text_of(message))[-1]


# ---- without a mail server, or asked not to send -----------------------------------------


def test_without_a_mail_server_the_codes_are_handed_back_and_nothing_waits(group, ada, settings):
    settings.MUTUALS_SMTP_HOST = ""
    report = invitations.invite_by_email(by=ada, group_id=group.pk, csv_text=CSV)
    assert isinstance(report, invitations.InvitationReport)
    assert "no mail server" in report.message
    assert [i.email for i in report.invitations] == ["rosa@example.org", "milo@example.org"]
    assert not InvitationBatch.objects.exists()
    assert GroupInvitation.objects.count() == 2


def test_asking_for_no_mail_makes_the_codes_and_sends_nothing(group, ada, smtp_server):
    report = invitations.invite_by_email(by=ada, group_id=group.pk, csv_text=CSV, send=False)
    assert isinstance(report, invitations.InvitationReport)
    assert "give each person their code" in report.message
    assert smtp_server.messages == []


# ---- a list sent in the background -------------------------------------------------------


def test_a_list_waits_and_nothing_is_sent_until_the_worker_sends_it(group, ada, smtp_server):
    progress = _list(group, ada)
    assert (progress.total, progress.sent, progress.waiting) == (2, 0, 2)
    assert smtp_server.messages == []
    assert set(GroupInvitation.objects.values_list("state", flat=True)) == {"waiting"}


def test_each_address_gets_its_own_code_which_joins_the_group(group, ada, smtp_server, jordan):
    progress = _list(group, ada, days=10)
    done = invitations.send_batch(batch_id=progress.batch_id)
    assert (done.sent, done.failed, done.done) == (2, 0, True)
    assert smtp_server.recipients == [["rosa@example.org"], ["milo@example.org"]]
    first, second = (_code(m) for m in smtp_server.messages)
    assert first != second
    assert smtp_server.messages[0]["Subject"] == (
        "Ada Lovelace invites you to join Northfield alumni on mutuals"
    )
    services.join(user=jordan, code=first)
    assert Membership.objects.filter(group=group, user=jordan).exists()


def test_only_the_codes_hash_is_kept(group, ada, smtp_server):
    progress = _list(group, ada)
    invitations.send_batch(batch_id=progress.batch_id)
    code = _code(smtp_server.messages[0])
    row = GroupInvitation.objects.get(email="rosa@example.org")
    assert row.code_hash == hash_code(code)
    assert code not in str(list(GroupInvitation.objects.values()))


def test_sending_a_list_twice_sends_each_address_once(group, ada, smtp_server):
    progress = _list(group, ada)
    invitations.send_batch(batch_id=progress.batch_id)
    again = invitations.send_batch(batch_id=progress.batch_id)
    assert len(smtp_server.messages) == 2
    assert again.sent == 2


def test_an_address_another_worker_claimed_is_not_sent_again(group, ada, smtp_server):
    progress = _list(group, ada)
    rosa = GroupInvitation.objects.get(email="rosa@example.org")
    assert invitations._claim(rosa.pk) is not None  # another worker took it
    invitations.send_batch(batch_id=progress.batch_id)
    assert smtp_server.recipients == [["milo@example.org"]]


def test_a_mail_server_that_is_down_fails_each_address_with_the_reason(group, ada, smtp_down):
    progress = _list(group, ada)
    done = invitations.send_batch(batch_id=progress.batch_id)
    assert (done.sent, done.failed) == (0, 2)
    assert done.words().startswith("0 of 2 sent, 2 failed: Could not reach the mail server at")
    assert done.reasons[0][1] == 2


def test_the_logs_count_failures_and_name_no_address(group, ada, smtp_down, caplog):
    progress = _list(group, ada)
    with caplog.at_level(logging.WARNING, logger="mutuals.groups"):
        invitations.send_batch(batch_id=progress.batch_id)
    assert "2 of 2 group invitations were not sent." in caplog.text
    assert "example.org" not in caplog.text


def test_retrying_sends_only_the_failed_ones_with_a_new_code(group, ada, smtp_server, jordan):
    progress = _list(group, ada)
    invitations.send_batch(batch_id=progress.batch_id)
    old = _code(smtp_server.messages[1])
    GroupInvitation.objects.filter(email="milo@example.org").update(
        state=GroupInvitation.FAILED, reason="The mail server refused the message."
    )
    invitations.retry_failed(by=ada, group_id=group.pk, batch_id=progress.batch_id, queue=False)
    done = invitations.send_batch(batch_id=progress.batch_id)
    assert smtp_server.recipients == [["rosa@example.org"], ["milo@example.org"]] * 1 + [
        ["milo@example.org"]
    ]
    assert (done.sent, done.failed) == (2, 0)
    new = _code(smtp_server.messages[2])
    assert new != old
    with pytest.raises(ValidationError, match="not one we know"):
        services.join(user=jordan, code=old)
    services.join(user=jordan, code=new)


def test_retrying_with_nothing_failed_says_so(group, ada, smtp_server):
    progress = _list(group, ada)
    invitations.send_batch(batch_id=progress.batch_id)
    with pytest.raises(ValidationError, match="none to retry"):
        invitations.retry_failed(by=ada, group_id=group.pk, batch_id=progress.batch_id)


def test_an_address_left_being_sent_by_a_stopped_worker_is_failed_after_a_while(
    group, ada, smtp_server
):
    progress = _list(group, ada)
    rosa = GroupInvitation.objects.get(email="rosa@example.org")
    invitations._claim(rosa.pk)  # a worker claimed it, then stopped
    long_ago = timezone.now() - invitations.STALE_SENDING - dt.timedelta(minutes=1)
    GroupInvitation.objects.filter(pk=rosa.pk).update(claimed_at=long_ago)
    done = invitations.send_batch(batch_id=progress.batch_id)
    rosa.refresh_from_db()
    assert (rosa.state, rosa.reason) == ("failed", invitations.STOPPED_MIDWAY)
    assert (done.sent, done.failed) == (1, 1)


def test_a_member_cannot_send_invitations_or_read_a_list(group, ada, smtp_server):
    bea = make_user("bea")
    services.join(user=bea, code=services.new_link_code(by=ada, group_id=group.pk))
    with pytest.raises(PermissionDenied):
        invitations.invite_by_email(by=bea, group_id=group.pk, csv_text=CSV)
    progress = _list(group, ada)
    with pytest.raises(PermissionDenied):
        invitations.batch_of(by=bea, group_id=group.pk, batch_id=progress.batch_id)
    with pytest.raises(PermissionDenied):
        invitations.retry_failed(by=bea, group_id=group.pk, batch_id=progress.batch_id)


def test_a_list_is_read_only_through_its_own_group(group, ada, smtp_server):
    progress = _list(group, ada)
    other = services.create_group(by=ada, name="Southbank cohort")
    with pytest.raises(InvitationBatch.DoesNotExist):
        invitations.batch_of(by=ada, group_id=other.pk, batch_id=progress.batch_id)


def test_a_bad_line_makes_no_list(group, ada, smtp_server):
    with pytest.raises(ValidationError, match="Line 2"):
        invitations.invite_by_email(by=ada, group_id=group.pk, csv_text="a@example.org\nnope")
    assert not InvitationBatch.objects.exists()
    assert not GroupInvitation.objects.exists()


def test_the_report_lists_the_failed_first(group, ada, smtp_server):
    progress = _list(group, ada)
    invitations.send_batch(batch_id=progress.batch_id)
    GroupInvitation.objects.filter(email="milo@example.org").update(
        state=GroupInvitation.FAILED, reason="Refused."
    )
    rows = invitations.addresses_of(batch=invitations.progress_of(InvitationBatch.objects.get()))
    assert [(r.email, r.words) for r in rows] == [
        ("milo@example.org", "not sent"),
        ("rosa@example.org", "sent"),
    ]


def test_the_progress_in_words():
    progress = invitations.BatchProgress(
        batch_id=1,
        group_id=1,
        created_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
        total=5000,
        sent=312,
        failed=2,
        reasons=(("The mail server at mail:587 refused this address.", 2),),
    )
    assert progress.words() == (
        "312 of 5,000 sent, 2 failed: The mail server at mail:587 refused this address (2); "
        "4,686 still to send."
    )


# ---- on the real queue -------------------------------------------------------------------


def test_the_worker_sends_a_queued_list(transactional_db, smtp_server):
    """Outside a test transaction: the invitations wait on django-tasks' database queue until
    the worker (the digest's, which runs every task) takes them."""
    ada = get_user_model().objects.create_superuser(username="ada", password="x" * 20)
    group = services.create_group(by=ada, name="Northfield alumni")
    made = invitations.invite_by_email(by=ada, group_id=group.pk, csv_text=CSV)
    [queued] = DBTaskResult.objects.filter(task_path=send_invitations.module_path)
    assert queued.args_kwargs["args"] == [made.batch_id]
    assert smtp_server.messages == []
    run_waiting_tasks("test-worker")
    assert len(smtp_server.messages) == 2
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert queued.return_value == {"sent": 2, "failed": 0, "waiting": 0}
