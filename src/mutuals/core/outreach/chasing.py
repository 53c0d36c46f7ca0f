"""Chasing: a draft that follows up an unanswered message and presses for an answer.

Two ways a draft is a chase. The words make it one (`_chase_said`): a reproach for not
answering, a chase beside a date, a chase that opens by naming a big favour, or a chase in a
message that asks and also presses or claims a debt. Or the thread does (`_thread_chase`): your
last message to them is unanswered (`OutreachContext.unanswered`, from the interaction log,
`core.outreach.thread`) and this one asks, chases or nudges without being a gracious follow-up
(`gracious`). Thresholds: `limits`; the table of what the thread changes:
docs/algorithms/outreach.md, "The thread".
"""

from __future__ import annotations

import re

from mutuals.core.outreach import wording as w
from mutuals.core.outreach.acts import Act
from mutuals.core.outreach.letter import Letter
from mutuals.core.outreach.lexicon import lowered, pattern
from mutuals.core.outreach.limits import (
    FOLLOW_UP_DAYS,
    PRESSING_UNANSWERED,
    UP_FRONT_KINDS,
)
from mutuals.core.outreach.model import Finding, Severity
from mutuals.core.outreach.pressure import pressure


def chasing(letter: Letter) -> list[Finding]:
    """Chasing an unanswered message: a reproach, or a chase that also presses or claims; and,
    when the thread says your last message is unanswered, an ask or a push that is not a
    gracious follow-up (`_thread_chase`)."""
    said = _chase_said(letter)
    return said or _thread_chase(letter)


def _chase_said(letter: Letter) -> list[Finding]:
    """A chase the words themselves make: a reproach, or a chase that also presses or claims."""
    if not any(act.chase for act in letter.body):
        return []
    pressed = any(act.entitlement for act in letter.body) or bool(pressure(letter))
    # A chase beside a date is never ready, whatever else the draft asks or says.
    dated = any(
        lowered(name).search(act.sentence.low)
        for act in letter.body
        for name in ("deadline", "deadline-stated")
    )
    # ... nor is a curt chase: a reference to the earlier message and the ask made again, with
    # nothing for them beside it and no easy way out ("u saw my msg about the intro", "following
    # up on my last email. Could you send the list?"), whatever the thread is known to hold.
    renewed = letter.asks and not gracious(letter, [act for act in letter.body if act.ask])
    for act in letter.body:
        # ... nor is one that chases a big favour ("following up on the referral"), wherever it
        # stands: a chase is no kinder for coming last (session 11; it was the opening only).
        big_chase = act.request == "chase" and act.big in UP_FRONT_KINDS
        pushed = dated or (pressed and letter.asks) or renewed
        if not (act.reproach or (act.chase and pushed) or big_chase):
            continue
        sentence = act.sentence
        return [
            Finding(
                "chasing",
                Severity.PROBLEM,
                "The message chases an unanswered note and presses for an answer; silence is "
                "their answer for now, and pressing turns a favour into a debt.",
                sentence.start,
                sentence.end,
                w.P_CHASE,
                "Follow up once, lightly: say you know they are busy, drop any deadline, and "
                "give them an easy way to say no.",
                # Rewording the reproach clears it only when nothing else presses.
                w.GENTLE_FOLLOW_UP if act.reproach and not act.ask and not pressed else None,
            )
        ]
    return []


_AFTER_NEWS = re.compile(
    r"\byet\b|\bany (?:news|update|updates|word|joy|luck|progress)\b|\bhow did it go with\b"
)


# A short question opening with one of these asks something ("How's Lisbon?", "Are you well?").
_ASKING_WORDS = frozenset(
    {
        *("how", "what", "when", "where", "why", "who", "which", "how's", "what's", "where's"),
        *("are", "is", "do", "does", "did", "have", "has", "was", "were", "can", "could"),
        *("will", "would", "any", "you", "u", "r", "ur", "your"),
    }
)
# A question in chat often has no question mark: "did u talk to ur boss yet".
_ASKED_SHAPE = re.compile(r"^\W*(?:(?:hey|hi|so|and|oh|ok|okay|well)\b\W*)*(?:did|have|has|any)\b")


