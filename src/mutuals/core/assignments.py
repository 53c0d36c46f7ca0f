"""Assignments: small exercises a coach sets a client (issue 16, PRODUCT.md P9).

Career coaches turn "network more" into concrete, finishable steps. The templates below are
the ones the product stands behind: give first (P1), keep ties alive before you need them
(P3), ask for advice and stories, never for a job (P6), and favour a few real conversations
over a pile of contacts (P5). A coach may also write their own.

Rules in words:
- A template carries a title, a sentence or two of details and a suggested number of days;
  assigned from a template with no due date, it is due that many days after the day it was
  set. An assignment of the coach's own has no due date unless the coach gives one.
- A title is one line of at most `MAX_TITLE` characters (spaces folded); details and the
  client's note on finishing are at most `MAX_DETAILS` and `MAX_NOTE` characters.
- A due date is never before the day it is set.

Plain data, no Django: `assignments.services` validates with `check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mutuals.core.assignment_words import (
    MAX_DETAILS as MAX_DETAILS,
)
from mutuals.core.assignment_words import (
    MAX_NOTE as MAX_NOTE,
)
from mutuals.core.assignment_words import (
    MAX_TITLE as MAX_TITLE,
)


@dataclass(frozen=True, slots=True)
class Template:
    key: str
    title: str
    details: str
    days: int  # suggested days to do it in


TEMPLATES: tuple[Template, ...] = (
    Template(
        "list-former-colleagues",
        "List 20 people from your last two employers",
        "Write down twenty people you worked with at your last two jobs: colleagues, managers, "
        "people from other teams. No messages yet: just the list, so you see how many people "
        "already know your work.",
        7,
    ),
    Template(
        "give-to-dormant-tie",
        "One give to a dormant tie this week",
        "Pick someone you have not talked with in a year or more and send them something "
        "useful: an article, a congratulation, an introduction. Ask for nothing.",
        7,
    ),
    Template(
        "ask-for-advice",
        "Ask one person for advice, not a job",
        "Ask someone whose work you admire one question about their field or their path. "
        "Listen, thank them, and do not mention a job.",
        7,
    ),
    Template(
        "thank-three",
        "Thank three people who helped you",
        "Think of three people who helped you, lately or long ago, and thank them in a few "
        "words each: say what they did and what it changed.",
        7,
    ),
    Template(
        "reconnect-two-colleagues",
        "Reconnect with two former colleagues",
        "Write to two people you used to work with. Ask how they are and what they are working "
        "on; if it has been a long time, say so in a line.",
        7,
    ),
    Template(
        "note-their-needs",
        "Write down what three people need",
        "After your next conversations, note one thing each person needs: a contact, an idea, "
        "a tool. Then look for one way to help.",
        14,
    ),
    Template(
        "beyond-work",
        "Talk to someone outside work",
        "A neighbour, a trainer, someone from a club or a class: have one real conversation "
        "about what they do, and tell them what you are looking for only if they ask.",
        14,
    ),
    Template(
        "follow-up-promises",
        "Keep every promise you made this week",
        "Send the article, make the introduction, write the note you said you would. People "
        "remember who follows through.",
        7,
    ),
)
BY_KEY = {template.key: template for template in TEMPLATES}


def template_for(key: str) -> Template | None:
    return BY_KEY.get(key)


def fold_spaces(text: str) -> str:
    """One line: runs of spaces, tabs and line breaks become one space, ends trimmed."""
    return " ".join(text.split())


def due_for(template: Template | None, set_on: date, due_on: date | None) -> date | None:
    """The due date: the one given, else the template's suggested days after `set_on`, else
    none."""
    if due_on is not None or template is None:
        return due_on
    return set_on + timedelta(days=template.days)


def check(title: str, details: str, due_on: date | None, set_on: date) -> dict[str, str]:
    """What is wrong with an assignment, by field, in sentences ({} when nothing is)."""
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = "Give the assignment a title, or choose one from the list."
    elif len(title) > MAX_TITLE:
        errors["title"] = f"Keep the title to {MAX_TITLE} characters or fewer."
    if len(details) > MAX_DETAILS:
        errors["details"] = f"Keep the details to {MAX_DETAILS} characters or fewer."
    if due_on is not None and due_on < set_on:
        errors["due_on"] = "The due date is in the past: choose today or a later day."
    return errors


def check_note(note: str) -> dict[str, str]:
    if len(note) > MAX_NOTE:
        return {"note": f"Keep the note to {MAX_NOTE} characters or fewer."}
    return {}
