"""E-mail history (issue 18): a synthetic mbox of 100,000 messages with 5,000 correspondents
(2,000 of them your people, by e-mail; threads of one to eight messages over three years; one
message in ten from a mailing list or a no-reply sender; a few with 8-bit junk, without a
Message-ID or a Date) imported into an empty account, against the floor: the standard library's
`mailbox.mbox` reading the same headers from the same file with nothing recorded. Then the same
file again (every message known: it must add nothing). Goal: under 60 s."""

from __future__ import annotations

import datetime as dt
import mailbox
import os
import random
import tempfile
import time
from email.utils import format_datetime
from pathlib import Path

from django.contrib.auth import get_user_model

from bench.results import Result
from mutuals.emails.mbox import import_mbox
from mutuals.people import bulk

MESSAGES = 100_000
CORRESPONDENTS = 5_000
PEOPLE = 2_000
GOAL_S = 60.0
ME = "me@bench.example"
START = dt.datetime(2023, 12, 1, 8, tzinfo=dt.UTC)
HEADERS = ("From", "To", "Cc", "Date", "Subject", "Message-ID", "In-Reply-To", "References")
SUBJECTS = (
    "Coffee next week?",
    "The report",
    "Introduction: Ada ↔ Bram",
    "Quick question",
    "Re: plans",
    "Lunch",
    "Your talk",
    "Draft for review",
    "Café à Lisbonne",
    "Hello",
)


def write_mbox(path: Path, rng: random.Random, messages: int | None = None) -> int:
    """The file; returns how many messages it holds."""
    messages = MESSAGES if messages is None else messages
    people = [f"person{i}@corr{i % 97}.example" for i in range(CORRESPONDENTS)]
    written = 0
    with path.open("wb") as out:
        while written < messages:
            other = rng.choice(people)
            start = START + dt.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
            length = min(rng.randint(1, 8), messages - written)
            subject = rng.choice(SUBJECTS)
            refs: list[str] = []
            automated = rng.random() < 0.1
            when = start
            for step in range(length):
                mine = (step % 2 == 0) == (rng.random() < 0.5) and not automated
                sender = ME if mine else other
                to = other if mine else ME
                mid = f"m{written}.{rng.getrandbits(40):x}@bench.example"
                lines = [
                    f"From {sender} {when.strftime('%a %b %d %H:%M:%S %Y')}",
                    f"From: Person {sender.split('@')[0]} <{sender}>",
                    f"To: {to}",
                    f"Subject: {'Re: ' if step else ''}{subject}",
                ]
                if rng.random() < 0.2:
                    lines.append(f"Cc: {rng.choice(people)}")
                if rng.random() > 0.001:
                    lines.append(f"Date: {format_datetime(when)}")
                if rng.random() > 0.001:
                    lines.append(f"Message-ID: <{mid}>")
                if refs:
                    lines.append(f"In-Reply-To: <{refs[-1]}>")
                    lines.append("References: " + " ".join(f"<{r}>" for r in refs[-10:]))
                if automated:
                    lines.append("List-Id: <news.corr.example>")
                lines.append("X-Mailer: bench")
                block = "\n".join(lines).encode()
                if rng.random() < 0.001:
                    block += b"\nX-Junk: caf\xe9 \xff\xfe"
                body = b"Hello,\n\nA few lines of text.\n" * rng.randint(1, 12)
                out.write(block + b"\n\n" + body + b"\n")
                refs.append(mid)
                when += dt.timedelta(hours=rng.randint(1, 96))
                written += 1
    return written


def floor_mailbox(path: Path) -> float:
    """The standard library reading every message's headers, recording nothing."""
    started = time.perf_counter()
    count = 0
    box = mailbox.mbox(path, create=False)
    try:
        for message in box:
            for name in HEADERS:
                message.get(name)
            count += 1
    finally:
        box.close()
    assert count == MESSAGES, count
    return time.perf_counter() - started


def _people(owner) -> None:
    """Your 2,000 people, each with the address they write from (created in bulk)."""
    drafts = []
    for i in range(PEOPLE):
        draft = bulk.PersonDraft(
            first_name="Person",
            last_name=str(i),
            tier="friend",
            emails=((f"person{i}@corr{i % 97}.example", ""),),
        )
        drafts.append((draft, bulk.clean_draft(draft)))
    bulk.create_people(owner=owner, drafts=drafts)


def run() -> list[Result]:
    rng = random.Random(18)
    folder = Path(tempfile.mkdtemp(prefix="mbox-bench-"))
    path = folder / "takeout.mbox"
    try:
        assert write_mbox(path, rng) == MESSAGES
        size_mb = os.path.getsize(path) / 1024 / 1024
        floor = min(floor_mailbox(path) for _ in range(2))
        owner = get_user_model().objects.create_user(username="mbox-bench", email=ME)
        _people(owner)
        started = time.perf_counter()
        with path.open("rb") as stream:
            report = import_mbox(owner=owner, stream=stream, filename=path.name)
        first = time.perf_counter() - started
        assert not report["errors"], report["errors"]
        assert report["read"] == MESSAGES, report
        started = time.perf_counter()
        with path.open("rb") as stream:
            again = import_mbox(owner=owner, stream=stream, filename=path.name)
        second = time.perf_counter() - started
        assert again["added"] == 0, again
        assert again["conversations_added"] == 0, again
        owner.delete()
    finally:
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()
    return [
        Result.of(
            f"100,000 messages ({size_mb:.0f} MB mbox, 5,000 correspondents) into an empty "
            f"account: {report['added']:,} kept, {report['conversations_added']:,} "
            f"conversations ({first / floor:.1f}x the mailbox.mbox floor)",
            first,
            "s",
            baseline=floor,
            goal=GOAL_S,
        ),
        Result.of(
            f"the same file again, every message known ({second / floor:.1f}x the floor)",
            second,
            "s",
            baseline=floor,
            goal=GOAL_S,
        ),
    ]
