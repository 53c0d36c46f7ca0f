"""The words of the review: the principle behind each finding and the fixed sentences its
suggestions offer. Messages shown to people carry no rule ids or principle codes; the
`principle` field keeps its code (P1..P10) for JSON and the API, and screens drop it."""

from __future__ import annotations

import re

P_UP_FRONT = "P6: be genuine — don't open with a request"
P_RESUME = "P6: be genuine — ask for advice and a conversation, not for a job to be found for you"
P_CONTACTS = "P4: people help those sent to them — ask for one conversation, not for a list"
P_SILENCE = "P3: keep in touch — say so and apologise when it has been a long time"
P_INTEREST = "P6: be genuine — ask about their life and work"
P_ME = "P6: be genuine — the message is for them, so make them its subject"
P_DEMAND = "P1: a favour is a gift — the person helping you sets the pace"
P_CHASE = "P1: a favour is a gift — nobody owes you an answer"
P_OWED = "P1: a favour is a gift — it is never owed"
P_MASS = "P5: quality over quantity — one person, one message"
P_STRANGER = "P4: people help those sent to them by someone they know"
P_BALANCE = "P1: networking is two-way — give before you ask again"
P_LANGUAGE = "P6: be genuine — honest feedback needs a language the review can read"

ADVICE_ASK = (
    "If you have 20 minutes in the coming weeks, I'd really value your advice on how you would "
    "approach a move like mine."
)
INTEREST_QUESTION = "How have things been with you lately?"
ACKNOWLEDGEMENT = (
    "It's been far too long since we last spoke, and I'm sorry I've been out of touch."
)
ABOUT_THEIR_PATH = "I'd love to hear how you found your way into your current role."
GENTLE_FOLLOW_UP = "I wanted to check in on my earlier note, in case it got buried."
ONLY_ENGLISH = "I can only review English messages yet"

# What the big asks are called in messages.
ASKED = {
    "job": "a job or a referral",
    "resume": "to forward your resume",
    "openings": "to look out for openings",
    "contacts": "their contacts",
    "introduction": "an introduction",
    "reference": "a recommendation",
    "feedback": "work on your application",
    "money": "money",
}


_PRINCIPLE_CODE = re.compile(r"^\s*P\d+:\s*")


def principle_in_words(principle: str) -> str:
    """ "P6: be genuine — …" as "Be genuine — …", for words people read (JSON keeps the code)."""
    words = _PRINCIPLE_CODE.sub("", principle or "", count=1)
    return words[:1].upper() + words[1:]
