"""Imports (issues 5 and 11): a 30,000-row LinkedIn Connections.csv into an empty account, the
same file again (every row a duplicate: it must create nothing), the same for an Excel re-saved
export whose rows have no profile URL and no email (the case that used to double people), and a
10,000-card vCard file, each against the floor: the time the standard library takes just to
read the same file (csv.reader over the decoded text; for vCards, decoding, unfolding and
splitting each line at its first colon).

While the first import runs, a second thread writes every few milliseconds, as another user
would: the longest it waits is how long the import holds the write lock (goal < 2 s). And a
hostile LinkedIn zip (three members that inflate to 199 MB each from a few hundred KB) is read
in a child process, whose peak memory is measured (goal < 300 MB)."""

from __future__ import annotations

import csv
import io
import random
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from bench.results import Result
from mutuals.imports.services import import_file

CONNECTIONS = 30_000
CARDS = 10_000
GOAL_S = 5.0
LOCK_GOAL_S = 2.0
ZIP_MEMBER_BYTES = 199 * 1024 * 1024
ZIP_MEMORY_GOAL_MB = 300
# Real exports have many distinct names, so the names are drawn from 60 first names and 840
# generated surnames, twenty of them common.
FIRST = [
    "Ada",
    "Bram",
    "Chidi",
    "Dana",
    "Emeka",
    "Freya",
    "Goran",
    "Hana",
    "Ines",
    "Jun",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sami",
    "Tomas",
    "Uma",
    "Vikram",
    "Wen",
    "Xena",
    "Yusuf",
    "Zara",
    "Aiko",
    "Bruno",
    "Carla",
    "Dmitri",
    "Elif",
    "Farid",
    "Greta",
    "Hugo",
    "Ida",
    "Jonas",
    "Kira",
    "Luca",
    "Maya",
    "Nadia",
    "Oskar",
    "Paula",
    "Rafael",
    "Sofia",
    "Theo",
    "Ulla",
    "Vera",
    "Wanda",
    "Yara",
    "Zeno",
    "Amara",
    "Bodhi",
    "Cyrus",
    "Dalia",
    "Esme",
    "Felix",
    "Gia",
    "Hiro",
    "Isla",
    "Jasper",
]
_HEADS = [
    "Bar",
    "Cal",
    "Dor",
    "Fen",
    "Gal",
    "Hal",
    "Kor",
    "Lin",
    "Mar",
    "Nor",
    "Pel",
    "Ros",
    "Sal",
    "Tor",
    "Val",
    "Wes",
    "Yar",
    "Zel",
    "Bro",
    "Cra",
    "Ash",
    "Bel",
    "Cor",
    "Dun",
    "Eck",
    "Fal",
    "Gor",
    "Har",
    "Ing",
    "Jar",
    "Kel",
    "Lom",
    "Mor",
    "Nes",
    "Orm",
    "Pra",
    "Quil",
    "Rad",
    "Sto",
    "Tam",
]
_TAILS = [
    "ton",
    "ley",
    "man",
    "sen",
    "ova",
    "ski",
    "dez",
    "ard",
    "wick",
    "holm",
    "berg",
    "ford",
    "ani",
    "etti",
    "ez",
    "ov",
    "ak",
    "in",
    "is",
    "ell",
    "a",
]
LAST = [h + t for h in _HEADS for t in _TAILS]
COMPANIES = [
    f"{a} {b}"
    for a in ("Northwind", "Fabrikam", "Contoso", "Tailspin", "Litware", "Adatum", "Woodgrove")
    for b in ("Labs", "Systems", "Health", "Analytics", "Foods", "Logistics")
]


def _surname(rng: random.Random) -> str:
    # One person in ten has one of twenty common surnames (about 0.5% each, as the commonest
    # surnames in the US are under 1%); the rest are spread over the list.
    return rng.choice(LAST[:20]) if rng.random() < 0.1 else rng.choice(LAST)


