import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mutuals.ledger import selectors, services
from mutuals.ledger.models import Exchange
from mutuals.needs import services as need_services
from tests.factories import make_person


def give(owner, person, kind="advice", **fields):
    return services.record_exchange(
        owner=owner, person_id=person.pk, direction="gave", kind=kind, text="Helped", **fields
    )


def receive(owner, person, kind="referral"):
    return services.record_exchange(
        owner=owner, person_id=person.pk, direction="received", kind=kind, text="Got help"
    )


def test_giving_tilts_the_balance_your_way_and_receiving_the_other(jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    give(jordan, rosa)
    receive(jordan, jin)
    today = dt.date.today()
    assert selectors.balance_for(owner=jordan, person_id=rosa.pk, today=today).score > 0
    assert selectors.balance_for(owner=jordan, person_id=jin.pk, today=today).score < 0


def test_no_exchanges_is_an_even_balance(jordan):
    rosa = make_person(jordan)
    assert selectors.balance_for(owner=jordan, person_id=rosa.pk, today=dt.date.today()).score == 0


def test_a_give_for_their_need_marks_it_helped_by_you(jordan):
    rosa = make_person(jordan)
    need = need_services.add_need(owner=jordan, person_id=rosa.pk, text="A job lead in fintech")
    give(jordan, rosa, kind="information", need_id=need.pk)
    need.refresh_from_db()
    assert (need.status, need.helped_by) == ("helped", None)


def test_a_receive_for_your_need_marks_it_helped_by_them(jordan):
    rosa = make_person(jordan)
    mine = need_services.add_need(owner=jordan, text="Intro to Orion's data lead")
    services.record_exchange(
        owner=jordan,
        person_id=rosa.pk,
        direction="received",
        kind="introduction",
        text="Introduced me to Sam",
        need_id=mine.pk,
    )
    mine.refresh_from_db()
    assert (mine.status, mine.helped_by) == ("helped", rosa)


def test_introducing_two_people_is_one_step_and_a_give_to_each(jordan):
    jin, gareth = make_person(jordan, "Jin Park"), make_person(jordan, "Gareth Lowe")
    first, second = services.record_introduction(owner=jordan, person_id=jin.pk, other_id=gareth.pk)
    assert (first.person, first.introduced_to) == (jin, gareth)
    assert (second.person, second.introduced_to) == (gareth, jin)
    assert {first.direction, second.direction} == {"gave"}
    assert first.text == "Introduced Jin Park to Gareth Lowe"


def test_someone_cannot_be_introduced_to_themselves(jordan):
    jin = make_person(jordan, "Jin Park")
    with pytest.raises(ValidationError):
        services.record_introduction(owner=jordan, person_id=jin.pk, other_id=jin.pk)


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("kind", {"kind": "bribe"}),
        ("direction", {"direction": "sideways"}),
        ("text", {"text": " "}),
        ("occurred_on", {"occurred_on": dt.date.today() + dt.timedelta(days=3)}),
    ],
)
def test_bad_exchanges_name_the_field_and_save_nothing(jordan, field, kwargs):
    rosa = make_person(jordan)
    arguments = {"direction": "gave", "kind": "advice", "text": "Helped", **kwargs}
    with pytest.raises(ValidationError) as error:
        services.record_exchange(owner=jordan, person_id=rosa.pk, **arguments)
    assert field in error.value.message_dict
    assert Exchange.objects.count() == 0


def test_asking_while_the_balance_is_against_you_warns_and_proposes_their_needs(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    receive(jordan, rosa)
    receive(jordan, rosa, kind="introduction")
    need = need_services.add_need(owner=jordan, person_id=rosa.pk, text="A designer for her team")
    warning = selectors.ask_warning_for(owner=jordan, person_id=rosa.pk, today=dt.date.today())
    assert warning is not None
    assert [n.id for n in warning.give_first] == [need.pk]


def test_no_warning_when_you_have_given_more(jordan):
    rosa = make_person(jordan)
    give(jordan, rosa, kind="referral")
    assert selectors.ask_warning_for(owner=jordan, person_id=rosa.pk, today=dt.date.today()) is None


def test_an_answer_cannot_come_before_the_ask(jordan):
    rosa = make_person(jordan)
    ask = services.record_ask(owner=jordan, person_id=rosa.pk, text="Could you review my CV?")
    with pytest.raises(ValidationError):
        services.answer_ask(
            owner=jordan, ask_id=ask.pk, answered_on=dt.date.today() - dt.timedelta(days=3)
        )
    services.answer_ask(owner=jordan, ask_id=ask.pk, note="Yes, with notes")
    assert list(selectors.asks_for(owner=jordan, unanswered=True)) == []


def test_riley_sees_no_balance_or_ledger_of_jordans(jordan, riley):
    rosa = make_person(jordan)
    give(jordan, rosa)
    assert selectors.balances(owner=riley, today=dt.date.today()) == {}
    assert list(selectors.exchanges_for(owner=riley)) == []
    with pytest.raises(ValidationError):
        services.record_ask(owner=riley, person_id=rosa.pk, text="Hi")
