"""`mutuals review` and `mutuals reviewed`."""

from __future__ import annotations

from django.utils import timezone

from mutuals.cli.errors import ExitCode
from mutuals.needs.models import Need
from tests.cli.conftest import failed, parsed
from tests.factories import make_person
from tests.give_and_take import noted


def test_review_groups_open_needs_by_age_oldest_first(mutuals, jordan):
    rosa = make_person(jordan)
    noted(jordan, rosa, "Intro to a UX lead", days=45)
    noted(jordan, None, "Advice on a pay offer", days=12)
    noted(jordan, rosa, "Job leads in fintech", days=2, kind="job_lead")
    result = mutuals("review")
    assert result.exit_code == 0, result.output
    out = result.stdout
    order = ["Noted over 30 days (1)", "Intro to a UX lead", "Noted this month (1)"]
    order += ["Advice on a pay offer", "Noted this week (1)", "Job leads in fintech"]
    positions = [out.index(text) for text in order]
    assert positions == sorted(positions)
    assert "never" in out
    assert "offer Rosa an" in out
    assert "3 open, 1 not reviewed for a month or more" in result.stderr


def test_review_json_is_the_api_shape(mutuals, jordan):
    need = noted(jordan, make_person(jordan), days=45)
    data = parsed(mutuals("review", "--json"))
    assert set(data) == {"date", "count", "due", "needs"}
    [entry] = data["needs"]
    assert (entry["need"], entry["group"], entry["whose"]) == (
        need.pk,
        "over 30 days",
        "Rosa Núñez",
    )
    assert entry["action"] == "when something fits, offer Rosa an introduction"


def test_review_with_nothing_open_says_how_to_note_a_need(mutuals, jordan):
    result = mutuals("review")
    assert result.exit_code == 0
    assert "No open needs to review" in result.stderr
    assert parsed(mutuals("review", "--json"))["needs"] == []


def test_reviewed_marks_the_given_needs_today(mutuals, jordan):
    first, second = noted(jordan, days=40), noted(jordan, None, "Other", days=40)
    result = mutuals("reviewed", str(first.pk))
    assert result.exit_code == 0, result.output
    assert "Marked 1 need reviewed today." in result.stderr
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.reviewed_on, second.reviewed_on) == (timezone.localdate(), None)


def test_reviewed_all_marks_every_open_need(mutuals, jordan):
    for n in range(3):
        noted(jordan, None, f"Need {n}", days=40)
    assert "Marked 3 needs" in mutuals("reviewed", "--all").stderr
    assert parsed(mutuals("review", "--json"))["due"] == 0


def test_reviewed_needs_numbers_or_all(mutuals, jordan):
    need = noted(jordan, days=40)
    failed(mutuals("reviewed"), ExitCode.USAGE)
    failed(mutuals("reviewed", str(need.pk), "--all"), ExitCode.USAGE)


def test_an_unknown_number_marks_nothing(mutuals, jordan):
    need = noted(jordan, days=40)
    message = failed(mutuals("reviewed", str(need.pk), "999"), ExitCode.NOT_FOUND)
    assert "nothing was marked" in message
    assert Need.objects.get().reviewed_on is None


def test_riley_neither_sees_nor_marks_jordans_needs(mutuals, jordan, riley):
    need = noted(jordan, make_person(jordan), days=45)
    assert parsed(mutuals("--user", "riley", "review", "--json"))["needs"] == []
    failed(mutuals("--user", "riley", "reviewed", str(need.pk)), ExitCode.NOT_FOUND)
    assert "Marked 0 needs" in mutuals("--user", "riley", "reviewed", "--all").stderr
    assert Need.objects.get().reviewed_on is None
