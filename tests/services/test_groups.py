"""Groups (groups.services) and the pooled search (groups.selectors): consent, withdrawal,
the searcher's own rows, the threshold, the daily limit and the administrators' log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.changes.tracking import bump
from mutuals.core import pool
from mutuals.core.codes import hash_code
from mutuals.groups import selectors, services
from mutuals.groups.models import (
    Group,
    GroupInvitation,
    MemberSearches,
    Membership,
    PooledPerson,
    SearchLog,
)
from mutuals.people import services as people_services
from tests.factories import make_person, make_user

TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def admin(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(admin):
    return services.create_group(by=admin, name="Northfield alumni")


def _member(group, admin, name: str):
    user = make_user(name)
    code = services.new_link_code(by=admin, group_id=group.pk)
    services.join(user=user, code=code)
    return user


def _search(user, group, **target):
    return services.search(user=user, group_id=group.pk, today=TODAY, **target)[0]


# ---- creating, inviting, joining ---------------------------------------------------------


def test_only_an_install_administrator_creates_a_group(jordan):
    with pytest.raises(PermissionDenied):
        services.create_group(by=jordan, name="Northfield alumni")
    assert not Group.objects.exists()


def test_the_creator_is_the_groups_first_administrator_pooling_nothing(admin, group):
    membership = services.membership_of(user=admin, group_id=group.pk)
    assert membership.role == Membership.ADMIN
    assert membership.scope == Membership.NONE


def test_two_groups_cannot_share_a_name(admin, group):
    with pytest.raises(ValidationError) as error:
        services.create_group(by=admin, name="northfield ALUMNI")
    assert "already a group" in " ".join(error.value.message_dict["name"])


def test_a_link_code_is_kept_hashed_and_a_new_one_retires_the_old(admin, group, jordan):
    first = services.new_link_code(by=admin, group_id=group.pk)
    second = services.new_link_code(by=admin, group_id=group.pk)
    group.refresh_from_db()
    assert group.link_code_hash == hash_code(second)
    assert first.replace("-", "") not in group.link_code_hash
    with pytest.raises(ValidationError):
        services.join(user=jordan, code=first)
    assert services.join(user=jordan, code=second.lower()).group == group


def test_a_member_cannot_invite_and_a_stranger_does_not_see_the_group(admin, group, riley):
    jordan = _member(group, admin, "jordan")
    with pytest.raises(PermissionDenied):
        services.new_link_code(by=jordan, group_id=group.pk)
    with pytest.raises(Membership.DoesNotExist):
        services.new_link_code(by=riley, group_id=group.pk)


def test_an_email_invitation_works_once_for_one_person(admin, group, jordan, riley):
    pairs = services.invite_emails(
        by=admin, group_id=group.pk, csv_text="email\njordan@example.org\n", now=NOW
    )
    assert [address for address, _ in pairs] == ["jordan@example.org"]
    code = pairs[0][1]
    services.join(user=jordan, code=code, now=NOW)
    with pytest.raises(ValidationError) as error:
        services.join(user=riley, code=code, now=NOW)
    assert "already been used" in " ".join(error.value.message_dict["code"])


def test_an_email_invitation_expires(admin, group, jordan):
    [(_, code)] = services.invite_emails(
        by=admin, group_id=group.pk, csv_text="jordan@example.org", days=2, now=NOW
    )
    with pytest.raises(ValidationError) as error:
        services.join(user=jordan, code=code, now=NOW + dt.timedelta(days=3))
    assert "expired" in " ".join(error.value.message_dict["code"])


def _refusal(call, **kwargs) -> list[str]:
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.message_dict["code"]


def test_group_for_code_reads_the_group_and_refuses_as_join_does(admin, group, jordan):
    link = services.new_link_code(by=admin, group_id=group.pk)
    [(_, invited)] = services.invite_emails(
        by=admin, group_id=group.pk, csv_text="jordan@example.org", days=2, now=NOW
    )
    assert services.group_for_code(user=jordan, code=link.lower(), now=NOW) == group
    assert services.group_for_code(user=jordan, code=invited, now=NOW) == group
    assert not GroupInvitation.objects.exclude(used_at=None).exists()  # nothing used up
    assert not Membership.objects.filter(user=jordan).exists()
    later = NOW + dt.timedelta(days=3)
    cases = [
        {"user": jordan, "code": "", "now": NOW},
        {"user": jordan, "code": "ABCD-EFGH-JKLM", "now": NOW},
        {"user": jordan, "code": invited, "now": later},
        {"user": admin, "code": link, "now": NOW},
    ]
    for kwargs in cases:
        said = _refusal(services.group_for_code, **kwargs)
        assert said == _refusal(services.join, **kwargs)
    assert "expired" in " ".join(_refusal(services.group_for_code, **cases[2]))
    assert _refusal(services.group_for_code, **cases[3]) == [
        services.ALREADY_MEMBER.format(name="Northfield alumni")
    ]
    services.join(user=jordan, code=invited, now=NOW)
    riley = make_user("riley2")
    assert _refusal(services.group_for_code, user=riley, code=invited, now=NOW) == [
        services.USED_CODE
    ]


def test_a_bad_line_in_the_csv_is_named_and_no_one_is_invited(admin, group):
    text = "a@example.org\nnot an address\nb@example.org\n"
    with pytest.raises(ValidationError) as error:
        services.invite_emails(by=admin, group_id=group.pk, csv_text=text)
    assert error.value.message_dict["emails"] == [
        "Line 2: 'not an address' is not an e-mail address."
    ]
    assert not GroupInvitation.objects.exists()


def test_the_last_administrator_cannot_leave(admin, group):
    with pytest.raises(ValidationError):
        services.leave(user=admin, group_id=group.pk)
    assert Membership.objects.filter(group=group, user=admin).exists()


# ---- pooling: only what was chosen, only four fields -------------------------------------


def test_pooling_copies_only_name_organisation_title_and_coarse_closeness(admin, group):
    jordan = _member(group, admin, "jordan")
    make_person(
        jordan,
        "Rosa Núñez",
        organization="Copperleaf Systems Inc.",
        title="Head of Data",
        tier="inner",
        notes="secret note",
        emails=["rosa@copperleaf.example"],
        phones=["+1 555 0100"],
    )
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    row = PooledPerson.objects.get()
    assert (row.name, row.organisation, row.title) == (
        "Rosa Núñez",
        "Copperleaf Systems Inc.",
        "Head of Data",
    )
    assert pool.CLOSENESS[row.closeness] == pool.CLOSE
    assert (row.name_key, row.organisation_key) == ("rosa nunez", "copperleaf systems")
    stored = " ".join(str(value) for value in PooledPerson.objects.values().get().values())
    for private in ("secret note", "rosa@copperleaf.example", "555"):
        assert private not in stored


def test_someone_you_only_know_of_or_archived_is_never_pooled(admin, group):
    jordan = _member(group, admin, "jordan")
    make_person(jordan, "Known Of", tier=None, organization="Copperleaf")
    archived = make_person(jordan, "Archived One", organization="Copperleaf")
    people_services.archive_person(owner=jordan, person_id=archived.pk)
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    assert not PooledPerson.objects.exists()


def test_pooling_by_circle_pools_only_those_circles(admin, group):
    jordan = _member(group, admin, "jordan")
    make_person(jordan, "In Alumni", circles=["Alumni"])
    make_person(jordan, "In Family", circles=["Family"])
    services.set_pooling(user=jordan, group_id=group.pk, scope="circles", circles=["alumni"])
    assert list(PooledPerson.objects.values_list("name", flat=True)) == ["In Alumni"]


def test_pooling_an_unknown_circle_is_named_and_changes_nothing(admin, group):
    jordan = _member(group, admin, "jordan")
    make_person(jordan, "In Alumni", circles=["Alumni"])
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    with pytest.raises(ValidationError) as error:
        services.set_pooling(user=jordan, group_id=group.pk, scope="circles", circles=["Nope"])
    assert "'Nope'" in " ".join(error.value.message_dict["circles"])
    assert services.membership_of(user=jordan, group_id=group.pk).scope == Membership.ALL
    assert PooledPerson.objects.count() == 1


def test_pooling_chosen_people_refuses_someone_elses_person(admin, group, riley):
    jordan = _member(group, admin, "jordan")
    theirs = make_person(riley, "Riley's Friend")
    with pytest.raises(ValidationError):
        services.set_pooling(user=jordan, group_id=group.pk, scope="people", people=[theirs.pk])
    assert not PooledPerson.objects.exists()


def test_withdrawing_removes_every_row_at_once_and_searches_find_nothing(admin, group):
    jordan = _member(group, admin, "jordan")
    searcher = _member(group, admin, "sam")
    make_person(jordan, "Rosa Núñez", organization="Copperleaf")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    assert _search(searcher, group, organisation="copperleaf").members == 1
    services.withdraw(user=jordan, group_id=group.pk)
    assert not PooledPerson.objects.exists()
    assert _search(searcher, group, organisation="copperleaf").members == 0


def test_leaving_removes_the_members_rows(admin, group):
    jordan = _member(group, admin, "jordan")
    make_person(jordan, "Rosa Núñez", organization="Copperleaf")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    services.leave(user=jordan, group_id=group.pk)
    assert not PooledPerson.objects.exists()


def test_a_person_deleted_leaves_the_pool_at_once(admin, group):
    jordan = _member(group, admin, "jordan")
    rosa = make_person(jordan, "Rosa Núñez", organization="Copperleaf")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    people_services.delete_person(owner=jordan, person_id=rosa.pk)
    assert not PooledPerson.objects.exists()


def test_a_member_whose_records_changed_is_rebuilt_before_a_search_counts(admin, group):
    jordan = _member(group, admin, "jordan")
    searcher = _member(group, admin, "sam")
    make_person(jordan, "Rosa Núñez", organization="Copperleaf", circles=["Alumni"])
    services.set_pooling(user=jordan, group_id=group.pk, scope="circles", circles=["Alumni"])
    person = PooledPerson.objects.get().person
    people_services.update_person(owner=jordan, person_id=person.pk, circles=["Family"])
    bump(jordan.pk)  # what the request that changed it does when it ends
    assert _search(searcher, group, organisation="Copperleaf").members == 0
    assert not PooledPerson.objects.filter(person=person).exists()


def test_a_change_made_from_the_command_line_is_caught_for_the_members_counted(admin, group):
    jordan = _member(group, admin, "jordan")
    searcher = _member(group, admin, "sam")
    rosa = make_person(jordan, "Rosa Núñez", organization="Copperleaf")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    people_services.archive_person(owner=jordan, person_id=rosa.pk)
    bump()  # a command bumps everyone's version, not one owner's
    assert _search(searcher, group, organisation="Copperleaf").members == 0


def test_new_people_reach_the_pool_after_the_members_next_change(admin, group):
    jordan = _member(group, admin, "jordan")
    searcher = _member(group, admin, "sam")
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    make_person(jordan, "Rosa Núñez", organization="Copperleaf")
    bump(jordan.pk)
    assert _search(searcher, group, organisation="Copperleaf").members == 1


# ---- searching: counts only, specific targets, the threshold -----------------------------


def _pooling(group, admin, name: str, *people: tuple[str, str, str]):
    user = _member(group, admin, name)
    for person, organisation, tier in people:
        make_person(user, person, organization=organisation, tier=tier)
    services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    return user


def test_a_search_counts_members_once_at_their_warmest(admin, group):
    _pooling(group, admin, "a", ("Rosa", "Copperleaf", "inner"), ("Ben", "Copperleaf", "dormant"))
    _pooling(group, admin, "b", ("Cleo", "Copperleaf", "friend"))
    _pooling(group, admin, "c", ("Dev", "Copperleaf Inc", "acquaintance"))
    _pooling(group, admin, "d", ("Eve", "Other Co", "inner"))
    found = _search(admin, group, organisation="copperleaf")
    assert found == pool.PoolAnswer(members=3, well=2, close=1)
    assert found.shown() == {"members": 3, "well": pool.A_FEW, "close": pool.A_FEW}


def test_the_searchers_own_rows_are_never_counted(admin, group):
    jordan = _pooling(group, admin, "jordan", ("Rosa Núñez", "Copperleaf", "inner"))
    assert _search(jordan, group, organisation="Copperleaf").members == 0


def test_a_person_search_matches_the_full_name_whatever_its_accents_and_case(admin, group):
    _pooling(group, admin, "a", ("Rosa Núñez", "Copperleaf", "inner"))
    assert _search(admin, group, person="rosa nunez").members == 1
    assert _search(admin, group, person="Rosa").members == 0


def test_a_words_search_needs_two_meaningful_words(admin, group):
    with pytest.raises(ValidationError) as error:
        _search(admin, group, words="the manager")
    assert "at least 2 words" in " ".join(error.value.message_dict["words"])


def test_a_search_without_a_target_is_refused_and_not_counted(admin, group):
    with pytest.raises(ValidationError):
        _search(admin, group, organisation="  ")
    assert not MemberSearches.objects.exists()
    assert not SearchLog.objects.exists()


def test_a_words_search_matches_whole_words_of_title_and_organisation(admin, group):
    user = _member(group, admin, "a")
    make_person(user, "Rosa", organization="Copperleaf", title="Product Manager", tier="inner")
    make_person(user, "Ben", organization="Copperleaf", title="Productivity Manager")
    services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    assert _search(admin, group, words="product manager").members == 1


def test_a_stranger_cannot_search_a_group(group, riley):
    with pytest.raises(Membership.DoesNotExist):
        _search(riley, group, organisation="Copperleaf")


def test_the_daily_limit_refuses_with_a_sentence_and_opens_the_next_day(admin):
    group = services.create_group(by=admin, name="Small", daily_searches=2)
    for _ in range(2):
        _search(admin, group, organisation="Copperleaf")
    with pytest.raises(services.SearchLimitReached) as error:
        _search(admin, group, organisation="Copperleaf")
    assert "your 2 pooled searches for today" in str(error.value)
    tomorrow = TODAY + dt.timedelta(days=1)
    services.search(user=admin, group_id=group.pk, organisation="Copperleaf", today=tomorrow)


def test_searches_are_logged_as_counts_per_day_and_kind_never_the_text(admin, group):
    _search(admin, group, organisation="Copperleaf")
    _search(admin, group, organisation="Lumenvale")
    _search(admin, group, person="Rosa Núñez")
    logged = {(row.kind, row.count) for row in selectors.searches_of(group=group, since=TODAY)}
    assert logged == {("organisation", 2), ("person", 1)}
    stored = str(list(SearchLog.objects.values())) + str(list(MemberSearches.objects.values()))
    for text in ("Copperleaf", "copperleaf", "Rosa", "rosa"):
        assert text not in stored


# ---- the property: results never hold anything not pooled --------------------------------

ORGS = ["Copperleaf", "Lumenvale", "Quillfeather"]
person_spec = st.tuples(
    st.sampled_from(ORGS),
    st.sampled_from(["inner", "friend", "acquaintance", None]),
    st.sampled_from(["Alumni", "Family"]),
    st.booleans(),  # archived
)
member_spec = st.tuples(
    st.lists(person_spec, max_size=4),
    st.sampled_from(["none", "all", "circles", "people"]),
    st.booleans(),  # withdraws at the end
)


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(members=st.lists(member_spec, min_size=1, max_size=4), target=st.sampled_from(ORGS))
def test_a_search_counts_exactly_the_members_who_pool_someone_there(db, members, target):
    with transaction.atomic():  # each example rolled back: the next one starts empty
        expected, group, admin = _random_pool(members, target)
        searcher = _member(group, admin, "searcher")
        found = services.search(user=searcher, group_id=group.pk, organisation=target, today=TODAY)[
            0
        ]
        assert found.members == expected
        transaction.set_rollback(True)


def _random_pool(members, target: str):
    """Build a group from the spec; how many members pool someone (known, not archived, in
    scope, not withdrawn) at `target`, computed from the spec alone."""
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser(username="root", password="x" * 20)
    group = services.create_group(by=admin, name="Random")
    expected = 0
    for index, (people, scope, withdraws) in enumerate(members):
        user = _member(group, admin, f"m{index}")
        chosen, counted = [], False
        for number, (organisation, tier, circle, archived) in enumerate(people):
            person = make_person(
                user, f"P{number}", organization=organisation, tier=tier, circles=[circle]
            )
            if archived:
                people_services.archive_person(owner=user, person_id=person.pk)
            picked = number % 2 == 0
            if picked:
                chosen.append(person.pk)
            in_scope = {
                "none": False,
                "all": True,
                "circles": circle == "Alumni",
                "people": picked,
            }[scope]
            if in_scope and tier is not None and not archived and organisation == target:
                counted = True
        if scope == "circles" and not any(p[2] == "Alumni" for p in people):
            scope = "none"
        if scope == "people" and not chosen:
            scope = "none"
        services.set_pooling(
            user=user, group_id=group.pk, scope=scope, circles=["Alumni"], people=chosen
        )
        if withdraws:
            services.withdraw(user=user, group_id=group.pk)
        expected += counted and not withdraws and scope != "none"
    return expected, group, admin
