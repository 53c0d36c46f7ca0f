"""The outreach evaluation corpus (tests/data/outreach_corpus/): messages written in varied
voices, each labelled with the verdict a careful reader would give ("needs changes" or
"ready") and the findings it should get (warn or problem; info findings are not labelled).

Two parts, split once (seed 14, 60/40) and never re-split: `development`, which the rules may
be tuned on (it also holds the 44 messages of `outreach_cases.py` and issue 14's two), and
`frozen`, which is only ever evaluated. `FROZEN_SHA256` pins the frozen file's bytes.
`frozen2` and `frozen3` are two more parts, 200 messages each written independently of the rules
by two other writers (`FROZEN2_SHA256`, `FROZEN3_SHA256`); each was evaluated once, and since
session 6 both are training data for the second reader. `frozen4` (`FROZEN4_SHA256`, a fourth
writer) was evaluated in session 6 and, once, after the thread facts of session 7 were added;
since session 8 it is training data too. `frozen5` (`FROZEN5_SHA256`, a fifth writer, with the
thread facts a mail log would show) was judged once in session 7, and `frozen6`
(`FROZEN6_SHA256`, a sixth writer, with the thread and their open needs where the app would hold
them) once in session 8; since session 9 both are training data too. `frozen7`
(`FROZEN7_SHA256`, a seventh writer, with the thread, their open needs and the people you both
know where the app would hold them) was judged once at the end of session 9 and then, like the
others, joined the reader's training (session 9, helper C2). `frozen8` (`FROZEN8_SHA256`, an
eighth writer) judged session 9's code once, at the start of session 10 (0.915 / 0.973), then
joined the reader's training; `frozen9` (`FROZEN9_SHA256`, a ninth writer) judged session 10's
code once, at its end (0.963 / 0.955), and is only evaluated until the next part judges.

`load` is the one reader of the corpus files: the tests and scripts/train_outreach_reader.py
both use it. A row's `context` may carry the thread before the draft (`unanswered`,
`days_since_you_wrote`) when the message makes it plain, and the app facts (`recipient_needs`,
`mutual_contacts`: lists of lines).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from mutuals.core.outreach import READY, OutreachContext, Review, Severity, review

CORPUS = Path(__file__).resolve().parent.parent / "data" / "outreach_corpus"
FROZEN_SHA256 = "683a039a1ca3e850fc27adeafbbc83d5ed59a5515f28fed8b57ec88aa98c3c63"
FROZEN2_SHA256 = "142fb6e63dbe9a6038d3441e458cda2d50c1533294f55ff81569987a27d1b8f3"
FROZEN3_SHA256 = "a2df5052be575c01f76660470b6ef18ebf3ed5425f0ea5e9e7947559647a1f5b"
FROZEN4_SHA256 = "5eb0cef6f5cce663202ce981647ffbbac4755ab2cc3b909d5aebdaf24eb37df4"
FROZEN5_SHA256 = "83d9bec786c1ed528b15a3b10e9605ba59e555139e0b9ed4ecf3846bf6ed3c03"
FROZEN6_SHA256 = "341849b6e19e940384d665a39af54610135d9bf0b28c5a0598582cf96dd56dec"
FROZEN7_SHA256 = "23ef82dc1cfbb850f097e83d25aaff8d46dc7444de572bf658a5ceaf0ba1cf7b"
FROZEN8_SHA256 = "3da674aabe081a9331d668ef55f75c377f6861229e8c85d687fa09195cf461fa"
FROZEN9_SHA256 = "812ab9db7e8cbab4311a08561a060d80483b5d19f7b77b55bbcf82cd903f1b8a"
NEEDS_CHANGES = "needs changes"


@dataclass(frozen=True, slots=True)
class Message:
    id: str
    voice: str
    relationship: str
    text: str
    context: OutreachContext
    verdict: str  # "needs changes" or "ready"
    codes: frozenset[str]


def load(part: str) -> tuple[Message, ...]:
    """The messages of one part: "development", or a frozen part ("frozen", "frozen2"…)."""
    messages = []
    with (CORPUS / f"{part}.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            fields = dict(row["context"])
            for listed in ("recipient_needs", "mutual_contacts"):
                if listed in fields:
                    fields[listed] = tuple(fields[listed])
            messages.append(
                Message(
                    id=row["id"],
                    voice=row["voice"],
                    relationship=row["relationship"],
                    text=row["text"],
                    context=OutreachContext(**fields),
                    verdict=row["verdict"],
                    codes=frozenset(row["codes"]),
                )
            )
    return tuple(messages)


# Any context a review may be given, for the property tests of the rules and of the reader:
# the relationship and the thread before the draft (how many of your messages are unanswered,
# and how long ago you wrote), each independent of the others.
contexts = st.builds(
    OutreachContext,
    known=st.booleans(),
    days_since_last_contact=st.one_of(st.none(), st.integers(0, 4000)),
    balance=st.one_of(st.none(), st.floats(-1, 1)),
    unanswered=st.integers(0, 4),
    days_since_you_wrote=st.one_of(st.none(), st.integers(0, 120)),
)


def found_codes(found: Review) -> frozenset[str]:
    """The codes a review gives at warn or problem severity (what changes the verdict)."""
    return frozenset(f.code for f in found.findings if f.severity is not Severity.INFO)


def judged(found: Review) -> str:
    return "ready" if found.verdict == READY else NEEDS_CHANGES


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    messages: int
    verdict: Score  # "needs changes" is the positive class
    codes: dict[str, Score]
    misses: tuple[str, ...]  # ids judged wrongly


def evaluate(messages: tuple[Message, ...]) -> Evaluation:
    counts: Counter[tuple[str, str]] = Counter()
    misses = []
    for message in messages:
        found = review(message.text, message.context)
        said, wanted = judged(found) == NEEDS_CHANGES, message.verdict == NEEDS_CHANGES
        counts[
            "verdict", "tp" if said and wanted else "fp" if said else "fn" if wanted else ""
        ] += 1
        if said != wanted:
            misses.append(message.id)
        got = found_codes(found)
        for code in got | message.codes:
            kind = "tp" if code in got and code in message.codes else "fp" if code in got else "fn"
            counts[code, kind] += 1
    names = sorted({name for name, _ in counts} - {"verdict"})
    return Evaluation(
        messages=len(messages),
        verdict=_score(counts, "verdict"),
        codes={name: _score(counts, name) for name in names},
        misses=tuple(misses),
    )


def _score(counts: Counter[tuple[str, str]], name: str) -> Score:
    return Score(counts[name, "tp"], counts[name, "fp"], counts[name, "fn"])
