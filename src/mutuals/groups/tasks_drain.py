"""The drain of a group's stale members as a task (groups/drain.py). Imported only where the
task queue is installed (`drain.hand_over` checks first)."""

from __future__ import annotations

from django_tasks import task

from mutuals.groups import drain


@task()
def drain_stale(group_id: int) -> dict[str, int]:
    """Rebuild the group's stale members; how many, for the task's result (no names)."""
    return {"rebuilt": drain.drain(group_id)}
