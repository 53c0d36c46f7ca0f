"""Which side of a need a person is on: looking for something, or hiring and offering it.

"Looking for a backend role" and "Hiring a backend engineer" share every telling word, yet a
job posting is a thing to forward to the first and a lead for you from the second. Each need
carries a direction; when nobody said which, `infer_direction` reads it from the words:

- *offering* when the kind is "hire", or the text says the person or their team is hiring
  ("Hiring a data engineer", "Her team is hiring", "we're looking for a designer",
  "recruiting a nurse", "has an opening for", "looking to hire");
- *looking* otherwise, and also when the hiring words describe what the person is after
  ("knows anyone hiring a data engineer", "companies that are hiring", "a team that has an
  opening"): a word such as "anyone", "who" or "companies" just before them says so.

Plain patterns, no model: they can be wrong, so every form lets the user say which.
"""

from __future__ import annotations

import re

from mutuals.core.names import fold

LOOKING = "looking"
OFFERING = "offering"
DIRECTIONS = (LOOKING, OFFERING)
DIRECTION_WORDS = {LOOKING: "looking for", OFFERING: "hiring or offering"}

# "hiring manager", "the hiring process": words about hiring, not someone who hires.
_HIRING = (
    r"hiring\b(?! (?:managers?|process|processes|team|committee|freeze|plans?|trends?|market))"
)
_OFFERING_PATTERNS = (
    rf"(?:^|[.!?;:(]\s*)(?:now |currently |actively |urgently )?{_HIRING}",
    r"\b(?:is|are|we're|we are|they're|she's|he's|currently|now|actively|still|urgently) "
    rf"(?:{_HIRING}|recruiting\b)",
    r"\brecruiting (?:a|an|for|two|three|several|\d+)\b",
    r"\b(?:we're|we are) looking for (?:a|an|someone|people|candidates)\b",
    r"\blooking for (?:candidates|applicants)\b",
    r"\b(?:has|have) (?:an |a |some |two |several )?(?:job )?(?:openings?|vacanc(?:y|ies)|"
    r"open roles?|open positions?)\b",
    r"\b(?:looking|wants|needs|plans|planning|hoping) to hire\b",
)
_OFFERING = re.compile("|".join(f"(?:{p})" for p in _OFFERING_PATTERNS), re.MULTILINE)
# Words that, just before the hiring words, make them what the person is after.
_SEEKING_CUES_TEXT = """
    anyone anybody someone somebody who whos which that companies teams firms startups
    employers places organisations organizations businesses agencies"""
SEEKING_CUES = frozenset(_SEEKING_CUES_TEXT.split())
CUE_WINDOW = 3  # words looked at before the hiring words


def infer_direction(text: str, kind: str = "") -> str:
    """`offering` or `looking` for a need's text (and kind, "hire" meaning offering);
    never raises, whatever the text."""
    if kind.strip().lower().replace(" ", "_") == "hire":
        return OFFERING
    folded = fold(text).replace("\u2019", "'")
    for found in _OFFERING.finditer(folded):
        before = re.findall(r"[a-z']+", folded[: found.start()])[-CUE_WINDOW:]
        if not SEEKING_CUES.intersection(word.replace("'", "") for word in before):
            return OFFERING
    return LOOKING
