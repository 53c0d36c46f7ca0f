"""The second reader: a small logistic model over what the rules already see, judging the whole
letter as "needs changes" or "ready".

Idea: hand rules fire on words; a new writer finds new words. What generalises across writers
is the *shape* of a letter — where the first ask stands, whether anything is about the reader,
how many sentences are about the writer, whether a chase, a claim or a date sits beside an
ask, how cold the tie is, and whether your last message to them is still unanswered (the
thread: `OutreachContext.unanswered`). The reader turns each body sentence's acts
(`acts.read`) and the relationship into named features, and adds their learned weights
(logistic regression, `reader_weights.json`, trained by `scripts/train_outreach_reader.py` on
the development corpus and the retired frozen parts; docs/algorithms/outreach.md, "Round 4",
"The thread" and "Session 9").

Formula in words: p(needs changes) = 1 / (1 + e^-(bias + Σ weight * feature)). A sentence
feature counts once per letter ("any sentence asks a job"); a sentence's *contribution* is the
sum of the weights of the features it carries, each shared among the sentences that carry it.
That is how a finding the reader adds can always point at a sentence.

What it may do (the rules stay in charge, `combine`): when the rules find nothing and p is at
least `add_at` (in the weights file), add one warning on the sentence that contributes most,
worded from the codes the rules already use — but not to a one-sentence message, nor when the
writer asked after the reader's life before asking anything (`may_add`); when the rules' only
findings are whole-letter balance warnings (`me-centred`, `nothing-about-them` at warn) and p
is at most `clear_at`, make those warnings notes (info); and (session 9, C2) when no finding is
a sure one (`SURE_CODES`: a big ask up front, a contacts ask, a chase, a mass message, another
language) and the letter neither asks big nor chases, make its warnings and problems notes at
the same `clear_at` (`may_clear`). So a big ask up front or a chase is never made "ready".

Pure Python at review time (no numpy): the weights are a small JSON file read once.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from mutuals.core.outreach.acts import Act
from mutuals.core.outreach.letter import Letter
from mutuals.core.outreach.lexicon import lowered
from mutuals.core.outreach.limits import (
    BALANCE_AGAINST,
    FOLLOW_UP_DAYS,
    INTEREST_QUESTIONS,
    LONG_SILENCE_DAYS,
    MIN_SENTENCES_TO_ADD,
    RECENT_DAYS,
)
from mutuals.core.outreach.model import Finding, Severity
from mutuals.core.outreach.wording import P_INTEREST, P_ME

WEIGHTS_FILE = "reader_weights.json"
# Whole-letter balance warnings the reader may take away when it reads the letter as ready.
BALANCE_CODES = frozenset({"me-centred", "nothing-about-them"})
# Findings the reader never turns into notes, whatever it reads: issue 14's hard rule (a job,
# contacts, introduction or referral asked up front; a chase) and the facts of the draft (a
# template sent to many, a language it cannot read).
SURE_CODES = frozenset(
    {
        "job-request-up-front",
        "ask-up-front",
        "contacts-list",
        "chasing",
        "mass-message",
        "not-english",
    }
)

_I_START = re.compile(r"^\W*(?:i|i'm|i've|i'd|i'll|my|me)\b")
_I_NEED = re.compile(
    r"\bi(?:'m| am)? (?:really |urgently |badly )?(?:need|want|require|am looking for|"
    r"am searching|am seeking|'m looking for|'m searching|'m seeking)\b"
)
_YOU_QUESTION = re.compile(r"\b(?:you|your|u|ur)\b")


@dataclass(frozen=True, slots=True)
class Reading:
    """What the reader makes of a letter: p(needs changes), and each body sentence's share."""

    probability: float
    contributions: tuple[float, ...]  # one per body sentence, in order


def sentence_features(act: Act, index: int, early: bool, before_interest: bool) -> set[str]:
    """The named features one body sentence carries (`early`: among the first two that are not
    pleasantries; `before_interest`: before any sentence about the reader)."""
    low = act.sentence.low
    found = set()
    if act.ask:
        found.add("ask")
        found.add(f"ask:{act.request}")
        if early:
            found.add("early-ask")
        if before_interest:
            found.add("ask-before-interest")
    if act.big is not None:
        found.add(f"big:{act.big}")
        found.add("big")
        if early:
            found.add("early-big")
        if before_interest:
            found.add("big-before-interest")
        if act.further:
            found.add("further")
    if act.about_them:
        found.add("about")
        if act.question:
            found.add("question-about")
    if act.offer:
        found.add("offer")
    if act.answers_need:
        found.add("answers-need")
    if act.question and not act.about_them:
        found.add("question-not-about")
    if act.pleasantry:
        found.add("pleasantry")
    if act.chase:
        found.add("chase")
    if act.reproach:
        found.add("reproach")
    if act.entitlement is not None:
        found.add("entitled")
    if act.recalled is not None:
        found.add("recalled")
    if act.me > act.you:
        found.add("me-sentence")
    elif act.you > act.me:
        found.add("you-sentence")
    if _I_START.search(low):
        found.add("starts-with-i")
    if _I_NEED.search(low):
        found.add("i-need")
    if act.question and _YOU_QUESTION.search(low) and not act.ask:
        found.add("asks-after-them")
    for name in ("deadline", "deadline-stated", "urgency-today", "demand", "silence-said"):
        if lowered(name).search(low):
            found.add(f"cue:{name}")
    if index == 0:
        found.add("first")
    words = act.sentence.words
    found.update(f"w:{word}" for word in words)
    found.update(f"b:{a}_{b}" for a, b in itertools.pairwise(words))
    return found


