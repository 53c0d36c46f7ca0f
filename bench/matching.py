"""Matching what you read to who needs it: quality on the evaluation set; speed on 100,000 open
needs in SQLite's full-text index against a plain Python scan scoring every need with the same
terms; and what keeping the index up costs a single need write.

Two corpora (bench/needs_corpus.py): `realistic`, the goal's case, and `dense`, a stress case
where most needs share a word with the posting, so MaxScore can skip little.
"""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from tests.core.matching_cases import CASES, NEEDS

from bench import needs_corpus
from bench.results import Result, median, timings_ms
from mutuals.core.matching import NeedDoc, NeedIndex, score_all_naive
from mutuals.database import gather_statistics
from mutuals.needs import fulltext, services
from mutuals.needs.models import Need
from mutuals.needs.selectors import match_needs

NEEDS_COUNT = 100_000
SEARCH_RUNS = 15
WRITE_RUNS = 200
GOAL_MS = 50.0
WRITE_GOAL_MS = 5.0
POSTING = (
    "Copperleaf Systems is hiring a senior data engineer to join our platform team in fintech. "
    "You will design and build reliable data pipelines, own our warehouse and streaming stack, "
    "and work with product managers, analysts and UX designers to turn raw events into "
    "trustworthy metrics. We value mentoring, clear writing and curiosity about how payments "
    "work. Experience with Python, SQL, Spark or Kafka helps; experience moving into "
    "management or leading a small team is a plus. We offer remote work within Europe, a "
    "learning budget, and support for public speaking at meetups. Our engineering manager "
    "came from healthcare and climate tech, and we welcome people switching careers into "
    "tech. Salary: competitive, with equity. The interview process has four steps: a call "
    "with a recruiter, a take-home exercise on a small data set, a system design "
    "conversation, and a meeting with the team. "
) * 2


def precision_at_3() -> float:
    index = NeedIndex(NEEDS)
    total = 0.0
    for case in CASES:
        top = [match.need_id for match in index.search(case.text, k=3)]
        total += sum(1 for i in top if i in case.expected) / min(3, len(case.expected))
    return total / len(CASES)


def run() -> list[Result]:
    results = [Result.of("matching precision@3 (goal at least 0.8)", precision_at_3(), "")]
    for corpus, label, goal in (("realistic", "", GOAL_MS), ("dense", ", dense stress case", None)):
        owner = get_user_model().objects.create_user(username=f"bench-matching-{corpus}")
        started = time.perf_counter()
        _insert(owner, getattr(needs_corpus, corpus)(NEEDS_COUNT))
        gather_statistics()
        built = time.perf_counter() - started
        results.append(Result.of(f"storing and indexing 100,000 needs{label}", built, "s"))
        results.append(_search(owner, label, goal))
        if corpus == "realistic":
            results.extend(_write_overhead(owner))
    return results


def _insert(owner: object, texts: list[str]) -> None:
    today = timezone.localdate()
    with transaction.atomic():
        Need.objects.bulk_create(
            (
                Need(owner=owner, text=text, noted_on=today, search_terms=terms(owner, text))
                for text in texts
            ),
            batch_size=5_000,
        )


def terms(owner: object, text: str) -> str:
    return fulltext.search_terms(owner.pk, text)  # type: ignore[attr-defined]


def _search(owner: object, label: str, goal: float | None) -> Result:
    found = match_needs(owner=owner, text=POSTING, k=10)
    ours = median(timings_ms(lambda: match_needs(owner=owner, text=POSTING, k=10), SEARCH_RUNS))
    started = time.perf_counter()
    expected = _plain_scan(owner)
    naive = (time.perf_counter() - started) * 1000
    same = [(m.need_id, round(m.score, 9)) for m, _ in found] == [
        (m.need_id, round(m.score, 9)) for m in expected
    ]
    assert same, "the full-text search and the plain scan disagree"
    return Result.of(
        f"top-10 matches for a 300-word posting, 100,000 needs, SQLite FTS5{label} (median)",
        ours,
        "ms",
        baseline=naive,
        goal=goal,
    )


def _plain_scan(owner: object) -> list:
    rows = Need.objects.filter(owner=owner, status="open").values_list("id", "text", "kind")
    docs = [NeedDoc(pk, None, "", text, kind) for pk, text, kind in rows]
    return score_all_naive(docs, POSTING, k=10)


def _write_overhead(owner: object) -> list[Result]:
    texts = needs_corpus.realistic(WRITE_RUNS, seed=12)
    indexed = timings_ms(lambda: services.add_need(owner=owner, text=texts.pop()), WRITE_RUNS)
    texts = needs_corpus.realistic(WRITE_RUNS, seed=13)
    today = timezone.localdate()
    with connection.cursor() as cursor:
        for trigger in ("needs_fts_insert", "needs_fts_update", "needs_fts_delete"):
            cursor.execute(f"DROP TRIGGER {trigger}")
    try:
        plain = timings_ms(
            lambda: Need.objects.create(owner=owner, text=texts.pop(), noted_on=today), WRITE_RUNS
        )
    finally:
        with connection.cursor() as cursor:
            for statement in fulltext.SQLITE_TRIGGERS:
                cursor.execute(statement)
    return [
        Result.of("noting one need, with the full-text index (median)", median(indexed), "ms"),
        Result.of(
            "index upkeep per need write (median with index minus without)",
            max(0.0, median(indexed) - median(plain)),
            "ms",
            goal=WRITE_GOAL_MS,
        ),
    ]
