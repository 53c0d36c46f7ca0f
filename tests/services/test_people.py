import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mutuals.people import selectors, services
from mutuals.people.models import Person
from tests.factories import days_ago, log, make_person


def test_it_splits_a_full_name_into_parts(jordan):
    person = make_person(jordan, "Rosa María Núñez")
    assert (person.first_name, person.middle_name, person.last_name) == ("Rosa", "María", "Núñez")
    assert person.full_name == "Rosa María Núñez"


def test_it_folds_accents_into_the_search_name(jordan):
    assert make_person(jordan, "Zoë Ångström").search_name == "zoe angstrom"


def test_it_requires_a_name(jordan):
    with pytest.raises(ValidationError) as error:
        services.create_person(owner=jordan, name="   ")
    assert "name" in error.value.message_dict


def test_it_rejects_an_unknown_tier_naming_the_field(jordan):
    with pytest.raises(ValidationError) as error:
        make_person(jordan, tier="bestie")
    assert "tier" in error.value.message_dict


def test_it_rejects_a_bad_email_and_saves_nothing(jordan):
    with pytest.raises(ValidationError) as error:
        make_person(jordan, emails=["rosa@example.com", "not-an-email"])
    assert "emails" in error.value.message_dict
    assert Person.objects.count() == 0


def test_it_gives_each_tier_its_default_cadence(jordan):
    assert make_person(jordan, tier="close").cadence_days == 30
    assert make_person(jordan, "Ana", tier="acquaintance").cadence_days == 365
    assert make_person(jordan, "Bo", tier="dormant").cadence_days is None


def test_an_override_replaces_the_tier_cadence(jordan):
    assert make_person(jordan, tier="close", cadence_override_days=14).cadence_days == 14


def test_someone_you_only_know_of_has_no_cadence(jordan):
    person = make_person(jordan, tier=None)
    assert person.cadence_days is None
    assert not person.is_contact


def test_it_shares_organisations_and_circles_case_insensitively(jordan):
    a = make_person(jordan, "Ana", organization="Orion Labs", circles=["Work"])
    b = make_person(jordan, "Bo", organization="orion labs", circles=["work", "Running club"])
    assert a.organization_id == b.organization_id
    assert selectors.circles_for(owner=jordan).count() == 2


def test_the_same_organisation_name_stays_separate_between_users(jordan, riley):
    a = make_person(jordan, organization="Orion Labs")
    b = make_person(riley, organization="Orion Labs")
    assert a.organization_id != b.organization_id


def test_update_changes_only_the_given_fields(jordan):
    person = make_person(jordan, title="Engineer", location="Leeds")
    services.update_person(owner=jordan, person_id=person.pk, title="Engineering manager")
    person.refresh_from_db()
    assert (person.title, person.location) == ("Engineering manager", "Leeds")


def test_update_recomputes_the_due_date_when_the_tier_changes(jordan):
    person = make_person(jordan, tier="acquaintance")
    log(jordan, person, days=10)
    services.update_person(owner=jordan, person_id=person.pk, tier="inner")
    person.refresh_from_db()
    assert person.keep_in_touch_due_on == days_ago(10) + dt.timedelta(days=7)


def test_riley_cannot_update_jordans_person(jordan, riley):
    person = make_person(jordan)
    with pytest.raises(Person.DoesNotExist):
        services.update_person(owner=riley, person_id=person.pk, title="Spy")


def test_someone_cannot_introduce_themselves(jordan):
    person = make_person(jordan)
    with pytest.raises(ValidationError):
        services.update_person(owner=jordan, person_id=person.pk, introduced_by_id=person.pk)


def test_an_introducer_must_be_in_your_own_network(jordan, riley):
    stranger = make_person(riley, "Sam Stranger")
    with pytest.raises(ValidationError) as error:
        make_person(jordan, introduced_by_id=stranger.pk)
    assert "introduced_by" in error.value.message_dict