def letter_features(read: Letter) -> set[str]:
    """Named features of the whole letter: the relationship and its overall shape."""
    context = read.context
    days = context.days_since_last_contact
    found = set()
    if not context.known:
        found.add("stranger")
    # People you both know: named in the draft (who sent you), or known to mutuals but unsaid.
    if read.named_mutual:
        found.add("mutual-named")
    elif context.mutual_contacts or context.shared_connections:
        found.add("mutual-unsaid")
    if context.recipient_needs:
        found.add("needs-known")
    if days is None:
        found.add("days:unknown")
    elif days <= RECENT_DAYS:
        found.add("days:recent")
    elif days <= LONG_SILENCE_DAYS:
        found.add("days:months")
    else:
        found.add("days:years")
    balance = context.balance
    if balance is not None and balance < BALANCE_AGAINST:
        found.add("balance-against")
    if context.recipients > 1:
        found.add("many-recipients")
    # The thread before the draft: your last message unanswered, and how soon you write again.
    if context.unanswered >= 1:
        found.add("thread:unanswered")
        if context.unanswered >= 2:
            found.add("thread:unanswered-again")
        wrote = context.days_since_you_wrote
        if wrote is not None and wrote < FOLLOW_UP_DAYS:
            found.add("thread:soon")
        if read.asks:
            found.add("thread:asks-again")
        if read.big_asks:
            found.add("thread:big-ask-again")
    elif context.days_since_you_wrote is not None:
        found.add("thread:they-wrote-last")
    if read.invited:
        found.add("invited")
    if read.softened:
        found.add("softened")
    if not read.about_them:
        found.add("nothing-about-them")
    body = len(read.body)
    found.add("short" if body <= 2 else "medium" if body <= 6 else "long")
    warm_stranger = "stranger" in found and read.named_mutual
    cold = (
        ("stranger" in found and not warm_stranger)
        or "days:years" in found
        or "balance-against" in found
    )
    if cold and read.big_asks:
        found.add("cold-big-ask")
    if cold and read.asks:
        found.add("cold-ask")
    mine = sum(1 for act in read.body if act.me > act.you)
    theirs = sum(1 for act in read.body if act.you > act.me or act.about_them)
    if mine >= 3 and mine >= 3 * max(theirs, 1):
        found.add("mostly-me")
    return found


def features(read: Letter) -> tuple[set[str], list[set[str]]]:
    """The letter's features and each body sentence's (a sentence feature counts once)."""
    said = [act for act in read.body if not act.pleasantry][:2]
    interest = next((i for i, act in enumerate(read.body) if act.about_them), len(read.body))
    per_sentence = [
        sentence_features(act, i, act in said, i < interest) for i, act in enumerate(read.body)
    ]
    whole = letter_features(read)
    for found in per_sentence:
        whole |= {f"s:{name}" for name in found}
    return whole, per_sentence


@cache
def _model() -> dict[str, object]:
    text = files(__package__).joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    data: dict[str, object] = json.loads(text)
    return data


@cache
def weights() -> dict[str, float]:
    table = _model()["weights"]
    assert isinstance(table, dict)
    return {str(name): float(value) for name, value in table.items()}


def thresholds() -> tuple[float, float]:
    """(add_at, clear_at) from the weights file."""
    model = _model()
    return float(str(model["add_at"])), float(str(model["clear_at"]))


def reading(read: Letter, table: dict[str, float] | None = None) -> Reading:
    """p(needs changes) for the letter, and how much each body sentence adds to it."""
    table = weights() if table is None else table
    whole, per_sentence = features(read)
    z = table.get("bias", 0.0) + sum(table.get(name, 0.0) for name in whole)
    if "mutual-named" in whole:
        # Naming someone you both know never reads worse than leaving them unsaid: the weights
        # are learnt from letters, and a learnt weight must not turn that courtesy into a cost.
        unsaid = (whole - {"mutual-named"}) | {"mutual-unsaid"}
        z = min(z, table.get("bias", 0.0) + sum(table.get(name, 0.0) for name in unsaid))
    carriers: dict[str, int] = {}
    for found in per_sentence:
        for name in found:
            carriers[name] = carriers.get(name, 0) + 1
    contributions = tuple(
        sum(table.get(f"s:{name}", 0.0) / carriers[name] for name in found)
        for found in per_sentence
    )
    return Reading(
        probability=1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z)))), contributions=contributions
    )


