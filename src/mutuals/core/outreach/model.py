"""What a review is made of: the context it is given, its findings, its verdict and score.

Formula in words: every finding has a severity; the score is 100 minus 25 per `problem`, 8 per
`warn` and 2 per `info`, never below 0. The verdict follows the worst severity: any problem is
"likely to land badly", any warn "worth another pass", otherwise "ready to send" (a draft with
no words at all is "nothing to review").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    INFO = "info"
    WARN = "warn"
    PROBLEM = "problem"


@dataclass(frozen=True, slots=True)
class OutreachContext:
    recipient_name: str | None = None  # their first name, when known
    known: bool = True  # False: a stranger (no relationship with you)
    days_since_last_contact: int | None = None  # None: unknown or never
    shared_connections: int = 0  # people you both know (0 until the network exists)
    balance: float | None = None  # core.reciprocity balance score in [-1, 1]; None: unknown
    recipient_needs: tuple[str, ...] = ()  # the recipient's open needs, one line each
    # People you both know (who-knows-whom, who introduced you), by name, strongest tie first.
    mutual_contacts: tuple[str, ...] = ()
    recipients: int = 1  # how many people this same message goes to
    # The thread before this draft (from the interaction log): how many of your messages to them
    # in a row have had no reply (0: they wrote last, or there is no thread), and the days since
    # your last message to them (None: unknown).
    unanswered: int = 0
    days_since_you_wrote: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # stable identifier, e.g. "job-request-up-front"
    severity: Severity
    message: str  # what will land badly and why, one sentence (no codes in it)
    start: int  # span of the text it concerns: text[start:end]
    end: int
    principle: str  # the principle behind it ("P6: ..."; screens drop the code)
    suggestion: str  # a concrete suggestion in words
    replacement: str | None = None  # text that can replace text[start:end], when one exists


@dataclass(frozen=True, slots=True)
class Review:
    verdict: str  # one of VERDICTS
    score: int  # 0..100
    findings: tuple[Finding, ...]  # ordered by start, then severity (worst first), then code


READY, ANOTHER_PASS, LAND_BADLY, NOTHING = (
    "ready to send",
    "worth another pass",
    "likely to land badly",
    "nothing to review",
)
VERDICTS = (READY, ANOTHER_PASS, LAND_BADLY, NOTHING)
PENALTY = {Severity.PROBLEM: 25, Severity.WARN: 8, Severity.INFO: 2}
ORDER = {Severity.PROBLEM: 0, Severity.WARN: 1, Severity.INFO: 2}


def score(findings: list[Finding] | tuple[Finding, ...]) -> int:
    return max(0, 100 - sum(PENALTY[finding.severity] for finding in findings))


def verdict(findings: list[Finding] | tuple[Finding, ...]) -> str:
    severities = {finding.severity for finding in findings}
    if Severity.PROBLEM in severities:
        return LAND_BADLY
    return ANOTHER_PASS if Severity.WARN in severities else READY
