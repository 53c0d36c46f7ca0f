"""The agenda's thank-yous, unanswered asks and needs to review, read from the database."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.agenda.selectors import ask_states, need_review_states, receive_states, today_agenda
from mutuals.core.agenda import NO_LIMITS, ItemKind, build_agenda
from mutuals.ledger import services as ledger_services
from mutuals.ledger.models import Exchange
from mutuals.needs import services as need_services
from mutuals.people import services as people_services
from tests.factories import days_ago, make_person
from tests.give_and_take import asked, gave, noted, received


def items_of(owner, kind):
    return [item for item in today_agenda(owner=owner).items if item.kind == kind]


# Thank-yous ---------------------------------------------------------------------------------


def test_something_received_three_weeks_ago_is_a_thank_you_owed(jordan):
    rosa = make_person(jordan)
    got = received(jordan, rosa, days=21)
    (item,) = items_of(jordan, ItemKind.THANK_YOU)
    assert (item.exchange_id, item.person_id) == (got.pk, rosa.pk)
    assert item.reason.startswith("Rosa gave you an introduction 3 weeks ago")


def test_giving_back_since_clears_the_thank_you(jordan):
    rosa = make_person(jordan)
    received(jordan, rosa, days=21)
    gave(jordan, rosa, days=2)
    assert items_of(jordan, ItemKind.THANK_YOU) == []


def test_a_give_to_someone_else_does_not_clear_it(jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    received(jordan, rosa, days=21)
    gave(jordan, jin, days=2)
    assert len(items_of(jordan, ItemKind.THANK_YOU)) == 1


def test_a_give_before_the_receive_does_not_clear_it(jordan):
    rosa = make_person(jordan)
    gave(jordan, rosa, days=30)
    received(jordan, rosa, days=21)
    assert len(items_of(jordan, ItemKind.THANK_YOU)) == 1


def test_marking_it_thanked_clears_it_and_undoing_brings_it_back(jordan):
    rosa = make_person(jordan)
    got = received(jordan, rosa, days=21)
    thanked = ledger_services.mark_thanked(owner=jordan, exchange_id=got.pk)
    assert thanked.thanked_on == timezone.localdate()
    assert items_of(jordan, ItemKind.THANK_YOU) == []
    ledger_services.unmark_thanked(owner=jordan, exchange_id=got.pk)
    assert len(items_of(jordan, ItemKind.THANK_YOU)) == 1


def test_only_a_receive_can_be_thanked_for(jordan):
    given = gave(jordan, make_person(jordan), days=3)
    with pytest.raises(ValidationError) as error:
        ledger_services.mark_thanked(owner=jordan, exchange_id=given.pk)
    assert "exchange" in error.value.message_dict
    assert Exchange.objects.get().thanked_on is None


# Days ago, not dates: a date worked out as the tests are collected is yesterday's once the run
# passes midnight (a CI run did, and "tomorrow" had become today).
@pytest.mark.parametrize("ago", [-1, 30])
def test_a_thank_you_in_the_future_or_before_the_receive_is_refused(jordan, ago):
    got = received(jordan, make_person(jordan), days=21)
    with pytest.raises(ValidationError) as error:
        ledger_services.mark_thanked(owner=jordan, exchange_id=got.pk, on=days_ago(ago))
    assert "thanked_on" in error.value.message_dict
    assert Exchange.objects.get().thanked_on is None


def test_riley_cannot_mark_jordans_receive_thanked(jordan, riley):
    got = received(jordan, make_person(jordan), days=21)
    with pytest.raises(Exchange.DoesNotExist):
        ledger_services.mark_thanked(owner=riley, exchange_id=got.pk)
    with pytest.raises(Exchange.DoesNotExist):
        ledger_services.unmark_thanked(owner=riley, exchange_id=got.pk)


# Asks and needs -----------------------------------------------------------------------------


def test_an_ask_unanswered_for_ten_days_is_listed_until_answered(jordan):
    rosa = make_person(jordan)
    ask = asked(jordan, rosa, days=10)
    (item,) = items_of(jordan, ItemKind.ASK_UNANSWERED)
    assert (item.ask_id, item.reason) == (
        ask.pk,
        "You asked Rosa 10 days ago, “An intro to the hiring manager”, and have no answer yet.",
    )
    ledger_services.answer_ask(owner=jordan, ask_id=ask.pk)
    assert items_of(jordan, ItemKind.ASK_UNANSWERED) == []


def test_a_need_unreviewed_for_six_weeks_is_listed_until_reviewed(jordan):
    rosa = make_person(jordan)
    need = noted(jordan, rosa, days=42)
    (item,) = items_of(jordan, ItemKind.NEED_REVIEW)
    assert (item.need_id, item.reason) == (
        need.pk,
        "Rosa's need “Intro to a UX lead” has waited 6 weeks for a review.",
    )
    need_services.mark_reviewed(owner=jordan, need_ids=[need.pk])
    assert items_of(jordan, ItemKind.NEED_REVIEW) == []


def test_your_own_need_is_listed_without_a_person(jordan):
    noted(jordan, None, "Advice on a pay offer", days=31)
    (item,) = items_of(jordan, ItemKind.NEED_REVIEW)
    assert (item.person_id, item.text) == (None, "Advice on a pay offer")


def test_closed_needs_are_not_reviewed(jordan):
    need = noted(jordan, make_person(jordan), days=60)
    need_services.close_need(owner=jordan, need_id=need.pk, status="done")
    assert items_of(jordan, ItemKind.NEED_REVIEW) == []


def test_archived_peoples_receives_asks_and_needs_are_left_out(jordan):
    rosa = make_person(jordan)
    received(jordan, rosa, days=21)
    asked(jordan, rosa, days=10)
    noted(jordan, rosa, days=60)
    people_services.archive_person(owner=jordan, person_id=rosa.pk)
    assert today_agenda(owner=jordan).items == ()


def test_the_sql_filters_agree_with_the_rules_at_every_boundary(jordan):
    """Reading only the rows SQL selects gives the same items as core deciding over all rows."""
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    for days in (0, 13, 14, 15, 180, 181, 400):
        received(jordan, rosa, f"received {days}", days=days)
    received(jordan, jin, "before the give", days=101)
    received(jordan, jin, "same day as the give", days=100)
    gave(jordan, jin, days=100)
    received(jordan, jin, "after the give", days=99)
    for days in (0, 6, 7, 8, 365):
        asked(jordan, rosa, f"asked {days}", days=days)
    for days in (0, 29, 30, 31, 800):
        noted(jordan, rosa, f"noted {days}", days=days)
    today = timezone.localdate()
    found = build_agenda(
        [],
        [],
        today,
        NO_LIMITS,
        receives=receive_states(jordan, today),
        asks=ask_states(jordan, today),
        needs=need_review_states(jordan, today),
    )
    assert sorted(item.text for item in found.items) == sorted(
        [
            "received 14",
            "received 15",
            "received 180",
            "after the give",
            "asked 7",
            "asked 8",
            "asked 365",
            "noted 30",
            "noted 31",
            "noted 800",
        ]
    )


def test_riley_sees_none_of_jordans_give_and_take(jordan, riley):
    rosa = make_person(jordan)
    received(jordan, rosa, days=21)
    asked(jordan, rosa, days=10)
    noted(jordan, rosa, days=60)
    noted(jordan, None, days=60)
    give_and_take = {ItemKind.THANK_YOU, ItemKind.ASK_UNANSWERED, ItemKind.NEED_REVIEW}
    assert sum(item.kind in give_and_take for item in today_agenda(owner=jordan).items) == 4
    assert today_agenda(owner=riley).items == ()
