"""Properties of the sync against a real IMAP server, and of the stored password."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.connections import credentials, services
from mutuals.connections.models import PLAIN
from mutuals.emails.models import Message
from mutuals.interactions.models import Interaction
from tests.connections.dovecot import SENT, message
from tests.factories import make_person, make_user

PEOPLE = ["rosa@example.com", "bruce@example.com", "stranger@example.net"]

mail = st.lists(
    st.tuples(
        st.sampled_from(["INBOX", SENT]),
        st.sampled_from(PEOPLE),
        st.integers(min_value=1, max_value=5),  # the day
        st.integers(min_value=0, max_value=3),  # which thread
        st.booleans(),  # a reply
    ),
    min_size=1,
    max_size=8,
)


def build(items, me):
    for number, (folder, other, day, thread, reply) in enumerate(items):
        sender, to = (me, other) if folder == SENT else (other, me)
        yield (
            folder,
            message(
                sender=sender,
                to=to,
                subject=f"Thread {thread}",
                when=dt.datetime(2026, 11, day, 9, number, tzinfo=dt.UTC),
                message_id=f"m{number}-{uuid.uuid4().hex[:6]}@example.org",
                in_reply_to=f"root-{thread}@example.org" if reply else None,
            ),
        )


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=mail, batch=st.integers(min_value=1, max_value=4))
def test_syncing_the_same_mailbox_twice_adds_nothing(db, imap_server, items, batch):
    owner = make_user(f"u{uuid.uuid4().hex[:12]}")
    make_person(owner, "Rosa Núñez", emails=["rosa@example.com"])
    make_person(owner, "Bruce Wayne", emails=["bruce@example.com"])
    mailbox = imap_server.add_user(f"me-{uuid.uuid4().hex[:10]}@example.org")
    for folder, raw in build(items, mailbox.user):
        mailbox.append(folder, raw)
    connection, _ = services.connect_imap(
        owner=owner,
        name="work",
        host="127.0.0.1",
        port=mailbox.port,
        username=mailbox.user,
        password=mailbox.password,
        security=PLAIN,
    )
    first = services.sync(owner=owner, connection=connection, batch_size=batch)
    talks = sorted(Interaction.objects.filter(owner=owner).values_list("source_key", "summary"))
    kept = Message.objects.filter(owner=owner).count()

    connection.refresh_from_db()
    second = services.sync(owner=owner, connection=connection, batch_size=batch)

    assert first.ok, first.message
    assert first.added["read"] == len(items)
    assert second.added.get("read", 0) == 0
    assert (
        sorted(Interaction.objects.filter(owner=owner).values_list("source_key", "summary"))
        == talks
    )
    assert Message.objects.filter(owner=owner).count() == kept


@given(password=st.text(max_size=200))
def test_a_sealed_password_reads_back_and_is_not_in_the_stored_text(password):
    sealed = credentials.seal(password, secret_key="k" * 50)

    assert credentials.reveal(sealed, secret_key="k" * 50) == password
    if len(password) >= 4:
        assert password not in sealed


def test_another_install_s_key_cannot_read_the_password():
    sealed = credentials.seal("pw", secret_key="one key")

    with pytest.raises(credentials.SecretUnreadable):
        credentials.reveal(sealed, secret_key="another key")


def test_a_changed_secret_key_asks_for_the_password_again(jordan, imap_server, settings):
    mailbox = imap_server.add_user(f"me-{uuid.uuid4().hex[:10]}@example.org")
    connection, _ = services.connect_imap(
        owner=jordan,
        name="work",
        host="127.0.0.1",
        port=mailbox.port,
        username=mailbox.user,
        password=mailbox.password,
        security=PLAIN,
    )
    settings.SECRET_KEY = "a new secret key, after a move to another machine"

    outcome = services.sync(owner=jordan, connection=connection)

    assert outcome.status == services.FAILED
    assert "can no longer be read" in outcome.message


def test_backups_and_exports_carry_no_password_not_even_encrypted(jordan, imap_server):
    from mutuals.backup import selectors as backup_selectors
    from mutuals.exports import selectors as export_selectors

    mailbox = imap_server.add_user(f"me-{uuid.uuid4().hex[:10]}@example.org")
    connection, _ = services.connect_imap(
        owner=jordan,
        name="work",
        host="127.0.0.1",
        port=mailbox.port,
        username=mailbox.user,
        password="pw-backup-5521",
        security=PLAIN,
    )
    written = backup_selectors.dumps(backup_selectors.backup(owner=jordan))
    written += export_selectors.csv_export(owner=jordan) + export_selectors.vcard_export(
        owner=jordan
    )

    assert "pw-backup-5521" not in written
    assert connection.secret not in written
    assert mailbox.user not in written


@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=mail, mbox_first=st.booleans(), in_mbox=st.sets(st.integers(0, 7)))
def test_an_mbox_import_and_an_imap_sync_of_the_same_messages_agree_in_any_order(
    db, imap_server, items, mbox_first, in_mbox
):
    """Some of the messages in an mbox file too, imported before or after the sync: the same
    conversations as the sync alone."""
    import io

    from mutuals.emails.mbox import import_mbox

    def conversations_of(owner):
        return sorted(
            (key, summary, started, tuple(sorted(names)))
            for key, summary, started, names in (
                (i.source_key, i.summary, i.initiated_by, [p.display_name for p in i.people.all()])
                for i in Interaction.objects.filter(owner=owner).prefetch_related("people")
            )
        )

    mailbox = imap_server.add_user(f"me-{uuid.uuid4().hex[:10]}@example.org")
    raws = list(build(items, mailbox.user))
    for folder, raw in raws:
        mailbox.append(folder, raw)
    mbox = b"".join(
        b"From x@example.org Mon Nov  2 09:00:00 2026\n" + raw.replace(b"\r\n", b"\n") + b"\n"
        for n, (_, raw) in enumerate(raws)
        if n in in_mbox
    )
    results = []
    for both in (False, True):
        owner = make_user(f"u{uuid.uuid4().hex[:12]}")
        make_person(owner, "Rosa Núñez", emails=["rosa@example.com"])
        make_person(owner, "Bruce Wayne", emails=["bruce@example.com"])
        connection, _ = services.connect_imap(
            owner=owner,
            name="work",
            host="127.0.0.1",
            port=mailbox.port,
            username=mailbox.user,
            password=mailbox.password,
            security=PLAIN,
        )
        if both and mbox_first:
            import_mbox(owner=owner, stream=io.BytesIO(mbox), filename="takeout.mbox")
        assert services.sync(owner=owner, connection=connection).ok
        if both and not mbox_first:
            import_mbox(owner=owner, stream=io.BytesIO(mbox), filename="takeout.mbox")
        results.append(conversations_of(owner))

    assert results[0] == results[1]
