"""Weekly goals in words and limits (core.progress has the rules): which kinds there are, what
each is called and what counts, the suggested targets, and which conversations count.

A module of its own, without classes, because the models import it at every start of Django
(progress.Goal's choices, interactions.Interaction's live kinds): core.progress's dataclasses
would be built for every command, `mutuals today` included, which never uses them.
"""

from __future__ import annotations

from typing import Final

# In the order pages, charts and JSON show them: gives and conversations first.
GOAL_KINDS: Final = ("gives", "conversations", "new_people", "follow_ups", "applications")
GOAL_WORDS: Final = {
    "gives": "Gives",
    "conversations": "Meaningful conversations",
    "new_people": "New people met",
    "follow_ups": "Follow-ups kept",
    "applications": "Applications with a referral",
}
# What one of each is called in a sentence ("2 gives"): singular, plural.
UNIT_WORDS: Final = {
    "gives": ("give", "gives"),
    "conversations": ("conversation", "conversations"),
    "new_people": ("new person", "new people"),
    "follow_ups": ("follow-up kept", "follow-ups kept"),
    "applications": ("application with a referral", "applications with a referral"),
}
# What counts, said the same way on the goals form, the progress page and in the docs.
COUNTS_WORDS: Final = {
    "gives": "Something you gave someone: information, advice, an introduction, a favour.",
    "conversations": (
        "A coffee, call, meeting or event with someone, or an e-mail or message you logged "
        "yourself. Imported mail and messages do not count: an inbox holds likes and one-liners."
    ),
    "new_people": (
        "Someone you talked with for the first time that week, or first met at an event then."
    ),
    "follow_ups": "A promise you kept on or before its day.",
    "applications": "A lead that reached “applied” with someone who referred you behind it.",
}
# The suggested goals: a target for every kind, and which are chosen until the user says.
# Applications are suggested but not chosen: relationships first.
DEFAULT_TARGETS: Final = {
    "gives": 2,
    "conversations": 3,
    "new_people": 1,
    "follow_ups": 2,
    "applications": 1,
}
DEFAULT_CHOSEN: Final = ("gives", "conversations", "new_people", "follow_ups")
MIN_TARGET: Final = 1
MAX_TARGET: Final = 50
WEEKS: Final = 12  # the weeks the charts and the streak look at, this one included

# A conversation is meaningful when it was live, or written and logged by hand.
LIVE_KINDS: Final = ("coffee", "call", "meeting", "event", "other")
WRITTEN_KINDS: Final = ("email", "message")
