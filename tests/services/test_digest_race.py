"""Two workers (two app servers) at the same moment: each digest still goes out once.

The workers are threads with their own database connections, on the real database (SQLite in
a file, or PostgreSQL), started together at a barrier; the mail goes to a real SMTP server.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.utils import timezone

from mutuals.accounts.services import set_email, update_preferences
from mutuals.digest import services
from mutuals.digest.models import DigestSent
from mutuals.digest.worker import DigestWorker
from tests.factories import make_person, make_user
from tests.smtp import shared_by_threads, smtp_server_fixture  # noqa: F401 (fixture)

DAY = dt.date(2026, 3, 10)
WORKERS = 2


def at_the_same_moment(work: Callable[[], object], count: int = WORKERS) -> list[object]:
    """Run `work` in `count` threads released together; their results (or exceptions)."""
    barrier = threading.Barrier(count)
    results: list[object] = []

    def run() -> None:
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def shared(transactional_db, tmp_path):
    with shared_by_threads(tmp_path):
        yield


@pytest.fixture
def dana(shared):
    user = make_user("dana")
    set_email(user=user, email="dana@example.org")
    update_preferences(user=user, digest_enabled=True, digest_hour=7)
    make_person(user, "Rosa Núñez")
    return user


def test_two_workers_sending_the_same_digest_send_it_once(dana, smtp_server):
    outcomes = at_the_same_moment(lambda: services.send_digest(owner=dana, today=DAY))

    statuses = sorted(o.status for o in outcomes)  # an exception would fail here
    assert statuses[0] in (services.ALREADY_SENT, services.IN_PROGRESS)
    assert statuses[1] == services.SENT
    assert len(smtp_server.messages) == 1
    assert DigestSent.objects.get(owner=dana, day=DAY).status == DigestSent.SENT


def test_two_workers_checking_at_once_send_each_due_digest_once(dana, smtp_server):
    eli = make_user("eli")
    set_email(user=eli, email="eli@example.org")
    update_preferences(user=eli, digest_enabled=True, digest_hour=6)
    now = timezone.make_aware(dt.datetime.combine(DAY, dt.time(9)))

    summaries = at_the_same_moment(lambda: services.send_due_digests(now=now))

    assert sum(s.sent for s in summaries) == 2  # an exception has no .sent
    assert sorted(r[0] for r in smtp_server.recipients) == ["dana@example.org", "eli@example.org"]


def test_two_queue_workers_share_the_queue_and_send_once(dana, smtp_server, settings):
    settings.TIME_ZONE = "UTC"
    update_preferences(user=dana, digest_hour=0)  # due whenever the test runs

    at_the_same_moment(lambda: DigestWorker().tick())

    assert len(smtp_server.messages) == 1
