"""The worker's turns on the real task queue (django-tasks' database backend): the due-digest
check is enqueued once per period, run, and forgotten after a day.

Outside a test transaction: django-tasks-db's worker closes a connection found inside one
(Django's close_old_connections), as it would a broken one."""

from __future__ import annotations

import datetime as dt
import threading

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mutuals.digest.tasks import send_due_digests
from mutuals.digest.worker import DigestWorker, enqueue_check, forget_old_checks


def checks() -> DBTaskResult:
    return DBTaskResult.objects.filter(task_path=send_due_digests.module_path)


def test_a_turn_enqueues_the_check_and_runs_it(transactional_db):
    DigestWorker(every=300).tick(clock=1000)

    [check] = checks()
    assert check.status == "SUCCESSFUL"
    assert check.return_value == {"sent": 0, "failed": 0, "skipped": 0}


def test_the_check_is_enqueued_once_per_period(transactional_db):
    worker = DigestWorker(every=300)
    worker.tick(clock=1000)
    worker.tick(clock=1299)
    worker.tick(clock=1300)

    assert checks().count() == 2


def test_a_waiting_check_is_not_enqueued_twice(transactional_db):
    assert enqueue_check() is True
    assert enqueue_check() is False
    assert checks().count() == 1


def test_finished_checks_are_forgotten_after_a_day(transactional_db):
    DigestWorker().tick(clock=0)
    now = timezone.now()

    assert forget_old_checks(now=now) == 0
    assert forget_old_checks(now=now + dt.timedelta(days=1, minutes=1)) == 1
    assert not checks().exists()


def test_a_stopped_worker_returns_without_a_turn(transactional_db):
    stop = threading.Event()
    stop.set()

    DigestWorker().run(stop, poll=0)

    assert not checks().exists()
