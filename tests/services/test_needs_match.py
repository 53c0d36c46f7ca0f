"""Match's one read: grouped needs and the organisations a text names, with people and paths."""

from mutuals.needs import services
from mutuals.needs.match import MAX_PEOPLE, match_text
from mutuals.people.services import archive_person
from tests.factories import make_orion, make_person

POSTING = (
    "Copperleaf Systems is hiring a backend engineer to build our billing platform in Python "
    "and Postgres. Join Copperleaf in Leeds."
)


def need(owner, person, text, **fields):
    return services.add_need(
        owner=owner, person_id=person.pk if person else None, text=text, **fields
    )


def test_needs_come_in_groups_leads_then_share_then_yours(jordan):
    sam, mina = make_person(jordan, "Sam Okafor"), make_person(jordan, "Mina Wójcik")
    mine = need(jordan, None, "Backend engineer roles in Leeds")
    shared = need(jordan, mina, "Looking for a backend engineer role in Python")
    lead = need(jordan, sam, "Hiring a backend engineer for the billing team")
    result = match_text(owner=jordan, text=POSTING)
    assert [(n.match.need_id, n.group) for n in result.needs] == [
        (lead.pk, "lead"),
        (shared.pk, "share"),
        (mine.pk, "yours"),
    ]
    assert result.leads[0].match.action == "ask Sam about it"


def test_relevance_is_said_in_words(jordan):
    need(jordan, make_person(jordan), "Looking for a backend engineer role in Python and Postgres")
    need(jordan, make_person(jordan, "Jin Park"), "Anything in Leeds")
    found = match_text(owner=jordan, text=POSTING).needs
    assert [n.relevance.words for n in found] == ["very close match", "good match"]


def test_each_group_is_capped_on_its_own(jordan):
    for i in range(4):
        need(jordan, make_person(jordan, f"Seeker {i}"), f"Looking for a backend role {i}")
    need(jordan, make_person(jordan, "Sam Okafor"), "Hiring a backend engineer")
    result = match_text(owner=jordan, text=POSTING, per_group=2)
    assert [len(result.leads), len(result.to_share)] == [1, 2]


def test_a_named_organisation_comes_with_its_people_closest_first(jordan):
    far = make_person(jordan, "Ada Far", tier="acquaintance", organization="Copperleaf Systems")
    near = make_person(jordan, "Ben Near", tier="close", organization="Copperleaf Systems")
    of = make_person(jordan, "Cy Heard", tier=None, organization="Copperleaf Systems")
    near.strength, far.strength = 0.8, 0.2
    near.save(update_fields=["strength"])
    far.save(update_fields=["strength"])
    [org] = match_text(owner=jordan, text=POSTING).organisations
    assert org.mention.name == "Copperleaf Systems"
    assert [p.pk for p in org.people] == [near.pk, far.pk, of.pk]
    assert (org.people_count, org.contacts_count) == (3, 2)
    assert org.summary == "You know 2 people at Copperleaf Systems, and know of 1 more"


def test_the_warm_paths_are_the_network_pages(jordan):
    bruce, _, _ = make_orion(jordan)
    from mutuals.network import paths

    text = "Orion is hiring an engineering manager."
    [org] = match_text(owner=jordan, text=text).organisations
    expected = paths.warm_paths(
        owner=jordan, targets=paths.targets(owner=jordan, kind="company", value="Orion"), k=3
    )
    assert org.paths == expected
    assert org.paths[0].steps[1].person_id == bruce.pk
    assert org.summary == "You know of 1 person at Orion"


def test_archived_people_are_not_counted_and_an_emptied_organisation_is_not_named(jordan):
    gone = make_person(jordan, "Gone Person", organization="Copperleaf Systems")
    archive_person(owner=jordan, person_id=gone.pk)
    assert match_text(owner=jordan, text=POSTING).organisations == []


def test_people_listed_are_capped_but_counted(jordan):
    for i in range(MAX_PEOPLE + 2):
        make_person(jordan, f"Person {i:02d}", organization="Copperleaf Systems")
    [org] = match_text(owner=jordan, text=POSTING).organisations
    assert (len(org.people), org.people_count) == (MAX_PEOPLE, MAX_PEOPLE + 2)
    assert org.summary == f"You know {MAX_PEOPLE + 2} people at Copperleaf Systems"


def test_a_text_naming_no_organisation_has_none(jordan):
    make_person(jordan, organization="Copperleaf Systems")
    assert match_text(owner=jordan, text="A backend role in Leeds").organisations == []


def test_another_users_organisations_and_needs_are_never_seen(jordan, riley):
    make_person(jordan, "Jordan's Friend", organization="Copperleaf Systems")
    need(jordan, make_person(jordan), "Looking for a backend engineer role")
    result = match_text(owner=riley, text=POSTING)
    assert (result.needs, result.organisations) == ([], [])


def test_riley_with_the_same_organisation_name_sees_only_her_people(jordan, riley):
    make_person(jordan, "Jordan's Friend", organization="Copperleaf Systems")
    hers = make_person(riley, "Riley's Friend", organization="Copperleaf Systems")

    [org] = match_text(owner=riley, text=POSTING).organisations
    assert [p.pk for p in org.people] == [hers.pk]
