"""Pressure on a favour: demands ("ASAP", "I need you to", "you must send") and deadlines ("by
Friday", "the form closes Friday") in a draft that asks, as `demand-or-deadline` findings.

`pressure` is also what `chasing` reads to tell a follow-up that presses from one that does not.
Rules and examples: docs/algorithms/outreach.md, "The rules".
"""

from __future__ import annotations

import re

from mutuals.core.outreach import wording as w
from mutuals.core.outreach.letter import Letter
from mutuals.core.outreach.lexicon import lowered
from mutuals.core.outreach.limits import RECENT_DAYS
from mutuals.core.outreach.model import Finding, Severity
from mutuals.core.outreach.sentences import Sentence


def pressure(letter: Letter) -> list[tuple[Sentence, re.Match[str], Severity]]:
    """Demands (problems) and deadlines (warnings) on requests, as (sentence, match, severity)."""
    found = []
    days = letter.context.days_since_last_contact
    recent = days is not None and days <= RECENT_DAYS
    for act in letter.body:
        text = act.sentence.low
        speaks_to_them = act.you > 0 and not act.offer
        needs_it = re.search(
            r"\bneed (?:it|this|that|them|to know|an? (?:answer|reply|response|decision))\b",
            text,
            re.I,
        )
        if not (act.ask or speaks_to_them or (needs_it and letter.asks)):
            continue
        for match in lowered("demand").finditer(text):
            found.append((act.sentence, match, Severity.PROBLEM))
        if letter.softened or re.search(r"\bi(?:'ll| will)\b", text, re.I):
            continue  # "no rush" anywhere, or "I'll ... by Friday" (your own promise)
        if recent and not letter.big_asks and any(other.offer for other in letter.body):
            continue  # a small favour between people in touch, with a favour back: plans
        deadlines = list(lowered("deadline").finditer(text))
        if act.ask:
            deadlines += lowered("urgency-today").finditer(text)
        if letter.asks:
            deadlines += lowered("deadline-stated").finditer(text)
        for match in sorted(deadlines, key=lambda m: m.start()):
            found.append((act.sentence, match, Severity.WARN))
    if letter.asks and not letter.softened:
        for act in letter.body:
            if not (act.ask or act.you) and not re.search(r"\bi(?:'ll| will)\b", act.sentence.low):
                for match in lowered("deadline-stated").finditer(act.sentence.low):
                    found.append((act.sentence, match, Severity.WARN))
    return found


def demands(letter: Letter) -> list[Finding]:
    return [_demand(sentence, match, severity) for sentence, match, severity in pressure(letter)]


def _demand(sentence: Sentence, match: re.Match[str], severity: Severity) -> Finding:
    start, end = sentence.span(match.start(), match.end())
    said = sentence.text[start - sentence.start : end - sentence.start]
    words = match.group(0).lower()
    if words.startswith("i need you to"):
        better: str | None = "I'd be grateful if you could"
    elif words.startswith("you "):
        better = "if you can, please"
    elif severity is Severity.WARN or "soon" in words or words in {"asap", "immediately"}:
        better = "whenever suits you"
    else:
        better = None
    return Finding(
        "demand-or-deadline",
        severity,
        f'"{said}" puts pressure on someone who owes you nothing; a favour on a deadline '
        "feels like an order.",
        start,
        end,
        w.P_DEMAND,
        "Drop the urgency and let them choose the time; say what you would do with their help "
        "instead.",
        better,
    )