def _nudge(act: Act) -> bool:
    """A bare nudge that says nothing but "answer me" ("Ash??", "hello?", "and?"), or, after an
    unanswered message, a question after its news ("did u talk to ur boss yet", "any news?")."""
    low = act.sentence.low
    words = act.sentence.words
    if act.question and len(words) <= 3 and not (words and words[0] in _ASKING_WORDS):
        return True
    return (act.question or bool(_ASKED_SHAPE.search(low))) and bool(_AFTER_NEWS.search(low))


def leaves_them_free(letter: Letter) -> bool:
    """The writer lets them set the pace ("no rush") or gives an easy way out ("totally
    understand if not", "in case it got buried")."""
    return letter.softened or any(
        pattern("easy-out").search(act.sentence.plain) for act in letter.body
    )


def gracious(letter: Letter, pushes: list[Act]) -> bool:
    """A follow-up that leaves them free: an easy way out or no pace set ("no pressure", "in
    case it got buried", "totally understand if not"), or, for a small ask, something for them
    beside it (an offer, news of theirs, a question about them) other than the push itself
    (`pushes`). Saying you know they are busy
    is welcome but a pleasantry: it does not make a second ask gracious on its own."""
    if leaves_them_free(letter):
        return True
    # A pleasantry ("Have a great weekend!") is said to everyone: it gives this reader nothing.
    gives = any(
        (act.offer or act.about_them) and act not in pushes and not act.pleasantry
        for act in letter.body
    )
    return gives and not letter.big_asks


def _thread_chase(letter: Letter) -> list[Finding]:
    """Your earlier message to them is unanswered (the thread, from the log), and this one asks
    or pushes: a chase whatever its words. A problem with pressure (a deadline, a demand, a debt
    claimed, a reproach), within `FOLLOW_UP_DAYS` of your last message unless it is gracious,
    or after `PRESSING_UNANSWERED` unanswered messages; a warning when it asks again without an
    easy way out; nothing for a gracious follow-up a week or more on."""
    context = letter.context
    waiting = context.unanswered
    if waiting < 1 or not letter.body:
        return []
    pushes = [act for act in letter.body if act.ask or act.chase or _nudge(act)]
    if not pushes:
        return []  # a give or a catch-up asks nothing of them: no chase
    days = context.days_since_you_wrote
    soon = days is not None and days < FOLLOW_UP_DAYS
    pressed = bool(pressure(letter)) or any(
        act.entitlement is not None or act.reproach for act in letter.body
    )
    kind = gracious(letter, pushes) and not pressed
    if kind and not soon:
        return []
    problem = pressed or waiting >= PRESSING_UNANSWERED or (soon and not kind)
    act = next((a for a in pushes if a.chase), pushes[0])
    sentence = act.sentence
    messages = "your last message" if waiting == 1 else f"your last {waiting} messages"
    have = "has" if waiting == 1 else "have"
    if soon:
        when = "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
        message = (
            f"You last wrote to them {when} and {messages} {have} had no answer yet; writing "
            "again this soon reads as pressure, however kindly it is put."
        )
    elif not pressed and problem:
        message = (
            f"{messages.capitalize()} to them {have} had no answer yet; another that asks again "
            "reads as pressure, and silence is their answer for now."
        )
    elif problem:
        message = (
            f"{messages.capitalize()} to them {have} had no answer yet, and this one presses "
            "for one; silence is their answer for now, and pressing turns a favour into a debt."
        )
    else:
        message = (
            f"{messages.capitalize()} to them {have} had no answer yet, and this one asks again "
            "without giving them an easy way to say no."
        )
    return [
        Finding(
            "chasing",
            Severity.PROBLEM if problem else Severity.WARN,
            message,
            sentence.start,
            sentence.end,
            w.P_CHASE,
            "Give them time (a week or two at least), then follow up once, lightly: add "
            "something useful to them, drop any deadline, and make it easy to say no.",
        )
    ]