def test_archive_hides_a_person_from_the_list_and_unarchive_brings_them_back(jordan):
    person = make_person(jordan)
    services.archive_person(owner=jordan, person_id=person.pk)
    assert list(selectors.people_list(owner=jordan, today=dt.date.today())) == []
    services.unarchive_person(owner=jordan, person_id=person.pk)
    assert list(selectors.people_list(owner=jordan, today=dt.date.today())) == [person]


def test_delete_keeps_group_conversations_for_the_others(jordan):
    rosa, jin = make_person(jordan, "Rosa"), make_person(jordan, "Jin")
    group = log(jordan, [rosa, jin], "Lunch")
    log(jordan, rosa, "Call")
    services.delete_person(owner=jordan, person_id=rosa.pk)
    group.refresh_from_db()
    assert list(group.people.all()) == [jin]
    assert jin.interactions.count() == 1


def test_snooze_must_be_in_the_future(jordan):
    person = make_person(jordan)
    with pytest.raises(ValidationError):
        services.snooze_person(owner=jordan, person_id=person.pk, until=dt.date(2000, 1, 1))


def test_the_list_searches_names_without_accents_and_organisations(jordan):
    rosa = make_person(jordan, "Rosa Núñez", organization="Orion Labs")
    make_person(jordan, "Jin Park", organization="Acme")
    today = dt.date.today()
    assert list(selectors.people_list(owner=jordan, today=today, search="nunez")) == [rosa]
    assert list(selectors.people_list(owner=jordan, today=today, search="orion")) == [rosa]


def test_the_list_filters_overdue_people(jordan):
    late = make_person(jordan, "Late Larry", tier="inner")
    log(jordan, late, days=30)
    fresh = make_person(jordan, "Fresh Fay", tier="inner")
    log(jordan, fresh, days=1)
    assert list(selectors.people_list(owner=jordan, today=dt.date.today(), overdue=True)) == [late]


def test_the_list_sorts_by_strength(jordan):
    weak = make_person(jordan, "Aaron Weak", tier="acquaintance")
    strong = make_person(jordan, "Zed Strong", tier="inner")
    for days in (1, 5, 9):
        log(jordan, strong, days=days, kind="coffee")
    names = list(selectors.people_list(owner=jordan, today=dt.date.today(), sort="strength"))
    assert names == [strong, weak]


def test_riley_never_sees_jordans_people(jordan, riley):
    make_person(jordan)
    assert list(selectors.people_list(owner=riley, today=dt.date.today())) == []
    assert selectors.resolve_person(owner=riley, query="rosa").status == "missing"


def test_resolve_finds_a_person_by_prefix_ignoring_case_and_accents(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    make_person(jordan, "Jin Park")
    match = selectors.resolve_person(owner=jordan, query="NUN")
    assert (match.status, match.person_id) == ("found", rosa.pk)


def test_resolve_reports_ambiguity_with_suggestions(jordan):
    make_person(jordan, "Rosa Núñez")
    make_person(jordan, "Rosalind Ng")
    match = selectors.resolve_person(owner=jordan, query="ros")
    assert match.status == "ambiguous"
    assert len(match.suggestions) == 2


def test_resolve_suggests_close_names_when_nothing_matches(jordan):
    make_person(jordan, "Rosa Núñez")
    match = selectors.resolve_person(owner=jordan, query="Rosa Nunes")
    assert match.status == "missing"
    assert match.suggestions[0][1] == "Rosa Núñez"


def test_refresh_scores_brings_stale_strengths_to_today(jordan):
    person = make_person(jordan, tier="inner")
    log(jordan, person, days=3, kind="coffee")
    later = dt.date.today() + dt.timedelta(days=400)
    assert services.refresh_scores(owner=jordan, today=later) == 1
    person.refresh_from_db()
    assert person.strength_on == later
    assert person.strength < selectors.strength_of(person, dt.date.today()).score
