"""Rebuilding a group's stale members in the background, when a search finds more than it
rebuilds itself (after a command or the admin site marked every pooling member stale).

`hand_over(group_id)` puts one `drain_stale` task for the group on the task queue (django-tasks,
the database backend, as the digest's check: settings.TASKS), unless one is waiting for it
already; the worker (`mutuals worker`, or the one inside `mutuals serve`) runs it:
`services.drain_stale` rebuilds every stale member, a batch at a time. One drain per group at a
time: on PostgreSQL the task holds an advisory lock on the group while it runs, so a second
one (enqueued while the first ran) waits, then finds little or nothing left. Where the queue
is not installed (the CLI's record commands run without it), nothing is handed over:
searches rebuild `services.REBUILT_PER_SEARCH` members each, as before. Only the group's id
goes on the queue.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection

DRAIN_LOCK = 1717  # the advisory lock's first key; the group's id is the second


def hand_over(group_id: int) -> bool:
    """Enqueue a drain of the group's stale members unless one is waiting; whether it did."""
    if not apps.is_installed("django_tasks_db"):
        return False
    from django_tasks_db.models import DBTaskResult

    from mutuals.groups.tasks_drain import drain_stale

    waiting = DBTaskResult.objects.ready().filter(task_path=drain_stale.module_path)
    if any(found["args"] == [group_id] for found in waiting.values_list("args_kwargs", flat=True)):
        return False
    drain_stale.enqueue(group_id)
    return True


def drain(group_id: int) -> int:
    """`services.drain_stale`, one at a time per group (PostgreSQL: an advisory lock)."""
    from mutuals.groups import services

    if connection.vendor != "postgresql":
        return services.drain_stale(group_id=group_id)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [DRAIN_LOCK, group_id])
    try:
        return services.drain_stale(group_id=group_id)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [DRAIN_LOCK, group_id])
