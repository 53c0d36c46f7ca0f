"""Syncing a real IMAP account (dovecot on loopback): conversations with your people from the
inbox and the sent folder, incremental by UID, and every failure in words with nothing
half-written."""

from __future__ import annotations

import datetime as dt

import pytest

from mutuals.connections import services
from mutuals.connections.models import PLAIN, Connection, FolderState
from mutuals.emails.models import Message
from mutuals.interactions.models import Interaction
from tests.connections import dovecot
from tests.connections.dovecot import SENT, message
from tests.factories import make_person

UTC = dt.UTC
ROSA = "Rosa Núñez <rosa@example.com>"


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=UTC)


def from_rosa(number: int, day: int = 2, **fields) -> bytes:
    return message(
        sender=ROSA,
        to="jordan@example.org",
        subject=f"Coffee? ({number})",
        when=at(day),
        message_id=f"rosa-{number}@example.com",
        **fields,
    )


def to_rosa(number: int, day: int = 3, sender: str = "jordan@example.org", **fields) -> bytes:
    return message(
        sender=f"Jordan <{sender}>",
        to=ROSA,
        subject=f"Re: Coffee? ({number})",
        when=at(day),
        message_id=f"jordan-{number}@example.org",
        **fields,
    )


def connect(owner, mailbox, name="work", **fields) -> Connection:
    connection, _ = services.connect_imap(
        owner=owner,
        name=name,
        host="127.0.0.1",
        port=mailbox.port,
        username=mailbox.user,
        password=fields.pop("password", mailbox.password),
        security=PLAIN,
        **fields,
    )
    return connection


def sync(owner, connection, **options) -> services.SyncOutcome:
    connection.refresh_from_db()
    return services.sync(owner=owner, connection=connection, **options)


@pytest.fixture
def rosa(jordan):
    return make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])


def test_messages_with_your_people_become_email_conversations(jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    mailbox.append(SENT, to_rosa(1, day=2, sender=mailbox.user, in_reply_to="rosa-1@example.com"))

    outcome = sync(jordan, connect(jordan, mailbox))

    assert outcome.ok, outcome.message
    talk = Interaction.objects.get(owner=jordan)
    assert (talk.kind, talk.initiated_by, list(talk.people.all())) == ("email", "them", [rosa])
    assert outcome.added["messages"] == 2


def test_the_sent_folder_is_found_by_its_sent_flag_whatever_its_name(jordan, rosa, mailbox):
    mailbox.append(SENT, to_rosa(1, sender=mailbox.user))

    sync(jordan, connection := connect(jordan, mailbox))

    state = FolderState.objects.get(connection=connection, role=FolderState.SENT)
    assert state.folder == f'"{SENT}"'
    assert Interaction.objects.get(owner=jordan).initiated_by == "me"


def test_syncing_again_adds_nothing(jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1), from_rosa(2, day=5))
    connection = connect(jordan, mailbox)
    sync(jordan, connection)
    before = list(Interaction.objects.filter(owner=jordan).values_list("id", "source_key"))

    again = sync(jordan, connection)

    assert again.ok
    assert again.added.get("read", 0) == 0
    assert list(Interaction.objects.filter(owner=jordan).values_list("id", "source_key")) == before


def test_a_later_sync_reads_only_the_new_messages(jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    connection = connect(jordan, mailbox)
    sync(jordan, connection)
    mailbox.append("INBOX", from_rosa(2, day=9))

    later = sync(jordan, connection)

    assert (later.added["read"], later.added["messages"]) == (1, 1)
    assert Interaction.objects.filter(owner=jordan).count() == 2


def test_the_sync_is_read_only_and_leaves_messages_unread(jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1), flags="()")

    sync(jordan, connect(jordan, mailbox))

    imap = mailbox.client()
    imap.select("INBOX", readonly=True)
    _status, unseen = imap.search(None, "UNSEEN")
    imap.logout()
    assert unseen[0].split() == [b"1"]


