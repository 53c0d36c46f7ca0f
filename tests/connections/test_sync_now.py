"""'Sync now' on the task queue: asking queues one sync of the account and answers at once; the
worker's code path runs it; asking again while it waits or runs queues nothing more."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mutuals.connections import selectors, services, tasks
from mutuals.connections.models import Connection
from mutuals.digest.worker import run_waiting_tasks
from mutuals.interactions.models import Interaction
from tests.connections.test_sync import from_rosa
from tests.connections.test_web import account
from tests.factories import make_person, make_user


def queued(connection):
    return DBTaskResult.objects.filter(
        task_path=tasks.sync_account.module_path, args_kwargs__args=[connection.pk]
    )


def test_asking_queues_one_sync_and_reads_nothing_yet(jordan, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    connection = account(jordan, mailbox)

    outcome = services.request_sync(owner=jordan, connection=connection)

    assert outcome.status == services.QUEUED
    assert queued(connection).count() == 1
    assert selectors.sync_state(Connection.objects.get(pk=connection.pk)).syncing
    assert Connection.objects.get(pk=connection.pk).last_sync_at is None


def test_asking_twice_queues_one_sync_and_says_it_is_syncing(jordan, mailbox):
    connection = account(jordan, mailbox)

    services.request_sync(owner=jordan, connection=connection)
    again = services.request_sync(owner=jordan, connection=connection)

    assert again.status == services.BUSY
    assert again.message == "Work is being synced right now."
    assert queued(connection).count() == 1


def test_a_running_sync_is_not_queued_again_until_its_claim_lapses(jordan, mailbox):
    connection = account(jordan, mailbox)
    now = timezone.now()
    assert services.claim(connection, now=now) is not None  # a sync runs

    assert services.request_sync(owner=jordan, connection=connection, now=now).status == "busy"
    assert not queued(connection).exists()
    later = now + services.STALE_CLAIM + dt.timedelta(seconds=1)
    assert services.request_sync(owner=jordan, connection=connection, now=later).status == "queued"


def test_the_worker_runs_the_queued_sync(transactional_db, mailbox):
    jordan = make_user("jordan")
    make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])
    mailbox.append("INBOX", from_rosa(1))
    connection = account(jordan, mailbox)
    services.request_sync(owner=jordan, connection=connection)

    run_waiting_tasks("test-worker")

    [done] = queued(connection)
    assert done.status == "SUCCESSFUL"
    assert done.return_value == {"synced": 1, "failed": 0, "busy": 0}
    synced = Connection.objects.get(pk=connection.pk)
    assert synced.last_added["messages"] == 1
    assert not selectors.sync_state(synced).syncing
    assert Interaction.objects.filter(owner=jordan).count() == 1
    # Done: asking again queues a new one.
    assert services.request_sync(owner=jordan, connection=synced).status == "queued"


def test_an_account_removed_before_its_sync_ran_is_nothing_to_do(jordan, mailbox):
    connection = account(jordan, mailbox)
    pk = connection.pk
    connection.delete()

    assert tasks.sync_account.call(pk) == {"synced": 0, "failed": 0, "busy": 0}


def test_someone_else_s_account_cannot_be_queued(jordan, riley, mailbox):
    connection = account(jordan, mailbox)
    with pytest.raises(Connection.DoesNotExist):
        services.request_sync(owner=riley, connection=connection)
    assert not queued(connection).exists()


def test_a_sync_left_waiting_longer_than_a_worker_takes_is_waiting_for_the_worker(jordan, mailbox):
    connection = account(jordan, mailbox)
    services.request_sync(owner=jordan, connection=connection)
    asked = queued(connection).get().enqueued_at

    soon = selectors.sync_state(connection, now=asked + tasks.WORKER_LATE)
    late = selectors.sync_state(connection, now=asked + tasks.WORKER_LATE + dt.timedelta(seconds=1))

    assert soon == selectors.SyncState(syncing=True, waiting_for_worker=False)
    assert late == selectors.SyncState(syncing=True, waiting_for_worker=True)


def test_a_running_sync_is_not_waiting_for_the_worker(jordan, mailbox):
    connection = account(jordan, mailbox)
    services.request_sync(owner=jordan, connection=connection)
    later = queued(connection).get().enqueued_at + tasks.WORKER_LATE * 10
    assert services.claim(connection, now=later) is not None  # a worker took it, late

    state = selectors.sync_state(Connection.objects.get(pk=connection.pk), now=later)

    assert state == selectors.SyncState(syncing=True, waiting_for_worker=False)


def test_an_account_with_no_sync_asked_for_waits_for_nothing(jordan, mailbox):
    connection = account(jordan, mailbox)

    state = selectors.sync_state(connection, now=timezone.now() + tasks.WORKER_LATE * 10)

    assert state == selectors.SyncState(syncing=False, waiting_for_worker=False)
