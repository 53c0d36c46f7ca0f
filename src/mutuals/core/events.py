"""Events and communities: where new people are met (PRODUCT.md P7, imaginative circles: the
people you have not met yet are at the meetups, associations and classes you go to).

An event is one day somewhere with people; a community is what recurs (an association, a
running club, a board, a class). The rules, in words:

- who you know in a community is everyone who was at any of its events;
- when you last went is its latest event on or before today (a future one is not a visit);
- "met at" for a person is the earliest event marked as where you first met them;
- a calendar meeting in the past with at least `MIN_PEOPLE_FOR_EVENT` of your people is also
  an event (a meetup), so calendar imports bring the places where several people were.

Plain data, no Django.
"""

from __future__ import annotations

EVENT_KINDS = ("meetup", "association_meeting", "class", "volunteering", "conference", "other")
EVENT_KIND_WORDS = {
    "meetup": "meetup",
    "association_meeting": "association meeting",
    "class": "class",
    "volunteering": "volunteering",
    "conference": "conference",
    "other": "other",
}
COMMUNITY_KINDS = ("association", "club", "board", "class", "other")
COMMUNITY_KIND_WORDS = {
    "association": "association",
    "club": "club",
    "board": "board",
    "class": "class",
    "other": "other",
}
MIN_PEOPLE_FOR_EVENT = 2


def is_event(people_count: int) -> bool:
    """Whether a past calendar meeting with this many of your people is also an event."""
    return people_count >= MIN_PEOPLE_FOR_EVENT


def event_name(summary: str) -> str:
    """An imported meeting's name as an event: its title, or "Meeting" when it has none."""
    return " ".join(summary.split())[:200] or "Meeting"
