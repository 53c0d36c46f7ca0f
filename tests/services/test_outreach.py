"""The outreach coach's reads: what mutuals knows about a recipient becomes the review's context
and a draft's facts. Runs on SQLite and on PostgreSQL (scripts/with_postgres.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.interactions.models import Interaction
from mutuals.ledger import services as ledger
from mutuals.needs import services as needs
from mutuals.outreach import selectors
from mutuals.outreach.selectors import DraftRequest
from mutuals.people.models import Person
from tests.factories import days_ago, log, make_person

TAKER = "Hi Rosa, could you forward my resume to your hiring manager? Thanks, Jordan"


def today():
    return timezone.localdate()


def context_of(owner, person):
    return selectors.recipient(owner=owner, person_id=person.pk, today=today()).context


def receive(owner, person, text="Intro to Gareth at Acme", kind="introduction"):
    return ledger.record_exchange(
        owner=owner, person_id=person.pk, direction="received", kind=kind, text=text
    )


def test_the_context_knows_how_long_since_you_last_talked(jordan):
    rosa = make_person(jordan)
    log(jordan, rosa, "Her move to Berlin", days=800)
    found = selectors.recipient(owner=jordan, person_id=rosa.pk, today=today())
    assert found.context.days_since_last_contact == 800
    assert found.context.recipient_name == "Rosa"
    assert found.facts.last_topic == "Her move to Berlin"


def test_someone_you_never_talked_with_has_no_silence_to_acknowledge(jordan):
    rosa = make_person(jordan)
    found = selectors.recipient(owner=jordan, person_id=rosa.pk, today=today())
    assert found.context.days_since_last_contact is None
    assert found.facts.last_topic == ""


def test_a_reached_out_note_is_not_taken_for_what_you_talked_about(jordan):
    rosa = make_person(jordan)
    log(jordan, rosa, "Her move to Berlin", days=30)
    log(jordan, rosa, "Reached out", days=2)
    found = selectors.recipient(owner=jordan, person_id=rosa.pk, today=today())
    assert found.facts.last_topic == "Her move to Berlin"


def test_someone_you_only_know_of_is_a_stranger(jordan):
    gareth = make_person(jordan, "Gareth Hughes", tier=None)
    found = selectors.recipient(owner=jordan, person_id=gareth.pk, today=today())
    assert found.context.known is False


def test_who_introduced_you_counts_as_a_shared_connection(jordan):
    sam = make_person(jordan, "Sam Ortiz")
    gareth = make_person(jordan, "Gareth Hughes", tier=None, introduced_by_id=sam.pk)
    assert context_of(jordan, gareth).shared_connections == 1
    assert context_of(jordan, sam).shared_connections == 1


def test_the_balance_is_todays_and_none_when_nothing_was_exchanged(jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    receive(jordan, rosa)
    assert context_of(jordan, rosa).balance < -0.2
    assert context_of(jordan, jin).balance is None


def test_their_open_needs_come_oldest_first_and_closed_ones_not_at_all(jordan):
    rosa = make_person(jordan)
    needs.add_need(owner=jordan, person_id=rosa.pk, text="Advice on Berlin", noted_on=days_ago(3))
    needs.add_need(owner=jordan, person_id=rosa.pk, text="A UX role", noted_on=days_ago(9))
    done = needs.add_need(owner=jordan, person_id=rosa.pk, text="A dentist")
    needs.close_need(owner=jordan, need_id=done.pk)
    found = selectors.recipient(owner=jordan, person_id=rosa.pk, today=today())
    assert found.context.recipient_needs == ("A UX role", "Advice on Berlin")


def test_the_facts_know_how_you_met_what_they_did_and_your_name(jordan):
    jordan.first_name = "Jordan"
    jordan.save()
    rosa = make_person(jordan, how_met="At the PyCon sprints")
    receive(jordan, rosa, text="Advice on my portfolio", kind="advice")
    facts = selectors.recipient(owner=jordan, person_id=rosa.pk, today=today()).facts
    assert (facts.how_met, facts.received, facts.my_name) == (
        "At the PyCon sprints",
        "Advice on my portfolio",
        "Jordan",
    )


def test_without_a_first_name_the_user_name_signs_when_it_looks_like_one(jordan):
    assert selectors.my_first_name(jordan) == "Jordan"


def test_a_review_uses_the_recipients_history(jordan):
    rosa = make_person(jordan)
    log(jordan, rosa, days=900)
    text = "Hi Rosa, could you introduce me to your manager? Thanks, Jordan"
    found, recipient = selectors.review_message(
        owner=jordan, text=text, today=today(), person_id=rosa.pk
    )
    assert recipient.person == rosa
    assert "silence-not-acknowledged" in {f.code for f in found.findings}
    alone, nobody = selectors.review_message(owner=jordan, text=text, today=today())
    assert nobody is None
    assert "silence-not-acknowledged" not in {f.code for f in alone.findings}


def test_an_empty_or_huge_message_is_a_field_error(jordan):
    for text in ("  \n", "x" * (selectors.MESSAGE_MAX + 1)):
        with pytest.raises(ValidationError) as error:
            selectors.review_message(owner=jordan, text=text, today=today())
        assert "text" in error.value.message_dict


def test_a_draft_is_reviewed_in_the_recipients_context(jordan):
    rosa = make_person(jordan)
    log(jordan, rosa, "Her move to Berlin", days=1200)
    written, found, recipient = selectors.draft_message(
        owner=jordan, person_id=rosa.pk, purpose="reconnect", today=today()
    )
    assert "Her move to Berlin" in written.text
    assert "sorry" in written.text
    assert [f for f in found.findings if f.severity == "problem"] == []
    assert recipient.person == rosa


def test_an_intro_request_names_the_target_and_what_they_do(jordan):
    sam = make_person(jordan, "Sam Ortiz")
    gareth = make_person(
        jordan, "Gareth Hughes", tier=None, title="Engineering manager", organization="Acme"
    )
    written, _, _ = selectors.draft_message(
        owner=jordan,
        person_id=sam.pk,
        purpose="intro-request",
        today=today(),
        request=DraftRequest(target_id=gareth.pk, ask="how his team hires"),
    )
    assert "Gareth Hughes (Engineering manager at Acme)" in written.text
    assert "how his team hires" in written.forwardable


def test_asking_for_an_intro_while_the_balance_is_against_you_warns(jordan):
    sam, gareth = make_person(jordan, "Sam Ortiz"), make_person(jordan, "Gareth Hughes")
    receive(jordan, sam, kind="referral")
    _, found, _ = selectors.draft_message(
        owner=jordan,
        person_id=sam.pk,
        purpose="intro-request",
        today=today(),
        request=DraftRequest(target_id=gareth.pk),
    )
    assert "ask-while-balance-against" in {f.code for f in found.findings}


def test_a_share_draft_uses_the_chosen_need(jordan):
    rosa = make_person(jordan)
    needs.add_need(owner=jordan, person_id=rosa.pk, text="A UX role in fintech")
    berlin = needs.add_need(owner=jordan, person_id=rosa.pk, text="Advice on moving to Berlin")
    written, _, _ = selectors.draft_message(
        owner=jordan,
        person_id=rosa.pk,
        purpose="share",
        today=today(),
        request=DraftRequest(share="the relocation guide", need_id=berlin.pk),
    )
    assert "advice on moving to Berlin" in written.text
    assert "the relocation guide" in written.text


def test_bad_draft_requests_are_field_errors(jordan, riley):
    rosa = make_person(jordan)
    other = needs.add_need(owner=jordan, person_id=make_person(jordan, "Jin Park").pk, text="x")
    cases = {
        "purpose": {"purpose": "beg"},
        "target": {"request": DraftRequest(target_id=rosa.pk)},
        "need": {"request": DraftRequest(need_id=other.pk)},
        "occasion": {"request": DraftRequest(occasion="x" * 301)},
    }
    for field, arguments in cases.items():
        arguments = {"purpose": "share", **arguments}
        with pytest.raises(ValidationError) as error:
            selectors.draft_message(owner=jordan, person_id=rosa.pk, today=today(), **arguments)
        assert field in error.value.message_dict, field


def test_riley_can_neither_review_for_nor_draft_to_jordans_people(jordan, riley):
    rosa = make_person(jordan)
    with pytest.raises(ValidationError) as error:
        selectors.review_message(owner=riley, text=TAKER, today=today(), person_id=rosa.pk)
    assert "to" in error.value.message_dict
    with pytest.raises(ValidationError):
        selectors.draft_message(owner=riley, person_id=rosa.pk, purpose="thanks", today=today())
    riley_sam = make_person(riley, "Sam Ortiz")
    with pytest.raises(ValidationError) as error:
        selectors.draft_message(
            owner=riley,
            person_id=riley_sam.pk,
            purpose="intro-request",
            today=today(),
            request=DraftRequest(target_id=rosa.pk),
        )
    assert "target" in error.value.message_dict


def test_reviewing_and_drafting_write_nothing(jordan):
    rosa = make_person(jordan)
    before = (Person.objects.count(), Interaction.objects.count())
    selectors.review_message(owner=jordan, text=TAKER, today=today(), person_id=rosa.pk)
    selectors.draft_message(owner=jordan, person_id=rosa.pk, purpose="reconnect", today=today())
    assert (Person.objects.count(), Interaction.objects.count()) == before
