"""Recording messages: conversations with your people, once, whatever the source or order."""

from __future__ import annotations

import datetime as dt

import pytest

from mutuals.emails import selectors, services
from mutuals.emails.models import Correspondent, Message
from mutuals.interactions.models import Interaction
from tests.emails.mail import ME, msg
from tests.factories import make_person, make_user

ROSA = "rosa@example.org"
SAM = "sam@example.org"


@pytest.fixture
def me(db):
    user = make_user("jordan")
    user.email = ME
    user.save()
    return user


@pytest.fixture
def rosa(me):
    return make_person(me, "Rosa Núñez", emails=[ROSA])


def thread_with_rosa():
    return [
        msg("a@x", sender=ME, to=ROSA, at=0, subject="Coffee next week?"),
        msg(
            "b@x",
            sender=ROSA,
            to=ME,
            at=2,
            subject="Re: Coffee next week?",
            in_reply_to="a@x",
            references=("a@x",),
        ),
        msg(
            "c@x",
            sender=ME,
            to=ROSA,
            at=3,
            subject="Re: Coffee next week?",
            in_reply_to="b@x",
            references=("a@x", "b@x"),
        ),
        msg(
            "d@x",
            sender=ROSA,
            to=ME,
            at=24 * 9,
            subject="Re: Coffee next week?",
            in_reply_to="c@x",
            references=("a@x", "b@x", "c@x"),
        ),
    ]


def emails(owner):
    return sorted(
        (i.source_key.split(":")[2], i.summary, i.initiated_by, tuple(p.pk for p in i.people.all()))
        for i in Interaction.objects.filter(owner=owner, kind="email")
    )


def test_a_thread_becomes_one_conversation_per_day_with_who_wrote_first(me, rosa):
    report = services.record_messages(owner=me, messages=thread_with_rosa(), source="mbox:a")
    assert (report.added, report.conversations_added, report.people) == (4, 2, 1)
    assert emails(me) == [
        ("2026-11-02", "E-mail (3 messages): Coffee next week?", "me", (rosa.pk,)),
        ("2026-11-11", "E-mail (1 message): Coffee next week?", "", (rosa.pk,)),
    ]
    rosa.refresh_from_db()
    assert rosa.last_contact_on == dt.date(2026, 11, 11)
    assert rosa.initiated_by_me == 1


def test_recording_again_from_another_source_adds_nothing(me, rosa):
    services.record_messages(owner=me, messages=thread_with_rosa(), source="mbox:a")
    before = emails(me)
    again = services.record_messages(owner=me, messages=thread_with_rosa(), source="imap:1")
    assert (again.added, again.known, again.conversations_added) == (0, 4, 0)
    assert emails(me) == before
    assert Message.objects.filter(owner=me).count() == 4


def test_a_reply_read_before_its_thread_joins_it_later(me, rosa):
    first, second, third, fourth = thread_with_rosa()
    services.record_messages(owner=me, messages=[fourth, second], source="imap:1")
    services.record_messages(owner=me, messages=[third, first], source="mbox:a")
    together = emails(me)
    me2 = make_user("other")
    me2.email = ME
    me2.save()
    rosa2 = make_person(me2, "Rosa Núñez", emails=[ROSA])
    services.record_messages(owner=me2, messages=thread_with_rosa(), source="mbox:a")
    assert [t[:3] for t in together] == [t[:3] for t in emails(me2)]
    assert rosa2.pk not in {p for t in together for p in t[3]}


def test_a_reply_whose_start_is_missing_was_started_by_the_other_side(me, rosa):
    _, second, *_ = thread_with_rosa()
    services.record_messages(owner=me, messages=[second], source="imap:1")
    assert emails(me)[0][2] == "me"  # Rosa replied: you wrote first


def test_automated_mail_and_strangers_make_no_conversations(me, rosa):
    report = services.record_messages(
        owner=me,
        messages=[
            msg("n@x", sender="news@shop.example", to=ME, automated=True),
            msg("s@x", sender="stranger@example.net", to=ME),
        ],
        source="mbox:a",
    )
    assert (report.automated, report.added, report.conversations_added) == (1, 1, 0)
    assert not Interaction.objects.filter(owner=me).exists()


def test_an_announcement_to_many_is_not_a_conversation(me, rosa):
    many = tuple(f"p{i}@example.org" for i in range(11))
    services.record_messages(
        owner=me, messages=[msg("big@x", sender=ME, to=(ROSA, *many))], source="mbox:a"
    )
    assert not Interaction.objects.filter(owner=me).exists()


