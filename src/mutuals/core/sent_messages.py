"""A message you sent, as the conversation it is: what to call it, and the links that send it.

Idea: a draft is only useful once it is sent, and sending it is a conversation worth keeping
(PRODUCT.md, P3: keeping in touch is what the agenda counts). "I sent it" turns a draft into a
logged conversation in one step; these are the plain rules for that, with no Django:

- the channel decides the conversation's kind: an e-mail is an `email`, a LinkedIn message a
  `message`;
- the summary is what the message was for, then its first line after the greeting ("Thank-you
  note: Thank you so much for your help (introducing me to Tom)"), cut at a word;
- an e-mail link (`mailto:`) carries the subject and body URL-encoded (RFC 6068), so a mail
  program opens with the message written.
"""

from __future__ import annotations

import re
from enum import StrEnum
from urllib.parse import quote


class Channel(StrEnum):
    EMAIL = "email"
    LINKEDIN = "linkedin"


# The interaction kind (interactions.models.KIND_CHOICES) a message on each channel is.
CHANNEL_KINDS: dict[Channel, str] = {Channel.EMAIL: "email", Channel.LINKEDIN: "message"}
# What a sent message of each `core.drafts` purpose is called; its summary starts with it.
SENT_LABELS: dict[str, str] = {
    "reconnect": "Catch-up note",
    "thanks": "Thank-you note",
    "intro-request": "Introduction request",
    "follow-up": "Follow-up note",
    "share": "Note sharing something useful",
    "congratulate": "Congratulations",
    "intro-offer": "Introduction offer",
    "introduce": "Introduction",
}
SUMMARY_MAX = 200  # characters of a summary
_GREETING_MAX = 60  # a first line this short ending with a comma is the greeting
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def interaction_kind(channel: Channel | str) -> str:
    return CHANNEL_KINDS[Channel(channel)]


def sent_summary(text: str, purpose: str = "") -> str:
    """What the conversation says it was: the purpose, then the message's first line after the
    greeting; "Sent a message" when the text says nothing."""
    label = SENT_LABELS.get(purpose, "Message")
    first = first_line(text)
    if not first:
        return label if purpose in SENT_LABELS else "Sent a message"
    return _cut(f"{label}: {first}")


def first_line(text: str) -> str:
    """The first sentence of the message after its greeting ("Hi Priya,"), on one line."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and lines[0].endswith(",") and len(lines[0]) <= _GREETING_MAX and len(lines) > 1:
        lines = lines[1:]
    if not lines:
        return ""
    return _SENTENCE_END.split(lines[0], maxsplit=1)[0]


def mailto(address: str, *, subject: str, body: str) -> str:
    """A `mailto:` link to `address` with the subject and body filled in."""
    to = quote(address.strip(), safe="@")
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def _cut(text: str) -> str:
    if len(text) <= SUMMARY_MAX:
        return text
    return text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0].rstrip(" ,;:(") + "\u2026"
