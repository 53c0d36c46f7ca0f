"""What each sentence of a draft does: a small speech-act recogniser.

Idea: a message lands badly for what it *does* — asks, presses, chases, claims a debt — more
than for its exact words, so each sentence is read for its acts (Searle's directives and
commissives, kept to what an outreach message does):

- a **request**, and how it is made: an imperative (a request verb opening a clause, after an
  optional "please", "just" or "and/so/also"), a modal question ("could you", "would you mind",
  "any chance"), a need or want ("I still need that introduction", "I need you to", "I'd like
  you to"), a wh-request ("who do you know at Acme?") or a softer wish ("I'd be grateful",
  "let me know"); an offer ("happy to introduce you", "would you like me to") or a negated ask
  ("I'm not asking for a job") is not one;
- **what is asked**, when it is big: a job or a referral, a resume to forward, openings to look
  out for, their contacts, an introduction, a recommendation, money (small asks — a call,
  coffee, advice — are requests with no size);
- **interest** in the reader: a question to them, their life or work, thanks, an offer (with
  pleasantries and their employer-as-a-route stripped first);
- **pressure**: a chase of an unanswered message, a reproach for not answering, entitlement or
  guilt ("you owe me", "as you promised", "after all I've done").

The word lists are data (`lexicon/*.txt`); this module only says how they combine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from mutuals.core.outreach.lexicon import pattern, words
from mutuals.core.outreach.sentences import WORD, Sentence

ME = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})
YOU = frozenset(
    {"you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll", "ya", "u", "ur"}
)
# What may stand before a request verb at the start of a clause.
_LEAD = (
    r"(?:(?:and|so|also|oh|but|now|then|ok|okay|anyway|btw|plus|just|kindly|please|pls|plz)"
    r"[,]?\s+)*"
)
_CLAUSE_START = r"(?:^|[,;:\u2014\-]\s*|\b(?:and|so|but|then|also)\s+)"
# "Big" asks, in the order they are told apart; what kind decides the finding.
KINDS = ("resume", "openings", "contacts", "job", "introduction", "reference", "feedback", "money")
# A request word directed at the writer is a request even beside an offer.
_FOR_ME = re.compile(
    r"\b(?:introduc\w* me|refer(?:ring)? me|hire me|put me (?:in touch|forward)|connect me|"
    r"recommend me|(?:send|forward|pass|share)\w* (?:me|my)|list of (?:your )?contacts)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Act:
    """One sentence and what it does."""

    sentence: Sentence
    request: str | None  # "imperative", "modal", "need", "wh", "soft", or None
    big: str | None  # one of KINDS, or None
    about_them: bool  # a question to them, their life or work, thanks, or a give
    offer: bool
    question: bool
    pleasantry: bool  # nothing but what everyone says to everyone ("I hope you are well.")
    chase: bool  # refers back to an earlier message
    reproach: bool  # ... and blames them for not answering, or says they were asked before
    entitlement: re.Match[str] | None  # what presents the favour as owed
    me: int
    you: int

    @property
    def ask(self) -> bool:
        return self.request is not None or self.big is not None


def _imperative() -> re.Pattern[str]:
    verbs = "|".join(sorted((re.escape(w) for w in words("request-verbs")), key=len, reverse=True))
    return re.compile(
        rf"{_CLAUSE_START}{_LEAD}(?:{verbs})\b(?!\s+(?:you|u)\s+(?:for|so much)\b)"
        r"(?!\s+(?:care|luck|fun|a look at this)\b)",
        re.IGNORECASE,
    )


@cache
def imperative() -> re.Pattern[str]:
    return _imperative()


def request_of(text: str) -> str | None:
    """How `text` asks the reader to do something, or None."""
    if pattern("request-wh").search(text):
        return "wh"
    if pattern("request-need").search(text):
        return "need"
    if pattern("request-modal").search(text):
        return "modal"
    if _starts_imperative(text):
        return "imperative"
    if pattern("request-soft").search(text):
        return "soft"
    return None


def _starts_imperative(text: str) -> bool:
    for match in imperative().finditer(text):
        before = text[: match.start()].rstrip().lower()
        # "I hope you can send..." / "you can pass" are not commands: a subject precedes.
        if before.endswith(("i", "you", "we", "they", "he", "she", "to", "will", "'ll", "can")):
            continue
        return True
    return False


def big_of(text: str, ask: bool, question: bool) -> str | None:
    """What big thing `text` asks for, or None."""
    if pattern("resume-attached").search(text) or (ask and pattern("asked-resume").search(text)):
        return "resume"
    if pattern("asked-openings").search(text):
        return "openings"
    if ask and pattern("asked-contacts").search(text):
        return "contacts"
    # A question about jobs is a job ask ("is your team hiring?"), unless it asks after the
    # reader's own search ("how is the referral you were after going?").
    if ask and pattern("asked-job-in-request").search(text):
        return "job"
    job = pattern("asked-job").search(text)
    if job and (ask or (question and not pattern("their-search").search(text))):
        return "job"
    if ask and pattern("asked-introduction").search(text):
        return "introduction"
    if ask and pattern("asked-reference").search(text):
        return "reference"
    if ask and pattern("asked-feedback").search(text):
        return "feedback"
    if ask and pattern("asked-money").search(text):
        return "money"
    return None


_FILLERS = frozenset(
    {"i", "and", "so", "just", "really", "very", "again", "also", "but", "oh", "x"}
)


def _only_fillers(text: str) -> bool:
    return all(word.lower() in _FILLERS for word in WORD.findall(text))


def read(sentence: Sentence) -> Act:
    """The acts of one sentence."""
    text = sentence.text
    question = text.rstrip("\"')\u201d").endswith("?")
    negated = pattern("negated-ask").search(text) is not None
    offer = pattern("offer").search(text) is not None and not _FOR_ME.search(text)
    request = None if offer or negated else request_of(text)
    big = None if offer or negated else big_of(text, request is not None, question)
    if big is not None and request is None:
        request = "soft"
    stripped = pattern("instrumental").sub(" ", pattern("pleasantry").sub(" ", text))
    you = sum(1 for word in WORD.findall(stripped) if word.lower() in YOU)
    interest = question or you > 0 or pattern("congrats").search(stripped) is not None
    job_talk = (
        pattern("asked-job").search(text) is not None
        or pattern("asked-job-in-request").search(text) is not None
    )
    about = request is None and (
        offer or pattern("gratitude").search(stripped) is not None or (interest and not job_talk)
    )
    entitled = pattern("entitlement").search(text)
    if entitled is None and request is not None:
        entitled = pattern("entitlement-if-asking").search(text)
    reproach = pattern("reproach").search(text) is not None
    return Act(
        sentence=sentence,
        request=request,
        big=big,
        about_them=about and entitled is None and not reproach,
        offer=offer,
        question=question,
        pleasantry=request is None and _only_fillers(pattern("pleasantry").sub(" ", text)),
        chase=reproach or pattern("chase").search(text) is not None,
        reproach=reproach,
        entitlement=entitled,
        me=sum(1 for word in sentence.words if word in ME),
        you=you,
    )
