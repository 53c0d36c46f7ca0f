"""Follow-ups after events (issue 15 item 4): the people you meet at a meetup fade within days
unless you write (the same reason new acquaintances come early on the agenda).

Rules in words: from the day after an event until two weeks after it, one item for the event
listing everyone there you have not talked with since the event day (no conversation after
it). The day after, it reads "follow up while it is fresh"; from a week on, "a week ago … not
yet followed up" with those still waiting. Once everyone has been followed up, the item goes.
One item per event, not per person, so a meetup of eight does not fill the plan: the item names
them all. Score = (15 - days since) / 14, the freshest event first.

Plain data, no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from mutuals.core.agenda.states import AgendaItem, EventPersonState, EventState, ItemKind
from mutuals.core.agenda.wording import names_list, while_ago

EVENT_FOLLOW_UP_AFTER_DAYS = 1
EVENT_SECOND_FOLLOW_UP_DAYS = 7
EVENT_FOLLOW_UP_HORIZON_DAYS = 14


def followed_up(person: EventPersonState, day: date) -> bool:
    """Talked with since the event: a conversation after its day."""
    return person.last_contact_on is not None and person.last_contact_on > day


def event_item(event: EventState, today: date) -> AgendaItem | None:
    days = (today - event.day).days
    if not EVENT_FOLLOW_UP_AFTER_DAYS <= days <= EVENT_FOLLOW_UP_HORIZON_DAYS:
        return None
    waiting = sorted(
        (p for p in event.people if not followed_up(p, event.day)),
        key=lambda p: (not p.met_here, p.person_name, p.person_id),
    )
    if not waiting:
        return None
    names = names_list([p.person_name for p in waiting])
    verb = "met" if any(p.met_here for p in waiting) else "saw"
    if days < EVENT_SECOND_FOLLOW_UP_DAYS:
        reason = (
            f"At {event.name} {while_ago(days)} you {verb} {names}: follow up while it is fresh."
        )
    else:
        reason = f"{event.name} was {while_ago(days)}; not yet followed up: {names}."
    return AgendaItem(
        kind=ItemKind.EVENT_FOLLOW_UP,
        person_id=None,
        person_name=None,
        reason=reason,
        score=(EVENT_FOLLOW_UP_HORIZON_DAYS + 1 - days) / EVENT_FOLLOW_UP_HORIZON_DAYS,
        due_on=event.day + timedelta(days=EVENT_FOLLOW_UP_AFTER_DAYS),
        overdue_days=days - EVENT_FOLLOW_UP_AFTER_DAYS,
        text=", ".join(p.person_name for p in waiting),
        event_id=event.id,
        about=event.name,
    )


def event_items(events: Iterable[EventState], today: date) -> list[AgendaItem]:
    return [item for event in events if (item := event_item(event, today))]
