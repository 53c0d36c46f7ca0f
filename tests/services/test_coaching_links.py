"""Coaching links by consent (coaching.services) and their reads (coaching.links)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.accounts import roles
from mutuals.coaching import links, services
from mutuals.coaching.access import client_for
from mutuals.coaching.models import AccessRecord, CoachLink
from mutuals.core.coaching import Level
from tests.coach_data import make_coach

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def jordan_coaches(jordan):
    """Jordan holds the coach role: the coach side of every link here."""
    make_coach(jordan)


def _messages(error: pytest.ExceptionInfo[ValidationError], field: str = "code") -> str:
    return " ".join(error.value.message_dict[field])


def test_a_coach_invitation_is_no_link_until_the_client_accepts(jordan, riley):
    link, code = services.invite_client(coach=jordan, now=NOW)
    assert link.client is None
    assert link.state == CoachLink.INVITED
    assert link.code_hash == services.hash_code(code)
    assert code not in link.code_hash
    assert len(code) == 14
    assert code.count("-") == 2
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")

    accepted = services.accept(user=riley, code=code.lower(), now=NOW)
    assert (accepted.client, accepted.level, accepted.state) == (riley, "progress", "active")
    assert accepted.accepted_at == NOW
    linked = client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")
    assert linked.client == riley
    # The least by default: plan is above what the client gave.
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PLAN, what="today's plan")


def test_the_client_chooses_the_level_when_accepting(jordan, riley):
    _link, code = services.invite_client(coach=jordan, now=NOW)
    link = services.accept(user=riley, code=code, level="network", now=NOW)
    assert link.level == "network"
    client_for(coach=jordan, client_id=riley.pk, needs=Level.NETWORK, what="people")


def test_a_code_works_once(jordan, riley, casey):
    _link, code = services.invite_client(coach=jordan, now=NOW)
    services.accept(user=riley, code=code, now=NOW)
    with pytest.raises(ValidationError) as error:
        services.accept(user=casey, code=code, now=NOW)
    assert "already been used" in _messages(error)
    assert not CoachLink.objects.filter(client=casey).exists()


def test_expired_and_unknown_codes_are_refused_with_words(jordan, riley):
    _link, code = services.invite_client(coach=jordan, days=7, now=NOW)
    with pytest.raises(ValidationError) as error:
        services.accept(user=riley, code=code, now=NOW + dt.timedelta(days=7))
    assert "expired" in _messages(error)
    with pytest.raises(ValidationError) as error:
        services.accept(user=riley, code="ABCD-EFGH-JKLM", now=NOW)
    assert "not one we know" in _messages(error)
    with pytest.raises(ValidationError) as error:
        services.accept(user=riley, code="  ", now=NOW)
    assert "Type the invitation code" in _messages(error)
    assert CoachLink.objects.get().state == CoachLink.INVITED


def test_no_one_coaches_themselves(jordan):
    _link, code = services.invite_client(coach=jordan, now=NOW)
    with pytest.raises(ValidationError) as error:
        services.accept(user=jordan, code=code, now=NOW)
    assert "your own invitation" in _messages(error)
    with pytest.raises(ValidationError) as error:
        services.invite_coach(client=jordan, coach_username="jordan", now=NOW)
    assert "your own coach" in _messages(error, "coach")


def test_one_open_link_per_pair(jordan, riley):
    _link, first = services.invite_client(coach=jordan, now=NOW)
    services.accept(user=riley, code=first, now=NOW)
    _link, second = services.invite_client(coach=jordan, now=NOW)
    with pytest.raises(ValidationError) as error:
        services.accept(user=riley, code=second, now=NOW)
    assert "already linked" in _messages(error)
    with pytest.raises(ValidationError):
        services.invite_coach(client=riley, coach_username="jordan", now=NOW)
    assert CoachLink.objects.filter(coach=jordan, client=riley).count() == 1


def test_a_client_invites_a_coach_who_accepts(jordan, riley, casey):
    link, code = services.invite_coach(client=riley, coach_username="JORDAN", level="plan", now=NOW)
    assert (link.coach, link.client, link.invited_by, link.state) == (
        jordan,
        riley,
        "client",
        "invited",
    )
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")
    # Only the coach it names may accept it; the client cannot accept for them.
    for someone in (casey, riley):
        with pytest.raises(ValidationError):
            services.accept(user=someone, code=code, now=NOW)
    # The coach's `level` does not override the client's choice.
    accepted = services.accept(user=jordan, code=code, level="network", now=NOW)
    assert (accepted.state, accepted.level) == ("active", "plan")
    client_for(coach=jordan, client_id=riley.pk, needs=Level.PLAN, what="today's plan")


def test_a_coach_accepts_a_client_request_from_their_list(jordan, riley, casey):
    link, _code = services.invite_coach(client=riley, coach_username="jordan", now=NOW)
    with pytest.raises(CoachLink.DoesNotExist):
        services.accept_request(coach=casey, link_id=link.pk, now=NOW)
    with pytest.raises(CoachLink.DoesNotExist):
        services.accept_request(coach=riley, link_id=link.pk, now=NOW)
    assert services.accept_request(coach=jordan, link_id=link.pk, now=NOW).state == "active"


def test_inviting_an_unknown_coach_or_with_a_bad_level_says_which_field(riley):
    with pytest.raises(ValidationError) as error:
        services.invite_coach(client=riley, coach_username="nobody", now=NOW)
    assert "no one called 'nobody'" in _messages(error, "coach")
    with pytest.raises(ValidationError) as error:
        services.invite_coach(client=riley, coach_username="jordan", level="all", now=NOW)
    assert "not a level" in _messages(error, "level")
    assert not CoachLink.objects.exists()


@pytest.fixture
def active(jordan, riley) -> CoachLink:
    _link, code = services.invite_client(coach=jordan, now=NOW)
    return services.accept(user=riley, code=code, now=NOW)


def test_only_the_client_sets_the_level(active, jordan, riley):
    with pytest.raises(CoachLink.DoesNotExist):
        services.set_level(client=jordan, link_id=active.pk, level="network")
    assert CoachLink.objects.get(pk=active.pk).level == "progress"
    services.set_level(client=riley, link_id=active.pk, level="plan")
    client_for(coach=jordan, client_id=riley.pk, needs=Level.PLAN, what="today's plan")
    services.set_level(client=riley, link_id=active.pk, level="progress")
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PLAN, what="today's plan")


@pytest.mark.parametrize("side", ["coach", "client"])
def test_ending_from_either_side_refuses_the_next_look_at_once(active, jordan, riley, side):
    client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")
    ended = services.end(user=jordan if side == "coach" else riley, link_id=active.pk, now=NOW)
    assert (ended.state, ended.ended_at, ended.code_hash) == ("ended", NOW, None)
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")
    assert AccessRecord.objects.count() == 1  # the refused look is not recorded


def test_someone_else_cannot_end_a_link(active, casey):
    with pytest.raises(CoachLink.DoesNotExist):
        services.end(user=casey, link_id=active.pk)
    assert CoachLink.objects.get(pk=active.pk).state == "active"


def test_a_cancelled_invitation_code_no_longer_works(jordan, riley):
    link, code = services.invite_client(coach=jordan, now=NOW)
    services.end(user=jordan, link_id=link.pk, now=NOW)
    with pytest.raises(ValidationError):
        services.accept(user=riley, code=code, now=NOW)


def test_after_ending_the_pair_may_link_again(active, jordan, riley):
    services.end(user=riley, link_id=active.pk, now=NOW)
    _link, code = services.invite_client(coach=jordan, now=NOW)
    assert services.accept(user=riley, code=code, now=NOW).state == "active"


def test_lists_from_each_side(active, jordan, riley, casey):
    waiting, _code = services.invite_client(coach=jordan, now=NOW)
    assert links.as_client(client=riley) == [active]
    assert links.as_coach(coach=jordan) == [active, waiting]
    assert links.mine(user=casey) == []
    with pytest.raises(CoachLink.DoesNotExist):
        links.link_of(user=casey, link_id=active.pk)
    data = links.link_to_dict(active, viewer=riley)
    assert (data["role"], data["coach"], data["client"], data["level"]) == (
        "client",
        "jordan",
        "riley",
        "progress",
    )
    assert links.link_to_dict(waiting, viewer=jordan)["waiting_for"] == "client"


def test_the_audit_list_shows_exactly_the_clients_records_newest_first(
    active, jordan, riley, casey
):
    _link, code = services.invite_client(coach=jordan, now=NOW)
    services.accept(user=casey, code=code, now=NOW)
    client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")
    client_for(coach=jordan, client_id=casey.pk, needs=Level.PROGRESS, what="casey's progress")
    client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="goals")
    AccessRecord.objects.filter(what="progress").update(at=timezone.now() - dt.timedelta(hours=1))
    found = list(links.activity(client=riley))
    assert [record.what for record in found] == ["goals", "progress"]
    assert {record.client_id for record in found} == {riley.pk}
    assert [r.what for r in links.activity(client=casey)] == ["casey's progress"]
    assert list(links.activity(client=jordan)) == []


# Who may coach ------------------------------------------------------------------------------


def test_only_a_coach_invites_clients_and_the_error_says_what_to_do(casey):
    with pytest.raises(ValidationError) as error:
        services.invite_client(coach=casey, now=NOW)
    assert _messages(error, "coach") == (
        "Only a coach can invite or accept clients, and you are not one on this install: "
        "ask the owner to make casey a coach."
    )
    assert not CoachLink.objects.exists()


def test_a_client_inviting_a_member_is_told_to_ask_the_owner(riley, casey):
    with pytest.raises(ValidationError) as error:
        services.invite_coach(client=riley, coach_username="Casey", now=NOW)
    assert _messages(error, "coach") == (
        "casey is not a coach on this install: ask the owner to make casey a coach."
    )
    assert not CoachLink.objects.exists()


def test_an_administrator_may_coach_without_the_coach_role(riley, casey):
    roles.set_role(by=None, user_id=casey.pk, admin=True)
    _link, code = services.invite_client(coach=casey, now=NOW)
    assert services.accept(user=riley, code=code, now=NOW).coach == casey
    # ... and may be a client too, like anyone.
    link, _code = services.invite_coach(client=casey, coach_username="jordan", now=NOW)
    assert link.client == casey


def test_anyone_accepts_a_coachs_invitation_and_becomes_the_client(jordan, casey):
    roles.set_role(by=None, user_id=casey.pk, role=roles.MEMBER)
    _link, code = services.invite_client(coach=jordan, now=NOW)
    accepted = services.accept(user=casey, code=code, now=NOW)
    assert (accepted.coach, accepted.client) == (jordan, casey)


def test_a_coach_made_a_member_cannot_complete_a_waiting_link(jordan, riley, casey):
    _link, code = services.invite_client(coach=jordan, now=NOW)
    asked, asked_code = services.invite_coach(client=riley, coach_username="jordan", now=NOW)
    roles.set_role(by=None, user_id=jordan.pk, role=roles.MEMBER)
    jordan.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.accept(user=casey, code=code, now=NOW)
    assert "ask the owner to make jordan a coach" in _messages(error)
    with pytest.raises(ValidationError) as error:
        services.accept(user=jordan, code=asked_code, now=NOW)
    assert "ask the owner to make jordan a coach" in _messages(error)
    with pytest.raises(ValidationError):
        services.accept_request(coach=jordan, link_id=asked.pk, now=NOW)
    assert set(CoachLink.objects.values_list("state", flat=True)) == {CoachLink.INVITED}


def test_a_disabled_coach_cannot_be_invited(riley, jordan):
    jordan.is_active = False
    jordan.save(update_fields=["is_active"])
    with pytest.raises(ValidationError):
        services.invite_coach(client=riley, coach_username="jordan", now=NOW)
    assert not CoachLink.objects.exists()


def test_a_coach_made_a_member_reads_nothing_until_made_a_coach_again(jordan, casey):
    from mutuals.coaching.access import clients_of
    from tests.coach_data import link

    link(casey, jordan, level="network")
    assert [item.client for item in clients_of(coach=casey)] == [jordan]
    roles.set_role(by=None, user_id=casey.pk, role=roles.MEMBER)
    casey.refresh_from_db()
    assert clients_of(coach=casey) == []
    looks = AccessRecord.objects.count()
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=casey, client_id=jordan.pk, needs="progress", what="progress")
    assert AccessRecord.objects.count() == looks
    assert CoachLink.objects.get(coach=casey).state == CoachLink.ACTIVE  # the link stays
    roles.set_role(by=None, user_id=casey.pk, role=roles.COACH)
    again = client_for(coach=casey, client_id=jordan.pk, needs="network", what="people")
    assert again.client == jordan


def test_a_disabled_coach_reads_nothing(jordan, casey):
    from mutuals.coaching.access import clients_of
    from tests.coach_data import link

    link(casey, jordan)
    casey.is_active = False
    casey.save()
    assert clients_of(coach=casey) == []
