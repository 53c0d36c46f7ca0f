"""Assignments on the agenda (issue 16 item 5): what a coach set you stays on Today until you
mark it done.

Rules in words: every open assignment (not done, not cancelled) is an item from the day it was
set. With a due date it reads "due in 3 days", "due today" or "5 days overdue"; without one,
"set 4 days ago". One from a coach you are no longer linked with stays (it is yours to finish
or mark done) and says it came from your former coach. Score = days past the due date (the
day it was set when there is none), so the most overdue comes first, like promises; never
limited. The item names no person: it is about the exercise.

Plain data, no Django: `agenda.selectors` reads the states.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from mutuals.core.agenda.states import AgendaItem, AssignmentState, ItemKind
from mutuals.core.agenda.wording import how_long, sentence, when_day, while_ago


def _who(state: AssignmentState) -> str:
    if state.former:
        return f"{state.coach_name}, your former coach,"
    return f"Your coach {state.coach_name}"


def assignment_item(state: AssignmentState, today: date) -> AgendaItem:
    set_days = (today - state.set_on).days
    said = f"{_who(state)} set this {while_ago(set_days)}"
    if state.due_on is None:
        reference = state.set_on
        reason = sentence(said)
    else:
        reference = state.due_on
        late = (today - state.due_on).days
        when = f"{how_long(late)} overdue" if late > 0 else f"due {when_day(-late)}"
        reason = sentence(f"{said}; {when}")
    overdue = (today - reference).days
    return AgendaItem(
        kind=ItemKind.ASSIGNMENT,
        person_id=None,
        person_name=None,
        reason=reason,
        score=float(overdue),
        due_on=state.due_on,
        overdue_days=max(0, overdue) if state.due_on is not None else 0,
        text=state.details,
        assignment_id=state.id,
        about=state.title,
    )


def assignment_items(states: Iterable[AssignmentState], today: date) -> list[AgendaItem]:
    return [assignment_item(state, today) for state in states]
