"""The worker: runs the task queue and asks every few minutes which digests are due.

`mutuals serve` runs one in a thread beside the web server on a laptop (it stops with the
server); on a server `mutuals worker` runs one on its own (docs/deploy.md). Two or more at once
are fine: they share the queue in the database, and a digest is claimed before it is sent.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
import uuid

from django.db import close_old_connections
from django.utils import timezone

from mutuals.digest.tasks import send_due_digests

logger = logging.getLogger("mutuals.digest")

CHECK_EVERY = 300  # seconds between two "which digests are due?" checks
POLL_EVERY = 2.0  # seconds between two looks at the queue
KEEP_RESULTS = dt.timedelta(days=1)  # finished checks are deleted after this


class DigestWorker:
    """Runs the queue's waiting tasks, and enqueues the due-digest check every `every`
    seconds (unless one is still waiting)."""

    def __init__(self, *, every: float = CHECK_EVERY, worker_id: str | None = None) -> None:
        self.every = every
        self.worker_id = worker_id or uuid.uuid4().hex
        self._next_check = 0.0

    def tick(self, clock: float | None = None) -> None:
        """One turn: enqueue the check if its time has come, then run what the queue holds."""
        from mutuals.connections.tasks import enqueue_due_syncs  # mail accounts (issue 18)

        clock = time.monotonic() if clock is None else clock
        if clock >= self._next_check:
            enqueue_check()
            forget_old_checks()
            enqueue_due_syncs()
            self._next_check = clock + self.every
        run_waiting_tasks(self.worker_id)

    def run(self, stop: threading.Event, poll: float = POLL_EVERY) -> None:
        """Tick until `stop` is set; an unexpected error is logged (without personal data)
        and the next tick tries again."""
        while not stop.is_set():
            try:
                self.tick()
            except Exception as error:
                logger.error(
                    "The digest worker's turn failed (%s); trying again.", type(error).__name__
                )
            finally:
                close_old_connections()
            stop.wait(poll)


def enqueue_check() -> bool:
    """Put the due-digest check on the queue unless one is waiting already."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready().filter(task_path=send_due_digests.module_path)
    if waiting.exists():
        return False
    send_due_digests.enqueue()
    return True


def forget_old_checks(now: dt.datetime | None = None) -> int:
    """Delete the finished checks older than KEEP_RESULTS, so the queue's table stays small."""
    from django_tasks_db.models import DBTaskResult

    before = (now or timezone.now()) - KEEP_RESULTS
    old = DBTaskResult.objects.finished().filter(
        task_path=send_due_digests.module_path, finished_at__lt=before
    )
    return old.delete()[0]


def run_waiting_tasks(worker_id: str) -> None:
    """Run every task waiting on the queue, then return (django-tasks-db's worker, batch)."""
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id[:64],
        excluded_queue_names=[],
    ).run()


def start_in_thread() -> tuple[threading.Thread, threading.Event]:
    """A worker in a daemon thread, for `mutuals serve`; set the event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(
        target=DigestWorker().run, args=(stop,), name="mutuals-digest-worker", daemon=True
    )
    thread.start()
    return thread, stop
