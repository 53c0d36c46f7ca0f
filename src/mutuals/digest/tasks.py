"""The digest's tasks on the task queue (django-tasks, the database backend: settings.TASKS).

The worker (digest/worker.py) enqueues `send_due_digests` every few minutes and runs whatever
the queue holds; any number of workers may do so at once, since each digest is claimed before
it is sent (digest/services.py)."""

from __future__ import annotations

from django_tasks import task

from mutuals.digest import services


@task()
def send_due_digests() -> dict[str, int]:
    """Send every digest that is due now; the counts, for the task's result (no names)."""
    summary = services.send_due_digests()
    return {"sent": summary.sent, "failed": summary.failed, "skipped": summary.skipped}
