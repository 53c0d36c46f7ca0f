"""`mutuals assignments`, `mutuals assignment done|undo` (the client) and `mutuals coach
assign|assignments|unassign` (the coach)."""

from __future__ import annotations

import pytest

from mutuals.assignments import services
from mutuals.assignments.models import Assignment
from mutuals.coaching.models import CoachLink
from tests.cli.conftest import failed, parsed
from tests.coach_data import make_coach


@pytest.fixture
def as_user(mutuals):
    def run(user, *args: str):
        return mutuals("--user", user.username, *args)

    return run


@pytest.fixture
def linked(casey, jordan):
    make_coach(casey)
    return CoachLink.objects.create(
        coach=casey, client=jordan, level="progress", state="active", invited_by="coach"
    )


def set_one(casey, jordan, key="thank-three"):
    return services.assign(coach=casey, client_ids=[jordan.pk], template_key=key)[0]


def test_a_coach_assigns_from_a_template(as_user, casey, jordan, linked):
    made = parsed(as_user(casey, "coach", "assign", "jordan", "give-to-dormant-tie", "--json"))
    assert made["title"] == "One give to a dormant tie this week"
    assert made["client"] == {"id": jordan.pk, "name": "jordan"}
    assert made["due_on"] is not None
    assert made["done"] is False


def test_a_coach_assigns_in_their_own_words_with_a_due_date(as_user, casey, jordan, linked):
    result = as_user(
        casey, "coach", "assign", "Jordan", "--title", "Call Ana", "--due", "2099-01-05"
    )
    assert result.exit_code == 0, result.output
    assert "Call Ana, due 5 Jan 2099" in result.stderr
    assert Assignment.objects.get().title == "Call Ana"


def test_the_templates_are_listed(as_user, casey):
    result = as_user(casey, "coach", "assign", "--list")
    assert result.exit_code == 0, result.output
    assert "give-to-dormant-tie" in result.stdout


def test_assigning_to_someone_not_coached_is_not_found(as_user, casey, jordan):
    message = failed(as_user(casey, "coach", "assign", "jordan", "thank-three"), 3)
    assert "You coach nobody called 'jordan'" in message
    assert not Assignment.objects.exists()


def test_bad_input_names_the_option(as_user, casey, jordan, linked):
    assert "--due:" in failed(
        as_user(casey, "coach", "assign", "jordan", "--title", "X", "--due", "2001-01-01"), 5
    )
    assert "no assignment template" in failed(as_user(casey, "coach", "assign", "jordan", "x"), 5)
    assert "--title:" in failed(as_user(casey, "coach", "assign", "jordan"), 5)


def test_the_client_lists_and_marks_done_and_the_coach_sees_it(as_user, casey, jordan, linked):
    made = set_one(casey, jordan)
    listed = parsed(as_user(jordan, "assignments", "--json"))["assignments"]
    assert [a["id"] for a in listed] == [made.pk]
    assert listed[0]["coach"] == {"id": casey.pk, "name": "casey"}
    assert listed[0]["former_coach"] is False
    result = as_user(jordan, "assignment", "done", str(made.pk), "--note", "Thanked three")
    assert result.exit_code == 0, result.output
    assert parsed(as_user(jordan, "assignments", "--json"))["assignments"] == []
    (seen,) = parsed(as_user(casey, "coach", "assignments", "--json"))["assignments"]
    assert (seen["done"], seen["note"]) == (True, "Thanked three")
    assert as_user(jordan, "assignment", "undo", str(made.pk)).exit_code == 0
    assert len(parsed(as_user(jordan, "assignments", "--json", "--all"))["assignments"]) == 1


def test_today_shows_it_with_the_command_that_clears_it(as_user, casey, jordan, linked):
    made = set_one(casey, jordan)
    result = as_user(jordan, "today")
    assert result.exit_code == 0, result.output
    assert "Thank three people who helped you" in result.stdout
    assert f"mutuals assignment done {made.pk}" in result.stdout
    (item,) = parsed(as_user(jordan, "today", "--json"))["items"]
    assert (item["kind"], item["assignment_id"]) == ("assignment", made.pk)


def test_another_user_cannot_mark_it_done(as_user, casey, jordan, riley, linked):
    made = set_one(casey, jordan)
    assert "no assignment" in failed(as_user(riley, "assignment", "done", str(made.pk)), 3)
    assert "no assignment" in failed(as_user(casey, "assignment", "done", str(made.pk)), 3)
    assert parsed(as_user(riley, "assignments", "--json")) == {"assignments": []}


def test_the_coach_cancels_and_an_ended_link_stops_everything(as_user, casey, jordan, linked):
    first, second = set_one(casey, jordan), set_one(casey, jordan, "ask-for-advice")
    assert as_user(casey, "coach", "unassign", str(first.pk)).exit_code == 0
    assert [a["id"] for a in parsed(as_user(jordan, "assignments", "--json"))["assignments"]] == [
        second.pk
    ]
    CoachLink.objects.update(state="ended")
    failed(as_user(casey, "coach", "unassign", str(second.pk)), 3)
    assert parsed(as_user(casey, "coach", "assignments", "--json")) == {"assignments": []}
    (kept,) = parsed(as_user(jordan, "assignments", "--json"))["assignments"]
    assert kept["former_coach"] is True
