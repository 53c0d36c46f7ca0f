"""`mutuals today` with thank-yous, unanswered asks and needs to review; `mutuals thanked`."""

from __future__ import annotations

from django.utils import timezone

from mutuals.cli.errors import ExitCode
from mutuals.ledger.models import Exchange
from tests.cli.conftest import failed, parsed
from tests.factories import days_ago, make_person
from tests.give_and_take import asked, gave, noted, received


def test_today_lists_give_and_take_items_with_the_command_that_clears_each(mutuals, jordan):
    rosa = make_person(jordan)
    got = received(jordan, rosa, days=21)
    ask = asked(jordan, rosa, days=10)
    need = noted(jordan, None, "Advice on a pay offer", days=40)
    result = mutuals("today", "--all")
    assert result.exit_code == 0, result.output
    for text in (
        "(thank-you owed)",
        "Rosa gave you an introduction 3 weeks ago",
        f"mutuals thanked {got.pk}",
        "(ask unanswered)",
        f"mutuals answered {ask.pk}",
        "(need to review)",
        "You (need to review) — Your need “Advice on a pay offer” has waited 5 weeks",
        f"mutuals reviewed {need.pk}",
    ):
        assert text in result.stdout


def test_today_json_names_the_thing_of_each_give_and_take_item(mutuals, jordan):
    got = received(jordan, make_person(jordan), days=21)
    [item] = [i for i in parsed(mutuals("today", "--json"))["items"] if i["kind"] == "thank_you"]
    assert (item["exchange_id"], item["need_id"], item["ask_id"]) == (got.pk, None, None)


def test_thanked_marks_the_receive_and_clears_it_from_today(mutuals, jordan):
    got = received(jordan, make_person(jordan), days=21)
    result = mutuals("thanked", str(got.pk))
    assert result.exit_code == 0, result.output
    assert "Thanked Rosa Núñez" in result.stderr
    assert Exchange.objects.get().thanked_on == timezone.localdate()
    kinds = {i["kind"] for i in parsed(mutuals("today", "--json"))["items"]}
    assert "thank_you" not in kinds


def test_thanked_takes_a_date(mutuals, jordan):
    got = received(jordan, make_person(jordan), days=21)
    assert mutuals("thanked", str(got.pk), "--date", "yesterday").exit_code == 0
    assert Exchange.objects.get().thanked_on == days_ago(1)


def test_thanked_before_the_receive_names_the_option(mutuals, jordan):
    got = received(jordan, make_person(jordan), days=21)
    message = failed(mutuals("thanked", str(got.pk), "--date", "30 days ago"), ExitCode.INVALID)
    assert message.startswith("--date: A thank-you cannot come before")


def test_thanked_for_a_give_is_refused(mutuals, jordan):
    given = gave(jordan, make_person(jordan))
    message = failed(mutuals("thanked", str(given.pk)), ExitCode.INVALID)
    assert "Only something you received can be thanked for." in message


def test_thanked_for_an_unknown_number_says_where_to_look(mutuals, jordan):
    message = failed(mutuals("thanked", "999"), ExitCode.NOT_FOUND)
    assert "mutuals balance NAME" in message


def test_riley_cannot_thank_for_jordans_receive_nor_see_it(mutuals, jordan, riley):
    got = received(jordan, make_person(jordan), days=21)
    failed(mutuals("--user", "riley", "thanked", str(got.pk)), ExitCode.NOT_FOUND)
    assert Exchange.objects.get().thanked_on is None
    assert parsed(mutuals("--user", "riley", "today", "--json"))["items"] == []
