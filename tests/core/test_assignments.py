"""Assignment templates and rules (core.assignments) and their items on the agenda
(core.agenda.assignments)."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.agenda import (
    KIND_ORDER,
    AssignmentState,
    ContactState,
    ItemKind,
    PromiseState,
    build_agenda,
    make_plan,
)
from mutuals.core.agenda.assignments import assignment_item
from mutuals.core.agenda.reasons import PersonContext, write_reason
from mutuals.core.assignments import (
    MAX_TITLE,
    TEMPLATES,
    check,
    check_note,
    due_for,
    fold_spaces,
    template_for,
)

TODAY = dt.date(2026, 3, 16)


def state(pk=1, *, set_days=0, due_in=None, former=False, title="Thank three people"):
    due = None if due_in is None else TODAY + dt.timedelta(days=due_in)
    return AssignmentState(
        id=pk,
        title=title,
        details="Say what they did.",
        coach_name="Casey Coach",
        set_on=TODAY - dt.timedelta(days=set_days),
        due_on=due,
        former=former,
    )


def test_there_are_about_eight_templates_with_unique_keys_and_short_titles():
    assert 6 <= len(TEMPLATES) <= 12
    assert len({t.key for t in TEMPLATES}) == len(TEMPLATES)
    assert all(0 < len(t.title) <= MAX_TITLE and t.details and t.days > 0 for t in TEMPLATES)


def test_no_template_asks_for_a_job():
    for template in TEMPLATES:
        words = f"{template.title} {template.details}".lower()
        assert "ask for a job" not in words
        assert "send your resume" not in words


def test_a_template_is_found_by_its_key_and_an_unknown_key_is_none():
    assert template_for("give-to-dormant-tie").title == "One give to a dormant tie this week"
    assert template_for("nope") is None


def test_a_template_suggests_its_due_date_unless_one_is_given():
    template = template_for("note-their-needs")
    assert due_for(template, TODAY, None) == TODAY + dt.timedelta(days=14)
    assert due_for(template, TODAY, TODAY) == TODAY
    assert due_for(None, TODAY, None) is None


def test_check_names_each_field_that_is_wrong():
    assert check("Title", "", None, TODAY) == {}
    errors = check("", "x" * 5000, TODAY - dt.timedelta(days=1), TODAY)
    assert set(errors) == {"title", "details", "due_on"}
    assert check("x" * (MAX_TITLE + 1), "", None, TODAY).keys() == {"title"}
    assert check_note("x" * 2000).keys() == {"note"}
    assert check_note("Went well") == {}


@given(st.text())
def test_folding_spaces_leaves_one_line_without_double_spaces(text):
    folded = fold_spaces(text)
    assert "\n" not in folded
    assert "  " not in folded
    assert folded == folded.strip()
    assert fold_spaces(folded) == folded


def test_an_assignment_without_a_due_date_says_when_it_was_set():
    item = assignment_item(state(set_days=3), TODAY)
    assert item.kind == ItemKind.ASSIGNMENT
    assert item.reason == "Your coach Casey Coach set this 3 days ago."
    assert item.about == "Thank three people"
    assert item.text == "Say what they did."
    assert item.assignment_id == 1
    assert item.person_id is None
    assert item.score == 3.0


def test_an_assignment_says_when_it_is_due_or_how_late_it_is():
    assert assignment_item(state(due_in=0), TODAY).reason.endswith("; due today.")
    assert assignment_item(state(due_in=3), TODAY).reason.endswith("; due in 3 days.")
    late = assignment_item(state(set_days=10, due_in=-5), TODAY)
    assert late.reason == "Your coach Casey Coach set this 10 days ago; 5 days overdue."
    assert late.overdue_days == 5
    assert late.score == 5.0


def test_one_from_a_former_coach_says_so():
    item = assignment_item(state(former=True), TODAY)
    assert item.reason == "Casey Coach, your former coach, set this today."


def test_assignments_come_right_after_promises_and_are_never_limited():
    assert KIND_ORDER[:2] == (ItemKind.PROMISE, ItemKind.ASSIGNMENT)
    promise = PromiseState(9, None, None, "Send the article", TODAY, None)
    agenda = build_agenda(
        [promise], list[ContactState](), TODAY, assignments=[state(i) for i in range(1, 31)]
    )
    kinds = [item.kind for item in agenda.items]
    assert kinds[0] == ItemKind.PROMISE
    assert kinds[1:] == [ItemKind.ASSIGNMENT] * 30
    assert agenda.totals[ItemKind.ASSIGNMENT] == 30


def test_the_most_overdue_assignment_is_planned_first():
    states = [state(1, due_in=2), state(2, set_days=9, due_in=-4), state(3, set_days=1)]
    agenda = build_agenda([], [], TODAY, assignments=states)
    plan = make_plan(agenda.items, TODAY, size=2)
    assert [item.assignment_id for item in plan.items] == [2, 3]
    assert [item.assignment_id for _, items in plan.later for item in items] == [1]


def test_a_planned_assignment_gets_a_next_step():
    reason = write_reason(assignment_item(state(), TODAY), PersonContext(), TODAY)
    assert reason.startswith("Your coach Casey Coach set this today. ")
    assert len(reason) > len("Your coach Casey Coach set this today. ")
