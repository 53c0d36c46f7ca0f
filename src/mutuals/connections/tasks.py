"""Scheduled syncs on the task queue (django-tasks, the database backend: settings.TASKS), the
same queue as the morning digest: the worker (digest/worker.py) enqueues `sync_due_accounts`
every few minutes and runs it; any number of workers may, since each sync claims its account
first (connections/services.py).

"Sync now" on the web and the API queues `sync_account` for one account (services.request_sync)
and answers at once; the page follows it while it waits or runs. The CLI's `mutuals sync` syncs
in its own process instead (no queue)."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.utils import timezone
from django_tasks import task

from mutuals.connections import services
from mutuals.connections.models import Connection


@task()
def sync_due_accounts() -> dict[str, int]:
    """Sync every account that is due; the counts, for the task's result (no names)."""
    outcomes = services.sync_due()
    return {
        "synced": sum(1 for outcome in outcomes if outcome.status == services.SYNCED),
        "failed": sum(1 for outcome in outcomes if outcome.status == services.FAILED),
        "busy": sum(1 for outcome in outcomes if outcome.status == services.BUSY),
    }


KEEP_RESULTS = dt.timedelta(days=1)  # finished checks are deleted after this
# A worker looks at the queue every few seconds (digest/worker.py POLL_EVERY): a sync asked for
# that still waits after this long finds no worker, or one busy with a long sync of another.
WORKER_LATE = dt.timedelta(minutes=2)


def enqueue_due_syncs(now: dt.datetime | None = None) -> bool:
    """Put the due-sync check on the queue unless one is waiting already; forget the finished
    checks older than KEEP_RESULTS, so the queue's table stays small."""
    from django_tasks_db.models import DBTaskResult

    before = (now or timezone.now()) - KEEP_RESULTS
    DBTaskResult.objects.finished().filter(
        task_path=sync_due_accounts.module_path, finished_at__lt=before
    ).delete()
    waiting = DBTaskResult.objects.ready().filter(task_path=sync_due_accounts.module_path)
    if waiting.exists():
        return False
    sync_due_accounts.enqueue()
    return True


@task()
def sync_account(connection_id: int) -> dict[str, int]:
    """One account's sync asked for ("Sync now"); the counts, for the task's result (no names).
    An account removed meanwhile is nothing to do; one already syncing is left to that sync."""
    connection = Connection.objects.select_related("owner").filter(pk=connection_id).first()
    if connection is None:
        return {"synced": 0, "failed": 0, "busy": 0}
    outcome = services.sync(owner=connection.owner, connection=connection)
    return {
        "synced": int(outcome.status == services.SYNCED),
        "failed": int(outcome.status == services.FAILED),
        "busy": int(outcome.status == services.BUSY),
    }


def enqueue_sync(connection_id: int, now: dt.datetime | None = None) -> None:
    """Queue one account's sync (the caller holds the account's row: services.request_sync);
    forget the finished ones older than KEEP_RESULTS."""
    from django_tasks_db.models import DBTaskResult

    before = (now or timezone.now()) - KEEP_RESULTS
    DBTaskResult.objects.finished().filter(
        task_path=sync_account.module_path, finished_at__lt=before
    ).delete()
    sync_account.enqueue(connection_id)


def waiting_syncs() -> dict[int, dt.datetime]:
    """The accounts whose sync waits on the queue (asked for, not started yet), each with when
    it was asked for. The CLI's settings leave the queue out: there, only a running sync (its
    claim) shows."""
    if not apps.is_installed("django_tasks_db"):
        return {}
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready().filter(task_path=sync_account.module_path)
    asked: dict[int, dt.datetime] = {}
    for arguments, enqueued_at in waiting.values_list("args_kwargs", "enqueued_at"):
        account = int(arguments["args"][0])
        asked[account] = min(enqueued_at, asked.get(account, enqueued_at))
    return asked
