"""Outreach coach: honest feedback on a draft message before it is sent (principle P6).

Idea: career advisers describe the same "taker" patterns again and again — a job or referral
request up front, "please forward my resume", "send me a list of your contacts", years of
silence broken only to ask, a message all about the sender, deadlines and chasers put on
someone doing you a favour, favours presented as owed, one message sent to everyone, a big
favour asked of a stranger, asking again while the give/ask balance already leans against you
(Grant, "Give and Take", 2013). People answer messages that acknowledge the silence, show
interest in the other person, give something and ask small.

How it works, in words: the draft is split into sentences (`sentences`), read as a letter
(greeting, body, sign-off: `letter`), and each body sentence is read for what it *does* — asks
(and how, and for what), offers, shows interest, chases, reproaches, claims a debt (`acts`) —
from word lists kept as data (`lexicon/`). The rules (`findings`, with `pressure` and `chasing`;
thresholds in `limits`) turn those acts and what is known of the relationship — including the
thread before the draft, whether your last message to them went unanswered (`thread`), and
facts the app holds: a sentence that answers one of their open needs, someone you both know
named (`facts`) — into findings; `suggestions` keeps their fixes honest. A
message not in English gets one finding saying it was not reviewed (`languages`). A second reader
(`reader`: a small logistic model over the same acts and the sentences' words, weights in
`reader_weights.json`) reads the whole letter: it may add one warning to a letter the rules
pass, on the sentence that reads most as taking, or, when it reads the letter as fine with
confidence, turn the rules' findings into notes — never a sure one (a big ask up front, a
contacts ask, a chase, a mass message, another language) and never on a letter that asks big or
chases (`reader.may_clear`); it never adds or removes a problem. No network.

Scoring and verdicts: `model`. Rules, thresholds, the evaluation corpus and its figures:
docs/algorithms/outreach.md.

An optional local model can later suggest better wording through `Rewriter` and
`rewrite_with`; it may only replace a finding's `replacement`, never decide what is found.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from mutuals.core.outreach import wording
from mutuals.core.outreach.findings import RULES
from mutuals.core.outreach.languages import other_language
from mutuals.core.outreach.letter import letter
from mutuals.core.outreach.limits import (
    BALANCE_AGAINST,
    LONG_SILENCE_DAYS,
    ME_CENTRED_PROBLEM_SENTENCES,
    ME_CENTRED_SENTENCES,
    ME_CENTRED_SHARE,
)
from mutuals.core.outreach.model import (
    ANOTHER_PASS,
    LAND_BADLY,
    NOTHING,
    ORDER,
    PENALTY,
    READY,
    VERDICTS,
    Finding,
    OutreachContext,
    Review,
    Severity,
    score,
    verdict,
)
from mutuals.core.outreach.reader import combine
from mutuals.core.outreach.sentences import Sentence, tokenize
from mutuals.core.outreach.suggestions import change_of, compose, describe_change

__all__ = [
    "ANOTHER_PASS",
    "BALANCE_AGAINST",
    "LAND_BADLY",
    "LONG_SILENCE_DAYS",
    "ME_CENTRED_PROBLEM_SENTENCES",
    "ME_CENTRED_SENTENCES",
    "ME_CENTRED_SHARE",
    "NOTHING",
    "PENALTY",
    "READY",
    "VERDICTS",
    "Finding",
    "OutreachContext",
    "Review",
    "Rewriter",
    "Sentence",
    "Severity",
    "change_of",
    "describe_change",
    "review",
    "rewrite_with",
    "score",
    "tokenize",
    "verdict",
]


NO_CONTEXT = OutreachContext()


def review(
    text: str, context: OutreachContext = NO_CONTEXT, *, second_reader: bool = True
) -> Review:
    """Review a draft message to one person; deterministic, no I/O, never raises on any text.

    `second_reader=False` gives the rules' review alone (for evaluation; everything else uses
    the default)."""
    read = letter(text, context)
    if read.empty:
        return Review(verdict=NOTHING, score=0, findings=())
    language = other_language([word for act in read.body for word in act.sentence.words])
    if language is not None:
        found = [_not_english(text, language)]
    else:
        found = compose(text, [finding for rule in RULES for finding in rule(read)])
        if second_reader:
            found = combine(read, found)
    findings = sorted(found, key=lambda f: (f.start, ORDER[f.severity], f.code, f.end))
    return Review(verdict=verdict(findings), score=score(findings), findings=tuple(findings))


def _not_english(text: str, language: str) -> Finding:
    stripped = text.rstrip()
    return Finding(
        "not-english",
        Severity.WARN,
        f"{wording.ONLY_ENGLISH}: this message reads as {language}, so nothing in it was checked.",
        len(text) - len(text.lstrip()),
        len(stripped),
        wording.P_LANGUAGE,
        "Read it through yourself with the same questions: does it start with them, ask small, "
        "and leave them free to say no?",
    )


# --- the seam for an optional local model -----------------------------------------------------


class Rewriter(Protocol):
    """Something that can word a replacement better than the rules' fixed sentences.

    A future local model would implement this. It receives the draft, one finding and the
    context, and returns text to replace `text[finding.start:finding.end]`, or None to keep the
    rule's own replacement. It never adds, removes or re-grades findings: the rules decide what
    is wrong, so the review stays explainable and works without the model.
    """

    def rewrite(self, text: str, finding: Finding, context: OutreachContext) -> str | None: ...


def rewrite_with(
    rewriter: Rewriter | None,
    text: str,
    found: Review,
    context: OutreachContext = NO_CONTEXT,
) -> Review:
    """`found` with each finding's replacement offered to `rewriter` first; None changes nothing.

    A rewriter that fails (raises) or answers None or blank leaves that finding as it was, so a
    missing or broken model can never break the review.
    """
    if rewriter is None:
        return found
    findings = []
    for finding in found.findings:
        try:
            better = rewriter.rewrite(text, finding, context)
        except Exception:  # an optional model must never break the review
            better = None
        findings.append(
            replace(finding, replacement=better) if better and better.strip() else finding
        )
    return replace(found, findings=tuple(findings))
