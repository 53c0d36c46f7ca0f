"""Plain-dict forms of today's agenda (`mutuals today --json`, GET /api/today) and of the weekly
needs review (`mutuals review --json`, GET /api/review).

{"date": "2025-03-14",
 "items": [{"kind", "person": {"id", "name"} | null, "reason", "score", "promise_id",
            "need_id", "exchange_id", "ask_id", "introduction_id", "date_id", "due_on",
            "overdue_days", "strength", "text"},
           ...],
 "totals": {"promise": n, "occasion": n, "introduction": n, "thank_you": n, "new_acquaintance": n,
            "keep_in_touch": n, "ask_unanswered": n, "need_review": n, "dormant": n}}

`totals` count each kind before the agenda's limits cut the lists. `need_id`, `exchange_id` and
`ask_id` name the thing a need-review, thank-you or unanswered-ask item is about, and
`introduction_id` the introduction of an introduction item, `date_id` the important date of an
occasion item, `assignment_id` the assignment of an assignment item (null for the other
kinds); `text` is that thing's text, the promise's, the occasion's label, or an assignment's
details (its title is `about`).

Today's plan (`mutuals today --json`, GET /api/today) has the same item keys:

{"date": "2025-03-14", "plan_size": 5, "done_today": 2, "total_due": 40,
 "items": [today's plan, as above],
 "later": [{...the same keys..., "planned_for": "2025-03-15"}, ...],
 "later_count": 1169, "later_days": 7,
 "totals": {per kind, over everything due: plan and later}}

`items` is what to do today (after what was done today: `done_today`), in order; `later` holds
the items of the next `later_days` coming days that have something planned (every coming day
when asked for all: `later_days` is then null), each with the day it is planned for;
`later_count` counts every item after today. With all coming days, `items` and `later` together
list everything due exactly once (`total_due`).

`meetings` lists your coming meetings with your people from the calendars mutuals syncs
(agenda.meetings): {"title", "starts_at", "all_day", "people": [{"id", "name"}], "words":
"Coffee with Rosa — tomorrow, 10:00", "last_time": your last conversation's line or null}.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mutuals.core.agenda import COMING_DAYS, KIND_ORDER, Agenda, AgendaItem, Plan

if TYPE_CHECKING:
    from mutuals.agenda.meetings import UpcomingMeeting
    from mutuals.core.review import ReviewEntry  # the review's module is not on Today's path


def agenda_item_to_dict(item: AgendaItem) -> dict[str, Any]:
    person = None
    if item.person_id is not None:
        person = {"id": item.person_id, "name": item.person_name}
    return {
        "kind": str(item.kind),
        "person": person,
        "reason": item.reason,
        "score": round(item.score, 3),
        "promise_id": item.promise_id,
        "need_id": item.need_id,
        "exchange_id": item.exchange_id,
        "ask_id": item.ask_id,
        "introduction_id": item.introduction_id,
        "date_id": item.date_id,
        "lead_id": item.lead_id,
        "event_id": item.event_id,
        "assignment_id": item.assignment_id,
        "about": item.about,
        "due_on": item.due_on.isoformat() if item.due_on else None,
        "overdue_days": item.overdue_days,
        "strength": item.strength,
        "text": item.text,
    }


def agenda_to_dict(agenda: Agenda, today: dt.date) -> dict[str, Any]:
    return {
        "date": today.isoformat(),
        "items": [agenda_item_to_dict(item) for item in agenda.items],
        "totals": {str(kind): agenda.totals.get(kind, 0) for kind in KIND_ORDER},
    }


def plan_to_dict(
    plan: Plan,
    coming_days: int | None = COMING_DAYS,
    meetings: Sequence[UpcomingMeeting] = (),
) -> dict[str, Any]:
    """Today's plan and the first `coming_days` days after it, or all with None, and the coming
    meetings (module docstring)."""
    from mutuals.agenda.meetings import meeting_to_dict

    later = [
        {**agenda_item_to_dict(item), "planned_for": day.isoformat()}
        for day, items in plan.coming(coming_days)
        for item in items
    ]
    everything = [*plan.items, *(item for _, items in plan.later for item in items)]
    return {
        "date": plan.today.isoformat(),
        "plan_size": plan.size,
        "done_today": plan.done_today,
        "total_due": plan.total_due,
        "items": [agenda_item_to_dict(item) for item in plan.items],
        "later": later,
        "later_count": plan.later_count,
        "later_days": coming_days,
        "totals": {str(kind): sum(i.kind == kind for i in everything) for kind in KIND_ORDER},
        "meetings": [meeting_to_dict(meeting) for meeting in meetings],
    }


def review_entry_to_dict(entry: ReviewEntry) -> dict[str, Any]:
    """One need of the weekly review; `person` is null and `whose` "you" for your own."""
    person = None
    if entry.person_id is not None:
        person = {"id": entry.person_id, "name": entry.person_name}
    return {
        "need": entry.need_id,
        "text": entry.text,
        "kind": entry.kind,
        "person": person,
        "whose": entry.whose,
        "noted_on": entry.noted_on.isoformat(),
        "age_days": entry.age_days,
        "group": entry.group,
        "reviewed_on": entry.reviewed_on.isoformat() if entry.reviewed_on else None,
        "due": entry.due,
        "action": entry.action,
    }


def review_to_dict(entries: list[ReviewEntry], today: dt.date) -> dict[str, Any]:
    """The weekly review: `mutuals review --json` and GET /api/review.

    {"date", "count", "due": how many are not reviewed for 30 days or more,
     "needs": [oldest first, see review_entry_to_dict]}
    """
    return {
        "date": today.isoformat(),
        "count": len(entries),
        "due": sum(entry.due for entry in entries),
        "needs": [review_entry_to_dict(entry) for entry in entries],
    }
