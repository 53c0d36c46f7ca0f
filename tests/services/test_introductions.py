"""network.introductions: double opt-in, and the ledger, network and agenda kept in step."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mutuals.agenda.selectors import today_agenda
from mutuals.core.agenda import NO_LIMITS, ItemKind
from mutuals.ledger.models import Ask, Exchange
from mutuals.network import introductions as intros
from mutuals.network.models import Introduction, Knows
from mutuals.people.models import Person
from tests.factories import days_ago, log, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def bruce_and_alice(jordan):
    bruce = make_person(jordan, "Bruce Wayne", tier="close")
    alice = make_person(jordan, "Alice Oduya", tier=None, organization="Orion")
    return bruce, alice


def request(owner, introducer, target, **fields):
    return intros.request_introduction(
        owner=owner, introducer_id=introducer.pk, target_id=target.pk, **fields
    )


def intro_items(owner):
    agenda = today_agenda(owner=owner, limits=NO_LIMITS)
    return [item for item in agenda.items if item.kind == ItemKind.INTRODUCTION]


def test_asking_for_an_introduction_is_an_ask_of_the_introducer(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice, reason="how Orion hires")
    assert intro.status == "requested"
    ask = Ask.objects.get(pk=intro.ask_id)
    assert ask.person_id == bruce.pk
    assert ask.text == "An introduction to Alice Oduya: how Orion hires"


def test_a_second_open_request_for_the_same_pair_is_refused(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    request(jordan, bruce, alice)
    with pytest.raises(ValidationError) as excinfo:
        request(jordan, bruce, alice)
    assert "already under way" in excinfo.value.message_dict["target"][0]


def test_someone_cannot_introduce_you_to_themselves(jordan, bruce_and_alice):
    bruce, _ = bruce_and_alice
    with pytest.raises(ValidationError):
        request(jordan, bruce, bruce)


def test_you_cannot_ask_about_someone_elses_people(jordan, riley, bruce_and_alice):
    bruce, _ = bruce_and_alice
    stranger = make_person(riley, "Sam Riley")
    with pytest.raises(ValidationError) as excinfo:
        request(jordan, bruce, stranger)
    assert set(excinfo.value.message_dict) == {"target"}


def test_the_introducer_moving_it_on_answers_the_ask(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice, on=days_ago(3))
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="asked")
    assert Ask.objects.get(pk=intro.ask_id).answered_on is not None


def test_a_made_introduction_is_a_receive_a_new_acquaintance_and_an_edge(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice, on=days_ago(3))
    intro = intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="made")
    received = Exchange.objects.get(pk=intro.exchange_id)
    assert (received.person_id, received.direction, received.kind) == (
        bruce.pk,
        "received",
        "introduction",
    )
    alice = Person.objects.get(pk=alice.pk)
    assert (alice.tier, alice.introduced_by_id) == ("acquaintance", bruce.pk)
    assert alice.cadence_days is not None
    edge = Knows.objects.get(owner=jordan)
    assert {edge.person_id, edge.knows_id} == {bruce.pk, alice.pk}
    assert edge.source == "introduction"


def test_an_existing_edge_is_not_weakened_by_an_introduction(jordan, bruce_and_alice):
    from mutuals.network.services import record_knows

    bruce, alice = bruce_and_alice
    record_knows(owner=jordan, person_id=bruce.pk, knows_id=alice.pk, strength=0.9)
    intro = request(jordan, bruce, alice)
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="made")
    assert Knows.objects.get(owner=jordan).strength == 0.9


def test_thanking_marks_the_receive_thanked(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice, on=days_ago(3))
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="made")
    intro = intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="thanked")
    assert Exchange.objects.get(pk=intro.exchange_id).thanked_on is not None


def test_a_step_cannot_be_walked_back(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice)
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="made")
    with pytest.raises(ValidationError) as excinfo:
        intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="asked")
    assert excinfo.value.message_dict["status"] == ["It is made; from there it can go to: thanked."]


def test_an_unknown_status_is_a_clear_error(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice)
    with pytest.raises(ValidationError) as excinfo:
        intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="done")
    assert "Unknown status 'done'" in excinfo.value.message_dict["status"][0]


def test_a_declined_one_can_be_requested_again_as_a_new_ask(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice, on=days_ago(20))
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="declined")
    intro = intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="requested")
    assert intro.status == "requested"
    assert Ask.objects.filter(owner=jordan, answered_on__isnull=True).count() == 1


def test_making_one_you_offered_is_a_give_to_both_and_an_edge(jordan):
    dana, eli = make_person(jordan, "Dana Scully"), make_person(jordan, "Eli Moss")
    intro = intros.offer_introduction(owner=jordan, seeker_id=dana.pk, target_id=eli.pk)
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="asked")
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="accepted")
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="made")
    gives = Exchange.objects.filter(owner=jordan, direction="gave", kind="introduction")
    assert sorted(gives.values_list("person_id", flat=True)) == sorted([dana.pk, eli.pk])
    assert Knows.objects.filter(owner=jordan, source="introduction").count() == 1


def test_riley_cannot_move_jordans_introduction(jordan, riley, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice)
    with pytest.raises(Introduction.DoesNotExist):
        intros.move_introduction(owner=riley, introduction_id=intro.pk, status="made")


def test_deleting_keeps_what_it_put_on_the_ledger(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice)
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="made")
    intros.delete_introduction(owner=jordan, introduction_id=intro.pk)
    assert not Introduction.objects.filter(owner=jordan).exists()
    assert Exchange.objects.filter(owner=jordan).count() == 1


# ---- on the agenda ---------------------------------------------------------------------------


def test_a_made_introduction_asks_you_to_thank_the_introducer(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice, on=days_ago(3))
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="made")
    [item] = intro_items(jordan)
    assert (item.person_id, item.introduction_id) == (bruce.pk, intro.pk)
    assert "Say thank you" in item.reason


def test_after_thanks_it_asks_you_to_follow_up_with_the_new_contact(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice, on=days_ago(10))
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="made", on=days_ago(4))
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="thanked")
    [item] = intro_items(jordan)
    assert item.person_id == alice.pk
    assert "follow up" in item.reason


def test_a_conversation_with_the_new_contact_is_the_follow_up(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice, on=days_ago(10))
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="made", on=days_ago(4))
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="thanked")
    log(jordan, Person.objects.get(pk=alice.pk), days=1)
    assert intro_items(jordan) == []


def test_a_thank_you_noted_on_the_ledger_counts(jordan, bruce_and_alice):
    from mutuals.ledger.services import mark_thanked

    bruce, alice = bruce_and_alice
    intro = request(jordan, bruce, alice, on=days_ago(3))
    intro = intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="made")
    mark_thanked(owner=jordan, exchange_id=intro.exchange_id)
    assert all("thank" not in item.reason for item in intro_items(jordan))


def test_an_accepted_offer_asks_you_to_make_it(jordan):
    dana, eli = make_person(jordan, "Dana Scully"), make_person(jordan, "Eli Moss")
    intro = intros.offer_introduction(owner=jordan, seeker_id=dana.pk, target_id=eli.pk)
    intros.move_introduction(owner=jordan, introduction_id=intro.pk, status="accepted")
    [item] = intro_items(jordan)
    assert item.person_id == dana.pk
    assert "make the introduction" in item.reason


def test_an_unanswered_request_shows_as_an_unanswered_ask(jordan, bruce_and_alice):
    bruce, alice = bruce_and_alice
    request(jordan, bruce, alice, on=days_ago(9))
    agenda = today_agenda(owner=jordan, limits=NO_LIMITS)
    kinds = [(item.kind, item.person_id) for item in agenda.items]
    assert (ItemKind.ASK_UNANSWERED, bruce.pk) in kinds