# --- what the reader may change ---------------------------------------------------------------


def combine(read: Letter, findings: list[Finding]) -> list[Finding]:
    """The rules' findings with the reader's two permissions applied (see the module doc)."""
    if not read.body:
        return findings
    flagged = [f for f in findings if f.severity is not Severity.INFO]
    codes = {f.code for f in flagged}
    if "not-english" in codes:
        return findings
    add_at, clear_at = thresholds()
    if not flagged:
        if not may_add(read):
            return findings
        seen = reading(read)
        if seen.probability < add_at:
            return findings
        return [*findings, _added(read, seen)]
    if may_clear(read, flagged) and reading(read).probability <= clear_at:
        # Read as a whole the letter is fine: the findings stay as notes, not as blockers.
        return [
            replace(f, severity=Severity.INFO) if f.severity is not Severity.INFO else f
            for f in findings
        ]
    return findings


def may_clear(read: Letter, flagged: list[Finding]) -> bool:
    """Whether a confident reader (p <= `clear_at`) may turn the rules' warnings and problems
    (`flagged`) into notes. Always for whole-letter balance warnings alone (round 4). Since
    session 9 (C2) also for other findings, when none is a sure one (`SURE_CODES`: the hard
    rule's and the draft's facts) and the letter neither asks for something big nor chases:
    then a problem is the rules' reading of tone (a silence not said, a deadline, a claim, a
    letter about the writer), which is where the rules and a new writer disagree most, and the
    reader, measured on writers it never saw, is the more precise of the two."""
    if all(f.code in BALANCE_CODES and f.severity is Severity.WARN for f in flagged):
        return True
    if any(f.code in SURE_CODES for f in flagged):
        return False
    return not read.big_asks and not any(act.chase for act in read.body)


def may_add(read: Letter) -> bool:
    """Whether the reader may add a warning to this letter, which the rules pass. Not to a
    one-sentence message: the reader reads the shape of a letter (where the ask stands, what
    comes before it, how much is about whom), and one sentence has no shape, only words, which
    are what does not carry over from one writer to the next; the rules still read a big ask, a
    chase, a claim or a demand in it. Not when the writer asked after the reader first
    (`interest_first`)."""
    return len(read.body) >= MIN_SENTENCES_TO_ADD and not interest_first(read)


def interest_first(read: Letter) -> bool:
    """The rules saw the writer ask after the reader's life before asking anything: at least
    `INTEREST_QUESTIONS` questions about them come before the first ask, and no sentence chases,
    claims a debt or recalls a favour. Then the rules' own check of P6 ("ask about their life,
    don't open with a request") is met in so many words, and the reader may not overrule it with
    a warning of its own: the warnings it can add say the request comes before any interest, or
    that the letter asks more than it gives, and here neither would be true."""
    first = next((i for i, act in enumerate(read.body) if act.ask), None)
    if first is None:
        return False
    if any(
        act.chase or act.entitlement is not None or act.recalled is not None for act in read.body
    ):
        return False
    asked = sum(1 for act in read.body[:first] if act.question and act.about_them)
    return asked >= INTEREST_QUESTIONS


def _added(read: Letter, seen: Reading) -> Finding:
    """One warning on the sentence that adds most to "needs changes", in words a user can read."""
    index = max(range(len(read.body)), key=lambda i: (seen.contributions[i], -i))
    act = read.body[index]
    sentence = act.sentence
    interest = next((i for i, other in enumerate(read.body) if other.about_them), len(read.body))
    if act.ask and index < interest:
        code, message, suggestion = (
            "nothing-about-them",
            "This reads as a request before you have asked anything about them, so the whole "
            "message reads as being about what you need.",
            "Open with them: a question about their work or life, or thanks for something "
            "they did. Then make the ask smaller and leave them free to say no.",
        )
    elif act.ask or act.chase or act.entitlement is not None:
        code, message, suggestion = (
            "me-centred",
            "Read as a whole, the message leans on this sentence: it is what the reader will "
            "remember, and it asks more than the rest of the message gives.",
            "Make this ask smaller and easier to decline, and give the reader something first: "
            "a question about them, thanks, or help you can offer.",
        )
    elif act.me > act.you or not read.about_them:
        code, message, suggestion = (
            "me-centred",
            "Read as a whole, the message is about you and what you need; this sentence "
            "carries most of that.",
            "Cut your own story to one sentence and turn another into a question about them.",
        )
    else:
        code, message, suggestion = (
            "nothing-about-them",
            "Read as a whole, the message says little about the reader; this sentence is "
            "where it reads most as taking.",
            "Add a sentence about them before you ask: how they are, or something of theirs "
            "you noticed.",
        )
    principle = P_INTEREST if code == "nothing-about-them" else P_ME
    return Finding(
        code, Severity.WARN, message, sentence.start, sentence.end, principle, suggestion
    )