def _connections(count: int, rng: random.Random) -> bytes:
    out = io.StringIO()
    out.write('Notes:\r\n"When exporting your connection data, you may notice..."\r\n\r\n')
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for i in range(count):
        first, last = rng.choice(FIRST), _surname(rng)
        email = f"{first}.{last}.{i}@example.org".lower() if rng.random() < 0.2 else ""
        writer.writerow(
            [
                first,
                last,
                f"https://www.linkedin.com/in/{first}-{last}-{i:06d}".lower(),
                email,
                rng.choice(COMPANIES),
                "Engineer",
                f"{rng.randint(1, 28):02d} Mar {rng.randint(2012, 2026)}",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _excel_connections(count: int, rng: random.Random) -> bytes:
    """Connections.csv as Excel saves it again: no preamble, no BOM, no URL or email, and
    dates like 9-Sep-22."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    for _ in range(count):
        day = f"{rng.randint(1, 28)}-{rng.choice(months)}-{rng.randint(12, 25):02d}"
        writer.writerow(
            [rng.choice(FIRST), _surname(rng), "", "", rng.choice(COMPANIES), "Engineer", day]
        )
    return out.getvalue().encode("utf-8")


def _cards(count: int, rng: random.Random) -> bytes:
    lines = []
    for i in range(count):
        first, last = rng.choice(FIRST), _surname(rng)
        lines += [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{last};{first};;;",
            f"FN:{first} {last}",
            f"EMAIL;TYPE=INTERNET,HOME:{first}.{last}.{i}@example.com".lower(),
            f"TEL;TYPE=CELL:+1 555 {i:07d}",
            f"ORG:{rng.choice(COMPANIES)}",
            "TITLE:Product Manager",
            "CATEGORIES:Work,Friends",
            f"NOTE:Met at the meetup\\, number {i}.",
            "END:VCARD",
        ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _floor_csv(data: bytes) -> float:
    started = time.perf_counter()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) > CONNECTIONS
    return time.perf_counter() - started


def _floor_vcard(data: bytes) -> float:
    started = time.perf_counter()
    text = data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    pairs = [line.partition(":") for line in text.split("\r\n") if line]
    assert len(pairs) > CARDS
    return time.perf_counter() - started


def _timed_import(owner, kind: str, data: bytes) -> tuple[float, dict]:
    started = time.perf_counter()
    report = import_file(owner=owner, kind=kind, data=data, filename=f"bench.{kind}")
    return time.perf_counter() - started, report


class _Writer(threading.Thread):
    """Another user's writes during the import: one small write every 5 ms, each timed."""

    def __init__(self, owner_id: int) -> None:
        super().__init__(daemon=True)
        self.owner_id = owner_id
        self.longest = 0.0
        self.failures = 0
        self.stop = threading.Event()

    def run(self) -> None:
        from mutuals.people.models import Circle

        circle = Circle.objects.create(owner_id=self.owner_id, name="probe", search_name="probe")
        try:
            while not self.stop.is_set():
                started = time.perf_counter()
                try:
                    with transaction.atomic():
                        Circle.objects.filter(pk=circle.pk).update(name=f"probe {started}")
                except Exception:  # a busy database after the timeout: counted, not fatal
                    self.failures += 1
                self.longest = max(self.longest, time.perf_counter() - started)
                time.sleep(0.005)
        finally:
            connection.close()


def _import_beside_a_writer(owner, other_id: int, data: bytes) -> tuple[float, dict, _Writer]:
    writer = _Writer(other_id)
    writer.start()
    time.sleep(0.2)
    try:
        seconds, report = _timed_import(owner, "linkedin", data)
    finally:
        writer.stop.set()
        writer.join()
    return seconds, report, writer


_ZIP_CHILD = """
import resource, sys
from mutuals.core.formats import linkedin
from mutuals.core.formats.records import FileRejected
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    linkedin.read_export(data)
    outcome = "read"
except FileRejected as error:
    outcome = "refused"
print(outcome, before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _zip_bomb_peak_mb() -> tuple[float, str]:
    """Peak memory (MB above the child's start) reading a zip of three 199 MB members."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.zip"
        chunk = b"0" * (1024 * 1024)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in ("Connections.csv", "messages.csv", "Invitations.csv"):
                with archive.open(f"Basic_LinkedInDataExport/{name}", "w") as member:
                    member.write(b"First Name,Last Name,URL\r\n")
                    for _ in range(ZIP_MEMBER_BYTES // len(chunk)):
                        member.write(chunk)
        done = subprocess.run(
            [sys.executable, "-c", _ZIP_CHILD, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
    outcome, before, peak = done.stdout.split()
    return (int(peak) - int(before)) / 1024, outcome


def run() -> list[Result]:
    rng = random.Random(11)
    users = get_user_model().objects
    connections, cards = _connections(CONNECTIONS, rng), _cards(CARDS, rng)
    floor = min(_floor_csv(connections) for _ in range(3))
    owner = users.create_user(username="import-bench")
    bystander = users.create_user(username="import-bystander")
    first, report, writer = _import_beside_a_writer(owner, bystander.pk, connections)
    assert not report["errors"], report["errors"]
    assert report["created"] + report["merged"] == CONNECTIONS, report
    again, report = _timed_import(owner, "linkedin", connections)
    assert report["created"] == 0, report
    excel = _excel_connections(CONNECTIONS, rng)
    excel_floor = min(_floor_csv(excel) for _ in range(3))
    plain = users.create_user(username="excel-bench")
    excel_first, report = _timed_import(plain, "linkedin", excel)
    assert report["created"] + report["merged"] == CONNECTIONS, report
    excel_again, report = _timed_import(plain, "linkedin", excel)
    assert report["created"] == 0, report
    zip_mb, zip_outcome = _zip_bomb_peak_mb()
    card_floor = min(_floor_vcard(cards) for _ in range(3))
    other = users.create_user(username="vcard-bench")
    vcards, report = _timed_import(other, "vcard", cards)
    assert report["created"] + report["merged"] == CARDS, report
    for user in (owner, other, plain, bystander):
        user.delete()
    return [
        Result.of(
            f"30,000 connections into an empty account ({first / floor:.0f}x the csv.reader floor)",
            first,
            "s",
            baseline=floor,
            goal=GOAL_S,
        ),
        Result.of(
            f"the same file again, all duplicates ({again / floor:.0f}x the floor)",
            again,
            "s",
            baseline=floor,
            goal=GOAL_S,
        ),
        Result.of(
            "longest wait of another user's write during the 30,000-row import "
            f"(the write lock held; {writer.failures} writes refused)",
            writer.longest,
            "s",
            goal=LOCK_GOAL_S,
        ),
        Result.of(
            "30,000 Excel re-saved connections, no URL or email, into an empty account "
            f"({excel_first / excel_floor:.0f}x the floor)",
            excel_first,
            "s",
            baseline=excel_floor,
            goal=GOAL_S,
        ),
        Result.of(
            f"the same Excel file again, creating none ({excel_again / excel_floor:.0f}x)",
            excel_again,
            "s",
            baseline=excel_floor,
            goal=GOAL_S,
        ),
        Result.of(
            f"peak memory reading a zip of 3 x 199 MB members ({zip_outcome})",
            zip_mb,
            "MB",
            goal=ZIP_MEMORY_GOAL_MB,
        ),
        Result.of(
            f"10,000 vCards into an empty account ({vcards / card_floor:.0f}x the split floor)",
            vcards,
            "s",
            baseline=card_floor,
            goal=GOAL_S,
        ),
    ]
