"""Asking for an introduction through the pool (groups.services, groups.selectors): who is
asked, what each side sees, silent declines, limits, withdrawal, and the personal double
opt-in started on acceptance."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.core import pool
from mutuals.groups import requests, selectors, serialize, services
from mutuals.groups.models import Membership, PoolRequest, RequestLog
from mutuals.network.models import Introduction
from mutuals.people.models import Person
from tests.factories import make_person, make_user

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture
def admin(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(admin):
    return services.create_group(by=admin, name="Northfield alumni")


def _member(group, admin, name: str, first: str = ""):
    user = make_user(name)
    if first:
        user.first_name, user.last_name = first, "Member"
        user.save()
    code = services.new_link_code(by=admin, group_id=group.pk)
    services.join(user=user, code=code, now=NOW)
    return user


def _pools(user, group, *people):
    """The member knows these (name, organisation, tier) and pools them all."""
    made = [make_person(user, name, organization=org, tier=tier) for name, org, tier in people]
    services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    return made


def _search(user, group, now=NOW, **target):
    return services.search(user=user, group_id=group.pk, today=now.date(), now=now, **target)


def _ask(user, group, now=NOW, note="", **target):
    return requests.request_introduction(user=user, group_id=group.pk, note=note, now=now, **target)


@pytest.fixture
def world(admin, group):
    """Sam searches; Bea knows Rosa Núñez at Copperleaf closely, Carl knows her a little."""
    sam = _member(group, admin, "sam", "Sam")
    bea = _member(group, admin, "bea", "Bea")
    carl = _member(group, admin, "carl", "Carl")
    (rosa,) = _pools(bea, group, ("Rosa Núñez", "Copperleaf Systems", "close"))
    _pools(carl, group, ("Rosa Nunez", "Copperleaf", "acquaintance"))
    return {"sam": sam, "bea": bea, "carl": carl, "rosa": rosa}


def _mine(user, group, now=NOW):
    return [
        serialize.my_request_to_dict(r, now)
        for r in selectors.requests_of(user=user, group_id=group.pk)
    ]


def test_the_member_who_knows_the_target_best_is_asked_and_sees_requester_and_note(world, group):
    _search(world["sam"], group, person="Rosa Núñez")
    made = _ask(world["sam"], group, person="rosa nunez", note="I am moving into payments.")
    assert made.member.user == world["bea"]
    assert made.target == world["rosa"]
    (seen,) = [serialize.asked_request_to_dict(r) for r in selectors.asked_of(user=world["bea"])]
    assert seen["requester"] == "Sam Member"
    assert seen["person"] == "Rosa Núñez"
    assert seen["note"].startswith("I am moving into payments.")
    assert pool.NOTICE.format(group="Northfield alumni") in seen["note"]
    assert selectors.asked_of(user=world["carl"]) == []


def test_an_empty_note_is_drafted_and_still_carries_the_notice(world, group):
    _search(world["sam"], group, organisation="Copperleaf")
    made = _ask(world["sam"], group, organisation="Copperleaf Inc.")
    assert "someone at Copperleaf" in made.note
    assert "Where your name came from" in made.note


def test_ties_go_to_the_member_asked_least_this_month(admin, group):
    sam = _member(group, admin, "sam")
    dee = _member(group, admin, "dee")
    one, two = _member(group, admin, "one"), _member(group, admin, "two")
    for user in (one, two):
        _pools(user, group, ("Ann Lee", "Acme", "friend"), ("Bo Chan", "Acme", "friend"))
    for asker in (sam, dee):
        _search(asker, group, person="Ann Lee")
    first = _ask(sam, group, person="Ann Lee")
    second = _ask(dee, group, person="Ann Lee")
    assert {first.member.user, second.member.user} == {one, two}


def test_a_request_is_only_for_a_target_searched_within_the_last_day(world, group):
    with pytest.raises(ValidationError) as error:
        _ask(world["sam"], group, person="Rosa Núñez")
    assert "Search the pool for them first" in error.value.message_dict["target"][0]
    _search(world["sam"], group, person="Rosa Núñez")
    with pytest.raises(ValidationError):
        _ask(world["sam"], group, organisation="Copperleaf")  # not what was searched
    with pytest.raises(ValidationError):
        _ask(world["sam"], group, now=NOW + dt.timedelta(hours=25), person="Rosa Núñez")
    assert not PoolRequest.objects.exists()


def test_no_second_request_for_a_target_still_waiting(world, group):
    _search(world["sam"], group, person="Rosa Núñez")
    _ask(world["sam"], group, person="Rosa Núñez")
    with pytest.raises(ValidationError) as error:
        _ask(world["sam"], group, person="Rosa Núñez")
    assert "still waiting" in error.value.message_dict["target"][0]


def test_a_declined_request_may_not_be_asked_again_while_it_reads_waiting(world, group):
    _search(world["sam"], group, person="Rosa Núñez")
    made = _ask(world["sam"], group, person="Rosa Núñez")
    requests.answer_request(user=world["bea"], request_id=made.pk, accept=False, now=NOW)
    with pytest.raises(ValidationError):  # asking again would tell Sam it was declined
        _ask(world["sam"], group, person="Rosa Núñez")
    later = NOW + dt.timedelta(days=pool.WAIT_DAYS, hours=1)
    _search(world["sam"], group, now=later, person="Rosa Núñez")
    again = _ask(world["sam"], group, now=later, person="Rosa Núñez")
    assert again.pk != made.pk


def test_three_requests_a_day_per_group_then_refused_until_tomorrow(admin, group):
    sam = _member(group, admin, "sam")
    bea = _member(group, admin, "bea")
    names = ["Ann Lee", "Bo Chan", "Cy Diaz", "Di Eng"]
    _pools(bea, group, *[(name, "Acme", "friend") for name in names])
    for name in names:
        _search(sam, group, person=name)
    for name in names[:3]:
        _ask(sam, group, person=name)
    with pytest.raises(requests.RequestLimitReached) as refused:
        _ask(sam, group, person=names[3])
    assert "tomorrow" in str(refused.value)
    tomorrow = NOW + dt.timedelta(hours=20)
    assert _ask(sam, group, now=tomorrow, person=names[3]).day == TODAY + dt.timedelta(days=1)


def test_nobody_pooling_the_target_is_a_sentence_not_a_request(world, group):
    _search(world["sam"], group, person="Someone Else")
    with pytest.raises(ValidationError) as error:
        _ask(world["sam"], group, person="Someone Else")
    assert "no one to ask" in error.value.message_dict["target"][0]


def test_the_requester_never_asks_themselves(admin, group):
    sam = _member(group, admin, "sam")
    _pools(sam, group, ("Ann Lee", "Acme", "close"))
    _search(sam, group, person="Ann Lee")
    with pytest.raises(ValidationError):
        _ask(sam, group, person="Ann Lee")


def test_a_decline_reads_waiting_then_no_introduction_this_time(world, group):
    _search(world["sam"], group, person="Rosa Núñez")
    made = _ask(world["sam"], group, person="Rosa Núñez")
    before = _mine(world["sam"], group)
    requests.answer_request(user=world["bea"], request_id=made.pk, accept=False, now=NOW)
    assert _mine(world["sam"], group) == before
    assert before[0]["state_words"] == "waiting"
    assert before[0]["introducer"] is None
    later = NOW + dt.timedelta(days=pool.WAIT_DAYS)
    (after,) = _mine(world["sam"], group, now=later)
    assert after["state_words"] == "no introduction this time"
    assert after["introducer"] is None


def test_acceptance_names_each_side_and_starts_the_personal_double_opt_in(world, group):
    _search(world["sam"], group, person="Rosa Núñez")
    made = _ask(world["sam"], group, person="Rosa Núñez")
    answered = requests.answer_request(user=world["bea"], request_id=made.pk, accept=True, now=NOW)
    intro = Introduction.objects.get(pk=answered.introduction_id)
    assert intro.owner == world["bea"]
    assert intro.target == world["rosa"]
    assert intro.introducer is None
    assert intro.seeker.full_name == "Sam Member"
    assert intro.status == "requested"  # the network flow's first step: ask both sides
    assert Person.objects.filter(owner=world["bea"], full_name="Sam Member").count() == 1
    (mine,) = _mine(world["sam"], group)
    assert mine["state_words"] == "accepted"
    assert mine["introducer"] == "Bea Member"
    log = RequestLog.objects.get(group=group, day=TODAY)
    assert (log.requested, log.accepted) == (1, 1)


def test_only_the_asked_member_answers_and_only_once(world, group):
    _search(world["sam"], group, person="Rosa Núñez")
    made = _ask(world["sam"], group, person="Rosa Núñez")
    for other in (world["sam"], world["carl"]):
        with pytest.raises(PoolRequest.DoesNotExist):
            requests.answer_request(user=other, request_id=made.pk, accept=True, now=NOW)
    requests.answer_request(user=world["bea"], request_id=made.pk, accept=False, now=NOW)
    with pytest.raises(ValidationError):
        requests.answer_request(user=world["bea"], request_id=made.pk, accept=True, now=NOW)
    assert not Introduction.objects.exists()


@pytest.mark.parametrize("how", ["withdraw", "leave"])
def test_withdrawing_or_leaving_cancels_the_members_open_requests(world, group, how):
    _search(world["sam"], group, person="Rosa Núñez")
    made = _ask(world["sam"], group, person="Rosa Núñez")
    if how == "withdraw":
        services.withdraw(user=world["bea"], group_id=group.pk)
    else:
        services.leave(user=world["bea"], group_id=group.pk)
    made.refresh_from_db()
    assert made.status == pool.CANCELLED
    with pytest.raises((ValidationError, PoolRequest.DoesNotExist)):
        requests.answer_request(user=world["bea"], request_id=made.pk, accept=True, now=NOW)
    assert not Introduction.objects.exists()
    later = NOW + dt.timedelta(days=pool.WAIT_DAYS)
    (after,) = _mine(world["sam"], group, now=later)
    assert after["state_words"] == "no introduction this time"


def test_requests_are_counted_per_day_for_administrators_never_who(world, group, admin):
    _search(world["sam"], group, person="Rosa Núñez")
    _ask(world["sam"], group, person="Rosa Núñez")
    (row,) = selectors.requests_per_day(group=group, since=TODAY)
    assert (row.day, row.requested, row.accepted) == (TODAY, 1, 0)


def test_the_searched_target_is_kept_as_a_fingerprint_not_its_text(world, group):
    from mutuals.groups.models import SearchedTarget

    _search(world["sam"], group, person="Rosa Núñez")
    (kept,) = SearchedTarget.objects.all()
    assert "rosa" not in kept.fingerprint.lower()
    assert len(kept.fingerprint) == 64


def _flat(value) -> list[str]:
    if isinstance(value, dict):
        return [s for key, item in value.items() for s in [str(key), *_flat(item)]]
    return [str(value)]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pools=st.lists(
        st.lists(
            st.tuples(
                st.sampled_from(["Ann Lee", "Bo Chan"]), st.sampled_from(["close", "dormant"])
            ),
            max_size=3,
        ),
        min_size=1,
        max_size=4,
    ),
    answers=st.lists(st.sampled_from([None, False]), min_size=2, max_size=2),
    days=st.integers(0, 10),
)
def test_the_requester_never_learns_who_before_acceptance(admin, group, pools, answers, days):
    PoolRequest.objects.all().delete()
    Membership.objects.filter(group=group).exclude(user=admin).delete()
    Person.objects.all().delete()
    from django.contrib.auth import get_user_model

    get_user_model().objects.exclude(pk=admin.pk).delete()
    sam = _member(group, admin, "sam", "Sam")
    members = []
    for index, people in enumerate(pools):
        user = _member(group, admin, f"pooler{index}", f"Pooler{index}")
        members.append(user)
        _pools(user, group, *[(name, "Acme", tier) for name, tier in people])
    names = {n for u in members for n in (u.username, u.get_full_name(), u.first_name)}
    for target, answer in zip(["Ann Lee", "Bo Chan"], answers, strict=True):
        _search(sam, group, person=target)
        try:
            made = _ask(sam, group, person=target)
        except ValidationError:
            continue
        if answer is False:
            requests.answer_request(user=made.member.user, request_id=made.pk, accept=False)
    now = NOW + dt.timedelta(days=days)
    for shown in _mine(sam, group, now=now):
        assert set(shown) == {
            "id",
            "group",
            "target",
            "state",
            "state_words",
            "introducer",
            "requested_at",
            "thanked_at",  # the requester's own act
        }
        assert shown["introducer"] is None
        text = " ".join(_flat(shown))
        assert not any(name and name in text for name in names)


def test_a_target_deleted_meanwhile_closes_the_request_when_answered(world, group):
    from mutuals.people import services as people_services

    _search(world["sam"], group, person="Rosa Núñez")
    made = _ask(world["sam"], group, person="Rosa Núñez")
    people_services.delete_person(owner=world["bea"], person_id=world["rosa"].pk)
    with pytest.raises(ValidationError) as error:
        requests.answer_request(user=world["bea"], request_id=made.pk, accept=True, now=NOW)
    assert "no longer in your records" in error.value.message_dict["request"][0]
    made.refresh_from_db()
    assert made.status == pool.CANCELLED
    assert not Introduction.objects.exists()


def _accepted(world, group):
    _search(world["sam"], group, person="Rosa Núñez")
    made = _ask(world["sam"], group, person="Rosa Núñez")
    requests.answer_request(user=world["bea"], request_id=made.pk, accept=True, now=NOW)
    return made


def test_the_requester_thanks_the_member_who_accepted_once_on_their_own_ledger(world, group):
    from mutuals.ledger.models import Exchange

    made = _accepted(world, group)
    thanked = requests.thank(user=world["sam"], request_id=made.pk, now=NOW)
    assert thanked.thanked_at == NOW
    bea = Person.objects.get(owner=world["sam"], full_name="Bea Member")
    assert bea.how_met == "A fellow member of Northfield alumni"
    (received,) = Exchange.objects.filter(owner=world["sam"], person=bea)
    assert (received.direction, received.kind) == ("received", "introduction")
    assert "Rosa Núñez" in received.text
    assert received.occurred_on == TODAY
    assert received.thanked_on == TODAY
    (mine,) = _mine(world["sam"], group)
    assert mine["thanked_at"] == NOW.isoformat()
    with pytest.raises(ValidationError) as error:
        requests.thank(user=world["sam"], request_id=made.pk, now=NOW)
    assert error.value.message_dict["request"] == [
        "You already thanked Bea Member for this introduction."
    ]
    assert Exchange.objects.filter(owner=world["sam"]).count() == 1


def test_thanking_again_through_another_request_reuses_the_member_in_your_people(world, group):
    made = _accepted(world, group)
    requests.thank(user=world["sam"], request_id=made.pk, now=NOW)
    later = NOW + dt.timedelta(days=2)
    _pools(world["bea"], group, ("Ola Berg", "Copperleaf Systems", "close"))
    _search(world["sam"], group, now=later, person="Ola Berg")
    second = _ask(world["sam"], group, now=later, person="Ola Berg")
    requests.answer_request(user=world["bea"], request_id=second.pk, accept=True, now=later)
    requests.thank(user=world["sam"], request_id=second.pk, now=later)
    assert Person.objects.filter(owner=world["sam"], full_name="Bea Member").count() == 1


def test_only_the_requester_thanks_and_only_an_accepted_request(world, group):
    from mutuals.ledger.models import Exchange

    _search(world["sam"], group, person="Rosa Núñez")
    made = _ask(world["sam"], group, person="Rosa Núñez")
    with pytest.raises(ValidationError) as error:
        requests.thank(user=world["sam"], request_id=made.pk, now=NOW)  # still open
    assert "Only an accepted request" in error.value.message_dict["request"][0]
    requests.answer_request(user=world["bea"], request_id=made.pk, accept=True, now=NOW)
    for other in (world["bea"], world["carl"]):
        with pytest.raises(PoolRequest.DoesNotExist):
            requests.thank(user=other, request_id=made.pk, now=NOW)
    assert PoolRequest.objects.get(pk=made.pk).thanked_at is None
    assert not Exchange.objects.filter(owner=world["sam"]).exists()
    assert not Person.objects.filter(owner=world["sam"]).exists()


def test_selectors_take_the_membership_read_and_keep_open_ones_when_asked(world, group, admin):
    _search(world["sam"], group, person="Rosa Núñez")
    first = _ask(world["sam"], group, person="Rosa Núñez")
    requests.answer_request(user=world["bea"], request_id=first.pk, accept=False, now=NOW)
    later = NOW + dt.timedelta(days=pool.WAIT_DAYS + 1)
    _search(world["sam"], group, now=later, person="Rosa Núñez")
    second = _ask(world["sam"], group, now=later, person="Rosa Núñez")
    bea_in = services.membership_of(user=world["bea"], group_id=group.pk)
    assert [r.pk for r in selectors.asked_of(user=world["bea"])] == [second.pk, first.pk]
    assert [r.pk for r in selectors.asked_of(user=world["bea"], open_only=True)] == [second.pk]
    mine = selectors.asked_of(user=world["bea"], group_id=group.pk, membership=bea_in)
    assert [r.pk for r in mine] == [second.pk, first.pk]
    sam_in = services.membership_of(user=world["sam"], group_id=group.pk)
    assert len(selectors.requests_of(user=world["sam"], group_id=group.pk, membership=sam_in)) == 2
    other = services.create_group(by=admin, name="Another group")
    for user, theirs, group_id in [
        (world["sam"], bea_in, group.pk),  # someone else's membership
        (world["bea"], bea_in, other.pk),  # of another group
    ]:
        with pytest.raises(Membership.DoesNotExist):
            selectors.requests_of(user=user, group_id=group_id, membership=theirs)
        with pytest.raises(Membership.DoesNotExist):
            selectors.asked_of(user=user, group_id=group_id, membership=theirs)
    assert selectors.asked_request(user=world["bea"], request_id=first.pk) == first
    with pytest.raises(PoolRequest.DoesNotExist):
        selectors.asked_request(user=world["sam"], request_id=first.pk)