def test_a_group_message_is_one_conversation_with_everyone_you_know(me, rosa):
    sam = make_person(me, "Sam Okafor", emails=[SAM])
    services.record_messages(
        owner=me, messages=[msg("g@x", sender=ROSA, to=ME, cc=(SAM,))], source="mbox:a"
    )
    assert emails(me)[0][3] == tuple(sorted((rosa.pk, sam.pk)))
    assert emails(me)[0][2] == "them"


def test_a_dry_run_keeps_nothing(me, rosa):
    report = services.record_messages(
        owner=me, messages=thread_with_rosa(), source="mbox:a", dry_run=True
    )
    assert (report.added, report.conversations_added) == (4, 2)
    assert not Message.objects.exists()
    assert not Interaction.objects.exists()


def test_forgetting_a_source_removes_only_what_it_alone_brought(me, rosa):
    first, second, third, fourth = thread_with_rosa()
    services.record_messages(owner=me, messages=[first, second, third], source="mbox:a")
    services.record_messages(owner=me, messages=[third, fourth], source="imap:1")
    assert len(emails(me)) == 2
    assert services.forget_source(owner=me, source="imap:1") == 1
    assert [t[0] for t in emails(me)] == ["2026-11-02"]
    assert services.forget_source(owner=me, source="mbox:a") == 3
    assert emails(me) == []
    rosa.refresh_from_db()
    assert rosa.last_contact_on is None
    assert services.forget_source(owner=me, source="mbox:a") == 0


def test_people_you_wrote_with_both_ways_are_offered_not_created(me, rosa):
    lee = "lee@example.net"
    report = services.record_messages(
        owner=me,
        messages=[
            msg("1@x", sender=ME, to=lee, at=0),
            msg("2@x", sender=lee, to=ME, at=1, in_reply_to="1@x"),
            msg("3@x", sender=lee, to=ME, at=30),
            msg("4@x", sender="once@example.net", to=ME, at=31),
        ],
        source="mbox:a",
    )
    assert report.offered == 1
    [offer] = selectors.offered(me)
    assert (offer.address, offer.sent, offer.received) == (lee, 1, 2)
    assert Correspondent.objects.get(owner=me, address="once@example.net").offered is False


def test_your_address_is_guessed_when_none_is_known(db):
    user = make_user("noemail")
    rosa = make_person(user, "Rosa", emails=[ROSA])
    sam = msg("s@x", sender=SAM, to=ME, at=1)
    mail = [*thread_with_rosa(), sam]
    report = services.record_messages(owner=user, messages=mail, source="mbox:a")
    assert report.me == [ME]
    assert selectors.my_addresses(user) == [ME]
    assert emails(user)[0][3] == (rosa.pk,)


def test_changing_your_addresses_reads_the_messages_again(me, rosa):
    other = "jordan@work.example"
    services.record_messages(
        owner=me, messages=[msg("w@x", sender=other, to=ROSA)], source="mbox:a"
    )
    assert emails(me)[0][2] == "them"  # from an address not known as yours
    services.add_my_addresses(owner=me, addresses=[other])
    assert emails(me)[0][2] == "me"
    assert selectors.my_addresses(me) == sorted([ME, other])


def test_no_address_is_guessed_from_a_single_correspondent(db):
    user = make_user("noemail")
    report = services.record_messages(owner=user, messages=thread_with_rosa(), source="mbox:a")
    assert report.me == []
    assert any("--me" in note for note in report.notes)


def test_a_message_from_the_future_is_left_out_with_its_number(me, rosa):
    later = msg("z@x", sender=ROSA, to=ME, at=dt.datetime(2999, 1, 1, tzinfo=dt.UTC))
    report = services.record_messages(
        owner=me, messages=[*thread_with_rosa(), later], source="mbox:a"
    )
    assert report.undated == 1
    assert report.skipped == [
        {"message": 5, "message_id": "z@x", "reason": "dated in the future (a wrong clock)"}
    ]
    assert not Message.objects.filter(message_id="z@x").exists()


def test_overlong_values_from_a_caller_are_clipped_to_fit(me, rosa):
    long_id = "x" * 400 + "@x"
    report = services.record_messages(
        owner=me,
        messages=[msg(long_id, sender=ROSA, to=ME, subject="s" * 500, references=("r" * 300,))],
        source="imap:1",
    )
    assert report.added == 1
    kept = Message.objects.get(owner=me)
    assert (len(kept.message_id), len(kept.subject), len(kept.root_hint)) == (250, 200, 250)
