"""The digest e-mail's words: a subject, a plain-text body and a simple HTML alternative.

Plain data in, text out (no database, no settings), so the same digest prints in the terminal
(`mutuals digest --print`) and goes out by e-mail. Personal data is kept to the least that is
useful in a mailbox: first names and the action in a few words; never notes, conversation
summaries, promise or need texts, ages or e-mail addresses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from mutuals.core.names import first_word

# What each kind of plan item asks, in a few words; {name} is the person's first name.
ACTIONS = {
    "promise": "Keep your promise to {name}",
    "occasion": "Send {name} a note for their {label}",
    "introduction": "Move your introduction with {name} on",
    "thank_you": "Say thank you to {name}",
    "new_acquaintance": "Follow up with {name}, whom you met recently",
    "keep_in_touch": "Get in touch with {name}",
    "ask_unanswered": "Check back with {name} about what you asked",
    "need_review": "Look at what {name} needs",
    "dormant": "Reconnect with {name}",
    "referral_thanks": "Thank {name} for the referral",
}
# The same kinds when the item is about no one in particular (your own need, a promise).
ACTIONS_WITHOUT_PERSON = {
    "promise": "Keep a promise you made",
    "need_review": "Look at what you need",
    # The job search's items name a lead or an event, which the e-mail leaves out.
    "interview": "Get ready for your interview",
    "application": "Follow up an application",
    "event_follow_up": "Follow up with the people you met at an event",
    "assignment": "Do what your coach set you",
}
DEFAULT_ACTION = "Get in touch with {name}"
OCCASION_WORDS = {"birthday": "birthday", "anniversary": "anniversary"}
SUBJECT = "Your plan for today, {day}"


@dataclass(frozen=True, slots=True)
class Digest:
    """One morning's digest: the plan's actions in words, the important dates of the next few
    days, how many more things are due, and where the app is ("" when no address is set)."""

    day: dt.date
    actions: tuple[str, ...]
    coming_up: tuple[str, ...] = ()
    more_due: int = 0
    done_today: int = 0
    app_url: str = ""

    @property
    def settings_url(self) -> str:
        return f"{self.app_url}/settings/" if self.app_url else ""


def action_words(kind: str, person_name: str | None, *, occasion: str = "") -> str:
    """What one plan item asks, e.g. "Say thank you to Rosa"."""
    if person_name is None and kind in ACTIONS_WITHOUT_PERSON:
        return ACTIONS_WITHOUT_PERSON[kind]
    template = ACTIONS.get(kind, DEFAULT_ACTION)
    return template.format(name=first_word(person_name, "someone"), label=occasion_label(occasion))


def occasion_label(kind: str) -> str:
    return OCCASION_WORDS.get(kind, "important day")


def coming_up_words(person_name: str, kind: str, on: dt.date, today: dt.date) -> str:
    """An important date of the next few days, e.g. "Rosa's birthday, tomorrow"."""
    days = (on - today).days
    when = "today" if days == 0 else "tomorrow" if days == 1 else f"on {on:%A} {day_words(on)}"
    name = first_word(person_name, "someone")
    return f"{name}'s {occasion_label(kind)}, {when}"


def day_words(day: dt.date) -> str:
    """The project's date format on screens: "3 Mar 2026"."""
    return f"{day.day} {day:%b %Y}"


def subject(digest: Digest) -> str:
    return SUBJECT.format(day=day_words(digest.day))


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _summary(digest: Digest) -> str:
    if not digest.actions:
        if digest.done_today:
            return "Today's plan is done. Well done."
        return "Nothing is due today: a good day to write to someone you have not heard from."
    return f"{_count(len(digest.actions), 'action', 'actions')} for today:"


def _more(digest: Digest) -> str:
    if not digest.more_due:
        return ""
    return f"{_count(digest.more_due, 'more thing is', 'more things are')} due in the coming days."


def _open_line(digest: Digest) -> str:
    return f"Open mutuals: {digest.app_url}/" if digest.app_url else "Open mutuals to act on it."


def _unsubscribe(digest: Digest) -> str:
    where = f"in Settings ({digest.settings_url})" if digest.app_url else "in mutuals' Settings"
    return (
        f"You receive this because you turned on the morning digest. Turn it off {where}, "
        "under Morning digest."
    )


def text_body(digest: Digest) -> str:
    lines = [_summary(digest)]
    if digest.actions:
        lines += [f"{number}. {action}" for number, action in enumerate(digest.actions, 1)]
    if more := _more(digest):
        lines += ["", more]
    if digest.coming_up:
        lines += ["", "Coming up:", *(f"- {line}" for line in digest.coming_up)]
    lines += ["", _open_line(digest), "", "-- ", _unsubscribe(digest)]
    return "\n".join(lines) + "\n"


def html_body(digest: Digest) -> str:
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(subject(digest))}</title></head><body>",
        f"<p>{escape(_summary(digest))}</p>",
    ]
    if digest.actions:
        items = "".join(f"<li>{escape(action)}</li>" for action in digest.actions)
        parts.append(f"<ol>{items}</ol>")
    if more := _more(digest):
        parts.append(f"<p>{escape(more)}</p>")
    if digest.coming_up:
        items = "".join(f"<li>{escape(line)}</li>" for line in digest.coming_up)
        parts.append(f"<h2>Coming up</h2><ul>{items}</ul>")
    if digest.app_url:
        parts.append(f'<p><a href="{escape(digest.app_url)}/">Open mutuals</a></p>')
    else:
        parts.append(f"<p>{escape(_open_line(digest))}</p>")
    where = (
        f'in <a href="{escape(digest.settings_url)}">Settings</a>'
        if digest.app_url
        else "in mutuals' Settings"
    )
    parts.append(
        "<p><small>You receive this because you turned on the morning digest. "
        f"Turn it off {where}, under Morning digest.</small></p></body></html>"
    )
    return "".join(parts)
