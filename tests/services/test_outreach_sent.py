""" "I sent it": a message becomes the conversation it was, and clears what it answered. Runs on
SQLite and on PostgreSQL (scripts/with_postgres.py)."""

import pytest
from django.core.exceptions import ValidationError

from mutuals.agenda.selectors import today_agenda
from mutuals.interactions.models import Interaction
from mutuals.outreach import services
from mutuals.outreach.selectors import send_links
from tests.factories import days_ago, log, make_person
from tests.give_and_take import received

THANKS = (
    "Hi Priya,\n\nThank you so much for your help (the intro to Tom). It meant a lot.\n\nJordan"
)


def items_for(owner, person):
    return [item for item in today_agenda(owner=owner).items if item.person_id == person.pk]


def test_it_logs_a_conversation_you_started_with_the_text_as_notes(jordan):
    priya = make_person(jordan, "Priya Raman")
    sent = services.record_sent(
        owner=jordan, person_id=priya.pk, text=THANKS, purpose="thanks", channel="email"
    )
    interaction = sent.interaction
    assert list(interaction.people.all()) == [priya]
    assert (interaction.kind, interaction.initiated_by) == ("email", "me")
    assert (
        interaction.summary == "Thank-you note: Thank you so much for your help (the intro to Tom)."
    )
    assert interaction.notes == THANKS.strip()
    assert interaction.occurred_on == days_ago(0)


def test_a_linkedin_message_is_logged_as_a_message(jordan):
    priya = make_person(jordan, "Priya Raman")
    sent = services.record_sent(
        owner=jordan, person_id=priya.pk, text="Hi Priya,\n\nCongrats!", channel="linkedin"
    )
    assert sent.interaction.kind == "message"


def test_the_keep_in_touch_item_for_that_person_goes_away(jordan):
    priya = make_person(jordan, "Priya Raman", tier="close")
    log(jordan, priya, days=200)
    assert [item.kind for item in items_for(jordan, priya)] != []
    services.record_sent(owner=jordan, person_id=priya.pk, text="Hi Priya,\n\nHow are you?")
    assert items_for(jordan, priya) == []


def test_a_thank_you_marks_the_latest_receive_thanked_and_clears_its_item(jordan):
    priya = make_person(jordan, "Priya Raman")
    got = received(jordan, priya, days=21)
    assert "thank_you" in [item.kind for item in items_for(jordan, priya)]
    sent = services.record_sent(owner=jordan, person_id=priya.pk, text=THANKS, purpose="thanks")
    got.refresh_from_db()
    assert sent.thanked == got
    assert got.thanked_on == days_ago(0)
    assert "thank_you" not in [item.kind for item in items_for(jordan, priya)]


def test_a_thank_you_for_a_named_receive_marks_that_one(jordan):
    priya = make_person(jordan, "Priya Raman")
    older = received(jordan, priya, "Advice on my CV", days=30, kind="advice")
    received(jordan, priya, days=10)
    sent = services.record_sent(
        owner=jordan, person_id=priya.pk, text=THANKS, purpose="thanks", exchange_id=older.pk
    )
    assert sent.thanked.pk == older.pk


def test_other_messages_thank_for_nothing(jordan):
    priya = make_person(jordan, "Priya Raman")
    got = received(jordan, priya, days=21)
    services.record_sent(owner=jordan, person_id=priya.pk, text=THANKS, purpose="reconnect")
    got.refresh_from_db()
    assert got.thanked_on is None


def test_undo_deletes_the_conversation_and_the_thanks(jordan):
    priya = make_person(jordan, "Priya Raman")
    got = received(jordan, priya, days=21)
    sent = services.record_sent(owner=jordan, person_id=priya.pk, text=THANKS, purpose="thanks")
    services.undo_sent(
        owner=jordan, interaction_id=sent.interaction.pk, exchange_id=sent.thanked.pk
    )
    got.refresh_from_db()
    assert got.thanked_on is None
    assert not Interaction.objects.exists()
    priya.refresh_from_db()
    assert priya.last_contact_on is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": "  "}, "text"),
        ({"text": "x" * 20_001}, "text"),
        ({"purpose": "beg"}, "purpose"),
        ({"channel": "fax"}, "channel"),
    ],
)
def test_bad_input_is_an_error_on_its_field_and_changes_nothing(jordan, fields, field):
    priya = make_person(jordan, "Priya Raman")
    data = {"text": THANKS, **fields}
    with pytest.raises(ValidationError) as error:
        services.record_sent(owner=jordan, person_id=priya.pk, **data)
    assert field in error.value.message_dict
    assert not Interaction.objects.exists()


def test_someone_elses_person_or_receive_is_refused(jordan, riley):
    priya = make_person(jordan, "Priya Raman")
    rileys = make_person(riley, "Sam Lee")
    with pytest.raises(ValidationError):
        services.record_sent(owner=riley, person_id=priya.pk, text=THANKS)
    got = received(jordan, priya)
    with pytest.raises(ValidationError) as error:
        services.record_sent(
            owner=riley, person_id=rileys.pk, text=THANKS, purpose="thanks", exchange_id=got.pk
        )
    assert "exchange" in error.value.message_dict
    assert not Interaction.objects.exists()


def test_the_email_link_uses_their_first_address_and_linkedin_when_known(jordan):
    priya = make_person(
        jordan,
        "Priya Raman",
        emails=["priya@example.com", "p.raman@work.example"],
        linkedin_url="https://www.linkedin.com/in/priya-raman",
    )
    links = send_links(person=priya, subject="Thank you", text="Hi Priya,\n\nThanks & more")
    assert links.email == "priya@example.com"
    assert links.mailto == (
        "mailto:priya@example.com?subject=Thank%20you&body=Hi%20Priya%2C%0A%0AThanks%20%26%20more"
    )
    assert links.linkedin_url == "https://www.linkedin.com/in/priya-raman"


def test_without_an_address_there_is_no_email_link(jordan):
    links = send_links(person=make_person(jordan, "Priya Raman"), subject="Hi", text="Hi")
    assert (links.email, links.mailto, links.linkedin_url) == ("", "", "")
