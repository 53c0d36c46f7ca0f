"""/api/groups/{id}/requests, /asked and /api/groups/requests/{id}: asking the pool for an
introduction, what each side reads, 404 for anyone who is neither side, the daily limit as 429."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from mutuals.core import pool
from mutuals.groups import services
from mutuals.groups.models import Membership, PoolRequest
from mutuals.network.models import Introduction
from tests.api.conftest import field_errors, token_client
from tests.factories import make_person, make_user

JSON = "application/json"


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(admin):
    return services.create_group(by=admin, name="Northfield alumni")


def _join(group, admin, name, first):
    user = make_user(name)
    user.first_name, user.last_name = first, "Member"
    user.save()
    services.join(user=user, code=services.new_link_code(by=admin, group_id=group.pk))
    return user


@pytest.fixture
def world(admin, group):
    sam, bea = _join(group, admin, "sam", "Sam"), _join(group, admin, "bea", "Bea")
    rosa = make_person(bea, "Rosa Núñez", organization="Copperleaf", tier="close")
    services.set_pooling(user=bea, group_id=group.pk, scope=Membership.ALL)
    return {"sam": sam, "bea": bea, "rosa": rosa, "sam_api": token_client(sam)}


def _ask(api, group, **body):
    return api.post(f"/api/groups/{group.pk}/requests", body, content_type=JSON)


def _searched_and_asked(world, group):
    api = world["sam_api"]
    assert api.get(f"/api/groups/{group.pk}/search", {"person": "Rosa Núñez"}).status_code == 200
    made = _ask(api, group, person="Rosa Núñez", note="About payments.")
    assert made.status_code == 201, made.content
    return made.json()


def test_a_request_reads_waiting_and_never_names_the_member(world, group):
    made = _searched_and_asked(world, group)
    assert made["state"] == "waiting"
    assert made["introducer"] is None
    listed = world["sam_api"].get(f"/api/groups/{group.pk}/requests").json()
    assert listed["count"] == 1
    assert "Bea" not in str(listed)
    assert "bea" not in str(listed)


def test_the_asked_member_sees_requester_and_note_and_accepts(world, group):
    made = _searched_and_asked(world, group)
    bea_api = token_client(world["bea"])
    (asked,) = bea_api.get(f"/api/groups/{group.pk}/asked").json()["items"]
    assert asked["requester"] == "Sam Member"
    assert asked["person"] == "Rosa Núñez"
    assert pool.NOTICE.format(group="Northfield alumni") in asked["note"]
    answered = bea_api.post(f"/api/groups/requests/{made['id']}", {"answer": "accept"}, JSON)
    assert answered.status_code == 200, answered.content
    assert answered.json()["status"] == "accepted"
    intro = Introduction.objects.get(pk=answered.json()["introduction_id"])
    assert intro.target == world["rosa"]
    (mine,) = world["sam_api"].get(f"/api/groups/{group.pk}/requests").json()["items"]
    assert mine["introducer"] == "Bea Member"


def test_a_decline_reads_waiting_to_the_requester(world, group):
    made = _searched_and_asked(world, group)
    bea_api = token_client(world["bea"])
    declined = bea_api.post(f"/api/groups/requests/{made['id']}", {"answer": "decline"}, JSON)
    assert declined.json()["status"] == "declined"
    (mine,) = world["sam_api"].get(f"/api/groups/{group.pk}/requests").json()["items"]
    assert mine == made


def test_neither_side_gets_404_and_the_requester_cannot_answer(world, group, admin):
    made = _searched_and_asked(world, group)
    other = token_client(make_user("olga"))
    for api in (other, world["sam_api"], token_client(admin)):
        answer = api.post(f"/api/groups/requests/{made['id']}", {"answer": "accept"}, JSON)
        assert answer.status_code == 404
    assert other.get(f"/api/groups/{group.pk}/requests").status_code == 404
    assert other.get(f"/api/groups/{group.pk}/asked").status_code == 404
    assert _ask(other, group, person="Rosa Núñez").status_code == 404
    assert PoolRequest.objects.get().status == "open"


def test_a_target_not_searched_is_refused_naming_it(world, group):
    refused = _ask(world["sam_api"], group, person="Rosa Núñez")
    assert refused.status_code == 422
    assert "Search the pool for them first" in " ".join(field_errors(refused)["target"])


def test_inputs_are_strict(world, group):
    refused = _ask(world["sam_api"], group, person="Rosa Núñez", member=3)
    assert refused.status_code == 422
    bad = token_client(world["bea"]).post("/api/groups/requests/1", {"answer": "maybe"}, JSON)
    assert bad.status_code == 422


def test_past_three_requests_a_day_is_429(admin, group):
    sam, bea = _join(group, admin, "sam", "Sam"), _join(group, admin, "bea", "Bea")
    names = ["Ann Lee", "Bo Chan", "Cy Diaz", "Di Eng"]
    for name in names:
        make_person(bea, name, organization="Acme")
    services.set_pooling(user=bea, group_id=group.pk, scope=Membership.ALL)
    api = token_client(sam)
    answers = []
    for name in names:
        api.get(f"/api/groups/{group.pk}/search", {"person": name})
        answers.append(_ask(api, group, person=name).status_code)
    assert answers == [201, 201, 201, 429]


def test_the_requester_thanks_the_member_once_and_only_when_accepted(world, group, admin):
    from mutuals.ledger.models import Exchange

    made = _searched_and_asked(world, group)
    thank = f"/api/groups/requests/{made['id']}/thank"
    early = world["sam_api"].post(thank)
    assert early.status_code == 422
    assert "Only an accepted request" in str(field_errors(early))
    bea_api = token_client(world["bea"])
    bea_api.post(f"/api/groups/requests/{made['id']}", {"answer": "accept"}, JSON)
    for api in (bea_api, token_client(make_user("olga")), token_client(admin)):
        assert api.post(thank).status_code == 404
    thanked = world["sam_api"].post(thank)
    assert thanked.status_code == 200, thanked.content
    body = thanked.json()
    assert body["introducer"] == "Bea Member"
    assert body["thanked_at"] is not None
    (received,) = Exchange.objects.filter(owner=world["sam"])
    assert received.person.full_name == "Bea Member"
    assert received.thanked_on is not None
    again = world["sam_api"].post(thank)
    assert again.status_code == 422
    assert "You already thanked Bea Member" in str(field_errors(again))
    (mine,) = world["sam_api"].get(f"/api/groups/{group.pk}/requests").json()["items"]
    assert mine["thanked_at"] == body["thanked_at"]
