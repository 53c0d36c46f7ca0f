"""Imports (issue 5): a 30,000-row LinkedIn Connections.csv into an empty account, the same
file again (every row a duplicate), and a 10,000-card vCard file, each against the floor:
the time the standard library takes just to read the same file (csv.reader over the decoded
text; for vCards, decoding, unfolding and splitting each line at its first colon)."""

from __future__ import annotations

import csv
import io
import random
import time

from django.contrib.auth import get_user_model

from bench.results import Result
from mutuals.imports.services import import_file

CONNECTIONS = 30_000
CARDS = 10_000
GOAL_S = 5.0
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


def run() -> list[Result]:
    rng = random.Random(11)
    users = get_user_model().objects
    connections, cards = _connections(CONNECTIONS, rng), _cards(CARDS, rng)
    floor = min(_floor_csv(connections) for _ in range(3))
    owner = users.create_user(username="import-bench")
    first, report = _timed_import(owner, "linkedin", connections)
    assert not report["errors"], report["errors"]
    assert report["created"] + report["merged"] == CONNECTIONS, report
    again, report = _timed_import(owner, "linkedin", connections)
    assert report["created"] == 0, report
    card_floor = min(_floor_vcard(cards) for _ in range(3))
    other = users.create_user(username="vcard-bench")
    vcards, report = _timed_import(other, "vcard", cards)
    assert report["created"] + report["merged"] == CARDS, report
    owner.delete()
    other.delete()
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
            f"10,000 vCards into an empty account ({vcards / card_floor:.0f}x the split floor)",
            vcards,
            "s",
            baseline=card_floor,
            goal=GOAL_S,
        ),
    ]
