"""Scheduled syncs on the task queue (django-tasks, the database backend: settings.TASKS), the
same queue as the morning digest: the worker (digest/worker.py) enqueues `sync_due_accounts`
every few minutes and runs it; any number of workers may, since each sync claims its account
first (connections/services.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from mutuals.connections import services


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
