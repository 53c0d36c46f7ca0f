"""Groups' tasks on the task queue (django-tasks, the database backend: settings.TASKS), run by
the worker (`mutuals worker`, or the one inside `mutuals serve`; digest/worker.py).

Only a list's id goes on the queue, never an address or a code: each invitation's code is made
when its e-mail goes (groups/invitations.py)."""

from __future__ import annotations

from django_tasks import task

from mutuals.groups import invitations


@task()
def send_invitations(batch_id: int) -> dict[str, int]:
    """Send a list's waiting invitations; the counts, for the task's result (no addresses)."""
    progress = invitations.send_batch(batch_id=batch_id)
    return {"sent": progress.sent, "failed": progress.failed, "waiting": progress.waiting}
