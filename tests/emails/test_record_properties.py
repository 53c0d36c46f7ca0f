"""Properties of recording mail: any interleaving of an mbox import and an IMAP sync of the same
messages gives the same conversations as reading them all at once; recording twice adds
nothing; forgetting one source leaves what the other carried."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.emails import services
from mutuals.emails.models import Correspondent, Message
from mutuals.interactions.models import Interaction
from tests.emails.mail import ME, msg
from tests.factories import make_person, make_user

CONTACTS = ("rosa@example.org", "sam@example.org", "lee@example.net")
_users = itertools.count()


@st.composite
def mailboxes(draw):
    """Messages in threads: each one new, or a reply to an earlier one (or to one never read)."""
    count = draw(st.integers(1, 10))
    messages = []
    for i in range(count):
        other = draw(st.sampled_from(CONTACTS))
        mine = draw(st.booleans())
        at = draw(st.integers(0, 24 * 12))
        parent = draw(st.none() | st.integers(0, i - 1) | st.just(-1)) if i else None
        if parent is None:
            references: tuple[str, ...] = ()
        elif parent == -1:
            references = ("ghost@x",)
        else:
            up = messages[parent]
            references = (*_chain(messages, up), up.message_id)
        # Some clients send In-Reply-To alone: threads then hang together only link by link.
        only_reply = bool(references) and draw(st.booleans())
        messages.append(
            msg(
                f"m{i}@x",
                sender=ME if mine else other,
                to=other if mine else ME,
                at=at,
                subject=f"Thread {references[0] if references else i}",
                in_reply_to=references[-1] if references else None,
                references=() if only_reply else references,
            )
        )
    return messages


def _chain(messages, up):
    """The ids above `up`, whether or not it named them in References."""
    if up.references:
        return up.references
    if up.in_reply_to:
        parent = next((m for m in messages if m.message_id == up.in_reply_to), None)
        return (*_chain(messages, parent), parent.message_id) if parent else (up.in_reply_to,)
    return ()


def owner_with_people():
    user = make_user(f"owner{next(_users)}")
    user.email = ME
    user.save()
    make_person(user, "Rosa Núñez", emails=[CONTACTS[0]])
    make_person(user, "Sam Okafor", emails=[CONTACTS[1]])
    return user


def conversations(owner):
    return sorted(
        (
            i.source_key,
            i.occurred_on,
            i.initiated_by,
            i.summary,
            tuple(sorted(p.full_name for p in i.people.all())),
        )
        for i in Interaction.objects.filter(owner=owner)
    )


def offers(owner):
    return sorted(
        Correspondent.objects.filter(owner=owner).values_list("address", "sent", "received")
    )


@pytest.mark.django_db
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mail=mailboxes(), data=st.data())
def test_any_interleaving_of_two_sources_gives_the_same_conversations(mail, data):
    reference = owner_with_people()
    services.record_messages(owner=reference, messages=mail, source="mbox:all")
    expected = conversations(reference)

    owner = owner_with_people()
    order = data.draw(st.permutations(mail))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(order)), max_size=4)))
    batches = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True)]
    for batch in batches:
        source = data.draw(st.sampled_from(["mbox:takeout.mbox", "imap:1"]))
        services.record_messages(owner=owner, messages=batch, source=source)
    # Some messages come again from the other source: nothing changes.
    again = data.draw(st.lists(st.sampled_from(mail), max_size=len(mail)))
    report = services.record_messages(owner=owner, messages=again, source="imap:1")
    assert report.added == 0
    assert report.conversations_added == report.conversations_changed == 0
    assert [c[1:] for c in conversations(owner)] == [c[1:] for c in expected]
    assert [c[0] for c in conversations(owner)] == [c[0] for c in expected]
    assert offers(owner) == offers(reference)


@pytest.mark.django_db
@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mail=mailboxes(), data=st.data())
def test_forgetting_a_source_leaves_what_the_other_carried(mail, data):
    owner = owner_with_people()
    kept = data.draw(st.lists(st.sampled_from(mail), unique_by=lambda m: m.message_id))
    services.record_messages(owner=owner, messages=mail, source="imap:1")
    services.record_messages(owner=owner, messages=kept, source="mbox:a")
    services.forget_source(owner=owner, source="imap:1")

    reference = owner_with_people()
    services.record_messages(owner=reference, messages=kept, source="mbox:a")
    assert conversations(owner) == conversations(reference)
    assert offers(owner) == offers(reference)
    assert Message.objects.filter(owner=owner).count() == len(kept)
