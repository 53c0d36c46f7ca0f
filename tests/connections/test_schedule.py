"""Scheduled syncs run on the digest's task queue, and one sync per account runs at a time
whatever the number of workers (two workers: threads with their own database connections).

Outside a test transaction: django-tasks-db's worker closes a connection found inside one."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection as db
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mutuals.connections import services
from mutuals.connections.models import Connection
from mutuals.connections.tasks import enqueue_due_syncs, sync_due_accounts
from mutuals.digest.worker import DigestWorker
from mutuals.interactions.models import Interaction
from tests.connections.test_sync import from_rosa
from tests.factories import make_person, make_user
from tests.smtp import shared_by_threads


def account(owner, mailbox, name="work"):
    connection, _ = services.connect_imap(
        owner=owner,
        name=name,
        host="127.0.0.1",
        port=mailbox.port,
        username=mailbox.user,
        password=mailbox.password,
        security="plain",
    )
    return connection


@pytest.fixture
def dana(transactional_db):
    user = make_user("dana")
    make_person(user, "Rosa Núñez", emails=["rosa@example.com"])
    return user


def test_a_worker_turn_syncs_the_due_accounts_through_the_queue(dana, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    account(dana, mailbox)

    DigestWorker(every=300).tick(clock=1000)

    [check] = DBTaskResult.objects.filter(task_path=sync_due_accounts.module_path)
    assert check.status == "SUCCESSFUL"
    assert check.return_value == {"synced": 1, "failed": 0, "busy": 0}
    assert Interaction.objects.filter(owner=dana, kind="email").count() == 1


def test_a_waiting_check_is_not_enqueued_twice(transactional_db):
    assert enqueue_due_syncs() is True
    assert enqueue_due_syncs() is False


def test_paused_and_recently_synced_accounts_are_not_due(dana, mailbox):
    paused = account(dana, mailbox, "paused")
    services.set_paused(owner=dana, connection=paused, paused=True)
    recent = account(dana, mailbox, "recent")
    now = timezone.now()
    Connection.objects.filter(pk=recent.pk).update(last_sync_at=now - dt.timedelta(minutes=5))
    due = account(dana, mailbox, "due")

    outcomes = services.sync_due(now=now)

    assert [o.message.split(":")[0] for o in outcomes] == [f"Synced {due.name}"]


def test_two_workers_never_sync_one_account_at_once(dana, mailbox, tmp_path):
    mailbox.append("INBOX", *(from_rosa(n, day=n) for n in range(1, 4)))
    connection = account(dana, mailbox)
    holding, second_done = threading.Event(), threading.Event()
    outcomes: dict[str, services.SyncOutcome] = {}

    def first() -> None:
        def hold(role, done, total):
            holding.set()
            second_done.wait(30)

        try:
            found = Connection.objects.get(pk=connection.pk)
            outcomes["first"] = services.sync(
                owner=dana, connection=found, batch_size=1, progress=hold
            )
        finally:
            db.close()

    def second() -> None:
        holding.wait(30)
        try:
            found = Connection.objects.get(pk=connection.pk)
            outcomes["second"] = services.sync(owner=dana, connection=found)
        finally:
            second_done.set()
            db.close()

    with shared_by_threads(tmp_path):
        workers = [threading.Thread(target=first), threading.Thread(target=second)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        assert (outcomes["first"].status, outcomes["second"].status) == (
            services.SYNCED,
            services.BUSY,
        )
        assert outcomes["first"].added["messages"] == 3
        assert Interaction.objects.filter(owner=dana).count() == 3
