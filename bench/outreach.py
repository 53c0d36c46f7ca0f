"""The outreach coach: quality on the evaluation set, and the time to review 1,000 drafts against
the time to only tokenise them with the same tokenizer (the floor any review pays)."""

from __future__ import annotations

from dataclasses import replace

from tests.core.outreach_cases import CASES, TAKER

from bench.results import Result, median, timings_ms
from mutuals.core.outreach import OutreachContext, Severity, review, tokenize

DRAFTS = 1_000
RUNS = 7
DRAFT_GOAL_MS = 20.0  # one 300-word draft


def drafts() -> list[tuple[str, OutreachContext]]:
    """1,000 drafts: the evaluation messages, alone and joined in twos and threes (longer
    drafts), each with its case's context and, for every other one, a long silence and a
    balance leaning against the sender, so every rule runs."""
    built = []
    for i in range(DRAFTS):
        parts = [CASES[(i + k * 7) % len(CASES)] for k in range(1 + i % 3)]
        text = "\n\n".join(case.text for case in parts)
        context = parts[0].context
        if i % 2:
            context = replace(context, days_since_last_contact=900, balance=-0.5)
        built.append((text, context))
    return built


def precision_recall() -> tuple[float, float]:
    flagged = {
        case.name
        for case in CASES
        if any(f.severity is Severity.PROBLEM for f in review(case.text, case.context).findings)
    }
    taker = {case.name for case in TAKER}
    return len(flagged & taker) / len(flagged), len(flagged & taker) / len(taker)


def run() -> list[Result]:
    precision, recall = precision_recall()
    built = drafts()
    words = sum(len(text.split()) for text, _ in built) / len(built)
    reviewing = median(timings_ms(lambda: [review(t, c) for t, c in built], RUNS))
    tokenising = median(timings_ms(lambda: [tokenize(t) for t, _ in built], RUNS))
    long_draft = " ".join(" ".join(case.text for case in CASES).split()[:300])
    context = OutreachContext(days_since_last_contact=900, balance=-0.5, known=False)
    one = median(timings_ms(lambda: review(long_draft, context), 51))
    return [
        Result.of("outreach precision on the evaluation set (goal at least 0.9)", precision, ""),
        Result.of("outreach recall on the evaluation set (goal at least 0.9)", recall, ""),
        Result.of(
            f"reviewing 1,000 drafts (mean {words:.0f} words)",
            reviewing,
            "ms",
            baseline=tokenising,
        ),
        Result.of("reviewing one 300-word draft (median)", one, "ms", goal=DRAFT_GOAL_MS),
    ]