def test_a_wrong_password_fails_in_words_and_records_nothing(jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    connection = connect(jordan, mailbox, password="not the password")

    outcome = sync(jordan, connection)

    assert outcome.status == services.FAILED
    assert "refused the user name or password" in outcome.message
    assert "not the password" not in outcome.message
    assert mailbox.user not in outcome.message
    connection.refresh_from_db()
    assert connection.last_error == outcome.message
    assert not connection.sync_claim
    assert not Message.objects.filter(owner=jordan).exists()


def test_a_server_that_is_not_there_fails_in_words(jordan, mailbox):
    connection = connect(jordan, mailbox)
    Connection.objects.filter(pk=connection.pk).update(port=dovecot.free_port())

    outcome = sync(jordan, connection)

    assert outcome.status == services.FAILED
    assert "Could not reach the mail server at 127.0.0.1:" in outcome.message
    assert "connection refused" in outcome.message


@pytest.fixture
def own_server():
    server = dovecot.Dovecot()
    server.start()
    yield server
    server.remove()


def test_a_server_gone_mid_sync_keeps_the_batches_read_and_the_next_sync_goes_on(
    jordan, rosa, own_server
):
    mailbox = own_server.add_user("jordan@example.org")
    mailbox.append("INBOX", *(from_rosa(n, day=n) for n in range(1, 6)))
    connection = connect(jordan, mailbox)

    def stop_after_the_first_batch(role, done, total):
        if done == 2:
            own_server.stop()

    cut = sync(jordan, connection, batch_size=2, progress=stop_after_the_first_batch)

    assert cut.status == services.FAILED
    assert "closed the connection during the sync" in cut.message
    assert Message.objects.filter(owner=jordan).count() == 2
    assert FolderState.objects.get(connection=connection, role="inbox").last_uid == 2
    own_server.restart()
    resumed = sync(jordan, connection, batch_size=2)
    assert resumed.ok, resumed.message
    assert resumed.added["read"] == 3
    assert Message.objects.filter(owner=jordan).count() == 5


def test_broken_headers_and_8bit_junk_do_not_stop_the_sync(jordan, rosa, mailbox):
    junk = (
        b"From: \xff\xfe<<not an address\r\nSubject: caf\xe9 \x00 =?utf-8?q?broken\r\n"
        b"Date: the day after tomorrow\r\nMessage-ID: <junk@example.com>\r\n\r\nbody\xff\r\n"
    )
    latin = (
        "From: Rosa <rosa@example.com>\r\nTo: jordan@example.org\r\nSubject: Caf\xe9 ?\r\n"
        "Date: Mon, 2 Nov 2026 10:00:00 +0000\r\nMessage-ID: <latin@example.com>\r\n\r\nx\r\n"
    ).encode("latin-1")
    mailbox.append("INBOX", junk, latin, from_rosa(3))

    outcome = sync(jordan, connect(jordan, mailbox))

    assert outcome.ok, outcome.message
    assert outcome.added["read"] == 3
    assert set(Message.objects.filter(owner=jordan).values_list("message_id", flat=True)) == {
        "latin@example.com",
        "rosa-3@example.com",
    }


def test_a_50_mb_message_costs_only_its_headers(jordan, rosa, mailbox):
    body = ("x" * 998 + "\r\n") * (50 * 1024 * 1024 // 1000)
    mailbox.append("INBOX", from_rosa(1, body=body))

    outcome = sync(jordan, connect(jordan, mailbox))

    assert outcome.ok
    assert outcome.added["messages"] == 1
    assert Interaction.objects.filter(owner=jordan).count() == 1


def test_a_new_uidvalidity_reads_the_folder_again_and_adds_nothing_twice(jordan, rosa, mailbox):
    mailbox.append(SENT, to_rosa(1))
    connection = connect(jordan, mailbox)
    sync(jordan, connection)
    first = mailbox.uidvalidity(SENT)
    mailbox.recreate(SENT)
    mailbox.append(SENT, to_rosa(1), to_rosa(2, day=7))
    assert mailbox.uidvalidity(SENT) != first

    outcome = sync(jordan, connection)

    assert outcome.ok
    assert (outcome.added["read"], outcome.added["messages"]) == (2, 1)
    assert outcome.added["folders_read_again"] == 1
    state = FolderState.objects.get(connection=connection, role="sent")
    assert (state.uidvalidity, state.last_uid) == (mailbox.uidvalidity(SENT), 2)
    assert Interaction.objects.filter(owner=jordan).count() == 2


def test_a_sync_while_another_holds_the_account_says_so_and_reads_nothing(jordan, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    connection = connect(jordan, mailbox)
    answers = []

    def second_sync(role, done, total):
        answers.append(sync(jordan, Connection.objects.get(pk=connection.pk)))

    first = sync(jordan, connection, progress=second_sync)

    assert first.ok
    assert [a.status for a in answers] == [services.BUSY]
    assert answers[0].message == "work is being synced right now."


def test_a_claim_left_by_a_stopped_sync_lapses(jordan, mailbox):
    connection = connect(jordan, mailbox)
    long_ago = dt.datetime(2026, 1, 1, tzinfo=UTC)
    assert services.claim(connection, now=long_ago) is not None

    assert services.claim(connection, now=long_ago + dt.timedelta(minutes=1)) is None
    assert services.claim(connection, now=long_ago + services.STALE_CLAIM * 2) is not None


def test_logs_carry_neither_the_password_nor_the_user_name(jordan, rosa, mailbox, caplog):
    caplog.set_level("DEBUG")
    mailbox.append("INBOX", from_rosa(1))
    good = connect(jordan, mailbox)
    bad = connect(jordan, mailbox, name="bad", password="pw-never-logged")

    sync(jordan, good)
    sync(jordan, bad)

    assert "refused the user name or password" in caplog.text
    assert "pw-never-logged" not in caplog.text
    assert mailbox.password not in caplog.text
    assert mailbox.user not in caplog.text
    assert "rosa" not in caplog.text.lower()


def test_a_sent_folder_that_is_not_there_is_named_and_the_inbox_is_kept(jordan, rosa, mailbox):
    mailbox.append("INBOX", from_rosa(1))
    connection = connect(jordan, mailbox, sent_folder="Outbox of 2019")

    outcome = sync(jordan, connection)

    assert outcome.status == services.FAILED
    assert outcome.message == (
        "The folder Outbox of 2019 could not be opened on the mail server: check its name."
    )
    assert Interaction.objects.filter(owner=jordan).count() == 1
    connection.refresh_from_db()
    assert not connection.sync_claim


def test_starttls_with_a_server_that_offers_none_fails_in_words(jordan, mailbox):
    connection, _ = services.connect_imap(
        owner=jordan,
        name="work",
        host="127.0.0.1",
        port=mailbox.port,
        username=mailbox.user,
        password=mailbox.password,
        security="starttls",
    )

    outcome = sync(jordan, connection)

    assert outcome.message == (
        f"Could not reach the mail server at 127.0.0.1:{mailbox.port} (it does not offer "
        "STARTTLS); nothing was changed."
    )


def test_tls_to_a_server_that_speaks_none_fails_in_words(jordan, mailbox):
    connection, _ = services.connect_imap(
        owner=jordan,
        name="work",
        host="127.0.0.1",
        port=mailbox.port,
        username=mailbox.user,
        password=mailbox.password,
        security="ssl",
    )

    outcome = sync(jordan, connection)

    assert "(the secure connection (TLS) failed)" in outcome.message
