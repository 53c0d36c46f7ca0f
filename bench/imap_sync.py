"""IMAP sync: 1,000 new messages from a real IMAP server (Debian's dovecot) on loopback, into a
fresh SQLite home with 300 people, against a baseline in the same run: imaplib fetching the same
header fields of the same messages (EXAMINE, UID SEARCH, UID FETCH in the same batches) with
nothing parsed or recorded. Then a second sync, which finds nothing new.

    .venv/bin/python -m bench.imap_sync [--messages 1000] [--no-write]

Goal (issue 18): the sync under 15 s. Figures go to bench/results/imap_sync.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import imaplib
import shutil
import time

from tests.connections.dovecot import SENT, Dovecot, message

from bench import env
from bench.results import Result, load_average, machine, report, write

GOAL_S = 15.0
PEOPLE = 300
CORRESPONDENTS = 400  # 300 of them your people, 100 strangers


def _mail(count: int, me: str) -> dict[str, list[bytes]]:
    """`count` messages: a third sent by you; threads of three; a few newsletters."""
    start = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    folders: dict[str, list[bytes]] = {"INBOX": [], SENT: []}
    for n in range(count):
        other = f"person{n % CORRESPONDENTS}@example.com"
        sent = n % 3 == 2
        extra = "List-Id: <news.example.com>\r\n" if n % 50 == 0 else ""
        raw = message(
            sender=me if sent else f"Person {n % CORRESPONDENTS} <{other}>",
            to=other if sent else me,
            subject=f"About the project ({n // 3})",
            when=start + dt.timedelta(hours=n * 7),
            message_id=f"m{n}@bench.example",
            in_reply_to=f"m{n - 1}@bench.example" if n % 3 else None,
            extra=extra,
        )
        folders[SENT if sent else "INBOX"].append(raw)
    return folders


def _baseline(port: int, user: str, password: str, batch: int) -> float:
    """imaplib alone: the same folders, searches and header fetches; nothing kept."""
    from mutuals.connections.imap import FETCH_ITEMS, uid_set

    started = time.perf_counter()
    client = imaplib.IMAP4("127.0.0.1", port)
    client.login(user, password)
    for folder in ("INBOX", f'"{SENT}"'):
        client.select(folder, readonly=True)
        _, found = client.uid("SEARCH", "UID 1:*")
        uids = [int(u) for u in found[0].split()]
        for at in range(0, len(uids), batch):
            client.uid("FETCH", uid_set(uids[at : at + batch]), FETCH_ITEMS)
    client.logout()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imap_sync", description=__doc__)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    home = env.prepare()
    server = Dovecot()
    print(f"IMAP sync bench on {machine()}, load average {load_average()}", flush=True)
    try:
        server.start()
        mailbox = server.add_user("dana@example.org")
        for folder, raws in _mail(args.messages, mailbox.user).items():
            mailbox.append(folder, *raws)
        results = _measure(mailbox, args.messages)
    finally:
        server.remove()
        shutil.rmtree(home, ignore_errors=True)
    for result in results:
        report(result)
    if not args.no_write:
        write("imap_sync", results)
        print("  wrote bench/results/imap_sync.json")
    return 0 if results[0].within_goal else 1


def _measure(mailbox, count: int) -> list[Result]:
    from django.contrib.auth import get_user_model

    from mutuals.connections import services
    from mutuals.interactions.models import Interaction
    from mutuals.people.services import create_person

    owner = get_user_model().objects.create_user(username="dana")
    for n in range(PEOPLE):
        create_person(owner=owner, name=f"Person {n}", emails=[f"person{n}@example.com"])
    baseline = _baseline(mailbox.port, mailbox.user, mailbox.password, services.BATCH)
    connection, _ = services.connect_imap(
        owner=owner,
        name="bench",
        host="127.0.0.1",
        port=mailbox.port,
        username=mailbox.user,
        password=mailbox.password,
        security="plain",
    )
    started = time.perf_counter()
    first = services.sync(owner=owner, connection=connection)
    took = time.perf_counter() - started
    assert first.ok, first.message
    assert first.added["read"] == count, first.added
    connection.refresh_from_db()
    started = time.perf_counter()
    again = services.sync(owner=owner, connection=connection)
    nothing_new = time.perf_counter() - started
    assert again.added.get("read", 0) == 0
    print(
        f"  {first.added['messages']} messages kept, "
        f"{Interaction.objects.filter(owner=owner).count()} conversations",
        flush=True,
    )
    return [
        Result.of(f"IMAP sync, {count:,} new messages", took, "s", baseline=baseline, goal=GOAL_S),
        Result.of("IMAP sync, nothing new", nothing_new, "s"),
    ]


if __name__ == "__main__":
    raise SystemExit(main())
